"""Data that cannot be true is refused naming its field (422), not stored: a make-up of a meeting that
nobody sent back, a spot check dated before the meeting or in the future, a change to a field that
cannot change."""

from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.clock import local_now
from app.people.models import CommitteeRole
from app.study_sessions.models import StudySessionKind
from tests import factories
from tests.helpers import field_error, if_match, row_counts


def _held_lecture(client: TestClient, db: Session, branch):
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
    return meeting


def _make_up(branch, meeting) -> dict[str, object]:
    return {
        "organization_id": branch.id,
        "kind": "party_lecture",
        "title": "补课",
        "starts_at": "2015-07-20T09:00",
        "place": "会议室",
        "make_up_of_id": meeting.id,
    }


def test_a_make_up_needs_a_meeting_that_was_sent_back(client: TestClient, db: Session) -> None:
    branch = factories.create_organization(db, name="东岭村党支部")
    meeting = _held_lecture(client, db, branch)
    before = row_counts(db)

    unflagged = client.post("/api/v1/study-sessions", json=_make_up(branch, meeting))

    assert unflagged.status_code == 422, unflagged.text
    assert field_error(unflagged.json(), "make_up_of_id")["code"] == "nothing_to_make_up"
    assert row_counts(db) == before
    sent_back = client.post(
        "/api/v1/spot-checks",
        json={
            "study_session_id": meeting.id,
            "checked_on": "2015-07-01",
            "method": "records_review",
            "verdict": "make_up",
        },
    )
    assert sent_back.status_code == 201, sent_back.text
    assert client.post("/api/v1/study-sessions", json=_make_up(branch, meeting)).status_code == 201


def test_a_spot_check_is_dated_between_the_meeting_and_today(
    client: TestClient, db: Session
) -> None:
    branch = factories.create_organization(db, name="东岭村党支部")
    meeting = _held_lecture(client, db, branch)  # held on 2015-06-12
    before = row_counts(db)

    def check(day: date):
        return client.post(
            "/api/v1/spot-checks",
            json={
                "study_session_id": meeting.id,
                "checked_on": day.isoformat(),
                "method": "records_review",
                "verdict": "pass",
            },
        )

    too_early = check(date(2015, 6, 11))
    tomorrow = check(local_now().date() + timedelta(days=1))

    for refused in (too_early, tomorrow):
        assert refused.status_code == 422, refused.text
        field_error(refused.json(), "checked_on")
    assert row_counts(db) == before
    assert check(date(2015, 6, 12)).status_code == 201


def test_a_change_to_a_field_that_cannot_change_is_refused(client: TestClient, db: Session) -> None:
    branch = factories.create_organization(db, name="东岭村党支部")
    other = factories.create_organization(db, name="南庄村党支部")
    meeting = factories.create_study_session(db, branch)
    url = f"/api/v1/study-sessions/{meeting.id}"

    moved = client.patch(
        url, headers=if_match(client, url), json={"organization_id": other.id, "title": "新标题"}
    )
    unknown = client.patch(url, headers=if_match(client, url), json={"titel": "新标题"})

    assert moved.status_code == 422, moved.text
    assert field_error(moved.json(), "organization_id")["code"] == "extra_forbidden"
    assert unknown.status_code == 422
    field_error(unknown.json(), "titel")
    stored = client.get(url).json()
    assert (stored["organization_id"], stored["title"]) == (branch.id, meeting.title)
