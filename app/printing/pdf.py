"""HTML → PDF with WeasyPrint, for every printed document of the app.

User text is escaped by the templates, and the renderer's URL fetcher is a second wall: it serves only
``data:`` URLs and the app's own ``static/`` files, so nothing in a PDF can make the server read another
file (``file:///etc/passwd``), call the network, or embed a file as an attachment (WeasyPrint advisories
GHSA-35jj-wx47-4w8r, GHSA-983w-rhvv-gwmv, GHSA-jf6q-chmf-3h3v).
"""

import mimetypes
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint import HTML, Attachment
from weasyprint.urls import URLFetcher, URLFetcherResponse

from app.config import PROJECT_ROOT, Settings
from app.i18n import in_locale
from app.printing import compact_fonts, fonts, justify, queue, workers
from app.web.templating import render_document

STATIC_DIR = PROJECT_ROOT / "static"
justify.install()  # Chinese lines flush at both edges (see app.printing.justify)
compact_fonts.install()  # CJK faces embedded as small as their glyphs (app.printing.compact_fonts)
#: Relative URLs in the print HTML resolve against this, i.e. ``static/emblem.png``.
BASE_URL = STATIC_DIR.parent.as_uri() + "/"


class RefusedURL(ValueError):
    """A URL the renderer will not fetch (WeasyPrint logs it and leaves the resource out)."""


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


def font_variables(settings: Settings) -> str:
    """The configured font stacks as CSS variables (--serif, --sans, --kai) for print stylesheets."""
    return (
        f":root {{ --serif: {settings.pdf_font_serif}; --sans: {settings.pdf_font_sans};"
        f" --kai: {settings.pdf_font_kai}; }}"
    )


def html_to_pdf(
    html: str,
    settings: Settings,
    *,
    attachment_json: str | None = None,
    attachment_name: str = "minutes.json",
) -> bytes:
    """Any printed page of the app: refuses without a Chinese font, fetches only our own resources,
    renders in a worker process (app.printing.workers) when the fair queue gives it its turn; a draft
    printed before, unchanged, comes from the cache (app.printing.queue).

    ``attachment_json``: print PDF/A-3b with this data attached as ``attachment_name``, for filing.
    """
    fonts.require_chinese(settings)
    if attachment_json is not None:  # archival: stored as printed, never asked for twice
        return workers.run(
            settings, write_pdf, html, attachment_json, attachment_name, size=len(html)
        )
    return queue.DRAFTS.get_or_render(
        queue.DraftCache.key(html),
        settings.pdf_cache_mb * 1024 * 1024,
        lambda: workers.run(settings, write_pdf, html, None, size=len(html)),
    )


def write_pdf(
    html: str, attachment_json: str | None = None, attachment_name: str = "minutes.json"
) -> bytes:
    """WeasyPrint itself, in whichever process calls it."""
    options: dict[str, Any] = {}
    if attachment_json is not None:
        data = Attachment(
            string=attachment_json,
            name=attachment_name,
            description="The data this PDF was printed from",
            relationship="Data",
        )
        options = {"pdf_variant": "pdf/a-3b", "attachments": [data]}
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=AppResources())
    pdf: bytes = document.write_pdf(**options)
    return pdf


def print_template(template: str, stylesheet: Path, settings: Settings, **context: Any) -> bytes:
    """A document from a template and its print stylesheet, in the configured fonts, as PDF."""
    css = font_variables(settings) + stylesheet.read_text(encoding="utf-8")
    with in_locale(settings.document_locale):
        html = render_document(template, css=css, **context)
    return html_to_pdf(html, settings)
