"""Amendments: finalized minutes never change in place; a correction is a new, explained version."""

import json
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from app.audit import service as audit
from app.clock import utcnow
from app.errors import Conflict, InvalidInput
from app.i18n import mark
from app.scope import Scope
from app.study_sessions import lifecycle
from app.study_sessions.models import Amendment, StudySession, StudySessionStatus
from app.study_sessions.parts_service import PART_NAMES
from app.study_sessions.schemas import AmendmentCreate
from app.study_sessions.service import check_references


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def amend(
    db: Session,
    scope: Scope,
    study_session: StudySession,
    data: AmendmentCreate,
    *,
    account_id: int | None,
    expected_version: int | None = None,
) -> Amendment:
    """Correct finalized minutes: record the reason and each field's old and new value."""
    lifecycle.lock(db, study_session, expected_version=expected_version)
    if study_session.status != StudySessionStatus.finalized:
        raise Conflict(
            mark("Only finalized minutes are amended; edit these minutes directly."),
            code="not_finalized",
        )
    wanted = data.changes.model_dump(exclude_unset=True)
    changes = {
        name: {"from": _plain(getattr(study_session, name)), "to": _plain(value)}
        for name, value in wanted.items()
        if getattr(study_session, name) != value
    }
    if not changes:
        raise InvalidInput(
            mark("The amendment changes nothing."), code="no_change", field="changes"
        )
    check_references(db, scope, study_session.model_copy(update=wanted))
    for name, value in wanted.items():
        setattr(study_session, name, value)
    return _record(db, study_session, data.reason, changes, account_id=account_id)


def _record(
    db: Session,
    study_session: StudySession,
    reason: str,
    changes: dict[str, dict[str, Any]],
    *,
    account_id: int | None,
) -> Amendment:
    """The new version: its amendment row (reason, each change's old and new value) and the audit."""
    study_session.version += 1
    study_session.updated_at = utcnow()
    assert study_session.id is not None
    amendment = Amendment(
        study_session_id=study_session.id,
        version=study_session.version,
        reason=reason,
        account_id=account_id,
        changes=json.dumps(changes, ensure_ascii=False, sort_keys=True),
    )
    db.add(amendment)
    db.flush()
    audit.record(
        db,
        action="amend",
        entity="study_session",
        entity_id=study_session.id,
        after={"version": study_session.version, "reason": reason, "fields": sorted(changes)},
        account_id=account_id,
    )
    return amendment


def amend_part(
    db: Session,
    study_session: StudySession,
    record: Any,
    *,
    reason: str,
    fields: Iterable[str],
    where: dict[str, Any],
    change: Callable[[], object],
    account_id: int | None,
    expected_version: int | None = None,
) -> Amendment:
    """Correct one row of finalized minutes (a speech's text or speaker, a problem's cause…) as a new
    version: ``change`` is the part's own update (its checks included, run with ``amending=True``);
    each changed field is recorded as ``<part>.<id>.<field>`` with its old and new value and ``where``
    (which row: its round and speaker, its number), so the record reads without the row."""
    lifecycle.lock(db, study_session, expected_version=expected_version)
    if study_session.status != StudySessionStatus.finalized:
        raise Conflict(
            mark("Only finalized minutes are amended; edit these minutes directly."),
            code="not_finalized",
        )
    names = list(fields)
    before = {name: _plain(getattr(record, name)) for name in names}
    change()
    prefix = f"{PART_NAMES[type(record)]}.{record.id}"
    changes = {
        f"{prefix}.{name}": {"from": before[name], "to": _plain(getattr(record, name)), **where}
        for name in names
        if before[name] != _plain(getattr(record, name))
    }
    if not changes:
        raise InvalidInput(mark("The amendment changes nothing."), code="no_change", field="form")
    return _record(db, study_session, reason, changes, account_id=account_id)
