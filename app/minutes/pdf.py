"""The printed minutes: Jinja2 → HTML → WeasyPrint, laid out after GB/T 9704-2012.

User text is escaped by the template, and the renderer's URL fetcher is a second wall: it serves only
``data:`` URLs and the app's own ``static/`` files, so nothing in a PDF can make the server read another
file (``file:///etc/passwd``), call the network, or embed a file as an attachment (WeasyPrint advisories
GHSA-35jj-wx47-4w8r, GHSA-983w-rhvv-gwmv, GHSA-jf6q-chmf-3h3v).
"""

import hashlib
import mimetypes
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint import HTML, Attachment
from weasyprint.urls import URLFetcher, URLFetcherResponse

from app.config import PROJECT_ROOT, Settings
from app.i18n import current_locale
from app.minutes import fonts, workers
from app.study_sessions.models import PRESENT_STATUSES
from app.study_sessions.schemas import StudySessionDetail
from app.web import templates

PRINT_CSS = PROJECT_ROOT / "templates" / "minutes" / "pdf" / "print.css"
STATIC_DIR = PROJECT_ROOT / "static"
#: Relative URLs in the print HTML resolve against this, i.e. ``static/emblem.png``.
BASE_URL = STATIC_DIR.parent.as_uri() + "/"


class RefusedURL(ValueError):
    """A URL the minutes renderer will not fetch (WeasyPrint logs it and leaves the resource out)."""


class AppResources(URLFetcher):  # type: ignore[misc]  # untyped base class
    """Serves ``data:`` URLs and files under the app's ``static/`` directory; refuses everything else."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            response = urllib.request.DataHandler().data_open(urllib.request.Request(url))
            return URLFetcherResponse(url, response.read(), dict(response.headers))
        if scheme == "file":
            path = static_file(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
        raise RefusedURL(f"the minutes renderer fetches nothing from the network: {url[:80]}")


def static_file(url: str) -> Path:
    """The file a ``file:`` URL names, if it is one of the app's static files (no escaping by ``..``
    or symbolic links); :class:`RefusedURL` otherwise."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise RefusedURL(f"the minutes renderer reads no remote files: {url[:80]}")
    path = Path(unquote(parts.path)).resolve()
    if not path.is_relative_to(STATIC_DIR.resolve()) or not path.is_file():
        raise RefusedURL(f"the minutes renderer reads only the app's static files: {url[:80]}")
    return path


def fingerprint(minutes: StudySessionDetail) -> str:
    """SHA-256 of the minutes data (the JSON the API returns), as hex."""
    return hashlib.sha256(minutes.model_dump_json().encode()).hexdigest()


def font_variables(settings: Settings) -> str:
    """The configured font stacks as CSS variables (--serif, --sans, --kai) for print stylesheets."""
    return (
        f":root {{ --serif: {settings.pdf_font_serif}; --sans: {settings.pdf_font_sans};"
        f" --kai: {settings.pdf_font_kai}; }}"
    )


def html_to_pdf(html: str, settings: Settings, *, attachment_json: str | None = None) -> bytes:
    """Any printed page of the app: refuses without a Chinese font, fetches only our own resources,
    renders in a worker process (app.minutes.workers).

    ``attachment_json``: print PDF/A-3b with this data attached as ``minutes.json``, for filing.
    """
    fonts.require_chinese(settings)
    return workers.run(settings, write_pdf, html, attachment_json)


def write_pdf(html: str, attachment_json: str | None = None) -> bytes:
    """WeasyPrint itself, in whichever process calls it."""
    options: dict[str, Any] = {}
    if attachment_json is not None:
        data = Attachment(
            string=attachment_json,
            name="minutes.json",
            description="The minutes data this PDF was printed from",
            relationship="Data",
        )
        options = {"pdf_variant": "pdf/a-3b", "attachments": [data]}
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=AppResources())
    pdf: bytes = document.write_pdf(**options)
    return pdf


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
        secretary_outline=minutes.outlines[0] if minutes.outlines else None,
        locale=current_locale.get(),
    )


def render_pdf(minutes: StudySessionDetail, settings: Settings, *, archival: bool = False) -> bytes:
    """The minutes as PDF bytes (a draft carries a 草稿 watermark).

    ``archival``: PDF/A-3b with the minutes data attached as ``minutes.json``, for filing.
    Raises :class:`~app.minutes.fonts.FontsMissing` rather than print Chinese as boxes.
    """
    html = render_html(minutes, settings)
    attachment = minutes.model_dump_json(indent=2) if archival else None
    return html_to_pdf(html, settings, attachment_json=attachment)
