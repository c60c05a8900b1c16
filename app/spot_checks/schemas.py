from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from app.spot_checks.models import CheckMethod, ReworkFlag, Verdict


class SpotCheckCreate(BaseModel):
    study_session_id: int
    checked_on: date
    method: CheckMethod
    scores: dict[str, int] = Field(default_factory=dict, description="criterion code → 0–100")
    notes: str = Field(default="", max_length=100_000)
    verdict: Verdict


class CriterionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    title: str
    weight: int
    position: int


class SpotCheckPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    study_session_id: int | None
    organization_id: int
    inspector: str | None = None
    checked_on: date
    method: CheckMethod
    scores: dict[str, Any]
    total: float | None = None  # weighted mean of the scores given
    notes: str
    verdict: Verdict
    created_at: datetime


class ReworkPublic(BaseModel):
    study_session_id: int
    rework_flag: ReworkFlag | None
