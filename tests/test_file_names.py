"""A downloaded or exported file's name is built from a safe subset of characters: a title or an
organization's name can never put a path, a quote or a control character into it."""

import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.minutes.export import file_name
from app.text import safe_file_name
from tests import factories

HOSTILE = '../../etc/passwd"; x=1\\..\\win.ini:*?<>|\t'


def _name(response: Any) -> str:
    header = response.headers["content-disposition"]
    match = re.search(r"filename\*=UTF-8''([^;]+)", header)
    assert match, header
    return unquote(match.group(1))


def _safe(name: str) -> None:
    assert "/" not in name, name
    assert "\\" not in name, name
    assert ".." not in name, name
    assert not set(name) & set('"*:<>?|;\t\r\n'), name
    assert not name.startswith((".", "-", "_")), name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("专题组织生活会：对照“三严三实”", "专题组织生活会_对照_三严三实.pdf"),
        (HOSTILE, "etc_passwd_x_1_win_ini.pdf"),
        ("...", "_.pdf"),
        ("", "_.pdf"),
    ],
)
def test_safe_file_names(text: str, expected: str) -> None:
    assert safe_file_name(text, "pdf") == expected


def test_the_minutes_download_and_the_export_name_no_path(client: TestClient, db: Session) -> None:
    branch = factories.create_organization(db, name="东岭村/党支部")
    meeting = factories.create_study_session(db, branch, title=HOSTILE)

    download = client.get(f"/api/v1/study-sessions/{meeting.id}/minutes.pdf")

    assert download.status_code == 200
    _safe(_name(download))
    assert _name(download).endswith(".pdf")
    exported = file_name(meeting, branch.name, "0" * 64)
    _safe(exported)
    assert Path(exported).name == exported


def test_report_and_spreadsheet_downloads_name_no_path(client: TestClient, db: Session) -> None:
    branch = factories.create_organization(db, name=HOSTILE, code="HX")

    report = client.get(
        "/reports/monthly.xlsx", params={"organization_id": branch.id, "month": "2015-06"}
    )
    ledger = client.get("/api/v1/rectification-items.csv")

    assert report.status_code == 200, report.text
    _safe(_name(report))
    assert _name(report).endswith(".xlsx")
    _safe(_name(ledger))
