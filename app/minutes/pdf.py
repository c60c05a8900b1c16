"""The printed minutes: Jinja2 → HTML → WeasyPrint, laid out after GB/T 9704-2012.

The renderer fetches nothing: the print CSS is inlined and every URL is refused, so text typed by users
can never make the server read a file or call the network.
"""

import hashlib
from typing import Any

from weasyprint import HTML, Attachment
from weasyprint.urls import URLFetcher

from app.config import PROJECT_ROOT, Settings
from app.i18n import current_locale
from app.study_sessions.models import PRESENT_STATUSES
from app.study_sessions.schemas import StudySessionDetail
from app.web import templates

PRINT_CSS = PROJECT_ROOT / "templates" / "minutes" / "pdf" / "print.css"


class NoFetching(URLFetcher):  # type: ignore[misc]  # untyped base class
    """Refuses every URL (images, stylesheets, fonts by URL): the minutes need none."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        raise ValueError(f"the minutes renderer fetches no resources: {url[:80]}")


def fingerprint(minutes: StudySessionDetail) -> str:
    """SHA-256 of the minutes data (the JSON the API returns), as hex."""
    return hashlib.sha256(minutes.model_dump_json().encode()).hexdigest()


def render_html(minutes: StudySessionDetail, settings: Settings) -> str:
    css = PRINT_CSS.read_text(encoding="utf-8")
    fonts = (
        f":root {{ --serif: {settings.pdf_font_serif}; --sans: {settings.pdf_font_sans};"
        f" --kai: {settings.pdf_font_kai}; }}"
    )
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
        secretary_outline=minutes.outlines[0] if minutes.outlines else None,
        locale=current_locale.get(),
    )


def render_pdf(minutes: StudySessionDetail, settings: Settings, *, archival: bool = False) -> bytes:
    """The minutes as PDF bytes (a draft carries a 草稿 watermark).

    ``archival``: PDF/A-3b with the minutes data attached as ``minutes.json``, for filing.
    """
    html = render_html(minutes, settings)
    document = HTML(string=html, base_url=str(PROJECT_ROOT), url_fetcher=NoFetching())
    options: dict[str, Any] = {}
    if archival:
        data = Attachment(
            string=minutes.model_dump_json(indent=2),
            name="minutes.json",
            description="The minutes data this PDF was printed from",
            relationship="Data",
        )
        options = {"pdf_variant": "pdf/a-3b", "attachments": [data]}
    pdf: bytes = document.write_pdf(**options)
    return pdf
