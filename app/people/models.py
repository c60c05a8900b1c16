"""People (党员 / 干部) belong to one organization and may hold a committee role in it."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.clock import utcnow


class CommitteeRole(StrEnum):
    secretary = "secretary"  # 书记
    deputy_secretary = "deputy_secretary"  # 副书记
    committee_member = "committee_member"  # 委员
    member = "member"  # 党员 / 干部 without a committee seat


class Person(SQLModel, table=True):
    __tablename__ = "person"

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    name: str = Field(sa_type=sa.String(100))
    post: str = Field(default="", sa_type=sa.String(200))
    # 党员编号 (or a staff number): tells two people of the same name apart, e.g. on import.
    member_number: str = Field(default="", sa_type=sa.String(40), index=True)
    committee_role: CommitteeRole = Field(default=CommitteeRole.member, sa_type=sa.String(40))
    is_party_member: bool = True
    is_top_leader: bool = False
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())
