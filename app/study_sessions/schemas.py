from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.clock import LocalDateTime, LocalTimestamp, UtcTimestamp
from app.ids import RecordId
from app.study_sessions.models import (
    AttendanceStatus,
    ContributionKind,
    StudySessionKind,
    StudySessionStatus,
)
from app.text import BodyModel, NotBlank

Text = Field(min_length=1, max_length=100_000)


class StudySessionCreate(BodyModel):
    organization_id: RecordId
    kind: StudySessionKind
    title: Annotated[str, NotBlank] = Field(min_length=1, max_length=300)
    starts_at: LocalDateTime
    ends_at: LocalDateTime | None = None
    place: str = Field(default="", max_length=200)
    chair_id: RecordId | None = None
    recorder_id: RecordId | None = None
    campaign_id: RecordId | None = None
    theme_id: RecordId | None = None
    required_action_id: RecordId | None = None
    expected_count: int | None = Field(default=None, ge=0, le=100_000)
    make_up_of_id: RecordId | None = None
    # A meeting is usually planned first; minutes typed up after the fact start as held.
    status: Literal[StudySessionStatus.planned, StudySessionStatus.held] = (
        StudySessionStatus.planned
    )


class StudySessionUpdate(BodyModel):
    kind: StudySessionKind | None = None
    title: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=300)
    starts_at: LocalDateTime | None = None
    ends_at: LocalDateTime | None = None
    place: str | None = Field(default=None, max_length=200)
    chair_id: RecordId | None = None
    recorder_id: RecordId | None = None
    campaign_id: RecordId | None = None
    theme_id: RecordId | None = None
    required_action_id: RecordId | None = None
    expected_count: int | None = Field(default=None, ge=0, le=100_000)
    status: StudySessionStatus | None = None


class StudySessionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    organization_id: RecordId
    organization_name: str = ""
    kind: StudySessionKind
    title: str
    starts_at: LocalTimestamp
    ends_at: LocalTimestamp | None
    place: str
    chair_id: RecordId | None
    recorder_id: RecordId | None
    campaign_id: RecordId | None
    theme_id: RecordId | None
    required_action_id: RecordId | None = None
    expected_count: int | None
    status: StudySessionStatus
    version: int
    finalized_at: UtcTimestamp | None = None
    make_up_of_id: RecordId | None
    rework_flag: str | None
    rework_due_on: date | None = None
    created_at: UtcTimestamp
    updated_at: UtcTimestamp


class AttendanceCreate(BodyModel):
    person_id: RecordId
    status: AttendanceStatus
    reason: str = Field(default="", max_length=500)
    is_non_voting: bool = False


class AttendanceUpdate(BodyModel):
    status: AttendanceStatus | None = None
    reason: str | None = Field(default=None, max_length=500)
    is_non_voting: bool | None = None


class AttendancePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    version: int
    study_session_id: RecordId
    person_id: RecordId
    person_name: str = ""
    status: AttendanceStatus
    reason: str
    is_non_voting: bool


class TopicCreate(BodyModel):
    title: Annotated[str, NotBlank] = Field(min_length=1, max_length=300)
    aspect_id: RecordId | None = None
    conclusion: str = Field(default="", max_length=100_000)
    position: int | None = Field(default=None, ge=1, le=10_000)


class TopicUpdate(BodyModel):
    title: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=300)
    aspect_id: RecordId | None = None
    conclusion: str | None = Field(default=None, max_length=100_000)
    position: int | None = Field(default=None, ge=1, le=10_000)


class TopicPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    version: int
    study_session_id: RecordId
    position: int
    title: str
    aspect_id: RecordId | None
    conclusion: str


class SpeechOutlineCreate(BodyModel):
    author_id: RecordId
    body: Annotated[str, NotBlank] = Text
    submitted_at: LocalDateTime | None = None


class SpeechOutlineUpdate(BodyModel):
    body: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=100_000)
    submitted_at: LocalDateTime | None = None


class SpeechOutlinePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    version: int
    study_session_id: RecordId
    author_id: RecordId
    author_name: str = ""
    body: str
    submitted_at: LocalTimestamp


class ContributionCreate(BodyModel):
    speaker_id: RecordId
    round: int = Field(ge=1, le=100)
    kind: ContributionKind
    content: Annotated[str, NotBlank] = Text
    topic_id: RecordId | None = None
    target_id: RecordId | None = None
    position: int | None = Field(default=None, ge=1, le=10_000)


class ContributionUpdate(BodyModel):
    speaker_id: RecordId | None = None
    round: int | None = Field(default=None, ge=1, le=100)
    kind: ContributionKind | None = None
    content: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=100_000)
    topic_id: RecordId | None = None
    target_id: RecordId | None = None
    position: int | None = Field(default=None, ge=1, le=10_000)


class ContributionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    version: int
    study_session_id: RecordId
    speaker_id: RecordId
    speaker_name: str = ""
    topic_id: RecordId | None
    round: int
    position: int
    kind: ContributionKind
    target_id: RecordId | None
    target_name: str | None = None
    content: str


class FindingCreate(BodyModel):
    description: Annotated[str, NotBlank] = Text
    person_id: RecordId | None = None
    aspect_id: RecordId | None = None
    cause: str = Field(default="", max_length=100_000)
    measure: str = Field(default="", max_length=100_000)
    responsible_id: RecordId | None = None
    due_on: date | None = None


class FindingUpdate(BodyModel):
    description: Annotated[str, NotBlank] | None = Field(
        default=None, min_length=1, max_length=100_000
    )
    person_id: RecordId | None = None
    aspect_id: RecordId | None = None
    cause: str | None = Field(default=None, max_length=100_000)
    measure: str | None = Field(default=None, max_length=100_000)
    responsible_id: RecordId | None = None
    due_on: date | None = None


class FindingPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    version: int
    study_session_id: RecordId
    person_id: RecordId | None
    person_name: str | None = None
    aspect_id: RecordId | None
    description: str
    cause: str
    measure: str
    responsible_id: RecordId | None = None
    responsible_name: str | None = None
    due_on: date | None = None
    # The ledger item this finding opened when the minutes were finalized (整改台账).
    rectification_item_id: RecordId | None = None


class PersonRef(BaseModel):
    id: int
    name: str


class AmendmentChanges(BodyModel):
    """The fields of finalized minutes an amendment may correct."""

    title: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=300)
    starts_at: LocalDateTime | None = None
    ends_at: LocalDateTime | None = None
    place: str | None = Field(default=None, max_length=200)
    chair_id: RecordId | None = None
    recorder_id: RecordId | None = None
    expected_count: int | None = Field(default=None, ge=0, le=100_000)


class AmendmentCreate(BodyModel):
    reason: Annotated[str, NotBlank] = Field(min_length=1, max_length=5000)
    changes: AmendmentChanges


class _PartAmendment(BodyModel):
    """An amendment of one row of finalized minutes: the reason and the fields it corrects (only
    those sent change; an explicit null clears a field that may be empty)."""

    reason: Annotated[str, NotBlank] = Field(min_length=1, max_length=5000)


class AttendanceAmendment(_PartAmendment):
    changes: AttendanceUpdate


class TopicAmendment(_PartAmendment):
    changes: TopicUpdate


class SpeechOutlineAmendment(_PartAmendment):
    changes: SpeechOutlineUpdate


class ContributionAmendment(_PartAmendment):
    changes: ContributionUpdate


class FindingAmendment(_PartAmendment):
    changes: FindingUpdate


class AmendmentPublic(BaseModel):
    id: int
    number: int = (
        0  # 第1次修订, 第2次修订 … in order (``version`` is the meeting's version it made)
    )
    version: int
    reason: str
    login: str | None
    by: str | None = None  # who amended: the account's person's name, else its login
    at: UtcTimestamp
    # "title", or "<part>.<id>.<field>" (e.g. "contribution.12.content") with the row's "where"
    changes: dict[str, dict[str, Any]]
    names: dict[str, str] = {}  # the people the changes name, by id


class StudySessionDetail(StudySessionPublic):
    """Everything in the minutes, in order, in one response."""

    campaign_name: str | None = None
    theme_title: str | None = None
    chair: PersonRef | None = None
    recorder: PersonRef | None = None
    expected: int
    present: int
    attendance: list[AttendancePublic]
    topics: list[TopicPublic]
    outlines: list[SpeechOutlinePublic]
    contributions: list[ContributionPublic]
    findings: list[FindingPublic]
    amendments: list[AmendmentPublic] = []


class ProblemPublic(BaseModel):
    code: str
    message: str
    # The part of the minutes to fix ("findings", "attendance", "outlines", "header") and its row.
    part: str | None = None
    part_id: RecordId | None = None


class ReviewPublic(BaseModel):
    """What finalizing would say now: unmet rules (blocking) and warnings (not blocking)."""

    can_finalize: bool
    problems: list[ProblemPublic]
    warnings: list[ProblemPublic]


class FinalizeResult(BaseModel):
    study_session: StudySessionDetail
    warnings: list[ProblemPublic]
