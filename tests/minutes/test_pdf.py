"""The printed minutes: a real PDF with embedded CJK fonts, read back with poppler."""

import re
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.people.models import CommitteeRole
from app.study_sessions.models import (
    AttendanceStatus,
    ContributionKind,
    StudySessionKind,
    StudySessionStatus,
)
from tests import factories


@pytest.fixture
def minutes(db: Session):
    branch = factories.create_organization(db, name="和平镇东岭村党支部")
    secretary = factories.create_person(db, branch, name="韩明华", role=CommitteeRole.secretary)
    member = factories.create_person(db, branch, name="曹丽娟")
    absent = factories.create_person(db, branch, name="许国平")
    study_session = factories.create_study_session(
        db, branch, title="专题组织生活会：对照“三严三实”开展批评与自我批评", chair=secretary
    )
    factories.create_attendance(db, study_session, secretary)
    factories.create_attendance(db, study_session, member)
    factories.create_attendance(
        db, study_session, absent, status=AttendanceStatus.on_leave, reason="因病住院"
    )
    factories.create_contribution(
        db,
        study_session,
        secretary,
        content='我先对照“三严三实”要求作检查。<img src="file:///etc/passwd">',
    )
    factories.create_contribution(
        db,
        study_session,
        member,
        round=2,
        kind=ContributionKind.criticism,
        target=secretary,
        content="村务公开不及时。",
    )
    return study_session


def _text(pdf: bytes, tmp_path: Path) -> str:
    """The PDF's text without whitespace: line breaks and layout spaces say nothing about content."""
    path = tmp_path / "minutes.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    )
    return re.sub(r"\s+", "", result.stdout)


def _fonts(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout


def test_draft_minutes_pdf_has_the_content_in_chinese_with_embedded_fonts(
    client: TestClient, minutes, tmp_path: Path
) -> None:
    response = client.get(f"/api/v1/study-sessions/{minutes.id}/minutes.pdf")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = _text(response.content, tmp_path)
    assert "对照“三严三实”开展批评与自我批评" in text
    assert "主持人：韩明华" in text
    assert "许国平（请假：因病住院）" in text
    assert "第1轮" in text
    assert "第2轮" in text
    assert "曹丽娟（批评，对韩明华）" in text
    assert "<img" in text  # user text is printed as text, never fetched or interpreted
    assert "草" in text  # the watermark, rotated, reads back as separate characters
    assert "稿" in text
    assert re.search(r"指纹[0-9a-f]{16}第1页共\d+页", text)
    assert "—1—" in text
    fonts = _fonts(response.content, tmp_path)
    embedded = [line for line in fonts.splitlines() if "CJK" in line]
    assert embedded, fonts
    assert all(" yes yes " in line for line in embedded), fonts


def test_finalized_minutes_carry_no_watermark(
    client: TestClient, db: Session, minutes, tmp_path: Path
) -> None:
    minutes.status = StudySessionStatus.finalized
    db.add(minutes)
    db.commit()

    text = _text(client.get(f"/study-sessions/{minutes.id}/minutes.pdf").content, tmp_path)

    assert "稿" not in text
    assert "主持人（签字）" in text


def test_finalizing_stores_an_archival_pdf_served_unchanged(
    client: TestClient, db: Session, tmp_path: Path
) -> None:
    branch = factories.create_organization(db, name="南庄村党支部")
    secretary = factories.create_person(db, branch, name="林德福", role=CommitteeRole.secretary)
    recorder = factories.create_person(db, branch, name="梁秀英")
    study_session = factories.create_study_session(
        db, branch, kind=StudySessionKind.party_lecture, chair=secretary
    )
    factories.create_attendance(db, study_session, secretary)
    factories.create_attendance(db, study_session, recorder)
    url = f"/api/v1/study-sessions/{study_session.id}"
    client.patch(url, json={"recorder_id": recorder.id})
    client.post(f"{url}/hold")
    assert client.post(f"{url}/finalize").status_code == 200

    first = client.get(f"{url}/minutes.pdf")
    second = client.get(f"{url}/minutes.pdf")
    unchanged = client.get(f"{url}/minutes.pdf", headers={"If-None-Match": first.headers["etag"]})

    assert first.content == second.content
    assert first.headers["etag"] == second.headers["etag"]
    assert unchanged.status_code == 304
    path = tmp_path / "stored.pdf"
    path.write_bytes(first.content)
    meta = subprocess.run(
        ["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True
    ).stdout
    attachments = subprocess.run(
        ["pdfdetach", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert 'pdfaid:part="3"' in meta
    assert "minutes.json" in attachments

    amended = client.post(
        f"{url}/amendments", json={"reason": "更正地点", "changes": {"place": "村部会议室"}}
    )
    assert amended.status_code == 201
    after = client.get(f"{url}/minutes.pdf")
    assert after.headers["etag"] != first.headers["etag"]
    assert "村部会议室" in _text(after.content, tmp_path)
