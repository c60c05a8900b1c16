"""The reports as Word documents (.docx), rendered with docxtpl from ``templates/word/report.docx``
(or the office's own: ``YANTAO_WORD_TEMPLATE_REPORT``): issuer, title and period from the template's
tags, the tables built here in its "Table Grid" and "Table Text" styles."""

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from docxtpl import DocxTemplate

from app.config import PROJECT_ROOT, Settings

DEFAULT_TEMPLATE = PROJECT_ROOT / "templates" / "word" / "report.docx"


@dataclass(frozen=True)
class Table:
    caption: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    empty: str = "无。"


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
    body = document.new_subdoc()
    for table in tables:
        body.add_paragraph(table.caption, style="Heading 1")
        if not table.rows:
            body.add_paragraph(table.empty, style="Plain")
            continue
        grid = body.add_table(rows=1, cols=len(table.headers))
        grid.style = "Table Grid"
        for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
            cell.paragraphs[0].text = header
            cell.paragraphs[0].style = "Table Text"
        for row in table.rows:
            cells = grid.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.paragraphs[0].text = value
                cell.paragraphs[0].style = "Table Text"
    context = {"issuer": issuer, "title": title, "period": period, "body": body, "anchor": anchor}
    document.render(context, autoescape=True)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
