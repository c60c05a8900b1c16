"""A study session (学习研讨 / 会议) and the parts of its minutes."""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.clock import local_now, utcnow


class StudySessionKind(StrEnum):
    central_group_study = "central_group_study"  # 中心组学习
    branch_general_meeting = "branch_general_meeting"  # 支部党员大会
    branch_committee_meeting = "branch_committee_meeting"  # 支部委员会会议
    party_group_meeting = "party_group_meeting"  # 党小组会
    party_lecture = "party_lecture"  # 党课
    theme_party_day = "theme_party_day"  # 主题党日
    democratic_life_meeting = "democratic_life_meeting"  # 民主生活会
    org_life_meeting = "org_life_meeting"  # 组织生活会
    special_seminar = "special_seminar"  # 专题研讨


class StudySessionStatus(StrEnum):
    planned = "planned"
    held = "held"
    finalized = "finalized"


class AttendanceStatus(StrEnum):
    present = "present"  # 出席
    late = "late"  # 迟到
    on_leave = "on_leave"  # 请假
    absent = "absent"  # 缺席
    # 不计应到: a member who was not expected (long sick leave, working away with leave granted), with
    # the reason; counted neither in 应到 nor in 实到.
    not_expected = "not_expected"


# Statuses that count towards 实到 (present).
PRESENT_STATUSES = frozenset({AttendanceStatus.present, AttendanceStatus.late})
# Statuses that need a reason.
EXPLAINED_STATUSES = frozenset(
    {AttendanceStatus.on_leave, AttendanceStatus.absent, AttendanceStatus.not_expected}
)


class ContributionKind(StrEnum):
    key_speech = "key_speech"  # 重点发言
    exchange = "exchange"  # 交流发言
    criticism = "criticism"  # 批评
    self_criticism = "self_criticism"  # 自我批评
    response = "response"  # 表态发言
    summary = "summary"  # 主持人小结


class StudySession(SQLModel, table=True):
    __tablename__ = "study_session"
    __table_args__ = (
        sa.Index("ix_study_session_organization_starts", "organization_id", "starts_at", "id"),
        sa.Index("ix_study_session_starts", "starts_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id")
    kind: StudySessionKind = Field(sa_type=sa.String(40), index=True)
    campaign_id: int | None = Field(default=None, foreign_key="campaign.id", index=True)
    theme_id: int | None = Field(default=None, foreign_key="campaign_theme.id", index=True)
    # The campaign's 规定动作 this meeting fulfils (campaign completeness counts it once finalized).
    required_action_id: int | None = Field(
        default=None, foreign_key="required_action.id", index=True
    )
    title: str = Field(sa_type=sa.String(300))
    starts_at: datetime = Field(sa_type=sa.DateTime())
    ends_at: datetime | None = Field(default=None, sa_type=sa.DateTime())
    place: str = Field(default="", sa_type=sa.String(200))
    chair_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    recorder_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    # 应到: entered by the secretary; when empty, the voting attendance rows are the expected list.
    expected_count: int | None = Field(default=None, ge=0)
    status: StudySessionStatus = Field(
        default=StudySessionStatus.planned, sa_type=sa.String(20), index=True
    )
    version: int = Field(default=1)
    finalized_at: datetime | None = Field(default=None, sa_type=sa.DateTime())
    make_up_of_id: int | None = Field(default=None, foreign_key="study_session.id", index=True)
    rework_flag: str | None = Field(default=None, sa_type=sa.String(30))
    # The deadline of the 补课 / 重新召开 an inspector ordered: past it, an open flag is overdue.
    rework_due_on: date | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())


class Attendance(SQLModel, table=True):
    __tablename__ = "attendance"
    __table_args__ = (sa.UniqueConstraint("study_session_id", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1)  # optimistic concurrency: every change raises it
    study_session_id: int = Field(foreign_key="study_session.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    status: AttendanceStatus = Field(sa_type=sa.String(20))
    reason: str = Field(default="", sa_type=sa.String(500))
    # 列席: attends without a vote (e.g. an inspector); not counted in expected / present.
    is_non_voting: bool = False


class Topic(SQLModel, table=True):
    __tablename__ = "topic"

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1)  # optimistic concurrency: every change raises it
    study_session_id: int = Field(foreign_key="study_session.id", index=True)
    position: int
    title: str = Field(sa_type=sa.String(300))
    aspect_id: int | None = Field(default=None, foreign_key="theme_aspect.id", index=True)
    conclusion: str = Field(default="", sa_type=sa.Text)


class SpeechOutline(SQLModel, table=True):
    __tablename__ = "speech_outline"
    __table_args__ = (sa.UniqueConstraint("study_session_id", "author_id"),)

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1)  # optimistic concurrency: every change raises it
    study_session_id: int = Field(foreign_key="study_session.id", index=True)
    author_id: int = Field(foreign_key="person.id", index=True)
    body: str = Field(sa_type=sa.Text)
    submitted_at: datetime = Field(default_factory=local_now, sa_type=sa.DateTime())


class Contribution(SQLModel, table=True):
    __tablename__ = "contribution"
    __table_args__ = (
        sa.Index("ix_contribution_session_order", "study_session_id", "round", "position", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1)  # optimistic concurrency: every change raises it
    study_session_id: int = Field(foreign_key="study_session.id")
    speaker_id: int = Field(foreign_key="person.id", index=True)
    topic_id: int | None = Field(default=None, foreign_key="topic.id", index=True)
    round: int
    position: int
    kind: ContributionKind = Field(sa_type=sa.String(30))
    # The person criticised (批评); required for criticism, empty otherwise.
    target_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    content: str = Field(sa_type=sa.Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())


class Finding(SQLModel, table=True):
    __tablename__ = "finding"

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1)  # optimistic concurrency: every change raises it
    study_session_id: int = Field(foreign_key="study_session.id", index=True)
    # Whose problem: a person, or the leadership team when empty.
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    aspect_id: int | None = Field(default=None, foreign_key="theme_aspect.id", index=True)
    description: str = Field(sa_type=sa.Text)
    cause: str = Field(default="", sa_type=sa.Text)
    measure: str = Field(default="", sa_type=sa.Text)
    # Who carries out the measure and by when (整改措施有责任人和时限); the ledger item takes both.
    # Empty responsible: the person whose problem it is (or, for the team's, the chair).
    responsible_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    due_on: date | None = Field(default=None)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())


class Amendment(SQLModel, table=True):
    """A change to finalized minutes: why, by whom, what changed; it makes a new version."""

    __tablename__ = "amendment"

    id: int | None = Field(default=None, primary_key=True)
    study_session_id: int = Field(foreign_key="study_session.id", index=True)
    version: int  # the session's version this amendment created
    reason: str = Field(sa_type=sa.Text)
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())
    # {"field": {"from": old, "to": new}} as JSON text.
    changes: str = Field(sa_type=sa.Text)


class SearchEntry(SQLModel, table=True):
    """One searchable text of the minutes (a title, topic, outline, speech or problem) as the search
    index holds it (``app.study_sessions.search_index`` keeps it current in the writing transaction).
    Derived data: no foreign keys, so a deleted part's entry can go in the same flush as the part."""

    __tablename__ = "search_entry"
    __table_args__ = (sa.UniqueConstraint("part", "part_id"),)

    id: int | None = Field(default=None, primary_key=True)
    study_session_id: int = Field(index=True)
    organization_id: int = Field(index=True)
    part: str = Field(sa_type=sa.String(20))  # study_session, topic, outline, contribution, finding
    part_id: int
    person_id: int | None = Field(default=None, index=True)  # the speaker, the outline's author …
    target_id: int | None = Field(default=None, index=True)  # whom a criticism is of
    contribution_kind: str | None = Field(default=None, sa_type=sa.String(30))
    text: str = Field(sa_type=sa.Text)  # as written (the result's passage)
    terms: str = Field(sa_type=sa.Text)  # app.text.search_terms, space-separated: what is matched
