"""The circular (通报) as a 公文 after GB/T 9704-2012: 发文机关标志, 发文字号, title, 主送, the
inspector's narrative (基本情况 / 存在问题 / 下步要求) with a table of figures per 党委, 落款 and
成文日期, the details as an attachment (附件), and the 版记 — as PDF and as Word, in the document
language whoever prints it. The figures are the dashboard's of the circular's month."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from app.config import PROJECT_ROOT, Settings
from app.i18n import gettext, in_locale
from app.organizations.models import Organization, OrganizationKind
from app.printing.pdf import font_variables, html_to_pdf
from app.reports import word
from app.reports.dashboard import Dashboard, UnitRow, period_name
from app.spot_checks.models import Circular, CircularStatus, Verdict
from app.spot_checks.schemas import CircularUpdate
from app.text import balanced_lines, chinese_numeral, paragraphs_of
from app.web.labels import label
from app.web.templating import format_datetime, render_document

MINUTES_CSS = PROJECT_ROOT / "templates" / "minutes" / "pdf" / "print.css"
CIRCULAR_CSS = PROJECT_ROOT / "templates" / "reports" / "pdf" / "circular.css"
TITLE_CHARACTERS = 19  # of 二号 (22 pt) in the 156 mm text block
LISTED_SHORT = 10  # organizations named in the drafted problems before 「等」


def _issuer_name(db: Session, board: Dashboard) -> str:
    """Who signs: the organization department under the jurisdiction when there is one (县委组织部),
    else the jurisdiction's organization itself."""
    department = db.exec(
        select(Organization.name)
        .where(Organization.parent_id == board.organization_id)
        .where(Organization.kind == OrganizationKind.organization_department)
        .order_by(col(Organization.id))
    ).first()
    return department or board.organization_name


def title(board: Dashboard) -> str:
    return gettext("Circular on the spot checks of study meetings, %(month)s") % {
        "month": period_name(board)
    }


def _percent(part: int, whole: int) -> str:
    return f"{part / whole * 100:.1f}%" if whole else "—"


def drafted(db: Session, board: Dashboard, *, prefix: str) -> CircularUpdate:
    """A first draft from the figures, in the current language: the inspector rewrites it."""
    signer = _issuer_name(db, board)
    figures = {
        "month": period_name(board),
        "issuer": signer,
        "checked": board.recorded,
        "passed": board.verdicts.get(Verdict.passed.value, 0),
        "make_up": board.verdicts.get(Verdict.make_up.value, 0),
        "reconvene": board.verdicts.get(Verdict.reconvene.value, 0),
        "rate": _percent(board.verdicts.get(Verdict.passed.value, 0), board.recorded),
        "required": board.required_total,
        "held": board.held_total,
        "day": format_datetime(board.as_of, "date"),
        "flags": len(board.flags),
        "overdue": len(board.overdue),
    }
    # Two sentences (the first ends in a space in English, in 。 in Chinese).
    checked = (
        gettext(
            "In %(month)s, %(issuer)s checked %(checked)s study meetings of the party organizations"
            " of its jurisdiction: %(passed)s passed, %(make_up)s were sent back for a make-up session"
            " and %(reconvene)s were ordered to be held again; the pass rate is %(rate)s. "
        )
        if board.recorded
        else gettext("In %(month)s, %(issuer)s checked no study meeting of its jurisdiction. ")
    )
    situation = (checked % figures) + gettext(
        "%(held)s of the %(required)s meetings the rules require were held. On %(day)s, %(flags)s"
        " meetings still await their make-up and %(overdue)s rectification items are overdue."
        " The figures of each party committee are in the table below, the details in the"
        " attachment."
    ) % figures
    problems = [
        gettext("%(organization)s, “%(title)s”: %(notes)s (%(verdict)s)")
        % {
            "organization": check.organization_name,
            "title": check.title,
            "notes": check.notes.strip() or "—",
            "verdict": label(check.verdict),
        }
        for check in board.checks
        if check.verdict != Verdict.passed
    ]
    short = list(dict.fromkeys(r.organization_name for r in board.frequency if r.shortfall))
    if short:
        named = "、".join(short[:LISTED_SHORT])
        problems.append(
            gettext(
                "%(count)s organizations did not hold the meetings the rules require: %(names)s"
            )
            % {
                "count": len(short),
                "names": named + (gettext(" and others") if len(short) > LISTED_SHORT else ""),
            }
        )
    return CircularUpdate(
        prefix=prefix,
        title=title(board),
        recipients=gettext("Every party organization of the jurisdiction"),
        situation=situation,
        problems="\n".join(f"{n}. {text}" for n, text in enumerate(problems, 1)),
        signed_by=signer,
    )


def _context(
    circular: Circular, rows: Sequence[UnitRow], reference: str, today: date
) -> dict[str, Any]:
    """What both the PDF and the Word document print, in the current language."""
    sections = [
        (gettext("Overall situation"), circular.situation),
        (gettext("Problems the checks found"), circular.problems),
        (gettext("What is required next"), circular.requirements),
    ]
    return {
        "issuer_mark": gettext("%(issuer)s document") % {"issuer": circular.signed_by},
        "reference": reference,
        "title": circular.title,
        "recipients": circular.recipients,
        "sections": [
            {"heading": f"{chinese_numeral(n)}、{heading}", "paragraphs": paragraphs_of(text)}
            for n, (heading, text) in enumerate(sections, 1)
        ],
        "summary": word.Table(
            caption=gettext("Figures per party committee"),
            headers=summary_headers(),
            rows=[summary_cells(row) for row in rows],
        ),
        "attachment": attachment_name(),
        "signed_by": circular.signed_by,
        "issued_on": format_datetime(circular.issued_on or today, "date"),
        "copy_to": circular.copy_to,
        "imprint": imprint(circular, today=today),
    }


@dataclass(frozen=True)
class Printing:
    """What a print of the circular shows: its text, the month's figures (the board and its rows per
    unit), its 发文字号 and the day it is printed (成文日期 unless one was typed)."""

    circular: Circular
    board: Dashboard
    rows: Sequence[UnitRow]
    reference: str
    today: date

    def context(self) -> dict[str, Any]:
        return _context(self.circular, self.rows, self.reference, self.today)


def render_html(settings: Settings, printing: Printing) -> str:
    css = (
        font_variables(settings)
        + MINUTES_CSS.read_text(encoding="utf-8")
        + CIRCULAR_CSS.read_text(encoding="utf-8")
    )
    with in_locale(settings.document_locale):
        return render_document(
            "reports/pdf/circular.html",
            css=css,
            d=printing.board,
            title_lines=balanced_lines(printing.circular.title, TITLE_CHARACTERS),
            draft=printing.circular.status != CircularStatus.issued,
            **printing.context(),
        )


def to_pdf(settings: Settings, printing: Printing, *, attachment_json: str | None = None) -> bytes:
    """The circular as PDF (a draft carries 草稿); with ``attachment_json`` PDF/A-3b for filing."""
    return html_to_pdf(
        render_html(settings, printing),
        settings,
        attachment_json=attachment_json,
        attachment_name="circular.json",
    )


def to_docx(settings: Settings, printing: Printing) -> bytes:
    """The circular as a Word document with the same text as the PDF, from the circular's template."""
    with in_locale(settings.document_locale):
        details = render_document("reports/_dashboard_body.html", d=printing.board, circular=True)
        return word.render_circular(settings, printing.context(), word.tables_of(details))


def summary_headers() -> list[str]:
    """Short headings: ten columns share the 156 mm of the text block."""
    return [
        gettext("Party committee"),
        gettext("Meetings required"),
        gettext("Meetings held"),
        gettext("Meetings missing"),
        gettext("Meetings checked"),
        gettext("Checks passed"),
        gettext("Make-ups ordered"),
        gettext("Reconvenings ordered"),
        gettext("Awaiting make-up"),
        gettext("Overdue items"),
    ]


def summary_cells(row: UnitRow) -> list[str]:
    return [
        row.name,
        *(
            str(value)
            for value in (
                row.required,
                row.held,
                row.missing,
                row.checked,
                row.passed,
                row.make_up,
                row.reconvene,
                row.flags,
                row.overdue,
            )
        ),
    ]


def attachment_name() -> str:
    return gettext("Details of the spot checks")


def imprint(circular: Circular, *, today: date) -> str:
    """版记: 「长兴县委组织部　　2015年7月3日印发」."""
    return gettext("%(issuer)s, printed and issued on %(day)s") % {
        "issuer": circular.signed_by,
        "day": format_datetime(circular.issued_on or today, "date"),
    }
