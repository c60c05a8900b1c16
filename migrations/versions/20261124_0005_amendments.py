"""amendments

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 21:00:46.310190
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "amendment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_session_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_amendment_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["study_session_id"],
            ["study_session.id"],
            name=op.f("fk_amendment_study_session_id_study_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_amendment")),
    )
    with op.batch_alter_table("amendment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_amendment_account_id"), ["account_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_amendment_study_session_id"), ["study_session_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("amendment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_amendment_study_session_id"))
        batch_op.drop_index(batch_op.f("ix_amendment_account_id"))

    op.drop_table("amendment")
