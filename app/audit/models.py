"""The audit log: one row per write, each sealed with a SHA-256 over its contents and its predecessor."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.clock import utcnow


class AuditEvent(SQLModel, table=True):
    """An append-only event; ``hash`` covers every other column, ``previous_hash`` links the chain."""

    __tablename__ = "audit_event"
    __table_args__ = (sa.Index("ix_audit_event_entity_entity_id", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.Integer())
    at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())
    # Who wrote: the request's account; empty for the command line, the system and failed logins.
    account_id: int | None = Field(
        default=None, foreign_key="account.id", index=True, sa_type=sa.Integer()
    )
    action: str = Field(sa_type=sa.String(40))
    entity: str = Field(sa_type=sa.String(60))
    # A string so that composite or not-yet-known keys fit.
    entity_id: str | None = Field(default=None, sa_type=sa.String(40))
    # Canonical JSON text, exactly as hashed.
    before: str | None = Field(default=None, sa_type=sa.Text())
    after: str | None = Field(default=None, sa_type=sa.Text())
    # Unique: two events can never claim the same predecessor, so the database refuses a forked chain.
    previous_hash: str = Field(sa_type=sa.String(64), unique=True)
    hash: str = Field(sa_type=sa.String(64), unique=True)
