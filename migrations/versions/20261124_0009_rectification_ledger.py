"""rectification ledger

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24 22:30:07.058521
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rectification_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=True),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("standard", sa.Text(), nullable=False),
        sa.Column("responsible_leader_id", sa.Integer(), nullable=True),
        sa.Column("responsible_person_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_rectification_item_campaign_id_campaign"),
        ),
        sa.ForeignKeyConstraint(
            ["closed_by_id"],
            ["account.id"],
            name=op.f("fk_rectification_item_closed_by_id_account"),
        ),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["finding.id"], name=op.f("fk_rectification_item_finding_id_finding")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_rectification_item_organization_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["responsible_leader_id"],
            ["person.id"],
            name=op.f("fk_rectification_item_responsible_leader_id_person"),
        ),
        sa.ForeignKeyConstraint(
            ["responsible_person_id"],
            ["person.id"],
            name=op.f("fk_rectification_item_responsible_person_id_person"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rectification_item")),
        sa.UniqueConstraint("finding_id", name=op.f("uq_rectification_item_finding_id")),
        sa.UniqueConstraint(
            "organization_id", "number", name=op.f("uq_rectification_item_organization_id_number")
        ),
    )
    with op.batch_alter_table("rectification_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rectification_item_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_rectification_item_due_on"), ["due_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_rectification_item_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_rectification_item_responsible_leader_id"),
            ["responsible_leader_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_rectification_item_responsible_person_id"),
            ["responsible_person_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_rectification_item_status"), ["status"], unique=False)

    op.create_table(
        "progress_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["rectification_item.id"],
            name=op.f("fk_progress_entry_item_id_rectification_item"),
        ),
        sa.ForeignKeyConstraint(
            ["reporter_id"], ["account.id"], name=op.f("fk_progress_entry_reporter_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_entry")),
        sa.UniqueConstraint("item_id", "month", name=op.f("uq_progress_entry_item_id_month")),
    )
    with op.batch_alter_table("progress_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_progress_entry_item_id"), ["item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_progress_entry_month"), ["month"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("progress_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progress_entry_month"))
        batch_op.drop_index(batch_op.f("ix_progress_entry_item_id"))

    op.drop_table("progress_entry")
    with op.batch_alter_table("rectification_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rectification_item_status"))
        batch_op.drop_index(batch_op.f("ix_rectification_item_responsible_person_id"))
        batch_op.drop_index(batch_op.f("ix_rectification_item_responsible_leader_id"))
        batch_op.drop_index(batch_op.f("ix_rectification_item_organization_id"))
        batch_op.drop_index(batch_op.f("ix_rectification_item_due_on"))
        batch_op.drop_index(batch_op.f("ix_rectification_item_campaign_id"))

    op.drop_table("rectification_item")
