"""The parts of the minutes: attendance, topics, outlines, contributions and findings.

Every write checks the merged record before touching the database, so a refused write changes nothing.
"""

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import func
from sqlmodel import Session, SQLModel, col, select

from app.campaigns import service as campaign_service
from app.campaigns.models import CampaignTheme
from app.clock import utcnow
from app.crud import apply_changes, changes_of, refuse_nulls
from app.errors import Conflict, FieldError, InvalidInput, NotFound, StaleVersion
from app.i18n import mark
from app.organizations.models import Organization
from app.pagination import keyset_page
from app.people import service as people_service
from app.scope import Scope
from app.study_sessions.lifecycle import ensure_editable, lock
from app.study_sessions.models import (
    EXPLAINED_STATUSES,
    PRESENT_STATUSES,
    Attendance,
    AttendanceStatus,
    Contribution,
    ContributionKind,
    Finding,
    SpeechOutline,
    StudySession,
    Topic,
)
from app.study_sessions.schemas import (
    AttendanceCreate,
    AttendanceUpdate,
    ContributionCreate,
    ContributionUpdate,
    FindingCreate,
    FindingUpdate,
    SpeechOutlineCreate,
    SpeechOutlineUpdate,
    TopicCreate,
    TopicUpdate,
)
from app.study_sessions.service import get_study_session

Part = Attendance | Topic | SpeechOutline | Contribution | Finding
PartT = TypeVar("PartT", Attendance, Topic, SpeechOutline, Contribution, Finding)

PART_NAMES: dict[type[SQLModel], str] = {
    Attendance: "attendance",
    Topic: "topic",
    SpeechOutline: "speech_outline",
    Contribution: "contribution",
    Finding: "finding",
}


NOT_FOUND: dict[type[SQLModel], str] = {
    Attendance: mark("Attendance not found."),
    Topic: mark("Topic not found."),
    SpeechOutline: mark("Speech outline not found."),
    Contribution: mark("Contribution not found."),
    Finding: mark("Finding not found."),
}


def get_part(
    db: Session, scope: Scope, model: type[PartT], part_id: int
) -> tuple[PartT, StudySession]:
    """A part of the minutes and its session, if the session is in scope; 404 otherwise."""
    record = db.get(model, part_id)
    refusal = NotFound(NOT_FOUND[model], code=f"{PART_NAMES[model]}_not_found")
    if record is None:
        raise refusal
    try:
        study_session = get_study_session(db, scope, record.study_session_id)
    except NotFound:
        raise refusal from None
    return record, study_session


def list_parts(
    db: Session, study_session: StudySession, model: type[PartT], *, cursor: str | None, limit: int
) -> tuple[list[PartT], str | None]:
    """The session's records of one kind, in id order, a page at a time."""
    statement = select(model).where(model.study_session_id == study_session.id)
    return keyset_page(
        db, statement, keys=[col(model.id)], key_of=lambda r: [r.id], cursor=cursor, limit=limit
    )


def lock_part(
    db: Session,
    study_session: StudySession,
    record: Part,
    expected_version: int | None,
    *,
    amending: bool = False,
) -> None:
    """Lock the session (see ensure_editable), re-read the record, refuse a stale version.

    ``amending``: the change is part of an amendment of finalized minutes (``amendments.amend_part``
    checked the state and records the change), so finalized minutes are not refused here."""
    if amending:
        lock(db, study_session)
    else:
        ensure_editable(db, study_session)
    db.refresh(record)
    current = int(record.version)
    if expected_version is not None and expected_version != current:
        raise StaleVersion(current)


def delete_part(
    db: Session,
    study_session: StudySession,
    record: Part,
    *,
    expected_version: int | None = None,
) -> None:
    lock_part(db, study_session, record, expected_version)
    if isinstance(record, Topic):
        used = select(func.count()).where(Contribution.topic_id == record.id)
        if db.exec(used).one():
            raise Conflict(mark("Speeches refer to this topic."), code="topic_in_use")
    db.delete(record)
    _touch(study_session)
    db.flush()
    if isinstance(record, Contribution):  # the speeches after it move up
        _renumber(db, study_session, record.round)


def _touch(study_session: StudySession) -> None:
    study_session.updated_at = utcnow()


def _is_attendee(db: Session, study_session: StudySession, person_id: int) -> bool:
    attendee = select(Attendance.id).where(
        Attendance.study_session_id == study_session.id, Attendance.person_id == person_id
    )
    return db.exec(attendee).first() is not None


def _require_participant(
    db: Session, scope: Scope, study_session: StudySession, person_id: int, field: str
) -> None:
    """A recorded attendee (a guest who sits in was admitted with the attendance) or a member of
    the session's organization in the caller's scope; a person out of scope is not found."""
    if _is_attendee(db, study_session, person_id):
        return
    person = people_service.get_person(db, scope, person_id, field=field)
    if person.organization_id != study_session.organization_id:
        raise InvalidInput(
            mark("This person is neither a member of the organization nor a recorded attendee."),
            code="not_a_participant",
            field=field,
        )


def _organization_path(db: Session, study_session: StudySession) -> str:
    organization = db.get(Organization, study_session.organization_id)
    assert organization is not None
    return organization.path


def _admit(db: Session, scope: Scope, study_session: StudySession, data: AttendanceCreate) -> None:
    """Who may be recorded: anyone in scope, or someone of an organization above the meeting's
    (e.g. an inspector of the organization department) sitting in as a non-voting attendee."""
    try:
        people_service.get_person(db, scope, data.person_id, field="person_id")
    except NotFound:
        guest = people_service.from_above(db, data.person_id, _organization_path(db, study_session))
        if guest is None:
            raise
    _require_sitting_in(db, study_session, data.person_id, non_voting=data.is_non_voting)


def _require_sitting_in(
    db: Session, study_session: StudySession, person_id: int, *, non_voting: bool
) -> None:
    """Someone of an organization above the meeting's has no vote in it: they only sit in."""
    if non_voting:
        return
    if people_service.from_above(db, person_id, _organization_path(db, study_session)):
        raise InvalidInput(
            mark(
                "Someone from an organization above can only be recorded as a non-voting attendee."
            ),
            code="guest_sits_in",
            field="is_non_voting",
        )


# Attendance -----------------------------------------------------------------------------------


def _check_attendance(db: Session, study_session: StudySession, record: Attendance) -> None:
    if record.status in EXPLAINED_STATUSES and not record.reason.strip():
        raise InvalidInput(
            mark("Give the reason for leave or absence."), code="reason_required", field="reason"
        )
    if (
        study_session.expected_count is None
        or record.is_non_voting
        or record.status not in PRESENT_STATUSES
    ):
        return
    others = select(func.count()).where(
        Attendance.study_session_id == study_session.id,
        col(Attendance.status).in_(PRESENT_STATUSES),
        col(Attendance.is_non_voting).is_(False),
    )
    if record.id is not None:
        others = others.where(Attendance.id != record.id)
    present = int(db.exec(others).one()) + 1
    if present > study_session.expected_count:
        raise InvalidInput(
            mark("More people present than expected: check the expected number or the attendance."),
            code="present_exceeds_expected",
            field="status",
        )


def create_attendance(
    db: Session, scope: Scope, study_session: StudySession, data: AttendanceCreate
) -> Attendance:
    ensure_editable(db, study_session)
    _admit(db, scope, study_session, data)
    duplicate = select(Attendance.id).where(
        Attendance.study_session_id == study_session.id, Attendance.person_id == data.person_id
    )
    if db.exec(duplicate).first() is not None:
        raise Conflict(
            mark("This person's attendance is already recorded."),
            code="duplicate_attendance",
            field="person_id",
        )
    assert study_session.id is not None
    record = Attendance(study_session_id=study_session.id, **data.model_dump())
    _check_attendance(db, study_session, record)
    db.add(record)
    _touch(study_session)
    db.flush()
    return record


def update_attendance(
    db: Session,
    study_session: StudySession,
    record: Attendance,
    data: AttendanceUpdate,
    *,
    expected_version: int | None = None,
    amending: bool = False,
) -> Attendance:
    lock_part(db, study_session, record, expected_version, amending=amending)
    changes = _non_null(changes_of(data))
    changed = record.model_copy(update=changes)
    _require_sitting_in(db, study_session, record.person_id, non_voting=changed.is_non_voting)
    _check_attendance(db, study_session, changed)
    apply_changes(record, changes)
    record.version += 1
    _touch(study_session)
    db.flush()
    return record


@dataclass(frozen=True)
class RosterEntry:
    """One line of the attendance roster: a person, their status and (for leave, absence or not
    expected) the reason."""

    person_id: int
    status: AttendanceStatus
    reason: str = ""


def save_roster(
    db: Session, scope: Scope, study_session: StudySession, entries: list[RosterEntry]
) -> list[Attendance]:
    """Record the whole roster in one write: each entry creates or changes its person's row. Every
    missing reason is named by its person (field ``reason-<person id>``) and nothing is saved."""
    ensure_editable(db, study_session)
    missing = [
        FieldError(
            field=f"reason-{entry.person_id}",
            message=mark("Give the reason for leave or absence."),
            code="reason_required",
        )
        for entry in entries
        if entry.status in EXPLAINED_STATUSES and not entry.reason.strip()
    ]
    if missing:
        raise InvalidInput(
            mark("Give the reason for leave or absence."), code="reason_required", fields=missing
        )
    rows = {
        row.person_id: row
        for row in db.exec(
            select(Attendance).where(Attendance.study_session_id == study_session.id)
        ).all()
    }
    assert study_session.id is not None
    saved: list[Attendance] = []
    for entry in entries:
        row = rows.get(entry.person_id)
        if row is None:
            _require_participant(
                db, scope, study_session, entry.person_id, f"status-{entry.person_id}"
            )
            row = Attendance(
                study_session_id=study_session.id,
                person_id=entry.person_id,
                status=entry.status,
                reason=entry.reason,
            )
            db.add(row)
        elif (row.status, row.reason) != (entry.status, entry.reason):
            row.status, row.reason = entry.status, entry.reason
            row.version += 1
        saved.append(row)
    db.flush()
    _check_present_count(db, study_session)
    _touch(study_session)
    return saved


def _check_present_count(db: Session, study_session: StudySession) -> None:
    if study_session.expected_count is None:
        return
    present = db.exec(
        select(func.count()).where(
            Attendance.study_session_id == study_session.id,
            col(Attendance.status).in_(PRESENT_STATUSES),
            col(Attendance.is_non_voting).is_(False),
        )
    ).one()
    if int(present) > study_session.expected_count:
        raise InvalidInput(
            mark("More people present than expected: check the expected number or the attendance."),
            code="present_exceeds_expected",
        )


# Topics -----------------------------------------------------------------------------------------


def _check_aspect(
    db: Session, scope: Scope, study_session: StudySession, aspect_id: int | None
) -> None:
    """The aspect exists and belongs to a theme of the session's campaign."""
    if aspect_id is None:
        return
    aspect = campaign_service.get_aspect(db, scope, aspect_id, field="aspect_id")
    theme = db.get(CampaignTheme, aspect.theme_id)
    if theme is None or theme.campaign_id != study_session.campaign_id:
        raise InvalidInput(
            mark("This aspect is not part of the session's campaign."),
            code="aspect_not_in_campaign",
            field="aspect_id",
        )


def create_topic(
    db: Session, scope: Scope, study_session: StudySession, data: TopicCreate
) -> Topic:
    ensure_editable(db, study_session)
    _check_aspect(db, scope, study_session, data.aspect_id)
    position = data.position
    if position is None:
        current = db.exec(
            select(func.max(Topic.position)).where(Topic.study_session_id == study_session.id)
        ).one()
        position = int(current or 0) + 1
    assert study_session.id is not None
    record = Topic(
        study_session_id=study_session.id,
        title=data.title,
        aspect_id=data.aspect_id,
        conclusion=data.conclusion,
        position=position,
    )
    db.add(record)
    _touch(study_session)
    db.flush()
    return record


def update_topic(
    db: Session,
    scope: Scope,
    study_session: StudySession,
    record: Topic,
    data: TopicUpdate,
    *,
    expected_version: int | None = None,
    amending: bool = False,
) -> Topic:
    lock_part(db, study_session, record, expected_version, amending=amending)
    changes = changes_of(data)
    refuse_nulls(changes, ("title", "conclusion", "position"))
    _check_aspect(db, scope, study_session, changes.get("aspect_id"))
    apply_changes(record, changes)
    record.version += 1
    _touch(study_session)
    db.flush()
    return record


# Speech outlines --------------------------------------------------------------------------------


def create_outline(
    db: Session, scope: Scope, study_session: StudySession, data: SpeechOutlineCreate
) -> SpeechOutline:
    ensure_editable(db, study_session)
    _require_participant(db, scope, study_session, data.author_id, "author_id")
    duplicate = select(SpeechOutline.id).where(
        SpeechOutline.study_session_id == study_session.id,
        SpeechOutline.author_id == data.author_id,
    )
    if db.exec(duplicate).first() is not None:
        raise Conflict(
            mark("This person's outline is already recorded."),
            code="duplicate_outline",
            field="author_id",
        )
    assert study_session.id is not None
    record = SpeechOutline(
        study_session_id=study_session.id,
        author_id=data.author_id,
        body=data.body,
        submitted_at=data.submitted_at or study_session.starts_at,  # handed in for the meeting
    )
    db.add(record)
    _touch(study_session)
    db.flush()
    return record


def update_outline(
    db: Session,
    study_session: StudySession,
    record: SpeechOutline,
    data: SpeechOutlineUpdate,
    *,
    expected_version: int | None = None,
    amending: bool = False,
) -> SpeechOutline:
    lock_part(db, study_session, record, expected_version, amending=amending)
    changes = changes_of(data)
    refuse_nulls(changes, ("body", "submitted_at"))
    apply_changes(record, changes)
    record.version += 1
    _touch(study_session)
    db.flush()
    return record


# Contributions ----------------------------------------------------------------------------------


def _check_contribution(
    db: Session, scope: Scope, study_session: StudySession, record: Contribution
) -> None:
    _require_participant(db, scope, study_session, record.speaker_id, "speaker_id")
    if record.kind == ContributionKind.criticism:
        if record.target_id is None:
            raise InvalidInput(
                mark("A criticism names the person criticised."),
                code="target_required",
                field="target_id",
            )
        _require_participant(db, scope, study_session, record.target_id, "target_id")
        if record.target_id == record.speaker_id:
            raise InvalidInput(
                mark("Criticism of oneself is recorded as self-criticism."),
                code="target_is_speaker",
                field="target_id",
            )
    elif record.target_id is not None:
        raise InvalidInput(
            mark("Only a criticism names a target."), code="target_not_allowed", field="target_id"
        )
    if record.topic_id is not None:
        topic = db.get(Topic, record.topic_id)
        if topic is None or topic.study_session_id != study_session.id:
            raise NotFound(
                mark("Topic not found in this session."), code="topic_not_found", field="topic_id"
            )


def create_contribution(
    db: Session, scope: Scope, study_session: StudySession, data: ContributionCreate
) -> Contribution:
    """Record a speech at the end of its round unless a position is given."""
    ensure_editable(db, study_session)
    assert study_session.id is not None
    record = Contribution(
        study_session_id=study_session.id,
        position=data.position or 0,
        **data.model_dump(exclude={"position"}),
    )
    _check_contribution(db, scope, study_session, record)
    if data.position is None:
        last = db.exec(
            select(func.max(Contribution.position)).where(
                Contribution.study_session_id == study_session.id, Contribution.round == data.round
            )
        ).one()
        record.position = int(last or 0) + 1
    db.add(record)
    _touch(study_session)
    db.flush()
    return record


def update_contribution(
    db: Session,
    scope: Scope,
    study_session: StudySession,
    record: Contribution,
    data: ContributionUpdate,
    *,
    expected_version: int | None = None,
    amending: bool = False,
) -> Contribution:
    lock_part(db, study_session, record, expected_version, amending=amending)
    changes = changes_of(data)
    refuse_nulls(changes, ("speaker_id", "round", "kind", "content", "position"))
    if changes.get("kind") not in (None, ContributionKind.criticism) and "target_id" not in changes:
        changes["target_id"] = None
    _check_contribution(db, scope, study_session, record.model_copy(update=changes))
    old_round = record.round
    moved = changes.get("round", old_round) != old_round
    if moved and "position" not in changes:  # moved to another round: it comes last there
        changes["position"] = _last_position(db, study_session, changes["round"]) + 1
    apply_changes(record, changes)
    record.version += 1
    _touch(study_session)
    db.flush()
    if moved:
        _renumber(db, study_session, old_round)
    return record


def _last_position(db: Session, study_session: StudySession, round_: int) -> int:
    last = db.exec(
        select(func.max(Contribution.position)).where(
            Contribution.study_session_id == study_session.id, Contribution.round == round_
        )
    ).one()
    return int(last or 0)


def _round_in_order(db: Session, study_session: StudySession, round_: int) -> list[Contribution]:
    return list(
        db.exec(
            select(Contribution)
            .where(Contribution.study_session_id == study_session.id, Contribution.round == round_)
            .order_by(col(Contribution.position), col(Contribution.id))
        ).all()
    )


def _renumber(
    db: Session, study_session: StudySession, round_: int, order: list[Contribution] | None = None
) -> None:
    """Number a round's speeches 1, 2, 3 … in their order (a gap or a tie left by a move closes)."""
    for number, speech in enumerate(order or _round_in_order(db, study_session, round_), 1):
        if speech.position != number:
            speech.position = number
            speech.version += 1
    db.flush()


def move_contribution(
    db: Session,
    study_session: StudySession,
    record: Contribution,
    offset: int,
    *,
    expected_version: int | None = None,
) -> Contribution:
    """Move a speech ``offset`` places within its round (-1: up, 1: down); the round is renumbered.
    At either end of its round it stays where it is."""
    lock_part(db, study_session, record, expected_version)
    order = _round_in_order(db, study_session, record.round)
    index = next(i for i, speech in enumerate(order) if speech.id == record.id)
    target = min(max(index + offset, 0), len(order) - 1)
    order.insert(target, order.pop(index))
    _renumber(db, study_session, record.round, order)
    _touch(study_session)
    db.flush()
    return record


# Findings ---------------------------------------------------------------------------------------


def _check_finding(
    db: Session,
    scope: Scope,
    study_session: StudySession,
    person_id: int | None,
    aspect_id: int | None,
    responsible_id: int | None = None,
) -> None:
    for field, someone in (("person_id", person_id), ("responsible_id", responsible_id)):
        if someone is not None:
            _require_participant(db, scope, study_session, someone, field)
    _check_aspect(db, scope, study_session, aspect_id)


def create_finding(
    db: Session, scope: Scope, study_session: StudySession, data: FindingCreate
) -> Finding:
    ensure_editable(db, study_session)
    _check_finding(db, scope, study_session, data.person_id, data.aspect_id, data.responsible_id)
    assert study_session.id is not None
    record = Finding(study_session_id=study_session.id, **data.model_dump())
    db.add(record)
    _touch(study_session)
    db.flush()
    return record


def update_finding(
    db: Session,
    scope: Scope,
    study_session: StudySession,
    record: Finding,
    data: FindingUpdate,
    *,
    expected_version: int | None = None,
    amending: bool = False,
) -> Finding:
    lock_part(db, study_session, record, expected_version, amending=amending)
    changes = changes_of(data)
    refuse_nulls(changes, ("description", "cause", "measure"))
    _check_finding(
        db,
        scope,
        study_session,
        changes.get("person_id"),
        changes.get("aspect_id"),
        changes.get("responsible_id"),
    )
    apply_changes(record, changes)
    record.version += 1
    _touch(study_session)
    db.flush()
    return record


def _non_null(changes: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in changes.items() if value is not None}


# Any part ---------------------------------------------------------------------------------------


def update_part(
    db: Session,
    scope: Scope,
    study_session: StudySession,
    record: Any,
    data: Any,
    expected_version: int | None = None,
    *,
    amending: bool = False,
) -> Any:
    """The update of whichever part ``record`` is, with that part's checks."""
    version = expected_version
    if isinstance(record, Attendance):
        return update_attendance(
            db, study_session, record, data, expected_version=version, amending=amending
        )
    if isinstance(record, SpeechOutline):
        return update_outline(
            db, study_session, record, data, expected_version=version, amending=amending
        )
    if isinstance(record, Topic):
        return update_topic(
            db, scope, study_session, record, data, expected_version=version, amending=amending
        )
    if isinstance(record, Contribution):
        return update_contribution(
            db, scope, study_session, record, data, expected_version=version, amending=amending
        )
    return update_finding(
        db, scope, study_session, record, data, expected_version=version, amending=amending
    )


def where_of(db: Session, study_session: StudySession, record: Any) -> dict[str, Any]:
    """Which row an amendment changes, in words that outlive the change: a speech's round and
    speaker, a problem's or topic's number, whose attendance or outline."""

    def name(person_id: int | None) -> str:
        person = people_service.get_person_unscoped(db, person_id) if person_id else None
        return person.name if person is not None else ""

    if isinstance(record, Contribution):
        return {"round": record.round, "person": name(record.speaker_id)}
    if isinstance(record, Finding):
        numbered = select(Finding.id).where(Finding.study_session_id == study_session.id)
        ids = list(db.exec(numbered.order_by(col(Finding.id))).all())
        return {"number": ids.index(record.id) + 1}
    if isinstance(record, Topic):
        return {"number": record.position}
    if isinstance(record, SpeechOutline):
        return {"person": name(record.author_id)}
    return {"person": name(record.person_id)}
