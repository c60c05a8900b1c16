"""minutes document fingerprint

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Documents stored before this revision have none; exports then name them by the PDF's own SHA-256.
    with op.batch_alter_table("minutes_document") as batch_op:
        batch_op.add_column(sa.Column("fingerprint", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("minutes_document") as batch_op:
        batch_op.drop_column("fingerprint")
