"""Finalized minutes are stored as rendered, once per version, and never re-rendered."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.clock import utcnow


class MinutesDocument(SQLModel, table=True):
    __tablename__ = "minutes_document"
    __table_args__ = (sa.UniqueConstraint("study_session_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    study_session_id: int = Field(foreign_key="study_session.id", index=True)
    version: int  # the session's version these bytes show
    sha256: str = Field(sa_type=sa.String(64))  # of the PDF bytes: the download's ETag
    # SHA-256 of the minutes data printed in the footer (None on documents stored before it was kept).
    fingerprint: str | None = Field(default=None, sa_type=sa.String(64))
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime())
    pdf: bytes = Field(sa_type=sa.LargeBinary())
