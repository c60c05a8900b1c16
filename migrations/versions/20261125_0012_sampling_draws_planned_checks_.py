"""sampling draws, planned checks, admonitions, meeting frequencies

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-25 00:41:09.742262
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# How often meetings must be held (the branch work regulations, 2018; GLOSSARY.md): organization kind,
# meeting kind, period, times per period. Data: an administrator may change it.
DEFAULT_FREQUENCIES = (
    ("branch", "branch_committee_meeting", "month", 1),
    ("branch", "party_group_meeting", "month", 1),
    ("branch", "theme_party_day", "month", 1),
    ("branch", "branch_general_meeting", "quarter", 1),
    ("branch", "org_life_meeting", "year", 1),
    ("party_committee", "democratic_life_meeting", "year", 1),
    ("party_group", "democratic_life_meeting", "year", 1),
)


def upgrade() -> None:
    op.create_table(
        "meeting_frequency",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_kind", sa.String(length=40), nullable=False),
        sa.Column("session_kind", sa.String(length=40), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("times", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_frequency")),
        sa.UniqueConstraint(
            "organization_kind",
            "session_kind",
            name=op.f("uq_meeting_frequency_organization_kind_session_kind"),
        ),
    )
    op.create_table(
        "sampling_draw",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("drawn_by_id", sa.Integer(), nullable=True),
        sa.Column("drawn_at", sa.DateTime(), nullable=False),
        sa.Column("filter", sa.JSON(), nullable=False),
        sa.Column("weighting", sa.String(length=20), nullable=False),
        sa.Column("algorithm", sa.String(length=40), nullable=False),
        sa.Column("sample_size", sa.Integer(), nullable=False),
        sa.Column("seed", sa.String(length=64), nullable=False),
        sa.Column("population", sa.JSON(), nullable=False),
        sa.Column("selected_ids", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["drawn_by_id"], ["account.id"], name=op.f("fk_sampling_draw_drawn_by_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_sampling_draw_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sampling_draw")),
    )
    with op.batch_alter_table("sampling_draw", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sampling_draw_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "admonition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("spot_check_id", sa.Integer(), nullable=True),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("talked_on", sa.Date(), nullable=False),
        sa.Column("held_by", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_admonition_organization_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_admonition_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["account.id"], name=op.f("fk_admonition_recorded_by_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["spot_check_id"],
            ["spot_check.id"],
            name=op.f("fk_admonition_spot_check_id_spot_check"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admonition")),
    )
    with op.batch_alter_table("admonition", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_admonition_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_admonition_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_admonition_spot_check_id"), ["spot_check_id"], unique=False
        )

    with op.batch_alter_table("rectification_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("spot_check_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("ordered_by_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_rectification_item_spot_check_id"), ["spot_check_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_rectification_item_ordered_by_id_account"),
            "account",
            ["ordered_by_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_rectification_item_spot_check_id_spot_check"),
            "spot_check",
            ["spot_check_id"],
            ["id"],
        )

    with op.batch_alter_table("spot_check", schema=None) as batch_op:
        # Checks recorded before draws existed were carried out: they are 'recorded'.
        batch_op.add_column(
            sa.Column("status", sa.String(length=20), nullable=False, server_default="done")
        )
        batch_op.add_column(sa.Column("sampling_draw_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("suggested_scores", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
        batch_op.add_column(
            sa.Column("override_reasons", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
        batch_op.alter_column("checked_on", existing_type=sa.DATE(), nullable=True)
        batch_op.alter_column("verdict", existing_type=sa.VARCHAR(length=20), nullable=True)
        batch_op.create_index(
            batch_op.f("ix_spot_check_sampling_draw_id"), ["sampling_draw_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_spot_check_status"), ["status"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_spot_check_sampling_draw_id_sampling_draw"),
            "sampling_draw",
            ["sampling_draw_id"],
            ["id"],
        )

    frequencies = sa.table(
        "meeting_frequency",
        sa.column("organization_kind", sa.String),
        sa.column("session_kind", sa.String),
        sa.column("period", sa.String),
        sa.column("times", sa.Integer),
        sa.column("position", sa.Integer),
    )
    op.bulk_insert(
        frequencies,
        [
            {
                "organization_kind": organization_kind,
                "session_kind": session_kind,
                "period": period,
                "times": times,
                "position": position,
            }
            for position, (organization_kind, session_kind, period, times) in enumerate(
                DEFAULT_FREQUENCIES, start=1
            )
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("spot_check", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_spot_check_sampling_draw_id_sampling_draw"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_spot_check_status"))
        batch_op.drop_index(batch_op.f("ix_spot_check_sampling_draw_id"))
        batch_op.alter_column("verdict", existing_type=sa.VARCHAR(length=20), nullable=False)
        batch_op.alter_column("checked_on", existing_type=sa.DATE(), nullable=False)
        batch_op.drop_column("override_reasons")
        batch_op.drop_column("suggested_scores")
        batch_op.drop_column("sampling_draw_id")
        batch_op.drop_column("status")

    with op.batch_alter_table("rectification_item", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_rectification_item_spot_check_id_spot_check"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_rectification_item_ordered_by_id_account"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_rectification_item_spot_check_id"))
        batch_op.drop_column("ordered_by_id")
        batch_op.drop_column("spot_check_id")

    with op.batch_alter_table("admonition", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_admonition_spot_check_id"))
        batch_op.drop_index(batch_op.f("ix_admonition_person_id"))
        batch_op.drop_index(batch_op.f("ix_admonition_organization_id"))

    op.drop_table("admonition")
    with op.batch_alter_table("sampling_draw", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sampling_draw_organization_id"))

    op.drop_table("sampling_draw")
    op.drop_table("meeting_frequency")
