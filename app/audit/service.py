"""Append audit events to a SHA-256 hash chain, record every ORM write, and verify the chain.

Each event's ``hash`` is the SHA-256 of a canonical JSON of its contents and its ``previous_hash``; the
first event links to 64 zeros. Changing, inserting or deleting an event breaks the chain at that point,
and ``verify`` names the first event that no longer fits.

Automatic events come from two session hooks, installed once on the session class the app uses
(``install_audit_listener(sqlmodel.Session)``):

* ``before_flush`` takes the chain lock on PostgreSQL before the flush writes anything, so a
  transaction never holds row locks while it waits for the chain (which could deadlock).
* ``after_flush`` still sees the pre-flush state (``new`` / ``dirty`` / ``deleted`` and attribute
  history) and inserts one event per changed row with Core statements on the flush's connection. Core
  rather than ``Session.add``: the events are in the database when ``flush()`` returns, the listener never
  sees its own rows, and the next event always reads its predecessor from the table.

Only the unit of work is seen: ORM-enabled bulk ``update()`` / ``delete()`` statements and raw SQL are
not recorded; services that use them must call ``record`` themselves.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import InstanceState, UOWTransaction
from sqlmodel import Session

from app.audit.models import AuditEvent
from app.clock import utcnow

__all__ = [
    "ACCOUNT_ID_KEY",
    "GENESIS_HASH",
    "VerifyResult",
    "canonical_json",
    "install_audit_listener",
    "record",
    "verify",
]

ACCOUNT_ID_KEY: Final = "account_id"
"""``Session.info`` key holding the acting account's id (set per request; absent for the CLI)."""

GENESIS_HASH: Final = "0" * 64

# Any fixed 64-bit number, the same in every process: PostgreSQL advisory locks are database-wide.
CHAIN_LOCK_KEY: Final = 0x59414E54414F4155  # "YANTAOAU"

# The log itself, and login throttling (one row per attempt; logins get explicit events instead).
UNAUDITED_TABLES: Final = frozenset({"audit_event", "login_attempt"})
SECRET_COLUMNS: Final = frozenset({"password_hash", "token_hash"})
MASK: Final = "***"

_audit_table: sa.Table = AuditEvent.__table__  # type: ignore[attr-defined]


def _json_default(value: object) -> object:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        # Documents (e.g. a stored PDF) are recorded by fingerprint, not copied into the log.
        return {"sha256": hashlib.sha256(value).hexdigest(), "bytes": len(value)}
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def canonical_json(value: object) -> str:
    """One text per value: sorted keys, no spaces, UTF-8 as is; dates ISO, enums by value."""
    return json.dumps(
        value,
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=_json_default,
    )


def _event_hash(
    *,
    at: datetime,
    account_id: int | None,
    action: str,
    entity: str,
    entity_id: str | None,
    before: str | None,
    after: str | None,
    previous_hash: str,
) -> str:
    contents = {
        "at": at.isoformat(timespec="microseconds"),
        "account_id": account_id,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "before": before,
        "after": after,
        "previous_hash": previous_hash,
    }
    return hashlib.sha256(canonical_json(contents).encode()).hexdigest()


def _stored_json(values: Mapping[str, Any] | None) -> str | None:
    if values is None:
        return None
    return canonical_json(
        {
            key: MASK if key in SECRET_COLUMNS and value is not None else value
            for key, value in values.items()
        }
    )


def _lock_chain(connection: Connection) -> None:
    # SQLite needs nothing: a writing transaction holds the database's only write lock already.
    if connection.dialect.name == "postgresql":
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(CHAIN_LOCK_KEY)))


def _last_hash(connection: Connection) -> str:
    last = connection.execute(
        sa.select(_audit_table.c.hash).order_by(_audit_table.c.id.desc()).limit(1)
    ).scalar_one_or_none()
    return GENESIS_HASH if last is None else str(last)


@dataclass(frozen=True)
class _Change:
    action: str
    entity: str
    entity_id: str | None
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None


def _sealed_row(change: _Change, *, account_id: int | None, previous_hash: str) -> dict[str, Any]:
    """The column values of one event, hash included."""
    row: dict[str, Any] = {
        "at": utcnow(),
        "account_id": account_id,
        "action": change.action,
        "entity": change.entity,
        "entity_id": change.entity_id,
        "before": _stored_json(change.before),
        "after": _stored_json(change.after),
        "previous_hash": previous_hash,
    }
    row["hash"] = _event_hash(**row)
    return row


def record(
    db: Session,
    *,
    action: str,
    entity: str,
    entity_id: str | int | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    account_id: int | None = None,
) -> AuditEvent:
    """Append one explicit event (login, token, finalize …) in the caller's transaction; flushes only."""
    # Pending changes first: their automatic events must precede this one in the chain.
    db.flush()
    connection = db.connection()
    _lock_chain(connection)
    change = _Change(
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        before=before,
        after=after,
    )
    audit_event = AuditEvent(
        **_sealed_row(change, account_id=account_id, previous_hash=_last_hash(connection))
    )
    db.add(audit_event)
    db.flush()
    return audit_event


# --- automatic events ------------------------------------------------------------------------------


def _state(obj: object) -> InstanceState[Any]:
    state: InstanceState[Any] = sa.inspect(obj)
    return state


def _entity(state: InstanceState[Any]) -> str:
    """The table name (``description`` is a table's name)."""
    return state.mapper.local_table.description


def _is_audited(obj: object) -> bool:
    return _entity(_state(obj)) not in UNAUDITED_TABLES


def _entity_id(state: InstanceState[Any]) -> str:
    mapper = state.mapper
    keys = [mapper.get_property_by_column(column).key for column in mapper.primary_key]
    return ",".join(str(state.dict.get(key)) for key in keys)


def _loaded_columns(state: InstanceState[Any]) -> dict[str, Any]:
    """The column values in memory; never loads (an expired column is left out, not guessed)."""
    return {
        prop.key: state.dict[prop.key]
        for prop in state.mapper.column_attrs
        if prop.key in state.dict
    }


def _created(state: InstanceState[Any]) -> _Change:
    return _Change("create", _entity(state), _entity_id(state), None, _loaded_columns(state))


def _updated(state: InstanceState[Any]) -> _Change | None:
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for prop in state.mapper.column_attrs:
        history = state.attrs[prop.key].history
        if not history.has_changes():
            continue
        # An old value that was never loaded is unknown: it is left out of ``before``.
        if history.deleted:
            before[prop.key] = history.deleted[0]
        after[prop.key] = history.added[0] if history.added else None
    if not after:
        return None
    if "id" in state.dict:
        before.setdefault("id", state.dict["id"])
    return _Change("update", _entity(state), _entity_id(state), before, after)


def _deleted(state: InstanceState[Any]) -> _Change:
    return _Change("delete", _entity(state), _entity_id(state), _loaded_columns(state), None)


def _flushed_changes(db: Session) -> list[_Change]:
    changes: list[_Change] = [_created(_state(obj)) for obj in db.new if _is_audited(obj)]
    for obj in db.dirty:
        if _is_audited(obj) and (change := _updated(_state(obj))) is not None:
            changes.append(change)
    changes.extend(_deleted(_state(obj)) for obj in db.deleted if _is_audited(obj))
    return changes


def _any_audited(objects: Iterable[object]) -> bool:
    return any(_is_audited(obj) for obj in objects)


def _lock_before_writing(db: Session, _flush_context: UOWTransaction, _instances: object) -> None:
    if _any_audited(db.new) or _any_audited(db.dirty) or _any_audited(db.deleted):
        _lock_chain(db.connection())


def _record_flushed_changes(db: Session, _flush_context: UOWTransaction) -> None:
    changes = _flushed_changes(db)
    if not changes:
        return
    connection = db.connection()
    account_id = db.info.get(ACCOUNT_ID_KEY)
    previous_hash = _last_hash(connection)
    # One statement per event: a multi-row insert does not promise ids in the chain's order.
    for change in changes:
        row = _sealed_row(change, account_id=account_id, previous_hash=previous_hash)
        connection.execute(sa.insert(_audit_table).values(row))
        previous_hash = row["hash"]


def install_audit_listener(session_class: type[Session]) -> None:
    """Record every ORM write of sessions of ``session_class`` (and its subclasses); safe to repeat.

    Install it once, on the class the application's sessions are made from (``sqlmodel.Session``):
    a listener on both a class and its subclass would record every change twice.
    """
    if not event.contains(session_class, "after_flush", _record_flushed_changes):
        event.listen(session_class, "before_flush", _lock_before_writing)
        event.listen(session_class, "after_flush", _record_flushed_changes)


# --- verification ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Anchor:
    """An event's id and hash, written down outside the database (a filed report, an office's log
    book). The chain proves no event was changed or removed *before* its newest event; an anchor
    also proves the log still reaches the anchored event as it was then, so cutting off the newest
    events, or rewriting the chain from scratch, no longer goes unnoticed."""

    event_id: int
    hash: str

    def __str__(self) -> str:
        return f"{self.event_id}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> "Anchor":
        """``ID:HASH`` as ``yantao audit verify`` prints it; ValueError naming what is wrong."""
        event_id, _, digest = text.strip().partition(":")
        digest = digest.lower()
        if not (event_id.isascii() and event_id.isdigit() and len(event_id) <= 10):
            raise ValueError(f"{text!r}: an anchor is EVENT_ID:HASH, as audit verify prints it")
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise ValueError(f"{text!r}: the hash of an anchor is 64 hexadecimal digits")
        return cls(int(event_id), digest)


def newest_anchor(db: Session) -> Anchor | None:
    """The anchor of the newest event (None for an empty log), to print where it will be kept."""
    row = (
        db.connection()
        .execute(
            sa.select(_audit_table.c.id, _audit_table.c.hash)
            .order_by(_audit_table.c.id.desc())
            .limit(1)
        )
        .first()
    )
    return Anchor(row.id, row.hash) if row is not None else None


@dataclass(frozen=True)
class VerifyResult:
    """``checked`` counts the events that verified, in id order, before the first bad one;
    ``newest`` is the anchor of the last event that verified (None for an empty log)."""

    ok: bool
    checked: int
    first_bad_id: int | None
    reason: str
    newest: Anchor | None = field(default=None, compare=False)


def verify(db: Session, *, batch_size: int = 1000, anchors: Iterable[Anchor] = ()) -> VerifyResult:
    """Walk the chain by id in batches; report the first event whose hash or link does not hold,
    or the first of ``anchors`` the log no longer holds as it was anchored."""
    connection = db.connection()
    pending = sorted(anchors, key=lambda a: a.event_id)
    checked = 0
    previous_id: int | None = None
    previous_hash = GENESIS_HASH

    def result(ok: bool, first_bad_id: int | None = None, reason: str = "") -> VerifyResult:
        newest = Anchor(previous_id, previous_hash) if previous_id is not None else None
        return VerifyResult(ok, checked, first_bad_id, reason, newest)

    def missing(anchor: Anchor) -> VerifyResult:
        return result(
            False,
            anchor.event_id,
            "the anchored event is missing: the log was cut short or rewritten",
        )

    while True:
        statement = sa.select(_audit_table).order_by(_audit_table.c.id).limit(batch_size)
        if previous_id is not None:
            statement = statement.where(_audit_table.c.id > previous_id)
        rows = connection.execute(statement).mappings().all()
        if not rows:
            return missing(pending[0]) if pending else result(True)
        for row in rows:
            if pending and pending[0].event_id < row["id"]:
                return missing(pending[0])
            anchored = [a.hash for a in pending if a.event_id == row["id"]]
            recomputed = _event_hash(
                at=row["at"],
                account_id=row["account_id"],
                action=row["action"],
                entity=row["entity"],
                entity_id=row["entity_id"],
                before=row["before"],
                after=row["after"],
                previous_hash=row["previous_hash"],
            )
            if recomputed != row["hash"]:
                reason = "hash does not match its contents"
            elif row["previous_hash"] != previous_hash:
                reason = (
                    "previous_hash is not the start of the chain"
                    if previous_id is None
                    else f"previous_hash does not match event {previous_id}"
                )
            elif any(digest != row["hash"] for digest in anchored):
                reason = "hash differs from its anchor: the chain was rewritten"
            else:
                del pending[: len(anchored)]
                checked += 1
                previous_id = row["id"]
                previous_hash = row["hash"]
                continue
            return result(False, row["id"], reason)
