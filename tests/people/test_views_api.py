"""People through the API: create, read, update, filtered lists, and deletes refused while in minutes."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.organizations.models import Organization, OrganizationKind
from app.people.models import CommitteeRole, Person
from app.study_sessions import parts_service
from app.study_sessions import service as study_session_service
from app.study_sessions.models import ContributionKind, StudySession
from app.study_sessions.schemas import FindingCreate, SpeechOutlineCreate, StudySessionUpdate
from tests import factories
from tests.helpers import field_error, row_counts, walk_pages


@pytest.fixture
def town(db: Session) -> Organization:
    county = factories.create_organization(db, name="中共长兴县委")
    return factories.create_organization(db, name="和平镇党委", parent=county)


@pytest.fixture
def branch(db: Session, town: Organization) -> Organization:
    return factories.create_organization(
        db, name="和平镇机关党支部", kind=OrganizationKind.branch, parent=town
    )


def names(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


def test_create_read_and_update(client: TestClient, branch: Organization) -> None:
    created = client.post(
        "/api/v1/people",
        json={
            "organization_id": branch.id,
            "name": "马国强",
            "post": "镇党政办主任、机关党支部书记",
            "committee_role": "secretary",
        },
    )

    assert created.status_code == 201, created.text
    person = created.json()
    assert (person["committee_role"], person["is_party_member"], person["active"]) == (
        "secretary",
        True,
        True,
    )
    read = client.get(f"/api/v1/people/{person['id']}").json()
    assert (read["name"], read["post"], read["organization_id"]) == (
        "马国强",
        "镇党政办主任、机关党支部书记",
        branch.id,
    )

    updated = client.patch(
        f"/api/v1/people/{person['id']}", json={"post": "镇党委委员", "active": False}
    )

    assert updated.status_code == 200, updated.text
    again = client.get(f"/api/v1/people/{person['id']}").json()
    assert (again["post"], again["active"], again["name"]) == ("镇党委委员", False, "马国强")


def test_moving_a_person_to_another_organization(
    client: TestClient, db: Session, town: Organization, branch: Organization
) -> None:
    person = factories.create_person(db, branch, name="罗斌")

    response = client.patch(f"/api/v1/people/{person.id}", json={"organization_id": town.id})

    assert response.status_code == 200
    assert client.get(f"/api/v1/people/{person.id}").json()["organization_id"] == town.id


def test_list_by_organization_with_and_without_subtree(
    client: TestClient, db: Session, town: Organization, branch: Organization
) -> None:
    factories.create_person(db, town, name="胡振华", role=CommitteeRole.secretary)
    factories.create_person(db, branch, name="马国强", role=CommitteeRole.secretary)
    factories.create_person(db, branch, name="罗斌")
    elsewhere = factories.create_organization(db, name="县财政局党组")
    factories.create_person(db, elsewhere, name="彭志刚")

    own = client.get("/api/v1/people", params={"organization_id": town.id})
    subtree = client.get(
        "/api/v1/people", params={"organization_id": town.id, "include_subtree": True}
    )

    assert names(own) == ["胡振华"]
    assert names(subtree) == ["胡振华", "马国强", "罗斌"]
    assert len(names(client.get("/api/v1/people"))) == 4


def test_filters_by_committee_role_and_active(
    client: TestClient, db: Session, branch: Organization
) -> None:
    factories.create_person(db, branch, name="马国强", role=CommitteeRole.secretary)
    factories.create_person(db, branch, name="何丽", role=CommitteeRole.committee_member)
    retired = factories.create_person(db, branch, name="罗斌")
    client.patch(f"/api/v1/people/{retired.id}", json={"active": False})

    secretaries = client.get("/api/v1/people", params={"committee_role": "secretary"})
    members = client.get("/api/v1/people", params={"committee_role": "member"})
    active = client.get("/api/v1/people", params={"active": True})

    assert names(secretaries) == ["马国强"]
    assert names(members) == ["罗斌"]
    assert names(active) == ["马国强", "何丽"]


def test_an_unknown_committee_role_is_422(client: TestClient) -> None:
    response = client.get("/api/v1/people", params={"committee_role": "chairman"})

    assert response.status_code == 422
    assert field_error(response.json(), "committee_role")["code"] == "enum"


def test_keyset_pagination_walks_every_person_once(
    client: TestClient, db: Session, branch: Organization
) -> None:
    created = [factories.create_person(db, branch, name=f"党员{n}").id for n in range(5)]
    seen = [
        p["id"] for p in walk_pages(client, "/api/v1/people", limit=2, organization_id=branch.id)
    ]

    assert seen == created


def test_unknown_organization_is_404_naming_the_field(client: TestClient, db: Session) -> None:
    before = row_counts(db)

    response = client.post("/api/v1/people", json={"organization_id": 987654, "name": "王建国"})

    assert response.status_code == 404
    assert field_error(response.json(), "organization_id")["code"] == "organization_not_found"
    assert row_counts(db) == before


def test_moving_to_an_unknown_organization_is_404(
    client: TestClient, db: Session, branch: Organization
) -> None:
    person_id = factories.create_person(db, branch, name="罗斌").id
    before = row_counts(db)

    response = client.patch(f"/api/v1/people/{person_id}", json={"organization_id": 987654})

    assert response.status_code == 404
    assert field_error(response.json(), "organization_id")["code"] == "organization_not_found"
    assert row_counts(db) == before
    assert client.get(f"/api/v1/people/{person_id}").json()["organization_id"] == branch.id


def test_listing_an_unknown_organization_is_404(client: TestClient) -> None:
    response = client.get("/api/v1/people", params={"organization_id": 987654})

    assert response.status_code == 404
    assert field_error(response.json(), "organization_id")["code"] == "organization_not_found"


def test_empty_name_is_422(client: TestClient, db: Session, branch: Organization) -> None:
    before = row_counts(db)

    response = client.post("/api/v1/people", json={"organization_id": branch.id, "name": ""})

    assert response.status_code == 422
    assert field_error(response.json(), "name")["code"] == "string_too_short"
    assert row_counts(db) == before


def test_missing_name_is_422(client: TestClient, db: Session, branch: Organization) -> None:
    before = row_counts(db)

    response = client.post("/api/v1/people", json={"organization_id": branch.id})

    assert response.status_code == 422
    assert field_error(response.json(), "name")["code"] == "missing"
    assert row_counts(db) == before


def test_clearing_the_name_is_422(client: TestClient, db: Session, branch: Organization) -> None:
    person_id = factories.create_person(db, branch, name="罗斌").id
    before = row_counts(db)

    response = client.patch(f"/api/v1/people/{person_id}", json={"name": ""})

    assert response.status_code == 422
    assert field_error(response.json(), "name")["code"] in {"blank", "string_too_short"}
    assert row_counts(db) == before
    assert client.get(f"/api/v1/people/{person_id}").json()["name"] == "罗斌"


def test_unknown_person_is_404_with_a_code(client: TestClient, db: Session) -> None:
    before = row_counts(db)
    for response in (
        client.get("/api/v1/people/987654"),
        client.patch("/api/v1/people/987654", json={"name": "无名"}),
        client.delete("/api/v1/people/987654"),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "person_not_found"
    assert row_counts(db) == before


def _attends(db: Session, study_session: StudySession, person: Person) -> None:
    factories.create_attendance(db, study_session, person)


def _chairs(db: Session, study_session: StudySession, person: Person) -> None:
    study_session_service.update_study_session(
        db, factories.EVERYTHING, study_session, StudySessionUpdate(chair_id=person.id)
    )
    db.commit()


def _records(db: Session, study_session: StudySession, person: Person) -> None:
    study_session_service.update_study_session(
        db, factories.EVERYTHING, study_session, StudySessionUpdate(recorder_id=person.id)
    )
    db.commit()


def _speaks(db: Session, study_session: StudySession, person: Person) -> None:
    factories.create_attendance(db, study_session, person)
    factories.create_contribution(db, study_session, person)


def _is_criticised(db: Session, study_session: StudySession, person: Person) -> None:
    organization = db.get_one(Organization, study_session.organization_id)
    critic = factories.create_person(db, organization, name="何丽")
    factories.create_attendance(db, study_session, critic)
    factories.create_attendance(db, study_session, person)
    factories.create_contribution(
        db,
        study_session,
        critic,
        round=2,
        kind=ContributionKind.criticism,
        target=person,
        content="工作作风不够扎实，下基层调研少。",
    )


def _writes_an_outline(db: Session, study_session: StudySession, person: Person) -> None:
    assert person.id is not None
    parts_service.create_outline(
        db,
        factories.EVERYTHING,
        study_session,
        SpeechOutlineCreate(author_id=person.id, body="对照检查材料：理论学习不够系统。"),
    )
    db.commit()


def _owns_a_finding(db: Session, study_session: StudySession, person: Person) -> None:
    parts_service.create_finding(
        db,
        factories.EVERYTHING,
        study_session,
        FindingCreate(
            description="理论学习不够系统。",
            person_id=person.id,
            cause="放松了主观世界改造。",
            measure="每月精读一本理论著作。",
        ),
    )
    db.commit()


@pytest.mark.parametrize(
    "appears",
    [
        _attends,
        _chairs,
        _records,
        _speaks,
        _is_criticised,
        _writes_an_outline,
        _owns_a_finding,
    ],
)
def test_delete_of_a_person_in_minutes_is_409(
    client: TestClient,
    db: Session,
    branch: Organization,
    appears: Callable[[Session, StudySession, Person], None],
) -> None:
    person = factories.create_person(db, branch, name="马国强", role=CommitteeRole.secretary)
    study_session = factories.create_study_session(db, branch)
    appears(db, study_session, person)
    before = row_counts(db)

    response = client.delete(f"/api/v1/people/{person.id}")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "person_in_use"
    assert row_counts(db) == before
    assert client.get(f"/api/v1/people/{person.id}").status_code == 200


def test_delete_of_an_unused_person_is_204(
    client: TestClient, db: Session, branch: Organization
) -> None:
    person_id = factories.create_person(db, branch, name="罗斌").id
    factories.create_person(db, branch, name="何丽")
    before = row_counts(db)

    response = client.delete(f"/api/v1/people/{person_id}")

    assert response.status_code == 204
    assert row_counts(db)["person"] == before["person"] - 1
    gone = client.get(f"/api/v1/people/{person_id}")
    assert gone.status_code == 404
    assert gone.json()["error"]["code"] == "person_not_found"
