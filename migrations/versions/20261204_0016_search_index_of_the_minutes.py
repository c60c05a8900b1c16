"""the search index of the minutes: one entry per title, topic, outline, speech and problem, its words
indexed by the database (SQLite FTS5, PostgreSQL GIN on a tsvector)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 02:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.text import search_terms

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The FTS5 table over search_entry.terms (SQLite), kept by triggers; its shadow tables share the
# prefix, which migrations/env.py leaves out of the comparison with the models.
FTS = "search_entry_fts"
SQLITE = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(terms, content='search_entry', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN"
    f" INSERT INTO {FTS}(rowid, terms) VALUES (new.id, new.terms); END",
    f"CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN"
    f" INSERT INTO {FTS}({FTS}, rowid, terms) VALUES ('delete', old.id, old.terms); END",
    f"CREATE TRIGGER search_entry_au AFTER UPDATE ON search_entry BEGIN"
    f" INSERT INTO {FTS}({FTS}, rowid, terms) VALUES ('delete', old.id, old.terms);"
    f" INSERT INTO {FTS}(rowid, terms) VALUES (new.id, new.terms); END",
]
POSTGRESQL = [
    "CREATE INDEX ix_search_entry_terms ON search_entry USING gin (to_tsvector('simple', terms))",
]
# What each part's entry holds (as app.study_sessions.search_index writes it): its texts, joined by
# line breaks.
PARTS = {
    "study_session": "SELECT s.id, s.id, s.organization_id, NULL, NULL, NULL, s.title"
    " FROM study_session s",
    "topic": "SELECT t.id, t.study_session_id, s.organization_id, NULL, NULL, NULL, t.title,"
    " t.conclusion FROM topic t JOIN study_session s ON s.id = t.study_session_id",
    "outline": "SELECT o.id, o.study_session_id, s.organization_id, o.author_id, NULL, NULL, o.body"
    " FROM speech_outline o JOIN study_session s ON s.id = o.study_session_id",
    "contribution": "SELECT c.id, c.study_session_id, s.organization_id, c.speaker_id, c.target_id,"
    " c.kind, c.content FROM contribution c JOIN study_session s ON s.id = c.study_session_id",
    "finding": "SELECT f.id, f.study_session_id, s.organization_id, f.person_id, NULL, NULL,"
    " f.description, f.cause, f.measure"
    " FROM finding f JOIN study_session s ON s.id = f.study_session_id",
}


def upgrade() -> None:
    entries = op.create_table(
        "search_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_session_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=20), nullable=False),
        sa.Column("part_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("contribution_kind", sa.String(length=30), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_entry")),
        sa.UniqueConstraint("part", "part_id", name=op.f("uq_search_entry_part_part_id")),
    )
    with op.batch_alter_table("search_entry", schema=None) as batch_op:
        for column in ("organization_id", "person_id", "study_session_id", "target_id"):
            batch_op.create_index(batch_op.f(f"ix_search_entry_{column}"), [column], unique=False)
    bind = op.get_bind()
    for statement in SQLITE if bind.dialect.name == "sqlite" else POSTGRESQL:
        op.execute(statement)
    # The minutes already written enter the index (the triggers fill FTS5 on SQLite).
    part_names = {"outline": "speech_outline"}
    for part, query in PARTS.items():
        rows = []
        for row in bind.execute(sa.text(query)):
            part_id, meeting_id, organization_id, person_id, target_id, kind, *texts = row
            text = "\n".join(t for t in texts if t)
            terms = search_terms(text)
            if terms:
                rows.append(
                    {
                        "study_session_id": meeting_id,
                        "organization_id": organization_id,
                        "part": part_names.get(part, part),
                        "part_id": part_id,
                        "person_id": person_id,
                        "target_id": target_id,
                        "contribution_kind": kind,
                        "text": text,
                        "terms": " ".join(terms),
                    }
                )
        if rows:
            op.bulk_insert(entries, rows)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("search_entry_ai", "search_entry_ad", "search_entry_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    else:
        op.execute("DROP INDEX IF EXISTS ix_search_entry_terms")
    with op.batch_alter_table("search_entry", schema=None) as batch_op:
        for column in ("target_id", "study_session_id", "person_id", "organization_id"):
            batch_op.drop_index(batch_op.f(f"ix_search_entry_{column}"))
    op.drop_table("search_entry")
