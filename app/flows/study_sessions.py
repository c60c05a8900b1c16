"""A meeting's workflows across the minutes, the ledger, the stored documents and the spot checks."""

from typing import Any

from pydantic import BaseModel
from sqlmodel import Session

from app.audit import service as audit
from app.config import Settings
from app.crud import changes_of
from app.minutes import service as minutes_service
from app.rectification import service as rectification_service
from app.scope import Scope
from app.spot_checks import service as spot_check_service
from app.study_sessions import amendments, lifecycle, parts_service
from app.study_sessions import service as study_session_service
from app.study_sessions.lifecycle import Problem
from app.study_sessions.models import Amendment, Finding, StudySession
from app.study_sessions.schemas import AmendmentCreate, StudySessionCreate


def plan(db: Session, scope: Scope, data: StudySessionCreate) -> StudySession:
    """Plan a meeting. A make-up (补课) of a flagged meeting moves that meeting's flag to scheduled."""
    study_session = study_session_service.create_study_session(db, scope, data)
    if study_session.make_up_of_id is not None:
        spot_check_service.make_up_planned(db, study_session)
    return study_session


def finalize(
    db: Session,
    settings: Settings,
    study_session: StudySession,
    *,
    account_id: int | None,
    expected_version: int | None = None,
) -> list[Problem]:
    """Finalize the minutes, or refuse with every unmet rule; returns the warnings.

    1. lock the minutes (every rule checked at once);
    2. put each finding with a measure into the ledger — before printing, so the stored minutes data
       links each finding to its item;
    3. store the PDF/A of this version;
    4. a finalized make-up: the meeting it makes up for waits for the inspector;
    5. the audit event.
    """
    warnings = lifecycle.finalize(db, settings, study_session, expected_version=expected_version)
    rectification_service.open_items_from_findings(
        db, study_session_service.ledger_findings(db, study_session)
    )
    minutes_service.store(db, settings, study_session)
    if study_session.make_up_of_id is not None:
        spot_check_service.make_up_finalized(db, study_session)
    audit.record(
        db,
        action="finalize",
        entity="study_session",
        entity_id=study_session.id,
        after={"version": study_session.version, "warnings": [w.code for w in warnings]},
        account_id=account_id,
    )
    return warnings


def amend(
    db: Session,
    settings: Settings,
    scope: Scope,
    study_session: StudySession,
    data: AmendmentCreate,
    *,
    account_id: int | None,
    expected_version: int | None = None,
) -> Amendment:
    """Correct finalized minutes (a new version with the reason), then store that version's PDF/A."""
    amendment = amendments.amend(
        db, scope, study_session, data, account_id=account_id, expected_version=expected_version
    )
    minutes_service.store(db, settings, study_session)
    return amendment


def amend_part(
    db: Session,
    settings: Settings,
    scope: Scope,
    study_session: StudySession,
    record: Any,
    data: BaseModel,
    *,
    reason: str,
    account_id: int | None,
    expected_version: int | None = None,
    row_version: int | None = None,
) -> Amendment:
    """Correct one row of finalized minutes with the fields ``data`` sets, through the part's own
    update and checks (see ``amendments.amend_part``); a problem's corrected text reaches its ledger
    item in the same write; then the new version's PDF/A is stored. ``expected_version`` is the
    meeting's version the page showed, ``row_version`` the row's an API client read."""
    amendment = amendments.amend_part(
        db,
        study_session,
        record,
        reason=reason,
        fields=changes_of(data),
        where=parts_service.where_of(db, study_session, record),
        change=lambda: parts_service.update_part(
            db, scope, study_session, record, data, row_version, amending=True
        ),
        account_id=account_id,
        expected_version=expected_version,
    )
    if isinstance(record, Finding) and record.id is not None:
        rectification_service.finding_amended(
            db, record.id, record.description, record.measure, account_id=account_id
        )
    minutes_service.store(db, settings, study_session)
    return amendment
