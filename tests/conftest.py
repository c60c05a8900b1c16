"""Test databases: every database test runs on SQLite and, when configured, on PostgreSQL.

The schema is built by ``alembic upgrade head`` (the same path production takes). Tests commit for real
(through the app's own transaction handling); afterwards every table is emptied.
"""

import functools
import logging
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from alembic import command
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, make_url, text
from sqlmodel import Session, SQLModel

import app.models  # noqa: F401  (all tables on the metadata)
from app.auth import service as auth_service
from app.auth.models import Account, Role
from app.config import Settings
from app.db import Database
from app.health import alembic_config
from app.main import create_app
from app.organizations.models import Organization, OrganizationKind


def _worker_database(url: str) -> str:
    """Under pytest-xdist each worker gets its own PostgreSQL database (``test_gw0``, ``test_gw1`` …),
    so parallel workers never empty each other's tables."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


POSTGRES_URL = _worker_database(os.environ.get("YANTAO_TEST_DATABASE_URL", ""))


def ensure_postgres_database(url: str) -> None:
    """Create the (worker's) database on the server if it does not exist yet."""
    from sqlalchemy import create_engine

    parsed = make_url(url)
    engine = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": parsed.database}
            ).scalar()
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    finally:
        engine.dispose()


IN_CI = os.environ.get("CI", "").lower() == "true"
BACKENDS = ["sqlite", "postgresql"]


@dataclass
class Backend:
    name: str
    url: str
    statements: list[str] = field(default_factory=list)


def _reset_postgres_schema(url: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def migrate(url: str) -> None:
    config = alembic_config(url)
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Backend:
    """A migrated database of one kind for the whole run."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'yantao-test.db'}"
    else:
        if not POSTGRES_URL:
            if IN_CI:
                pytest.fail(
                    "CI=true but YANTAO_TEST_DATABASE_URL is not set: the PostgreSQL leg must run"
                )
            pytest.skip("PostgreSQL leg: set YANTAO_TEST_DATABASE_URL to run it")
        url = POSTGRES_URL
        try:
            ensure_postgres_database(url)
            _reset_postgres_schema(url)
        except Exception as exc:  # an unreachable server must fail in CI, never pass silently
            if IN_CI:
                pytest.fail(f"PostgreSQL at {url} is unreachable: {exc}")
            pytest.skip(f"PostgreSQL at {url} is unreachable: {exc}")
    migrate(url)
    return Backend(request.param, url)


@pytest.fixture(scope="session")
def backend_settings(backend: Backend) -> Settings:
    return Settings(
        environment="test",
        database_url=backend.url,
        secret_key="test-secret-key-0123456789",
        # A lock left by a test shows up in seconds instead of the production half minute.
        sqlite_busy_timeout_ms=3000,
    )


@pytest.fixture
def settings(backend_settings: Settings) -> Settings:
    return backend_settings


@pytest.fixture(scope="session")
def application(backend_settings: Settings) -> FastAPI:
    """One app per database for the whole run (building it costs more than most tests)."""
    return create_app(backend_settings)


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    database = Database(settings)
    yield database
    empty_all_tables(database.engine, settings.database_url)
    database.dispose()


# Reference data the migrations seed; tests read it and never change it.
SEEDED_TABLES = frozenset({"spot_check_criterion", "meeting_frequency"})


def empty_all_tables(engine: Engine, url: str) -> None:
    tables = [
        t.name for t in reversed(SQLModel.metadata.sorted_tables) if t.name not in SEEDED_TABLES
    ]
    with engine.begin() as connection:
        if url.startswith("postgresql"):
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                connection.execute(text(f"DELETE FROM {name}"))


@pytest.fixture
def db(database: Database) -> Iterator[Session]:
    """A session for arranging data and checking results; the test commits what it arranges.

    Deferred transactions: in WAL mode its reads never block the app's writers, even while it holds a
    snapshot (e.g. after refreshing an expired attribute).
    """
    with database.session(write=False) as session:
        yield session


ADMIN_PASSWORD = "admin-password-for-tests"


@functools.cache
def password_hash(password: str) -> str:
    """Argon2 is slow on purpose; hash each test password once per run."""
    return auth_service.hash_password(password)


def make_account(
    db: Session,
    organization_id: int,
    *,
    login: str,
    role: Role,
    include_subtree: bool = False,
    password: str = ADMIN_PASSWORD,
) -> Account:
    account = Account(
        login=login,
        password_hash=password_hash(password),
        role=role,
        organization_id=organization_id,
        include_subtree=include_subtree,
    )
    db.add(account)
    db.flush()
    return account


def token_for(db: Session, account: Account) -> str:
    issued = auth_service.create_token(db, account, name="tests", expires_in_days=None)
    db.commit()
    return issued.secret


@pytest.fixture
def admin_token(database: Database) -> str:
    """A token of the installation's administrator (an admin over a whole tree sees everything)."""
    with database.session() as db:
        home = Organization(
            code="SYS", name="系统管理", kind=OrganizationKind.organization_department
        )
        db.add(home)
        db.flush()
        home.path = f"/{home.id}/"
        account = make_account(
            db, home.id or 0, login="admin", role=Role.admin, include_subtree=True
        )
        return token_for(db, account)


@pytest.fixture
def client(application: FastAPI, database: Database, admin_token: str) -> Iterator[TestClient]:
    """An HTTP client authenticated as the installation's administrator (Bearer token)."""
    application.state.database = database
    with TestClient(application, headers={"Authorization": f"Bearer {admin_token}"}) as test_client:
        yield test_client


@pytest.fixture
def anonymous_client(application: FastAPI, database: Database) -> Iterator[TestClient]:
    """An HTTP client with no credentials (logs in through the pages itself)."""
    application.state.database = database
    with TestClient(application) as test_client:
        yield test_client


class QueryCounter:
    """Counts the SQL statements an engine executes while active."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.statements: list[str] = []

    def _record(self, _conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA")):
            self.statements.append(statement)

    def __enter__(self) -> "QueryCounter":
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(database: Database) -> QueryCounter:
    return QueryCounter(database.engine)


class FontFallbacks(logging.Handler):
    """Collects WeasyPrint's warnings that mean a PDF came out wrong or slow: a ``.notdef`` glyph (a
    character no font has, printed as a box) or subsetting through fontTools (libharfbuzz-subset0
    missing)."""

    MARKERS = (".notdef glyph", "Using fontTools instead of HarfBuzz-Subset")

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if any(marker in message for marker in self.MARKERS):
            self.messages.append(message)


@pytest.fixture(autouse=True)
def font_fallbacks() -> Iterator[FontFallbacks]:
    """Every test fails when a PDF it rendered had a box for a character or fell back to fontTools."""
    handler = FontFallbacks()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        pytest.fail(f"WeasyPrint font problem: {handler.messages[0]}")


_legs: dict[str, dict[str, int]] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    counted = (
        report.when == "call"
        or (report.when == "setup" and report.outcome != "passed")
        or (report.when == "teardown" and report.outcome == "failed")
    )
    if not counted:
        return
    leg = next(
        (name for name in BACKENDS if f"[{name}" in report.nodeid or f"-{name}]" in report.nodeid),
        "no database",
    )
    counts = _legs.setdefault(leg, {"passed": 0, "failed": 0, "skipped": 0})
    counts[report.outcome] = counts.get(report.outcome, 0) + 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    terminalreporter.section("tests per database leg")
    for leg in ["sqlite", "postgresql", "no database"]:
        counts = _legs.get(leg, {"passed": 0, "failed": 0, "skipped": 0})
        terminalreporter.write_line(
            f"{leg:>12}: {counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped"
        )


def sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


@dataclass
class DemoDatabase:
    path: Path
    upgrade: subprocess.CompletedProcess[str]
    demo: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> DemoDatabase:
    """A database migrated from nothing and loaded with the demo, for this module: a copy of the one
    this worker loaded (``upgrade`` and ``demo`` are what those two commands printed then)."""
    from tests.live import copy_database, demo_template  # tests.live imports this module

    path = tmp_path_factory.mktemp("cli") / "cli.db"
    template = demo_template("sqlite", path.parent)
    copy_database(template.url, f"sqlite:///{path}")
    return DemoDatabase(path, template.upgrade, template.demo)
