"""Each step of a meeting's and an item's life is its own audit action, so ``?action=`` finds it: held,
finalized, amended, checked, the make-up accepted, closed (销号); the chain still verifies."""

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.audit.service import verify
from app.people.models import CommitteeRole
from app.study_sessions.models import StudySessionKind
from tests import factories
from tests.helpers import if_match


def _events(client: TestClient, action: str) -> list[dict[str, object]]:
    response = client.get("/api/v1/audit-events", params={"action": action, "limit": 200})
    assert response.status_code == 200, response.text
    items: list[dict[str, object]] = response.json()["items"]
    return items


def test_every_workflow_step_has_its_own_action(client: TestClient, db: Session) -> None:
    branch = factories.create_organization(db, name="东岭村党支部")
    secretary = factories.create_person(db, branch, name="韩明华", role=CommitteeRole.secretary)
    meeting = factories.create_study_session(
        db, branch, kind=StudySessionKind.party_lecture, chair=secretary
    )
    factories.create_attendance(db, meeting, secretary)
    url = f"/api/v1/study-sessions/{meeting.id}"
    assert (
        client.patch(
            url, headers=if_match(client, url), json={"recorder_id": secretary.id}
        ).status_code
        == 200
    )
    assert client.post(f"{url}/hold", headers=if_match(client, url)).status_code == 200
    assert client.post(f"{url}/finalize", headers=if_match(client, url)).status_code == 200
    amended = client.post(
        f"{url}/amendments",
        headers=if_match(client, url),
        json={"reason": "地点写错", "changes": {"place": "党员活动室"}},
    )
    assert amended.status_code == 201, amended.text
    checked = client.post(
        "/api/v1/spot-checks",
        json={
            "study_session_id": meeting.id,
            "checked_on": "2015-07-01",
            "method": "records_review",
            "verdict": "make_up",
        },
    )
    assert checked.status_code == 201, checked.text
    item = client.post(
        "/api/v1/rectification-items",
        json={"organization_id": branch.id, "problem": "记录不全", "status": "awaiting_closure"},
    ).json()
    closed = client.post(
        f"/api/v1/rectification-items/{item['id']}/close",
        headers=if_match(client, f"/api/v1/rectification-items/{item['id']}"),
        json={"result": "已补全"},
    )
    assert closed.status_code == 200, closed.text

    for action, entity, entity_id in (
        ("hold", "study_session", meeting.id),
        ("finalize", "study_session", meeting.id),
        ("amend", "study_session", meeting.id),
        ("record_check", "spot_check", checked.json()["id"]),
        ("close", "rectification_item", item["id"]),
    ):
        found = _events(client, action)
        assert [(e["entity"], e["entity_id"]) for e in found] == [(entity, str(entity_id))], action
    assert _events(client, "update"), "the automatic events are still there"
    assert verify(db).ok


def test_accepting_a_make_up_is_its_own_action(client: TestClient, db: Session) -> None:
    branch = factories.create_organization(db, name="东岭村党支部")
    secretary = factories.create_person(db, branch, name="韩明华", role=CommitteeRole.secretary)

    def held_lecture(**extra: object) -> int:
        body = {
            "organization_id": branch.id,
            "kind": "party_lecture",
            "title": "党课",
            "starts_at": "2015-06-12T14:30",
            "place": "活动室",
            "chair_id": secretary.id,
            "recorder_id": secretary.id,
        } | extra
        created = client.post("/api/v1/study-sessions", json=body).json()
        url = f"/api/v1/study-sessions/{created['id']}"
        client.post(f"{url}/attendance", json={"person_id": secretary.id, "status": "present"})
        assert client.post(f"{url}/hold", headers=if_match(client, url)).status_code == 200
        assert client.post(f"{url}/finalize", headers=if_match(client, url)).status_code == 200
        return int(created["id"])

    original = held_lecture()
    client.post(
        "/api/v1/spot-checks",
        json={
            "study_session_id": original,
            "checked_on": "2015-07-01",
            "method": "records_review",
            "verdict": "make_up",
        },
    )
    held_lecture(make_up_of_id=original, starts_at="2015-07-20T14:30")
    resolved = client.post(f"/api/v1/study-sessions/{original}/rework/resolve")

    assert resolved.status_code == 200, resolved.text
    found = _events(client, "resolve_rework")
    assert [(e["entity"], e["entity_id"]) for e in found] == [("study_session", str(original))]
    assert verify(db).ok
