"""The one-page CV, printed by WeasyPrint from the portfolio and the current job wishes.

A CV shows only what the person would show an employer: name, phone, email and commune — never
the address, the birth date, benefits, RQTH or anything about health. Nothing is fetched from the
network while printing: the stylesheet is read from the static folder, and the URL fetcher
refuses any address that is not a local static file.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from chemin.jobwishes.enums import JobWishStatus
from chemin.jobwishes.models import JobWish, JobWishRomeJob
from chemin.portfolio.enums import ExperienceKind, SkillKind

if TYPE_CHECKING:
    from chemin.participants.models import Participant
    from chemin.pathways.models import Pathway
    from chemin.portfolio.models import Experience, Skill

CV_STYLESHEET = "css/cv.css"
# At most, on one page: the most recent experiences and the first skills (validated first) are
# enough for an employer; the full portfolio stays on screen.
CV_MAX_EXPERIENCES = 6
CV_MAX_SKILLS = 14
CV_MAX_WISHES = 3
# Trimmed down to these, if need be, to fit one page.
CV_MIN_EXPERIENCES = 2
CV_MIN_SKILLS = 6
WORK_KINDS = {ExperienceKind.PAID_WORK, ExperienceKind.IMMERSION}
OTHER_KINDS = {ExperienceKind.VOLUNTEERING, ExperienceKind.FAMILY_LIFE}

_NOT_ASCII_WORD = re.compile(r"[^A-Za-z0-9]+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})

# WeasyPrint logs every rendering step at INFO: noise in the application's logs.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class LocalOnlyURLFetcher(URLFetcher):
    """Fetch only data: URLs and files under the static folders; refuse everything else."""

    def __init__(self, roots: list[Path], **kwargs: Any) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, **kwargs)
        self.roots = [root.resolve() for root in roots]

    def fetch(self, url: str, headers: dict | None = None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("file:"):
            path = Path(unquote(urlsplit(url).path)).resolve()
            if any(path.is_relative_to(root) for root in self.roots):
                return super().fetch(url, headers)
        raise ValueError(f"The CV may not fetch {url[:80]}")


def _static_roots() -> list[Path]:
    return [Path(directory) for directory in settings.STATICFILES_DIRS]


def cv_filename(participant: Participant) -> str:
    """CV-First-Last.pdf in plain ASCII, whatever the accents and spaces of the name."""

    def ascii_part(text: str) -> str:
        decomposed = (
            unicodedata.normalize("NFKD", text.translate(_LIGATURES)).encode("ascii", "ignore").decode()
        )
        return _NOT_ASCII_WORD.sub("-", decomposed).strip("-")

    parts = [part for part in (ascii_part(participant.first_name), ascii_part(participant.last_name)) if part]
    return "-".join(["CV", *parts]) + ".pdf"


def _job_wishes(pathway: Pathway | None) -> list[JobWish]:
    if pathway is None:
        return []
    rome_links = Prefetch(
        "rome_links", queryset=JobWishRomeJob.objects.select_related("rome_job").order_by("position")
    )
    wishes = (
        pathway.job_wishes.exclude(status=JobWishStatus.SET_ASIDE)
        .prefetch_related(rome_links)
        .order_by("priority", "created_at")
    )
    return list(wishes[:CV_MAX_WISHES])


@dataclass(frozen=True)
class CvContent:
    """Everything the CV may show, read once; ``context`` trims it to fit the page."""

    participant: Participant
    wishes: list[JobWish]
    experiences: list[Experience]
    skills: list[Skill]
    mobility: list[str]

    def context(self, *, max_experiences: int, max_skills: int) -> dict[str, Any]:
        experiences = self.experiences[:max_experiences]
        skills = self.skills[:max_skills]
        return {
            "participant": self.participant,
            "commune": self.participant.commune,
            "wishes": self.wishes,
            "work_experiences": [e for e in experiences if e.kind in WORK_KINDS],
            "other_experiences": [e for e in experiences if e.kind in OTHER_KINDS],
            "trainings": [e for e in experiences if e.kind == ExperienceKind.TRAINING],
            "professional_skills": [s for s in skills if s.kind == SkillKind.PROFESSIONAL],
            "other_skills": [s for s in skills if s.kind != SkillKind.PROFESSIONAL],
            "languages": self.participant.languages,
            "mobility": self.mobility,
        }


def cv_content(participant: Participant, pathway: Pathway | None) -> CvContent:
    """What the CV may show. Four or five queries, whatever the size of the portfolio."""
    mobility = []
    if participant.has_driving_licence:
        mobility.append(_("Driving licence B"))
    if participant.has_vehicle:
        mobility.append(_("Own vehicle"))
    return CvContent(
        participant=participant,
        wishes=_job_wishes(pathway),
        experiences=list(participant.experiences.most_recent_first()[:CV_MAX_EXPERIENCES]),
        skills=list(participant.skills.validated_first()[:CV_MAX_SKILLS]),
        mobility=mobility,
    )


def render_cv_pdf(participant: Participant, pathway: Pathway | None) -> bytes:
    """The CV as PDF bytes, on one A4 page.

    A long portfolio is trimmed until it fits: the oldest experiences first, then the last
    skills (validated ones come first, so they stay). The full portfolio stays on screen.
    """
    content = cv_content(participant, pathway)
    stylesheet_path = finders.find(CV_STYLESHEET)
    fetcher = LocalOnlyURLFetcher(_static_roots())
    stylesheet = CSS(filename=stylesheet_path, url_fetcher=fetcher)
    max_experiences, max_skills = CV_MAX_EXPERIENCES, CV_MAX_SKILLS
    while True:
        html = render_to_string(
            "portfolio/cv.html", content.context(max_experiences=max_experiences, max_skills=max_skills)
        )
        document = HTML(string=html, base_url=str(Path(stylesheet_path).parent), url_fetcher=fetcher).render(
            stylesheets=[stylesheet]
        )
        if len(document.pages) == 1:
            break
        if max_experiences > CV_MIN_EXPERIENCES:
            max_experiences -= 1
        elif max_skills > CV_MIN_SKILLS:
            max_skills -= 2
        else:
            break  # Wishes and contact alone overflow: print as it is rather than lose them.
    return document.write_pdf()
