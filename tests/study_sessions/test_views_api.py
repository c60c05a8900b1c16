"""Study sessions through the API: the whole minutes in one response, lists by jurisdiction."""

from datetime import datetime, timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.people.models import CommitteeRole
from app.study_sessions.models import AttendanceStatus, ContributionKind, StudySessionKind
from tests import factories
from tests.fixtures.databases import QueryCounter
from tests.helpers import if_match


def _session_with_speeches(db: Session, speeches: int):
    branch = factories.create_organization(db, name="县财政局机关党支部")
    people = [factories.create_person(db, branch, name=f"党员{i}") for i in range(5)]
    study_session = factories.create_study_session(db, branch)
    for person in people:
        factories.create_attendance(db, study_session, person)
    for index in range(speeches):
        speaker, target = people[index % 5], people[(index + 1) % 5]
        kind = ContributionKind.criticism if index % 3 == 0 else ContributionKind.exchange
        factories.create_contribution(
            db,
            study_session,
            speaker,
            round=index // 5 + 1,
            kind=kind,
            target=target if kind == "criticism" else None,
        )
    return study_session


def test_session_detail_query_count_does_not_grow_with_speeches(
    client: TestClient, db: Session, count_queries: QueryCounter
) -> None:
    small = _session_with_speeches(db, 5)
    large = _session_with_speeches(db, 50)

    with count_queries as small_count:
        small_response = client.get(f"/api/v1/study-sessions/{small.id}")
    small_queries = small_count.count
    with QueryCounter(count_queries.engine) as large_count:
        large_response = client.get(f"/api/v1/study-sessions/{large.id}")

    assert len(small_response.json()["contributions"]) == 5
    assert len(large_response.json()["contributions"]) == 50
    assert small_queries == large_count.count, (small_count.statements, large_count.statements)


def test_detail_returns_the_minutes_in_order(client: TestClient, db: Session) -> None:
    branch = factories.create_organization(db, name="和平镇机关党支部")
    secretary = factories.create_person(db, branch, name="李明华", role=CommitteeRole.secretary)
    member = factories.create_person(db, branch, name="赵红梅")
    absent = factories.create_person(db, branch, name="周强")
    study_session = factories.create_study_session(db, branch, expected_count=3, chair=secretary)
    factories.create_attendance(db, study_session, secretary)
    factories.create_attendance(db, study_session, member, status=AttendanceStatus.late)
    factories.create_attendance(
        db, study_session, absent, status=AttendanceStatus.on_leave, reason="外出参加市里培训"
    )
    factories.create_contribution(
        db, study_session, member, round=2, kind=ContributionKind.criticism, target=secretary
    )
    factories.create_contribution(db, study_session, secretary, round=1)
    factories.create_contribution(db, study_session, member, round=1)
    factories.create_contribution(
        db, study_session, secretary, round=2, kind=ContributionKind.self_criticism
    )

    body = client.get(f"/api/v1/study-sessions/{study_session.id}").json()

    assert (body["expected"], body["present"]) == (3, 2)
    assert body["chair"] == {"id": secretary.id, "name": "李明华"}
    assert [(c["round"], c["position"], c["speaker_name"]) for c in body["contributions"]] == [
        (1, 1, "李明华"),
        (1, 2, "赵红梅"),
        (2, 1, "赵红梅"),
        (2, 2, "李明华"),
    ]
    assert body["contributions"][2]["target_name"] == "李明华"
    assert [a["reason"] for a in body["attendance"] if a["status"] == "on_leave"] == [
        "外出参加市里培训"
    ]


def test_list_walks_every_session_once_newest_first(client: TestClient, db: Session) -> None:
    branch = factories.create_organization(db)
    start = datetime(2015, 6, 1, 9, 0)
    created = [
        factories.create_study_session(
            db, branch, title=f"第{i}次研讨", starts_at=start + timedelta(days=i // 2)
        )
        for i in range(7)
    ]

    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        page = client.get("/api/v1/study-sessions", params=params).json()
        seen += [item["id"] for item in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert pages == 3
    expected = sorted(created, key=lambda s: (s.starts_at, s.id), reverse=True)
    assert seen == [s.id for s in expected]


def test_list_filters_by_subtree_kind_status_campaign_and_dates(
    client: TestClient, db: Session
) -> None:
    county = factories.create_organization(db, name="中共长兴县委")
    town = factories.create_organization(db, name="和平镇党委", parent=county)
    branch = factories.create_organization(db, name="南庄村党支部", parent=town)
    other = factories.create_organization(db, name="县财政局党组", parent=county)
    campaign = factories.create_campaign(db, county)
    in_branch = factories.create_study_session(
        db,
        branch,
        kind=StudySessionKind.branch_general_meeting,
        starts_at=datetime(2015, 7, 1, 9),
        campaign=campaign,
    )
    in_town = factories.create_study_session(
        db, town, kind=StudySessionKind.central_group_study, starts_at=datetime(2015, 8, 1, 9)
    )
    in_other = factories.create_study_session(db, other, starts_at=datetime(2015, 9, 1, 9))
    client.patch(
        f"/api/v1/study-sessions/{in_town.id}",
        headers=if_match(client, f"/api/v1/study-sessions/{in_town.id}"),
        json={"status": "held"},
    )

    def ids(**params: str | int | bool | None) -> set[int]:
        response = client.get("/api/v1/study-sessions", params=params)
        assert response.status_code == 200, response.text
        return {item["id"] for item in response.json()["items"]}

    assert ids(organization_id=town.id) == {in_branch.id, in_town.id}
    assert ids(organization_id=town.id, include_subtree=False) == {in_town.id}
    assert ids(kind="branch_general_meeting") == {in_branch.id}
    assert ids(status="held") == {in_town.id}
    assert ids(campaign_id=campaign.id) == {in_branch.id}
    assert ids(starts_from="2015-08-01", starts_until="2015-08-31") == {in_town.id}
    assert ids(starts_until="2015-09-01") == {in_branch.id, in_town.id, in_other.id}


def test_list_with_a_reversed_period_or_bad_cursor_is_422(client: TestClient) -> None:
    reversed_period = client.get(
        "/api/v1/study-sessions", params={"starts_from": "2015-09-01", "starts_until": "2015-08-01"}
    )
    bad_cursor = client.get("/api/v1/study-sessions", params={"cursor": "not-a-cursor"})

    assert reversed_period.status_code == 422
    assert reversed_period.json()["error"]["fields"][0]["field"] == "starts_until"
    assert bad_cursor.status_code == 422
    assert bad_cursor.json()["error"]["fields"][0]["field"] == "cursor"


def test_every_record_has_its_paths_in_the_openapi_document(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    for expected in [
        "/api/v1/organizations",
        "/api/v1/people",
        "/api/v1/campaigns",
        "/api/v1/campaigns/{campaign_id}/themes",
        "/api/v1/themes/{theme_id}/aspects",
        "/api/v1/campaigns/{campaign_id}/required-actions",
        "/api/v1/study-sessions",
        "/api/v1/study-sessions/{study_session_id}",
        "/api/v1/study-sessions/{study_session_id}/attendance",
        "/api/v1/study-sessions/{study_session_id}/topics",
        "/api/v1/study-sessions/{study_session_id}/outlines",
        "/api/v1/study-sessions/{study_session_id}/contributions",
        "/api/v1/study-sessions/{study_session_id}/findings",
        "/api/v1/contributions/{contribution_id}",
        "/api/v1/findings/{finding_id}",
    ]:
        assert expected in paths, expected
