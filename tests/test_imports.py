"""Importing organizations and people: every bad row named with its reason, nothing written unless all are good."""

import io
from pathlib import Path

from fastapi.testclient import TestClient
from openpyxl import Workbook
from sqlmodel import Session

from tests import factories
from tests.fixtures.databases import DemoDatabase
from tests.helpers import row_counts, run_cli

PEOPLE_CSV = """姓名,党组织代码,职务,委员职务,党员,一把手
韩明华,DL,村党支部书记,书记,是,是
曹丽娟,DL,村文书,委员,是,否
,DL,无名氏,,是,否
许国平,NOWHERE,家庭农场主,,是,否
邓永福,DL,退休教师,组长,是,否
林德福,DL,村委委员,,是,否
"""


def _xlsx(rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_three_bad_rows_write_nothing_and_are_named(client: TestClient, db: Session) -> None:
    factories.create_organization(db, name="东岭村党支部", code="DL")
    before = row_counts(db)

    response = client.post(
        "/api/v1/imports/people",
        files={"file": ("党员名册.csv", PEOPLE_CSV.encode("utf-8-sig"), "text/csv")},
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "import_rows_invalid"
    assert [(r["row"], r["field"]) for r in error["rows"]] == [
        (4, "name"),
        (5, "organization_code"),
        (6, "committee_role"),
    ]
    assert "NOWHERE" in error["rows"][1]["reason"]
    assert row_counts(db) == before


def test_a_dry_run_checks_and_writes_nothing_then_the_import_writes_all(
    client: TestClient, db: Session
) -> None:
    factories.create_organization(db, name="和平镇党委", code="HP")
    workbook = _xlsx(
        [
            ["代码", "名称", "类型", "上级代码", "软弱涣散"],
            ["HP-DL", "东岭村党支部", "党支部", "HP", "否"],
            ["HP-NZ", "南庄村党支部", "党支部", "HP", "是"],
            ["HP-NZ-1", "南庄村第一党小组", "党支部", "HP-NZ", ""],
        ]
    )
    before = row_counts(db)

    dry = client.post(
        "/api/v1/imports/organizations",
        params={"dry_run": "true"},
        files={"file": ("组织.xlsx", workbook, "application/octet-stream")},
    )
    after_dry_run = row_counts(db)
    real = client.post(
        "/api/v1/imports/organizations",
        files={"file": ("组织.xlsx", workbook, "application/octet-stream")},
    )

    assert dry.status_code == 200, dry.text
    assert dry.json() == {"kind": "organizations", "rows": 3, "created": 0, "dry_run": True}
    assert after_dry_run == before
    assert real.status_code == 200, real.text
    assert real.json()["created"] == 3
    assert row_counts(db)["organization"] == before["organization"] + 3
    weak = client.get("/api/v1/organizations", params={"limit": 50}).json()["items"]
    assert {o["code"]: o["is_weak_unit"] for o in weak}["HP-NZ"] is True


def test_duplicate_codes_and_unreadable_files_are_refused(client: TestClient, db: Session) -> None:
    factories.create_organization(db, name="和平镇党委", code="HP")
    duplicate = "代码,名称,类型,上级代码\nHP,和平镇党委,党委,HP\nX1,甲,党支部,HP\nX1,乙,党支部,HP\n"

    refused = client.post(
        "/api/v1/imports/organizations", files={"file": ("o.csv", duplicate.encode(), "text/csv")}
    )
    garbage = client.post(
        "/api/v1/imports/organizations", files={"file": ("o.xlsx", b"not a workbook", "text/plain")}
    )

    assert [(r["row"], r["field"]) for r in refused.json()["error"]["rows"]] == [
        (2, "code"),
        (4, "code"),
    ]
    assert garbage.status_code == 422
    assert garbage.json()["error"]["code"] == "import_file_unreadable"


def test_import_command_dry_run_and_bad_rows(demo_database: DemoDatabase, tmp_path: Path) -> None:
    good = tmp_path / "people.csv"
    good.write_text("姓名,党组织代码\n新党员,cx-hp-dl\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,党组织代码\n,cx-hp-dl\n某人,NOWHERE\n", encoding="utf-8")

    dry = run_cli(demo_database.path, "import", "people", str(good), "--dry-run")
    refused = run_cli(demo_database.path, "import", "people", str(bad))

    assert dry.returncode == 0, dry.stderr
    assert "1 rows checked, all valid; dry run: nothing written" in dry.stdout
    assert refused.returncode == 1
    assert "row 2, name:" in refused.stdout
    assert "row 3, organization_code:" in refused.stdout
    assert refused.stderr.strip() == "error: 2 of 2 rows are invalid; nothing was imported"


def test_the_same_people_imported_twice_are_named_as_duplicates_in_the_dry_run(
    client: TestClient, db: Session
) -> None:
    """The second upload of a roster reports every person already on file (same name in the same
    organization); namesakes with different 党员编号 are two people; a number twice is one person."""
    factories.create_organization(db, name="东岭村党支部", code="DL")
    roster = "姓名,党组织代码,职务\n韩明华,DL,村党支部书记\n曹丽娟,DL,村文书\n".encode("utf-8-sig")
    first = client.post("/api/v1/imports/people", files={"file": ("名册.csv", roster, "text/csv")})
    before = row_counts(db)
    again = client.post(
        "/api/v1/imports/people",
        params={"dry_run": "true"},
        files={"file": ("名册.csv", roster, "text/csv")},
    )
    numbered = (
        "姓名,党员编号,党组织代码\n王建国,3301001,DL\n王建国,3301002,DL\n李国强,3301002,DL\n"
    ).encode("utf-8-sig")
    namesakes = client.post(
        "/api/v1/imports/people", files={"file": ("编号.csv", numbered, "text/csv")}
    )
    page = client.post(
        "/imports",
        data={"kind": "people", "dry_run": "on"},
        files={"file": ("名册.csv", roster, "text/csv")},
    )

    assert first.status_code == 200, first.text
    assert first.json()["created"] == 2
    assert again.status_code == 422
    rows = again.json()["error"]["rows"]
    assert [(r["row"], r["field"]) for r in rows] == [(2, "name"), (3, "name")]
    assert "韩明华" in rows[0]["reason"]
    assert "东岭村党支部" in rows[0]["reason"]
    assert row_counts(db) == before
    assert namesakes.status_code == 422
    [repeat] = namesakes.json()["error"]["rows"]
    assert (repeat["row"], repeat["field"]) == (4, "member_number")  # 3301002 is row 3's 王建国
    assert "第3行" in repeat["reason"]
    assert page.status_code == 422
    assert "已有此人" in page.text
