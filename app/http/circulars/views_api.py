"""Circulars (通报) through the API: drafts written from the month's figures, issuing, the documents."""

from typing import Annotated

from fastapi import Query, Request, Response, status

from app.access import CurrentScope
from app.auth.dependencies import CurrentAccount
from app.db import DbSession
from app.etag import IfMatch, set_etag
from app.flows import circulars as flows
from app.http.circulars import download
from app.pagination import Page, PageParams
from app.spot_checks import circulars
from app.spot_checks.models import Circular
from app.spot_checks.permissions import CircularInScope
from app.spot_checks.schemas import CircularCreate, CircularPublic, CircularUpdate
from app.web.routing import NamedRouter

router = NamedRouter("api.circulars", tags=["circulars"])


def _public(response: Response, circular: Circular) -> CircularPublic:
    set_etag(response, circular.version)
    return flows.public(circular)


@router.get("/circulars")
def list_circulars(
    db: DbSession, scope: CurrentScope, page: Annotated[PageParams, Query()]
) -> Page[CircularPublic]:
    """The circulars of the organizations in scope, newest first."""
    rows, next_cursor = circulars.list_circulars(db, scope, cursor=page.cursor, limit=page.limit)
    return Page(items=[flows.public(circular) for circular, _ in rows], next_cursor=next_cursor)


@router.post("/circulars", status_code=status.HTTP_201_CREATED)
def create_circular(
    request: Request,
    response: Response,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    data: CircularCreate,
) -> CircularPublic:
    """A draft on a month of the organization's jurisdiction, its text drafted from the figures."""
    settings = request.app.state.settings
    return _public(response, flows.create_draft(db, settings, scope, account, data))


@router.get("/circulars/{circular_id}")
def get_circular(response: Response, circular: CircularInScope) -> CircularPublic:
    """The circular; ``ETag`` is its version."""
    return _public(response, circular)


@router.get("/circulars/{circular_id}/data")
def circular_data(
    db: DbSession, scope: CurrentScope, circular: CircularInScope
) -> flows.CircularData:
    """The circular with the figures it reports — the table per party committee and the month's
    dashboard: for an issued circular the figures as issued (``as_issued``; the same JSON is
    attached to its PDF/A), for a draft as they stand now."""
    return flows.data(db, scope, circular)


@router.put("/circulars/{circular_id}")
def update_circular(
    response: Response,
    db: DbSession,
    circular: CircularInScope,
    expected_version: IfMatch,
    data: CircularUpdate,
) -> CircularPublic:
    """The draft's whole text (409 once issued)."""
    updated = circulars.update_draft(db, circular, data, expected_version=expected_version)
    return _public(response, updated)


@router.post("/circulars/{circular_id}/issue")
def issue_circular(
    request: Request,
    response: Response,
    db: DbSession,
    scope: CurrentScope,
    account: CurrentAccount,
    circular: CircularInScope,
    expected_version: IfMatch,
) -> CircularPublic:
    """Number (the next free 序号 unless one was set), date, store as printed (PDF/A-3b with the
    data attached, and Word) and lock; 422 naming every missing part."""
    settings = request.app.state.settings
    issued = flows.issue(db, settings, scope, account, circular, expected_version=expected_version)
    return _public(response, issued)


@router.get("/circulars/{circular_id}/circular.pdf", response_class=Response)
def circular_pdf(
    request: Request, db: DbSession, scope: CurrentScope, circular: CircularInScope
) -> Response:
    """Issued: the stored PDF/A with an ETag; a draft: printed now, marked 草稿."""
    return download.pdf_response(request, db, scope, circular)


@router.get("/circulars/{circular_id}/circular.docx", response_class=Response)
def circular_docx(
    request: Request, db: DbSession, scope: CurrentScope, circular: CircularInScope
) -> Response:
    """Issued: the stored Word document; a draft: printed now."""
    return download.docx_response(request, db, scope, circular)
