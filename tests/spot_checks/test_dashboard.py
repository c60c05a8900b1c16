"""The inspector's dashboard and the monthly circular against figures worked out by hand."""

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.auth.models import Role
from app.organizations.models import OrganizationKind
from app.rectification.models import ItemStatus, RectificationItem
from app.reports.dashboard import periods_touched
from app.spot_checks.models import CheckMethod, CheckStatus, FrequencyPeriod, SpotCheck
from app.study_sessions.models import StudySessionKind, StudySessionStatus
from tests import factories
from tests.fixtures.accounts import make_account, token_for
from tests.helpers import pdf_text

PERIOD = {"from_month": "2015-04", "to_month": "2015-06", "as_of": "2015-07-01"}


def test_periods_touched() -> None:
    april, june, january = date(2015, 4, 1), date(2015, 6, 1), date(2016, 1, 1)
    assert periods_touched(FrequencyPeriod.month, april, june) == 3
    assert periods_touched(FrequencyPeriod.quarter, april, june) == 1
    # June 2015 – January 2016: Q2, Q3, Q4 of 2015 and Q1 of 2016
    assert periods_touched(FrequencyPeriod.quarter, june, january) == 4
    assert periods_touched(FrequencyPeriod.year, june, january) == 2


@pytest.fixture
def county(client: TestClient, db: Session) -> dict[str, int]:
    """County C (a party committee) with branches A and B, and a foreign county F. April–June 2015:

    C  democratic life meeting 06-20 (finalized)            → 1 of 1 a year
    A  committee meetings 04-08, 05-08, 06-08 (held/final.) → 3 of 3 (monthly); one planned 06-28 and one
       03-08 do not count
       group meetings 04-15, 05-15                          → 2 of 3
       general meeting 06-25                                → 1 of 1 (a quarter)
       theme Party day, organizational life meeting: none → 0 of 3, 0 of 1
    B  nothing                                             → 0 of 11
    F  a committee meeting in May                          → outside the jurisdiction
    Required 1 + 11 + 11 = 23, held 1 + 6 + 0 = 7.
    Checks in the period: pass (A committee 05-08), 补课 (A group 04-15), pass (C 06-20); one in July
    and one assigned but not carried out do not count → 3 recorded, pass rate 2/3, one open flag.
    Ledger on 07-01: A item due 06-30 open (overdue), A item due 06-15 closed, B item due 12-31 open.
    A reminder talk with A's secretary on 06-02.
    """
    c = factories.create_organization(db, name="长兴县委", code="C")
    a = factories.create_organization(
        db, name="东岭村党支部", parent=c, code="A", kind=OrganizationKind.branch
    )
    b = factories.create_organization(
        db, name="南庄村党支部", parent=c, code="B", kind=OrganizationKind.branch
    )
    f = factories.create_organization(
        db, name="安吉县东山村党支部", code="F", kind=OrganizationKind.branch
    )
    plan = [
        (c, StudySessionKind.democratic_life_meeting, (6, 20), StudySessionStatus.finalized),
        (a, StudySessionKind.branch_committee_meeting, (4, 8), StudySessionStatus.finalized),
        (a, StudySessionKind.branch_committee_meeting, (5, 8), StudySessionStatus.finalized),
        (a, StudySessionKind.branch_committee_meeting, (6, 8), StudySessionStatus.held),
        (a, StudySessionKind.branch_committee_meeting, (6, 28), StudySessionStatus.planned),
        (a, StudySessionKind.branch_committee_meeting, (3, 8), StudySessionStatus.finalized),
        (a, StudySessionKind.party_group_meeting, (4, 15), StudySessionStatus.finalized),
        (a, StudySessionKind.party_group_meeting, (5, 15), StudySessionStatus.finalized),
        (a, StudySessionKind.branch_general_meeting, (6, 25), StudySessionStatus.finalized),
        (f, StudySessionKind.branch_committee_meeting, (5, 8), StudySessionStatus.finalized),
    ]
    ids = {}
    for organization, kind, (month, day), status in plan:
        meeting = factories.create_study_session(
            db, organization, kind=kind, starts_at=datetime(2015, month, day, 19, 0)
        )
        meeting.status = status
        db.add(meeting)
        ids[f"{organization.code}-{kind.value}-{month:02}{day:02}"] = meeting.id or 0
    db.commit()
    secretary = factories.create_person(db, a, name="李国强")
    checks = [
        ("A-branch_committee_meeting-0508", "2015-05-10", "pass", ""),
        ("A-party_group_meeting-0415", "2015-04-20", "make_up", "党小组会流于形式，发言照本宣科"),
        ("C-democratic_life_meeting-0620", "2015-06-21", "pass", ""),
        ("A-branch_committee_meeting-0608", "2015-07-02", "reconvene", "七月检查"),
    ]
    for key, checked_on, verdict, notes in checks:
        response = client.post(
            "/api/v1/spot-checks",
            json={
                "study_session_id": ids[key],
                "checked_on": checked_on,
                "method": "records_review",
                "verdict": verdict,
                "notes": notes,
            },
        )
        assert response.status_code == 201, response.text
    # The July check's flag does not concern this period's figures, but open flags are shown as they
    # stand: resolve nothing, so there are two open flags (04-15 and 06-08).
    db.add(
        SpotCheck(
            study_session_id=ids["A-branch_general_meeting-0625"],
            organization_id=a.id or 0,
            status=CheckStatus.assigned,
            method=CheckMethod.random_sampling,
        )
    )
    db.commit()
    for organization, problem, due in (
        (a, "学习制度不落实", date(2015, 6, 30)),
        (a, "台账不全", date(2015, 6, 15)),
        (b, "阵地建设滞后", date(2015, 12, 31)),
    ):
        body = {"organization_id": organization.id, "problem": problem, "due_on": str(due)}
        assert client.post("/api/v1/rectification-items", json=body).status_code == 201
    db.rollback()
    item = db.exec(select(RectificationItem).where(RectificationItem.problem == "台账不全")).one()
    item.status = ItemStatus.closed
    db.add(item)
    db.commit()
    talk = client.post(
        f"/api/v1/organizations/{a.id}/admonitions",
        json={
            "person_id": secretary.id,
            "level": "reminder",
            "talked_on": "2015-06-02",
            "held_by": "县委组织部 王立新",
        },
    )
    assert talk.status_code == 201, talk.text
    return {"c": c.id or 0, "a": a.id or 0, "b": b.id or 0, "f": f.id or 0}


def test_the_dashboard_matches_the_hand_computed_figures(
    client: TestClient, county: dict[str, int]
) -> None:
    board = client.get("/api/v1/dashboard", params=PERIOD | {"organization_id": county["c"]})

    assert board.status_code == 200, board.text
    d = board.json()
    rows = {(r["organization_id"], r["session_kind"]): r for r in d["frequency"]}
    assert len(rows) == 11  # C: 1 kind; A and B: 5 kinds each; F is outside
    assert (
        rows[(county["c"], "democratic_life_meeting")]["required"],
        rows[(county["c"], "democratic_life_meeting")]["held"],
    ) == (1, 1)
    a = {
        kind: (r["required"], r["held"], r["shortfall"])
        for (org, kind), r in rows.items()
        if org == county["a"]
    }
    assert a == {
        "branch_committee_meeting": (3, 3, 0),
        "party_group_meeting": (3, 2, 1),
        "theme_party_day": (3, 0, 3),
        "branch_general_meeting": (1, 1, 0),
        "org_life_meeting": (1, 0, 1),
    }
    assert all(r["held"] == 0 for (org, _), r in rows.items() if org == county["b"])
    assert d["required_total"] == 23
    assert d["held_total"] == 7
    assert d["recorded"] == 3
    assert d["verdicts"] == {"pass": 2, "make_up": 1, "reconvene": 0}
    assert d["pass_rate"] == pytest.approx(2 / 3)
    assert d["assigned"] == 1
    assert [(f["title"], f["rework_flag"]) for f in d["flags"]] == [
        ("“严以修身”专题学习研讨", "open"),
        ("“严以修身”专题学习研讨", "open"),
    ]
    assert [f["notes"] for f in d["flags"]] == ["党小组会流于形式，发言照本宣科", "七月检查"]
    assert [o["problem"] for o in d["overdue"]] == ["学习制度不落实"]
    assert [(t["person"], t["level"]) for t in d["talks"]] == [("李国强", "reminder")]


def test_the_page_shows_the_figures_worked_out_by_hand(
    client: TestClient, county: dict[str, int]
) -> None:
    page = client.get(
        "/inspection",
        params={"organization_id": county["c"], "from_month": "2015-06", "to_month": "2015-06"},
    )

    assert page.status_code == 200
    figures = dict(re.findall(r'data-figure="(\w+)">([^<]+)<', page.text))
    # June alone: C's meeting (1 of 1), A: committee 1 of 1, group 0 of 1, theme day 0 of 1, general
    # meeting 1 of 1, org life 0 of 1; B 0 of 5 → 3 of 11. One check (C, pass) in June.
    assert figures["held"] == "3 / 11"
    assert figures["recorded"] == "1"
    assert figures["pass"] == "1"
    assert figures["flags"] == "2"
    assert "<svg" in page.text
    assert "2015年6月通报" in page.text  # the way to the month's circular


def test_the_circulars_figures_per_unit_are_the_dashboards(
    client: TestClient, county: dict[str, int], tmp_path: Path
) -> None:
    """The table of figures per unit in the circular sums the dashboard's rows under C: C itself
    and its branches A and B (June: 3 of 11 held, one check, two open flags, one overdue item)."""
    created = client.post(
        "/api/v1/circulars", json={"organization_id": county["c"], "month": "2015-06"}
    )
    pdf = client.get(f"/api/v1/circulars/{created.json()['id']}/circular.pdf")

    assert created.status_code == 201
    text = pdf_text(pdf.content, tmp_path, raw=True)
    # 党委, then 应开 已开 缺开 | 抽查 合格 补课 重开 | 待补课 逾期 (A: 5 required, committee and
    # general meeting held; both open flags and the overdue item are A's)
    assert "长兴县委" + "110" + "1100" + "00" in text
    assert "东岭村党支部" + "523" + "0000" + "21" in text
    assert "南庄村党支部" + "505" + "0000" + "00" in text
    assert "共抽查会议1次，其中合格1次" in created.json()["situation"]


def test_outside_the_jurisdiction_and_for_viewers(
    application: FastAPI, db: Session, county: dict[str, int]
) -> None:
    accounts = {
        "inspector": make_account(
            db, county["a"], login="a-inspector", role=Role.inspector, include_subtree=True
        ),
        "viewer": make_account(
            db, county["c"], login="c-viewer", role=Role.viewer, include_subtree=True
        ),
        "secretary": make_account(db, county["a"], login="a-secretary", role=Role.secretary),
        "c-secretary": make_account(db, county["c"], login="c-secretary", role=Role.secretary),
    }
    db.commit()
    answers = {}
    for name, account in accounts.items():
        headers = {"Authorization": f"Bearer {token_for(db, account)}"}
        with TestClient(application, headers=headers) as caller:
            answers[name] = (
                caller.get(
                    "/api/v1/dashboard", params=PERIOD | {"organization_id": county["c"]}
                ).status_code,
                caller.get("/api/v1/dashboard", params=PERIOD | {"organization_id": county["a"]}),
                caller.get("/circulars").status_code,
                caller.get("/api/v1/dashboard", params=PERIOD | {"organization_id": county["c"]}),
            )

    assert answers["inspector"][0] == 404  # C lies above A: outside the jurisdiction
    assert answers["inspector"][1].json()["required_total"] == 11
    assert answers["viewer"][0] == 403
    assert answers["secretary"][1].status_code == 200
    assert answers["secretary"][2] == 403
    assert answers["inspector"][2] == 200
    # A secretary's scope has no subtree: the county's secretary sees the county's own figures only,
    # and nobody but inspectors learns how many checks are planned.
    own = answers["c-secretary"][3].json()
    assert own["required_total"] == 1
    assert own["flags"] == []
    assert own["assigned"] is None
    assert answers["inspector"][1].json()["assigned"] == 1


def test_a_leaders_overview_has_the_dashboards_figures_per_unit(
    application: FastAPI, client: TestClient, db: Session, county: dict[str, int]
) -> None:
    """The viewer (a county's leader) gets the dashboard's figures without its working detail, summed
    per unit below, a unit one click down, and each unit's finalized minutes one click away; the
    inspectors' dashboard stays theirs."""
    leader = make_account(db, county["c"], login="leader", role=Role.viewer, include_subtree=True)
    headers = {"Authorization": f"Bearer {token_for(db, leader)}"}
    months = {"from_month": PERIOD["from_month"], "to_month": PERIOD["to_month"]}
    with TestClient(application, headers=headers) as viewer:
        overview = viewer.get("/api/v1/overview", params=months | {"organization_id": county["c"]})
        refused = viewer.get("/api/v1/dashboard", params=months | {"organization_id": county["c"]})
        foreign = viewer.get("/api/v1/overview", params=months | {"organization_id": county["f"]})
        page = viewer.get("/overview", params=months | {"organization_id": county["c"]})
        branch = viewer.get("/overview", params=months | {"organization_id": county["a"]})
    board = client.get("/api/v1/dashboard", params=PERIOD | {"organization_id": county["c"]}).json()

    assert overview.status_code == 200, overview.text
    o = overview.json()
    assert (o["required_total"], o["held_total"]) == (board["required_total"], board["held_total"])
    assert (o["required_total"], o["held_total"]) == (23, 7)
    assert [f["notes"] for f in o["flags"]] == [f["notes"] for f in board["flags"]]
    assert [i["problem"] for i in o["overdue"]] == ["学习制度不落实"]
    assert "checks" not in o  # the inspectors' working detail stays on their dashboard
    assert "talks" not in o
    units = {u["organization_id"]: u for u in o["units"]}
    assert sum(u["required"] for u in units.values()) == 23
    assert sum(u["held"] for u in units.values()) == 7
    assert (units[county["a"]]["required"], units[county["a"]]["held"]) == (11, 6)
    assert units[county["a"]]["missing"] == 5
    assert o["frequency"] == []  # several units: one row each, the rows one level down
    assert refused.status_code == 403
    assert foreign.status_code == 404
    figures = dict(re.findall(r'data-figure="(\w+)">([^<]+)<', page.text))
    assert figures["held"] == "7 / 23"
    assert f"/overview?organization_id={county['a']}&amp;from_month=2015-04" in page.text
    assert f"/?organization_id={county['a']}" in page.text  # the unit's minutes
    assert "2015年4月至2015年6月" in page.text  # months as people write them
    assert branch.status_code == 200
    assert "支部党员大会" in branch.text  # one unit: its kinds of meeting, row by row
