"""Random sampling draws: reproducible from the stored seed and population, fair, weighted as documented."""

import math
import sqlite3
from datetime import datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlmodel import Session, select

from app.auth.models import Account, Role
from app.db import Database
from app.organizations.models import Organization, OrganizationKind
from app.people.models import CommitteeRole
from app.spot_checks.models import CheckStatus, ReworkFlag, SamplingDraw, SpotCheck
from app.spot_checks.sampling import RISK_WEIGHTS, select_ids, uniform_number
from app.spot_checks.schemas import Candidate
from app.study_sessions.models import StudySession, StudySessionKind, StudySessionStatus
from benchmarks.seed import seed
from tests import factories
from tests.fixtures.accounts import make_account, token_for
from tests.fixtures.databases import Backend
from tests.helpers import field_error, row_counts

WEAK = [
    Candidate(id=i, weight=1 + RISK_WEIGHTS["weak_unit"], reasons=["weak_unit"])
    for i in range(1, 6)
]
ORDINARY = [Candidate(id=i, weight=1, reasons=[]) for i in range(6, 21)]
DRAWS = 1000


def _meetings(
    db: Session, organization: Organization, count: int, *, status: StudySessionStatus
) -> list[int]:
    """Meetings in a given state (set directly: the draw only reads the state)."""
    ids = []
    for day in range(1, count + 1):
        meeting = factories.create_study_session(
            db,
            organization,
            title=f"第{day}次支部学习",
            kind=StudySessionKind.branch_committee_meeting,
            starts_at=datetime(2015, 6, day, 19, 0),
        )
        meeting.status = status
        db.add(meeting)
        ids.append(meeting.id or 0)
    db.commit()
    return ids


def _client(
    application: FastAPI, db: Session, organization: Organization, role: Role, login: str
) -> TestClient:
    account = make_account(
        db, organization.id or 0, login=login, role=role, include_subtree=role != Role.secretary
    )
    db.commit()
    return TestClient(application, headers={"Authorization": f"Bearer {token_for(db, account)}"})


def _account_id(db: Session, login: str) -> int:
    return db.exec(select(Account.id).where(Account.login == login)).one() or 0


def test_the_uniform_number_depends_only_on_seed_and_id() -> None:
    assert uniform_number("2015-07", 7) == uniform_number("2015-07", 7)
    assert uniform_number("2015-07", 7) != uniform_number("2015-08", 7)
    assert 0 < uniform_number("x", 1) < 1
    population = WEAK + ORDINARY
    assert select_ids(population, "s", 5) == select_ids(list(reversed(population)), "s", 5)
    assert select_ids(population, "s", 5) != select_ids(population, "t", 5)


def test_weighted_draws_pick_weak_units_at_the_documented_rate() -> None:
    """One meeting drawn from 5 weak units (weight 3) and 15 ordinary ones (weight 1): the first pick is a
    weak unit with probability 15/30 = 0.5 weighted, 5/20 = 0.25 uniform. Over 1,000 seeded draws the
    count must lie within 4 standard deviations of the expectation (a fair draw fails this ~1 in 15,000)."""
    weighted = sum(select_ids(WEAK + ORDINARY, f"seed-{n}", 1)[0] <= 5 for n in range(DRAWS))
    uniform_population = [Candidate(id=c.id, weight=1, reasons=[]) for c in WEAK + ORDINARY]
    uniform = sum(select_ids(uniform_population, f"seed-{n}", 1)[0] <= 5 for n in range(DRAWS))

    for count, p in ((weighted, 0.5), (uniform, 0.25)):
        tolerance = 4 * math.sqrt(DRAWS * p * (1 - p))
        assert abs(count - DRAWS * p) <= tolerance, (count, p)


def test_samples_of_five_favour_weak_units_only_when_weighted() -> None:
    """Uniform: a sample of 5 from 20 holds 5·5/20 = 1.25 weak units on average (hypergeometric, standard
    deviation of the mean over 1,000 draws 0.027); weighted, clearly more."""
    uniform_population = [Candidate(id=c.id, weight=1, reasons=[]) for c in WEAK + ORDINARY]
    uniform = [
        sum(i <= 5 for i in select_ids(uniform_population, f"u{n}", 5)) for n in range(DRAWS)
    ]
    weighted = [sum(i <= 5 for i in select_ids(WEAK + ORDINARY, f"w{n}", 5)) for n in range(DRAWS)]
    assert abs(sum(uniform) / DRAWS - 1.25) <= 4 * 0.027
    assert sum(weighted) / DRAWS > 1.25 + 8 * 0.027
    assert all(len(set(select_ids(WEAK + ORDINARY, f"w{n}", 5))) == 5 for n in range(50))


def test_a_stored_draw_reruns_identically_and_another_seed_draws_otherwise(
    application: FastAPI, client: TestClient, db: Session
) -> None:
    county = factories.create_organization(db, name="长兴县委", code="CX")
    branch = factories.create_organization(
        db, name="东岭村党支部", parent=county, code="DL", kind=OrganizationKind.branch
    )
    finalized = _meetings(db, branch, 12, status=StudySessionStatus.finalized)
    held = _meetings(db, branch, 2, status=StudySessionStatus.held)
    inspector = _client(application, db, county, Role.inspector, "inspector")
    colleague = _client(application, db, county, Role.inspector, "colleague")
    viewer = _client(application, db, county, Role.viewer, "leader")
    body = {"organization_id": county.id, "sample_size": 4, "seed": "2015-07-01"}
    with inspector, colleague, viewer:
        colleague_id, inspector_id = _account_id(db, "colleague"), _account_id(db, "inspector")
        draw = inspector.post(
            "/api/v1/sampling-draws", json=body | {"inspector_ids": [inspector_id, colleague_id]}
        ).json()
        rerun = colleague.get(f"/api/v1/sampling-draws/{draw['id']}/rerun").json()
        # Until its checks are carried out, the sample is the inspectors' business.
        hidden_from_viewer = viewer.get(f"/api/v1/sampling-draws/{draw['id']}/rerun")
        viewers_list = viewer.get("/api/v1/sampling-draws").json()["items"]
        other = inspector.post("/api/v1/sampling-draws", json=body | {"seed": "2015-07-02"}).json()
        generated = inspector.post("/api/v1/sampling-draws", json=body | {"seed": None}).json()
        too_few = inspector.post("/api/v1/sampling-draws", json=body | {"sample_size": 5})
        again = inspector.post(
            "/api/v1/sampling-draws", json=body | {"include_checked": True, "sample_size": 12}
        ).json()
        planned = inspector.get(
            "/api/v1/spot-checks", params={"sampling_draw_id": draw["id"]}
        ).json()["items"]
        listed = inspector.get("/api/v1/sampling-draws").json()["items"]
        inspectors = inspector.get("/api/v1/inspectors").json()
        viewer_asks = viewer.get("/api/v1/inspectors")

    assert [
        c["id"] for c in draw["population"]
    ] == finalized  # held meetings are not drawn by default
    assert not set(held) & set(draw["selected_ids"])
    assert draw["seed"] == "2015-07-01"
    assert draw["algorithm"] == "sha256-es/1"
    assert rerun == {
        "draw_id": draw["id"],
        "seed": "2015-07-01",
        "selected_ids": draw["selected_ids"],
        "identical": True,
    }
    assert hidden_from_viewer.status_code == 404
    assert viewers_list == []
    # A new draw leaves out the meetings already planned for a check (unless asked to include them).
    assert not set(other["selected_ids"]) & set(draw["selected_ids"])
    assert not set(generated["selected_ids"]) & set(other["selected_ids"] + draw["selected_ids"])
    assert too_few.status_code == 422
    assert too_few.json()["error"]["fields"][0]["message"].startswith("Only 0 meetings match")
    assert sorted(again["selected_ids"]) == finalized
    assert len(generated["seed"]) == 16
    assert len(generated["selected_ids"]) == 4
    assert sorted(check["study_session_id"] for check in planned) == sorted(draw["selected_ids"])
    assert {check["status"] for check in planned} == {CheckStatus.assigned}
    by_meeting = {check["study_session_id"]: check["inspector_id"] for check in planned}
    assert [by_meeting[i] for i in draw["selected_ids"]] == [
        inspector_id,
        colleague_id,
        inspector_id,
        colleague_id,
    ]
    assert {d["id"] for d in listed} == {draw["id"], other["id"], generated["id"], again["id"]}
    assert [d["population_size"] for d in listed] == [12, 4, 8, 12]  # newest first
    # Inspectors are named by person where they have one, and listed for the draw's inspector_ids.
    assert {i["id"] for i in inspectors} >= {inspector_id, colleague_id}
    assert all(
        "（长兴县委）" in i["name"] for i in inspectors if i["id"] in (inspector_id, colleague_id)
    )
    assert viewer_asks.status_code == 403
    assert draw["drawn_by"] == "inspector"  # an account with no person: its login
    assert {d["drawn_by"] for d in listed} == {"inspector"}


def test_risk_weights_come_from_the_units_flags_and_depth(
    application: FastAPI, client: TestClient, db: Session
) -> None:
    county = factories.create_organization(db, name="长兴县委", code="CX")
    weak = factories.create_organization(
        db, name="西岭村党支部", parent=county, code="XL", is_weak_unit=True
    )
    key = factories.create_organization(
        db,
        name="县财政局党支部",
        parent=county,
        code="CZ",
        is_key_unit=True,
        is_power_department=True,
    )
    lively = factories.create_organization(db, name="东岭村党支部", parent=county, code="DL")
    [weak_meeting] = _meetings(db, weak, 1, status=StudySessionStatus.finalized)
    [key_meeting] = _meetings(db, key, 1, status=StudySessionStatus.finalized)
    [lively_meeting, flagged_meeting] = _meetings(db, lively, 2, status=StudySessionStatus.held)
    # Everyone present at the lively meeting gave a key speech; the other meetings have nobody present.
    meeting = db.get(StudySession, lively_meeting)
    assert meeting is not None
    for name in ("韩明华", "曹丽娟", "王建国"):
        person = factories.create_person(db, lively, name=name, role=CommitteeRole.member)
        factories.create_attendance(db, meeting, person)
        factories.create_contribution(db, meeting, person)
    flagged = db.get(StudySession, flagged_meeting)
    assert flagged is not None
    flagged.rework_flag = ReworkFlag.make_up_scheduled
    for finished in (meeting, flagged):
        finished.status = StudySessionStatus.finalized
        db.add(finished)
    db.commit()
    inspector = _client(application, db, county, Role.inspector, "inspector")
    with inspector:
        response = inspector.post(
            "/api/v1/sampling-draws",
            json={"organization_id": county.id, "sample_size": 1, "weighting": "risk_weighted"},
        )
    weights = {c["id"]: (c["weight"], c["reasons"]) for c in response.json()["population"]}

    assert response.status_code == 201, response.text
    assert weights == {
        weak_meeting: (4, ["weak_unit", "low_depth"]),
        key_meeting: (4, ["key_unit", "power_department", "low_depth"]),
        lively_meeting: (3, ["open_flag"]),
        flagged_meeting: (4, ["open_flag", "low_depth"]),
    }


def test_who_may_draw_and_what_a_draw_refuses(
    application: FastAPI, client: TestClient, db: Session
) -> None:
    county = factories.create_organization(db, name="长兴县委", code="CX")
    branch = factories.create_organization(db, name="东岭村党支部", parent=county, code="DL")
    other_county = factories.create_organization(db, name="安吉县委", code="AJ")
    _meetings(db, branch, 3, status=StudySessionStatus.finalized)
    inspector = _client(application, db, county, Role.inspector, "inspector")
    stranger = _client(application, db, other_county, Role.inspector, "stranger")
    secretary = _client(application, db, branch, Role.secretary, "secretary")
    body = {"organization_id": county.id, "sample_size": 2, "seed": "s"}
    before = row_counts(db)
    with inspector, stranger, secretary:
        stranger_id = _account_id(db, "stranger")
        by_secretary = secretary.post("/api/v1/sampling-draws", json=body)
        by_stranger = stranger.post("/api/v1/sampling-draws", json=body)
        too_big = inspector.post("/api/v1/sampling-draws", json=body | {"sample_size": 4})
        planned_status = inspector.post(
            "/api/v1/sampling-draws", json=body | {"statuses": ["planned"]}
        )
        foreign_inspector = inspector.post(
            "/api/v1/sampling-draws", json=body | {"inspector_ids": [stranger_id]}
        )
        reversed_period = inspector.post(
            "/api/v1/sampling-draws",
            json=body | {"starts_from": "2015-07-01", "starts_until": "2015-06-01"},
        )
    assert row_counts(db) == before
    draw = inspector.post("/api/v1/sampling-draws", json=body).json()
    with stranger, secretary:
        hidden_draw = stranger.get(f"/api/v1/sampling-draws/{draw['id']}")
        hidden_rerun = stranger.get(f"/api/v1/sampling-draws/{draw['id']}/rerun")
        secretary_checks = secretary.get("/api/v1/spot-checks").json()["items"]
        check_id = db.exec(select(SpotCheck.id)).first()
        secretary_check = secretary.get(f"/api/v1/spot-checks/{check_id}")
        secretary_records = secretary.post(
            f"/api/v1/spot-checks/{check_id}/record",
            json={"checked_on": "2015-07-10", "method": "sat_in", "verdict": "pass"},
        )

    assert by_secretary.status_code == 403
    assert by_stranger.status_code == 404
    assert field_error(too_big.json(), "sample_size")
    assert field_error(planned_status.json(), "statuses")
    assert field_error(foreign_inspector.json(), "inspector_ids")
    assert field_error(reversed_period.json(), "starts_until")
    assert hidden_draw.status_code == 404
    assert hidden_rerun.status_code == 404
    # The branch does not learn of a planned check before it is carried out.
    assert secretary_checks == []
    assert secretary_check.status_code == 404
    assert secretary_records.status_code == 403
    assert db.exec(select(SamplingDraw)).first() is not None


@pytest.mark.commits
def test_a_weighted_draw_over_more_meetings_than_the_database_takes_parameters(
    backend: Backend, database: Database, client: TestClient, db: Session
) -> None:
    """The population's risk weights are looked up with the population's query, not with one bound
    parameter per meeting: SQLite refuses more than 32,766 parameters in a statement. On SQLite the
    limit is lowered to 100 for this test so that 150 meetings would exceed it."""
    if backend.name == "sqlite":

        def lower_limit(connection: Any, _record: Any, _proxy: Any) -> None:
            connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 100)

        event.listen(database.engine, "checkout", lower_limit)
    seed(database.engine, organizations=30, sessions=150, contributions=300, code="many")
    root = db.exec(select(Organization).where(Organization.code == "many")).one()

    response = client.post(
        "/api/v1/sampling-draws",
        json={
            "organization_id": root.id,
            "sample_size": 20,
            "weighting": "risk_weighted",
            "statuses": ["held", "finalized"],
        },
    )

    assert response.status_code == 201, response.text
    population = response.json()["population"]
    assert len(population) == 150
    # Bench meetings have 5 present members and 2 speeches each, so every one is low in depth;
    # branches 0 and 20 of the 30 are weak units.
    assert all("low_depth" in candidate["reasons"] for candidate in population)
    assert sum("weak_unit" in candidate["reasons"] for candidate in population) == 10
    assert len(response.json()["selected_ids"]) == 20
