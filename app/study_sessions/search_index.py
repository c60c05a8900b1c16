"""The search index of the minutes, kept current in the transaction that writes them.

Every title, topic (with its conclusion), outline, speech and problem (with its cause and measure)
has one ``search_entry`` row: the text as written and its words (``app.text.search_terms``: one per
Chinese character, so queries of one, two or more characters need no word segmentation). A session
hook writes the entries of what each flush inserted, changed or deleted, with Core statements on the
flush's connection — the same transaction, so a rolled-back write leaves no entry and a committed one is
found at once. The databases index the words themselves (``migrations/…_0016``): SQLite an FTS5 table
over ``terms`` kept by triggers, PostgreSQL a GIN index on ``to_tsvector('simple', terms)``.
"""

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import UOWTransaction
from sqlmodel import Session, select

from app.study_sessions.models import (
    Contribution,
    Finding,
    SearchEntry,
    SpeechOutline,
    StudySession,
    Topic,
)
from app.text import search_terms

INDEXED = (StudySession, Topic, SpeechOutline, Contribution, Finding)
_entries = SearchEntry.__table__  # type: ignore[attr-defined]
_sessions = StudySession.__table__  # type: ignore[attr-defined]


def part_of(record: Any) -> str:
    """The entry's ``part``: the table name of the record."""
    return str(record.__tablename__)


def _text(record: Any) -> str:
    if isinstance(record, StudySession):
        return record.title
    if isinstance(record, Topic):
        return "\n".join(text for text in (record.title, record.conclusion) if text)
    if isinstance(record, SpeechOutline):
        return record.body
    if isinstance(record, Contribution):
        return record.content
    return "\n".join(text for text in (record.description, record.cause, record.measure) if text)


def entry_of(record: Any, organization_id: int) -> dict[str, Any] | None:
    """The entry of a record of the minutes (None when it holds no word)."""
    text = _text(record)
    terms = search_terms(text)
    if not terms:
        return None
    is_speech = isinstance(record, Contribution)
    person_id = (
        record.author_id
        if isinstance(record, SpeechOutline)
        else record.speaker_id
        if is_speech
        else record.person_id
        if isinstance(record, Finding)
        else None
    )
    return {
        "study_session_id": record.id
        if isinstance(record, StudySession)
        else record.study_session_id,
        "organization_id": organization_id,
        "part": part_of(record),
        "part_id": record.id,
        "person_id": person_id,
        "target_id": record.target_id if is_speech else None,
        "contribution_kind": str(record.kind) if is_speech else None,
        "text": text,
        "terms": " ".join(terms),
    }


def _organization_ids(connection: sa.Connection, records: Iterable[Any]) -> dict[int, int]:
    """The organization of each record's meeting, from the records themselves or one query."""
    known: dict[int, int] = {
        r.id or 0: r.organization_id for r in records if isinstance(r, StudySession)
    }
    wanted = {r.study_session_id for r in records if not isinstance(r, StudySession)} - set(known)
    if wanted:
        rows = connection.execute(
            sa.select(_sessions.c.id, _sessions.c.organization_id).where(_sessions.c.id.in_(wanted))
        )
        known |= {int(meeting_id): int(organization_id) for meeting_id, organization_id in rows}
    return known


def _write(db: Session, _flush_context: UOWTransaction) -> None:
    changed = [r for r in (*db.new, *db.dirty) if isinstance(r, INDEXED)]
    deleted = [r for r in db.deleted if isinstance(r, INDEXED)]
    if not changed and not deleted:
        return
    connection = db.connection()
    for record in (*changed, *deleted):
        connection.execute(
            sa.delete(_entries).where(
                _entries.c.part == part_of(record), _entries.c.part_id == record.id
            )
        )
    for record in deleted:
        if isinstance(record, StudySession):
            connection.execute(sa.delete(_entries).where(_entries.c.study_session_id == record.id))
    organizations = _organization_ids(connection, changed)
    rows = []
    for record in changed:
        meeting_id = record.id if isinstance(record, StudySession) else record.study_session_id
        if meeting_id in organizations and (entry := entry_of(record, organizations[meeting_id])):
            rows.append(entry)
    if rows:
        connection.execute(sa.insert(_entries), rows)


def install_search_listener(session_class: type[Session]) -> None:
    """Keep the index current for every flush of sessions of ``session_class``; safe to repeat."""
    if not event.contains(session_class, "after_flush", _write):
        event.listen(session_class, "after_flush", _write)


def rebuild(db: Session) -> int:
    """Every entry written afresh from the minutes (after a restore or an upgrade); how many."""
    connection = db.connection()
    connection.execute(sa.delete(_entries))
    meetings = {m.id: m.organization_id for m in db.exec(select(StudySession)).all()}
    rows = []
    for model in INDEXED:
        record: Any
        for record in db.exec(select(model)).all():
            meeting_id = record.id if isinstance(record, StudySession) else record.study_session_id
            if (entry := entry_of(record, meetings[meeting_id])) is not None:
                rows.append(entry)
    if rows:
        connection.execute(sa.insert(_entries), rows)
    return len(rows)


install_search_listener(
    Session
)  # on the class every session of the app is made from, like the audit log
