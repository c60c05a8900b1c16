"""The ``yantao`` command as an operator runs it (``python -m app``), and the demo on every test database."""

import re
import sqlite3
import subprocess
from pathlib import Path

from docx import Document
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.auth.models import Account
from app.config import Settings
from app.db import Database
from app.demo import load_demo
from tests.fixtures.accounts import token_for
from tests.fixtures.databases import DemoDatabase
from tests.helpers import row_counts, run_cli

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def count(database: Path, table: str) -> int:
    with sqlite3.connect(database) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def tables(database: Path) -> set[str]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {row[0] for row in rows}


def test_db_upgrade_creates_the_schema_from_empty(demo_database: DemoDatabase) -> None:
    assert demo_database.upgrade.returncode == 0, demo_database.upgrade.stderr
    assert {"alembic_version", "organization", "person", "campaign", "study_session"} <= tables(
        demo_database.path
    )
    assert count(demo_database.path, "alembic_version") == 1


def test_demo_loads_into_the_empty_database(demo_database: DemoDatabase) -> None:
    assert demo_database.demo.returncode == 0, demo_database.demo.stderr
    assert "demo loaded" in demo_database.demo.stdout
    assert count(demo_database.path, "person") >= 35
    assert count(demo_database.path, "study_session") >= 10
    assert count(demo_database.path, "campaign") >= 2


def test_demo_again_fails_with_one_line_and_changes_nothing(demo_database: DemoDatabase) -> None:
    people = count(demo_database.path, "person")

    result = run_cli(demo_database.path, "demo")

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error:")
    assert "Traceback" not in result.stderr + result.stdout
    assert count(demo_database.path, "person") == people


def test_demo_if_empty_succeeds_on_a_loaded_database(demo_database: DemoDatabase) -> None:
    sessions = count(demo_database.path, "study_session")

    result = run_cli(demo_database.path, "demo", "--if-empty")

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert count(demo_database.path, "study_session") == sessions


def test_unknown_command_fails_without_a_traceback(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "cli.db", "frobnicate")

    assert result.returncode != 0
    assert "frobnicate" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_demo_loads_on_the_test_database(
    application: FastAPI, database: Database, db: Session, settings: Settings
) -> None:
    summary = load_demo(db, settings)
    db.commit()
    admin = db.exec(select(Account).where(Account.login == "admin")).one()
    application.state.database = database
    with TestClient(
        application, headers={"Authorization": f"Bearer {token_for(db, admin)}"}
    ) as client:
        response = client.get("/api/v1/study-sessions", params={"limit": 200})

    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert len(titles) == summary.study_sessions >= 10
    assert all(CHINESE.search(title) for title in titles), titles
    counts = row_counts(db)
    assert counts["person"] == summary.people >= 35
    assert counts["organization"] == summary.organizations
    statuses = [item["status"] for item in response.json()["items"]]
    assert statuses.count("finalized") == summary.finalized == counts["minutes_document"] >= 3


def test_minutes_pdf_writes_stored_minutes_as_filed_and_drafts_freshly(
    demo_database: DemoDatabase, tmp_path: Path
) -> None:
    finalized, draft = tmp_path / "finalized.pdf", tmp_path / "draft.pdf"

    written = run_cli(demo_database.path, "minutes", "pdf", "1", "-o", str(finalized))
    rendered = run_cli(demo_database.path, "minutes", "pdf", "4", "-o", str(draft))
    missing = run_cli(
        demo_database.path, "minutes", "pdf", "987654", "-o", str(tmp_path / "none.pdf")
    )

    assert written.returncode == 0, written.stderr
    assert rendered.returncode == 0, rendered.stderr
    with sqlite3.connect(demo_database.path) as connection:
        stored = connection.execute(
            "SELECT pdf FROM minutes_document WHERE study_session_id = 1"
        ).fetchone()[0]
    assert finalized.read_bytes() == stored
    assert draft.read_bytes().startswith(b"%PDF-")
    meta = subprocess.run(
        ["pdfinfo", "-meta", str(draft)], capture_output=True, text=True, check=True
    ).stdout
    assert "pdfaid" not in meta  # a draft is no archival document
    assert missing.returncode == 1
    assert missing.stderr.strip() == "error: Study session not found."
    assert not (tmp_path / "none.pdf").exists()


def test_minutes_docx_writes_the_word_document_of_one_session(
    demo_database: DemoDatabase, tmp_path: Path
) -> None:
    word = tmp_path / "minutes.docx"

    written = run_cli(demo_database.path, "minutes", "docx", "1", "-o", str(word))
    missing = run_cli(
        demo_database.path, "minutes", "docx", "987654", "-o", str(tmp_path / "none.docx")
    )

    assert written.returncode == 0, written.stderr
    document = Document(str(word))
    assert any(p.style is not None and p.style.name == "Title" for p in document.paragraphs)
    assert any(p.text.startswith("出席人员：") for p in document.paragraphs)
    assert missing.returncode == 1
    assert missing.stderr.strip() == "error: Study session not found."
    assert not (tmp_path / "none.docx").exists()
