"""The administrator's pages for organizations, people and accounts: saved, or shown again with the error."""

import html
import re

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.auth.models import Account, Role
from app.organizations.models import Organization
from app.people.models import Person
from app.web import forms
from tests import factories
from tests.fixtures.accounts import make_account
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


def _walk_list_pages(client: TestClient, path: str) -> tuple[list[str], int]:
    """The page's rows' first cells, following its “next page” link to the end; and how many pages."""
    names: list[str] = []
    url: str | None = path
    pages = 0
    while url is not None and pages < 50:
        response = client.get(url)
        assert response.status_code == 200
        pages += 1
        names += re.findall(r"<tr><td data-label=\"[^\"]+\">(?:<a [^>]+>)?([^<]+)", response.text)
        following = re.search(r'<a rel="next" href="([^"]+)"', response.text)
        url = html.unescape(following.group(1)) if following else None
    return names, pages


def test_the_people_and_accounts_lists_come_a_page_at_a_time(
    client: TestClient, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forms, "ADMIN_PAGE_SIZE", 2)
    town = factories.create_organization(db, name="和平镇党委", code="HP")
    branch = factories.create_organization(db, name="西岭村党支部", code="XL", parent=town)
    made = [
        factories.create_person(db, org, name=f"党员{n}").name
        for n, org in enumerate([branch, town, branch, town, branch])
    ]
    for n in range(3):
        make_account(db, branch.id or 0, login=f"sec-{n}", role=Role.secretary)
    db.commit()

    people, people_pages = _walk_list_pages(client, "/people")
    logins, account_pages = _walk_list_pages(client, "/accounts")
    bad_cursor = client.get("/people?cursor=not-a-cursor")

    assert sorted(people) == sorted(made)
    # organization by organization: the town's people before its branch's
    assert people == ["党员1", "党员3", "党员0", "党员2", "党员4"]
    assert people_pages == 3
    assert {f"sec-{n}" for n in range(3)} <= set(logins)
    assert len(logins) == len(set(logins))
    assert account_pages == (len(logins) + 1) // 2
    assert bad_cursor.status_code == 422
    assert "Traceback" not in bad_cursor.text
