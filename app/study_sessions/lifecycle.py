"""The session lifecycle: planned → held → finalized, and the rules finalizing checks.

The rules per kind of meeting are data (``KIND_RULES``), not conditions scattered through the code.
Finalize checks every rule at once and refuses with the whole list, in words a secretary understands.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from app.audit import service as audit
from app.auth import service as auth_service
from app.clock import utcnow
from app.config import Settings
from app.errors import Conflict, DomainError, StaleMeeting
from app.i18n import gettext, mark
from app.people.models import CommitteeRole, Person
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
    StudySessionKind,
    StudySessionStatus,
)

COMMITTEE_ROLES = frozenset(
    {CommitteeRole.secretary, CommitteeRole.deputy_secretary, CommitteeRole.committee_member}
)


@dataclass(frozen=True)
class KindRules:
    """What finalizing checks for one kind of meeting."""

    # "voting_members": more than half of the expected voting members present;
    # "committee": more than half of the organization's committee members present;
    # "share": at least ``quorum_share`` of the expected present (None: no quorum rule).
    quorum: str | None = None
    quorum_share_setting: str | None = None
    takes_outlines: bool = False
    key_speech_customary: bool = False


KIND_RULES: dict[StudySessionKind, KindRules] = {
    StudySessionKind.branch_general_meeting: KindRules(quorum="voting_members"),
    StudySessionKind.branch_committee_meeting: KindRules(quorum="committee"),
    StudySessionKind.democratic_life_meeting: KindRules(
        quorum="share",
        quorum_share_setting="democratic_life_meeting_quorum",
        takes_outlines=True,
        key_speech_customary=True,
    ),
    StudySessionKind.org_life_meeting: KindRules(takes_outlines=True, key_speech_customary=True),
    StudySessionKind.special_seminar: KindRules(takes_outlines=True, key_speech_customary=True),
    StudySessionKind.central_group_study: KindRules(takes_outlines=True, key_speech_customary=True),
    StudySessionKind.party_group_meeting: KindRules(),
    StudySessionKind.party_lecture: KindRules(),
    StudySessionKind.theme_party_day: KindRules(),
}

TRANSITIONS: dict[StudySessionStatus, frozenset[StudySessionStatus]] = {
    StudySessionStatus.planned: frozenset({StudySessionStatus.held}),
    StudySessionStatus.held: frozenset({StudySessionStatus.finalized}),
    StudySessionStatus.finalized: frozenset(),
}


@dataclass(frozen=True)
class Problem:
    """One unmet rule: a stable code, and a message in the reader's language."""

    code: str
    message: str
    # Where to fix it: a part of the minutes ("findings", "attendance", "outlines", "header") and the
    # row, when the rule is about one row.
    part: str | None = None
    part_id: int | None = None

    @property
    def anchor(self) -> str:
        """The fragment of the meeting's page that shows the item, e.g. ``findings-12``."""
        if self.part is None:
            return ""
        return f"{self.part}-{self.part_id}" if self.part_id is not None else self.part

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "part": self.part,
            "part_id": self.part_id,
        }


class IllegalTransition(Conflict):
    code = "illegal_transition"

    def __init__(self, current: StudySessionStatus, wanted: StudySessionStatus) -> None:
        super().__init__(mark("This step is not possible in the meeting's current state."))
        self.current, self.wanted = current, wanted

    def details(self) -> dict[str, Any]:
        return {"current_status": self.current.value, "requested_status": self.wanted.value}


class CannotFinalize(DomainError):
    status_code = 422
    code = "cannot_finalize"

    def __init__(self, problems: list[Problem], warnings: list[Problem]) -> None:
        super().__init__(mark("The minutes cannot be finalized yet."))
        self.problems, self.warnings = problems, warnings

    def details(self) -> dict[str, Any]:
        return {
            "problems": [p.as_dict() for p in self.problems],
            "warnings": [w.as_dict() for w in self.warnings],
        }


def check_transition(study_session: StudySession, wanted: StudySessionStatus) -> None:
    current = StudySessionStatus(study_session.status)
    if wanted not in TRANSITIONS[current]:
        raise IllegalTransition(current, wanted)


def lock(db: Session, study_session: StudySession, *, expected_version: int | None = None) -> None:
    """Lock the session for this transaction, re-read it, and refuse if it changed since
    ``expected_version``.

    The row lock (``FOR UPDATE`` on PostgreSQL; SQLite already holds the database write lock) serializes
    writers of one session, so "the next position in this round" is computed by one writer at a time and
    a finalize cannot slip between a check and a write. The version is compared after the re-read, so two
    writers holding the same version cannot both succeed.
    """
    db.refresh(study_session, with_for_update=True)
    if expected_version is not None and expected_version != study_session.version:
        changed_by = auth_service.last_changed_by(db, "study_session", study_session.id)
        raise StaleMeeting(study_session.version, changed_by)


def ensure_editable(
    db: Session, study_session: StudySession, *, expected_version: int | None = None
) -> None:
    """Lock the session (see ``lock``) and refuse if its minutes are finalized."""
    lock(db, study_session, expected_version=expected_version)
    if study_session.status == StudySessionStatus.finalized:
        raise Conflict(
            mark("The minutes are finalized and can no longer be changed."),
            code="study_session_finalized",
        )


def effective_expected(study_session: StudySession, attendance: Iterable[Attendance]) -> int:
    """应到: the entered number, or the voting attendance rows when none was entered."""
    if study_session.expected_count is not None:
        return study_session.expected_count
    return roster_expected(attendance)


def roster_expected(attendance: Iterable[Attendance]) -> int:
    """应到 as the roster says: voting rows, less the members marked not expected."""
    return sum(
        1
        for row in attendance
        if not row.is_non_voting and row.status != AttendanceStatus.not_expected
    )


def _problem(
    code: str,
    message: str,
    *,
    part: str | None = None,
    part_id: int | None = None,
    **params: object,
) -> Problem:
    text = gettext(message) % params if params else gettext(message)
    return Problem(code, text, part, part_id)


def _names(people: dict[int, str], ids: list[int]) -> str:
    return "、".join(people.get(i, str(i)) for i in ids)


def review(
    db: Session, settings: Settings, study_session: StudySession
) -> tuple[list[Problem], list[Problem]]:
    """Every unmet rule (blocking) and every warning (not blocking) for finalizing this session."""
    rules = KIND_RULES[StudySessionKind(study_session.kind)]
    problems: list[Problem] = []
    warnings: list[Problem] = []
    session_id = study_session.id
    attendance = list(
        db.exec(select(Attendance).where(Attendance.study_session_id == session_id)).all()
    )
    members = list(
        db.exec(
            select(Person).where(
                Person.organization_id == study_session.organization_id,
                col(Person.active).is_(True),
            )
        ).all()
    )
    people = {p.id: p.name for p in members if p.id is not None}
    people |= {
        p.id: p.name
        for p in db.exec(
            select(Person).where(col(Person.id).in_([a.person_id for a in attendance]))
        ).all()
        if p.id is not None
    }

    if study_session.chair_id is None:
        problems.append(
            _problem("chair_missing", mark("Name the chair of the meeting."), part="header")
        )
    if study_session.recorder_id is None:
        problems.append(
            _problem("recorder_missing", mark("Name the recorder of the meeting."), part="header")
        )
    if not attendance:
        problems.append(
            _problem(
                "attendance_missing",
                mark("Record who attended and who was absent."),
                part="attendance",
            )
        )
    recorded = {a.person_id for a in attendance}
    if attendance:  # 一个都不少: every member is on the roster, with a status
        problems += [
            _problem(
                "member_not_accounted",
                mark("The attendance of %(name)s is not recorded."),
                part="attendance",
                name=p.name,
            )
            for p in members
            if p.id not in recorded
        ]
    counted = roster_expected(attendance)
    if attendance and study_session.expected_count not in (None, counted):
        problems.append(
            _problem(
                "expected_count_mismatch",
                mark(
                    "The expected number is %(entered)s, but the roster expects %(counted)s: correct the number or the roster."
                ),
                part="header",
                entered=study_session.expected_count,
                counted=counted,
            )
        )
    for a in attendance:
        if a.status in EXPLAINED_STATUSES and not a.reason.strip():
            problems.append(
                _problem(
                    "absence_without_reason",
                    mark("Give the reason of absence or leave for: %(names)s."),
                    part="attendance",
                    part_id=a.id,
                    names=people.get(a.person_id, ""),
                )
            )

    present = {
        a.person_id for a in attendance if a.status in PRESENT_STATUSES and not a.is_non_voting
    }
    problems += _quorum_problems(settings, study_session, rules, attendance, members, present)

    if rules.takes_outlines:
        problems += _outline_problems(db, study_session, members)

    problems += _finding_problems(db, study_session)

    if rules.key_speech_customary and present:
        speakers = set(
            db.exec(
                select(Contribution.speaker_id).where(
                    Contribution.study_session_id == session_id,
                    Contribution.kind == ContributionKind.key_speech,
                )
            ).all()
        )
        silent = sorted(present - speakers)
        if silent:
            warnings.append(
                _problem(
                    "key_speech_missing",
                    mark("Present but without a key speech: %(names)s."),
                    names=_names(people, silent),
                )
            )
    return problems, warnings


def _finding_problems(db: Session, study_session: StudySession) -> list[Problem]:
    """Each problem found without a cause or a measure, by its number in the minutes."""
    findings = db.exec(
        select(Finding)
        .where(Finding.study_session_id == study_session.id)
        .order_by(col(Finding.id))
    ).all()
    lacking = {
        (True, True): mark("Problem %(number)s lacks a cause and a measure."),
        (True, False): mark("Problem %(number)s lacks a cause."),
        (False, True): mark("Problem %(number)s lacks a measure."),
    }
    found: list[Problem] = []
    for number, finding in enumerate(findings, 1):
        message = lacking.get((not finding.cause.strip(), not finding.measure.strip()))
        if message is not None:
            found.append(
                _problem(
                    "finding_incomplete",
                    message,
                    part="findings",
                    part_id=finding.id,
                    number=number,
                )
            )
    return found


def _quorum_problems(
    settings: Settings,
    study_session: StudySession,
    rules: KindRules,
    attendance: list[Attendance],
    members: list[Person],
    present: set[int],
) -> list[Problem]:
    if rules.quorum is None or not attendance:
        return []
    if rules.quorum == "committee":
        committee = {p.id for p in members if p.committee_role in COMMITTEE_ROLES}
        if len(present & committee) * 2 <= len(committee):
            return [
                _problem(
                    "quorum_not_met",
                    mark(
                        "More than half of the committee members must attend: %(present)s of %(total)s present."
                    ),
                    part="attendance",
                    present=len(present & committee),
                    total=len(committee),
                )
            ]
        return []
    expected = effective_expected(study_session, attendance)
    if rules.quorum == "voting_members" and len(present) * 2 <= expected:
        return [
            _problem(
                "quorum_not_met",
                mark(
                    "More than half of the voting members must attend: %(present)s of %(total)s present."
                ),
                part="attendance",
                present=len(present),
                total=expected,
            )
        ]
    if rules.quorum == "share" and rules.quorum_share_setting:
        share = float(getattr(settings, rules.quorum_share_setting))
        if len(present) < share * expected:
            return [
                _problem(
                    "quorum_not_met",
                    mark(
                        "At least %(percent)s%% of the members must attend: %(present)s of %(total)s present."
                    ),
                    part="attendance",
                    percent=round(share * 100),
                    present=len(present),
                    total=expected,
                )
            ]
    return []


def _outline_problems(
    db: Session, study_session: StudySession, members: list[Person]
) -> list[Problem]:
    """The secretary's outline comes first: no one else's is dated before it (dates, not the order
    of typing: an outline is entered with the day it was handed in)."""
    secretaries = {p.id for p in members if p.committee_role == CommitteeRole.secretary}
    names = {p.id: p.name for p in members}
    outlines = db.exec(
        select(SpeechOutline)
        .where(SpeechOutline.study_session_id == study_session.id)
        .order_by(col(SpeechOutline.submitted_at), col(SpeechOutline.id))
    ).all()
    secretary_outlines = [o for o in outlines if o.author_id in secretaries]
    if not secretary_outlines:
        return [
            _problem(
                "secretary_outline_missing",
                mark("The secretary's outline has not been submitted."),
                part="outlines",
            )
        ]
    first = secretary_outlines[0].submitted_at.date()
    return [
        _problem(
            "secretary_outline_not_first",
            mark(
                "%(name)s's outline is dated before the secretary's: the secretary's outline comes first (correct the date it was handed in)."
            ),
            part="outlines",
            part_id=o.id,
            name=names.get(o.author_id, ""),
        )
        for o in outlines
        if o.author_id not in secretaries and o.submitted_at.date() < first
    ]


def hold(
    db: Session, study_session: StudySession, *, expected_version: int | None = None
) -> StudySession:
    """The meeting took place: its minutes are being written."""
    check_transition(study_session, StudySessionStatus.held)
    ensure_editable(db, study_session, expected_version=expected_version)
    study_session.status = StudySessionStatus.held
    study_session.version += 1
    study_session.updated_at = utcnow()
    db.flush()
    audit.record(
        db,
        action="hold",
        entity="study_session",
        entity_id=study_session.id,
        after={"version": study_session.version},
        account_id=db.info.get("account_id"),
    )
    return study_session


def finalize(
    db: Session,
    settings: Settings,
    study_session: StudySession,
    *,
    expected_version: int | None = None,
) -> list[Problem]:
    """Lock the minutes; refuse with every unmet rule at once. Returns the (non-blocking) warnings.

    Only the meeting itself: what else finalizing does (the ledger, the stored PDF, the make-up's flag,
    the audit event) is ``app.flows.study_sessions.finalize``.
    """
    check_transition(study_session, StudySessionStatus.finalized)
    ensure_editable(db, study_session, expected_version=expected_version)
    problems, warnings = review(db, settings, study_session)
    if problems:
        raise CannotFinalize(problems, warnings)
    study_session.status = StudySessionStatus.finalized
    study_session.finalized_at = utcnow()
    study_session.version += 1
    study_session.updated_at = study_session.finalized_at
    db.flush()
    return warnings
