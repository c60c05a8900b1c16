"""required action links

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24 23:03:12.520936
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("rectification_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("required_action_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_rectification_item_required_action_id"),
            ["required_action_id"],
            unique=False,
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_rectification_item_required_action_id_required_action"),
            "required_action",
            ["required_action_id"],
            ["id"],
        )

    with op.batch_alter_table("study_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("required_action_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_study_session_required_action_id"), ["required_action_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_study_session_required_action_id_required_action"),
            "required_action",
            ["required_action_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("study_session", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_study_session_required_action_id_required_action"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_study_session_required_action_id"))
        batch_op.drop_column("required_action_id")

    with op.batch_alter_table("rectification_item", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_rectification_item_required_action_id_required_action"),
            type_="foreignkey",
        )
        batch_op.drop_index(batch_op.f("ix_rectification_item_required_action_id"))
        batch_op.drop_column("required_action_id")
