"""Amendments: finalized minutes never change in place; a correction is a new, explained version."""

import json
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from app.auth.models import Account
from app.clock import utcnow
from app.errors import Conflict, InvalidInput, StaleMeeting
from app.i18n import mark
from app.scope import Scope
from app.study_sessions.models import Amendment, StudySession, StudySessionStatus
from app.study_sessions.schemas import AmendmentCreate, AmendmentPublic
from app.study_sessions.service import check_references, last_changed_by


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


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
    db.refresh(study_session, with_for_update=True)
    if expected_version is not None and expected_version != study_session.version:
        raise StaleMeeting(study_session.version, last_changed_by(db, study_session))
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
    study_session.version += 1
    study_session.updated_at = utcnow()
    assert study_session.id is not None
    amendment = Amendment(
        study_session_id=study_session.id,
        version=study_session.version,
        reason=data.reason,
        account_id=account_id,
        changes=json.dumps(changes, ensure_ascii=False, sort_keys=True),
    )
    db.add(amendment)
    db.flush()
    return amendment


def history(db: Session, study_session: StudySession) -> list[AmendmentPublic]:
    """The amendments of a session, oldest first, with who made them."""
    rows = db.exec(
        select(Amendment, Account.login)
        .outerjoin(Account, col(Account.id) == Amendment.account_id)
        .where(Amendment.study_session_id == study_session.id)
        .order_by(col(Amendment.id))
    ).all()
    return [
        AmendmentPublic(
            id=amendment.id or 0,
            version=amendment.version,
            reason=amendment.reason,
            login=login,
            at=amendment.at,
            changes=json.loads(amendment.changes),
        )
        for amendment, login in rows
    ]
