"""The monthly report of the ledger (整改月报) for an organization or a jurisdiction.

Figures for month M, organization O (with its subtree when asked):

- opened: items created in M (local time);
- closed: items closed (销号) in M;
- overdue: items overdue at the report's cut-off — the first day after M, or today while M is running —
  i.e. due before the cut-off and not closed before it;
- progress: the progress reports filed for M;
- without progress: items open at the cut-off that were opened before it and have no report for M.

Every figure is computed from the items' dates, so the report for a past month can be printed again later
and says the same (except for items reopened since, whose earlier closure the audit log keeps).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from markupsafe import Markup
from sqlmodel import Session, col, select

from app.audit import service as audit
from app.audit.service import Anchor
from app.charts import horizontal_bars, stacked_bars
from app.clock import local_to_utc
from app.config import Settings
from app.i18n import gettext, in_locale, month_name
from app.organizations.models import Organization
from app.printing import fonts
from app.rectification import service
from app.rectification.models import ItemStatus, ProgressEntry, RectificationItem
from app.rectification.schemas import ItemPublic, ProgressPublic
from app.reports import word
from app.reports.documents import print_report
from app.reports.word import Table
from app.scope import Scope, in_scope
from app.spreadsheets import Cell, Column, Sheet, workbook
from app.web.labels import label
from app.web.templating import format_datetime


@dataclass(frozen=True)
class MonthFigures:
    month: str
    opened: int
    closed: int
    open_at_end: int  # not closed at the cut-off, not overdue
    overdue_at_end: int
    closed_by_end: int  # closed at the cut-off, cumulative


@dataclass(frozen=True)
class MonthlyReport:
    organization_name: str
    organization_code: str
    include_subtree: bool
    month: str
    first_day: date
    last_day: date
    cutoff: date
    opened: list[ItemPublic]
    closed: list[ItemPublic]
    overdue: list[ItemPublic]
    progress: list[tuple[ItemPublic, ProgressPublic]]
    without_progress: list[ItemPublic]
    months: list[MonthFigures]  # January up to the report's month
    overdue_by_organization: list[tuple[str, int]]  # most first
    # The audit log's newest event when the report was made: a filed copy is an anchor for
    # ``yantao audit verify --anchor`` (app.audit.service.Anchor).
    audit_anchor: Anchor | None = None


def month_bounds(month: str) -> tuple[date, date]:
    """``2015-06`` → (2015-06-01, 2015-07-01)."""
    year, number = (int(part) for part in month.split("-"))
    first = date(year, number, 1)
    following = date(year + number // 12, number % 12 + 1, 1)
    return first, following


def _utc(day: date) -> datetime:
    return local_to_utc(datetime.combine(day, time.min))


def _was_open(item: RectificationItem, cutoff: datetime) -> bool:
    """Opened before the cut-off and not closed before it."""
    closed_before = (
        item.status == ItemStatus.closed and item.closed_at is not None and item.closed_at < cutoff
    )
    return item.created_at < cutoff and not closed_before


def _overdue_on(item: RectificationItem, day: date) -> bool:
    return _was_open(item, _utc(day)) and item.due_on is not None and item.due_on < day


def monthly_report(
    db: Session,
    scope: Scope,
    organization: Organization,
    month: str,
    *,
    include_subtree: bool,
    today: date,
) -> MonthlyReport:
    first, following = month_bounds(month)
    cutoff = min(following, today) if first <= today else following
    start, end = _utc(first), _utc(following)
    below = Scope(organization.path, include_subtree=include_subtree)
    items = list(
        db.exec(
            select(RectificationItem)
            .join(Organization, col(Organization.id) == RectificationItem.organization_id)
            .where(in_scope(col(Organization.path), scope))
            .where(in_scope(col(Organization.path), below))
            .order_by(col(RectificationItem.organization_id), col(RectificationItem.number))
        ).all()
    )
    public = {p.id: p for p in service.items_public(db, items, cutoff)}
    entries = (
        db.exec(
            select(ProgressEntry)
            .where(col(ProgressEntry.item_id).in_([item.id for item in items]))
            .where(ProgressEntry.month == month)
            .order_by(col(ProgressEntry.item_id))
        ).all()
        if items
        else []
    )
    reported = {entry.item_id for entry in entries}
    cut = _utc(cutoff)
    overdue = [item for item in items if _overdue_on(item, cutoff)]
    by_organization: dict[str, int] = {}
    for item in overdue:
        name = public[item.id or 0].organization_name
        by_organization[name] = by_organization.get(name, 0) + 1
    return MonthlyReport(
        organization_name=organization.name,
        organization_code=organization.code,
        include_subtree=include_subtree,
        month=month,
        first_day=first,
        last_day=following - timedelta(days=1),
        cutoff=cutoff,
        opened=[public[i.id or 0] for i in items if start <= i.created_at < end],
        closed=[
            public[i.id or 0]
            for i in items
            if i.status == ItemStatus.closed and i.closed_at and start <= i.closed_at < end
        ],
        overdue=[public[i.id or 0] for i in overdue],
        progress=[
            (public[entry.item_id], progress)
            for entry, progress in zip(entries, service.progress_public(db, entries), strict=True)
        ],
        without_progress=[
            public[i.id or 0] for i in items if _was_open(i, cut) and i.id not in reported
        ],
        months=_months(items, first, today),
        overdue_by_organization=sorted(by_organization.items(), key=lambda row: (-row[1], row[0])),
        audit_anchor=audit.newest_anchor(db),
    )


def _months(items: list[RectificationItem], first: date, today: date) -> list[MonthFigures]:
    figures = []
    for number in range(1, first.month + 1):
        label = f"{first.year}-{number:02d}"
        start_day, following = month_bounds(label)
        cutoff = min(following, today) if start_day <= today else following
        start, end, cut = _utc(start_day), _utc(following), _utc(cutoff)
        overdue = sum(_overdue_on(item, cutoff) for item in items)
        still_open = sum(_was_open(item, cut) for item in items)
        figures.append(
            MonthFigures(
                month=label,
                opened=sum(start <= item.created_at < end for item in items),
                closed=sum(
                    item.status == ItemStatus.closed
                    and item.closed_at is not None
                    and start <= item.closed_at < end
                    for item in items
                ),
                open_at_end=still_open - overdue,
                overdue_at_end=overdue,
                closed_by_end=sum(
                    item.created_at < cut and not _was_open(item, cut) for item in items
                ),
            )
        )
    return figures


# --- outputs: charts, PDF, XLSX ----------------------------------------------------------------------


def _month_of_year(month: str) -> str:
    """A chart's month label: 6月, or Jun."""
    named = month_name(month)
    return named.split("年", 1)[1] if "年" in named else named[:3]


def charts(report: MonthlyReport, font_family: str = "sans-serif") -> dict[str, Markup]:
    status = stacked_bars(
        [_month_of_year(figures.month) for figures in report.months],
        [
            (gettext("Closed"), [f.closed_by_end for f in report.months]),
            (gettext("Open, on time"), [f.open_at_end for f in report.months]),
            (gettext("Overdue"), [f.overdue_at_end for f in report.months]),
        ],
        title=gettext("Items by state at each month's end"),
        font_family=font_family,
    )
    overdue = horizontal_bars(
        report.overdue_by_organization,
        title=gettext("Overdue items by organization"),
        font_family=font_family,
    )
    return {"status_chart": status, "overdue_chart": overdue}


def title(report: MonthlyReport) -> str:
    return gettext("Rectification monthly report, %(month)s") % {"month": month_name(report.month)}


def to_pdf(report: MonthlyReport, settings: Settings) -> bytes:
    """The report as a document, in the document language whoever prints it."""
    with in_locale(settings.document_locale):
        context = {"title": title(report), **charts(report, fonts.chart_family(settings))}
    return print_report("reports/pdf/monthly.html", settings, r=report, **context)


def to_docx(report: MonthlyReport, settings: Settings) -> bytes:
    """The report as a Word document: the same figures and tables as the PDF, in the document
    language, from the Word template of the reports."""
    with in_locale(settings.document_locale):

        def day(value: date | None) -> str:
            return format_datetime(value, "date") if value else "—"

        headers = [gettext(h) for h in ("No.", "Organization", "Problem", "Responsible person")]
        headers += [gettext("Due date"), gettext("Status")]

        def items(caption: str, rows: list[ItemPublic], *, result: bool = False) -> Table:
            return Table(
                f"{caption}（{len(rows)}）",
                headers + ([gettext("Result")] if result else []),
                [
                    [str(n), i.organization_name, i.problem, i.responsible_person_name or "—"]
                    + [day(i.due_on), label(i.status)]
                    + ([i.result] if result else [])
                    for n, i in enumerate(rows, 1)
                ],
                gettext("None."),
            )

        figures = Table(
            gettext("Figures of the month"),
            [gettext("Figures of the month"), ""],
            [
                [gettext("Opened this month"), str(len(report.opened))],
                [gettext("Closed this month"), str(len(report.closed))],
                [
                    gettext("Overdue on %(day)s") % {"day": day(report.cutoff)},
                    str(len(report.overdue)),
                ],
                [gettext("Progress reports this month"), str(len(report.progress))],
                [
                    gettext("Open items without a report this month"),
                    str(len(report.without_progress)),
                ],
            ],
        )
        progress = Table(
            f"{gettext('Progress reports this month')}（{len(report.progress)}）",
            [
                gettext(h)
                for h in ("No.", "Organization", "Problem", "Done", "Progress", "Reported by")
            ],
            [
                [
                    str(n),
                    i.organization_name,
                    i.problem,
                    f"{p.percent}%",
                    p.text,
                    p.reporter_name or "—",
                ]
                for n, (i, p) in enumerate(report.progress, 1)
            ],
            gettext("None."),
        )
        tables = [
            figures,
            items(gettext("Opened this month"), report.opened),
            items(gettext("Closed this month"), report.closed, result=True),
            items(gettext("Overdue items"), report.overdue),
            progress,
            items(gettext("Open items without a report this month"), report.without_progress),
        ]
        issuer = report.organization_name + (
            gettext(" and below") if report.include_subtree else ""
        )
        anchor = report.audit_anchor
        return word.render(
            settings,
            issuer=issuer,
            title=title(report),
            period=f"{day(report.first_day)} – {day(report.last_day)}",
            tables=tables,
            anchor=f"{gettext('Audit log anchor:')} {anchor}" if anchor else "",
        )


ITEM_COLUMNS = (
    Column("序号", 6),
    Column("党组织", 22),
    Column("问题", 40),
    Column("责任人", 10),
    Column("完成时限", 12),
    Column("状态", 12),
    Column("整改成果", 30),
)


def _item_rows(items: list[ItemPublic]) -> list[list[Cell]]:
    return [
        [
            n,
            i.organization_name,
            i.problem,
            i.responsible_person_name,
            i.due_on,
            label(i.status),
            i.result,
        ]
        for n, i in enumerate(items, 1)
    ]


def to_xlsx(report: MonthlyReport) -> bytes:
    scope = f"{report.organization_name}{'（含下级组织）' if report.include_subtree else ''}"
    summary: list[list[Cell]] = [
        ["党组织", scope],
        ["月份", f"{int(report.month[:4])}年{int(report.month[5:])}月"],
        ["本月新增", len(report.opened)],
        ["本月销号", len(report.closed)],
        [f"逾期（截至{report.cutoff.isoformat()}）", len(report.overdue)],
        ["本月报送进展", len(report.progress)],
        ["本月未报送进展", len(report.without_progress)],
    ]
    by_month: list[list[Cell]] = [
        [f.month, f.opened, f.closed, f.closed_by_end, f.open_at_end, f.overdue_at_end]
        for f in report.months
    ]
    progress: list[list[Cell]] = [
        [n, i.organization_name, i.problem, p.percent, p.text, p.reporter_name]
        for n, (i, p) in enumerate(report.progress, 1)
    ]
    return workbook(
        [
            Sheet("汇总", (Column("指标", 24), Column("数值", 30)), summary),
            Sheet(
                "逐月情况",
                tuple(
                    Column(h, 12)
                    for h in ("月份", "新增", "销号", "累计销号", "正在整改（未逾期）", "逾期")
                ),
                by_month,
            ),
            Sheet("本月新增", ITEM_COLUMNS, _item_rows(report.opened)),
            Sheet("本月销号", ITEM_COLUMNS, _item_rows(report.closed)),
            Sheet("逾期", ITEM_COLUMNS, _item_rows(report.overdue)),
            Sheet(
                "本月进展",
                (
                    Column("序号", 6),
                    Column("党组织", 22),
                    Column("问题", 40),
                    Column("完成进度（%）", 12),
                    Column("进展情况", 40),
                    Column("报送人", 10),
                ),
                progress,
            ),
            Sheet("本月未报送进展", ITEM_COLUMNS, _item_rows(report.without_progress)),
        ]
    )
