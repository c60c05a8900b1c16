"""Spot checks (抽查) by the organization department, their criteria, and the rework flag they raise."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.clock import utcnow


class CheckMethod(StrEnum):
    unannounced_visit = "unannounced_visit"  # 暗访
    random_sampling = "random_sampling"  # 随机抽查
    sat_in = "sat_in"  # 列席
    records_review = "records_review"  # 查阅资料
    on_site_feedback = "on_site_feedback"  # 现场反馈


class Verdict(StrEnum):
    passed = "pass"  # 合格
    make_up = "make_up"  # 补课
    reconvene = "reconvene"  # 责令重新召开


class ReworkFlag(StrEnum):
    """The state of a session that a spot check sent back (StudySession.rework_flag)."""

    open = "open"  # 待补课
    make_up_scheduled = "make_up_scheduled"  # 已安排补课
    make_up_held = "make_up_held"  # 已补课待验收
    resolved = "resolved"  # 已验收


class SpotCheckCriterion(SQLModel, table=True):
    """What a spot check scores (data, not code): weights say how much each counts in the total."""

    __tablename__ = "spot_check_criterion"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(sa_type=sa.String(40), unique=True)
    title: str = Field(sa_type=sa.String(200))
    weight: int = Field(ge=0, le=100)
    position: int = Field(ge=1)
    active: bool = True


class SpotCheck(SQLModel, table=True):
    __tablename__ = "spot_check"

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1)
    study_session_id: int | None = Field(default=None, foreign_key="study_session.id", index=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    inspector_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    checked_on: date
    method: CheckMethod = Field(sa_type=sa.String(30))
    # criterion code → score 0–100
    scores: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    notes: str = Field(default="", sa_type=sa.Text)
    verdict: Verdict = Field(sa_type=sa.String(20), index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())
