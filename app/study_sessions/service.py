"""Study sessions: plan, change, list by jurisdiction, and read the whole minutes at once."""

import json
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from app.auth.models import Account
from app.campaigns import service as campaign_service
from app.campaigns.models import Campaign, CampaignTheme
from app.clock import utcnow
from app.crud import apply_changes, changes_of, keep, refuse_nulls
from app.errors import Conflict, InvalidInput, NotFound
from app.i18n import mark
from app.organizations import service as organization_service
from app.organizations.models import Organization
from app.pagination import keyset_page
from app.people import service as people_service
from app.people.models import Person
from app.rectification import service as rectification_service
from app.rectification.service import FindingsOfMeeting, FoundProblem
from app.scope import Scope, in_scope
from app.study_sessions.lifecycle import check_transition, effective_expected, ensure_editable
from app.study_sessions.models import (
    PRESENT_STATUSES,
    Amendment,
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
    AmendmentPublic,
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
    """The session if its organization is in ``scope``; 404 otherwise. The organization comes with
    it (the pages name it and read its path)."""
    row = db.exec(
        select(StudySession, Organization)
        .join(Organization, col(Organization.id) == StudySession.organization_id)
        .where(StudySession.id == study_session_id)
    ).first()
    hidden = (
        row is not None and scope.finalized_only and row[0].status != StudySessionStatus.finalized
    )
    if row is None or not scope.covers(row[1].path) or hidden:
        raise NotFound(
            mark("Study session not found."), code="study_session_not_found", field=field
        )
    keep(db, row[1])
    return row[0]


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
        + [f.person_id for f in findings]
        + [f.responsible_id for f in findings],
    )
    ledger_items = rectification_service.ledger_items_of_findings(db, [f.id for f in findings])
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


def amendment_history(db: Session, study_session: StudySession) -> list[AmendmentPublic]:
    """The amendments of a session, oldest first, with who made them."""
    rows = db.exec(
        select(Amendment, Account.login, Person.name)
        .outerjoin(Account, col(Account.id) == Amendment.account_id)
        .outerjoin(Person, col(Person.id) == Account.person_id)
        .where(Amendment.study_session_id == study_session.id)
        .order_by(col(Amendment.id))
    ).all()
    changes = [json.loads(amendment.changes) for amendment, _, _ in rows]
    named = {
        value
        for change in changes
        for key, values in change.items()
        if key.endswith("_id")
        for value in (values.get("from"), values.get("to"))
        if isinstance(value, int)
    }
    names = (
        {
            str(person_id): name
            for person_id, name in db.exec(
                select(Person.id, Person.name).where(col(Person.id).in_(named))
            ).all()
        }
        if named
        else {}
    )
    return [
        AmendmentPublic(
            id=amendment.id or 0,
            number=number,
            version=amendment.version,
            reason=amendment.reason,
            login=login,
            by=person_name or login,
            at=amendment.at,
            changes=change,
            names={
                key: value
                for key, value in names.items()
                if any(
                    int(key) in (v.get("from"), v.get("to"))
                    for k, v in change.items()
                    if k.endswith("_id")
                )
            },
        )
        for number, ((amendment, login, person_name), change) in enumerate(
            zip(rows, changes, strict=True), 1
        )
    ]


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
    if record.responsible_id is not None:
        result.responsible_name = names.get(record.responsible_id)
    result.rectification_item_id = (items or {}).get(record.id) if record.id else None
    return result


def ledger_findings(db: Session, study_session: StudySession) -> FindingsOfMeeting:
    """The meeting's findings as the ledger takes them in when the minutes are finalized."""
    assert study_session.id is not None
    findings = db.exec(
        select(Finding)
        .where(Finding.study_session_id == study_session.id)
        .order_by(col(Finding.id))
    ).all()
    return FindingsOfMeeting(
        study_session_id=study_session.id,
        organization_id=study_session.organization_id,
        campaign_id=study_session.campaign_id,
        chair_id=study_session.chair_id,
        findings=[
            FoundProblem(
                finding_id=finding.id or 0,
                description=finding.description,
                measure=finding.measure,
                person_id=finding.person_id,
                responsible_id=finding.responsible_id,
                due_on=finding.due_on,
            )
            for finding in findings
        ],
    )


# What other domains ask before deleting a record the minutes may refer to (app.flows.records).


def meetings_of_organization(db: Session, organization_id: int) -> bool:
    statement = select(StudySession.id).where(StudySession.organization_id == organization_id)
    return db.exec(statement.limit(1)).first() is not None


def meetings_in_campaign(db: Session, campaign_id: int) -> bool:
    statement = select(StudySession.id).where(StudySession.campaign_id == campaign_id)
    return db.exec(statement.limit(1)).first() is not None


def meetings_in_theme(db: Session, theme_id: int) -> bool:
    statement = select(StudySession.id).where(StudySession.theme_id == theme_id)
    return db.exec(statement.limit(1)).first() is not None


def minutes_name_aspect(db: Session, aspect_id: int) -> bool:
    """Whether a topic or a finding of any minutes names the aspect."""
    return any(
        db.exec(select(func.count()).where(model.aspect_id == aspect_id)).one()
        for model in (Topic, Finding)
    )


def person_in_minutes(db: Session, person_id: int) -> bool:
    """Whether the person chairs, records, attends, writes, speaks, is criticised or owns a finding."""
    references = [
        select(func.count()).where(
            or_(col(StudySession.chair_id) == person_id, col(StudySession.recorder_id) == person_id)
        ),
        select(func.count()).where(Attendance.person_id == person_id),
        select(func.count()).where(SpeechOutline.author_id == person_id),
        select(func.count()).where(
            or_(col(Contribution.speaker_id) == person_id, col(Contribution.target_id) == person_id)
        ),
        select(func.count()).where(Finding.person_id == person_id),
    ]
    return any(db.exec(statement).one() for statement in references)


def make_ups_of(db: Session, scope: Scope, study_session: StudySession) -> list[StudySession]:
    """The sessions planned to make up for this one (for viewers: the finalized ones), oldest first."""
    statement = (
        select(StudySession)
        .where(StudySession.make_up_of_id == study_session.id)
        .order_by(col(StudySession.starts_at))
    )
    if scope.finalized_only:
        statement = statement.where(StudySession.status == StudySessionStatus.finalized)
    return list(db.exec(statement).all())


def visible_among(
    db: Session, scope: Scope, ids: Iterable[int]
) -> dict[int, tuple[StudySession, str]]:
    """Of the given meetings, those the caller may read (viewers: finalized ones), with their
    organization's name."""
    statement = (
        select(StudySession, Organization.name)
        .join(Organization, col(Organization.id) == StudySession.organization_id)
        .where(col(StudySession.id).in_(list(ids)))
        .where(in_scope(col(Organization.path), scope))
    )
    if scope.finalized_only:
        statement = statement.where(StudySession.status == StudySessionStatus.finalized)
    return {meeting.id: (meeting, name) for meeting, name in db.exec(statement).all() if meeting.id}


def titles(db: Session, ids: Iterable[int | None]) -> dict[int, tuple[str, str]]:
    """(title, organization's name) of the given meetings, for lists that name them."""
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    statement = (
        select(StudySession.id, StudySession.title, Organization.name)
        .join(Organization, col(Organization.id) == StudySession.organization_id)
        .where(col(StudySession.id).in_(wanted))
    )
    return {
        meeting_id: (title, name)
        for meeting_id, title, name in db.exec(statement).all()
        if meeting_id
    }
