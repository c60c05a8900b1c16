"""The minutes as a Word document: it opens with python-docx, holds the printed minutes' text paragraph
by paragraph in the template's styles, and an office's own template (its style names) is used."""

import re
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.minutes.word import DEFAULT_TEMPLATE
from tests import factories


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def reference(db: Session):
    branch = factories.create_organization(db, name="和平镇东岭村党支部")
    return factories.create_reference_minutes(db, branch)


def test_the_word_minutes_hold_the_printed_text_paragraph_by_paragraph(
    client: TestClient, reference, tmp_path: Path
) -> None:
    url = f"/api/v1/study-sessions/{reference.id}/minutes"
    docx = client.get(f"{url}.docx")
    page = client.get(f"/study-sessions/{reference.id}/minutes.docx")

    assert docx.status_code == 200
    assert docx.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert "attachment" in docx.headers["content-disposition"]
    assert page.content[:2] == b"PK"
    document = Document(BytesIO(docx.content))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    pdf_path = tmp_path / "minutes.pdf"
    pdf_path.write_bytes(client.get(f"{url}.pdf").content)
    printed = _flat(
        subprocess.run(
            ["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    printed = re.sub(r"—\d+—", "", printed)  # the page numbers
    position = 0
    for paragraph in paragraphs:
        text = _flat(paragraph.text)
        if "＿" in text:  # the signature lines are drawn, not typed, in the PDF
            continue
        if "　　" in paragraph.text:  # two facts on a line: poppler reads them as two columns
            assert all(_flat(part) in printed for part in paragraph.text.split("　　"))
            continue
        found = printed.find(text, position)
        assert found >= 0, text
        position = found + len(text)
    assert len(paragraphs) > 150  # 40 speeches of three paragraphs, and the rest
    styles = {p.style.name for p in paragraphs if p.style is not None}
    assert {"Title", "Heading 1", "Heading 2", "Normal", "Plain"} <= styles
    headings = [p.text for p in paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == [
        "一、研讨题目",
        "二、发言提纲",
        "三、发言情况",
        "四、查摆问题、原因剖析及整改措施",
        "五、形成意见",
    ]
    assert not any("{{" in p.text or "{%" in p.text for p in document.paragraphs)


def test_an_office_template_gives_its_styles_to_the_word_minutes(
    application: FastAPI, client: TestClient, reference, tmp_path: Path
) -> None:
    office = Document(str(DEFAULT_TEMPLATE))
    office.styles["Normal"].font.name = "方正仿宋_GBK"
    office.styles["Heading 1"].font.name = "方正黑体_GBK"
    path = tmp_path / "本单位模板.docx"
    office.save(str(path))
    settings = application.state.settings
    original = settings.word_template_minutes
    settings.word_template_minutes = str(path)
    try:
        docx = client.get(f"/api/v1/study-sessions/{reference.id}/minutes.docx")
    finally:
        settings.word_template_minutes = original

    document = Document(BytesIO(docx.content))
    assert document.styles["Normal"].font.name == "方正仿宋_GBK"
    assert document.styles["Heading 1"].font.name == "方正黑体_GBK"
    assert document.paragraphs[1].text == reference.title


def test_typed_text_reaches_the_word_document_as_text_never_as_markup_or_tags(
    client: TestClient, db: Session
) -> None:
    branch = factories.create_organization(db, name="东岭村党支部")
    secretary = factories.create_person(db, branch, name="韩明华")
    study_session = factories.create_study_session(db, branch, chair=secretary)
    typed = '我先检查。<w:p>&amp; {{ fingerprint }} {%p if true %}"引号"'
    factories.create_contribution(db, study_session, secretary, content=typed)

    docx = client.get(f"/api/v1/study-sessions/{study_session.id}/minutes.docx")

    assert docx.status_code == 200
    texts = [p.text for p in Document(BytesIO(docx.content)).paragraphs]
    assert f"韩明华（重点发言）：{typed}" in texts
