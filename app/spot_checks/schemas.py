from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from app.clock import UtcTimestamp
from app.ids import RecordId
from app.rectification.schemas import Month
from app.spot_checks.models import (
    AdmonitionLevel,
    CheckMethod,
    CheckStatus,
    CircularStatus,
    ReworkFlag,
    Verdict,
    Weighting,
)
from app.study_sessions.models import StudySessionKind, StudySessionStatus
from app.text import BodyModel, NotBlank

Reason = Annotated[str, NotBlank, Field(min_length=1, max_length=2000)]


REWORK_DAYS = 30  # a make-up or reconvened meeting ordered without a deadline is due in a month


class SpotCheckRecord(BodyModel):
    """What the inspector found: scores per criterion, notes, verdict. A score that differs from what the
    depth indicators suggest (``GET …/suggested-scores``) needs a reason in ``override_reasons``."""

    checked_on: date
    method: CheckMethod
    scores: dict[str, int] = Field(default_factory=dict, description="criterion code → 0–100")
    override_reasons: dict[str, Reason] = Field(
        default_factory=dict,
        description="criterion code → why the score differs from the suggestion",
    )
    notes: str = Field(default="", max_length=100_000)
    verdict: Verdict
    rework_due_on: date | None = Field(
        default=None,
        description="补课 / 重新召开: the deadline of the ordered meeting; "
        f"{REWORK_DAYS} days after the check when left out",
    )


class SpotCheckCreate(SpotCheckRecord):
    """A check of a meeting (``study_session_id``) or of an organization as a whole (``organization_id``,
    e.g. a review of its records; verdict ``pass`` only — a make-up is ordered for a meeting)."""

    study_session_id: RecordId | None = None
    organization_id: RecordId | None = None


class CriterionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    title: str
    weight: int
    position: int


class SpotCheckPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    version: int
    status: CheckStatus
    sampling_draw_id: RecordId | None
    study_session_id: RecordId | None
    organization_id: RecordId
    inspector_id: RecordId | None
    inspector: str | None = None
    checked_on: date | None
    method: CheckMethod
    scores: dict[str, Any]
    suggested_scores: dict[str, Any]
    override_reasons: dict[str, Any]
    total: float | None = None  # weighted mean of the scores given
    notes: str
    verdict: Verdict | None
    created_at: UtcTimestamp


class SuggestedScore(BaseModel):
    code: str
    title: str
    score: int | None  # None: the indicators cannot say (the inspector judges)
    basis: str  # the inputs, e.g. "3 / 4"


class ReworkPublic(BaseModel):
    study_session_id: RecordId
    rework_flag: ReworkFlag | None


class DrawFilter(BodyModel):
    """Which meetings the draw picks from: the jurisdiction, a period, kinds, statuses."""

    organization_id: RecordId
    subtree: bool = True
    starts_from: date | None = None
    starts_until: date | None = None
    kinds: list[StudySessionKind] = Field(default_factory=list, description="empty: every kind")
    statuses: list[StudySessionStatus] = Field(
        default_factory=lambda: [StudySessionStatus.finalized],
        description="held and/or finalized; planned meetings cannot be drawn",
    )
    include_checked: bool = Field(
        default=False,
        description="also meetings already spot-checked or planned for a check (left out by default)",
    )


class DrawCreate(DrawFilter):
    sample_size: int = Field(ge=1, le=1000)
    weighting: Weighting = Weighting.uniform
    seed: Annotated[str, NotBlank] | None = Field(
        default=None, min_length=1, max_length=64, description="empty: a new random seed"
    )
    inspector_ids: list[int] = Field(
        default_factory=list,
        max_length=100,
        description="accounts the checks are assigned to in turn; empty: the caller",
    )


class Candidate(BaseModel):
    id: int
    weight: int
    reasons: list[str]


class DrawPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    organization_id: RecordId
    drawn_by_id: RecordId | None
    drawn_by: str | None = None  # the drawing inspector's name
    drawn_at: UtcTimestamp
    filter: dict[str, Any]
    weighting: Weighting
    algorithm: str
    sample_size: int
    seed: str
    population: list[Candidate]
    selected_ids: list[int]


class DrawSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    organization_id: RecordId
    drawn_by_id: RecordId | None
    drawn_by: str | None = None  # the drawing inspector's name
    drawn_at: UtcTimestamp
    weighting: Weighting
    sample_size: int
    seed: str
    population_size: int = 0
    selected_ids: list[int]


class DrawRerun(BaseModel):
    draw_id: RecordId
    seed: str
    selected_ids: list[int]
    identical: bool  # the re-run selected exactly the stored ids, in the same order


class AdmonitionCreate(BodyModel):
    person_id: RecordId
    level: AdmonitionLevel
    talked_on: date
    held_by: Annotated[str, NotBlank] = Field(min_length=1, max_length=200)
    notes: str = Field(default="", max_length=100_000)
    spot_check_id: RecordId | None = None


class AdmonitionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    organization_id: RecordId
    person_id: RecordId
    person: str | None = None
    spot_check_id: RecordId | None
    level: AdmonitionLevel
    talked_on: date
    held_by: str
    notes: str
    recorded_by_id: RecordId | None
    created_at: UtcTimestamp


class OrderedRectification(BodyModel):
    """责令整改 from a spot check: what to put right, who answers for it, by when."""

    problem: Annotated[str, NotBlank] = Field(min_length=1, max_length=100_000)
    measure: str = Field(default="", max_length=100_000)
    standard: str = Field(default="", max_length=100_000)
    responsible_leader_id: RecordId | None = None
    responsible_person_id: RecordId | None = None
    due_on: date | None = None


class CircularCreate(BodyModel):
    """A draft circular on one month of an organization's jurisdiction (``organization_id``: the
    issuer, by default the caller's organization)."""

    organization_id: RecordId | None = None
    month: Month


class CircularUpdate(BodyModel):
    """Everything the inspector writes before issuing (the whole draft: a field left out is cleared).
    ``number`` left out: the next free 序号 of the 代字 and year on issuing."""

    prefix: str = Field(default="", max_length=40, description="发文机关代字, e.g. 长组通")
    number: int | None = Field(default=None, ge=1, le=99_999, description="序号 in the 发文字号")
    title: Annotated[str, NotBlank, Field(min_length=1, max_length=200)]
    recipients: str = Field(default="", max_length=500, description="主送机关")
    situation: str = Field(default="", max_length=20_000, description="一、基本情况")
    problems: str = Field(default="", max_length=20_000, description="二、存在问题")
    requirements: str = Field(default="", max_length=20_000, description="三、下步要求")
    signed_by: str = Field(default="", max_length=200, description="落款")
    copy_to: str = Field(default="", max_length=500, description="抄送")
    issued_on: date | None = Field(
        default=None, description="成文日期 (the day of issuing if left out)"
    )


class CircularPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    version: int
    organization_id: int
    month: str
    status: CircularStatus
    reference: str = Field(
        description="发文字号, e.g. 长组通〔2015〕3号 (empty until it has a number)"
    )
    prefix: str
    year: int | None
    number: int | None
    title: str
    recipients: str
    situation: str
    problems: str
    requirements: str
    signed_by: str
    copy_to: str
    issued_on: date | None
    issued_at: UtcTimestamp | None
    sha256: str | None


class InspectorPublic(BaseModel):
    """An account checks can be assigned to (``inspector_ids`` of a draw), named by its person."""

    id: int
    name: str  # the person's name and organization, e.g. 王海涛（县委组织部）
