"""Circulars (通报) on a month's spot checks: drafts the inspector writes, then issued and locked.

The figures and the printing come from above (``app.flows.circulars``, ``app.reports.circular``); this
module keeps the rules of the record: who sees it (the issuer in the caller's scope), what may still
change (a draft only), what issuing needs (代字, 主送 and the three sections of the narrative) and the
发文字号 (代字〔年份〕序号号: the 序号 counts per issuer, 代字 and year, or is typed by the inspector)."""

import hashlib
from collections.abc import Callable
from datetime import date

from sqlmodel import Session, col, func, select

from app.audit import service as audit
from app.auth.models import Account
from app.clock import utcnow
from app.errors import Conflict, FieldError, InvalidInput, NotFound, StaleVersion
from app.i18n import mark
from app.organizations.models import Organization
from app.pagination import keyset_page
from app.scope import Scope, in_scope
from app.spot_checks.models import Circular, CircularStatus
from app.spot_checks.schemas import CircularUpdate

# What issuing needs, with what to say when it is missing.
REQUIRED_ON_ISSUE = {
    "prefix": mark("Give the issuer's code (发文机关代字) of the reference number, e.g. 长组通."),
    "recipients": mark("Say to whom the circular goes (主送)."),
    "situation": mark("Write the overall situation (基本情况)."),
    "problems": mark("Write the problems found (存在问题)."),
    "requirements": mark("Write what is required next (下步要求)."),
}


def reference(circular: Circular, *, today: date) -> str:
    """发文字号, e.g. 长组通〔2015〕3号; empty while the draft has no 序号 or no 代字."""
    if circular.number is None or not circular.prefix:
        return ""
    year = circular.year or (circular.issued_on or today).year
    return f"{circular.prefix}〔{year}〕{circular.number}号"


def get_circular(
    db: Session, scope: Scope, circular_id: int, *, field: str | None = None
) -> Circular:
    """The circular if its issuer lies in ``scope``."""
    row = db.exec(
        select(Circular, Organization.path)
        .join(Organization, col(Organization.id) == Circular.organization_id)
        .where(Circular.id == circular_id)
    ).first()
    if row is None or not scope.covers(row[1]):
        raise NotFound(mark("Circular not found."), code="circular_not_found", field=field)
    return row[0]


def list_circulars(
    db: Session, scope: Scope, *, cursor: str | None = None, limit: int = 200
) -> tuple[list[tuple[Circular, str]], str | None]:
    """The circulars of the organizations in scope with their issuer's name, newest first."""
    return keyset_page(
        db,
        select(Circular, Organization.name)
        .join(Organization, col(Organization.id) == Circular.organization_id)
        .where(in_scope(col(Organization.path), scope)),
        keys=[col(Circular.id)],
        key_of=lambda row: [row[0].id],
        cursor=cursor,
        limit=limit,
        descending=True,
    )


def last_prefix(db: Session, organization_id: int) -> str:
    """The 代字 of the issuer's newest circular (a new draft starts from it)."""
    return (
        db.exec(
            select(Circular.prefix)
            .where(Circular.organization_id == organization_id)
            .where(Circular.prefix != "")
            .order_by(col(Circular.id).desc())
            .limit(1)
        ).first()
        or ""
    )


def next_number(db: Session, organization_id: int, prefix: str, year: int) -> int:
    """The next free 序号 of the issuer's 代字 in ``year``."""
    highest = db.exec(
        select(func.max(Circular.number))
        .where(Circular.organization_id == organization_id)
        .where(Circular.prefix == prefix)
        .where(Circular.year == year)
    ).one()
    return int(highest or 0) + 1


def create_draft(
    db: Session, account: Account, organization: Organization, month: str, text: CircularUpdate
) -> Circular:
    """A draft of ``organization``'s circular on ``month``, starting from ``text``."""
    circular = Circular(
        organization_id=organization.id or 0,
        month=month,
        created_by_id=account.id,
        **text.model_dump(),
    )
    db.add(circular)
    db.flush()
    return circular


def _refuse_if_issued(circular: Circular) -> None:
    if circular.status == CircularStatus.issued:
        raise Conflict(
            mark("The circular is issued (已印发): it can no longer change."),
            code="circular_issued",
        )


def update_draft(
    db: Session, circular: Circular, data: CircularUpdate, *, expected_version: int | None
) -> Circular:
    """The inspector's text of a draft, whole."""
    db.refresh(circular, with_for_update=True)
    _refuse_if_issued(circular)
    if expected_version is not None and expected_version != circular.version:
        raise StaleVersion(circular.version)
    for name, value in data.model_dump().items():
        setattr(circular, name, value)
    circular.version += 1
    db.flush()
    return circular


def issue(
    db: Session,
    circular: Circular,
    account: Account,
    *,
    today: date,
    expected_version: int | None,
    render: Callable[[Circular], tuple[bytes, bytes]],
) -> Circular:
    """Number, date and store the circular as ``render`` prints it (PDF/A, Word), then lock it;
    refused with every missing part at once."""
    db.refresh(circular, with_for_update=True)
    _refuse_if_issued(circular)
    if expected_version is not None and expected_version != circular.version:
        raise StaleVersion(circular.version)
    missing = [
        FieldError(field=name, message=message, code="required_to_issue")
        for name, message in REQUIRED_ON_ISSUE.items()
        if not getattr(circular, name).strip()
    ]
    if missing:
        raise InvalidInput(
            mark("The circular cannot be issued yet."), code="circular_incomplete", fields=missing
        )
    # The issuer's row is the lock of its counter (SQLite: the request holds the write lock already).
    db.exec(
        select(Organization.id).where(Organization.id == circular.organization_id).with_for_update()
    )
    # Checked before the row changes: a flush of a taken number would fail on the unique constraint.
    issued_on = circular.issued_on or today
    number = circular.number
    if number is None:
        number = next_number(db, circular.organization_id, circular.prefix, issued_on.year)
    elif db.exec(
        select(Circular.id)
        .where(Circular.organization_id == circular.organization_id)
        .where(Circular.prefix == circular.prefix)
        .where(Circular.year == issued_on.year)
        .where(Circular.number == number)
        .where(Circular.id != circular.id)
    ).first():
        raise InvalidInput(
            mark(
                "This reference number (发文字号) is taken: choose another 序号 or leave it blank."
            ),
            code="circular_number_taken",
            field="number",
        )
    circular.issued_on, circular.year, circular.number = issued_on, issued_on.year, number
    circular.status = CircularStatus.issued  # printed as issued: no 草稿 mark
    circular.issued_at = utcnow()
    circular.issued_by_id = account.id
    circular.pdf, circular.docx = render(circular)
    circular.sha256 = hashlib.sha256(circular.pdf).hexdigest()
    circular.version += 1
    db.flush()
    audit.record(
        db,
        action="issue",
        entity="circular",
        entity_id=circular.id,
        after={"reference": reference(circular, today=today), "sha256": circular.sha256},
        account_id=account.id,
    )
    return circular
