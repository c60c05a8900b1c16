"""The printed minutes: a real PDF with embedded CJK fonts, read back with poppler."""

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session
from weasyprint import HTML

from app.organizations.models import Organization
from app.people.models import CommitteeRole
from app.printing import fonts
from app.study_sessions.models import (
    AttendanceStatus,
    ContributionKind,
    StudySessionKind,
    StudySessionStatus,
)
from tests import factories
from tests.fixtures.pdfs import FontFallbacks
from tests.helpers import if_match, row_counts, run_cli


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
    assert "出席人员：韩明华、曹丽娟" in text  # named, not only counted
    assert "请假人员：许国平（因病住院）" in text
    assert "缺席人员：无" in text
    assert "一、发言情况" in text  # numbered from what is present: no topics, no outlines
    assert "（一）第一轮" in text
    assert "（二）第二轮" in text
    assert "曹丽娟（批评，对韩明华）" in text
    assert "<img" in text  # user text is printed as text, never fetched or interpreted
    assert "草" in text  # the watermark, rotated, reads back as separate characters
    assert "稿" in text
    assert re.search(r"数据指纹（SHA-256）：[0-9a-f]{64}—\d+—$", text)  # on the last page only
    assert text.count("数据指纹") == 1
    assert "—1—" in text
    assert "共" not in text  # one numbering: no 「第 n 页 共 N 页」
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


def held_party_lecture(client: TestClient, db: Session) -> str:
    """A held 党课 that meets every rule for finalizing; returns its API URL."""
    branch = factories.create_organization(db, name="南庄村党支部")
    secretary = factories.create_person(db, branch, name="林德福", role=CommitteeRole.secretary)
    recorder = factories.create_person(db, branch, name="梁秀英")
    study_session = factories.create_study_session(
        db, branch, kind=StudySessionKind.party_lecture, chair=secretary
    )
    factories.create_attendance(db, study_session, secretary)
    factories.create_attendance(db, study_session, recorder)
    url = f"/api/v1/study-sessions/{study_session.id}"
    assert (
        client.patch(
            url, headers=if_match(client, url), json={"recorder_id": recorder.id}
        ).status_code
        == 200
    )
    assert client.post(f"{url}/hold", headers=if_match(client, url)).status_code == 200
    return url


def test_finalizing_stores_an_archival_pdf_served_unchanged(
    client: TestClient, db: Session, tmp_path: Path
) -> None:
    url = held_party_lecture(client, db)
    assert client.post(f"{url}/finalize", headers=if_match(client, url)).status_code == 200

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
        f"{url}/amendments",
        headers=if_match(client, url),
        json={"reason": "更正地点", "changes": {"place": "村部会议室"}},
    )
    assert amended.status_code == 201
    after = client.get(f"{url}/minutes.pdf")
    assert after.headers["etag"] != first.headers["etag"]
    assert "村部会议室" in _text(after.content, tmp_path)


def _pdfinfo(pdf: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "info.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdfinfo", *options, str(path)], capture_output=True, text=True, check=True
    ).stdout


def _page_text(pdf: bytes, tmp_path: Path, page: int) -> str:
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return re.sub(r"\s+", "", result.stdout)


def test_twenty_pages_are_a4_numbered_on_every_page_and_stay_under_2_mb(
    client: TestClient, db: Session, tmp_path: Path
) -> None:
    branch = factories.create_organization(db, name="和平镇东岭村党支部")
    study_session = factories.create_long_study_session(db, branch, contributions=70)

    pdf = client.get(f"/api/v1/study-sessions/{study_session.id}/minutes.pdf").content

    pages = int(re.findall(r"^Pages:\s+(\d+)$", _pdfinfo(pdf, tmp_path), re.MULTILINE)[0])
    assert pages >= 20
    assert len(pdf) < 2_000_000
    sizes = re.findall(
        r"^Page\s+\d+ size:\s+(.+)$",
        _pdfinfo(pdf, tmp_path, "-f", "1", "-l", str(pages)),
        re.MULTILINE,
    )
    assert sizes == ["595.276 x 841.89 pts (A4)"] * pages
    for page in range(1, pages + 1):
        text = _page_text(pdf, tmp_path, page)
        assert text.endswith(f"—{page}—"), (page, text[-80:])
        assert ("数据指纹" in text) == (page == pages)


@pytest.fixture
def no_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A fontconfig that knows no fonts at all, as on a server installed without fonts-noto-cjk."""
    (tmp_path / "fonts").mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{tmp_path / "fonts"}</dir>'
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    fonts._cached_report.cache_clear()
    yield
    monkeypatch.delenv("FONTCONFIG_FILE")
    fonts._cached_report.cache_clear()


def test_without_a_chinese_font_printing_is_refused_with_the_fix_and_nothing_changes(
    client: TestClient, db: Session, no_fonts: None
) -> None:
    url = held_party_lecture(client, db)
    before = row_counts(db)

    draft = client.get(f"{url}/minutes.pdf")
    page = client.get(f"{url.removeprefix('/api/v1')}/minutes.pdf")
    finalize = client.post(f"{url}/finalize", headers=if_match(client, url))

    assert draft.status_code == 503
    assert draft.json()["error"]["code"] == "pdf_fonts_missing"
    assert "fonts-noto-cjk" in draft.json()["error"]["message"]
    assert page.status_code == 503
    assert "fonts-noto-cjk" in page.text
    assert finalize.status_code == 503
    assert client.get(url).json()["status"] == "held"
    assert row_counts(db) == before


def test_doctor_names_the_fonts_and_fails_without_a_chinese_one(tmp_path: Path) -> None:
    database = tmp_path / "doctor.db"
    assert run_cli(database, "db", "upgrade").returncode == 0
    (tmp_path / "fonts").mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{tmp_path / "fonts"}</dir></fontconfig>'
    )

    healthy = run_cli(database, "doctor")
    broken = run_cli(database, "doctor", env={"FONTCONFIG_FILE": str(config)})

    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert re.search(
        r"^ok\s+pdf fonts\s+serif: Noto Serif CJK SC \(/", healthy.stdout, re.MULTILINE
    )
    assert re.search(r"^ok\s+pdf subset\s+HarfBuzz", healthy.stdout, re.MULTILINE)
    assert broken.returncode == 1
    assert "serif: no font with Chinese glyphs" in broken.stdout
    assert broken.stderr.strip().splitlines() == ["error: " + fonts.NO_CHINESE_FONT]


def test_a_character_no_font_has_is_caught_as_a_notdef_glyph(
    font_fallbacks: FontFallbacks,
) -> None:
    """The check every test runs (tests/fixtures/pdfs.py) sees a box when one is printed."""
    HTML(string='<p lang="zh-CN">党支部\U000f0000</p>').write_pdf()

    assert any(".notdef glyph" in message for message in font_fallbacks.messages)
    font_fallbacks.messages.clear()


def test_a_speech_of_twelve_paragraphs_prints_twelve_paragraphs(
    client: TestClient, db: Session, minutes, tmp_path: Path
) -> None:
    branch = db.get(Organization, minutes.organization_id)
    assert branch is not None
    member = factories.create_person(db, branch, name="邓永福")
    pasted = "\r\n".join(f"　　第{n}段，对照检查。" for n in range(1, 13))  # as Word pastes it
    factories.create_contribution(db, minutes, member, round=3, content=pasted)
    response = client.get(f"/api/v1/study-sessions/{minutes.id}/minutes.pdf")
    path = tmp_path / "minutes.pdf"
    path.write_bytes(response.content)

    lines = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout.splitlines()

    starts = [line.strip() for line in lines if re.search(r"第\d+段", line)]
    # Each paragraph begins its own line, indented (the first after the speaker's name).
    assert len(starts) == 12, starts
    assert all(re.match(r"(邓永福（重点发言）：)?第\d+段，对照检查。$", s) for s in starts), starts
    detail = client.get(f"/api/v1/study-sessions/{minutes.id}").json()
    assert pasted in [
        c["content"] for c in detail["contributions"]
    ]  # the JSON keeps what was typed
