"""销号 before 已整改待销号 needs a reason, kept on the item

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04 03:33:47
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("rectification_item", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("closed_early_reason", sa.Text(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("rectification_item", schema=None) as batch_op:
        batch_op.drop_column("closed_early_reason")
