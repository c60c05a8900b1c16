"""stored minutes documents

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 21:33:56.906394
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "minutes_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_session_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["study_session_id"],
            ["study_session.id"],
            name=op.f("fk_minutes_document_study_session_id_study_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes_document")),
        sa.UniqueConstraint(
            "study_session_id", "version", name=op.f("uq_minutes_document_study_session_id_version")
        ),
    )
    with op.batch_alter_table("minutes_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_minutes_document_study_session_id"), ["study_session_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("minutes_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_minutes_document_study_session_id"))

    op.drop_table("minutes_document")
