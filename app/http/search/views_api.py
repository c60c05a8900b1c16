"""Searching the minutes through the API."""

from typing import Annotated

from fastapi import Query

from app.access import CurrentScope
from app.db import DbSession
from app.pagination import Page
from app.reports import search
from app.web.routing import NamedRouter

router = NamedRouter("api.search", tags=["search"])


@router.get("/search")
def search_minutes(
    db: DbSession,
    scope: CurrentScope,
    query: Annotated[search.SearchQuery, Query()],
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Page[search.SearchHit]:
    """Titles, topics, outlines, speeches and problems of the caller's scope (finalized minutes only
    for viewers) that hold ``q`` — one character, a name, a phrase; Chinese needs no spaces — newest
    first, with the passage around the match; filters by organization (with its subtree), meeting
    date, kind of meeting, speaker, target of a criticism and kind of speech."""
    hits, next_cursor = search.search(db, scope, query, cursor=cursor, limit=limit)
    return Page(items=hits, next_cursor=next_cursor)
