"""The inspector's dashboard of a jurisdiction (督查看板); its figures of one month make the circular's
(通报, ``app.reports.circular``).

Figures for a period of whole months:
* meetings held per organization and kind against the required frequency (``meeting_frequency``, data):
  required = times × the number of calendar months / quarters / years the period touches; held = meetings
  of that kind held or finalized inside those whole months / quarters / years (make-ups count too);
* open rework flags of the jurisdiction, with the notes of the check that raised them;
* spot checks recorded in the period by verdict, and the pass rate (合格 / recorded);
* rectification items overdue on ``as_of``.
A fixed number of queries, whatever the size of the jurisdiction.
"""

from collections import Counter
from datetime import date, datetime, time

from markupsafe import Markup
from pydantic import BaseModel
from sqlmodel import Session, col, func, select

from app.auth import service as auth_service
from app.charts import horizontal_bars, stacked_bars
from app.clock import LocalTimestamp
from app.errors import InvalidInput
from app.i18n import gettext, mark, month_name
from app.organizations import service as organization_service
from app.organizations.models import Organization
from app.people.models import Person
from app.rectification import service as rectification_service
from app.rectification.models import RectificationItem
from app.scope import Scope, in_scope
from app.spot_checks import service as spot_check_service
from app.spot_checks.models import (
    Admonition,
    CheckStatus,
    FrequencyPeriod,
    MeetingFrequency,
    SpotCheck,
    Verdict,
)
from app.spot_checks.sampling import DRAWABLE_STATUSES, UNRESOLVED_FLAGS
from app.study_sessions.models import StudySession
from app.web.labels import label


class FrequencyRow(BaseModel):
    organization_id: int
    organization_name: str
    session_kind: str
    period: FrequencyPeriod
    times: int
    required: int
    held: int
    shortfall: int


class FlagRow(BaseModel):
    study_session_id: int
    title: str
    organization_id: int
    organization_name: str
    starts_at: LocalTimestamp
    rework_flag: str
    due_on: date | None = None  # the make-up's deadline
    overdue: bool = False  # the deadline has passed and the make-up is not held yet
    notes: str
    inspector: str | None


class OverdueRow(BaseModel):
    item_id: int
    organization_id: int
    organization_name: str
    number: int
    problem: str
    due_on: date


class CheckRow(BaseModel):
    spot_check_id: int
    study_session_id: int | None
    title: str
    organization_id: int
    organization_name: str
    checked_on: date
    method: str
    verdict: str
    notes: str
    inspector: str | None


class TalkRow(BaseModel):
    organization_name: str
    person: str
    level: str
    talked_on: date
    held_by: str


class Dashboard(BaseModel):
    organization_id: int
    organization_name: str
    from_month: str
    to_month: str
    as_of: date
    frequency: list[FrequencyRow]
    required_total: int
    held_total: int
    flags: list[FlagRow]
    verdicts: dict[str, int]  # verdict → recorded checks in the period
    recorded: int
    pass_rate: float | None  # None: no check recorded in the period
    assigned: int | None  # checks assigned, not yet carried out (inspectors only; else None)
    overdue: list[OverdueRow]
    checks: list[CheckRow]  # recorded in the period (the circular lists them)
    talks: list[TalkRow]  # admonishing talks held in the period


def _month_start(month: str) -> date:
    return date(int(month[:4]), int(month[5:7]), 1)


def next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def periods_touched(period: FrequencyPeriod, first: date, last_month: date) -> int:
    """How many calendar months / quarters / years the months from ``first`` to ``last_month`` touch."""
    months = (last_month.year - first.year) * 12 + last_month.month - first.month + 1
    if period == FrequencyPeriod.month:
        return months
    if period == FrequencyPeriod.quarter:
        return (
            (last_month.year * 4 + (last_month.month - 1) // 3)
            - (first.year * 4 + (first.month - 1) // 3)
            + 1
        )
    return last_month.year - first.year + 1


def period_window(period: FrequencyPeriod, first: date, last_month: date) -> tuple[date, date]:
    """[start, end) of the calendar months / quarters / years that the months first–last touch."""
    if period == FrequencyPeriod.month:
        return first, next_month(last_month)
    if period == FrequencyPeriod.quarter:
        start = date(first.year, (first.month - 1) // 3 * 3 + 1, 1)
        last_quarter_month = date(last_month.year, (last_month.month - 1) // 3 * 3 + 3, 1)
        return start, next_month(last_quarter_month)
    return date(first.year, 1, 1), date(last_month.year + 1, 1, 1)


def _frequency(
    db: Session, jurisdiction: Scope, first: date, last_month: date
) -> list[FrequencyRow]:
    frequencies = db.exec(select(MeetingFrequency).order_by(col(MeetingFrequency.position))).all()
    kinds_by_org_kind: dict[str, list[MeetingFrequency]] = {}
    for frequency in frequencies:
        kinds_by_org_kind.setdefault(frequency.organization_kind, []).append(frequency)
    organizations = db.exec(
        select(Organization)
        .where(in_scope(col(Organization.path), jurisdiction))
        .where(col(Organization.kind).in_(list(kinds_by_org_kind)))
        .where(col(Organization.active).is_(True))  # a dissolved organization owes no meetings
        .order_by(col(Organization.path))
    ).all()
    # Held meetings are counted over the whole periods the chosen months touch (a quarterly meeting held
    # in October counts for a November circular): one grouped query per kind of period.
    held: Counter[tuple[int, str, str]] = Counter()
    for period in {frequency.period for frequency in frequencies}:
        window_start, window_end = period_window(period, first, last_month)
        kinds = [f.session_kind for f in frequencies if f.period == period]
        for organization_id, kind, count in db.exec(
            select(StudySession.organization_id, StudySession.kind, func.count())
            .join(Organization, col(Organization.id) == StudySession.organization_id)
            .where(in_scope(col(Organization.path), jurisdiction))
            .where(col(StudySession.kind).in_(kinds))
            .where(col(StudySession.status).in_(DRAWABLE_STATUSES))
            .where(col(StudySession.starts_at) >= datetime.combine(window_start, time.min))
            .where(col(StudySession.starts_at) < datetime.combine(window_end, time.min))
            .group_by(col(StudySession.organization_id), col(StudySession.kind))
        ).all():
            held[(organization_id, kind, period)] = count
    rows = []
    for organization in organizations:
        for frequency in kinds_by_org_kind[organization.kind]:
            required = frequency.times * periods_touched(frequency.period, first, last_month)
            count = held[(organization.id or 0, frequency.session_kind, frequency.period)]
            rows.append(
                FrequencyRow(
                    organization_id=organization.id or 0,
                    organization_name=organization.name,
                    session_kind=frequency.session_kind,
                    period=frequency.period,
                    times=frequency.times,
                    required=required,
                    held=count,
                    shortfall=max(required - count, 0),
                )
            )
    return rows


def _flags(db: Session, jurisdiction: Scope, as_of: date) -> list[FlagRow]:
    rows = db.exec(
        select(StudySession, Organization.name)
        .join(Organization, col(Organization.id) == StudySession.organization_id)
        .where(in_scope(col(Organization.path), jurisdiction))
        .where(col(StudySession.rework_flag).in_(UNRESOLVED_FLAGS))
        .order_by(col(StudySession.starts_at), col(StudySession.id))
    ).all()
    ids = [meeting.id for meeting, _ in rows]
    # The check that raised each flag: the newest make-up / reconvene verdict on the meeting.
    raising: dict[int | None, SpotCheck] = {}
    if ids:
        for check in db.exec(
            select(SpotCheck)
            .where(col(SpotCheck.study_session_id).in_(ids))
            .where(col(SpotCheck.verdict).in_((Verdict.make_up, Verdict.reconvene)))
            .order_by(col(SpotCheck.id))
        ).all():
            raising[check.study_session_id] = check
    names = auth_service.account_names(db, [check.inspector_id for check in raising.values()])
    return [
        FlagRow(
            study_session_id=meeting.id or 0,
            title=meeting.title,
            organization_id=meeting.organization_id,
            organization_name=name,
            starts_at=meeting.starts_at,
            rework_flag=meeting.rework_flag or "",
            due_on=meeting.rework_due_on,
            overdue=spot_check_service.rework_overdue(meeting, as_of),
            notes=raising[meeting.id].notes if meeting.id in raising else "",
            inspector=names.get(raising[meeting.id].inspector_id or 0)
            if meeting.id in raising
            else None,
        )
        for meeting, name in rows
    ]


def _checks(db: Session, jurisdiction: Scope, first: date, end: date) -> list[CheckRow]:
    rows = db.exec(
        select(SpotCheck, Organization.name, StudySession.title)
        .join(Organization, col(Organization.id) == SpotCheck.organization_id)
        .outerjoin(StudySession, col(StudySession.id) == SpotCheck.study_session_id)
        .where(in_scope(col(Organization.path), jurisdiction))
        .where(SpotCheck.status == CheckStatus.recorded)
        .where(col(SpotCheck.checked_on) >= first)
        .where(col(SpotCheck.checked_on) < end)
        .order_by(col(SpotCheck.checked_on), col(SpotCheck.id))
    ).all()
    names = auth_service.account_names(db, [check.inspector_id for check, _, _ in rows])
    return [
        CheckRow(
            spot_check_id=check.id or 0,
            study_session_id=check.study_session_id,
            title=title or "",
            organization_id=check.organization_id,
            organization_name=name,
            checked_on=check.checked_on or first,
            method=check.method,
            verdict=check.verdict or "",
            notes=check.notes,
            inspector=names.get(check.inspector_id or 0),
        )
        for check, name, title in rows
    ]


def _talks(db: Session, jurisdiction: Scope, first: date, end: date) -> list[TalkRow]:
    rows = db.exec(
        select(Admonition, Organization.name, Person.name)
        .join(Organization, col(Organization.id) == Admonition.organization_id)
        .join(Person, col(Person.id) == Admonition.person_id)
        .where(in_scope(col(Organization.path), jurisdiction))
        .where(col(Admonition.talked_on) >= first)
        .where(col(Admonition.talked_on) < end)
        .order_by(col(Admonition.talked_on), col(Admonition.id))
    ).all()
    return [
        TalkRow(
            organization_name=organization_name,
            person=person_name,
            level=talk.level,
            talked_on=talk.talked_on,
            held_by=talk.held_by,
        )
        for talk, organization_name, person_name in rows
    ]


def _overdue(db: Session, jurisdiction: Scope, as_of: date) -> list[OverdueRow]:
    rows = db.exec(
        select(RectificationItem, Organization.name)
        .join(Organization, col(Organization.id) == RectificationItem.organization_id)
        .where(in_scope(col(Organization.path), jurisdiction))
        .where(rectification_service.overdue_condition(as_of))
        .order_by(col(RectificationItem.due_on), col(RectificationItem.id))
    ).all()
    return [
        OverdueRow(
            item_id=item.id or 0,
            organization_id=item.organization_id,
            organization_name=name,
            number=item.number,
            problem=item.problem,
            due_on=item.due_on or as_of,
        )
        for item, name in rows
    ]


def dashboard(
    db: Session,
    scope: Scope,
    organization: Organization,
    from_month: str,
    to_month: str,
    *,
    as_of: date,
    planned_visible: bool = False,
) -> Dashboard:
    """The figures of ``organization``'s subtree (inside ``scope``) for the months from–to."""
    first, last_month = _month_start(from_month), _month_start(to_month)
    end = next_month(last_month)
    if not scope.covers(organization.path):  # pragma: no cover - callers look it up in scope first
        raise ValueError("organization outside scope")
    # The organization's subtree — or the organization alone when the caller's scope has no subtree.
    jurisdiction = Scope(organization.path, include_subtree=scope.include_subtree)
    frequency = _frequency(db, jurisdiction, first, last_month)
    checks = _checks(db, jurisdiction, first, end)
    verdicts = Counter(check.verdict for check in checks)
    # Planned checks are the inspectors' business: others do not learn of an unannounced visit.
    assigned = (
        db.exec(
            select(func.count())
            .select_from(SpotCheck)
            .join(Organization, col(Organization.id) == SpotCheck.organization_id)
            .where(in_scope(col(Organization.path), jurisdiction))
            .where(SpotCheck.status == CheckStatus.assigned)
        ).one()
        if planned_visible
        else None
    )
    return Dashboard(
        organization_id=organization.id or 0,
        organization_name=organization.name,
        from_month=from_month,
        to_month=to_month,
        as_of=as_of,
        frequency=frequency,
        required_total=sum(row.required for row in frequency),
        held_total=sum(min(row.held, row.required) for row in frequency),
        flags=_flags(db, jurisdiction, as_of),
        verdicts={verdict.value: verdicts[verdict.value] for verdict in Verdict},
        recorded=len(checks),
        pass_rate=verdicts[Verdict.passed.value] / len(checks) if checks else None,
        assigned=assigned,
        overdue=_overdue(db, jurisdiction, as_of),
        checks=checks,
        talks=_talks(db, jurisdiction, first, end),
    )


class UnitRow(BaseModel):
    """One unit directly under the board's organization (a 党委 of a county, a branch of a town) with
    its subtree — or the organization's own figures."""

    organization_id: int
    name: str
    required: int = 0
    held: int = 0
    missing: int = 0
    checked: int = 0
    passed: int = 0
    make_up: int = 0
    reconvene: int = 0
    flags: int = 0
    late_make_ups: int = 0  # open flags past the make-up's deadline
    overdue: int = 0

    def any(self) -> bool:
        return any(value for value in self.model_dump(exclude={"name", "organization_id"}).values())


def units(db: Session, board: Dashboard) -> list[UnitRow]:
    """The board's figures summed per unit directly under its organization (units with nothing to
    show left out)."""
    issuer = db.get(Organization, board.organization_id)
    if issuer is None:  # pragma: no cover - the board was read from it
        return []
    organizations = db.exec(
        select(Organization.id, Organization.path, Organization.name)
        .where(col(Organization.path).startswith(issuer.path))
        .order_by(col(Organization.path))
    ).all()
    unit_of: dict[int, int] = {}
    rows: dict[int, UnitRow] = {}
    for found_id, path, name in organizations:
        organization_id = found_id or 0
        below = path.removeprefix(issuer.path).split("/")
        unit = int(below[0]) if below[0] else board.organization_id
        unit_of[organization_id] = unit
        if unit == organization_id:
            rows[unit] = UnitRow(organization_id=unit, name=name)
    for frequency in board.frequency:
        row = rows[unit_of[frequency.organization_id]]
        row.required += frequency.required
        row.held += min(frequency.held, frequency.required)
        row.missing += frequency.shortfall
    for check in board.checks:
        row = rows[unit_of[check.organization_id]]
        row.checked += 1
        row.passed += check.verdict == Verdict.passed
        row.make_up += check.verdict == Verdict.make_up
        row.reconvene += check.verdict == Verdict.reconvene
    for flag in board.flags:
        rows[unit_of[flag.organization_id]].flags += 1
        rows[unit_of[flag.organization_id]].late_make_ups += flag.overdue
    for item in board.overdue:
        rows[unit_of[item.organization_id]].overdue += 1
    return [row for row in rows.values() if row.any()]


class Overview(BaseModel):
    """A leader's overview (概览) of their scope: the dashboard's figures without the inspectors'
    working detail (checks, talks, planned visits) — per unit, with the open flags and overdue items."""

    organization_id: int
    organization_name: str
    from_month: str
    to_month: str
    as_of: date
    required_total: int
    held_total: int
    late_make_ups: int
    units: list[UnitRow]
    frequency: list[FrequencyRow]  # per organization and kind when the scope is one unit, else []
    flags: list[FlagRow]
    overdue: list[OverdueRow]


def overview(db: Session, board: Dashboard) -> Overview:
    """The overview of a dashboard's organization and period (the same figures, by construction)."""
    per_unit = units(db, board)
    return Overview(
        organization_id=board.organization_id,
        organization_name=board.organization_name,
        from_month=board.from_month,
        to_month=board.to_month,
        as_of=board.as_of,
        required_total=board.required_total,
        held_total=board.held_total,
        late_make_ups=sum(flag.overdue for flag in board.flags),
        units=per_unit,
        frequency=board.frequency if len(per_unit) <= 1 else [],
        flags=board.flags,
        overdue=board.overdue,
    )


def charts(board: Dashboard, font_family: str = "sans-serif") -> dict[str, Markup]:
    """Held against required per meeting kind; spot-check verdicts."""
    kinds = list(dict.fromkeys(row.session_kind for row in board.frequency))
    held = [
        sum(min(r.held, r.required) for r in board.frequency if r.session_kind == k) for k in kinds
    ]
    missing = [sum(r.shortfall for r in board.frequency if r.session_kind == k) for k in kinds]
    frequency_chart = stacked_bars(
        [label(kind) for kind in kinds],
        [(gettext("Held"), held), (gettext("Missing"), missing)],
        title=gettext("Meetings held against the required frequency"),
        font_family=font_family,
    )
    verdict_chart = horizontal_bars(
        [(label(Verdict(verdict)), count) for verdict, count in board.verdicts.items()],
        title=gettext("Spot checks by verdict"),
        font_family=font_family,
    )
    return {"frequency_chart": frequency_chart, "verdict_chart": verdict_chart}


def for_caller(
    db: Session,
    scope: Scope,
    organization_id: int,
    from_month: str,
    to_month: str,
    *,
    as_of: date | None = None,
    planned_visible: bool = False,
) -> Dashboard:
    """The dashboard of an organization of the caller's scope for whole months, figured as the period
    ended (the day after it) — or today while it runs — so a circular printed later says the same."""
    organization = organization_service.get_organization(
        db, scope, organization_id, field="organization_id"
    )
    if to_month < from_month:
        raise InvalidInput(
            mark("The end of the period is before its start."),
            code="period_reversed",
            field="to_month",
        )
    period_end = next_month(date.fromisoformat(f"{to_month}-01"))
    return dashboard(
        db,
        scope,
        organization,
        from_month,
        to_month,
        as_of=as_of or min(rectification_service.today(), period_end),
        planned_visible=planned_visible,
    )


def period_name(board: Dashboard) -> str:
    """2015年11月, or 2015年9月至11月 for a longer period (in the reader's language)."""
    first, last = month_name(board.from_month), month_name(board.to_month)
    return (
        first
        if first == last
        else gettext("%(first)s to %(last)s") % {"first": first, "last": last}
    )
