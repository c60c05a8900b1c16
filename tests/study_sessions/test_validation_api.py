"""Refused writes answer with the field and a machine code, and leave the database unchanged."""

from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.people.models import CommitteeRole
from app.study_sessions.models import AttendanceStatus
from tests import factories
from tests.helpers import field_error, if_match, row_counts


@pytest.fixture
def branch(db: Session):
    county = factories.create_organization(db, name="中共长兴县委")
    return factories.create_organization(db, name="和平镇机关党支部", parent=county)


@pytest.fixture
def secretary(db: Session, branch):
    return factories.create_person(db, branch, name="李明华", role=CommitteeRole.secretary)


def test_present_may_not_exceed_expected(
    client: TestClient, db: Session, branch, secretary
) -> None:
    member = factories.create_person(db, branch, name="赵红梅")
    study_session = factories.create_study_session(db, branch, expected_count=1)
    factories.create_attendance(db, study_session, secretary)
    before = row_counts(db)

    response = client.post(
        f"/api/v1/study-sessions/{study_session.id}/attendance",
        json={"person_id": member.id, "status": "present"},
    )

    assert response.status_code == 422
    assert field_error(response.json(), "status")["code"] == "present_exceeds_expected"
    assert row_counts(db) == before


def test_expected_cannot_drop_below_present(
    client: TestClient, db: Session, branch, secretary
) -> None:
    study_session = factories.create_study_session(db, branch, expected_count=3)
    factories.create_attendance(db, study_session, secretary)
    factories.create_attendance(db, study_session, factories.create_person(db, branch, name="周强"))

    response = client.patch(
        f"/api/v1/study-sessions/{study_session.id}",
        headers=if_match(client, f"/api/v1/study-sessions/{study_session.id}"),
        json={"expected_count": 1},
    )

    assert response.status_code == 422
    assert field_error(response.json(), "expected_count")["code"] == "present_exceeds_expected"
    assert client.get(f"/api/v1/study-sessions/{study_session.id}").json()["expected_count"] == 3


def test_non_voting_attendees_do_not_count_as_present(
    client: TestClient, db: Session, branch, secretary
) -> None:
    county_department = factories.create_organization(db, name="县委组织部")
    inspector = factories.create_person(db, county_department, name="陈督查")
    study_session = factories.create_study_session(db, branch, expected_count=1)
    factories.create_attendance(db, study_session, secretary)

    response = client.post(
        f"/api/v1/study-sessions/{study_session.id}/attendance",
        json={"person_id": inspector.id, "status": "present", "is_non_voting": True},
    )

    assert response.status_code == 201
    detail = client.get(f"/api/v1/study-sessions/{study_session.id}").json()
    assert (detail["expected"], detail["present"]) == (1, 1)


@pytest.mark.parametrize("status", [AttendanceStatus.absent, AttendanceStatus.on_leave])
def test_absence_or_leave_needs_a_reason(
    client: TestClient, db: Session, branch, secretary, status: AttendanceStatus
) -> None:
    study_session = factories.create_study_session(db, branch)
    before = row_counts(db)

    response = client.post(
        f"/api/v1/study-sessions/{study_session.id}/attendance",
        json={"person_id": secretary.id, "status": status.value, "reason": "   "},
    )

    assert response.status_code == 422
    assert field_error(response.json(), "reason")["code"] == "reason_required"
    assert row_counts(db) == before


def test_changing_to_absent_without_reason_is_refused(
    client: TestClient, db: Session, branch, secretary
) -> None:
    study_session = factories.create_study_session(db, branch)
    attendance = factories.create_attendance(db, study_session, secretary)

    response = client.patch(
        f"/api/v1/attendance/{attendance.id}",
        headers=if_match(client, f"/api/v1/attendance/{attendance.id}"),
        json={"status": "absent"},
    )

    assert response.status_code == 422
    assert field_error(response.json(), "reason")["code"] == "reason_required"
    assert client.get(f"/api/v1/attendance/{attendance.id}").json()["status"] == "present"


def test_criticism_needs_a_target(client: TestClient, db: Session, branch, secretary) -> None:
    study_session = factories.create_study_session(db, branch)
    before = row_counts(db)

    response = client.post(
        f"/api/v1/study-sessions/{study_session.id}/contributions",
        json={
            "speaker_id": secretary.id,
            "round": 2,
            "kind": "criticism",
            "content": "工作作风不够扎实。",
        },
    )

    assert response.status_code == 422
    assert field_error(response.json(), "target_id")["code"] == "target_required"
    assert row_counts(db) == before


def test_only_a_criticism_names_a_target(
    client: TestClient, db: Session, branch, secretary
) -> None:
    member = factories.create_person(db, branch, name="赵红梅")
    study_session = factories.create_study_session(db, branch)

    response = client.post(
        f"/api/v1/study-sessions/{study_session.id}/contributions",
        json={
            "speaker_id": secretary.id,
            "round": 1,
            "kind": "key_speech",
            "content": "重点发言。",
            "target_id": member.id,
        },
    )

    assert response.status_code == 422
    assert field_error(response.json(), "target_id")["code"] == "target_not_allowed"


def test_speaker_must_be_member_or_attendee(client: TestClient, db: Session, branch) -> None:
    elsewhere = factories.create_organization(db, name="县财政局党组")
    outsider = factories.create_person(db, elsewhere, name="孙局长")
    study_session = factories.create_study_session(db, branch)
    speech = {"speaker_id": outsider.id, "round": 1, "kind": "exchange", "content": "交流发言。"}
    before = row_counts(db)

    refused = client.post(f"/api/v1/study-sessions/{study_session.id}/contributions", json=speech)

    assert refused.status_code == 422
    assert field_error(refused.json(), "speaker_id")["code"] == "not_a_participant"
    assert row_counts(db) == before

    factories.create_attendance(db, study_session, outsider, is_non_voting=True)
    accepted = client.post(f"/api/v1/study-sessions/{study_session.id}/contributions", json=speech)
    assert accepted.status_code == 201, accepted.text


@pytest.mark.parametrize("round_number", [0, -1])
def test_round_starts_at_one(
    client: TestClient, db: Session, branch, secretary, round_number: int
) -> None:
    study_session = factories.create_study_session(db, branch)
    before = row_counts(db)

    response = client.post(
        f"/api/v1/study-sessions/{study_session.id}/contributions",
        json={
            "speaker_id": secretary.id,
            "round": round_number,
            "kind": "key_speech",
            "content": "发言。",
        },
    )

    assert response.status_code == 422
    assert field_error(response.json(), "round")["code"] == "greater_than_equal"
    assert row_counts(db) == before


def test_meeting_cannot_end_before_it_starts(client: TestClient, db: Session, branch) -> None:
    before = row_counts(db)

    response = client.post(
        "/api/v1/study-sessions",
        json={
            "organization_id": branch.id,
            "kind": "branch_general_meeting",
            "title": "支部党员大会",
            "starts_at": "2015-06-12T14:30:00",
            "ends_at": "2015-06-12T09:00:00",
        },
    )

    assert response.status_code == 422
    assert field_error(response.json(), "ends_at")["code"] == "ends_before_starts"
    assert row_counts(db) == before


def test_update_cannot_make_the_meeting_end_before_it_starts(
    client: TestClient, db: Session, branch
) -> None:
    study_session = factories.create_study_session(
        db, branch, starts_at=datetime(2015, 6, 12, 14, 30)
    )

    response = client.patch(
        f"/api/v1/study-sessions/{study_session.id}",
        headers=if_match(client, f"/api/v1/study-sessions/{study_session.id}"),
        json={"ends_at": "2015-06-12T14:00:00"},
    )

    assert response.status_code == 422
    assert field_error(response.json(), "ends_at")["code"] == "ends_before_starts"
    assert client.get(f"/api/v1/study-sessions/{study_session.id}").json()["version"] == 1


def test_unknown_session_is_404_with_a_code(client: TestClient) -> None:
    response = client.get("/api/v1/study-sessions/987654")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "study_session_not_found"


@pytest.mark.parametrize(
    ("part", "body", "field", "code"),
    [
        ("attendance", {"person_id": 987654, "status": "present"}, "person_id", "person_not_found"),
        ("outlines", {"author_id": 987654, "body": "提纲"}, "author_id", "person_not_found"),
        (
            "contributions",
            {"speaker_id": 987654, "round": 1, "kind": "exchange", "content": "发言"},
            "speaker_id",
            "person_not_found",
        ),
        ("topics", {"title": "题目", "aspect_id": 987654}, "aspect_id", "aspect_not_found"),
        ("findings", {"description": "问题", "person_id": 987654}, "person_id", "person_not_found"),
    ],
)
def test_unknown_referenced_ids_are_404_naming_the_field(
    client: TestClient,
    db: Session,
    branch,
    part: str,
    body: dict[str, object],
    field: str,
    code: str,
) -> None:
    study_session = factories.create_study_session(db, branch)
    before = row_counts(db)

    response = client.post(f"/api/v1/study-sessions/{study_session.id}/{part}", json=body)

    assert response.status_code == 404
    assert field_error(response.json(), field)["code"] == code
    assert row_counts(db) == before


def test_session_for_unknown_organization_is_404(client: TestClient, db: Session) -> None:
    before = row_counts(db)
    response = client.post(
        "/api/v1/study-sessions",
        json={
            "organization_id": 987654,
            "kind": "party_lecture",
            "title": "党课",
            "starts_at": "2015-07-01T09:00",
        },
    )
    assert response.status_code == 404
    assert field_error(response.json(), "organization_id")["code"] == "organization_not_found"
    assert row_counts(db) == before


def test_duplicate_attendance_is_409(client: TestClient, db: Session, branch, secretary) -> None:
    study_session = factories.create_study_session(db, branch)
    factories.create_attendance(db, study_session, secretary)
    before = row_counts(db)

    response = client.post(
        f"/api/v1/study-sessions/{study_session.id}/attendance",
        json={"person_id": secretary.id, "status": "late"},
    )

    assert response.status_code == 409
    assert field_error(response.json(), "person_id")["code"] == "duplicate_attendance"
    assert row_counts(db) == before


def test_topic_aspect_must_belong_to_the_sessions_campaign(
    client: TestClient, db: Session, branch
) -> None:
    own = factories.create_campaign(db, branch, name="三严三实专题教育")
    foreign = factories.create_campaign(db, branch, name="党的群众路线教育实践活动")
    own_aspect = factories.create_aspect(db, factories.create_theme(db, own))
    foreign_aspect = factories.create_aspect(
        db, factories.create_theme(db, foreign, title="为民务实清廉")
    )
    study_session = factories.create_study_session(db, branch, campaign=own)
    before = row_counts(db)

    refused = client.post(
        f"/api/v1/study-sessions/{study_session.id}/topics",
        json={"title": "如何严以修身", "aspect_id": foreign_aspect.id},
    )

    assert refused.status_code == 422
    assert field_error(refused.json(), "aspect_id")["code"] == "aspect_not_in_campaign"
    assert row_counts(db) == before
    accepted = client.post(
        f"/api/v1/study-sessions/{study_session.id}/topics",
        json={"title": "如何严以修身", "aspect_id": own_aspect.id},
    )
    assert accepted.status_code == 201


def test_criticism_target_must_take_part(
    client: TestClient, db: Session, branch, secretary
) -> None:
    elsewhere = factories.create_organization(db, name="县国土资源局党委")
    stranger = factories.create_person(db, elsewhere, name="吴局长")
    study_session = factories.create_study_session(db, branch)

    response = client.post(
        f"/api/v1/study-sessions/{study_session.id}/contributions",
        json={
            "speaker_id": secretary.id,
            "round": 2,
            "kind": "criticism",
            "content": "批评。",
            "target_id": stranger.id,
        },
    )

    assert response.status_code == 422
    assert field_error(response.json(), "target_id")["code"] == "not_a_participant"


def test_finalized_minutes_refuse_changes(
    client: TestClient, db: Session, branch, secretary
) -> None:
    study_session = factories.create_study_session(db, branch)
    study_session.status = "finalized"  # type: ignore[assignment]
    db.add(study_session)
    db.commit()
    before = row_counts(db)

    response = client.post(
        f"/api/v1/study-sessions/{study_session.id}/attendance",
        json={"person_id": secretary.id, "status": "present"},
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "study_session_finalized"
    assert row_counts(db) == before


@pytest.mark.parametrize("blank", ["", "   ", "\u3000\u3000"])
def test_blank_speech_is_refused_but_leading_full_width_spaces_are_kept(
    client: TestClient, db: Session, branch, secretary, blank: str
) -> None:
    study_session = factories.create_study_session(db, branch)
    url = f"/api/v1/study-sessions/{study_session.id}/contributions"
    speech = {"speaker_id": secretary.id, "round": 1, "kind": "key_speech"}

    refused = client.post(url, json=speech | {"content": blank})
    kept = client.post(
        url, json=speech | {"content": "\u3000\u3000同志们，今天我们召开专题研讨会。"}
    )

    assert refused.status_code == 422
    assert field_error(refused.json(), "content")["code"] in {"blank", "string_too_short"}
    assert kept.json()["content"] == "\u3000\u3000同志们，今天我们召开专题研讨会。"


def test_campaign_cannot_change_under_minutes_that_use_its_aspects(
    client: TestClient, db: Session, branch
) -> None:
    own = factories.create_campaign(db, branch, name="三严三实专题教育")
    other = factories.create_campaign(db, branch, name="党的群众路线教育实践活动")
    aspect = factories.create_aspect(db, factories.create_theme(db, own))
    study_session = factories.create_study_session(db, branch, campaign=own)
    client.post(
        f"/api/v1/study-sessions/{study_session.id}/topics",
        json={"title": "题目", "aspect_id": aspect.id},
    )

    response = client.patch(
        f"/api/v1/study-sessions/{study_session.id}",
        headers=if_match(client, f"/api/v1/study-sessions/{study_session.id}"),
        json={"campaign_id": other.id},
    )

    assert response.status_code == 422
    assert field_error(response.json(), "campaign_id")["code"] == "campaign_aspects_in_use"
    assert client.get(f"/api/v1/study-sessions/{study_session.id}").json()["campaign_id"] == own.id
