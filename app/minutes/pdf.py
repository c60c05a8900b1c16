"""The printed minutes: their template and print stylesheet, laid out after GB/T 9704-2012, printed by
``app.printing`` (which fetches nothing but the app's own files)."""

import hashlib
from typing import Any

from app.config import PROJECT_ROOT, Settings
from app.i18n import current_locale
from app.printing.pdf import font_variables, html_to_pdf
from app.study_sessions.models import PRESENT_STATUSES
from app.study_sessions.schemas import StudySessionDetail
from app.web.templating import templates

PRINT_CSS = PROJECT_ROOT / "templates" / "minutes" / "pdf" / "print.css"


def fingerprint(minutes: StudySessionDetail) -> str:
    """SHA-256 of the minutes data (the JSON the API returns), as hex."""
    return hashlib.sha256(minutes.model_dump_json().encode()).hexdigest()


def render_html(minutes: StudySessionDetail, settings: Settings) -> str:
    css = PRINT_CSS.read_text(encoding="utf-8")
    fonts = font_variables(settings)
    # The fingerprint is hex, so it is safe to write straight into the page rule's footer.
    short = fingerprint(minutes)[:16]
    footer = (
        f'@page {{ @bottom-center {{ content: "指纹 {short}　　第 " counter(page) " 页 共 "'
        f' counter(pages) " 页"; font-family: var(--sans); font-size: 9pt; color: #555; }} }}'
    )
    template = templates.env.get_template("minutes/pdf/minutes.html")
    rounds: dict[int, list[Any]] = {}
    for contribution in minutes.contributions:
        rounds.setdefault(contribution.round, []).append(contribution)
    return template.render(
        m=minutes,
        css=fonts + css + footer,
        draft=minutes.status != "finalized",
        rounds=sorted(rounds.items()),
        absentees=[a for a in minutes.attendance if a.status not in PRESENT_STATUSES],
        non_voting=[a for a in minutes.attendance if a.is_non_voting],
        locale=current_locale.get(),
    )


def render_pdf(minutes: StudySessionDetail, settings: Settings, *, archival: bool = False) -> bytes:
    """The minutes as PDF bytes (a draft carries a 草稿 watermark).

    ``archival``: PDF/A-3b with the minutes data attached as ``minutes.json``, for filing.
    Raises :class:`~app.printing.fonts.FontsMissing` rather than print Chinese as boxes.
    """
    html = render_html(minutes, settings)
    attachment = minutes.model_dump_json(indent=2) if archival else None
    return html_to_pdf(html, settings, attachment_json=attachment)
