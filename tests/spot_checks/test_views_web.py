"""The inspector's pages: draw, record a check, order rectification, hold a talk; the secretary's make-up."""

import re
from datetime import datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.auth.models import Role
from app.organizations.models import OrganizationKind
from app.people.models import CommitteeRole
from app.spot_checks.models import SpotCheck
from app.study_sessions.models import StudySessionKind, StudySessionStatus
from tests import factories
from tests.fixtures.accounts import make_account, token_for
from tests.helpers import row_counts
from tests.study_sessions.test_views_web import _field_error


def _as(application: FastAPI, db: Session, organization_id: int, role: Role) -> TestClient:
    account = make_account(
        db, organization_id, login=role.value, role=role, include_subtree=role != Role.secretary
    )
    db.commit()
    return TestClient(application, headers={"Authorization": f"Bearer {token_for(db, account)}"})


@pytest.fixture
def county(client: TestClient, db: Session) -> dict[str, Any]:
    county = factories.create_organization(db, name="长兴县委", code="CX")
    branch = factories.create_organization(
        db, name="东岭村党支部", parent=county, code="DL", kind=OrganizationKind.branch
    )
    secretary = factories.create_person(db, branch, name="韩明华", role=CommitteeRole.secretary)
    meetings = []
    for day in (8, 15, 22):
        meeting = factories.create_study_session(
            db,
            branch,
            title=f"组织生活会（10月{day}日）",
            kind=StudySessionKind.org_life_meeting,
            starts_at=datetime(2015, 10, day, 19, 0),
        )
        meeting.status = StudySessionStatus.finalized
        db.add(meeting)
        meetings.append(meeting.id)
    db.commit()
    return {"county": county, "branch": branch, "secretary": secretary, "meetings": meetings}


def test_an_inspector_draws_records_orders_and_talks_in_the_browser(
    application: FastAPI, client: TestClient, db: Session, county: dict[str, Any]
) -> None:
    inspector = _as(application, db, county["county"].id, Role.inspector)
    secretary = _as(application, db, county["branch"].id, Role.secretary)
    before = row_counts(db)
    with inspector, secretary:
        form = inspector.get("/draws/new")
        too_many = inspector.post(
            "/draws",
            data={
                "organization_id": county["county"].id,
                "status-finalized": "on",
                "sample_size": "9",
                "weighting": "uniform",
            },
        )
        unchanged = row_counts(db)
        drawn = inspector.post(
            "/draws",
            data={
                "organization_id": county["county"].id,
                "status-finalized": "on",
                "sample_size": "1",
                "weighting": "risk_weighted",
                "seed": "2015-11",
            },
            follow_redirects=False,
        )
        draw_page = inspector.get(drawn.headers["location"], params={"rerun": "1"})
        db.rollback()  # a fresh snapshot: the draw was committed by the request
        check = db.exec(select(SpotCheck)).one()
        check_page = inspector.get(f"/spot-checks/{check.id}")
        hidden_from_branch = secretary.get(f"/spot-checks/{check.id}")
        secretary_draws = secretary.get("/draws/new")
        record = {
            "checked_on": "2015-11-05",
            "method": "records_review",
            "scores.secretary_led": "40",
            "notes": "相互批评避重就轻",
            "verdict": "make_up",
        }
        no_reason = inspector.post(f"/spot-checks/{check.id}/record", data=record)
        recorded = inspector.post(
            f"/spot-checks/{check.id}/record",
            data=record | {"override_reasons.secretary_led": "会上多数人照稿念"},
            follow_redirects=False,
        )
        blank_talk = inspector.post(
            f"/spot-checks/{check.id}/talk",
            data={
                "person_id": county["secretary"].id,
                "level": "reminder",
                "talked_on": "2015-11-06",
                "held_by": " ",
            },
        )
        talk = inspector.post(
            f"/spot-checks/{check.id}/talk",
            data={
                "person_id": county["secretary"].id,
                "level": "reminder",
                "talked_on": "2015-11-06",
                "held_by": "县委组织部副部长 王海涛",
            },
            follow_redirects=False,
        )
        ordered = inspector.post(
            f"/spot-checks/{check.id}/rectification",
            data={"problem": "批评辣味不足", "due_on": "2015-11-30"},
            follow_redirects=False,
        )
        done_page = inspector.get(f"/spot-checks/{check.id}")
        flagged = secretary.get(f"/study-sessions/{check.study_session_id}")
        make_up_link = re.search(r'href="(/study-sessions/new\?make_up_of_id=[^"]+)"', flagged.text)
        assert make_up_link, "the secretary is offered the make-up"
        make_up_form = secretary.get(make_up_link.group(1).replace("&amp;", "&"))

    assert form.status_code == 200
    assert too_many.status_code == 422
    assert _field_error(too_many.text, "draw", "sample_size").startswith("符合条件的会议只有")
    assert re.search(r"只有\d+次", too_many.text)  # how many qualified
    assert unchanged == before
    assert drawn.status_code == 303
    assert "重新抽取结果一致" in draw_page.text
    assert "软弱涣散" not in draw_page.text  # no weak unit here
    assert check_page.status_code == 200
    assert 'name="scores.secretary_led"' in check_page.text
    assert hidden_from_branch.status_code == 404  # a planned check stays unannounced
    assert secretary_draws.status_code == 403
    assert no_reason.status_code == 422
    assert _field_error(no_reason.text, "record", "override_reasons.secretary_led")
    assert "相互批评避重就轻" in no_reason.text  # what was typed is kept
    assert recorded.status_code == 303
    assert _field_error(blank_talk.text, "talk", "held_by")
    assert talk.status_code == 303
    assert ordered.status_code == 303
    assert "会上多数人照稿念" in done_page.text
    assert "提醒谈话" in done_page.text
    assert "批评辣味不足" in done_page.text
    assert "须补课" in flagged.text
    assert "相互批评避重就轻" in flagged.text  # the inspector's notes, on the secretary's page
    assert make_up_form.status_code == 200
    assert f'name="make_up_of_id" value="{check.study_session_id}"' in make_up_form.text
    assert "（补课）" in make_up_form.text


def test_the_dashboard_page_links_the_inspectors_work(
    application: FastAPI, client: TestClient, db: Session, county: dict[str, Any]
) -> None:
    inspector = _as(application, db, county["county"].id, Role.inspector)
    with inspector:
        page = inspector.get("/inspection")
        bad = inspector.get(
            "/inspection",
            params={
                "organization_id": county["county"].id,
                "from_month": "2015-13",
                "to_month": "2015-12",
            },
        )
        year_zero = inspector.get(
            "/inspection",
            params={
                "organization_id": county["county"].id,
                "from_month": "0000-01",
                "to_month": "9999-12",
            },
        )
        reversed_period = inspector.get(
            "/inspection",
            params={
                "organization_id": county["county"].id,
                "from_month": "2015-12",
                "to_month": "2015-01",
            },
        )

    assert page.status_code == 200
    assert "督查看板" in page.text
    assert 'href="/draws/new' in page.text
    assert bad.status_code == 422
    assert _field_error(bad.text, "dashboard", "from_month")
    assert year_zero.status_code == 422
    assert reversed_period.status_code == 422
    assert _field_error(reversed_period.text, "dashboard", "to_month")


def test_the_criteria_are_in_the_readers_language(
    application: FastAPI, client: TestClient, db: Session, county: dict[str, Any]
) -> None:
    """The default criteria read in English on an English page; in Chinese as stored."""
    inspector = _as(application, db, county["county"].id, Role.inspector)
    meeting = county["meetings"][0]
    with inspector:
        english = inspector.get(
            "/spot-checks/new", params={"study_session_id": meeting, "lang": "en"}
        )
        chinese = inspector.get(
            "/spot-checks/new", params={"study_session_id": meeting, "lang": "zh-CN"}
        )

    assert english.status_code == 200, english.text
    assert "The secretary leads: writes first, speaks first" in english.text
    assert "书记带头" not in english.text
    assert "书记带头：先写提纲、先发言" in chinese.text
