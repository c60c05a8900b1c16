"""rectification items name the meeting they came from

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The ledger names the meeting an item was found in without reading the minutes' tables (the
    # ledger sits below the minutes in the code's layers). Items opened from findings get it back.
    with op.batch_alter_table("rectification_item") as batch_op:
        batch_op.add_column(sa.Column("study_session_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_rectification_item_study_session_id"), ["study_session_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_rectification_item_study_session_id_study_session"),
            "study_session",
            ["study_session_id"],
            ["id"],
        )
    op.execute(
        "UPDATE rectification_item SET study_session_id = "
        "(SELECT finding.study_session_id FROM finding WHERE finding.id = rectification_item.finding_id) "
        "WHERE finding_id IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("rectification_item") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_rectification_item_study_session_id_study_session"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_rectification_item_study_session_id"))
        batch_op.drop_column("study_session_id")
