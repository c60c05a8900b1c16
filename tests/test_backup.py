"""``yantao backup`` / ``yantao restore``: a backup taken while writes go on is one consistent moment,
and a round trip gives back every row, checksum for checksum, with the audit chain intact."""

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlmodel import Session, col, select

from app.backup import table_sums
from app.config import Settings
from app.db import Database
from app.people.models import Person
from app.study_sessions.models import Contribution, StudySession
from tests import factories
from tests.fixtures.databases import Backend, ensure_postgres_database
from tests.helpers import row_counts, run_cli

# Backups are taken by a command on a connection of its own: these tests commit for real.
pytestmark = pytest.mark.commits

MAX_WRITES = 400


@pytest.fixture
def restore_url(backend: Backend, tmp_path: Path) -> Iterator[str]:
    """An empty second database of the same kind to restore into."""
    if backend.name == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    url = make_url(backend.url)
    target = url.set(database=f"{url.database}_restore")
    ensure_postgres_database(target.render_as_string(hide_password=False))
    yield target.render_as_string(hide_password=False)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
    admin.dispose()


def test_a_backup_taken_during_writes_is_consistent_and_a_round_trip_loses_nothing(
    backend: Backend,
    settings: Settings,
    database: Database,
    db: Session,
    restore_url: str,
    tmp_path: Path,
) -> None:
    branch = factories.create_organization(db, name="和平镇东岭村党支部")
    secretary = factories.create_person(db, branch, name="韩明华")
    meeting = factories.create_study_session(db, branch, title="支部学习", chair=secretary)
    factories.create_attendance(db, meeting, secretary)
    db.commit()
    committed: list[int] = []
    stop = threading.Event()

    def write() -> None:
        writer = Database(settings)
        try:
            while not stop.is_set() and len(committed) < MAX_WRITES:
                with writer.session() as session:
                    own_meeting = session.get(StudySession, meeting.id)
                    speaker = session.get(Person, secretary.id)
                    assert own_meeting is not None
                    assert speaker is not None
                    speech = factories.create_contribution(
                        session,
                        own_meeting,
                        speaker,
                        content=f"第{len(committed) + 1}条发言：对照要求查摆问题。",
                    )
                    session.commit()
                    committed.append(speech.id or 0)
        finally:
            writer.dispose()

    writer = threading.Thread(target=write)
    writer.start()
    while len(committed) < 5:
        stop.wait(0.01)
    before_backup = len(committed)
    during = run_cli(backend.url, "backup", str(tmp_path / "during.backup"))
    after_backup = len(committed)
    stop.set()
    writer.join()

    assert during.returncode == 0, during.stderr
    assert after_backup > before_backup, "no write happened while the backup ran"
    restored = run_cli(restore_url, "restore", str(tmp_path / "during.backup"), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "audit log verified" in restored.stdout
    engine = create_engine(restore_url)
    with Session(engine) as copy:
        speeches = list(
            copy.exec(
                select(Contribution.id)
                .where(Contribution.study_session_id == meeting.id)
                .order_by(col(Contribution.id))
            ).all()
        )
    # One moment: the backup holds the first k writes the writer saw committed, none torn or skipped.
    assert speeches == committed[: len(speeches)]
    assert len(speeches) >= before_backup

    # With the writes over, a second round trip gives back every table exactly.
    quiet = run_cli(backend.url, "backup", str(tmp_path / "quiet.backup"))
    again = run_cli(restore_url, "restore", str(tmp_path / "quiet.backup"), "--yes")
    assert quiet.returncode == 0, quiet.stderr
    assert again.returncode == 0, again.stderr
    assert table_sums(engine) == table_sums(database.engine)
    assert table_sums(engine)["contribution"].rows == len(committed)
    engine.dispose()


def test_restore_refuses_without_confirmation_and_refuses_what_is_not_its_backup(
    backend: Backend, database: Database, db: Session, tmp_path: Path
) -> None:
    factories.create_organization(db, name="和平镇党委")
    db.commit()
    before = row_counts(db)
    backup = tmp_path / "yantao.backup"
    assert run_cli(backend.url, "backup", str(backup)).returncode == 0
    garbage = tmp_path / "notes.txt"
    garbage.write_text("会议记录\n", encoding="utf-8")
    other_kind = tmp_path / "other.backup"
    other_kind.write_bytes(
        b"SQLite format 3\x00" + bytes(100)
        if backend.name == "postgresql"
        else b"PGDMP" + bytes(100)
    )

    unconfirmed = run_cli(backend.url, "restore", str(backup))
    not_a_backup = run_cli(backend.url, "restore", str(garbage), "--yes")
    wrong_kind = run_cli(backend.url, "restore", str(other_kind), "--yes")
    missing = run_cli(backend.url, "restore", str(tmp_path / "nowhere.backup"), "--yes")

    for refused in (unconfirmed, not_a_backup, wrong_kind, missing):
        assert refused.returncode == 1
        assert refused.stderr.startswith("error: ")
        assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert "--yes" in unconfirmed.stderr
    assert "not a Yantao backup" in not_a_backup.stderr
    other = "a SQLite backup" if backend.name == "postgresql" else "a PostgreSQL dump"
    assert other in wrong_kind.stderr
    assert "no backup file" in missing.stderr
    db.expire_all()
    assert row_counts(db) == before
