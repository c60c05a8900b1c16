"""Crash safety: the real server under concurrent writes, killed with SIGKILL mid-stream (and on
PostgreSQL, its database connections terminated mid-transaction). Every write a client saw
acknowledged is there afterwards, exactly; nothing is half-written (each record has its audit event);
the database passes its own integrity check and the audit chain verifies.

``YANTAO_CRASH_ROUNDS`` repeats the kill-and-restart cycle within one test (1 in the suite).
"""

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, create_engine, make_url, text

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from tests import factories
from tests.fixtures.accounts import make_account, token_for
from tests.fixtures.databases import BACKENDS, migrate
from tests.helpers import run_cli
from tests.live import LiveServer, side_database_url

WRITERS = 4
ROUNDS = int(os.environ.get("YANTAO_CRASH_ROUNDS", "1"))


@dataclass
class World:
    backend: str
    url: str
    server: LiveServer
    token: str
    meeting_id: int
    speaker_id: int


@pytest.fixture(params=BACKENDS)
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    """A database of its own with one branch, its secretary and a meeting being written; the real
    server on it."""
    url = side_database_url(request.param, "crash", tmp_path)
    migrate(url)
    database = Database(Settings(environment="test", database_url=url, secret_key="c" * 20))
    with database.session() as db:
        branch = factories.create_organization(db, name="和平镇东岭村党支部")
        secretary = factories.create_person(db, branch, name="韩明华")
        meeting = factories.create_study_session(db, branch, title="支部学习", chair=secretary)
        factories.create_attendance(db, meeting, secretary)
        account = make_account(db, branch.id or 0, login="secretary", role=Role.secretary)
        token = token_for(db, account)
        speaker_id, meeting_id = secretary.id or 0, meeting.id or 0
    database.dispose()
    server = LiveServer(url, tmp_path / "server.log", env={"YANTAO_PDF_WORKERS": "0"})
    server.start()
    try:
        yield World(request.param, url, server, token, meeting_id, speaker_id)
    finally:
        server.stop()
    # Killed servers leave no traceback in the log.
    assert "Traceback" not in server.log()


@dataclass
class Writers:
    """Clients that add speeches to one meeting as fast as the server answers, and remember which
    the server acknowledged (201 with the new id) and which they cannot know (no answer)."""

    world: World
    speaker_id: int
    acknowledged: dict[int, str] = field(default_factory=dict)
    errors: list[int] = field(default_factory=list)
    cut_off: int = (
        0  # sent, then the connection died before an answer: the server was killed mid-request
    )
    refused: int = 0  # no server listening (it is restarting)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self, writer: int) -> None:
        url = f"{self.world.server.url}/api/v1/study-sessions/{self.world.meeting_id}/contributions"
        headers = {"Authorization": f"Bearer {self.world.token}"}
        with httpx.Client(headers=headers, timeout=30) as client:
            number = 0
            while not self.stop.is_set():
                number += 1
                content = f"第{writer}组第{number}条：对照检查，立行立改。"
                body = {
                    "speaker_id": self.speaker_id,
                    "round": 9,
                    "kind": "exchange",
                    "content": content,
                }
                try:
                    response = client.post(url, json=body)
                except httpx.ConnectError:
                    with self.lock:
                        self.refused += 1
                    time.sleep(0.05)  # the server is down; try again when it is back
                    continue
                except httpx.TransportError:
                    with self.lock:
                        self.cut_off += 1
                    continue
                with self.lock:
                    if response.status_code == 201:
                        self.acknowledged[response.json()["id"]] = content
                    else:
                        self.errors.append(response.status_code)

    def start(self) -> list[threading.Thread]:
        threads = [threading.Thread(target=self.run, args=(n,)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        return threads

    def wait_for(self, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while len(self.acknowledged) < count:
            assert time.monotonic() < deadline, "the writers made no progress"
            time.sleep(0.01)


def _check_the_database(world: World, acknowledged: dict[int, str]) -> None:
    engine = create_engine(world.url)
    try:
        _integrity_check(engine, world.backend)
        with engine.connect() as connection:
            stored: dict[int, str] = {
                int(row_id): str(content)
                for row_id, content in connection.execute(
                    text("SELECT id, content FROM contribution WHERE study_session_id = :id"),
                    {"id": world.meeting_id},
                ).all()
            }
            audited = {
                int(entity_id)
                for (entity_id,) in connection.execute(
                    text(
                        "SELECT entity_id FROM audit_event"
                        " WHERE entity = 'contribution' AND action = 'create'"
                    )
                ).all()
            }
    finally:
        engine.dispose()
    missing = {key: value for key, value in acknowledged.items() if stored.get(key) != value}
    assert not missing, f"{len(missing)} acknowledged writes are gone or changed: {missing}"
    # Whatever committed, acknowledged or not, committed whole: the record with its audit event.
    assert set(stored) <= audited, f"speeches without their audit event: {set(stored) - audited}"
    verified = run_cli(world.url, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr


def _integrity_check(engine: Engine, backend: str) -> None:
    with engine.connect() as connection:
        if backend == "sqlite":
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
            return
        # amcheck verifies every B-tree index against the table it indexes.
        connection.execute(text("CREATE EXTENSION IF NOT EXISTS amcheck"))
        indexes = connection.execute(
            text(
                "SELECT c.oid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam"
                " WHERE n.nspname = 'public' AND a.amname = 'btree'"
            )
        ).all()
        assert indexes
        for (oid,) in indexes:
            connection.execute(text("SELECT bt_index_check(:oid, true)"), {"oid": oid})
        connection.commit()


def test_a_server_killed_mid_stream_keeps_every_acknowledged_write(world: World) -> None:
    writers = Writers(world, world.speaker_id)
    threads = writers.start()
    try:
        for round_number in range(ROUNDS):
            writers.wait_for(len(writers.acknowledged) + 30)
            world.server.kill()  # SIGKILL while four requests are in flight
            seen_before_restart = dict(writers.acknowledged)
            world.server.start()
            writers.wait_for(len(writers.acknowledged) + 10)
            assert len(seen_before_restart) >= 30 * (round_number + 1)
    finally:
        writers.stop.set()
        for thread in threads:
            thread.join(timeout=60)

    assert writers.cut_off >= 1, "no request was in flight when the server was killed"
    assert writers.errors == [], f"the server refused writes: {writers.errors}"
    world.server.stop()
    _check_the_database(world, writers.acknowledged)


@pytest.mark.parametrize("world", ["postgresql"], indirect=True)
def test_database_connections_terminated_mid_transaction_lose_no_acknowledged_write(
    world: World,
) -> None:
    writers = Writers(world, world.speaker_id)
    database = make_url(world.url).database
    admin = create_engine(
        make_url(world.url).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    threads = writers.start()
    terminated = 0
    try:
        for _ in range(5):
            writers.wait_for(len(writers.acknowledged) + 15)
            with admin.connect() as connection:
                terminated += sum(
                    bool(done)
                    for (done,) in connection.execute(
                        text(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            " WHERE datname = :name AND pid <> pg_backend_pid()"
                        ),
                        {"name": database},
                    ).all()
                )
        # The server reconnects by itself: writes go on after the last termination.
        writers.wait_for(len(writers.acknowledged) + 15)
    finally:
        writers.stop.set()
        for thread in threads:
            thread.join(timeout=60)
        admin.dispose()

    assert terminated >= 5
    # A request whose connection was cut mid-transaction answered 503 (try again), never 500.
    assert 503 in writers.errors, "no termination hit a request in flight"
    assert set(writers.errors) == {503}, writers.errors
    world.server.stop()
    _check_the_database(world, writers.acknowledged)
