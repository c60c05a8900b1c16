"""What needs doing (待办), per role, within the caller's scope — the page a user lands on after login,
and the count the menu shows.

* secretary: meetings whose time has come but are not recorded (待记录), recorded but not finalized
  (待定稿), make-ups ordered by a spot check with their deadlines (待补课), ledger items whose monthly
  progress is due or overdue, ledger items past their deadline;
* inspector: the checks assigned to them and not carried out (待抽查), make-ups held and waiting for
  acceptance (待验收), make-ups not held by their deadline (逾期未补课), ledger items past their deadline
  in the jurisdiction;
* administrator: active accounts with no person (their holder appears as a login), organizations that
  no active secretary account keeps the minutes of.
* viewer: nothing to do; their page is the overview (``app.reports.overview``).

Each kind of entry is one query; the menu's count is one statement for all of them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from app.access import Role
from app.auth.models import Account
from app.clock import local_now
from app.organizations.models import Organization, OrganizationKind
from app.rectification.models import ItemStatus, ProgressEntry, RectificationItem
from app.scope import Scope, in_scope
from app.spot_checks.models import CheckStatus, ReworkFlag, SpotCheck
from app.spot_checks.service import AWAITING_MAKE_UP
from app.study_sessions.models import StudySession, StudySessionStatus

SHOWN = 50  # entries listed per kind; the count says how many there are in all


class TodoKind(StrEnum):
    record = "record"  # 待记录: the meeting's time has come, its minutes are not recorded
    finalize = "finalize"  # 待定稿: recorded, not finalized
    make_up = "make_up"  # 待补课: a spot check ordered a make-up or a reconvened meeting
    progress = "progress"  # 整改进展待报: this month's progress of a ledger item is not reported
    item_overdue = "item_overdue"  # 整改逾期: a ledger item past its deadline
    planned_check = "planned_check"  # 待抽查: a check assigned to this inspector
    acceptance = "acceptance"  # 补课待验收: a make-up held, waiting for the inspector
    late_make_up = "late_make_up"  # 逾期未补课: a make-up not held by its deadline
    account_without_person = "account_without_person"  # 账号未关联人员
    organization_without_secretary = "organization_without_secretary"  # 无记录账号的党组织


class TodoEntry(BaseModel):
    kind: TodoKind
    title: str
    organization_name: str
    day: date | None  # the meeting's date, or the deadline
    overdue: bool
    study_session_id: int | None = None
    item_id: int | None = None
    spot_check_id: int | None = None
    account_id: int | None = None
    organization_id: int | None = None


class TodoGroup(BaseModel):
    kind: TodoKind
    total: int
    entries: list[TodoEntry]  # the first SHOWN, most urgent first


class Todo(BaseModel):
    role: Role
    total: int
    groups: list[TodoGroup]  # only the kinds with something to do, in the order of KINDS


@dataclass(frozen=True)
class _Ask:
    """One kind of entry: its rows (newest urgency first) and how to make an entry of a row."""

    statement: Any  # a select of the rows
    entry: Callable[[Any], TodoEntry]


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _meetings(scope: Scope, status: StudySessionStatus, now: datetime) -> Any:
    statement = (
        select(StudySession, Organization.name)
        .join(Organization, col(Organization.id) == StudySession.organization_id)
        .where(in_scope(col(Organization.path), scope), StudySession.status == status)
    )
    if status == StudySessionStatus.planned:
        statement = statement.where(col(StudySession.starts_at) <= now)
    return statement.order_by(col(StudySession.starts_at), col(StudySession.id))


def _meeting_entry(kind: TodoKind, today: date) -> Callable[[Any], TodoEntry]:
    def entry(row: Any) -> TodoEntry:
        meeting, organization_name = row
        due = meeting.rework_due_on if kind in (TodoKind.make_up, TodoKind.late_make_up) else None
        return TodoEntry(
            kind=kind,
            title=meeting.title,
            organization_name=organization_name,
            day=due or meeting.starts_at.date(),
            overdue=due is not None and due < today,
            study_session_id=meeting.id,
        )

    return entry


def _flagged(scope: Scope, flags: tuple[ReworkFlag, ...], *, late_on: date | None) -> Any:
    statement = (
        select(StudySession, Organization.name)
        .join(Organization, col(Organization.id) == StudySession.organization_id)
        .where(in_scope(col(Organization.path), scope))
        .where(col(StudySession.rework_flag).in_(flags))
    )
    if late_on is not None:
        statement = statement.where(col(StudySession.rework_due_on) < late_on)
    return statement.order_by(
        col(StudySession.rework_due_on).is_(None),
        col(StudySession.rework_due_on),
        col(StudySession.id),
    )


def _items(scope: Scope) -> Any:
    return (
        select(RectificationItem, Organization.name)
        .join(Organization, col(Organization.id) == RectificationItem.organization_id)
        .where(in_scope(col(Organization.path), scope))
    )


def _item_entry(kind: TodoKind, today: date) -> Callable[[Any], TodoEntry]:
    def entry(row: Any) -> TodoEntry:
        item, organization_name = row
        overdue = item.due_on is not None and item.due_on < today
        return TodoEntry(
            kind=kind,
            title=item.problem,
            organization_name=organization_name,
            day=item.due_on,
            overdue=overdue,
            item_id=item.id,
        )

    return entry


def _progress_due(scope: Scope, today: date) -> Any:
    """Open items with no progress reported for this month (those past their deadline first)."""
    reported = select(ProgressEntry.item_id).where(ProgressEntry.month == _month(today))
    return (
        _items(scope)
        .where(
            col(RectificationItem.status).not_in((ItemStatus.closed, ItemStatus.awaiting_closure))
        )
        .where(col(RectificationItem.id).not_in(reported))
        .order_by(
            col(RectificationItem.due_on).is_(None),
            col(RectificationItem.due_on),
            col(RectificationItem.id),
        )
    )


def _items_overdue(scope: Scope, today: date) -> Any:
    return (
        _items(scope)
        .where(col(RectificationItem.due_on) < today)
        .where(col(RectificationItem.status) != ItemStatus.closed)
        .order_by(col(RectificationItem.due_on), col(RectificationItem.id))
    )


def _planned_checks(scope: Scope, account: Account) -> Any:
    return (
        select(SpotCheck, StudySession.title, StudySession.starts_at, Organization.name)
        .join(Organization, col(Organization.id) == SpotCheck.organization_id)
        .outerjoin(StudySession, col(StudySession.id) == SpotCheck.study_session_id)
        .where(in_scope(col(Organization.path), scope))
        .where(SpotCheck.status == CheckStatus.assigned, SpotCheck.inspector_id == account.id)
        .order_by(col(StudySession.starts_at), col(SpotCheck.id))
    )


def _check_entry(row: Any) -> TodoEntry:
    check, title, starts_at, organization_name = row
    return TodoEntry(
        kind=TodoKind.planned_check,
        title=title or "",
        organization_name=organization_name,
        day=starts_at.date() if starts_at else None,
        overdue=False,
        spot_check_id=check.id,
        study_session_id=check.study_session_id,
    )


def _accounts_without_person(scope: Scope) -> Any:
    return (
        select(Account, Organization.name)
        .join(Organization, col(Organization.id) == Account.organization_id)
        .where(in_scope(col(Organization.path), scope))
        .where(col(Account.active).is_(True), col(Account.person_id).is_(None))
        .order_by(col(Organization.path), col(Account.login))
    )


def _account_entry(row: Any) -> TodoEntry:
    account, organization_name = row
    return TodoEntry(
        kind=TodoKind.account_without_person,
        title=account.login,
        organization_name=organization_name,
        day=None,
        overdue=False,
        account_id=account.id,
    )


def _organizations_without_secretary(scope: Scope) -> Any:
    """Organizations that hold meetings (all but organization departments), not dissolved, with no
    active secretary account of their own or over their subtree."""
    keeper = aliased(Organization)
    kept = (
        select(Account.id)
        .join(keeper, col(keeper.id) == Account.organization_id)
        .where(Account.role == Role.secretary, col(Account.active).is_(True))
        .where(
            sa.or_(
                col(keeper.id) == Organization.id,
                sa.and_(
                    col(Account.include_subtree).is_(True),
                    col(Organization.path).startswith(keeper.path),
                ),
            )
        )
    )
    return (
        select(Organization)
        .where(in_scope(col(Organization.path), scope))
        .where(Organization.kind != OrganizationKind.organization_department)
        .where(col(Organization.active).is_(True))
        .where(~kept.exists())
        .order_by(col(Organization.path))
    )


def _organization_entry(row: Any) -> TodoEntry:
    organization = row[0] if isinstance(row, tuple) else row
    return TodoEntry(
        kind=TodoKind.organization_without_secretary,
        title=organization.name,
        organization_name=organization.name,
        day=None,
        overdue=False,
        organization_id=organization.id,
    )


def _asks(scope: Scope, account: Account, today: date) -> dict[TodoKind, _Ask]:
    """The kinds of entry the account's role has to do, in the order they are shown."""
    now = local_now()
    if account.role == Role.secretary:
        return {
            TodoKind.make_up: _Ask(
                _flagged(scope, AWAITING_MAKE_UP, late_on=None),
                _meeting_entry(TodoKind.make_up, today),
            ),
            TodoKind.record: _Ask(
                _meetings(scope, StudySessionStatus.planned, now),
                _meeting_entry(TodoKind.record, today),
            ),
            TodoKind.finalize: _Ask(
                _meetings(scope, StudySessionStatus.held, now),
                _meeting_entry(TodoKind.finalize, today),
            ),
            TodoKind.progress: _Ask(
                _progress_due(scope, today), _item_entry(TodoKind.progress, today)
            ),
            TodoKind.item_overdue: _Ask(
                _items_overdue(scope, today), _item_entry(TodoKind.item_overdue, today)
            ),
        }
    if account.role == Role.inspector:
        return {
            TodoKind.planned_check: _Ask(_planned_checks(scope, account), _check_entry),
            TodoKind.acceptance: _Ask(
                _flagged(scope, (ReworkFlag.make_up_held,), late_on=None),
                _meeting_entry(TodoKind.acceptance, today),
            ),
            TodoKind.late_make_up: _Ask(
                _flagged(scope, AWAITING_MAKE_UP, late_on=today),
                _meeting_entry(TodoKind.late_make_up, today),
            ),
            TodoKind.item_overdue: _Ask(
                _items_overdue(scope, today), _item_entry(TodoKind.item_overdue, today)
            ),
        }
    if account.role == Role.admin:
        return {
            TodoKind.account_without_person: _Ask(_accounts_without_person(scope), _account_entry),
            TodoKind.organization_without_secretary: _Ask(
                _organizations_without_secretary(scope), _organization_entry
            ),
        }
    return {}


def _counted(statement: Any) -> Any:
    return select(func.count()).select_from(statement.order_by(None).subquery()).scalar_subquery()


def todo(db: Session, scope: Scope, account: Account, today: date) -> Todo:
    """What the account has to do on ``today``, most urgent first within each kind."""
    asks = _asks(scope, account, today)
    totals = count_by_kind(db, scope, account, today)
    groups = []
    for kind, ask in asks.items():
        if not totals.get(kind):
            continue
        rows = db.exec(ask.statement.limit(SHOWN)).all()
        groups.append(
            TodoGroup(kind=kind, total=totals[kind], entries=[ask.entry(row) for row in rows])
        )
    return Todo(role=account.role, total=sum(totals.values()), groups=groups)


def count_by_kind(db: Session, scope: Scope, account: Account, today: date) -> dict[TodoKind, int]:
    """How many entries of each kind, in one statement (the menu shows the sum)."""
    asks = _asks(scope, account, today)
    if not asks:
        return {}
    row = db.exec(select(*[_counted(ask.statement) for ask in asks.values()])).one()
    counts = list(row) if len(asks) > 1 else [row]  # one column comes back as a scalar
    return dict(zip(asks, (int(n) for n in counts), strict=True))


def menu_count(db: Session, scope: Scope, account: Account, today: date) -> int | None:
    """The menu's count (None if the database cannot tell: the page is shown all the same)."""
    try:
        return sum(count_by_kind(db, scope, account, today).values())
    except SQLAlchemyError:
        return None
