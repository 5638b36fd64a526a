"""ROME job search from the words people use: accents, gender forms, typos and codes.

The 1,584 ROME jobs are few enough to rank in Python, which gives the same results on SQLite and
PostgreSQL. Each process keeps an index built from the database labels and the project's
synonym table (data/rome/synonymes.csv). A cheap version query (row count, last update) on every
search tells a process when another one reloaded the data, so no worker serves a stale index.

Ranking, best first:
1. jobs matching more of the query's words;
2. the query is one of the job's names (label in either gender, or a synonym), then a name
   starting with the query;
3. word quality: exact word > same word in another gender or number > prefix > typo;
4. shorter labels (the general job before its specialisations), then the code.
"""

from __future__ import annotations

import bisect
import csv
import re
import threading
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max
from rapidfuzz import fuzz, process

from chemin.referentials.models import RomeJob
from chemin.referentials.text import normalize, stem, words

SYNONYMS_FILE = "synonymes.csv"
MAX_QUERY_LENGTH = 100

# "d1505", "D15", "k 13": a code or the start of one (domain letter, then digits).
_CODE_PREFIX = re.compile(r"[a-n][0-9]{1,4}")

# Word match qualities (see the module docstring); a typo never outranks a prefix.
_EXACT = 1.0
_SAME_STEM = 0.95
_PREFIX = 0.8  # up to 0.9 as the typed prefix covers more of the word
_TYPO_MAX = 0.75
_TYPO_MIN_LENGTH = 5  # below, one wrong letter makes another word ("aide" / "aine")
_TYPO_CUTOFF = 80  # rapidfuzz ratio, 0–100


def read_synonyms(path: Path) -> dict[str, list[str]]:
    """The synonym table: everyday word -> ROME codes, most likely first. "#" lines are comments."""
    with path.open(encoding="utf-8") as file:
        lines = [line for line in file if line.strip() and not line.lstrip().startswith("#")]
    synonyms: dict[str, list[str]] = {}
    for row in csv.DictReader(lines):
        synonyms.setdefault(row["terme"].strip(), []).extend(row["codes_rome"].upper().split())
    return synonyms


@lru_cache(maxsize=4)
def _synonyms_by_code(path: Path, mtime_ns: int) -> dict[str, tuple[tuple[str, int], ...]]:
    """ROME code -> (synonym, rank of the code among that synonym's codes, 0 = most likely)."""
    by_code: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for term, codes in read_synonyms(path).items():
        for rank, code in enumerate(codes):
            by_code[code].append((term, rank))
    return {code: tuple(terms) for code, terms in by_code.items()}


@dataclass(frozen=True)
class _Entry:
    code: str
    label_length: int
    words: frozenset[str]
    # Stem sequences of the job's names — its label (both genders folded) and each synonym — with
    # the job's rank for that name (a synonym may list several codes, most likely first).
    names: tuple[tuple[tuple[str, ...], int], ...]


@dataclass(frozen=True)
class _Query:
    code_prefix: str | None
    words: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not self.code_prefix and not self.words


def _parse(query: str) -> _Query:
    text = normalize(query[:MAX_QUERY_LENGTH])
    compact = text.replace(" ", "")
    if _CODE_PREFIX.fullmatch(compact):
        return _Query(code_prefix=compact.upper(), words=())
    return _Query(code_prefix=None, words=tuple(dict.fromkeys(words(text))))


def _name(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(stem(word) for word in words(text)))


class RomeIndex:
    def __init__(
        self, jobs: list[tuple[str, str]], synonyms: dict[str, tuple[tuple[str, int], ...]], version: tuple
    ) -> None:
        self.version = version
        self.entries: dict[str, _Entry] = {}
        self.codes = sorted(code for code, _label in jobs)
        by_word: dict[str, set[str]] = defaultdict(set)
        for code, label in jobs:
            terms = synonyms.get(code, ())
            job_words = frozenset(words(label)).union(*(words(term) for term, _rank in terms))
            names = ((_name(label), 0), *((_name(term), rank) for term, rank in terms))
            self.entries[code] = _Entry(code, len(label), job_words, names)
            for word in job_words:
                by_word[word].add(code)
        self.by_word = dict(by_word)
        self.vocabulary = sorted(self.by_word)
        self.by_stem: dict[str, list[str]] = defaultdict(list)
        for word in self.vocabulary:
            self.by_stem[stem(word)].append(word)

    def search(self, query: _Query, limit: int) -> list[str]:
        if query.code_prefix:
            start = bisect.bisect_left(self.codes, query.code_prefix)
            found = []
            for code in self.codes[start:]:
                if not code.startswith(query.code_prefix) or len(found) == limit:
                    break
                found.append(code)
            return found
        if not query.words:
            return []
        matches = [self._match_word(word) for word in query.words]
        candidates = set().union(*(self.by_word[word] for match in matches for word in match))
        query_name = tuple(dict.fromkeys(stem(word) for word in query.words))
        ranked = sorted(self._rank(self.entries[code], matches, query_name) for code in candidates)
        return [key[-1] for key in ranked[:limit]]

    def _match_word(self, word: str) -> dict[str, float]:
        """Every vocabulary word this query word may stand for, with the quality of the match."""
        found: dict[str, float] = {}

        def keep(candidate: str, quality: float) -> None:
            found[candidate] = max(found.get(candidate, 0.0), quality)

        if len(word) >= _TYPO_MIN_LENGTH:
            for candidate, score, _position in process.extract(
                word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=_TYPO_CUTOFF, limit=None
            ):
                keep(candidate, _TYPO_MAX * score / 100)
        if len(word) >= 2:
            start = bisect.bisect_left(self.vocabulary, word)
            for candidate in self.vocabulary[start:]:
                if not candidate.startswith(word):
                    break
                keep(candidate, _PREFIX + 0.1 * len(word) / len(candidate))
        for candidate in self.by_stem.get(stem(word), ()):
            keep(candidate, _SAME_STEM)
        if word in self.by_word:
            keep(word, _EXACT)
        return found

    @staticmethod
    def _rank(entry: _Entry, matches: list[dict[str, float]], query_name: tuple[str, ...]) -> tuple:
        qualities = [max((match.get(word, 0.0) for word in entry.words), default=0.0) for match in matches]
        matched = sum(1 for quality in qualities if quality > 0)
        level, rank = _name_match(entry.names, query_name)
        return (-matched, -level, rank, -sum(qualities), entry.label_length, entry.code)


def _name_match(
    names: tuple[tuple[tuple[str, ...], int], ...], query_name: tuple[str, ...]
) -> tuple[int, int]:
    """How well the query names the job, and the job's rank for that name.

    Level 2 when the query is one of the names, 1 when a name starts with it (the last word may
    be typed in part), 0 otherwise.
    """
    best = (0, 0)
    head, last = query_name[:-1], query_name[-1]
    for name, rank in names:
        if name == query_name:
            level = 2
        elif len(name) >= len(query_name) and name[: len(head)] == head and name[len(head)].startswith(last):
            level = 1
        else:
            continue
        if (level, -rank) > (best[0], -best[1]):
            best = (level, rank)
    return best


_index: RomeIndex | None = None
_lock = threading.Lock()


def _synonyms_path() -> Path:
    return Path(settings.BASE_DIR) / "data" / "rome" / SYNONYMS_FILE


def _current_index() -> RomeIndex:
    """This process's index, rebuilt when the table or the synonym file changed (one query)."""
    global _index
    path = _synonyms_path()
    state = RomeJob.objects.aggregate(count=Count("code"), last=Max("updated_at"))
    version = (state["count"], state["last"], path.stat().st_mtime_ns)
    with _lock:
        if _index is None or _index.version != version:
            jobs = list(RomeJob.objects.values_list("code", "label"))
            _index = RomeIndex(jobs, _synonyms_by_code(path, version[2]), version)
        return _index


def clear_rome_index() -> None:
    """Forget this process's index; the next search rebuilds it."""
    global _index
    with _lock:
        _index = None


def search_rome(query: str, limit: int = 10) -> list[RomeJob]:
    """ROME jobs for what a person typed: words in any form, or a code or its start ("D15").

    Two queries (index version, then the jobs with their domain), three when the index is rebuilt;
    none for an empty query.
    """
    parsed = _parse(query)
    if parsed.is_empty or limit <= 0:
        return []
    codes = _current_index().search(parsed, limit)
    if not codes:
        return []
    jobs = RomeJob.objects.select_related("domain").in_bulk(codes)
    return [jobs[code] for code in codes if code in jobs]
