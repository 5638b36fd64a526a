"""Matching participants and opportunities, explained (DESIGN.md §5.3, issue 5 point 4).

Pure scoring code: no models, no database access. Callers build ``profiles`` from their models
and call ``matcher.evaluate`` / ``rank_jobs`` / ``rank_candidates``. Every rule and weight lives
in ``rules.py``.
"""
