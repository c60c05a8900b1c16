"""Party organizations form a tree; the materialized ``path`` makes subtree queries one index range."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.clock import utcnow


class OrganizationKind(StrEnum):
    party_committee = "party_committee"  # 党委
    party_group = "party_group"  # 党组
    general_branch = "general_branch"  # 党总支
    branch = "branch"  # 党支部
    organization_department = "organization_department"  # 组织部


class Organization(SQLModel, table=True):
    __tablename__ = "organization"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(sa_type=sa.String(40), unique=True)
    name: str = Field(sa_type=sa.String(200))
    kind: OrganizationKind = Field(sa_type=sa.String(40))
    parent_id: int | None = Field(default=None, foreign_key="organization.id", index=True)
    # "/1/4/17/": ids from the root down to this organization, each followed by "/".
    path: str = Field(default="", sa_type=sa.String(400), index=True)
    is_key_unit: bool = False
    is_power_department: bool = False
    is_weak_unit: bool = False
    # 撤销: an organization dissolved or merged keeps its minutes but is no longer required to meet.
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())
