from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from app.clock import UtcTimestamp
from app.ids import RecordId
from app.people.models import CommitteeRole
from app.text import BodyModel, NotBlank


class PersonCreate(BodyModel):
    organization_id: RecordId
    name: Annotated[str, NotBlank] = Field(min_length=1, max_length=100)
    post: str = Field(default="", max_length=200)
    member_number: str = Field(
        default="", max_length=40, description="党员编号, if the office keeps one"
    )
    committee_role: CommitteeRole = CommitteeRole.member
    is_party_member: bool = True
    is_top_leader: bool = False
    active: bool = True


class PersonUpdate(BodyModel):
    organization_id: RecordId | None = None
    name: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=100)
    post: str | None = Field(default=None, max_length=200)
    member_number: str | None = Field(default=None, max_length=40)
    committee_role: CommitteeRole | None = None
    is_party_member: bool | None = None
    is_top_leader: bool | None = None
    active: bool | None = None


class PersonPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    organization_id: RecordId
    name: str
    post: str
    member_number: str = ""
    committee_role: CommitteeRole
    is_party_member: bool
    is_top_leader: bool
    active: bool
    created_at: UtcTimestamp
