"""versions of minutes parts

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 21:09:25.972876
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing rows start at version 1 (server default); new rows get it from the model.
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )

    with op.batch_alter_table("contribution", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )

    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )

    with op.batch_alter_table("speech_outline", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )

    with op.batch_alter_table("topic", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )


def downgrade() -> None:
    with op.batch_alter_table("topic", schema=None) as batch_op:
        batch_op.drop_column("version")

    with op.batch_alter_table("speech_outline", schema=None) as batch_op:
        batch_op.drop_column("version")

    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.drop_column("version")

    with op.batch_alter_table("contribution", schema=None) as batch_op:
        batch_op.drop_column("version")

    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_column("version")
