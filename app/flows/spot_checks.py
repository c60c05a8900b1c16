"""Recording a spot check: the check itself, then its verdict on the checked meeting's rework flag."""

from sqlmodel import Session

from app.auth.models import Account
from app.scope import Scope
from app.spot_checks import service as spot_check_service
from app.spot_checks.models import SpotCheck
from app.spot_checks.schemas import SpotCheckCreate, SpotCheckRecord


def record_check(db: Session, scope: Scope, account: Account, data: SpotCheckCreate) -> SpotCheck:
    """1. the check with its scores and verdict; 2. the verdict on the meeting's rework flag."""
    check, study_session = spot_check_service.create_spot_check(db, scope, account, data)
    spot_check_service.apply_verdict(db, check, study_session, account, data.rework_due_on)
    return check


def record_planned_check(
    db: Session,
    scope: Scope,
    account: Account,
    spot_check_id: int,
    data: SpotCheckRecord,
    *,
    expected_version: int | None = None,
) -> SpotCheck:
    """A planned check (one a draw selected) carried out: the same two steps."""
    check, study_session = spot_check_service.record_planned(
        db, scope, account, spot_check_id, data, expected_version=expected_version
    )
    spot_check_service.apply_verdict(db, check, study_session, account, data.rework_due_on)
    return check
