"""The rectification ledger through the API: items, monthly progress, 销号 and reopening, the
spreadsheet exports."""

from typing import Annotated

from fastapi import Query, Response, status

from app.access import CurrentScope
from app.auth.dependencies import CurrentAccount
from app.db import DbSession
from app.etag import IfMatch, set_etag
from app.ids import RecordId
from app.pagination import Page, PageParams
from app.rectification import exports, service
from app.rectification.models import ItemSource, ItemStatus, RectificationItem
from app.rectification.permissions import ItemInScope, ProgressEntryInScope
from app.rectification.schemas import (
    ItemClose,
    ItemCreate,
    ItemDetail,
    ItemPublic,
    ItemReopen,
    ItemUpdate,
    ProgressCreate,
    ProgressPublic,
    ProgressUpdate,
)
from app.spreadsheets import to_csv, to_xlsx
from app.text import InputModel
from app.web.downloads import disposition
from app.web.routing import NamedRouter

router = NamedRouter("api.rectification", tags=["rectification"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _detail(response: Response, db: DbSession, item: RectificationItem) -> ItemDetail:
    detail = service.item_detail(db, item, service.today())
    set_etag(response, detail.version)
    return detail


@router.get("/rectification-items")
def list_items(
    db: DbSession,
    scope: CurrentScope,
    page: Annotated[PageParams, Query()],
    ledger: service.LedgerList = service.LedgerList.problems,
    organization_id: RecordId | None = None,
    include_subtree: bool = True,
    status: ItemStatus | None = None,
    overdue: bool | None = None,
    campaign_id: RecordId | None = None,
    source: ItemSource | None = None,
    responsible_person_id: RecordId | None = None,
) -> Page[ItemPublic]:
    """The ledger in scope: ``problems`` (问题清单, all), ``rectification`` (整改清单, not closed) or ``results``
    (成果清单, awaiting closure or closed); filter by organization (with its subtree), status, overdue
    (past the due date and not closed, as of today), campaign, source and responsible person."""
    on = service.today()
    items, next_cursor = service.list_items(
        db,
        scope,
        on=on,
        ledger=ledger,
        organization_id=organization_id,
        include_subtree=include_subtree,
        status=status,
        overdue=overdue,
        campaign_id=campaign_id,
        source=source,
        responsible_person_id=responsible_person_id,
        cursor=page.cursor,
        limit=page.limit,
    )
    return Page(items=service.items_public(db, items, on), next_cursor=next_cursor)


class LedgerQuery(InputModel):
    """The filters of the ledger list, shared by its spreadsheet exports."""

    ledger: service.LedgerList = service.LedgerList.problems
    organization_id: RecordId | None = None
    include_subtree: bool = True
    status: ItemStatus | None = None
    overdue: bool | None = None
    campaign_id: RecordId | None = None
    source: ItemSource | None = None
    responsible_person_id: RecordId | None = None


def _spreadsheet(db: DbSession, scope: CurrentScope, query: LedgerQuery, suffix: str) -> Response:
    on = service.today()
    items = list(exports.all_items(db, scope, on, **query.model_dump()))
    table = exports.rows(db, items)
    title = {"problems": "问题清单", "rectification": "整改清单", "results": "成果清单"}[
        query.ledger
    ]
    headers = {"Content-Disposition": disposition(f"{title}-{on.isoformat()}", suffix)}
    if suffix == "csv":
        return Response(
            to_csv(exports.COLUMNS, table), media_type="text/csv; charset=utf-8", headers=headers
        )
    return Response(to_xlsx(title, exports.COLUMNS, table), media_type=XLSX, headers=headers)


@router.get("/rectification-items.xlsx", response_class=Response)
def export_items_xlsx(
    db: DbSession, scope: CurrentScope, query: Annotated[LedgerQuery, Query()]
) -> Response:
    """The ledger list as an Excel workbook: Chinese headers, dates as dates, frozen header row; text that
    looks like a formula stays text."""
    return _spreadsheet(db, scope, query, "xlsx")


@router.get("/rectification-items.csv", response_class=Response)
def export_items_csv(
    db: DbSession, scope: CurrentScope, query: Annotated[LedgerQuery, Query()]
) -> Response:
    """The ledger list as CSV (UTF-8 with BOM for Excel); formula-like text gets a leading apostrophe."""
    return _spreadsheet(db, scope, query, "csv")


@router.post("/rectification-items", status_code=status.HTTP_201_CREATED)
def create_item(
    response: Response, db: DbSession, scope: CurrentScope, data: ItemCreate
) -> ItemDetail:
    """Open an item by hand (spot check, solicited opinion, ordered); findings open theirs on finalizing."""
    return _detail(response, db, service.create_item(db, scope, data))


@router.get("/rectification-items/{item_id}")
def read_item(response: Response, db: DbSession, item: ItemInScope) -> ItemDetail:
    """The item with its monthly progress reports; ``ETag`` is its version."""
    return _detail(response, db, item)


@router.patch("/rectification-items/{item_id}")
def update_item(
    response: Response,
    db: DbSession,
    scope: CurrentScope,
    item: ItemInScope,
    expected_version: IfMatch,
    data: ItemUpdate,
) -> ItemDetail:
    """Change an open item (412 with ``If-Match`` of an older version; 409 when closed)."""
    return _detail(
        response,
        db,
        service.update_item(db, scope, item, data, expected_version=expected_version),
    )


@router.post("/rectification-items/{item_id}/close")
def close_item(
    response: Response,
    db: DbSession,
    account: CurrentAccount,
    item: ItemInScope,
    expected_version: IfMatch,
    data: ItemClose,
) -> ItemDetail:
    """销号: record the result; the responsible person may not close their own item (403)."""
    closed = service.close_item(db, item, data, account, expected_version=expected_version)
    return _detail(response, db, closed)


@router.post("/rectification-items/{item_id}/reopen")
def reopen_item(
    response: Response,
    db: DbSession,
    account: CurrentAccount,
    item: ItemInScope,
    expected_version: IfMatch,
    data: ItemReopen,
) -> ItemDetail:
    """Reopen a closed item, with a reason kept in the audit log."""
    reopened = service.reopen_item(db, item, data, account, expected_version=expected_version)
    return _detail(response, db, reopened)


@router.get("/rectification-items/{item_id}/progress")
def list_progress(db: DbSession, item: ItemInScope) -> list[ProgressPublic]:
    return service.item_detail(db, item, service.today()).progress


@router.post("/rectification-items/{item_id}/progress", status_code=status.HTTP_201_CREATED)
def add_progress(
    db: DbSession,
    account: CurrentAccount,
    item: ItemInScope,
    data: ProgressCreate,
) -> ProgressPublic:
    """The month's progress report (one per month; 409 when that month is already reported)."""
    entry = service.add_progress(db, item, data, account)
    return service.progress_public(db, [entry])[0]


@router.patch("/progress-entries/{entry_id}")
def update_progress(
    response: Response,
    db: DbSession,
    progress: ProgressEntryInScope,
    expected_version: IfMatch,
    data: ProgressUpdate,
) -> ProgressPublic:
    updated = service.update_progress(
        db, progress.entry, progress.item, data, expected_version=expected_version
    )
    set_etag(response, updated.version)
    return service.progress_public(db, [updated])[0]
