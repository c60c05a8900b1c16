from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from app.auth.models import Role
from app.clock import UtcTimestamp
from app.ids import RecordId
from app.text import BodyModel, NotBlank


class TokenCreate(BodyModel):
    name: Annotated[str, NotBlank] = Field(min_length=1, max_length=100)
    expires_in_days: int | None = Field(default=None, ge=1, le=3650)


class TokenPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    prefix: str
    created_at: UtcTimestamp
    expires_at: UtcTimestamp | None
    revoked_at: UtcTimestamp | None


class TokenIssued(TokenPublic):
    """Returned once, at creation: the secret is not stored and cannot be shown again."""

    token: str


class AccountCreate(BodyModel):
    login: Annotated[str, NotBlank] = Field(
        min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.@-]+$"
    )
    password: str = Field(min_length=1, max_length=200)
    role: Role
    organization_id: RecordId
    include_subtree: bool = False
    person_id: RecordId | None = None


class AccountUpdate(BodyModel):
    role: Role | None = None
    active: bool | None = None
    include_subtree: bool | None = None
    password: str | None = Field(default=None, min_length=1, max_length=200)
    organization_id: RecordId | None = None
    person_id: RecordId | None = Field(
        default=None, description="the account's holder; null unlinks (pages then show the login)"
    )


class PasswordChange(BodyModel):
    """The holder's own new password (after an administrator's reset, or whenever they like)."""

    current_password: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=1, max_length=200)
    repeated: str = Field(min_length=1, max_length=200)


class PasswordReset(BaseModel):
    """A one-time password, shown once; its holder must change it at the next login."""

    login: str
    password: str


class AccountPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    login: str
    role: Role
    organization_id: RecordId
    include_subtree: bool
    person_id: RecordId | None
    active: bool
    must_change_password: bool = False
    created_at: UtcTimestamp


class NamedRecord(BaseModel):
    id: int
    name: str


class MePublic(BaseModel):
    """Who the caller is: the account, the person it belongs to (if any), the organization, and what
    it may read (the organization alone or with everything below it; finalized minutes only)."""

    id: int
    login: str
    role: Role
    person: NamedRecord | None
    organization: NamedRecord
    include_subtree: bool
    finalized_only: bool = Field(description="viewers read finalized minutes only")
