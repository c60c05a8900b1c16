"""Accounts, their personal access tokens, and the record of login attempts (for throttling)."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.access import Role
from app.clock import utcnow

__all__ = ["Account", "ApiToken", "LoginAttempt", "Role"]


class Account(SQLModel, table=True):
    __tablename__ = "account"

    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(sa_type=sa.String(80), unique=True)
    password_hash: str = Field(sa_type=sa.String(255))
    role: Role = Field(sa_type=sa.String(20))
    organization_id: int = Field(foreign_key="organization.id", index=True)
    include_subtree: bool = False
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    active: bool = True
    locale: str | None = Field(default=None, sa_type=sa.String(10))
    # Raised on logout-everywhere, password change or deactivation: older login cookies stop working.
    session_epoch: int = 0
    # Set by an administrator's password reset: the one-time password must be changed at login.
    must_change_password: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())


class ApiToken(SQLModel, table=True):
    """A personal access token; only its SHA-256 is stored (the secret is shown once)."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    name: str = Field(sa_type=sa.String(100))
    token_hash: str = Field(sa_type=sa.String(64), unique=True)
    prefix: str = Field(sa_type=sa.String(16))
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())
    expires_at: datetime | None = Field(default=None, sa_type=sa.DateTime())
    revoked_at: datetime | None = Field(default=None, sa_type=sa.DateTime())


class LoginAttempt(SQLModel, table=True):
    __tablename__ = "login_attempt"
    __table_args__ = (
        sa.Index("ix_login_attempt_login_at", "login", "at"),
        sa.Index("ix_login_attempt_address_at", "client_address", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(sa_type=sa.String(80))
    client_address: str = Field(sa_type=sa.String(64))
    succeeded: bool
    at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())
