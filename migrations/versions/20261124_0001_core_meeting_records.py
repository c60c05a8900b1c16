"""core meeting records

Revision ID: 0001
Revises:
Create Date: 2026-11-24 19:23:42.155219
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organization",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("path", sa.String(length=400), nullable=False),
        sa.Column("is_key_unit", sa.Boolean(), nullable=False),
        sa.Column("is_power_department", sa.Boolean(), nullable=False),
        sa.Column("is_weak_unit", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["organization.id"], name=op.f("fk_organization_parent_id_organization")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization")),
        sa.UniqueConstraint("code", name=op.f("uq_organization_code")),
    )
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organization_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_organization_path"), ["path"], unique=False)

    op.create_table(
        "campaign",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("launched_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["launched_by_id"],
            ["organization.id"],
            name=op.f("fk_campaign_launched_by_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign")),
    )
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_campaign_launched_by_id"), ["launched_by_id"], unique=False
        )

    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("post", sa.String(length=200), nullable=False),
        sa.Column("committee_role", sa.String(length=40), nullable=False),
        sa.Column("is_party_member", sa.Boolean(), nullable=False),
        sa.Column("is_top_leader", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_person_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "campaign_theme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_campaign_theme_campaign_id_campaign")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_theme")),
    )
    with op.batch_alter_table("campaign_theme", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_campaign_theme_campaign_id"), ["campaign_id"], unique=False
        )

    op.create_table(
        "required_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("organization_kinds", sa.String(length=300), nullable=False),
        sa.Column("is_optional", sa.Boolean(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_required_action_campaign_id_campaign")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_required_action_organization_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["campaign_theme.id"],
            name=op.f("fk_required_action_theme_id_campaign_theme"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_required_action")),
    )
    with op.batch_alter_table("required_action", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_required_action_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_required_action_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_required_action_theme_id"), ["theme_id"], unique=False)

    op.create_table(
        "study_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("chair_id", sa.Integer(), nullable=True),
        sa.Column("recorder_id", sa.Integer(), nullable=True),
        sa.Column("expected_count", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("make_up_of_id", sa.Integer(), nullable=True),
        sa.Column("rework_flag", sa.String(length=30), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_study_session_campaign_id_campaign")
        ),
        sa.ForeignKeyConstraint(
            ["chair_id"], ["person.id"], name=op.f("fk_study_session_chair_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["make_up_of_id"],
            ["study_session.id"],
            name=op.f("fk_study_session_make_up_of_id_study_session"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_study_session_organization_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["recorder_id"], ["person.id"], name=op.f("fk_study_session_recorder_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["campaign_theme.id"],
            name=op.f("fk_study_session_theme_id_campaign_theme"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_study_session")),
    )
    with op.batch_alter_table("study_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_study_session_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_study_session_chair_id"), ["chair_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_study_session_kind"), ["kind"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_study_session_make_up_of_id"), ["make_up_of_id"], unique=False
        )
        batch_op.create_index(
            "ix_study_session_organization_starts",
            ["organization_id", "starts_at", "id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_study_session_recorder_id"), ["recorder_id"], unique=False
        )
        batch_op.create_index("ix_study_session_starts", ["starts_at", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_study_session_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_study_session_theme_id"), ["theme_id"], unique=False)

    op.create_table(
        "theme_aspect",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["campaign_theme.id"],
            name=op.f("fk_theme_aspect_theme_id_campaign_theme"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_aspect")),
    )
    with op.batch_alter_table("theme_aspect", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_theme_aspect_theme_id"), ["theme_id"], unique=False)

    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_session_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("is_non_voting", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_attendance_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["study_session_id"],
            ["study_session.id"],
            name=op.f("fk_attendance_study_session_id_study_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint(
            "study_session_id", "person_id", name=op.f("uq_attendance_study_session_id_person_id")
        ),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_attendance_study_session_id"), ["study_session_id"], unique=False
        )

    op.create_table(
        "finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_session_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("aspect_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("cause", sa.Text(), nullable=False),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["aspect_id"], ["theme_aspect.id"], name=op.f("fk_finding_aspect_id_theme_aspect")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_finding_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["study_session_id"],
            ["study_session.id"],
            name=op.f("fk_finding_study_session_id_study_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding")),
    )
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_finding_aspect_id"), ["aspect_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_finding_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_finding_study_session_id"), ["study_session_id"], unique=False
        )

    op.create_table(
        "speech_outline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_session_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["person.id"], name=op.f("fk_speech_outline_author_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["study_session_id"],
            ["study_session.id"],
            name=op.f("fk_speech_outline_study_session_id_study_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speech_outline")),
        sa.UniqueConstraint(
            "study_session_id",
            "author_id",
            name=op.f("uq_speech_outline_study_session_id_author_id"),
        ),
    )
    with op.batch_alter_table("speech_outline", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_speech_outline_author_id"), ["author_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_speech_outline_study_session_id"), ["study_session_id"], unique=False
        )

    op.create_table(
        "topic",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("aspect_id", sa.Integer(), nullable=True),
        sa.Column("conclusion", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["aspect_id"], ["theme_aspect.id"], name=op.f("fk_topic_aspect_id_theme_aspect")
        ),
        sa.ForeignKeyConstraint(
            ["study_session_id"],
            ["study_session.id"],
            name=op.f("fk_topic_study_session_id_study_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topic")),
    )
    with op.batch_alter_table("topic", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_topic_aspect_id"), ["aspect_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_topic_study_session_id"), ["study_session_id"], unique=False
        )

    op.create_table(
        "contribution",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_session_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=True),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["person.id"], name=op.f("fk_contribution_speaker_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["study_session_id"],
            ["study_session.id"],
            name=op.f("fk_contribution_study_session_id_study_session"),
        ),
        sa.ForeignKeyConstraint(
            ["target_id"], ["person.id"], name=op.f("fk_contribution_target_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"], ["topic.id"], name=op.f("fk_contribution_topic_id_topic")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contribution")),
    )
    with op.batch_alter_table("contribution", schema=None) as batch_op:
        batch_op.create_index(
            "ix_contribution_session_order",
            ["study_session_id", "round", "position", "id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_contribution_speaker_id"), ["speaker_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contribution_target_id"), ["target_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contribution_topic_id"), ["topic_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("contribution", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contribution_topic_id"))
        batch_op.drop_index(batch_op.f("ix_contribution_target_id"))
        batch_op.drop_index(batch_op.f("ix_contribution_speaker_id"))
        batch_op.drop_index("ix_contribution_session_order")

    op.drop_table("contribution")
    with op.batch_alter_table("topic", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_topic_study_session_id"))
        batch_op.drop_index(batch_op.f("ix_topic_aspect_id"))

    op.drop_table("topic")
    with op.batch_alter_table("speech_outline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_speech_outline_study_session_id"))
        batch_op.drop_index(batch_op.f("ix_speech_outline_author_id"))

    op.drop_table("speech_outline")
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_study_session_id"))
        batch_op.drop_index(batch_op.f("ix_finding_person_id"))
        batch_op.drop_index(batch_op.f("ix_finding_aspect_id"))

    op.drop_table("finding")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_study_session_id"))
        batch_op.drop_index(batch_op.f("ix_attendance_person_id"))

    op.drop_table("attendance")
    with op.batch_alter_table("theme_aspect", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_theme_aspect_theme_id"))

    op.drop_table("theme_aspect")
    with op.batch_alter_table("study_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_study_session_theme_id"))
        batch_op.drop_index(batch_op.f("ix_study_session_status"))
        batch_op.drop_index("ix_study_session_starts")
        batch_op.drop_index(batch_op.f("ix_study_session_recorder_id"))
        batch_op.drop_index("ix_study_session_organization_starts")
        batch_op.drop_index(batch_op.f("ix_study_session_make_up_of_id"))
        batch_op.drop_index(batch_op.f("ix_study_session_kind"))
        batch_op.drop_index(batch_op.f("ix_study_session_chair_id"))
        batch_op.drop_index(batch_op.f("ix_study_session_campaign_id"))

    op.drop_table("study_session")
    with op.batch_alter_table("required_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_required_action_theme_id"))
        batch_op.drop_index(batch_op.f("ix_required_action_organization_id"))
        batch_op.drop_index(batch_op.f("ix_required_action_campaign_id"))

    op.drop_table("required_action")
    with op.batch_alter_table("campaign_theme", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaign_theme_campaign_id"))

    op.drop_table("campaign_theme")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_organization_id"))

    op.drop_table("person")
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaign_launched_by_id"))

    op.drop_table("campaign")
    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organization_path"))
        batch_op.drop_index(batch_op.f("ix_organization_parent_id"))

    op.drop_table("organization")
