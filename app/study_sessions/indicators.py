"""Depth indicators of a study session (DESIGN §3): each shows its inputs, none is a verdict.

They are an aid for the inspector and a weight for sampling. A share whose denominator is 0 has the
value ``None`` (nothing to measure), never 0 or 1. The computation reads the session with a fixed number
of queries (five), whatever the number of speeches.
"""

from pydantic import BaseModel
from sqlmodel import Session, col, select

from app.people.models import CommitteeRole, Person
from app.study_sessions.models import (
    PRESENT_STATUSES,
    Attendance,
    Contribution,
    ContributionKind,
    Finding,
    SpeechOutline,
    StudySession,
)

OWNER_AND_DUE_DATE_NOTE = "owner and due date come with rectification items"


class Ratio(BaseModel):
    """``numerator / denominator``; ``value`` is None when the denominator is 0."""

    numerator: int
    denominator: int
    value: float | None

    @classmethod
    def of(cls, numerator: int, denominator: int) -> "Ratio":
        value = numerator / denominator if denominator else None
        return cls(numerator=numerator, denominator=denominator, value=value)


class Rounds(BaseModel):
    """The distinct round numbers of the speeches; ``value`` is how many there are."""

    round_numbers: list[int]
    value: int


class SecretaryLed(BaseModel):
    """The organization's secretary handed in the first outline and opened round 1."""

    secretary_ids: list[int]
    first_outline_author_id: int | None
    first_speaker_id: int | None
    outline_first: bool
    spoke_first: bool
    value: bool


class MeasuresWithOwnerAndDueDate(BaseModel):
    """Not measurable yet: findings carry no owner or due date until rectification items exist."""

    findings: int
    findings_with_measure: int
    value: float | None = None
    note: str = OWNER_AND_DUE_DATE_NOTE


class DepthIndicators(BaseModel):
    study_session_id: int
    # Present (present or late) voting members: the denominator of the per-participant indicators.
    present_voting_members: int
    key_speech_participation: Ratio
    rounds: Rounds
    secretary_led: SecretaryLed
    criticisms_per_participant: Ratio
    share_naming_a_person: Ratio
    findings_per_participant: Ratio
    findings_with_cause_share: Ratio
    measures_with_owner_and_due_date_share: MeasuresWithOwnerAndDueDate


def indicators(db: Session, study_session: StudySession) -> DepthIndicators:
    """The depth indicators of ``study_session`` with their inputs."""
    assert study_session.id is not None
    session_id = study_session.id

    attendance = db.exec(
        select(Attendance.person_id, Attendance.status, Attendance.is_non_voting).where(
            Attendance.study_session_id == session_id
        )
    ).all()
    present = {
        person_id
        for person_id, status, non_voting in attendance
        if status in PRESENT_STATUSES and not non_voting
    }

    contributions = db.exec(
        select(
            Contribution.speaker_id,
            Contribution.round,
            Contribution.kind,
            Contribution.target_id,
        )
        .where(Contribution.study_session_id == session_id)
        .order_by(col(Contribution.round), col(Contribution.position), col(Contribution.id))
    ).all()
    key_speakers = {c[0] for c in contributions if c[2] == ContributionKind.key_speech}
    criticisms = [c for c in contributions if c[2] == ContributionKind.criticism]
    round_numbers = sorted({c[1] for c in contributions})
    # Ordered by (round, position, id): the first row of round 1 opened the meeting.
    first_speaker_id = next((c[0] for c in contributions if c[1] == 1), None)

    first_outline_author_id = db.exec(
        select(SpeechOutline.author_id)
        .where(SpeechOutline.study_session_id == session_id)
        .order_by(col(SpeechOutline.submitted_at), col(SpeechOutline.id))
        .limit(1)
    ).first()
    secretary_ids = sorted(
        person_id
        for person_id in db.exec(
            select(Person.id).where(
                Person.organization_id == study_session.organization_id,
                Person.committee_role == CommitteeRole.secretary,
            )
        ).all()
        if person_id is not None
    )
    outline_first = first_outline_author_id in secretary_ids
    spoke_first = first_speaker_id in secretary_ids

    findings = db.exec(
        select(Finding.cause, Finding.measure).where(Finding.study_session_id == session_id)
    ).all()
    with_cause = sum(1 for cause, _ in findings if cause.strip())
    with_measure = sum(1 for _, measure in findings if measure.strip())

    return DepthIndicators(
        study_session_id=session_id,
        present_voting_members=len(present),
        key_speech_participation=Ratio.of(len(key_speakers & present), len(present)),
        rounds=Rounds(round_numbers=round_numbers, value=len(round_numbers)),
        secretary_led=SecretaryLed(
            secretary_ids=secretary_ids,
            first_outline_author_id=first_outline_author_id,
            first_speaker_id=first_speaker_id,
            outline_first=outline_first,
            spoke_first=spoke_first,
            value=outline_first and spoke_first,
        ),
        criticisms_per_participant=Ratio.of(len(criticisms), len(present)),
        share_naming_a_person=Ratio.of(
            sum(1 for c in criticisms if c[3] is not None), len(criticisms)
        ),
        findings_per_participant=Ratio.of(len(findings), len(present)),
        findings_with_cause_share=Ratio.of(with_cause, len(findings)),
        measures_with_owner_and_due_date_share=MeasuresWithOwnerAndDueDate(
            findings=len(findings), findings_with_measure=with_measure
        ),
    )
