"""planned → held → finalized: illegal steps are refused; finalize checks every rule at once."""

from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.audit.models import AuditEvent
from app.people.models import CommitteeRole
from app.study_sessions.models import AttendanceStatus, StudySessionKind
from tests import factories
from tests.helpers import if_match, row_counts


@pytest.fixture
def branch(db: Session):
    return factories.create_organization(db, name="南庄村党支部")


def _members(db: Session, branch, count: int = 4):
    secretary = factories.create_person(db, branch, name="林德福", role=CommitteeRole.secretary)
    deputy = factories.create_person(db, branch, name="郭建新", role=CommitteeRole.deputy_secretary)
    others = [factories.create_person(db, branch, name=f"党员{i}") for i in range(count - 2)]
    return [secretary, deputy, *others]


def _post(client: TestClient, study_session, action: str):
    url = f"/api/v1/study-sessions/{study_session.id}"
    return client.post(f"{url}/{action}", headers=if_match(client, url))


def _codes(response) -> list[str]:
    return [p["code"] for p in response.json()["error"]["problems"]]


def _complete(
    client: TestClient, db: Session, branch, kind=StudySessionKind.branch_general_meeting
):
    """A held session that meets every rule."""
    people = _members(db, branch)
    study_session = factories.create_study_session(db, branch, kind=kind, chair=people[0])
    client.patch(
        f"/api/v1/study-sessions/{study_session.id}",
        headers=if_match(client, f"/api/v1/study-sessions/{study_session.id}"),
        json={"recorder_id": people[1].id},
    )
    for person in people:
        factories.create_attendance(db, study_session, person)
    client.post(
        f"/api/v1/study-sessions/{study_session.id}/outlines",
        json={
            "author_id": people[0].id,
            "body": "书记对照检查提纲",
            "submitted_at": "2015-06-10T09:00",
        },
    )
    for person in people:
        factories.create_contribution(db, study_session, person, round=1)
    _post(client, study_session, "hold")
    return study_session, people


def test_planned_session_cannot_be_finalized(client: TestClient, db: Session, branch) -> None:
    study_session = factories.create_study_session(db, branch)
    response = _post(client, study_session, "finalize")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "illegal_transition"
    assert response.json()["error"]["current_status"] == "planned"


def test_held_session_cannot_go_back_to_planned(client: TestClient, db: Session, branch) -> None:
    study_session = factories.create_study_session(db, branch)
    assert _post(client, study_session, "hold").status_code == 200
    assert _post(client, study_session, "hold").json()["error"]["code"] == "illegal_transition"
    back = client.patch(
        f"/api/v1/study-sessions/{study_session.id}",
        headers=if_match(client, f"/api/v1/study-sessions/{study_session.id}"),
        json={"status": "planned"},
    )
    assert back.status_code == 409
    assert back.json()["error"]["code"] == "illegal_transition"


def test_finalizing_by_editing_the_status_is_refused(
    client: TestClient, db: Session, branch
) -> None:
    study_session = factories.create_study_session(db, branch)
    response = client.patch(
        f"/api/v1/study-sessions/{study_session.id}",
        headers=if_match(client, f"/api/v1/study-sessions/{study_session.id}"),
        json={"status": "finalized"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "use_finalize"


def test_session_missing_five_rules_gets_all_five_back(
    client: TestClient, db: Session, branch
) -> None:
    people = _members(db, branch, count=4)
    study_session = factories.create_study_session(
        db, branch, kind=StudySessionKind.branch_general_meeting
    )
    factories.create_attendance(db, study_session, people[0])
    factories.create_attendance(
        db, study_session, people[1], status=AttendanceStatus.absent, reason="外出"
    )
    factories.create_attendance(
        db, study_session, people[2], status=AttendanceStatus.on_leave, reason="因病"
    )
    factories.create_attendance(
        db, study_session, people[3], status=AttendanceStatus.on_leave, reason="出差"
    )
    # Make one reason empty behind the form's back (older data), and leave a finding half done.
    db.rollback()
    from app.study_sessions.models import Attendance, Finding

    attendance = db.exec(select(Attendance).where(Attendance.person_id == people[3].id)).one()
    attendance.reason = ""
    db.add(attendance)
    db.add(
        Finding(
            study_session_id=study_session.id or 0, description="学习不深入", cause="", measure=""
        )
    )
    db.commit()
    _post(client, study_session, "hold")
    before = row_counts(db)

    response = _post(client, study_session, "finalize")

    assert response.status_code == 422
    assert sorted(_codes(response)) == sorted(
        [
            "chair_missing",
            "recorder_missing",
            "absence_without_reason",
            "quorum_not_met",
            "finding_incomplete",
        ]
    )
    messages = " ".join(p["message"] for p in response.json()["error"]["problems"])
    assert "党员1" in messages  # the absentee without a reason is named
    assert "应到 4 人，实到 1 人" in messages
    assert row_counts(db) == before


def test_attendance_must_be_recorded(client: TestClient, db: Session, branch) -> None:
    study_session = factories.create_study_session(db, branch, kind=StudySessionKind.party_lecture)
    _post(client, study_session, "hold")
    assert "attendance_missing" in _codes(_post(client, study_session, "finalize"))


def test_committee_meeting_needs_more_than_half_of_the_committee(
    client: TestClient, db: Session, branch
) -> None:
    study_session, people = _complete(
        client, db, branch, kind=StudySessionKind.branch_committee_meeting
    )
    # Committee: secretary and deputy; mark the deputy absent → 1 of 2 is not more than half.
    attendance = client.get(f"/api/v1/study-sessions/{study_session.id}").json()["attendance"]
    deputy_row = next(a for a in attendance if a["person_id"] == people[1].id)
    client.patch(
        f"/api/v1/attendance/{deputy_row['id']}",
        headers=if_match(client, f"/api/v1/attendance/{deputy_row['id']}"),
        json={"status": "absent", "reason": "出差"},
    )

    response = _post(client, study_session, "finalize")

    assert _codes(response) == ["quorum_not_met"]
    assert "支委 2 人，出席 1 人" in response.json()["error"]["problems"][0]["message"]


def test_democratic_life_meeting_needs_two_thirds(client: TestClient, db: Session, branch) -> None:
    study_session, _people = _complete(
        client, db, branch, kind=StudySessionKind.democratic_life_meeting
    )
    attendance = client.get(f"/api/v1/study-sessions/{study_session.id}").json()["attendance"]
    for row in attendance[2:]:
        client.patch(
            f"/api/v1/attendance/{row['id']}",
            headers=if_match(client, f"/api/v1/attendance/{row['id']}"),
            json={"status": "on_leave", "reason": "培训"},
        )

    assert _codes(_post(client, study_session, "finalize")) == ["quorum_not_met"]


def test_secretary_outline_comes_first(client: TestClient, db: Session, branch) -> None:
    study_session, people = _complete(client, db, branch, kind=StudySessionKind.special_seminar)
    client.post(
        f"/api/v1/study-sessions/{study_session.id}/outlines",
        json={"author_id": people[2].id, "body": "党员提纲", "submitted_at": "2015-06-09T09:00"},
    )
    assert _codes(_post(client, study_session, "finalize")) == ["secretary_outline_not_first"]


def test_secretary_outline_must_exist_for_kinds_that_take_outlines(
    client: TestClient, db: Session, branch
) -> None:
    people = _members(db, branch)
    study_session = factories.create_study_session(
        db, branch, kind=StudySessionKind.org_life_meeting, chair=people[0]
    )
    client.patch(
        f"/api/v1/study-sessions/{study_session.id}",
        headers=if_match(client, f"/api/v1/study-sessions/{study_session.id}"),
        json={"recorder_id": people[1].id},
    )
    factories.attend_all(db, study_session)
    _post(client, study_session, "hold")
    assert _codes(_post(client, study_session, "finalize")) == ["secretary_outline_missing"]


def test_missing_key_speeches_warn_but_do_not_block(
    client: TestClient, db: Session, branch
) -> None:
    people = _members(db, branch)
    study_session = factories.create_study_session(
        db,
        branch,
        kind=StudySessionKind.special_seminar,
        chair=people[0],
        starts_at=datetime(2015, 6, 12, 14),
    )
    client.patch(
        f"/api/v1/study-sessions/{study_session.id}",
        headers=if_match(client, f"/api/v1/study-sessions/{study_session.id}"),
        json={"recorder_id": people[1].id},
    )
    for person in people:
        factories.create_attendance(db, study_session, person)
    client.post(
        f"/api/v1/study-sessions/{study_session.id}/outlines",
        json={"author_id": people[0].id, "body": "书记提纲"},
    )
    factories.create_contribution(db, study_session, people[0], round=1)
    _post(client, study_session, "hold")

    review = client.get(f"/api/v1/study-sessions/{study_session.id}/review").json()
    response = _post(client, study_session, "finalize")

    assert review["can_finalize"] is True
    assert [w["code"] for w in review["warnings"]] == ["key_speech_missing"]
    assert response.status_code == 200, response.text
    assert [w["code"] for w in response.json()["warnings"]] == ["key_speech_missing"]


def test_finalize_locks_the_minutes_and_is_audited(client: TestClient, db: Session, branch) -> None:
    study_session, people = _complete(client, db, branch)
    version = client.get(f"/api/v1/study-sessions/{study_session.id}").json()["version"]

    response = _post(client, study_session, "finalize")

    assert response.status_code == 200, response.text
    body = response.json()["study_session"]
    assert body["status"] == "finalized"
    assert body["version"] == version + 1
    assert body["finalized_at"] is not None
    assert _post(client, study_session, "finalize").json()["error"]["code"] == "illegal_transition"
    assert _post(client, study_session, "hold").json()["error"]["code"] == "illegal_transition"
    edit = client.patch(
        f"/api/v1/study-sessions/{study_session.id}",
        headers=if_match(client, f"/api/v1/study-sessions/{study_session.id}"),
        json={"title": "改标题"},
    )
    assert edit.status_code == 409
    speech = client.post(
        f"/api/v1/study-sessions/{study_session.id}/contributions",
        json={"speaker_id": people[0].id, "round": 3, "kind": "summary", "content": "补充发言"},
    )
    assert speech.status_code == 409
    db.rollback()
    actions = db.exec(select(AuditEvent.action).where(AuditEvent.entity == "study_session")).all()
    assert "finalize" in actions
