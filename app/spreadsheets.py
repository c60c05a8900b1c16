"""Tables for Excel: XLSX (openpyxl) and CSV (UTF-8 with BOM), both safe against formula injection.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would run as a formula
when a spreadsheet opens the file (``=HYPERLINK(...)`` calling out, ``=cmd|...`` on old Excel). In XLSX such
text is written as a string cell with Excel's quote prefix, so it shows exactly as typed and never runs;
in CSV, which has no cell types, it gets a leading apostrophe (OWASP's advice).
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | date | datetime | None


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 14  # in characters; Chinese characters count about two


# Characters XML 1.0 does not allow (openpyxl refuses them): a cell holds U+FFFD in their place.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def csv_safe(value: Cell) -> str:
    """A cell's CSV text: dates as ISO dates, formula-like text behind an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if isinstance(value, str) and is_formula_like(text) else text


def to_csv(columns: Sequence[Column], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens Chinese text correctly; CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.header for column in columns])
    for row in rows:
        writer.writerow([csv_safe(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Cell]]


def to_xlsx(title: str, columns: Sequence[Column], rows: Iterable[Sequence[Cell]]) -> bytes:
    """A workbook of one sheet (see :func:`workbook`)."""
    return workbook([Sheet(title, columns, rows)])


def workbook(sheets: Sequence[Sheet]) -> bytes:
    """Sheets with a bold frozen header, dates as real dates, long text wrapped, nothing ever a formula."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for sheet_data in sheets:
        _fill(book.create_sheet(sheet_data.title[:31]), sheet_data)  # 31: Excel's limit
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(sheet: Worksheet, data: Sheet) -> None:
    columns, rows = data.columns, data.rows
    sheet.append([column.header for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column_number)
            if isinstance(value, str):
                # Input refuses these now; text stored before that must not make the sheet fail.
                value = XML_ILLEGAL.sub("\ufffd", value)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would store text starting with "=" as a formula
                cell.quotePrefix = is_formula_like(value)
                if len(value) > 20:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
