"""The ledger as a spreadsheet (XLSX and CSV) with Chinese column headers, for the office's files."""

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from app.rectification import service
from app.rectification.models import ProgressEntry
from app.rectification.schemas import ItemPublic
from app.scope import Scope
from app.spreadsheets import Cell, Column
from app.web.labels import label

COLUMNS = (
    Column("序号", 6),
    Column("党组织", 22),
    Column("来源", 12),
    Column("问题", 40),
    Column("整改措施", 40),
    Column("整改标准", 24),
    Column("责任领导", 10),
    Column("责任人", 10),
    Column("完成时限", 12),
    Column("状态", 12),
    Column("是否逾期", 8),
    Column("最新进展月份", 12),
    Column("完成进度（%）", 12),
    Column("最新进展", 36),
    Column("整改成果", 36),
    Column("佐证材料", 24),
    Column("销号人", 10),
    Column("销号时间", 16),
)


def all_items(db: Session, scope: Scope, on: date, **filters: Any) -> Iterator[ItemPublic]:
    """Every item the filters select, page by page (keyset), so a large ledger streams in chunks."""
    cursor = None
    while True:
        items, cursor = service.list_items(db, scope, on=on, cursor=cursor, limit=200, **filters)
        yield from service.items_public(db, items, on)
        if cursor is None:
            return


def rows(db: Session, items: list[ItemPublic]) -> list[list[Cell]]:
    latest = _latest_progress(db, [item.id for item in items])
    table: list[list[Cell]] = []
    for item in items:
        progress = latest.get(item.id)
        table.append(
            [
                item.number,
                item.organization_name,
                label(item.source),
                item.problem,
                item.measure,
                item.standard,
                item.responsible_leader_name,
                item.responsible_person_name,
                item.due_on,
                label(item.status),
                "是" if item.overdue else "否",
                progress.month if progress else None,
                progress.percent if progress else None,
                progress.text if progress else None,
                item.result,
                item.evidence,
                item.closed_by_name,
                item.closed_at,
            ]
        )
    return table


def _latest_progress(db: Session, item_ids: list[int]) -> dict[int, ProgressEntry]:
    latest: dict[int, ProgressEntry] = {}
    for start in range(0, len(item_ids), 500):
        entries = db.exec(
            select(ProgressEntry)
            .where(col(ProgressEntry.item_id).in_(item_ids[start : start + 500]))
            .order_by(col(ProgressEntry.month))
        ).all()
        latest.update({entry.item_id: entry for entry in entries})  # the last month wins
    return latest
