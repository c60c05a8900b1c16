from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from app.people.models import CommitteeRole
from app.text import NotBlank


class PersonCreate(BaseModel):
    organization_id: int
    name: Annotated[str, NotBlank] = Field(min_length=1, max_length=100)
    post: str = Field(default="", max_length=200)
    committee_role: CommitteeRole = CommitteeRole.member
    is_party_member: bool = True
    is_top_leader: bool = False
    active: bool = True


class PersonUpdate(BaseModel):
    organization_id: int | None = None
    name: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=100)
    post: str | None = Field(default=None, max_length=200)
    committee_role: CommitteeRole | None = None
    is_party_member: bool | None = None
    is_top_leader: bool | None = None
    active: bool | None = None


class PersonPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    organization_id: int
    name: str
    post: str
    committee_role: CommitteeRole
    is_party_member: bool
    is_top_leader: bool
    active: bool
    created_at: datetime
