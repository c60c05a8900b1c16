"""The administrator's pages for organizations, people and accounts: saved, or shown again with the error."""

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.auth.models import Account
from app.organizations.models import Organization
from app.people.models import Person
from tests import factories
from tests.helpers import row_counts
from tests.study_sessions.test_views_web import _field_error


def test_an_administrator_adds_an_organization_a_person_and_an_account(
    client: TestClient, db: Session
) -> None:
    town = factories.create_organization(db, name="和平镇党委", code="HP")
    before = row_counts(db)
    duplicate = client.post(
        "/organizations", data={"name": "和平镇", "code": "HP", "kind": "branch"}
    )
    weak_password = client.post(
        "/accounts",
        data={"login": "sun", "password": "short", "role": "secretary", "organization_id": town.id},
    )
    nameless = client.post("/people", data={"name": " ", "organization_id": town.id})
    unchanged = row_counts(db)
    branch = client.post(
        "/organizations",
        data={
            "name": "西岭村党支部",
            "code": "XL",
            "kind": "branch",
            "parent_id": town.id,
            "is_weak_unit": "on",
        },
        follow_redirects=False,
    )
    db.rollback()
    xiling = db.exec(select(Organization).where(Organization.code == "XL")).one()
    person = client.post(
        "/people",
        data={"name": "孙志强", "organization_id": xiling.id, "committee_role": "secretary"},
        follow_redirects=False,
    )
    db.rollback()
    sun = db.exec(select(Person).where(Person.name == "孙志强")).one()
    account = client.post(
        "/accounts",
        data={
            "login": "sun.zhiqiang",
            "password": "xiling-2015-branch",
            "role": "secretary",
            "organization_id": xiling.id,
            "person_id": sun.id,
        },
        follow_redirects=False,
    )
    pages = [client.get(path) for path in ("/organizations", "/people", "/accounts")]

    assert duplicate.status_code == 422
    assert _field_error(duplicate.text, "organization", "code")
    assert weak_password.status_code == 422
    assert _field_error(weak_password.text, "account", "password")
    assert 'value="short"' not in weak_password.text  # a password is never sent back
    assert _field_error(nameless.text, "person", "name")
    assert unchanged == before
    assert branch.status_code == 303
    assert xiling.is_weak_unit
    assert xiling.parent_id == town.id
    assert person.status_code == 303
    assert account.status_code == 303
    db.rollback()
    created = db.exec(select(Account).where(Account.login == "sun.zhiqiang")).one()
    assert created.person_id == sun.id
    assert "软弱涣散" in pages[0].text
    assert "孙志强" in pages[1].text
    assert "sun.zhiqiang" in pages[2].text
