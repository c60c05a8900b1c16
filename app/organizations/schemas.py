from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from app.clock import UtcTimestamp
from app.ids import RecordId
from app.organizations.models import OrganizationKind
from app.text import BodyModel, NotBlank


class OrganizationCreate(BodyModel):
    code: Annotated[str, NotBlank] = Field(
        min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$"
    )
    name: Annotated[str, NotBlank] = Field(min_length=1, max_length=200)
    kind: OrganizationKind
    parent_id: RecordId | None = None
    is_key_unit: bool = False
    is_power_department: bool = False
    is_weak_unit: bool = False


class OrganizationUpdate(BodyModel):
    code: str | None = Field(
        default=None, min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$"
    )
    name: Annotated[str, NotBlank] | None = Field(default=None, min_length=1, max_length=200)
    kind: OrganizationKind | None = None
    parent_id: RecordId | None = None
    is_key_unit: bool | None = None
    is_power_department: bool | None = None
    is_weak_unit: bool | None = None
    active: bool | None = None


class OrganizationPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    code: str
    name: str
    kind: OrganizationKind
    parent_id: RecordId | None
    path: str
    is_key_unit: bool
    is_power_department: bool
    is_weak_unit: bool
    active: bool = True
    created_at: UtcTimestamp
