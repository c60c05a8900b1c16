"""Circulars (通报): a draft written from the month's figures, printed while it is written, issued once.

The figures are read again for every print of a draft; issuing prints the PDF/A (with the circular and
its figures attached as JSON) and the Word document once and keeps the bytes, so every later download
of an issued circular is what was issued."""

import json

from pydantic import BaseModel
from sqlmodel import Session

from app.auth.models import Account
from app.config import Settings
from app.i18n import in_locale
from app.organizations import service as organization_service
from app.rectification import service as rectification_service
from app.reports import circular as printed_circular
from app.reports import dashboard
from app.reports.dashboard import Dashboard, UnitRow
from app.scope import Scope
from app.spot_checks import circulars
from app.spot_checks.models import Circular, CircularStatus
from app.spot_checks.schemas import CircularCreate, CircularPublic


def _printing(db: Session, scope: Scope, circular: Circular) -> printed_circular.Printing:
    """The circular with the figures of its month as they stand, to print today."""
    board = dashboard.for_caller(
        db, scope, circular.organization_id, circular.month, circular.month
    )
    today = rectification_service.today()
    return printed_circular.Printing(
        circular=circular,
        board=board,
        rows=dashboard.units(db, board),
        reference=circulars.reference(circular, today=today),
        today=today,
    )


class CircularData(BaseModel):
    """A circular with the figures it reports: the table per unit and the month's dashboard."""

    circular: CircularPublic
    units: list[UnitRow]
    figures: Dashboard
    as_issued: bool = False  # the figures kept when it was issued (else: as they stand now)


def _data(circular: Circular, printing: printed_circular.Printing) -> CircularData:
    return CircularData(
        circular=public(circular),
        units=list(printing.rows),
        figures=printing.board,
        as_issued=circular.status == CircularStatus.issued,
    )


def data(db: Session, scope: Scope, circular: Circular) -> CircularData:
    """The circular with its figures: as issued (kept with it), or for a draft as they stand now."""
    if circular.status == CircularStatus.issued and circular.figures is not None:
        return CircularData.model_validate(circular.figures | {"as_issued": True})
    return _data(circular, _printing(db, scope, circular))


def public(circular: Circular) -> CircularPublic:
    """The circular as the API shows it, with its 发文字号."""
    reference = circulars.reference(circular, today=rectification_service.today())
    fields = {
        name: getattr(circular, name) for name in CircularPublic.model_fields if name != "reference"
    }
    return CircularPublic.model_validate(fields | {"reference": reference})


def create_draft(
    db: Session, settings: Settings, scope: Scope, account: Account, data: CircularCreate
) -> Circular:
    """A draft on the month, its text first drafted from the figures in the document language."""
    organization = organization_service.get_organization(
        db, scope, data.organization_id or account.organization_id, field="organization_id"
    )
    board = dashboard.for_caller(db, scope, organization.id or 0, data.month, data.month)
    with in_locale(settings.document_locale):
        text = printed_circular.drafted(
            db, board, prefix=circulars.last_prefix(db, organization.id or 0)
        )
    return circulars.create_draft(db, account, organization, data.month, text)


def pdf(db: Session, settings: Settings, scope: Scope, circular: Circular) -> bytes:
    """The issued PDF/A as stored, or the draft as it reads now (marked 草稿)."""
    if circular.status == CircularStatus.issued and circular.pdf is not None:
        return circular.pdf
    return printed_circular.to_pdf(settings, _printing(db, scope, circular))


def docx(db: Session, settings: Settings, scope: Scope, circular: Circular) -> bytes:
    """The issued Word document as stored, or the draft's as it reads now."""
    if circular.status == CircularStatus.issued and circular.docx is not None:
        return circular.docx
    return printed_circular.to_docx(settings, _printing(db, scope, circular))


def issue(
    db: Session,
    settings: Settings,
    scope: Scope,
    account: Account,
    circular: Circular,
    *,
    expected_version: int | None,
) -> Circular:
    """Number and date the circular, print it once (PDF/A-3b and Word) and lock it."""

    def render(numbered: Circular) -> tuple[bytes, bytes]:
        printing = _printing(db, scope, numbered)
        data = _data(numbered, printing).model_dump(mode="json")
        numbered.figures = data  # kept: the API answers what was issued
        attachment = json.dumps(data, ensure_ascii=False, indent=2)
        return (
            printed_circular.to_pdf(settings, printing, attachment_json=attachment),
            printed_circular.to_docx(settings, printing),
        )

    return circulars.issue(
        db,
        circular,
        account,
        today=rectification_service.today(),
        expected_version=expected_version,
        render=render,
    )
