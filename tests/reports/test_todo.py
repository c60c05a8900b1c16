"""待办: each role's list against a hand-built county, through the API and the page, never outside scope."""

from datetime import date, datetime, timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth.models import Role
from app.clock import local_now
from app.organizations.models import Organization, OrganizationKind
from app.rectification.models import ItemSource, ItemStatus, ProgressEntry, RectificationItem
from app.spot_checks.models import CheckMethod, CheckStatus, ReworkFlag, SpotCheck
from app.study_sessions.models import StudySession, StudySessionStatus
from tests import factories
from tests.fixtures.accounts import ADMIN_PASSWORD, make_account, token_for


def _meeting(
    db: Session,
    organization: Organization,
    title: str,
    status: StudySessionStatus,
    starts_at: datetime,
    **changes: object,
) -> StudySession:
    meeting = factories.create_study_session(db, organization, title=title, starts_at=starts_at)
    meeting.status = status
    for name, value in changes.items():
        setattr(meeting, name, value)
    db.add(meeting)
    db.commit()
    return meeting


def _item(
    db: Session,
    organization: Organization,
    number: int,
    problem: str,
    status: ItemStatus,
    due_on: date | None,
) -> RectificationItem:
    item = RectificationItem(
        organization_id=organization.id or 0,
        number=number,
        source=ItemSource.solicited_opinion,
        problem=problem,
        status=status,
        due_on=due_on,
    )
    db.add(item)
    db.commit()
    return item


def _client(application: FastAPI, db: Session, account_token: str) -> TestClient:
    return TestClient(application, headers={"Authorization": f"Bearer {account_token}"})


def _as_titles(body: dict[str, object]) -> dict[str, list[str]]:
    groups = body["groups"]
    assert isinstance(groups, list)
    return {g["kind"]: [e["title"] for e in g["entries"]] for g in groups}


def test_each_roles_todo_matches_the_hand_built_county(
    application: FastAPI, client: TestClient, db: Session
) -> None:
    now = local_now().replace(second=0, microsecond=0)
    today = now.date()
    this_month = f"{today.year:04d}-{today.month:02d}"
    county = factories.create_organization(db, name="长兴县委", code="CX")
    east = factories.create_organization(
        db, name="东岭村党支部", parent=county, code="DL", kind=OrganizationKind.branch
    )
    west = factories.create_organization(
        db, name="西岭村党支部", parent=county, code="XL", kind=OrganizationKind.branch
    )
    south = factories.create_organization(
        db, name="南岭村党支部", parent=county, code="NL", kind=OrganizationKind.branch
    )
    past, future = now - timedelta(days=2), now + timedelta(days=5)
    # East: one of each thing a secretary has to do, and things that are done.
    _meeting(db, east, "东岭：到时未记录", StudySessionStatus.planned, past)
    _meeting(db, east, "东岭：尚未到时", StudySessionStatus.planned, future)
    _meeting(db, east, "东岭：待定稿", StudySessionStatus.held, past)
    _meeting(db, east, "东岭：已定稿", StudySessionStatus.finalized, past)
    _meeting(
        db,
        east,
        "东岭：逾期未补课",
        StudySessionStatus.finalized,
        past - timedelta(days=60),
        rework_flag=ReworkFlag.open,
        rework_due_on=today - timedelta(days=1),
    )
    _meeting(
        db,
        east,
        "东岭：限期补课",
        StudySessionStatus.finalized,
        past - timedelta(days=30),
        rework_flag=ReworkFlag.make_up_scheduled,
        rework_due_on=today + timedelta(days=10),
    )
    _meeting(
        db,
        east,
        "东岭：补课待验收",
        StudySessionStatus.finalized,
        past - timedelta(days=90),
        rework_flag=ReworkFlag.make_up_held,
        rework_due_on=today - timedelta(days=20),
    )
    _item(db, east, 1, "东岭：本月未报进展", ItemStatus.in_progress, today + timedelta(days=30))
    reported = _item(db, east, 2, "东岭：本月已报进展", ItemStatus.in_progress, None)
    db.add(ProgressEntry(item_id=reported.id or 0, month=this_month, text="已整改", percent=60))
    _item(db, east, 3, "东岭：逾期未整改", ItemStatus.in_progress, today - timedelta(days=3))
    _item(db, east, 4, "东岭：已销号", ItemStatus.closed, today - timedelta(days=3))
    _item(db, east, 5, "东岭：待销号", ItemStatus.awaiting_closure, None)
    # West: the same kinds, never in the east secretary's list.
    _meeting(db, west, "西岭：待定稿", StudySessionStatus.held, past)
    _item(db, west, 1, "西岭：逾期未整改", ItemStatus.in_progress, today - timedelta(days=1))
    db.commit()

    secretary = make_account(db, east.id or 0, login="dl-secretary", role=Role.secretary)
    make_account(db, west.id or 0, login="xl-secretary", role=Role.secretary)
    inspector = make_account(
        db, county.id or 0, login="inspector", role=Role.inspector, include_subtree=True
    )
    colleague = make_account(
        db, county.id or 0, login="colleague", role=Role.inspector, include_subtree=True
    )
    viewer = make_account(db, east.id or 0, login="viewer", role=Role.viewer)
    admin = make_account(db, county.id or 0, login="county-admin", role=Role.admin)
    admin.include_subtree = True
    linked = factories.create_person(db, east, name="韩明华")
    secretary.person_id = linked.id
    db.add_all([secretary, admin])
    west_check = _meeting(db, west, "西岭：抽查对象", StudySessionStatus.finalized, past)
    for account, title in ((inspector, "西岭：抽查对象"), (colleague, "西岭：抽查对象")):
        db.add(
            SpotCheck(
                study_session_id=west_check.id,
                organization_id=west.id or 0,
                inspector_id=account.id,
                status=CheckStatus.assigned,
                method=CheckMethod.random_sampling,
            )
        )
        del title
    db.commit()
    tokens = {
        role: token_for(db, account)
        for role, account in (
            ("secretary", secretary),
            ("inspector", inspector),
            ("viewer", viewer),
            ("admin", admin),
        )
    }

    answers = {}
    pages = {}
    for role, token in tokens.items():
        with _client(application, db, token) as caller:
            answers[role] = caller.get("/api/v1/todo").json()
            pages[role] = caller.get("/todo")

    assert _as_titles(answers["secretary"]) == {
        "make_up": ["东岭：逾期未补课", "东岭：限期补课"],
        "record": ["东岭：到时未记录"],
        "finalize": ["东岭：待定稿"],
        "progress": ["东岭：逾期未整改", "东岭：本月未报进展"],
        "item_overdue": ["东岭：逾期未整改"],
    }
    make_ups = answers["secretary"]["groups"][0]["entries"]
    assert [e["overdue"] for e in make_ups] == [True, False]
    assert answers["secretary"]["total"] == 7
    assert _as_titles(answers["inspector"]) == {
        "planned_check": ["西岭：抽查对象"],  # the colleague's is theirs
        "acceptance": ["东岭：补课待验收"],
        "late_make_up": ["东岭：逾期未补课"],
        "item_overdue": ["东岭：逾期未整改", "西岭：逾期未整改"],
    }
    assert answers["viewer"] == {"role": "viewer", "total": 0, "groups": []}
    admin_titles = _as_titles(answers["admin"])
    # Every account but the east secretary's lacks a person (the county's administrator over a whole
    # tree sees the installation's too); the county and the south branch have no secretary.
    assert sorted(admin_titles["account_without_person"]) == sorted(
        ["admin", "xl-secretary", "inspector", "colleague", "viewer", "county-admin"]
    )
    assert admin_titles["organization_without_secretary"] == ["长兴县委", "南岭村党支部"]
    del south

    page = pages["secretary"]
    assert page.status_code == 200
    assert "东岭：逾期未补课" in page.text
    assert "西岭" not in page.text
    assert '<span class="count"' in page.text  # the menu counts what is to do
    assert ">7</span>" in page.text
    assert "暂无待办事项" in pages["viewer"].text


def test_login_lands_on_the_todo_page(anonymous_client: TestClient, db: Session) -> None:
    branch = factories.create_organization(db, name="东岭村党支部", code="DL")
    account = make_account(db, branch.id or 0, login="dl-secretary", role=Role.secretary)
    account.person_id = factories.create_person(db, branch, name="韩明华").id
    db.add(account)
    db.commit()
    browser = anonymous_client
    form = browser.get("/login")
    token = form.text.split('name="csrf_token" value="')[1].split('"')[0]
    answer = browser.post(
        "/login",
        data={"login": "dl-secretary", "password": ADMIN_PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    landed = browser.get(answer.headers["location"])

    assert answer.status_code == 303
    assert answer.headers["location"].endswith("/todo")
    assert '<span class="who">韩明华</span>' in landed.text  # the person, not the login
