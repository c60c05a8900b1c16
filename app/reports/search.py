"""Search the minutes (检索): titles, topics, outlines, speeches and problems of the caller's scope.

A query is cut into words as the index is (``app.text.search_terms``: each Chinese character a word)
and matches an entry where its words stand side by side, so 「低保」, 「韩明华」 or a single 「廉」 are found
without word segmentation. SQLite asks its FTS5 table for the phrase, PostgreSQL its GIN index for
``w1 <-> w2 …``; both then keep what the caller may read (the scope's organizations; finalized minutes
only for viewers) and the filters, newest entry first, a page at a time (keyset on the entry id).
"""

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from app.clock import LocalTimestamp
from app.errors import InvalidInput
from app.i18n import mark
from app.ids import RecordId
from app.organizations import service as organization_service
from app.organizations.models import Organization
from app.pagination import keyset_page
from app.people.models import Person
from app.scope import Scope, in_scope
from app.study_sessions.models import (
    ContributionKind,
    SearchEntry,
    StudySession,
    StudySessionKind,
    StudySessionStatus,
)
from app.text import InputModel, search_terms

FTS = sa.table("search_entry_fts", sa.column("rowid"), sa.column("search_entry_fts"))
CONTEXT = 40  # characters shown before and after the match
# The anchor of each part on the meeting's page (templates/study_sessions/detail.html).
ANCHORS = {
    "topic": "topics",
    "speech_outline": "outlines",
    "contribution": "contributions",
    "finding": "findings",
}


class SearchQuery(InputModel):
    """``q`` and the filters of ``GET /api/v1/search`` and the search page."""

    q: str = Field(max_length=200, description="one or more characters or words, e.g. 低保")
    organization_id: RecordId | None = Field(default=None, description="with its subtree")
    include_subtree: bool = True
    starts_from: date | None = None
    starts_until: date | None = None
    kind: StudySessionKind | None = Field(default=None, description="kind of meeting")
    speaker_id: RecordId | None = Field(default=None, description="who spoke or wrote it")
    target_id: RecordId | None = Field(default=None, description="whom a criticism is of")
    contribution_kind: ContributionKind | None = Field(default=None, description="kind of speech")


class SearchHit(BaseModel):
    part: str  # study_session, topic, speech_outline, contribution, finding
    part_id: int
    study_session_id: int
    anchor: str  # the part's element on the meeting's page ("" for the title)
    title: str
    organization_name: str
    starts_at: LocalTimestamp
    person_name: str | None
    target_name: str | None
    contribution_kind: ContributionKind | None
    before: str  # the passage: text before the match, the match, text after it
    match: str
    after: str


def _match(statement: Any, dialect: str, words: list[str]) -> Any:
    if dialect == "sqlite":
        # The FTS table drives the query: it yields its matches in rowid order (the page's order,
        # newest entry first) and the page stops after ``limit`` rows — an IN over every match of a
        # common word (群众: nearly every speech) would gather them all first.
        phrase = '"' + " ".join(words) + '"'  # the words are [0-9a-z]+: nothing to escape
        return statement.join(FTS, FTS.c.rowid == SearchEntry.id).where(
            sa.literal_column("search_entry_fts").op("MATCH")(phrase)
        )
    # The stored tsvector (migration 0022): a phrase's recheck reads it instead of parsing again.
    vector: Any = sa.literal_column("search_entry.terms_vector")
    query = sa.func.to_tsquery(sa.literal_column("'simple'"), " <-> ".join(words))
    return statement.where(vector.op("@@")(query))


def passage(text: str, query: str) -> tuple[str, str, str]:
    """The text around the first place the query's characters stand in order (punctuation and spaces
    between them allowed, as the index ignores them): before, match, after."""
    characters = [c for c in unicodedata.normalize("NFKC", query) if c.isalnum()]
    pattern = r"[\W_]*".join(re.escape(c) for c in characters)
    found = re.search(pattern, text, re.IGNORECASE) if characters else None
    if found is None:
        return "", "", text[: CONTEXT * 2] + ("…" if len(text) > CONTEXT * 2 else "")
    start, end = found.span()
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT * 2]
    return (
        ("…" if start > CONTEXT else "") + before,
        found.group(0),
        after + ("…" if end + CONTEXT * 2 < len(text) else ""),
    )


def search(
    db: Session, scope: Scope, query: SearchQuery, *, cursor: str | None, limit: int
) -> tuple[list[SearchHit], str | None]:
    """One page of the entries of the caller's scope that hold the query, newest first."""
    words = search_terms(query.q)
    if not words:
        raise InvalidInput(
            mark("Type a word or a character to search for."), code="empty_query", field="q"
        )
    speaker, target = sa.orm.aliased(Person), sa.orm.aliased(Person)
    statement = (
        select(SearchEntry, StudySession, Organization.name, speaker.name, target.name)  # type: ignore[call-overload]
        .join(StudySession, col(StudySession.id) == SearchEntry.study_session_id)
        .join(Organization, col(Organization.id) == SearchEntry.organization_id)
        .outerjoin(speaker, speaker.id == SearchEntry.person_id)
        .outerjoin(target, target.id == SearchEntry.target_id)
        .where(in_scope(col(Organization.path), scope))
    )
    statement = _match(statement, db.get_bind().dialect.name, words)
    if scope.finalized_only:
        statement = statement.where(StudySession.status == StudySessionStatus.finalized)
    if query.organization_id is not None:
        organization = organization_service.get_organization(
            db, scope, query.organization_id, field="organization_id"
        )
        statement = statement.where(
            in_scope(
                col(Organization.path),
                Scope(organization.path, include_subtree=query.include_subtree),
            )
        )
    if query.starts_from is not None:
        statement = statement.where(
            col(StudySession.starts_at) >= datetime.combine(query.starts_from, time.min)
        )
    if query.starts_until is not None:
        statement = statement.where(
            col(StudySession.starts_at)
            < datetime.combine(query.starts_until + timedelta(days=1), time.min)
        )
    if query.kind is not None:
        statement = statement.where(StudySession.kind == query.kind)
    if query.speaker_id is not None:
        statement = statement.where(SearchEntry.person_id == query.speaker_id)
    if query.target_id is not None:
        statement = statement.where(SearchEntry.target_id == query.target_id)
    if query.contribution_kind is not None:
        statement = statement.where(SearchEntry.contribution_kind == query.contribution_kind)
    dialect = db.get_bind().dialect.name
    rows, next_cursor = keyset_page(
        db,
        statement,
        # SQLite: the FTS table's rowid (the same number) so that its order serves the page's.
        keys=[FTS.c.rowid if dialect == "sqlite" else col(SearchEntry.id)],
        key_of=lambda row: [row[0].id],
        cursor=cursor,
        limit=limit,
        descending=True,
    )
    hits = []
    for entry, meeting, organization_name, person_name, target_name in rows:
        before, match, after = passage(entry.text, query.q)
        hits.append(
            SearchHit(
                part=entry.part,
                part_id=entry.part_id,
                study_session_id=entry.study_session_id,
                anchor=f"{ANCHORS[entry.part]}-{entry.part_id}" if entry.part in ANCHORS else "",
                title=meeting.title,
                organization_name=organization_name,
                starts_at=meeting.starts_at,
                person_name=person_name,
                target_name=target_name,
                contribution_kind=entry.contribution_kind,
                before=before,
                match=match,
                after=after,
            )
        )
    return hits, next_cursor
