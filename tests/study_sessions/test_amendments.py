"""Finalized minutes change only through amendments, which make a new version with a reason."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.people.models import CommitteeRole
from app.study_sessions.models import StudySessionStatus
from tests import factories
from tests.helpers import field_error, if_match, row_counts


@pytest.fixture
def finalized(db: Session):
    branch = factories.create_organization(db, name="和平镇机关党支部")
    secretary = factories.create_person(db, branch, name="马国强", role=CommitteeRole.secretary)
    recorder = factories.create_person(db, branch, name="何丽")
    study_session = factories.create_study_session(
        db, branch, title="七月支部党员大会", chair=secretary
    )
    study_session.status = StudySessionStatus.finalized
    db.add(study_session)
    db.commit()
    return {"session": study_session, "secretary": secretary, "recorder": recorder}


def test_editing_finalized_minutes_in_place_is_refused(
    client: TestClient, db: Session, finalized
) -> None:
    before = row_counts(db)
    response = client.patch(
        f"/api/v1/study-sessions/{finalized['session'].id}",
        headers=if_match(client, f"/api/v1/study-sessions/{finalized['session'].id}"),
        json={"title": "改"},
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "study_session_finalized"
    assert row_counts(db) == before


def test_amendment_makes_a_new_version_and_appears_in_the_history(
    client: TestClient, finalized
) -> None:
    url = f"/api/v1/study-sessions/{finalized['session'].id}"
    version = client.get(url).json()["version"]

    response = client.post(
        f"{url}/amendments",
        headers=if_match(client, url),
        json={
            "reason": "记录人填写有误，经支委会核实更正",
            "changes": {"recorder_id": finalized["recorder"].id, "place": "镇机关三楼会议室"},
        },
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["version"] == version + 1
    assert body["status"] == "finalized"
    assert body["recorder"]["name"] == "何丽"
    [amendment] = body["amendments"]
    assert amendment["reason"] == "记录人填写有误，经支委会核实更正"
    assert amendment["login"] == "admin"
    assert amendment["changes"]["recorder_id"] == {"from": None, "to": finalized["recorder"].id}
    assert amendment["changes"]["place"]["to"] == "镇机关三楼会议室"
    assert client.get(f"{url}/amendments").json() == body["amendments"]


def test_amendment_needs_a_reason_and_a_change(client: TestClient, db: Session, finalized) -> None:
    meeting = f"/api/v1/study-sessions/{finalized['session'].id}"
    url, version = f"{meeting}/amendments", if_match(client, meeting)
    before = row_counts(db)

    no_reason = client.post(
        url, headers=version, json={"reason": "  ", "changes": {"place": "别处"}}
    )
    no_change = client.post(
        url, headers=version, json={"reason": "核对", "changes": {"title": "七月支部党员大会"}}
    )

    assert no_reason.status_code == 422
    assert field_error(no_reason.json(), "reason")
    assert no_change.status_code == 422
    assert no_change.json()["error"]["code"] == "no_change"
    assert row_counts(db) == before


def test_only_finalized_minutes_are_amended(client: TestClient, db: Session) -> None:
    study_session = factories.create_study_session(db, factories.create_organization(db))
    response = client.post(
        f"/api/v1/study-sessions/{study_session.id}/amendments",
        headers=if_match(client, f"/api/v1/study-sessions/{study_session.id}"),
        json={"reason": "更正", "changes": {"place": "别处"}},
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_finalized"


def test_a_row_of_minutes_still_held_is_edited_not_amended(client: TestClient, db: Session) -> None:
    branch = factories.create_organization(db)
    study_session = factories.create_study_session(db, branch)
    speech = factories.create_contribution(db, study_session, factories.create_person(db, branch))
    before = row_counts(db)
    row = f"/api/v1/contributions/{speech.id}"
    response = client.post(
        f"{row}/amendments",
        headers=if_match(client, row),
        json={"reason": "更正", "changes": {"content": "改"}},
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_finalized"
    assert row_counts(db) == before


def test_amendment_with_a_stale_version_is_refused(client: TestClient, finalized) -> None:
    url = f"/api/v1/study-sessions/{finalized['session'].id}"
    etag = client.get(url).headers["etag"]
    client.post(
        f"{url}/amendments",
        headers=if_match(client, url),
        json={"reason": "第一次更正", "changes": {"place": "甲处"}},
    )

    stale = client.post(
        f"{url}/amendments",
        json={"reason": "第二次更正", "changes": {"place": "乙处"}},
        headers={"If-Match": etag},
    )

    assert stale.status_code == 412
    assert client.get(url).json()["place"] == "甲处"
