"""Administration that edits: people, organizations and accounts corrected, moved, deactivated or
deleted on the pages; a password reset the holder must replace at the next login."""

import re
from datetime import datetime

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.auth.models import Account, Role
from app.organizations.models import Organization, OrganizationKind
from app.people.models import Person
from app.study_sessions.models import StudySessionKind
from tests import factories
from tests.fixtures.accounts import ADMIN_PASSWORD, make_account
from tests.helpers import row_counts
from tests.study_sessions.test_views_web import _field_error


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


def test_a_person_is_corrected_moved_made_inactive_and_kept_in_old_minutes(
    client: TestClient, db: Session
) -> None:
    town = factories.create_organization(db, name="和平镇党委", code="HP")
    east = factories.create_organization(
        db, name="东岭村党支部", code="DL", parent=town, kind=OrganizationKind.branch
    )
    west = factories.create_organization(
        db, name="西岭村党支部", code="XL", parent=town, kind=OrganizationKind.branch
    )
    person = factories.create_person(db, east, name="韩明花")
    meeting = factories.create_study_session(
        db, east, kind=StudySessionKind.party_lecture, starts_at=datetime(2015, 6, 12, 14, 30)
    )
    factories.create_attendance(db, meeting, person)
    factories.create_person(db, west, name="曹丽娟")

    form = client.get(f"/people/{person.id}")
    blank = client.post(
        f"/people/{person.id}", data={"name": " ", "organization_id": east.id, "active": "on"}
    )
    saved = client.post(
        f"/people/{person.id}",
        data={
            "name": "韩明华",
            "organization_id": west.id,
            "post": "村委会主任",
            "committee_role": "member",
            "is_party_member": "on",
        },
        follow_redirects=False,
    )
    before = row_counts(db)
    refused_delete = client.post(f"/people/{person.id}/delete")
    searched = client.get("/people", params={"q": "明华"})
    filtered = client.get("/people", params={"organization_id": east.id})
    minutes = client.get(f"/study-sessions/{meeting.id}")
    db.rollback()
    moved = db.get(Person, person.id)

    assert form.status_code == 200
    assert 'value="韩明花"' in form.text
    assert blank.status_code == 422
    assert _field_error(blank.text, "edit-person", "name")
    assert 'value=" "' in blank.text or "韩明花" in blank.text  # the form again
    assert saved.status_code == 303
    assert moved is not None
    assert (moved.name, moved.organization_id, moved.post) == ("韩明华", west.id, "村委会主任")
    assert moved.active is False  # the unchecked box: off new rosters
    assert refused_delete.status_code == 409
    assert "标为不在册" in refused_delete.text
    assert row_counts(db) == before  # nothing deleted, no row added
    assert "韩明华" in searched.text
    assert "曹丽娟" not in searched.text
    assert "韩明华" not in filtered.text  # moved away from the east branch
    assert "韩明华" in minutes.text  # the old minutes keep them, under the corrected name


def test_an_organization_is_renamed_moved_dissolved_or_deleted_when_empty(
    client: TestClient, db: Session
) -> None:
    county = factories.create_organization(db, name="长兴县委", code="CX")
    town = factories.create_organization(db, name="和平镇党委", code="HP", parent=county)
    other = factories.create_organization(db, name="林城镇党委", code="LC", parent=county)
    branch = factories.create_organization(
        db, name="东岭村党支部", code="DL", parent=town, kind=OrganizationKind.branch
    )
    empty = factories.create_organization(
        db, name="临时党支部", code="LS", parent=town, kind=OrganizationKind.branch
    )
    factories.create_person(db, branch, name="韩明华")
    empty_id = empty.id

    under_itself = client.post(
        f"/organizations/{town.id}",
        data={
            "name": "和平镇党委",
            "code": "HP",
            "kind": "party_committee",
            "parent_id": branch.id,
        },
    )
    moved = client.post(
        f"/organizations/{branch.id}",
        data={
            "name": "东岭村党总支",
            "code": "DL",
            "kind": "general_branch",
            "parent_id": other.id,
        },
        follow_redirects=False,
    )
    in_use = client.post(f"/organizations/{branch.id}/delete")
    deleted = client.post(f"/organizations/{empty_id}/delete", follow_redirects=False)
    db.rollback()
    found = db.get(Organization, branch.id)
    parent = db.get(Organization, other.id)

    assert under_itself.status_code == 409
    assert _field_error(under_itself.text, "edit-organization", "parent_id")
    assert moved.status_code == 303
    assert found is not None
    assert parent is not None
    assert (found.name, found.kind, found.parent_id) == ("东岭村党总支", "general_branch", other.id)
    assert found.path.startswith(parent.path)
    assert found.active is False  # the unchecked box: dissolved, kept with its minutes
    assert in_use.status_code == 409
    assert deleted.status_code == 303
    assert db.get(Organization, empty_id) is None
    listed = client.get("/organizations")
    assert "已撤销" in listed.text


def test_an_account_is_edited_and_its_reset_password_must_be_changed_at_login(
    client: TestClient, anonymous_client: TestClient, db: Session
) -> None:
    branch = factories.create_organization(db, name="东岭村党支部", code="DL")
    other = factories.create_organization(db, name="西岭村党支部", code="XL")
    holder = factories.create_person(db, branch, name="韩明华")
    factories.create_person(db, other, name="曹丽娟")
    account = make_account(db, branch.id or 0, login="hmh", role=Role.secretary)
    db.commit()

    page = client.get(f"/accounts/{account.id}")
    options = client.get("/accounts/person-options", params={"organization_id": branch.id})
    foreign_person = client.post(
        f"/accounts/{account.id}",
        data={
            "role": "secretary",
            "organization_id": branch.id,
            "person_id": "999999",
            "active": "on",
        },
    )
    linked = client.post(
        f"/accounts/{account.id}",
        data={
            "role": "secretary",
            "organization_id": branch.id,
            "person_id": holder.id,
            "active": "on",
        },
        follow_redirects=False,
    )
    reset = client.post(f"/accounts/{account.id}/reset-password")
    one_time = re.search(r"一次性密码：([0-9a-f-]+)", reset.text)
    db.rollback()
    stored = db.get(Account, account.id)

    assert page.status_code == 200
    assert "韩明华" in options.text
    assert "曹丽娟" not in options.text  # the chosen organization's people only
    assert foreign_person.status_code == 404
    assert _field_error(foreign_person.text, "edit-account", "person_id")
    assert linked.status_code == 303
    assert stored is not None
    assert stored.person_id == holder.id
    assert stored.must_change_password is True
    assert one_time, reset.text

    browser = anonymous_client
    old = browser.post(
        "/login",
        data={
            "login": "hmh",
            "password": ADMIN_PASSWORD,
            "csrf_token": _csrf(browser.get("/login").text),
        },
        follow_redirects=False,
    )
    assert old.status_code == 401  # the old password stopped working
    login = browser.post(
        "/login",
        data={
            "login": "hmh",
            "password": one_time.group(1),
            "csrf_token": _csrf(browser.get("/login").text),
        },
        follow_redirects=False,
    )
    assert login.status_code == 303
    assert login.headers["location"].endswith("/password")
    elsewhere = browser.get("/ledger", follow_redirects=False)
    assert elsewhere.status_code == 303
    assert elsewhere.headers["location"].endswith("/password")
    form = browser.get("/password")
    assert "管理员已重置您的密码" in form.text
    token = _csrf(form.text)
    differ = browser.post(
        "/password",
        data={
            "current_password": one_time.group(1),
            "new_password": "dongling-2015-new",
            "repeated": "dongling-2015-typo",
            "csrf_token": token,
        },
    )
    assert differ.status_code == 422
    assert _field_error(differ.text, "password", "repeated")
    changed = browser.post(
        "/password",
        data={
            "current_password": one_time.group(1),
            "new_password": "dongling-2015-new",
            "repeated": "dongling-2015-new",
            "csrf_token": token,
        },
        follow_redirects=False,
    )
    assert changed.status_code == 303
    assert changed.headers["location"].endswith("/todo")
    assert browser.get("/ledger").status_code == 200  # this session goes on
    db.rollback()
    assert (
        db.exec(select(Account.must_change_password).where(Account.id == account.id)).one() is False
    )
