from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from app.organizations.models import OrganizationKind
from app.text import NotBlank


class CampaignCreate(BaseModel):
    name: Annotated[str, NotBlank] = Field(min_length=1, max_length=200)
    description: str = ""
    starts_on: date
    ends_on: date
    launched_by_id: int


class CampaignUpdate(BaseModel):
    name: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None


class ThemeCreate(BaseModel):
    title: Annotated[str, NotBlank] = Field(min_length=1, max_length=200)
    description: str = ""
    position: int | None = Field(default=None, ge=1)


class ThemeUpdate(BaseModel):
    title: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = None
    position: int | None = Field(default=None, ge=1)


class AspectCreate(BaseModel):
    title: Annotated[str, NotBlank] = Field(min_length=1, max_length=200)
    position: int | None = Field(default=None, ge=1)


class AspectUpdate(BaseModel):
    title: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=200)
    position: int | None = Field(default=None, ge=1)


class RequiredActionCreate(BaseModel):
    title: Annotated[str, NotBlank] = Field(min_length=1, max_length=300)
    theme_id: int | None = None
    due_date: date | None = None
    organization_kinds: list[OrganizationKind] = []
    is_optional: bool = False
    organization_id: int | None = None


class RequiredActionUpdate(BaseModel):
    title: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=300)
    theme_id: int | None = None
    due_date: date | None = None
    organization_kinds: list[OrganizationKind] | None = None


class AspectPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    theme_id: int
    position: int
    title: str


class ThemePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    campaign_id: int
    position: int
    title: str
    description: str
    aspects: list[AspectPublic] = []


class RequiredActionPublic(BaseModel):
    id: int
    campaign_id: int
    theme_id: int | None
    title: str
    due_date: date | None
    organization_kinds: list[OrganizationKind]
    is_optional: bool
    organization_id: int | None


class CampaignPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    description: str
    starts_on: date
    ends_on: date
    launched_by_id: int
    created_at: datetime


class CampaignDetail(CampaignPublic):
    themes: list[ThemePublic]
    required_actions: list[RequiredActionPublic]
