"""The audit log: ORM writes become chained events, and tampering is found and named.

These tests build their own schema with ``create_all`` (SQLite file; PostgreSQL in its own schema
``audit_test`` so the migrated ``public`` schema of the other tests is never touched). The listener is
the one ``app.db`` installs on ``sqlmodel.Session`` for the whole application.
"""

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import make_url, text
from sqlmodel import Session, SQLModel, col, func, select

import app.models  # noqa: F401  (all tables on the metadata)
from app.audit import service as audit
from app.audit.models import AuditEvent
from app.auth.models import Account, LoginAttempt, Role
from app.config import Settings
from app.db import Database
from app.organizations.models import Organization, OrganizationKind
from app.people.models import Person
from tests.fixtures.databases import POSTGRES_URL, ensure_postgres_database

SCHEMA = "audit_test"


def _postgres_url() -> str:
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={SCHEMA}"})
    return url.render_as_string(hide_password=False)


def _run(database_url: str, *statements: str) -> None:
    database = Database(_settings(database_url))
    try:
        with database.engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        database.dispose()


def _settings(database_url: str) -> Settings:
    return Settings(
        environment="test",
        database_url=database_url,
        secret_key="test-secret-key-0123456789",
        sqlite_busy_timeout_ms=10_000,
    )


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def schema_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """A database URL with every table created from the models."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('audit') / 'audit.db'}"
    else:
        if not POSTGRES_URL:
            pytest.skip("PostgreSQL leg: set YANTAO_TEST_DATABASE_URL to run it")
        ensure_postgres_database(POSTGRES_URL)
        url = _postgres_url()
        _run(url, f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE", f"CREATE SCHEMA {SCHEMA}")
    database = Database(_settings(url))
    SQLModel.metadata.create_all(database.engine)
    database.dispose()
    yield url
    if request.param == "postgresql":
        _run(url, f"DROP SCHEMA {SCHEMA} CASCADE")


@pytest.fixture
def database(schema_url: str) -> Iterator[Database]:
    database = Database(_settings(schema_url))
    yield database
    tables = [table.name for table in reversed(SQLModel.metadata.sorted_tables)]
    with database.engine.begin() as connection:
        if schema_url.startswith("postgresql"):
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                connection.execute(text(f"DELETE FROM {name}"))
    database.dispose()


@pytest.fixture
def db(database: Database) -> Iterator[Session]:
    with database.session(write=True) as session:
        yield session


def add_organization(db: Session, code: str, name: str = "和平镇机关党支部") -> Organization:
    organization = Organization(code=code, name=name, kind=OrganizationKind.branch)
    db.add(organization)
    db.commit()
    return organization


def add_account(db: Session, organization: Organization, login: str = "lihua") -> Account:
    assert organization.id is not None
    account = Account(
        login=login,
        password_hash="$argon2id$v=19$first-hash-value",
        role=Role.secretary,
        organization_id=organization.id,
    )
    db.add(account)
    db.commit()
    return account


def new_person(organization: Organization, name: str, **fields: Any) -> Person:
    assert organization.id is not None
    return Person(organization_id=organization.id, name=name, **fields)


def events(db: Session, entity: str | None = None) -> list[AuditEvent]:
    """Every event in id order, fresh from the database."""
    db.expire_all()
    statement = select(AuditEvent).order_by(col(AuditEvent.id))
    if entity is not None:
        statement = statement.where(AuditEvent.entity == entity)
    return list(db.exec(statement).all())


def event_count(db: Session) -> int:
    return int(db.exec(select(func.count()).select_from(AuditEvent)).one())


def loads(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def test_create_records_every_column_and_the_acting_account(db: Session) -> None:
    organization = add_organization(db, "ORG1")
    account = add_account(db, organization)
    db.info[audit.ACCOUNT_ID_KEY] = account.id

    person = new_person(organization, "赵红梅", post="组织委员")
    db.add(person)
    db.commit()

    (created,) = events(db, "person")
    assert (created.action, created.entity_id, created.account_id) == (
        "create",
        str(person.id),
        account.id,
    )
    assert created.before is None
    after = loads(created.after)
    assert after["name"] == "赵红梅"
    assert after["post"] == "组织委员"
    assert after["committee_role"] == "member"
    assert after["created_at"] == person.created_at.isoformat()
    # Stored as canonical JSON: Chinese as is, sorted keys, no spaces.
    assert created.after == json.dumps(
        after, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    # Written without a request: no account.
    assert [e.account_id for e in events(db, "organization")] == [None]


def test_update_records_only_changed_columns_with_old_and_new_values(db: Session) -> None:
    organization = add_organization(db, "ORG1")
    person = new_person(organization, "周强", post="委员")
    db.add(person)
    db.commit()

    person.name = "周志强"
    person.is_top_leader = True
    db.commit()

    updated = events(db, "person")[-1]
    assert (updated.action, updated.entity_id) == ("update", str(person.id))
    assert loads(updated.before) == {"id": person.id, "name": "周强", "is_top_leader": False}
    assert loads(updated.after) == {"name": "周志强", "is_top_leader": True}


def test_delete_records_the_old_row(db: Session) -> None:
    organization = add_organization(db, "ORG1")
    person = new_person(organization, "陈督查")
    db.add(person)
    db.commit()
    person_id = person.id

    db.delete(person)
    db.commit()

    deleted = events(db, "person")[-1]
    assert (deleted.action, deleted.entity_id, deleted.after) == ("delete", str(person_id), None)
    before = loads(deleted.before)
    assert (before["id"], before["name"], before["organization_id"]) == (
        person_id,
        "陈督查",
        organization.id,
    )


def test_password_hash_is_never_stored(db: Session) -> None:
    account = add_account(db, add_organization(db, "ORG1"))
    account.password_hash = "$argon2id$v=19$second-hash-value"
    db.commit()

    created, updated = events(db, "account")
    assert loads(created.after)["password_hash"] == "***"
    assert loads(updated.before) == {"id": account.id, "password_hash": "***"}
    assert loads(updated.after) == {"password_hash": "***"}
    assert all("hash-value" not in (e.before or "") + (e.after or "") for e in events(db))


def test_flushes_without_changes_add_nothing(db: Session) -> None:
    organization = add_organization(db, "ORG1")
    before = event_count(db)

    db.flush()
    organization.name = organization.name  # set, but not changed
    db.commit()
    db.add(LoginAttempt(login="lihua", client_address="10.0.0.8", succeeded=False))
    db.commit()

    assert event_count(db) == before == 1


def test_record_appends_an_explicit_event_after_pending_changes(db: Session) -> None:
    account = add_account(db, add_organization(db, "ORG1"))
    db.add(Person(organization_id=account.organization_id, name="李明华"))  # pending, not flushed

    recorded = audit.record(
        db,
        action="token_create",
        entity="api_token",
        entity_id=7,
        after={"name": "报表脚本", "token_hash": "abc123"},
        account_id=account.id,
    )
    db.commit()

    *_, person_created, last = events(db)
    assert (person_created.entity, last.id) == ("person", recorded.id)
    assert last.previous_hash == person_created.hash
    assert (last.action, last.entity_id, last.account_id) == ("token_create", "7", account.id)
    assert loads(last.after) == {"name": "报表脚本", "token_hash": "***"}
    assert events(db)[0].previous_hash == audit.GENESIS_HASH


def _mixed_writes(db: Session, rounds: int) -> None:
    organization = add_organization(db, "ORG0")
    db.info[audit.ACCOUNT_ID_KEY] = add_account(db, organization).id
    for n in range(rounds):
        person = new_person(organization, f"党员{n}")
        db.add(person)
        db.flush()
        person.post = f"第{n}党小组组长"
        db.commit()
        if n % 3 == 0:
            db.delete(person)
        audit.record(db, action="finalize", entity="study_session", entity_id=n)
        db.commit()
        # A rolled-back transaction leaves no trace in the chain.
        db.add(new_person(organization, "撤回"))
        db.flush()
        db.rollback()


def test_chain_verifies_after_many_mixed_writes(db: Session) -> None:
    _mixed_writes(db, rounds=12)

    result = audit.verify(db, batch_size=5)

    assert result == audit.VerifyResult(
        ok=True, checked=event_count(db), first_bad_id=None, reason=""
    )
    assert result.checked == 2 + 12 * 3 + 4  # two setup rows; create, update, finalize; 4 deletes


def test_changed_event_fails_verification_naming_it(db: Session) -> None:
    _mixed_writes(db, rounds=6)
    target = events(db)[9]

    db.execute(
        text('UPDATE audit_event SET "after" = :after WHERE id = :id'),
        {"after": '{"name":"伪造"}', "id": target.id},
    )
    db.commit()

    assert audit.verify(db, batch_size=4) == audit.VerifyResult(
        ok=False, checked=9, first_bad_id=target.id, reason="hash does not match its contents"
    )


def test_deleted_event_fails_verification_naming_the_next(db: Session) -> None:
    _mixed_writes(db, rounds=6)
    preceding, removed, following = events(db)[8:11]

    db.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": removed.id})
    db.commit()

    result = audit.verify(db, batch_size=4)
    assert (result.ok, result.checked, result.first_bad_id) == (False, 9, following.id)
    assert result.reason == f"previous_hash does not match event {preceding.id}"


def test_deleted_first_event_fails_verification(db: Session) -> None:
    _mixed_writes(db, rounds=1)
    first, second = events(db)[:2]

    db.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": first.id})
    db.commit()

    assert audit.verify(db) == audit.VerifyResult(
        ok=False,
        checked=0,
        first_bad_id=second.id,
        reason="previous_hash is not the start of the chain",
    )


def test_cutting_off_the_newest_events_is_caught_only_by_an_anchor(db: Session) -> None:
    _mixed_writes(db, rounds=4)
    intact = audit.verify(db, batch_size=4)
    newest = events(db)[-1]
    assert intact.newest == audit.Anchor(newest.id or 0, newest.hash)
    middle = audit.Anchor(events(db)[7].id or 0, events(db)[7].hash)

    db.execute(text("DELETE FROM audit_event WHERE id >= :id"), {"id": events(db)[-3].id})
    db.commit()
    unanchored = audit.verify(db, batch_size=4)
    anchored = audit.verify(db, batch_size=4, anchors=[middle, intact.newest])

    assert unanchored.ok  # a shorter chain is still a chain
    assert unanchored.checked == intact.checked - 3
    assert (anchored.ok, anchored.first_bad_id) == (False, newest.id)
    assert anchored.reason.startswith("the anchored event is missing")
    assert anchored.checked == unanchored.checked  # the earlier anchor held on the way


def test_a_rewritten_chain_differs_from_its_anchor(db: Session) -> None:
    _mixed_writes(db, rounds=2)
    target = events(db)[4]
    rewritten = audit.Anchor(target.id or 0, "f" * 64)

    result = audit.verify(db, batch_size=3, anchors=[rewritten])

    assert (result.ok, result.checked, result.first_bad_id) == (False, 4, target.id)
    assert result.reason == "hash differs from its anchor: the chain was rewritten"
    assert result.newest == audit.Anchor(events(db)[3].id or 0, events(db)[3].hash)


@pytest.mark.parametrize(
    "text", ["", "12", "12:", "x:" + "0" * 64, "12:" + "0" * 63, "12:" + "g" * 64, "١٢:" + "0" * 64]
)
def test_an_anchor_is_an_event_id_and_a_whole_hash(text: str) -> None:
    with pytest.raises(ValueError, match="anchor"):
        audit.Anchor.parse(text)
    assert audit.Anchor.parse(" 12:" + "AB" * 32) == audit.Anchor(12, "ab" * 32)


WRITERS = 4
TRANSACTIONS_EACH = 10


@pytest.mark.commits
def test_concurrent_writers_leave_one_linear_chain(database: Database, db: Session) -> None:
    organization = add_organization(db, "ORG0")
    db.close()

    def write(writer: int) -> None:
        for n in range(TRANSACTIONS_EACH):
            with database.session(write=True) as session:
                session.add(new_person(organization, f"写者{writer}-{n}"))
                session.commit()

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        list(pool.map(write, range(WRITERS)))

    with database.session(write=False) as session:
        result = audit.verify(session)
        persons = len(events(session, "person"))
    assert (result.ok, result.reason) == (True, "")
    assert (persons, result.checked) == (WRITERS * TRANSACTIONS_EACH, 1 + persons)
