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


class CheckStatus(StrEnum):
    assigned = (
        "assigned"  # drawn and assigned to an inspector, not yet carried out (inspectors only)
    )
    recorded = "recorded"  # carried out, with a verdict


class Weighting(StrEnum):
    uniform = "uniform"  # 等概率
    risk_weighted = "risk_weighted"  # 按风险加权


class AdmonitionLevel(StrEnum):
    """Rising severity."""

    talk = "talk"  # 约谈
    reminder = "reminder"  # 提醒谈话
    admonishment = "admonishment"  # 诫勉谈话


class ReworkFlag(StrEnum):
    """The state of a session that a spot check sent back (StudySession.rework_flag)."""

    open = "open"  # 待补课
    make_up_scheduled = "make_up_scheduled"  # 已安排补课
    make_up_held = "make_up_held"  # 已补课待验收
    resolved = "resolved"  # 已验收


class FrequencyPeriod(StrEnum):
    month = "month"
    quarter = "quarter"
    year = "year"


class MeetingFrequency(SQLModel, table=True):
    """How often an organization of a kind must hold meetings of a kind (data, not code; seeded from
    the branch work regulations, an administrator may change it)."""

    __tablename__ = "meeting_frequency"
    __table_args__ = (sa.UniqueConstraint("organization_kind", "session_kind"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_kind: str = Field(sa_type=sa.String(40))
    session_kind: str = Field(sa_type=sa.String(40))
    period: FrequencyPeriod = Field(sa_type=sa.String(10))
    times: int = Field(default=1, ge=1)  # meetings per period
    position: int = Field(ge=1)


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
    status: CheckStatus = Field(default=CheckStatus.recorded, sa_type=sa.String(20), index=True)
    sampling_draw_id: int | None = Field(default=None, foreign_key="sampling_draw.id", index=True)
    checked_on: date | None = None  # None while planned
    method: CheckMethod = Field(sa_type=sa.String(30))
    # criterion code → score 0–100
    scores: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    # What the depth indicators suggested (criterion code → score) and, where the inspector scored
    # otherwise, why (criterion code → reason).
    suggested_scores: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    override_reasons: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    notes: str = Field(default="", sa_type=sa.Text)
    verdict: Verdict | None = Field(default=None, sa_type=sa.String(20), index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())


class SamplingDraw(SQLModel, table=True):
    """A random sampling draw (随机抽查抽签): everything needed to re-run it and get the same sample."""

    __tablename__ = "sampling_draw"

    id: int | None = Field(default=None, primary_key=True)
    # The jurisdiction drawn from (the filter's organization): who may see and re-run the draw.
    organization_id: int = Field(foreign_key="organization.id", index=True)
    drawn_by_id: int | None = Field(default=None, foreign_key="account.id")
    drawn_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())
    # {"organization_id", "subtree", "from", "to", "kinds", "statuses"}
    filter: dict[str, Any] = Field(sa_type=sa.JSON)
    weighting: Weighting = Field(sa_type=sa.String(20))
    algorithm: str = Field(sa_type=sa.String(40))
    sample_size: int = Field(ge=1)
    seed: str = Field(sa_type=sa.String(64))
    # [{"id": session id, "weight": w, "reasons": [...]}, ...] ordered by id
    population: list[Any] = Field(sa_type=sa.JSON)
    selected_ids: list[Any] = Field(sa_type=sa.JSON)  # in the order drawn


class Admonition(SQLModel, table=True):
    """An admonishing talk (约谈 / 提醒谈话 / 诫勉谈话), usually with the organization's top leader."""

    __tablename__ = "admonition"

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    spot_check_id: int | None = Field(default=None, foreign_key="spot_check.id", index=True)
    level: AdmonitionLevel = Field(sa_type=sa.String(20))
    talked_on: date
    held_by: str = Field(sa_type=sa.String(200))  # who held the talk, e.g. 县委组织部部长 王某
    notes: str = Field(default="", sa_type=sa.Text)
    recorded_by_id: int | None = Field(default=None, foreign_key="account.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())


class CircularStatus(StrEnum):
    draft = "draft"  # 草稿: the inspector still writes it
    issued = "issued"  # 已印发: stored as printed, locked


class Circular(SQLModel, table=True):
    """The circular (通报) an organization department issues on a month's spot checks: a 公文 with its
    发文字号 (代字〔年份〕序号号), 主送, the inspector's narrative, 落款, 成文日期 and 版记. Issuing
    stores the PDF/A and the Word document as printed and locks it; reprints hand out these bytes."""

    __tablename__ = "circular"
    # 发文字号 never repeats for an issuer, 代字 and year (drafts have no year yet).
    __table_args__ = (sa.UniqueConstraint("organization_id", "prefix", "year", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1)
    # The issuing organization: the jurisdiction the figures cover, and who may see the circular.
    organization_id: int = Field(foreign_key="organization.id", index=True)
    month: str = Field(sa_type=sa.String(7))  # the month reported, YYYY-MM
    status: CircularStatus = Field(default=CircularStatus.draft, sa_type=sa.String(10))
    prefix: str = Field(default="", sa_type=sa.String(40))  # 发文机关代字, e.g. 长组通
    year: int | None = None  # 〔年份〕, set on issuing (the year of 成文日期)
    number: int | None = None  # 序号: typed by the inspector, or the next free one on issuing
    title: str = Field(sa_type=sa.String(200))
    recipients: str = Field(default="", sa_type=sa.String(500))  # 主送机关
    situation: str = Field(default="", sa_type=sa.Text)  # 一、基本情况
    problems: str = Field(default="", sa_type=sa.Text)  # 二、存在问题
    requirements: str = Field(default="", sa_type=sa.Text)  # 三、下步要求
    signed_by: str = Field(default="", sa_type=sa.String(200))  # 落款 (the issuer's name)
    copy_to: str = Field(default="", sa_type=sa.String(500))  # 版记: 抄送
    issued_on: date | None = None  # 成文日期 (today on issuing unless typed)
    created_by_id: int | None = Field(default=None, foreign_key="account.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())
    issued_by_id: int | None = Field(default=None, foreign_key="account.id")
    issued_at: datetime | None = Field(default=None, sa_type=sa.DateTime())
    sha256: str | None = Field(default=None, sa_type=sa.String(64))  # of the stored PDF
    pdf: bytes | None = Field(default=None, sa_type=sa.LargeBinary())
    docx: bytes | None = Field(default=None, sa_type=sa.LargeBinary())
    # The figures as issued (the JSON attached to the PDF/A): what the API answers for it since.
    figures: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
