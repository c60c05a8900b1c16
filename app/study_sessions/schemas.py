from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.clock import LocalDateTime
from app.study_sessions.models import (
    AttendanceStatus,
    ContributionKind,
    StudySessionKind,
    StudySessionStatus,
)
from app.text import NotBlank

Text = Field(min_length=1, max_length=100_000)


class StudySessionCreate(BaseModel):
    organization_id: int
    kind: StudySessionKind
    title: Annotated[str, NotBlank] = Field(min_length=1, max_length=300)
    starts_at: LocalDateTime
    ends_at: LocalDateTime | None = None
    place: str = Field(default="", max_length=200)
    chair_id: int | None = None
    recorder_id: int | None = None
    campaign_id: int | None = None
    theme_id: int | None = None
    required_action_id: int | None = None
    expected_count: int | None = Field(default=None, ge=0, le=100_000)
    make_up_of_id: int | None = None
    # A meeting is usually planned first; minutes typed up after the fact start as held.
    status: Literal[StudySessionStatus.planned, StudySessionStatus.held] = (
        StudySessionStatus.planned
    )


class StudySessionUpdate(BaseModel):
    kind: StudySessionKind | None = None
    title: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=300)
    starts_at: LocalDateTime | None = None
    ends_at: LocalDateTime | None = None
    place: str | None = Field(default=None, max_length=200)
    chair_id: int | None = None
    recorder_id: int | None = None
    campaign_id: int | None = None
    theme_id: int | None = None
    required_action_id: int | None = None
    expected_count: int | None = Field(default=None, ge=0, le=100_000)
    status: StudySessionStatus | None = None


class StudySessionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    organization_id: int
    organization_name: str = ""
    kind: StudySessionKind
    title: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    chair_id: int | None
    recorder_id: int | None
    campaign_id: int | None
    theme_id: int | None
    required_action_id: int | None = None
    expected_count: int | None
    status: StudySessionStatus
    version: int
    finalized_at: datetime | None = None
    make_up_of_id: int | None
    rework_flag: str | None
    created_at: datetime
    updated_at: datetime


class AttendanceCreate(BaseModel):
    person_id: int
    status: AttendanceStatus
    reason: str = Field(default="", max_length=500)
    is_non_voting: bool = False


class AttendanceUpdate(BaseModel):
    status: AttendanceStatus | None = None
    reason: str | None = Field(default=None, max_length=500)
    is_non_voting: bool | None = None


class AttendancePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    version: int
    study_session_id: int
    person_id: int
    person_name: str = ""
    status: AttendanceStatus
    reason: str
    is_non_voting: bool


class TopicCreate(BaseModel):
    title: Annotated[str, NotBlank] = Field(min_length=1, max_length=300)
    aspect_id: int | None = None
    conclusion: str = Field(default="", max_length=100_000)
    position: int | None = Field(default=None, ge=1)


class TopicUpdate(BaseModel):
    title: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=300)
    aspect_id: int | None = None
    conclusion: str | None = Field(default=None, max_length=100_000)
    position: int | None = Field(default=None, ge=1)


class TopicPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    version: int
    study_session_id: int
    position: int
    title: str
    aspect_id: int | None
    conclusion: str


class SpeechOutlineCreate(BaseModel):
    author_id: int
    body: Annotated[str, NotBlank] = Text
    submitted_at: LocalDateTime | None = None


class SpeechOutlineUpdate(BaseModel):
    body: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=100_000)
    submitted_at: LocalDateTime | None = None


class SpeechOutlinePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    version: int
    study_session_id: int
    author_id: int
    author_name: str = ""
    body: str
    submitted_at: datetime


class ContributionCreate(BaseModel):
    speaker_id: int
    round: int = Field(ge=1, le=100)
    kind: ContributionKind
    content: Annotated[str, NotBlank] = Text
    topic_id: int | None = None
    target_id: int | None = None
    position: int | None = Field(default=None, ge=1)


class ContributionUpdate(BaseModel):
    speaker_id: int | None = None
    round: int | None = Field(default=None, ge=1, le=100)
    kind: ContributionKind | None = None
    content: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=100_000)
    topic_id: int | None = None
    target_id: int | None = None
    position: int | None = Field(default=None, ge=1)


class ContributionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    version: int
    study_session_id: int
    speaker_id: int
    speaker_name: str = ""
    topic_id: int | None
    round: int
    position: int
    kind: ContributionKind
    target_id: int | None
    target_name: str | None = None
    content: str


class FindingCreate(BaseModel):
    description: Annotated[str, NotBlank] = Text
    person_id: int | None = None
    aspect_id: int | None = None
    cause: str = Field(default="", max_length=100_000)
    measure: str = Field(default="", max_length=100_000)


class FindingUpdate(BaseModel):
    description: Annotated[str, NotBlank] | None = Field(
        default=None, min_length=1, max_length=100_000
    )
    person_id: int | None = None
    aspect_id: int | None = None
    cause: str | None = Field(default=None, max_length=100_000)
    measure: str | None = Field(default=None, max_length=100_000)


class FindingPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    version: int
    study_session_id: int
    person_id: int | None
    person_name: str | None = None
    aspect_id: int | None
    description: str
    cause: str
    measure: str
    # The ledger item this finding opened when the minutes were finalized (整改台账).
    rectification_item_id: int | None = None


class PersonRef(BaseModel):
    id: int
    name: str


class AmendmentChanges(BaseModel):
    """The fields of finalized minutes an amendment may correct."""

    title: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=300)
    starts_at: LocalDateTime | None = None
    ends_at: LocalDateTime | None = None
    place: str | None = Field(default=None, max_length=200)
    chair_id: int | None = None
    recorder_id: int | None = None
    expected_count: int | None = Field(default=None, ge=0, le=100_000)


class AmendmentCreate(BaseModel):
    reason: Annotated[str, NotBlank] = Field(min_length=1, max_length=5000)
    changes: AmendmentChanges


class AmendmentPublic(BaseModel):
    id: int
    version: int
    reason: str
    login: str | None
    at: datetime
    changes: dict[str, dict[str, Any]]


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


class ReviewPublic(BaseModel):
    """What finalizing would say now: unmet rules (blocking) and warnings (not blocking)."""

    can_finalize: bool
    problems: list[ProblemPublic]
    warnings: list[ProblemPublic]


class FinalizeResult(BaseModel):
    study_session: StudySessionDetail
    warnings: list[ProblemPublic]
