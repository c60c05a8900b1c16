"""The reports as Word documents (.docx), rendered with docxtpl from ``templates/word/report.docx``
(or the office's own: ``YANTAO_WORD_TEMPLATE_REPORT``) and the circular from ``circular.docx``
(``YANTAO_WORD_TEMPLATE_CIRCULAR``): the text from the template's tags, the tables built here in its
"Table Grid" and "Table Text" styles."""

from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from app.config import PROJECT_ROOT, Settings

DEFAULT_TEMPLATE = PROJECT_ROOT / "templates" / "word" / "report.docx"
CIRCULAR_TEMPLATE = PROJECT_ROOT / "templates" / "word" / "circular.docx"


@dataclass(frozen=True)
class Table:
    caption: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    empty: str = "无。"


class _Tables(HTMLParser):
    """The tables of a report's HTML body (the same one the PDF prints) with their captions: an
    ``<h2>`` or ``<caption>`` names the next table; a ``<p class="empty">`` stands for an empty one."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self._caption = ""
        self._headers: list[str] = []
        self._rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._text: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "caption", "th", "td") or (tag == "p" and ("class", "empty") in attrs):
            self._text = []
        elif tag == "table":
            self._headers, self._rows = [], []
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        text = " ".join("".join(self._text or []).split())
        if tag in ("h2", "caption"):
            self._caption, self._text = text, None
        elif tag == "p" and self._text is not None:
            self.tables.append(Table(self._caption, [], [], text))
            self._text = None
        elif tag in ("th", "td") and self._row is not None:
            self._row.append(text)
            self._text = None
        elif tag == "thead":
            self._in_head = False
        elif tag == "tr" and self._row is not None:
            if self._in_head:
                self._headers = self._row
            else:
                self._rows.append(self._row)
            self._row = None
        elif tag == "table":
            self.tables.append(Table(self._caption, self._headers, self._rows))


def tables_of(html: str) -> list[Table]:
    """Word tables from the HTML body a report's PDF is printed from (its text, cell by cell)."""
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def template_path(settings: Settings) -> Path:
    return (
        Path(settings.word_template_report) if settings.word_template_report else DEFAULT_TEMPLATE
    )


def render(
    settings: Settings,
    *,
    issuer: str,
    title: str,
    period: str,
    tables: Sequence[Table],
    anchor: str = "",
) -> bytes:
    document = DocxTemplate(str(template_path(settings)))
    body = _tables(document, tables)
    context = {"issuer": issuer, "title": title, "period": period, "body": body, "anchor": anchor}
    return _rendered(document, context)


def _tables(document: DocxTemplate, tables: Sequence[Table], heading: str = "Heading 1") -> Any:
    """A subdocument of captioned tables in the template's "Table Grid" and "Table Text" styles."""
    body = document.new_subdoc()
    for table in tables:
        body.add_paragraph(table.caption, style=heading)
        if not table.rows:
            body.add_paragraph(table.empty, style="Plain")
            continue
        columns = len(table.headers) or max(len(row) for row in table.rows)
        grid = body.add_table(rows=0, cols=columns)
        grid.style = "Table Grid"
        for row in [table.headers, *table.rows] if table.headers else table.rows:
            for cell, value in zip(grid.add_row().cells, row, strict=True):
                cell.paragraphs[0].text = value
                cell.paragraphs[0].style = "Table Text"
    return body


def _rendered(document: DocxTemplate, context: dict[str, Any]) -> bytes:
    document.render(context, autoescape=True)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_circular(settings: Settings, context: dict[str, Any], details: Sequence[Table]) -> bytes:
    """The circular from ``templates/word/circular.docx`` (or ``YANTAO_WORD_TEMPLATE_CIRCULAR``): the
    公文's parts from ``context``, its summary table and the attachment's tables built here."""
    path = settings.word_template_circular or str(CIRCULAR_TEMPLATE)
    document = DocxTemplate(path)
    summary = context["summary"]
    return _rendered(
        document,
        context
        | {
            "summary": _tables(document, [summary], heading="Caption"),
            "details": _tables(document, details, heading="Heading 2"),
        },
    )
