"""Spot checks and the rework flag (补课 / 责令重新召开) they put on a meeting.

The flag of the checked session moves  open → make_up_scheduled (a session is planned with
``make_up_of`` pointing at it) → make_up_held (that make-up is finalized) → resolved (an inspector passes
the make-up). It is not part of the minutes: raising it never changes finalized minutes or their version.
"""

from collections.abc import Sequence

from sqlmodel import Session, col, select

from app.audit import service as audit
from app.auth.models import Account
from app.errors import Conflict, InvalidInput, NotFound
from app.i18n import mark
from app.organizations.models import Organization
from app.pagination import keyset_page
from app.scope import Scope, in_scope
from app.spot_checks.models import ReworkFlag, SpotCheck, SpotCheckCriterion, Verdict
from app.spot_checks.schemas import SpotCheckCreate, SpotCheckPublic
from app.study_sessions import service as study_session_service
from app.study_sessions.models import StudySession, StudySessionStatus


def criteria(db: Session) -> list[SpotCheckCriterion]:
    return list(
        db.exec(
            select(SpotCheckCriterion)
            .where(col(SpotCheckCriterion.active).is_(True))
            .order_by(col(SpotCheckCriterion.position))
        ).all()
    )


def _check_scores(db: Session, scores: dict[str, int]) -> None:
    known = {criterion.code for criterion in criteria(db)}
    for code, score in scores.items():
        if code not in known:
            raise InvalidInput(
                mark("Unknown criterion."), code="unknown_criterion", field=f"scores.{code}"
            )
        if not 0 <= score <= 100:
            raise InvalidInput(
                mark("A score is between 0 and 100."), code="score_range", field=f"scores.{code}"
            )


def create_spot_check(
    db: Session, scope: Scope, account: Account, data: SpotCheckCreate
) -> SpotCheck:
    """Record a spot check of a session in the inspector's jurisdiction; 补课 or 责令重新召开 raises the
    session's rework flag."""
    study_session = study_session_service.get_study_session(
        db, scope, data.study_session_id, field="study_session_id"
    )
    _check_scores(db, data.scores)
    check = SpotCheck(
        **data.model_dump(),
        organization_id=study_session.organization_id,
        inspector_id=account.id,
    )
    db.add(check)
    if data.verdict in (Verdict.make_up, Verdict.reconvene):
        _set_flag(db, study_session, ReworkFlag.open, account)
    elif study_session.make_up_of_id is not None:
        _pass_make_up(db, study_session, account)
    db.flush()
    return check


def _set_flag(
    db: Session, study_session: StudySession, flag: ReworkFlag, account: Account | None
) -> None:
    before = study_session.rework_flag
    study_session.rework_flag = flag
    db.add(study_session)
    db.flush()
    audit.record(
        db,
        action="rework_flag",
        entity="study_session",
        entity_id=study_session.id,
        before={"rework_flag": before},
        after={"rework_flag": flag},
        account_id=account.id if account else None,
    )


def _pass_make_up(db: Session, make_up: StudySession, account: Account) -> None:
    """A passing check of a finalized make-up resolves the original's flag."""
    original = db.get(StudySession, make_up.make_up_of_id)
    if original is not None and original.rework_flag == ReworkFlag.make_up_held:
        _set_flag(db, original, ReworkFlag.resolved, account)


def make_up_planned(db: Session, make_up: StudySession) -> None:
    """Called when a session is created with ``make_up_of``: the original's make-up is scheduled."""
    original = db.get(StudySession, make_up.make_up_of_id)
    if original is not None and original.rework_flag == ReworkFlag.open:
        _set_flag(db, original, ReworkFlag.make_up_scheduled, None)


def make_up_finalized(db: Session, make_up: StudySession) -> None:
    """Called when a make-up's minutes are finalized: the original waits for the inspector."""
    original = db.get(StudySession, make_up.make_up_of_id)
    if original is not None and original.rework_flag in (
        ReworkFlag.open,
        ReworkFlag.make_up_scheduled,
    ):
        _set_flag(db, original, ReworkFlag.make_up_held, None)


def resolve(db: Session, scope: Scope, study_session_id: int, account: Account) -> StudySession:
    """An inspector passes the make-up: only once a make-up was held (finalized)."""
    study_session = study_session_service.get_study_session(db, scope, study_session_id)
    if study_session.rework_flag != ReworkFlag.make_up_held:
        raise Conflict(
            mark("The flag can be resolved once a make-up session has been held and finalized."),
            code="rework_not_ready",
        )
    _set_flag(db, study_session, ReworkFlag.resolved, account)
    return study_session


def get_spot_check(db: Session, scope: Scope, spot_check_id: int) -> SpotCheck:
    row = db.exec(
        select(SpotCheck, Organization.path, StudySession.status)
        .join(Organization, col(Organization.id) == SpotCheck.organization_id)
        .outerjoin(StudySession, col(StudySession.id) == SpotCheck.study_session_id)
        .where(SpotCheck.id == spot_check_id)
    ).first()
    hidden = row is not None and scope.finalized_only and row[2] != StudySessionStatus.finalized
    if row is None or not scope.covers(row[1]) or hidden:
        raise NotFound(mark("Spot check not found."), code="spot_check_not_found")
    return row[0]


def list_spot_checks(
    db: Session,
    scope: Scope,
    *,
    study_session_id: int | None = None,
    verdict: Verdict | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[SpotCheck], str | None]:
    statement = (
        select(SpotCheck)
        .join(Organization, col(Organization.id) == SpotCheck.organization_id)
        .where(in_scope(col(Organization.path), scope))
    )
    if scope.finalized_only:
        statement = statement.join(
            StudySession, col(StudySession.id) == SpotCheck.study_session_id
        ).where(StudySession.status == StudySessionStatus.finalized)
    if study_session_id is not None:
        statement = statement.where(SpotCheck.study_session_id == study_session_id)
    if verdict is not None:
        statement = statement.where(SpotCheck.verdict == verdict)
    return keyset_page(
        db,
        statement,
        keys=[col(SpotCheck.checked_on), col(SpotCheck.id)],
        key_of=lambda check: [check.checked_on, check.id],
        cursor=cursor,
        limit=limit,
        descending=True,
    )


def public(db: Session, checks: Sequence[SpotCheck]) -> list[SpotCheckPublic]:
    weights = {c.code: c.weight for c in criteria(db)}
    ids = {check.inspector_id for check in checks if check.inspector_id is not None}
    logins = (
        dict(db.exec(select(Account.id, Account.login).where(col(Account.id).in_(ids))).all())
        if ids
        else {}
    )
    result = []
    for check in checks:
        scored = {code: int(score) for code, score in check.scores.items() if code in weights}
        total_weight = sum(weights[code] for code in scored)
        total = (
            round(sum(score * weights[code] for code, score in scored.items()) / total_weight, 1)
            if total_weight
            else None
        )
        result.append(
            SpotCheckPublic.model_validate(check).model_copy(
                update={"inspector": logins.get(check.inspector_id), "total": total}
            )
        )
    return result
