"""Study sessions: plan, change, list by jurisdiction, and read the whole minutes at once."""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.campaigns import service as campaign_service
from app.campaigns.models import Campaign, CampaignTheme
from app.clock import utcnow
from app.crud import apply_changes, changes_of, refuse_nulls
from app.errors import Conflict, InvalidInput, NotFound, StaleMeeting
from app.i18n import mark
from app.organizations import service as organization_service
from app.organizations.models import Organization
from app.pagination import keyset_page
from app.people import service as people_service
from app.people.models import Person
from app.rectification.models import RectificationItem
from app.scope import Scope, in_scope
from app.study_sessions.models import (
    PRESENT_STATUSES,
    Attendance,
    Contribution,
    Finding,
    SpeechOutline,
    StudySession,
    StudySessionKind,
    StudySessionStatus,
    Topic,
)
from app.study_sessions.schemas import (
    AttendancePublic,
    ContributionPublic,
    FindingPublic,
    PersonRef,
    SpeechOutlinePublic,
    StudySessionCreate,
    StudySessionDetail,
    StudySessionPublic,
    StudySessionUpdate,
    TopicPublic,
)


def get_study_session(
    db: Session, scope: Scope, study_session_id: int, *, field: str | None = None
) -> StudySession:
    """The session if its organization is in ``scope``; 404 otherwise."""
    row = db.exec(
        select(StudySession, Organization.path)
        .join(Organization, col(Organization.id) == StudySession.organization_id)
        .where(StudySession.id == study_session_id)
    ).first()
    hidden = (
        row is not None and scope.finalized_only and row[0].status != StudySessionStatus.finalized
    )
    if row is None or not scope.covers(row[1]) or hidden:
        raise NotFound(
            mark("Study session not found."), code="study_session_not_found", field=field
        )
    return row[0]


def last_changed_by(db: Session, study_session: StudySession) -> str | None:
    """Login of the account behind the newest audit event of this session."""
    from app.audit.models import AuditEvent
    from app.auth.models import Account

    statement = (
        select(Account.login)
        .join(AuditEvent, col(AuditEvent.account_id) == Account.id)
        .where(AuditEvent.entity == "study_session", AuditEvent.entity_id == str(study_session.id))
        .order_by(col(AuditEvent.id).desc())
        .limit(1)
    )
    return db.exec(statement).first()


def ensure_editable(
    db: Session, study_session: StudySession, *, expected_version: int | None = None
) -> None:
    """Lock the session for this transaction, re-read it, and refuse if finalized or changed since.

    The row lock (``FOR UPDATE`` on PostgreSQL; SQLite already holds the database write lock) serializes
    writers of one session, so "the next position in this round" is computed by one writer at a time and
    a finalize cannot slip between a check and a write. The version is compared after the re-read, so two
    writers holding the same version cannot both succeed.
    """
    db.refresh(study_session, with_for_update=True)
    if expected_version is not None and expected_version != study_session.version:
        raise StaleMeeting(study_session.version, last_changed_by(db, study_session))
    if study_session.status == StudySessionStatus.finalized:
        raise Conflict(
            mark("The minutes are finalized and can no longer be changed."),
            code="study_session_finalized",
        )


def public(study_session: StudySession, organization_name: str = "") -> StudySessionPublic:
    result = StudySessionPublic.model_validate(study_session)
    result.organization_name = organization_name
    return result


def list_study_sessions(
    db: Session,
    scope: Scope,
    *,
    organization_id: int | None = None,
    include_subtree: bool = True,
    kind: StudySessionKind | None = None,
    status: StudySessionStatus | None = None,
    campaign_id: int | None = None,
    starts_from: date | None = None,
    starts_until: date | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[StudySessionPublic], str | None]:
    """Sessions in scope, newest first; ``starts_until`` includes that whole day."""
    statement = (
        select(StudySession, Organization.name)
        .join(Organization, col(Organization.id) == StudySession.organization_id)
        .where(in_scope(col(Organization.path), scope))
    )
    if organization_id is not None:
        organization = organization_service.get_organization(
            db, scope, organization_id, field="organization_id"
        )
        has_children = (
            include_subtree
            and db.exec(
                select(Organization.id).where(Organization.parent_id == organization.id).limit(1)
            ).first()
        )
        if has_children:
            statement = statement.where(in_scope(col(Organization.path), Scope(organization.path)))
        else:
            # One organization: its own index (organization, date) gives the newest page at once,
            # where a path prefix would make the database walk everyone's meetings by date.
            statement = statement.where(StudySession.organization_id == organization.id)
    if scope.finalized_only:
        statement = statement.where(StudySession.status == StudySessionStatus.finalized)
    if kind is not None:
        statement = statement.where(StudySession.kind == kind)
    if status is not None:
        statement = statement.where(StudySession.status == status)
    if campaign_id is not None:
        statement = statement.where(StudySession.campaign_id == campaign_id)
    if starts_from is not None:
        statement = statement.where(
            col(StudySession.starts_at) >= datetime.combine(starts_from, time.min)
        )
    if starts_until is not None:
        next_day = datetime.combine(starts_until + timedelta(days=1), time.min)
        statement = statement.where(col(StudySession.starts_at) < next_day)
    if starts_from and starts_until and starts_until < starts_from:
        raise InvalidInput(
            mark("The end of the period is before its start."),
            code="period_reversed",
            field="starts_until",
        )
    rows, next_cursor = keyset_page(
        db,
        statement,
        keys=[col(StudySession.starts_at), col(StudySession.id)],
        key_of=lambda row: [row[0].starts_at, row[0].id],
        cursor=cursor,
        limit=limit,
        descending=True,
    )
    return [public(session, name) for session, name in rows], next_cursor


def check_references(db: Session, scope: Scope, study_session: StudySession) -> None:
    """Referenced people, campaign and theme exist, are visible, and fit together."""
    for field in ("chair_id", "recorder_id"):
        person_id = getattr(study_session, field)
        if person_id is not None:
            people_service.get_person(db, scope, person_id, field=field)
    if study_session.campaign_id is not None:
        campaign_service.get_campaign(db, scope, study_session.campaign_id, field="campaign_id")
    if study_session.theme_id is not None:
        theme = db.get(CampaignTheme, study_session.theme_id)
        if theme is None or theme.campaign_id != study_session.campaign_id:
            raise NotFound(
                mark("Theme not found in the session's campaign."),
                code="theme_not_found",
                field="theme_id",
            )
    if study_session.required_action_id is not None:
        organization = db.get(Organization, study_session.organization_id)
        assert organization is not None
        action = campaign_service.fitting_required_action(
            db, study_session.required_action_id, organization, study_session.campaign_id
        )
        study_session.campaign_id = action.campaign_id
    if study_session.ends_at is not None and study_session.ends_at < study_session.starts_at:
        raise InvalidInput(
            mark("The meeting ends before it starts."), code="ends_before_starts", field="ends_at"
        )


def create_study_session(db: Session, scope: Scope, data: StudySessionCreate) -> StudySession:
    organization_service.get_organization(db, scope, data.organization_id, field="organization_id")
    study_session = StudySession(**data.model_dump())
    check_references(db, scope, study_session)
    if data.make_up_of_id is not None:
        original = get_study_session(db, scope, data.make_up_of_id, field="make_up_of_id")
        if original.organization_id != data.organization_id:
            raise InvalidInput(
                mark(
                    "A make-up session belongs to the organization of the session it makes up for."
                ),
                code="make_up_other_organization",
                field="make_up_of_id",
            )
    db.add(study_session)
    db.flush()
    if study_session.make_up_of_id is not None:
        from app.spot_checks import service as spot_check_service  # checks build on sessions

        spot_check_service.make_up_planned(db, study_session)
    return study_session


def update_study_session(
    db: Session,
    scope: Scope,
    study_session: StudySession,
    data: StudySessionUpdate,
    *,
    expected_version: int | None = None,
) -> StudySession:
    """Change the plan or the header of the minutes; the checks see the merged result."""
    ensure_editable(db, study_session, expected_version=expected_version)
    changes: dict[str, Any] = changes_of(data)
    refuse_nulls(changes, ("kind", "title", "starts_at", "place", "status"))
    if changes.get("status") == StudySessionStatus.finalized:
        raise InvalidInput(
            mark("Minutes are finalized through the finalize action, not by editing."),
            code="use_finalize",
            field="status",
        )
    if "status" in changes and changes["status"] != study_session.status:
        from app.study_sessions.lifecycle import check_transition  # lifecycle builds on this module

        check_transition(study_session, changes["status"])
    if "expected_count" in changes and changes["expected_count"] is not None:
        present = present_count(db, study_session)
        if changes["expected_count"] < present:
            raise InvalidInput(
                mark("Expected cannot be less than the number already recorded as present."),
                code="present_exceeds_expected",
                field="expected_count",
            )
    if (
        "campaign_id" in changes
        and "theme_id" not in changes
        and changes["campaign_id"] != study_session.campaign_id
    ):
        changes["theme_id"] = None
    if "campaign_id" in changes and changes["campaign_id"] != study_session.campaign_id:
        _refuse_if_minutes_use_aspects(db, study_session)
    candidate = study_session.model_copy(update=changes)
    check_references(db, scope, candidate)
    apply_changes(study_session, changes)
    study_session.version += 1
    study_session.updated_at = utcnow()
    db.flush()
    return study_session


def _refuse_if_minutes_use_aspects(db: Session, study_session: StudySession) -> None:
    """Topics and findings name aspects of the current campaign; a new campaign would orphan them."""
    for model in (Topic, Finding):
        used = select(func.count()).where(
            model.study_session_id == study_session.id, col(model.aspect_id).is_not(None)
        )
        if db.exec(used).one():
            raise InvalidInput(
                mark(
                    "Topics or problems of these minutes refer to aspects of the current campaign."
                ),
                code="campaign_aspects_in_use",
                field="campaign_id",
            )


def delete_study_session(
    db: Session, study_session: StudySession, *, expected_version: int | None = None
) -> None:
    """Delete a session that is not finalized, with all parts of its minutes."""
    ensure_editable(db, study_session, expected_version=expected_version)
    if db.exec(select(func.count()).where(StudySession.make_up_of_id == study_session.id)).one():
        raise Conflict(
            mark("A make-up session refers to this session."), code="study_session_in_use"
        )
    for model in (Contribution, Finding, SpeechOutline, Attendance):
        for record in db.exec(
            select(model).where(model.study_session_id == study_session.id)
        ).all():
            db.delete(record)
    db.flush()
    for topic in db.exec(select(Topic).where(Topic.study_session_id == study_session.id)).all():
        db.delete(topic)
    db.flush()
    db.delete(study_session)
    db.flush()


def present_count(db: Session, study_session: StudySession) -> int:
    """实到: voting attendees who were present (late counts as present)."""
    statement = select(func.count()).where(
        Attendance.study_session_id == study_session.id,
        col(Attendance.status).in_(PRESENT_STATUSES),
        col(Attendance.is_non_voting).is_(False),
    )
    return int(db.exec(statement).one())


def effective_expected(study_session: StudySession, attendance: Iterable[Attendance]) -> int:
    """应到: the entered number, or the voting attendance rows when none was entered."""
    if study_session.expected_count is not None:
        return study_session.expected_count
    return sum(1 for row in attendance if not row.is_non_voting)


def person_names(db: Session, ids: Iterable[int | None]) -> dict[int, str]:
    """Names of the given people in one query."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = db.exec(select(Person.id, Person.name).where(col(Person.id).in_(wanted))).all()
    return {person_id: name for person_id, name in rows if person_id is not None}


def _ref(names: dict[int, str], person_id: int | None) -> PersonRef | None:
    return PersonRef(id=person_id, name=names.get(person_id, "")) if person_id is not None else None


def detail(db: Session, study_session: StudySession) -> StudySessionDetail:
    """The whole minutes in a fixed number of queries, whatever the number of speeches."""
    session_id = study_session.id
    organization = db.get(Organization, study_session.organization_id)
    attendance = db.exec(
        select(Attendance)
        .where(Attendance.study_session_id == session_id)
        .order_by(col(Attendance.id))
    ).all()
    topics = db.exec(
        select(Topic)
        .where(Topic.study_session_id == session_id)
        .order_by(col(Topic.position), col(Topic.id))
    ).all()
    outlines = db.exec(
        select(SpeechOutline)
        .where(SpeechOutline.study_session_id == session_id)
        .order_by(col(SpeechOutline.submitted_at), col(SpeechOutline.id))
    ).all()
    contributions = db.exec(
        select(Contribution)
        .where(Contribution.study_session_id == session_id)
        .order_by(col(Contribution.round), col(Contribution.position), col(Contribution.id))
    ).all()
    findings = db.exec(
        select(Finding).where(Finding.study_session_id == session_id).order_by(col(Finding.id))
    ).all()
    names = person_names(
        db,
        [study_session.chair_id, study_session.recorder_id]
        + [a.person_id for a in attendance]
        + [o.author_id for o in outlines]
        + [c.speaker_id for c in contributions]
        + [c.target_id for c in contributions]
        + [f.person_id for f in findings],
    )
    ledger_items: dict[int, int] = (
        {
            finding_id: item_id
            for finding_id, item_id in db.exec(
                select(RectificationItem.finding_id, RectificationItem.id).where(
                    col(RectificationItem.finding_id).in_([f.id for f in findings])
                )
            ).all()
            if finding_id is not None and item_id is not None
        }
        if findings
        else {}
    )
    campaign = db.get(Campaign, study_session.campaign_id) if study_session.campaign_id else None
    theme = db.get(CampaignTheme, study_session.theme_id) if study_session.theme_id else None
    base = public(study_session, organization.name if organization else "")
    return StudySessionDetail(
        **base.model_dump(),
        campaign_name=campaign.name if campaign else None,
        theme_title=theme.title if theme else None,
        chair=_ref(names, study_session.chair_id),
        recorder=_ref(names, study_session.recorder_id),
        expected=effective_expected(study_session, attendance),
        present=sum(1 for a in attendance if a.status in PRESENT_STATUSES and not a.is_non_voting),
        attendance=[attendance_public(a, names) for a in attendance],
        topics=[TopicPublic.model_validate(t) for t in topics],
        outlines=[outline_public(o, names) for o in outlines],
        contributions=[contribution_public(c, names) for c in contributions],
        findings=[finding_public(f, names, ledger_items) for f in findings],
        amendments=amendment_history(db, study_session),
    )


def amendment_history(db: Session, study_session: StudySession) -> list[Any]:
    from app.study_sessions.amendments import history  # amendments build on this module

    return list(history(db, study_session))


def attendance_public(record: Attendance, names: dict[int, str]) -> AttendancePublic:
    result = AttendancePublic.model_validate(record)
    result.person_name = names.get(record.person_id, "")
    return result


def outline_public(record: SpeechOutline, names: dict[int, str]) -> SpeechOutlinePublic:
    result = SpeechOutlinePublic.model_validate(record)
    result.author_name = names.get(record.author_id, "")
    return result


def contribution_public(record: Contribution, names: dict[int, str]) -> ContributionPublic:
    result = ContributionPublic.model_validate(record)
    result.speaker_name = names.get(record.speaker_id, "")
    result.target_name = names.get(record.target_id) if record.target_id is not None else None
    return result


def finding_public(
    record: Finding, names: dict[int, str], items: dict[int, int] | None = None
) -> FindingPublic:
    result = FindingPublic.model_validate(record)
    result.person_name = names.get(record.person_id) if record.person_id is not None else None
    result.rectification_item_id = (items or {}).get(record.id) if record.id else None
    return result
