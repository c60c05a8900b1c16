"""The printed minutes as an office files them, measured on the PDF (``pdftotext -bbox-layout``): full
pages, the GB/T 9704 grid with both edges flush, page numbers where the standard puts them, and the
document's own language whoever prints it."""

import itertools
import re
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.study_sessions.models import StudySession
from tests import factories
from tests.fixtures.pdf_layout import Line, Page, pages_of
from tests.helpers import if_match
from tests.minutes.test_pdf import held_party_lecture

TOP, BOTTOM, LEFT, RIGHT = 37.0, 262.0, 28.0, 184.0  # the text block, mm from the top-left corner
CHARACTER = (RIGHT - LEFT) / 28  # one character of the grid
LINES_PER_PAGE = 22
HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
PAGE_NUMBER = re.compile(r"^—\d+—$")
NO_LINE_START = "，。、；：？！”’）》」』…—,.;:?!)"
PURE_CHINESE = re.compile(r"^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’—…]+$")


def _rows(page: Page) -> list[Line]:
    """The lines of the text block, one per row (words poppler splits are joined)."""
    rows: list[Line] = []
    for line in page.lines:
        if line.top < TOP - 2 or line.bottom > BOTTOM + 2:
            continue
        if rows and abs(rows[-1].top - line.top) < 3:
            last = rows[-1]
            rows[-1] = Line(
                last.top, last.bottom, min(last.left, line.left), max(last.right, line.right),
                last.text + line.text,
            )  # fmt: skip
        else:
            rows.append(line)
    return rows


@pytest.fixture
def reference_pdf(client: TestClient, db: Session) -> bytes:
    """The stored PDF/A of the finalized reference meeting."""
    branch = factories.create_organization(db, name="和平镇东岭村党支部")
    study_session = factories.create_reference_minutes(db, branch)
    return client.get(f"/api/v1/study-sessions/{study_session.id}/minutes.pdf").content


@pytest.fixture
def reference(reference_pdf: bytes, tmp_path: Path) -> list[Page]:
    return pages_of(reference_pdf, tmp_path)


def test_the_files_are_small_a_one_page_meeting_and_the_forty_speech_meeting(
    client: TestClient, db: Session, reference_pdf: bytes, tmp_path: Path
) -> None:
    """Each CJK face carries only its glyphs (app.printing.compact_fonts): was ~440 KB a page."""
    branch = factories.create_organization(db, name="和平镇南庄村党支部")
    secretary = factories.create_person(db, branch, name="韩明华")
    study_session = factories.create_study_session(db, branch, chair=secretary)
    factories.create_contribution(
        db, study_session, secretary, content="对照党章党规，查摆自身问题。"
    )
    one_page = client.get(f"/api/v1/study-sessions/{study_session.id}/minutes.pdf").content

    assert len(pages_of(one_page, tmp_path)) == 1
    assert len(one_page) <= 250_000, len(one_page)
    assert len(reference_pdf) <= 1_000_000, len(reference_pdf)
    print(f"one page {len(one_page)} bytes, reference {len(reference_pdf)} bytes")


def test_the_forty_speech_meeting_fills_its_pages_and_keeps_headings_and_signatures_with_text(
    reference: list[Page],
) -> None:
    rows = [_rows(page) for page in reference]
    filled = [len(page_rows) / LINES_PER_PAGE for page_rows in rows[:-1]]
    assert min(filled) >= 0.8, [round(f, 2) for f in filled]
    for page_rows in rows[:-1]:
        assert not HEADING.match(page_rows[-1].text), page_rows[-1].text  # never alone at the foot
    last = rows[-1]
    signature = next(i for i, row in enumerate(last) if row.text.startswith("主持人（签字）"))
    assert signature >= 1  # the signatures stand with text on their page
    assert len(reference) <= 52  # 23,600 characters at 28 × 22 need ~51 pages


def test_body_lines_hold_28_characters_flush_at_both_edges_and_page_numbers_sit_where_the_standard_puts_them(
    reference: list[Page],
) -> None:
    full_lines = short = pure = full = 0
    for page in reference[1:-3]:  # the speeches
        page_rows = _rows(page)
        for row, following in itertools.pairwise(page_rows):
            paragraph_goes_on = abs(following.left - LEFT) < 1 and not HEADING.match(following.text)
            if not paragraph_goes_on or HEADING.match(row.text):
                continue
            full_lines += 1
            short += RIGHT - row.right > CHARACTER / 2
            if PURE_CHINESE.match(row.text) and abs(row.left - LEFT) < 1:
                pure += 1
                # Fewer only where the line-breaking rules keep the next characters together: a mark
                # that may not start a line (「紧、」 move down together), or quotation marks, which
                # Unicode line breaking (UAX #14, LB19) does not break around (「性”开」).
                kept_together = len(following.text) > 1 and following.text[1] in NO_LINE_START
                quoted = any(mark in row.text[-2:] + following.text[:3] for mark in "“”‘’")
                if len(row.text) == 28:
                    full += 1
                else:
                    assert kept_together or quoted, row.text
        numbers = [line for line in page.lines if PAGE_NUMBER.match(line.text)]
        assert len(numbers) == 1, [line.text for line in page.lines if line.top > BOTTOM]
        number = numbers[0]
        assert 6 <= number.top - BOTTOM <= 8, number.top
        if page.number % 2:  # a right-hand page: one character in from the right edge
            assert abs(RIGHT - CHARACTER - number.right) < 1, number.right
        else:
            assert abs(LEFT + CHARACTER - number.left) < 1, number.left
    assert full_lines > 500
    assert short == 0
    assert pure > 20
    assert full >= pure * 0.6, (full, pure)
    print(f"lines {full_lines}, short {short}, pure Chinese {pure}, of 28 {full}")


def test_finalized_by_an_english_interface_the_archive_is_chinese_throughout(
    client: TestClient, db: Session, tmp_path: Path
) -> None:
    url = held_party_lecture(client, db)
    client.cookies.set("yantao_locale", "en")
    assert client.post(f"{url}/finalize", headers=if_match(client, url)).status_code == 200
    amended = client.post(
        f"{url}/amendments",
        headers=if_match(client, url),
        json={"reason": "更正地点", "changes": {"place": "村部会议室"}},
    )
    assert amended.status_code == 201
    path = tmp_path / "stored.pdf"
    path.write_bytes(client.get(f"{url}/minutes.pdf").content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout

    # No word of the interface's English; the fingerprint's hex and the amender's login (this
    # account has no person, so no name) are data.
    words = set(re.findall(r"[A-Za-z]{2,}", re.sub(r"[0-9a-f]{64}", "", text)))
    assert words <= {"SHA", "admin"}, words
    assert not re.search(r"\d{4}-\d{2}", text)  # no ISO dates or months
    assert "党课会议记录" in text
    amendment = re.sub(r"\s+", "", text)
    assert re.search(
        r"第1次修订（\d{4}年\d{1,2}月\d{1,2}日\d{2}:\d{2}，[^）]+）：更正地点", amendment
    )
    assert "县委大楼三楼会议室→村部会议室" in amendment
    db.expire_all()
    assert db.get(StudySession, int(url.rsplit("/", 1)[1])) is not None


def test_no_paragraph_ends_with_one_character_alone_on_its_last_line(
    client: TestClient, db: Session, tmp_path: Path
) -> None:
    branch = factories.create_organization(db, name="东岭村党支部")
    secretary = factories.create_person(db, branch, name="韩明华")
    study_session = factories.create_study_session(db, branch, chair=secretary)
    # 26 characters after the indent, 28 on the next line, and one more: alone, unless kept with
    # the one before it.
    factories.create_contribution(db, study_session, secretary, content="开场。\n" + "字" * 55)
    pdf = client.get(f"/api/v1/study-sessions/{study_session.id}/minutes.pdf").content

    rows = [row.text for page in pages_of(pdf, tmp_path) for row in _rows(page)]

    paragraph = rows.index("字" * 26)
    assert rows[paragraph + 1 : paragraph + 3] == ["字" * 27, "字" * 2]
