from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from app.clock import UtcTimestamp
from app.ids import RecordId
from app.organizations.models import OrganizationKind
from app.text import BodyModel, NotBlank


class CampaignCreate(BodyModel):
    name: Annotated[str, NotBlank] = Field(min_length=1, max_length=200)
    description: str = ""
    starts_on: date
    ends_on: date
    launched_by_id: RecordId


class CampaignUpdate(BodyModel):
    name: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None


class ThemeCreate(BodyModel):
    title: Annotated[str, NotBlank] = Field(min_length=1, max_length=200)
    description: str = ""
    position: int | None = Field(default=None, ge=1, le=10_000)


class ThemeUpdate(BodyModel):
    title: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = None
    position: int | None = Field(default=None, ge=1, le=10_000)


class AspectCreate(BodyModel):
    title: Annotated[str, NotBlank] = Field(min_length=1, max_length=200)
    position: int | None = Field(default=None, ge=1, le=10_000)


class AspectUpdate(BodyModel):
    title: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=200)
    position: int | None = Field(default=None, ge=1, le=10_000)


class RequiredActionCreate(BodyModel):
    title: Annotated[str, NotBlank] = Field(min_length=1, max_length=300)
    theme_id: RecordId | None = None
    due_date: date | None = None
    organization_kinds: list[OrganizationKind] = Field(default_factory=list)
    is_optional: bool = False
    organization_id: RecordId | None = None


class RequiredActionUpdate(BodyModel):
    title: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=300)
    theme_id: RecordId | None = None
    due_date: date | None = None
    organization_kinds: list[OrganizationKind] | None = None


class AspectPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    theme_id: RecordId
    position: int
    title: str


class ThemePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    campaign_id: RecordId
    position: int
    title: str
    description: str
    aspects: list[AspectPublic] = []


class RequiredActionPublic(BaseModel):
    id: int
    campaign_id: RecordId
    theme_id: RecordId | None
    title: str
    due_date: date | None
    organization_kinds: list[OrganizationKind]
    is_optional: bool
    organization_id: RecordId | None


class CampaignPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    description: str
    starts_on: date
    ends_on: date
    launched_by_id: RecordId
    created_at: UtcTimestamp


class CampaignDetail(CampaignPublic):
    themes: list[ThemePublic]
    required_actions: list[RequiredActionPublic]
