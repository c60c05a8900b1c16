"""The monthly report against figures worked out by hand for June 2015, on the page, in the PDF and the XLSX."""

import io
import re
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlmodel import Session, col, select

from app.audit.models import AuditEvent
from app.clock import local_to_utc
from app.rectification.models import ItemStatus, RectificationItem
from tests import factories
from tests.fixtures.databases import Backend, DemoDatabase
from tests.helpers import run_cli


def _local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return local_to_utc(datetime(year, month, day, hour, minute))


@pytest.fixture
def june(client: TestClient, db: Session) -> dict[str, int]:
    """Town T with branches A and B. Items (created / due / closed, in local time):

    a1 A  05-10  due 05-31  open                      → overdue, no June report
    a2 A  06-05  due 06-30  open, June report         → opened, overdue (due the last day)
    a3 A  06-10  due 06-15  closed 06-20              → opened, closed, not overdue
    a4 A  06-30 23:30  no due date                    → opened (still June locally), no June report
    b1 B  04-01  due 12-31  open, June report         → neither
    b2 B  07-03                                       → not in June at all
    b3 B  05-01  due 06-20  closed 07-05              → overdue on 07-01, no June report
    b4 B  07-01 00:30 local (still 06-30 in UTC)      → July, not June
    """
    town = factories.create_organization(db, name="和平镇党委", code="T")
    a = factories.create_organization(db, name="东岭村党支部", parent=town, code="A")
    b = factories.create_organization(db, name="南庄村党支部", parent=town, code="B")
    plan = {
        "a1": (a, _local(2015, 5, 10, 9), date(2015, 5, 31), None),
        "a2": (a, _local(2015, 6, 5, 9), date(2015, 6, 30), None),
        "a3": (a, _local(2015, 6, 10, 9), date(2015, 6, 15), _local(2015, 6, 20, 9)),
        "a4": (a, _local(2015, 6, 30, 23, 30), None, None),
        "b1": (b, _local(2015, 4, 1, 9), date(2015, 12, 31), None),
        "b2": (b, _local(2015, 7, 3, 9), None, None),
        "b3": (b, _local(2015, 5, 1, 9), date(2015, 6, 20), _local(2015, 7, 5, 9)),
        "b4": (b, _local(2015, 7, 1, 0, 30), None, None),
    }
    ids = {}
    for key, (organization, _, _, _) in plan.items():
        body = {"organization_id": organization.id, "problem": f"问题{key}", "source": "ordered"}
        ids[key] = client.post("/api/v1/rectification-items", json=body).json()["id"]
    for key in ("a2", "b1"):
        report = {"month": "2015-06", "text": f"{key}六月进展", "percent": 50}
        client.post(f"/api/v1/rectification-items/{ids[key]}/progress", json=report)
    db.rollback()
    for key, (_, created, due, closed) in plan.items():
        item = db.get(RectificationItem, ids[key])
        assert item is not None
        item.created_at, item.due_on = created, due
        if closed is not None:
            item.status, item.closed_at, item.result = ItemStatus.closed, closed, "已整改"
        db.add(item)
    db.commit()
    return {"town": town.id or 0, "a": a.id or 0, **ids}


SUBTREE = {"opened": 3, "closed": 1, "overdue": 3, "progress": 2, "without_progress": 3}
BRANCH_A = {"opened": 3, "closed": 1, "overdue": 2, "progress": 1, "without_progress": 2}


def _figures(html: str) -> dict[str, int]:
    return {name: int(value) for name, value in re.findall(r'data-figure="(\w+)">(\d+)<', html)}


def test_the_page_shows_the_hand_computed_figures(client: TestClient, june: dict[str, int]) -> None:
    town = client.get(
        "/reports/monthly",
        params={"organization_id": june["town"], "month": "2015-06", "include_subtree": "on"},
    )
    branch = client.get(
        "/reports/monthly", params={"organization_id": june["a"], "month": "2015-06"}
    )

    assert town.status_code == 200
    assert _figures(town.text) == SUBTREE
    assert _figures(branch.text) == BRANCH_A
    assert "截至2015年7月1日逾期" in town.text
    assert "<svg" in town.text  # the charts
    assert "东岭村党支部" in town.text
    for key in ("a2", "a3", "a4"):
        assert f"问题{key}" in town.text
    assert "问题b2" not in town.text
    assert "问题b4" not in town.text


def _lines(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.commits
def test_the_pdf_and_the_xlsx_say_the_same(
    client: TestClient, june: dict[str, int], tmp_path: Path, db: Session, backend: Backend
) -> None:
    params: dict[str, str | int] = {
        "organization_id": june["town"],
        "month": "2015-06",
        "include_subtree": "on",
    }

    pdf = client.get("/reports/monthly.pdf", params=params)
    xlsx = client.get("/reports/monthly.xlsx", params=params)

    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf.content)
    text = re.sub(
        r"\s+",
        "",
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout,
    )
    assert "整改工作月报（2015年6月）" in text
    assert not re.search(r"\d{4}-\d{2}", text)  # months and dates in Chinese only
    assert "yantao" not in text  # no shell command in a filed document
    # 序号 runs on through a table, not per organization (a2 is 东岭's second item, b1 南庄's first)
    progress = re.findall(r"(?m)^(\d+)\s+\S+党支部\s+问题(\w+)\s+\d+%", _lines(path))
    assert progress == [("1", "a2"), ("2", "b1")]
    assert "本月新增3" in text
    assert "本月销号1" in text
    assert "截至2015年7月1日逾期3" in text
    assert "本月报送进展2" in text
    assert "本月未报送进展的事项3" in text
    assert "a2六月进展" in text
    # the filed copy anchors the audit log as it was
    db.rollback()
    newest = db.exec(select(AuditEvent).order_by(col(AuditEvent.id).desc())).first()
    assert newest is not None
    anchor = f"{newest.id}:{newest.hash}"
    assert f"审计日志锚点：{anchor}" in text
    assert run_cli(backend.url, "audit", "verify", "--anchor", anchor).returncode == 0
    workbook = load_workbook(io.BytesIO(xlsx.content))
    summary = {row[0]: row[1] for row in workbook["汇总"].iter_rows(min_row=2, values_only=True)}
    assert summary["本月新增"] == 3
    assert summary["本月销号"] == 1
    assert summary["逾期（截至2015-07-01）"] == 3
    assert summary["本月报送进展"] == 2
    assert summary["本月未报送进展"] == 3
    june_row = next(
        r for r in workbook["逐月情况"].iter_rows(values_only=True) if r[0] == "2015-06"
    )
    # opened, closed, closed so far, open on time (a4, b1), overdue (a1, a2, b3)
    assert june_row == ("2015-06", 3, 1, 1, 2, 3)
    overdue = [str(row[2]) for row in workbook["逾期"].iter_rows(min_row=2, values_only=True)]
    assert sorted(overdue) == ["问题a1", "问题a2", "问题b3"]


def test_a_bad_month_is_shown_next_to_its_field(client: TestClient, june: dict[str, int]) -> None:
    page = client.get(
        "/reports/monthly", params={"organization_id": june["town"], "month": "2015-6"}
    )
    pdf = client.get(
        "/reports/monthly.pdf", params={"organization_id": june["town"], "month": "2015-6"}
    )

    assert page.status_code == 422
    assert 'id="report-month-error"' in page.text
    assert pdf.status_code == 422


def test_report_monthly_command(demo_database: DemoDatabase, tmp_path: Path) -> None:
    written = run_cli(
        demo_database.path,
        "report",
        "monthly",
        "--month",
        "2015-11",
        "--org",
        "cx-hp-dl",
        "-o",
        str(tmp_path / "report.xlsx"),
    )
    bad = run_cli(
        demo_database.path,
        "report",
        "monthly",
        "--month",
        "2015-13",
        "--org",
        "cx-hp-dl",
        "-o",
        str(tmp_path / "report.pdf"),
    )

    assert written.returncode == 0, written.stderr
    assert "1 overdue, 2 progress reports" in written.stdout
    assert load_workbook(tmp_path / "report.xlsx")["汇总"]["B7"].value == 2
    assert bad.returncode == 1
    assert bad.stderr.strip() == "error: --month '2015-13': give a month as YYYY-MM, e.g. 2015-06"
    assert not (tmp_path / "report.pdf").exists()


def test_the_word_report_holds_the_printed_reports_text(
    client: TestClient, june: dict[str, int], tmp_path: Path
) -> None:
    params: dict[str, str | int] = {
        "organization_id": june["town"],
        "month": "2015-06",
        "include_subtree": "on",
    }
    docx = client.get("/reports/monthly.docx", params=params)
    pdf = client.get("/reports/monthly.pdf", params=params)

    assert docx.status_code == 200
    assert "attachment" in docx.headers["content-disposition"]
    document = Document(io.BytesIO(docx.content))
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf.content)
    printed = re.sub(r"\s+", "", _lines(path))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts[:3] == [
        "和平镇党委（含下级组织）",
        "整改工作月报（2015年6月）",
        "2015年6月1日 – 2015年6月30日",
    ]
    headings = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert headings[1:] == [
        "本月新增（3）", "本月销号（1）", "逾期事项（3）", "本月报送进展（2）", "本月未报送进展的事项（3）"
    ]  # fmt: skip
    for heading in headings[1:]:
        assert heading in printed
    cells = [cell.text for table in document.tables for row in table.rows[1:] for cell in row.cells]
    assert "2015年6月30日" in cells
    assert all(re.sub(r"\s+", "", cell) in printed for cell in cells), cells
    assert [row.cells[0].text for row in document.tables[4].rows[1:]] == ["1", "2"]  # progress


def test_the_api_answers_the_pages_figures_and_its_errors_as_json(
    client: TestClient, june: dict[str, int]
) -> None:
    """``GET /api/v1/reports/monthly``: the page's figures as JSON; a bad month or a foreign
    organization as a JSON error naming the field."""
    town = client.get(
        "/api/v1/reports/monthly",
        params={"organization_id": june["town"], "month": "2015-06", "include_subtree": True},
    )
    branch = client.get(
        "/api/v1/reports/monthly", params={"organization_id": june["a"], "month": "2015-06"}
    )
    bad_month = client.get(
        "/api/v1/reports/monthly", params={"organization_id": june["a"], "month": "6/2015"}
    )
    missing = client.get(
        "/api/v1/reports/monthly", params={"organization_id": 999_999, "month": "2015-06"}
    )

    assert town.status_code == 200, town.text
    figures = {name: len(town.json()[name]) for name in SUBTREE}
    assert figures == SUBTREE
    assert {name: len(branch.json()[name]) for name in BRANCH_A} == BRANCH_A
    assert town.json()["cutoff"] == "2015-07-01"
    assert bad_month.status_code == 422
    assert bad_month.headers["content-type"].startswith("application/json")
    assert bad_month.json()["error"]["fields"][0]["field"] == "month"
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "organization_not_found"
