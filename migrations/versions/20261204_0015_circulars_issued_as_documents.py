"""circulars (通报) drafted by the inspector, then issued and stored as printed

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 01:50:49
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A 公文 per month and issuer: its 发文字号 never repeats for an issuer, 代字 and year.
    op.create_table(
        "circular",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("prefix", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("recipients", sa.String(length=500), nullable=False),
        sa.Column("situation", sa.Text(), nullable=False),
        sa.Column("problems", sa.Text(), nullable=False),
        sa.Column("requirements", sa.Text(), nullable=False),
        sa.Column("signed_by", sa.String(length=200), nullable=False),
        sa.Column("copy_to", sa.String(length=500), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("docx", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["account.id"], name=op.f("fk_circular_created_by_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["issued_by_id"], ["account.id"], name=op.f("fk_circular_issued_by_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_circular_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circular")),
        sa.UniqueConstraint(
            "organization_id",
            "prefix",
            "year",
            "number",
            name=op.f("uq_circular_organization_id_prefix_year_number"),
        ),
    )
    with op.batch_alter_table("circular", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_circular_organization_id"), ["organization_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("circular", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_circular_organization_id"))

    op.drop_table("circular")
