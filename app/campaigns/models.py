"""Study campaigns (专题教育) with ordered themes, their aspects, and required / optional actions."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.clock import utcnow


class Campaign(SQLModel, table=True):
    __tablename__ = "campaign"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=sa.String(200))
    description: str = Field(default="", sa_type=sa.Text)
    starts_on: date
    ends_on: date
    launched_by_id: int = Field(foreign_key="organization.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())


class CampaignTheme(SQLModel, table=True):
    __tablename__ = "campaign_theme"

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    position: int = Field(ge=1)
    title: str = Field(sa_type=sa.String(200))
    description: str = Field(default="", sa_type=sa.Text)


class ThemeAspect(SQLModel, table=True):
    __tablename__ = "theme_aspect"

    id: int | None = Field(default=None, primary_key=True)
    theme_id: int = Field(foreign_key="campaign_theme.id", index=True)
    position: int = Field(ge=1)
    title: str = Field(sa_type=sa.String(200))


class RequiredAction(SQLModel, table=True):
    """A 规定动作 of the campaign, or a 自选动作 that one organization adds (``organization_id`` set)."""

    __tablename__ = "required_action"

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    theme_id: int | None = Field(default=None, foreign_key="campaign_theme.id", index=True)
    title: str = Field(sa_type=sa.String(300))
    due_date: date | None = None
    # Comma-separated organization kinds that must do it; empty means every kind.
    organization_kinds: str = Field(default="", sa_type=sa.String(300))
    is_optional: bool = False
    organization_id: int | None = Field(default=None, foreign_key="organization.id", index=True)
