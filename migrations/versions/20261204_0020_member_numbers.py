"""people carry an optional member number (党员编号): imports tell namesakes apart

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04 19:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("member_number", sa.String(length=40), nullable=False, server_default="")
        )
        batch_op.create_index("ix_person_member_number", ["member_number"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index("ix_person_member_number")
        batch_op.drop_column("member_number")
