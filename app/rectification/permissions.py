"""Route dependencies for the ledger: an item, or a progress report with its item, in the caller's
scope (404 outside it)."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends

from app.access import CurrentScope
from app.db import DbSession
from app.ids import RecordId
from app.rectification import service
from app.rectification.models import ProgressEntry, RectificationItem


def item_in_scope(db: DbSession, scope: CurrentScope, item_id: RecordId) -> RectificationItem:
    return service.get_item(db, scope, item_id)


@dataclass(frozen=True)
class EntryOfItem:
    entry: ProgressEntry
    item: RectificationItem


def entry_in_scope(db: DbSession, scope: CurrentScope, entry_id: RecordId) -> EntryOfItem:
    entry, item = service.get_progress(db, scope, entry_id)
    return EntryOfItem(entry, item)


ItemInScope = Annotated[RectificationItem, Depends(item_in_scope)]
ProgressEntryInScope = Annotated[EntryOfItem, Depends(entry_in_scope)]
