"""Campaign completeness: the matrix marks the right cells, and the members never present are named."""

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.campaigns import service as campaign_service
from app.campaigns.schemas import RequiredActionCreate
from app.organizations.models import OrganizationKind
from app.people.models import CommitteeRole
from app.study_sessions.models import AttendanceStatus, StudySessionStatus
from tests import factories
from tests.helpers import if_match, row_counts

COMMITTEES = [OrganizationKind.party_committee, OrganizationKind.party_group]


@pytest.fixture
def campaign_world(client: TestClient, db: Session) -> dict[str, Any]:
    """County C (committee) with branches A and B and the finance bureau's party group D.

    act1 讲专题党课 (committees and groups, due 2015-06-30): C finalized a linked lecture → done;
        D did nothing → missing; A and B → not required.
    act2 支部党员大会 (branches, due 2015-10-31): A has a linked session still held → started;
        B closed a linked ledger item → done.
    act3 专题组织生活会 (branches, due 2099-12-31): A nothing → pending; B an open linked item → started.
    """
    county = factories.create_organization(db, name="长兴县委", code="C")
    a = factories.create_organization(
        db, name="东岭村党支部", parent=county, code="C-A", kind=OrganizationKind.branch
    )
    b = factories.create_organization(
        db, name="南庄村党支部", parent=county, code="C-B", kind=OrganizationKind.branch
    )
    d = factories.create_organization(
        db, name="县财政局党组", parent=county, code="C-D", kind=OrganizationKind.party_group
    )
    campaign = factories.create_campaign(db, county)
    scope = factories.EVERYTHING
    actions = [
        campaign_service.create_required_action(
            db,
            scope,
            campaign,
            RequiredActionCreate(title=title, due_date=due, organization_kinds=kinds),
        )
        for title, due, kinds in (
            ("书记讲专题党课", date(2015, 6, 30), COMMITTEES),
            ("支部党员大会学习讨论", date(2015, 10, 31), [OrganizationKind.branch]),
            ("专题组织生活会", date(2099, 12, 31), [OrganizationKind.branch]),
        )
    ]
    db.commit()
    secretary = factories.create_person(db, county, name="周立新", role=CommitteeRole.secretary)
    present_a = factories.create_person(db, a, name="韩明华")
    absent_a = factories.create_person(db, a, name="许国平")
    factories.create_person(db, b, name="林德福")
    factories.create_person(db, d, name="陈国栋")
    lecture = factories.create_study_session(db, county, campaign=campaign, chair=secretary)
    factories.create_attendance(db, lecture, secretary)
    meeting = factories.create_study_session(db, a, campaign=campaign)
    factories.create_attendance(db, meeting, present_a)
    factories.create_attendance(
        db, meeting, absent_a, status=AttendanceStatus.on_leave, reason="外出务工"
    )
    for study_session, action, status in (
        (lecture, actions[0], StudySessionStatus.finalized),
        (meeting, actions[1], StudySessionStatus.held),
    ):
        response = client.patch(
            f"/api/v1/study-sessions/{study_session.id}",
            headers=if_match(client, f"/api/v1/study-sessions/{study_session.id}"),
            json={"required_action_id": action.id},
        )
        assert response.status_code == 200, response.text
        db.rollback()
        study_session.status = status
        db.add(study_session)
        db.commit()
    for action, closed in ((actions[1], True), (actions[2], False)):
        response = client.post(
            "/api/v1/rectification-items",
            json={"organization_id": b.id, "problem": "问题", "required_action_id": action.id},
        )
        assert response.status_code == 201, response.text
        if closed:
            client.post(
                f"/api/v1/rectification-items/{response.json()['id']}/close",
                headers=if_match(client, f"/api/v1/rectification-items/{response.json()['id']}"),
                json={"result": "已完成", "early_reason": "已核实"},
            )
    return {"campaign": campaign, "county": county, "actions": actions}


def test_the_matrix_marks_each_cell(client: TestClient, campaign_world: dict[str, Any]) -> None:
    campaign, county = campaign_world["campaign"], campaign_world["county"]

    response = client.get(
        f"/api/v1/campaigns/{campaign.id}/completeness", params={"organization_id": county.id}
    )

    assert response.status_code == 200, response.text
    body = response.json()
    states = {row["organization_name"]: [c["state"] for c in row["cells"]] for row in body["rows"]}
    assert states == {
        "长兴县委": ["done", "not_applicable", "not_applicable"],
        "东岭村党支部": ["not_applicable", "started", "pending"],
        "南庄村党支部": ["not_applicable", "done", "started"],
        "县财政局党组": ["missing", "not_applicable", "not_applicable"],
    }
    assert body["counts"] == {
        "done": 2,
        "started": 2,
        "missing": 1,
        "pending": 1,
        "not_applicable": 6,
    }
    absent = {(m["name"], m["organization_name"]) for m in body["absent_members"]}
    assert absent == {
        ("许国平", "东岭村党支部"),
        ("林德福", "南庄村党支部"),
        ("陈国栋", "县财政局党组"),
    }


def test_the_page_highlights_the_missing_cell(
    client: TestClient, campaign_world: dict[str, Any]
) -> None:
    campaign, county = campaign_world["campaign"], campaign_world["county"]

    page = client.get(
        f"/campaigns/{campaign.id}/completeness", params={"organization_id": county.id}
    )

    assert page.status_code == 200
    assert page.text.count('<td class="cell cell-missing"') == 1  # the legend aside
    assert "书记讲专题党课" in page.text
    assert "许国平（东岭村党支部）" in page.text


def test_links_must_fit_the_campaign(
    client: TestClient, db: Session, campaign_world: dict[str, Any]
) -> None:
    branch = factories.create_organization(db, name="和平镇党委", code="HP")
    other_campaign = factories.create_campaign(db, branch, name="党的群众路线教育实践活动")
    other = factories.create_study_session(db, branch, campaign=other_campaign)
    action = campaign_world["actions"][0]
    before = row_counts(db)

    refused = client.patch(
        f"/api/v1/study-sessions/{other.id}",
        headers=if_match(client, f"/api/v1/study-sessions/{other.id}"),
        json={"required_action_id": action.id},
    )
    item = client.post(
        "/api/v1/rectification-items",
        json={"organization_id": branch.id, "problem": "问题", "required_action_id": 987654},
    )

    assert refused.status_code == 422
    assert refused.json()["error"]["fields"][0]["field"] == "required_action_id"
    assert refused.json()["error"]["code"] == "required_action_other_campaign"
    assert item.status_code == 422
    assert item.json()["error"]["fields"][0]["field"] == "required_action_id"
    assert row_counts(db) == before
