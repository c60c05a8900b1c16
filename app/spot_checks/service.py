"""Spot checks, admonishing talks, and the rework flag (补课 / 责令重新召开) a verdict puts on a meeting.

The flag of the checked session moves  open → make_up_scheduled (a session is planned with
``make_up_of`` pointing at it) → make_up_held (that make-up is finalized) → resolved (an inspector passes
the make-up). It is not part of the minutes: raising it never changes finalized minutes or their version.
"""

from collections.abc import Sequence
from datetime import date, timedelta

from sqlmodel import Session, col, select

from app.audit import service as audit
from app.auth import service as auth_service
from app.auth.models import Account
from app.clock import local_now
from app.errors import Conflict, InvalidInput, NotFound, StaleVersion
from app.i18n import mark
from app.organizations import service as organization_service
from app.organizations.models import Organization
from app.pagination import keyset_page
from app.people.models import Person
from app.rectification import service as rectification_service
from app.rectification.models import ItemSource, RectificationItem
from app.rectification.schemas import ItemCreate
from app.scope import Scope, in_scope
from app.spot_checks.models import (
    Admonition,
    CheckStatus,
    ReworkFlag,
    SpotCheck,
    SpotCheckCriterion,
    Verdict,
)
from app.spot_checks.schemas import (
    REWORK_DAYS,
    AdmonitionCreate,
    AdmonitionPublic,
    OrderedRectification,
    SpotCheckCreate,
    SpotCheckPublic,
    SpotCheckRecord,
    SuggestedScore,
)
from app.study_sessions import service as study_session_service
from app.study_sessions.indicators import Ratio, indicators
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


def suggested_scores(db: Session, study_session: StudySession) -> list[SuggestedScore]:
    """What the depth indicators suggest for each criterion, with the inputs; ``None`` where they cannot
    say. An aid for the inspector, who may score otherwise with a reason — never a verdict."""
    found = indicators(db, study_session)
    measured: dict[str, tuple[float | None, str]] = {
        # outline first and spoke first: both needed
        "secretary_led": (
            1.0 if found.secretary_led.value else 0.0,
            f"{int(found.secretary_led.outline_first) + int(found.secretary_led.spoke_first)} / 2",
        ),
        "everyone_spoke": _ratio(found.key_speech_participation),
        "specific_problems": (
            None
            if found.findings_per_participant.value is None
            else min(found.findings_per_participant.value, 1.0),
            f"{found.findings_per_participant.numerator} / "
            f"{found.findings_per_participant.denominator}",
        ),
        "causes_deep": _ratio(found.findings_with_cause_share),
        "criticism_names": _ratio(found.share_naming_a_person),
    }
    result = []
    for criterion in criteria(db):
        value, basis = measured.get(criterion.code, (None, ""))
        score = None if value is None else round(value * 100)
        result.append(
            SuggestedScore(code=criterion.code, title=criterion.title, score=score, basis=basis)
        )
    return result


def _ratio(ratio: Ratio) -> tuple[float | None, str]:
    return ratio.value, f"{ratio.numerator} / {ratio.denominator}"


def _check_overrides(
    scores: dict[str, int], suggested: dict[str, int], reasons: dict[str, str]
) -> None:
    for code, score in scores.items():
        if code in suggested and score != suggested[code] and not reasons.get(code, "").strip():
            raise InvalidInput(
                mark("Give a reason for scoring otherwise than the depth indicators suggest."),
                code="override_reason_missing",
                field=f"override_reasons.{code}",
            )


def _record(
    db: Session,
    account: Account,
    check: SpotCheck,
    study_session: StudySession | None,
    data: SpotCheckRecord,
) -> None:
    """Fill in what the inspector found (the verdict's effect on the flag: ``apply_verdict``)."""
    if data.checked_on > local_now().date():
        raise InvalidInput(
            mark("A spot check cannot be dated in the future."),
            code="checked_in_future",
            field="checked_on",
        )
    if study_session is not None and data.checked_on < study_session.starts_at.date():
        raise InvalidInput(
            mark("A spot check cannot be dated before the meeting it checks."),
            code="checked_before_meeting",
            field="checked_on",
        )
    if data.rework_due_on is not None and data.rework_due_on < data.checked_on:
        raise InvalidInput(
            mark("The deadline of the make-up cannot be before the check."),
            code="rework_due_before_check",
            field="rework_due_on",
        )
    _check_scores(db, data.scores)
    suggested = (
        {s.code: s.score for s in suggested_scores(db, study_session) if s.score is not None}
        if study_session is not None
        else {}
    )
    _check_overrides(data.scores, suggested, data.override_reasons)
    if study_session is None and data.verdict != Verdict.passed:
        raise InvalidInput(
            mark("A make-up or a reconvened meeting is ordered for a meeting: choose the meeting."),
            code="verdict_needs_meeting",
            field="study_session_id",
        )
    check.checked_on = data.checked_on
    check.method = data.method
    check.scores = dict(data.scores)
    check.suggested_scores = suggested
    check.override_reasons = {
        code: reason for code, reason in data.override_reasons.items() if code in data.scores
    }
    check.notes = data.notes
    check.verdict = data.verdict
    check.status = CheckStatus.recorded
    check.inspector_id = account.id
    db.add(check)
    db.flush()
    audit.record(
        db,
        action="record_check",
        entity="spot_check",
        entity_id=check.id,
        after={"verdict": check.verdict, "study_session_id": check.study_session_id},
        account_id=account.id,
    )


# A flag whose make-up has not been held yet: past its deadline it is overdue.
AWAITING_MAKE_UP = (ReworkFlag.open, ReworkFlag.make_up_scheduled)


def rework_overdue(study_session: StudySession, as_of: date) -> bool:
    """Whether the 补课 / 重新召开 ordered for a meeting is late on ``as_of``: its deadline has passed
    and no make-up has been held (a make-up finalized after the deadline ends it: late, not overdue)."""
    due = study_session.rework_due_on
    return due is not None and due < as_of and study_session.rework_flag in AWAITING_MAKE_UP


def apply_verdict(
    db: Session,
    check: SpotCheck,
    study_session: StudySession | None,
    account: Account,
    due_on: date | None = None,
) -> None:
    """The checked meeting's rework flag after the verdict: 补课 or 责令重新召开 raise it, with its
    deadline (``due_on``, else a month after the check); a pass of a finalized make-up resolves the
    flag of the meeting it makes up for."""
    if study_session is None:
        return
    if check.verdict in (Verdict.make_up, Verdict.reconvene):
        assert check.checked_on is not None
        study_session.rework_due_on = due_on or check.checked_on + timedelta(days=REWORK_DAYS)
        _set_flag(db, study_session, ReworkFlag.open, account)
    elif study_session.make_up_of_id is not None:
        _pass_make_up(db, study_session, account)


def create_spot_check(
    db: Session, scope: Scope, account: Account, data: SpotCheckCreate
) -> tuple[SpotCheck, StudySession | None]:
    """Record a spot check of a meeting — or of an organization as a whole (e.g. its records) — in the
    inspector's jurisdiction; returns the check and the meeting checked (``apply_verdict`` next)."""
    study_session = None
    if data.study_session_id is not None:
        study_session = study_session_service.get_study_session(
            db, scope, data.study_session_id, field="study_session_id"
        )
        organization_id = study_session.organization_id
    elif data.organization_id is not None:
        organization_id = (
            organization_service.get_organization(
                db, scope, data.organization_id, field="organization_id"
            ).id
            or 0
        )
    else:
        raise InvalidInput(
            mark("Choose the meeting (or the organization) checked."),
            code="nothing_checked",
            field="study_session_id",
        )
    check = SpotCheck(
        study_session_id=data.study_session_id,
        organization_id=organization_id,
        method=data.method,
    )
    _record(db, account, check, study_session, data)
    return check, study_session


def record_planned(
    db: Session,
    scope: Scope,
    account: Account,
    spot_check_id: int,
    data: SpotCheckRecord,
    *,
    expected_version: int | None = None,
) -> tuple[SpotCheck, StudySession]:
    """Carry out a planned check (e.g. one a draw selected): once; a recorded check is not rewritten.
    Returns the check and the meeting checked (``apply_verdict`` next)."""
    check = get_spot_check(db, scope, spot_check_id, planned_visible=True)
    db.refresh(check, with_for_update=True)
    if expected_version is not None and expected_version != check.version:
        raise StaleVersion(check.version)
    if check.status != CheckStatus.assigned:
        raise Conflict(mark("This spot check has already been recorded."), code="check_recorded")
    assert check.study_session_id is not None
    study_session = study_session_service.get_study_session(db, scope, check.study_session_id)
    check.version += 1
    _record(db, account, check, study_session, data)
    return check, study_session


def _set_flag(
    db: Session,
    study_session: StudySession,
    flag: ReworkFlag,
    account: Account | None,
    *,
    action: str = "rework_flag",
) -> None:
    before = study_session.rework_flag
    study_session.rework_flag = flag
    db.add(study_session)
    db.flush()
    audit.record(
        db,
        action=action,
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
        _set_flag(db, original, ReworkFlag.resolved, account, action="resolve_rework")


def make_up_planned(db: Session, make_up: StudySession) -> None:
    """Called when a session is planned with ``make_up_of``: the original's make-up is scheduled. Only
    a meeting an inspector sent back (its flag open, or a make-up already scheduled — one planned
    before may have been deleted) is made up for."""
    original = db.get(StudySession, make_up.make_up_of_id)
    flag = original.rework_flag if original is not None else None
    if flag not in (ReworkFlag.open, ReworkFlag.make_up_scheduled):
        raise InvalidInput(
            mark(
                "This meeting was not sent back for a make-up: only a meeting with an open rework flag is made up for."
            ),
            code="nothing_to_make_up",
            field="make_up_of_id",
        )
    if original is not None and flag == ReworkFlag.open:
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
    _set_flag(db, study_session, ReworkFlag.resolved, account, action="resolve_rework")
    return study_session


def get_spot_check(
    db: Session,
    scope: Scope,
    spot_check_id: int,
    *,
    planned_visible: bool = False,
    field: str | None = None,
) -> SpotCheck:
    """The check if it lies in ``scope``; planned checks only for inspectors (``planned_visible``), so a
    branch does not learn of an unannounced visit before it happens."""
    row = db.exec(
        select(SpotCheck, Organization.path, StudySession.status)
        .join(Organization, col(Organization.id) == SpotCheck.organization_id)
        .outerjoin(StudySession, col(StudySession.id) == SpotCheck.study_session_id)
        .where(SpotCheck.id == spot_check_id)
    ).first()
    hidden = row is not None and (
        (scope.finalized_only and row[2] != StudySessionStatus.finalized)
        or (not planned_visible and row[0].status == CheckStatus.assigned)
    )
    if row is None or not scope.covers(row[1]) or hidden:
        raise NotFound(mark("Spot check not found."), code="spot_check_not_found", field=field)
    return row[0]


def list_spot_checks(
    db: Session,
    scope: Scope,
    *,
    study_session_id: int | None = None,
    verdict: Verdict | None = None,
    status: CheckStatus | None = None,
    inspector_id: int | None = None,
    sampling_draw_id: int | None = None,
    planned_visible: bool = False,
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
    if status is not None:
        statement = statement.where(SpotCheck.status == status)
    if not planned_visible:
        statement = statement.where(SpotCheck.status == CheckStatus.recorded)
    if inspector_id is not None:
        statement = statement.where(SpotCheck.inspector_id == inspector_id)
    if sampling_draw_id is not None:
        statement = statement.where(SpotCheck.sampling_draw_id == sampling_draw_id)
    return keyset_page(
        db,
        statement,
        keys=[col(SpotCheck.created_at), col(SpotCheck.id)],
        key_of=lambda check: [check.created_at, check.id],
        cursor=cursor,
        limit=limit,
        descending=True,
    )


def public(db: Session, checks: Sequence[SpotCheck]) -> list[SpotCheckPublic]:
    weights = {c.code: c.weight for c in criteria(db)}
    names = auth_service.account_names(db, [check.inspector_id for check in checks])
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
                update={"inspector": names.get(check.inspector_id or 0), "total": total}
            )
        )
    return result


def record_admonition(
    db: Session, scope: Scope, account: Account, organization_id: int, data: AdmonitionCreate
) -> Admonition:
    """An admonishing talk (约谈 / 提醒谈话 / 诫勉谈话) with a person of an organization in the jurisdiction."""
    organization = organization_service.get_organization(
        db, scope, organization_id, field="organization_id"
    )
    person = db.get(Person, data.person_id)
    if person is None or person.organization_id != organization.id:
        raise InvalidInput(
            mark("Choose a person of this organization."),
            code="person_not_in_organization",
            field="person_id",
        )
    if data.spot_check_id is not None:
        check = get_spot_check(db, scope, data.spot_check_id, field="spot_check_id")
        if check.organization_id != organization.id:
            raise InvalidInput(
                mark("The spot check is of another organization."),
                code="spot_check_of_other_organization",
                field="spot_check_id",
            )
    talk = Admonition(
        **data.model_dump(), organization_id=organization.id or 0, recorded_by_id=account.id
    )
    db.add(talk)
    db.flush()
    return talk


def list_admonitions(
    db: Session,
    scope: Scope,
    *,
    organization_id: int | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[Admonition], str | None]:
    statement = (
        select(Admonition)
        .join(Organization, col(Organization.id) == Admonition.organization_id)
        .where(in_scope(col(Organization.path), scope))
    )
    if organization_id is not None:
        organization_service.get_organization(db, scope, organization_id)
        statement = statement.where(Admonition.organization_id == organization_id)
    return keyset_page(
        db,
        statement,
        keys=[col(Admonition.talked_on), col(Admonition.id)],
        key_of=lambda talk: [talk.talked_on, talk.id],
        cursor=cursor,
        limit=limit,
        descending=True,
    )


def admonitions_public(db: Session, talks: Sequence[Admonition]) -> list[AdmonitionPublic]:
    names = study_session_service.person_names(db, (talk.person_id for talk in talks))
    return [
        AdmonitionPublic.model_validate(talk).model_copy(
            update={"person": names.get(talk.person_id)}
        )
        for talk in talks
    ]


def order_rectification(
    db: Session, scope: Scope, account: Account, spot_check_id: int, data: OrderedRectification
) -> RectificationItem:
    """责令整改: a ledger item of the checked organization, with the check and the inspector as its source."""
    check = get_spot_check(db, scope, spot_check_id, planned_visible=True)
    if check.status != CheckStatus.recorded:
        raise Conflict(
            mark("Record the spot check before ordering rectification."),
            code="check_not_recorded",
        )
    item = rectification_service.create_item(
        db,
        scope,
        ItemCreate(
            **data.model_dump(),
            organization_id=check.organization_id,
            source=ItemSource.spot_check,
        ),
    )
    item.spot_check_id = check.id
    item.ordered_by_id = account.id
    db.add(item)
    db.flush()
    return item


def admonitions_of_check(db: Session, spot_check_id: int) -> list[Admonition]:
    """The talks held after a spot check."""
    return list(db.exec(select(Admonition).where(Admonition.spot_check_id == spot_check_id)).all())
