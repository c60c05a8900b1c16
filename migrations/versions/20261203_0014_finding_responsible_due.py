"""problems found carry who is responsible for the measure and by when

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 11:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # 整改措施有责任人和时限: the ledger item opened from a problem takes both.
    with op.batch_alter_table("finding") as batch_op:
        batch_op.add_column(sa.Column("responsible_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("due_on", sa.Date(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_finding_responsible_id"), ["responsible_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_finding_responsible_id_person"), "person", ["responsible_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("finding") as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_finding_responsible_id_person"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_finding_responsible_id"))
        batch_op.drop_column("due_on")
        batch_op.drop_column("responsible_id")
