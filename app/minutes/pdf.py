"""The printed minutes: their template and print stylesheet, laid out after GB/T 9704-2012, printed by
``app.printing`` (which fetches nothing but the app's own files)."""

import hashlib
from typing import Any

from app.config import PROJECT_ROOT, Settings
from app.i18n import in_locale
from app.printing.pdf import font_variables, html_to_pdf
from app.study_sessions.models import AttendanceStatus
from app.study_sessions.schemas import StudySessionDetail
from app.text import balanced_lines
from app.web.templating import templates

PRINT_CSS = PROJECT_ROOT / "templates" / "minutes" / "pdf" / "print.css"
TITLE_CHARACTERS = 19  # of 二号 (22 pt) in the 156 mm text block


def fingerprint(minutes: StudySessionDetail) -> str:
    """SHA-256 of the minutes data (the JSON the API returns), as hex."""
    return hashlib.sha256(minutes.model_dump_json().encode()).hexdigest()


def render_html(minutes: StudySessionDetail, settings: Settings) -> str:
    """The minutes' print HTML, in the document language (``YANTAO_DOCUMENT_LOCALE``), whoever
    prints them."""
    css = font_variables(settings) + PRINT_CSS.read_text(encoding="utf-8")
    template = templates.env.get_template("minutes/pdf/minutes.html")
    rounds: dict[int, list[Any]] = {}
    for contribution in minutes.contributions:
        rounds.setdefault(contribution.round, []).append(contribution)
    voting = [a for a in minutes.attendance if not a.is_non_voting]
    with in_locale(settings.document_locale):
        return template.render(
            m=minutes,
            css=css,
            draft=minutes.status != "finalized",
            rounds=sorted(rounds.items()),
            attendees={
                status: [a for a in voting if a.status == status] for status in AttendanceStatus
            },
            non_voting=[a for a in minutes.attendance if a.is_non_voting],
            fingerprint=fingerprint(minutes),
            title_lines=balanced_lines(minutes.title, TITLE_CHARACTERS),
            locale=settings.document_locale,
        )


def render_pdf(minutes: StudySessionDetail, settings: Settings, *, archival: bool = False) -> bytes:
    """The minutes as PDF bytes (a draft carries a 草稿 watermark).

    ``archival``: PDF/A-3b with the minutes data attached as ``minutes.json``, for filing.
    Raises :class:`~app.printing.fonts.FontsMissing` rather than print Chinese as boxes.
    """
    html = render_html(minutes, settings)
    attachment = minutes.model_dump_json(indent=2) if archival else None
    return html_to_pdf(html, settings, attachment_json=attachment)
