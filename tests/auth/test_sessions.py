"""A login session ends on the server: a copied cookie stops working after logout, a password change,
disabling and a role change; the API takes writes from a cookie only with the CSRF token in a header
and from this site; a bad token never sends anyone round in circles, and health checks ignore it."""

import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth.models import Account, Role
from app.db import Database
from app.main import SESSION_COOKIE
from tests import factories
from tests.fixtures.accounts import ADMIN_PASSWORD, make_account


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF field in the page"
    return match.group(1)


@pytest.fixture
def branch(db: Session):
    branch = factories.create_organization(db, name="东岭村党支部", code="DL")
    db.commit()
    return branch


@pytest.fixture
def secretary(db: Session, branch) -> Account:
    account = make_account(db, branch.id or 0, login="sec", role=Role.secretary)
    db.commit()
    return account


@pytest.fixture
def browser(application: FastAPI, database: Database, secretary: Account) -> Iterator[TestClient]:
    """A browser logged in as the secretary (its session cookie set)."""
    application.state.database = database
    with TestClient(application) as client:
        token = _csrf(client.get("/login").text)
        answer = client.post(
            "/login",
            data={"login": "sec", "password": ADMIN_PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )
        assert answer.status_code == 303, answer.text
        yield client


def _copied(application: FastAPI, browser: TestClient) -> TestClient:
    """Another client carrying a copy of the browser's session cookie (as a thief would)."""
    copy = TestClient(application)
    copy.cookies.set(SESSION_COOKIE, browser.cookies[SESSION_COOKIE])
    return copy


def _refused_everywhere(copy: TestClient) -> None:
    api = copy.get("/api/v1/study-sessions")
    page = copy.get("/", follow_redirects=False)
    assert api.status_code == 401, api.text
    assert page.status_code == 303
    assert page.headers["location"].startswith("/login")


def test_logging_out_ends_the_session_for_a_copied_cookie(
    application: FastAPI, browser: TestClient
) -> None:
    copy = _copied(application, browser)
    assert copy.get("/api/v1/study-sessions").status_code == 200  # the copy works while logged in

    browser.post("/logout", data={"csrf_token": _csrf(browser.get("/").text)})

    _refused_everywhere(copy)


@pytest.mark.parametrize(
    "change", [{"password": "a-new-password-2015"}, {"active": False}, {"role": "viewer"}]
)
def test_a_password_change_disabling_or_a_new_role_ends_the_session(
    application: FastAPI,
    browser: TestClient,
    client: TestClient,
    secretary: Account,
    change: dict[str, object],
) -> None:
    copy = _copied(application, browser)
    assert copy.get("/api/v1/study-sessions").status_code == 200

    changed = client.patch(f"/api/v1/accounts/{secretary.id}", json=change)

    assert changed.status_code == 200, changed.text
    _refused_everywhere(copy)


def test_the_api_takes_no_write_from_a_cookie_without_the_csrf_header(
    browser: TestClient, branch, db: Session
) -> None:
    body = {
        "organization_id": branch.id,
        "kind": "branch_general_meeting",
        "title": "支部党员大会",
        "starts_at": "2015-08-26T19:00",
        "place": "党员活动室",
    }
    token = _csrf(browser.get("/").text)

    forged = browser.post(
        "/api/v1/study-sessions", json=body, headers={"Origin": "https://evil.example"}
    )
    without_token = browser.post("/api/v1/study-sessions", json=body)
    foreign_origin = browser.post(
        "/api/v1/study-sessions",
        json=body,
        headers={"X-CSRF-Token": token, "Origin": "https://evil.example"},
    )
    same_site = browser.post(
        "/api/v1/study-sessions",
        json=body,
        headers={"X-CSRF-Token": token, "Origin": "http://testserver"},
    )

    assert forged.status_code == 403, forged.text
    assert forged.json()["error"]["code"] == "csrf_failed"
    assert without_token.status_code == 403
    assert foreign_origin.status_code == 403
    assert same_site.status_code == 201, same_site.text
    assert browser.get("/api/v1/study-sessions").status_code == 200  # reading needs no token


def test_a_bad_token_never_loops_and_health_checks_ignore_credentials(
    anonymous_client: TestClient,
) -> None:
    stale = {"Authorization": "Bearer yt_revoked-or-made-up"}
    for health in ("/healthz", "/readyz"):
        answer = anonymous_client.get(health, headers=stale, follow_redirects=False)
        assert answer.status_code == 200, (health, answer.status_code)
    page = anonymous_client.get("/ledger", headers=stale, follow_redirects=False)
    login = anonymous_client.get(page.headers["location"], headers=stale, follow_redirects=False)
    api = anonymous_client.get("/api/v1/study-sessions", headers=stale)

    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=/ledger"
    assert login.status_code == 200  # the login page itself, once
    assert 'name="password"' in login.text
    assert api.status_code == 401
