"""The rectification ledger: items, monthly progress, closure (销号) by a reviewer, explicit reopening.

Overdue is computed from the due date and the status whenever it is read ("today" is a parameter, so a
report can ask as of any day), never stored, so it can never be stale.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from app.audit import service as audit
from app.auth.models import Account
from app.campaigns import service as campaign_service
from app.campaigns.models import Campaign
from app.clock import local_now, utcnow
from app.crud import apply_changes, changes_of, refuse_nulls
from app.errors import Conflict, Forbidden, InvalidInput, NotFound, StaleVersion
from app.i18n import mark
from app.organizations import service as organization_service
from app.organizations.models import Organization
from app.pagination import keyset_page
from app.people import service as people_service
from app.people.models import Person
from app.rectification.models import ItemSource, ItemStatus, ProgressEntry, RectificationItem
from app.rectification.schemas import (
    MANUAL_SOURCES,
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
from app.scope import Scope, in_scope


class LedgerList(StrEnum):
    """The three lists of the ledger (问题清单 / 整改清单 / 成果清单)."""

    problems = "problems"  # every problem, whatever its state
    rectification = "rectification"  # what is still being put right
    results = "results"  # what was put right: awaiting closure or closed


def today() -> date:
    return local_now().date()


def is_overdue(item: RectificationItem, on: date) -> bool:
    """Past its due date (the due day itself is not overdue) and not closed."""
    return item.due_on is not None and item.due_on < on and item.status != ItemStatus.closed


def overdue_condition(on: date) -> ColumnElement[bool]:
    return sa.and_(
        col(RectificationItem.due_on).is_not(None),
        col(RectificationItem.due_on) < on,
        col(RectificationItem.status) != ItemStatus.closed,
    )


def get_item(
    db: Session, scope: Scope, item_id: int, *, field: str | None = None
) -> RectificationItem:
    """The item if its organization is in ``scope``; 404 otherwise (absent and foreign look the same)."""
    row = db.exec(
        select(RectificationItem, Organization.path)
        .join(Organization, col(Organization.id) == RectificationItem.organization_id)
        .where(RectificationItem.id == item_id)
    ).first()
    if row is None or not scope.covers(row[1]):
        raise NotFound(
            mark("Rectification item not found."), code="rectification_item_not_found", field=field
        )
    return row[0]


def list_items(
    db: Session,
    scope: Scope,
    *,
    on: date,
    ledger: LedgerList = LedgerList.problems,
    organization_id: int | None = None,
    include_subtree: bool = True,
    status: ItemStatus | None = None,
    overdue: bool | None = None,
    campaign_id: int | None = None,
    source: ItemSource | None = None,
    responsible_person_id: int | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[RectificationItem], str | None]:
    """Items in scope in ledger order (organization, number)."""
    statement = (
        select(RectificationItem)
        .join(Organization, col(Organization.id) == RectificationItem.organization_id)
        .where(in_scope(col(Organization.path), scope))
    )
    if organization_id is not None:
        organization = organization_service.get_organization(
            db, scope, organization_id, field="organization_id"
        )
        below = Scope(organization.path, include_subtree=include_subtree)
        statement = statement.where(in_scope(col(Organization.path), below))
    if ledger == LedgerList.rectification:
        statement = statement.where(col(RectificationItem.status) != ItemStatus.closed)
    elif ledger == LedgerList.results:
        statement = statement.where(
            col(RectificationItem.status).in_([ItemStatus.awaiting_closure, ItemStatus.closed])
        )
    if status is not None:
        statement = statement.where(RectificationItem.status == status)
    if overdue is not None:
        condition = overdue_condition(on)
        statement = statement.where(condition if overdue else sa.not_(condition))
    # A filter naming a record outside the scope answers 404 naming it, as reading it would
    # (docs/decisions/0014-foreign-filters.md), not an empty page.
    if campaign_id is not None:
        campaign_service.get_campaign(db, scope, campaign_id, field="campaign_id")
        statement = statement.where(RectificationItem.campaign_id == campaign_id)
    if source is not None:
        statement = statement.where(RectificationItem.source == source)
    if responsible_person_id is not None:
        people_service.get_person(db, scope, responsible_person_id, field="responsible_person_id")
        statement = statement.where(
            RectificationItem.responsible_person_id == responsible_person_id
        )
    return keyset_page(
        db,
        statement,
        keys=[col(RectificationItem.organization_id), col(RectificationItem.id)],
        key_of=lambda item: [item.organization_id, item.id],
        cursor=cursor,
        limit=limit,
    )


# --- writing ---------------------------------------------------------------------------------------


def _next_number(db: Session, organization_id: int) -> int:
    """The next number in the organization's ledger, computed under a lock on the organization row
    (SQLite: the request already holds the database write lock)."""
    db.exec(select(Organization.id).where(Organization.id == organization_id).with_for_update())
    highest = db.exec(
        select(func.max(RectificationItem.number)).where(
            RectificationItem.organization_id == organization_id
        )
    ).one()
    return int(highest or 0) + 1


def _check_people(db: Session, scope: Scope, changes: dict[str, Any]) -> None:
    for name in ("responsible_leader_id", "responsible_person_id"):
        if changes.get(name) is not None:
            people_service.get_person(db, scope, changes[name], field=name)


def _check_campaign(db: Session, campaign_id: int | None) -> None:
    if campaign_id is not None and db.get(Campaign, campaign_id) is None:
        raise InvalidInput(
            mark("This campaign does not exist."), code="campaign_not_found", field="campaign_id"
        )


def _check_required_action(db: Session, item: RectificationItem) -> None:
    """A linked 规定动作 fits the item's organization and campaign (whose campaign it then takes)."""
    if item.required_action_id is None:
        return
    organization = db.get(Organization, item.organization_id)
    assert organization is not None
    action = campaign_service.fitting_required_action(
        db, item.required_action_id, organization, item.campaign_id
    )
    item.campaign_id = action.campaign_id


def _refuse_closed_status(status: ItemStatus | None) -> None:
    if status == ItemStatus.closed:
        raise InvalidInput(
            mark(
                "An item is closed (销号) by a reviewer with its result, not by setting the status."
            ),
            code="close_through_review",
            field="status",
        )


def create_item(db: Session, scope: Scope, data: ItemCreate) -> RectificationItem:
    organization = organization_service.get_organization(
        db, scope, data.organization_id, field="organization_id"
    )
    if data.source not in MANUAL_SOURCES:
        raise InvalidInput(
            mark("Items from findings are opened when the minutes are finalized."),
            code="finding_items_are_automatic",
            field="source",
        )
    _refuse_closed_status(data.status)
    _check_people(db, scope, data.model_dump())
    _check_campaign(db, data.campaign_id)
    assert organization.id is not None
    item = RectificationItem(
        **data.model_dump(exclude={"organization_id"}),
        organization_id=organization.id,
        number=_next_number(db, organization.id),
    )
    _check_required_action(db, item)
    db.add(item)
    db.flush()
    return item


def _lock(db: Session, item: RectificationItem, expected_version: int | None) -> None:
    db.refresh(item, with_for_update=True)
    if expected_version is not None and expected_version != item.version:
        raise StaleVersion(item.version)


def _refuse_if_closed(item: RectificationItem) -> None:
    if item.status == ItemStatus.closed:
        raise Conflict(
            mark("The item is closed (已销号); reopen it first."), code="rectification_item_closed"
        )


def update_item(
    db: Session,
    scope: Scope,
    item: RectificationItem,
    data: ItemUpdate,
    *,
    expected_version: int | None = None,
) -> RectificationItem:
    _lock(db, item, expected_version)
    _refuse_if_closed(item)
    changes = changes_of(data)
    refuse_nulls(changes, ("problem", "measure", "standard", "status", "result", "evidence"))
    _refuse_closed_status(changes.get("status"))
    _check_people(db, scope, changes)
    _check_campaign(db, changes.get("campaign_id"))
    apply_changes(item, changes)
    _check_required_action(db, item)
    item.version += 1
    db.flush()
    return item


def close_item(
    db: Session,
    item: RectificationItem,
    data: ItemClose,
    account: Account,
    *,
    expected_version: int | None = None,
) -> RectificationItem:
    """销号: a reviewer who is not the responsible person confirms the result — of an item marked
    已整改待销号, or of any other with the reason it is closed early."""
    _lock(db, item, expected_version)
    _refuse_if_closed(item)
    if account.person_id is not None and account.person_id == item.responsible_person_id:
        raise Forbidden(
            mark("The person responsible for an item cannot close it; another reviewer must."),
            code="owner_cannot_close",
        )
    early = item.status != ItemStatus.awaiting_closure
    if early and not data.early_reason.strip():
        raise InvalidInput(
            mark(
                "The item is not marked 已整改待销号 yet: say why it is closed early, or mark it"
                " first."
            ),
            code="closed_early_without_reason",
            field="early_reason",
        )
    item.closed_early_reason = data.early_reason.strip() if early else ""
    item.status = ItemStatus.closed
    item.result = data.result
    if data.evidence:
        item.evidence = data.evidence
    item.closed_by_id = account.id
    item.closed_at = utcnow()
    item.version += 1
    db.flush()
    audit.record(
        db,
        action="close",
        entity="rectification_item",
        entity_id=item.id,
        after={"result": item.result, "early_reason": item.closed_early_reason},
        account_id=account.id,
    )
    return item


def reopen_item(
    db: Session,
    item: RectificationItem,
    data: ItemReopen,
    account: Account,
    *,
    expected_version: int | None = None,
) -> RectificationItem:
    """Undo a closure, with a reason that the audit log keeps next to who closed it and when."""
    _lock(db, item, expected_version)
    if item.status != ItemStatus.closed:
        raise Conflict(mark("Only a closed item can be reopened."), code="rectification_item_open")
    before = {
        "status": item.status,
        "closed_by_id": item.closed_by_id,
        "closed_at": item.closed_at,
        "closed_early_reason": item.closed_early_reason,
    }
    item.status = ItemStatus.in_progress
    item.closed_by_id = None
    item.closed_at = None
    item.closed_early_reason = ""
    item.version += 1
    db.flush()
    audit.record(
        db,
        action="reopen",
        entity="rectification_item",
        entity_id=item.id,
        before=before,
        after={"status": item.status, "reason": data.reason},
        account_id=account.id,
    )
    return item


def add_progress(
    db: Session, item: RectificationItem, data: ProgressCreate, account: Account
) -> ProgressEntry:
    """This month's progress report; the first one starts a not-started item."""
    _lock(db, item, None)
    _refuse_if_closed(item)
    existing = db.exec(
        select(ProgressEntry.id).where(
            ProgressEntry.item_id == item.id, ProgressEntry.month == data.month
        )
    ).first()
    if existing is not None:
        raise Conflict(
            mark("Progress for this month is already reported; change that report instead."),
            code="progress_month_reported",
            field="month",
        )
    assert item.id is not None
    entry = ProgressEntry(item_id=item.id, reporter_id=account.id, **data.model_dump())
    db.add(entry)
    if item.status == ItemStatus.not_started:
        item.status = ItemStatus.in_progress
        item.version += 1
    db.flush()
    return entry


def get_progress(
    db: Session, scope: Scope, entry_id: int
) -> tuple[ProgressEntry, RectificationItem]:
    entry = db.get(ProgressEntry, entry_id)
    if entry is None:
        raise NotFound(mark("Progress report not found."), code="progress_entry_not_found")
    try:
        item = get_item(db, scope, entry.item_id)
    except NotFound:
        raise NotFound(
            mark("Progress report not found."), code="progress_entry_not_found"
        ) from None
    return entry, item


def update_progress(
    db: Session,
    entry: ProgressEntry,
    item: RectificationItem,
    data: ProgressUpdate,
    *,
    expected_version: int | None = None,
) -> ProgressEntry:
    _lock(db, item, None)
    _refuse_if_closed(item)
    db.refresh(entry)
    if expected_version is not None and expected_version != entry.version:
        raise StaleVersion(entry.version)
    changes = changes_of(data)
    refuse_nulls(changes, ("text", "percent"))
    apply_changes(entry, changes)
    entry.version += 1
    db.flush()
    return entry


@dataclass(frozen=True)
class FoundProblem:
    """A problem found in finalized minutes (a finding), as the ledger takes it in."""

    finding_id: int
    description: str
    measure: str
    person_id: int | None  # whose problem it is; None: the leadership team's
    responsible_id: int | None = None  # who carries out the measure (default: whose problem)
    due_on: date | None = None  # 完成时限


@dataclass(frozen=True)
class FindingsOfMeeting:
    """What the ledger takes from a meeting's finalized minutes: the meeting, its findings in order."""

    study_session_id: int
    organization_id: int
    campaign_id: int | None
    chair_id: int | None
    findings: Sequence[FoundProblem]


def open_items_from_findings(db: Session, meeting: FindingsOfMeeting) -> list[RectificationItem]:
    """Finalizing minutes puts each finding that has a measure into the organization's ledger (once).

    The person whose problem it is becomes responsible for it; the meeting's chair the responsible leader.
    """
    finding_ids = [finding.finding_id for finding in meeting.findings]
    in_ledger = set(
        db.exec(
            select(RectificationItem.finding_id).where(
                col(RectificationItem.finding_id).in_(finding_ids)
            )
        ).all()
    )
    opened = []
    for finding in meeting.findings:
        if finding.finding_id in in_ledger or not finding.measure.strip():
            continue
        item = RectificationItem(
            organization_id=meeting.organization_id,
            number=_next_number(db, meeting.organization_id),
            source=ItemSource.finding,
            finding_id=finding.finding_id,
            study_session_id=meeting.study_session_id,
            campaign_id=meeting.campaign_id,
            problem=finding.description,
            measure=finding.measure,
            responsible_person_id=finding.responsible_id or finding.person_id,
            responsible_leader_id=meeting.chair_id,
            due_on=finding.due_on,
        )
        db.add(item)
        db.flush()
        opened.append(item)
    return opened


def finding_amended(
    db: Session, finding_id: int, description: str, measure: str, *, account_id: int | None
) -> RectificationItem | None:
    """An amendment corrected a problem in finalized minutes: its ledger item (if any) takes the new
    wording of the problem and the measure, audited as a change of the item."""
    item = db.exec(
        select(RectificationItem).where(RectificationItem.finding_id == finding_id)
    ).first()
    if item is None or (item.problem, item.measure) == (description, measure):
        return item
    before = {"problem": item.problem, "measure": item.measure}
    item.problem, item.measure = description, measure
    item.version += 1
    db.flush()
    audit.record(
        db,
        action="update",
        entity="rectification_item",
        entity_id=item.id,
        before=before,
        after={"problem": description, "measure": measure, "source": "amendment"},
        account_id=account_id,
    )
    return item


def ledger_items_of_findings(db: Session, finding_ids: Iterable[int | None]) -> dict[int, int]:
    """The ledger item opened from each of these findings (finding id → item id), where there is one."""
    wanted = [finding_id for finding_id in finding_ids if finding_id is not None]
    if not wanted:
        return {}
    rows = db.exec(
        select(RectificationItem.finding_id, RectificationItem.id).where(
            col(RectificationItem.finding_id).in_(wanted)
        )
    ).all()
    return {finding: item for finding, item in rows if finding is not None and item is not None}


# --- reading ---------------------------------------------------------------------------------------


def items_public(db: Session, items: Sequence[RectificationItem], on: date) -> list[ItemPublic]:
    """Items with the names of their organization and people and who closed them, in a fixed number of
    queries."""
    organization_names = _names(
        db, Organization, {item.organization_id for item in items}, Organization.name
    )
    people = _names(
        db,
        Person,
        {i.responsible_person_id for i in items} | {i.responsible_leader_id for i in items},
        Person.name,
    )
    closers = _accounts(db, {item.closed_by_id for item in items})
    return [
        ItemPublic.model_validate(item).model_copy(
            update={
                "organization_name": organization_names.get(item.organization_id, ""),
                "responsible_person_name": people.get(item.responsible_person_id),
                "responsible_leader_name": people.get(item.responsible_leader_id),
                "closed_by": closers.get(item.closed_by_id or 0, (None, None))[0],
                "closed_by_name": closers.get(item.closed_by_id or 0, (None, None))[1],
                "overdue": is_overdue(item, on),
            }
        )
        for item in items
    ]


def item_detail(db: Session, item: RectificationItem, on: date) -> ItemDetail:
    entries = db.exec(
        select(ProgressEntry)
        .where(ProgressEntry.item_id == item.id)
        .order_by(col(ProgressEntry.month), col(ProgressEntry.id))
    ).all()
    return ItemDetail(
        **items_public(db, [item], on)[0].model_dump(), progress=progress_public(db, entries)
    )


def progress_public(db: Session, entries: Sequence[ProgressEntry]) -> list[ProgressPublic]:
    reporters = _accounts(db, {entry.reporter_id for entry in entries})
    public = []
    for entry in entries:
        login, name = reporters.get(entry.reporter_id or 0, (None, None))
        public.append(
            ProgressPublic.model_validate(entry).model_copy(
                update={"reporter": login, "reporter_name": name}
            )
        )
    return public


def _accounts(db: Session, ids: Iterable[int | None]) -> dict[int, tuple[str | None, str | None]]:
    """Each account's login and the name to print: its person's, or the login if it has none."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = db.exec(
        select(Account.id, Account.login, Person.name)
        .outerjoin(Person, col(Person.id) == Account.person_id)
        .where(col(Account.id).in_(wanted))
    ).all()
    return {account_id or 0: (login, name or login) for account_id, login, name in rows}


def _names(db: Session, model: Any, ids: Iterable[int | None], column: Any) -> dict[Any, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(db.exec(select(model.id, column).where(col(model.id).in_(wanted))).all())


def items_of_check(db: Session, spot_check_id: int) -> list[RectificationItem]:
    """The items a spot check ordered (责令整改)."""
    statement = select(RectificationItem).where(RectificationItem.spot_check_id == spot_check_id)
    return list(db.exec(statement).all())
