"""The rectification ledger (整改台账): problems to put right, who owns them, monthly progress, closure."""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.clock import utcnow


class ItemSource(StrEnum):
    finding = "finding"  # 查摆问题: opened when minutes with this finding are finalized
    spot_check = "spot_check"  # 督查抽查发现
    solicited_opinion = "solicited_opinion"  # 征求意见
    ordered = "ordered"  # 责令整改


class ItemStatus(StrEnum):
    not_started = "not_started"  # 未启动
    in_progress = "in_progress"  # 正在整改
    immediate = "immediate"  # 立行立改
    ongoing = "ongoing"  # 长期坚持
    awaiting_closure = "awaiting_closure"  # 已整改待销号
    closed = "closed"  # 已销号


class RectificationItem(SQLModel, table=True):
    __tablename__ = "rectification_item"
    __table_args__ = (sa.UniqueConstraint("organization_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1)  # optimistic concurrency: every change raises it
    organization_id: int = Field(foreign_key="organization.id", index=True)
    number: int  # 1, 2, 3 … within the organization's ledger
    source: ItemSource = Field(sa_type=sa.String(20))
    finding_id: int | None = Field(default=None, foreign_key="finding.id", unique=True)
    # The meeting whose finding opened the item.
    study_session_id: int | None = Field(default=None, foreign_key="study_session.id", index=True)
    # An item ordered from a spot check (责令整改) names the check and the inspector who ordered it.
    spot_check_id: int | None = Field(default=None, foreign_key="spot_check.id", index=True)
    ordered_by_id: int | None = Field(default=None, foreign_key="account.id")
    campaign_id: int | None = Field(default=None, foreign_key="campaign.id", index=True)
    # The campaign's 规定动作 this item fulfils once closed (e.g. "制定整改方案，实行公开承诺").
    required_action_id: int | None = Field(
        default=None, foreign_key="required_action.id", index=True
    )
    problem: str = Field(sa_type=sa.Text)
    measure: str = Field(default="", sa_type=sa.Text)
    standard: str = Field(default="", sa_type=sa.Text)  # 整改标准 / 目标
    responsible_leader_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    responsible_person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    due_on: date | None = Field(default=None, index=True)
    status: ItemStatus = Field(default=ItemStatus.not_started, sa_type=sa.String(20), index=True)
    result: str = Field(default="", sa_type=sa.Text)  # 整改成果
    evidence: str = Field(default="", sa_type=sa.Text)  # 佐证材料说明
    closed_by_id: int | None = Field(default=None, foreign_key="account.id")
    # Why it was closed before it was marked 已整改待销号 (empty when closed in the normal course).
    closed_early_reason: str = Field(default="", sa_type=sa.Text)
    closed_at: datetime | None = Field(default=None, sa_type=sa.DateTime())
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())


class ProgressEntry(SQLModel, table=True):
    """One month's progress report on one item (整改进展)."""

    __tablename__ = "progress_entry"
    __table_args__ = (sa.UniqueConstraint("item_id", "month"),)

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1)
    item_id: int = Field(foreign_key="rectification_item.id", index=True)
    month: str = Field(sa_type=sa.String(7), index=True)  # YYYY-MM
    text: str = Field(sa_type=sa.Text)
    percent: int = Field(ge=0, le=100)
    reporter_id: int | None = Field(default=None, foreign_key="account.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())
