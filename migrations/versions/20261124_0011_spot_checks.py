"""spot checks

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-24 23:39:35.017033
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
DEFAULT_CRITERIA = (
    ("preparation", "会前准备：发言提纲会前提交", 10),
    ("secretary_led", "书记带头：先写提纲、先发言", 15),
    ("everyone_spoke", "人人发言：每名党员都作了发言", 15),
    ("specific_problems", "问题具体：查摆问题具体实在", 15),
    ("causes_deep", "原因深刻：剖析原因触及思想根源", 10),
    ("criticism_names", "批评见人见事", 15),
    ("measures_owned", "整改措施有责任人和时限", 10),
    ("attendance", "出席人数符合要求", 10),
)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "spot_check_criterion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spot_check_criterion")),
        sa.UniqueConstraint("code", name=op.f("uq_spot_check_criterion_code")),
    )
    op.create_table(
        "spot_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("study_session_id", sa.Integer(), nullable=True),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("inspector_id", sa.Integer(), nullable=True),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=30), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["inspector_id"], ["account.id"], name=op.f("fk_spot_check_inspector_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_spot_check_organization_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["study_session_id"],
            ["study_session.id"],
            name=op.f("fk_spot_check_study_session_id_study_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spot_check")),
    )
    with op.batch_alter_table("spot_check", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_spot_check_inspector_id"), ["inspector_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_spot_check_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_spot_check_study_session_id"), ["study_session_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_spot_check_verdict"), ["verdict"], unique=False)

    # The default criteria (DESIGN.md §2); an administrator may change titles and weights later.
    criteria = sa.table(
        "spot_check_criterion",
        sa.column("code", sa.String),
        sa.column("title", sa.String),
        sa.column("weight", sa.Integer),
        sa.column("position", sa.Integer),
        sa.column("active", sa.Boolean),
    )
    op.bulk_insert(
        criteria,
        [
            {"code": code, "title": title, "weight": weight, "position": position, "active": True}
            for position, (code, title, weight) in enumerate(DEFAULT_CRITERIA, start=1)
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("spot_check", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_spot_check_verdict"))
        batch_op.drop_index(batch_op.f("ix_spot_check_study_session_id"))
        batch_op.drop_index(batch_op.f("ix_spot_check_organization_id"))
        batch_op.drop_index(batch_op.f("ix_spot_check_inspector_id"))

    op.drop_table("spot_check")
    op.drop_table("spot_check_criterion")
