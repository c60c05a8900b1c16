"""Nobody reads or writes outside their scope; logins are throttled; forms need their CSRF token."""

import re
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth import service as auth_service
from app.auth.models import Account, Role
from app.clock import utcnow
from app.db import Database
from app.people.models import CommitteeRole
from app.study_sessions import parts_service
from app.study_sessions.models import ContributionKind, StudySessionStatus
from app.study_sessions.schemas import FindingCreate
from tests import factories
from tests.fixtures.accounts import ADMIN_PASSWORD, make_account, token_for
from tests.helpers import row_counts, walk_pages


@pytest.fixture
def county(db: Session):
    """县委 → 和平镇党委 → branches A and B; 财政局党组 → branch C."""
    root = factories.create_organization(db, name="中共长兴县委", code="CX")
    town = factories.create_organization(db, name="和平镇党委", parent=root, code="HP")
    bureau = factories.create_organization(db, name="县财政局党组", parent=root, code="CZ")
    branches = {
        "A": factories.create_organization(db, name="南庄村党支部", parent=town, code="HP-A"),
        "B": factories.create_organization(db, name="东岭村党支部", parent=town, code="HP-B"),
        "C": factories.create_organization(db, name="财政局机关党支部", parent=bureau, code="CZ-C"),
    }
    minutes = {}
    for key, branch in branches.items():
        secretary = factories.create_person(
            db, branch, name=f"{key}书记", role=CommitteeRole.secretary
        )
        member = factories.create_person(db, branch, name=f"{key}党员")
        study_session = factories.create_study_session(db, branch, title=f"{key}支部专题研讨")
        factories.create_attendance(db, study_session, secretary)
        factories.create_attendance(db, study_session, member)
        contribution = factories.create_contribution(
            db, study_session, member, round=2, kind=ContributionKind.criticism, target=secretary
        )
        finding = parts_service.create_finding(
            db, factories.EVERYTHING, study_session, FindingCreate(description="理论学习不深入")
        )
        db.commit()
        minutes[key] = {
            "session": study_session,
            "contribution": contribution,
            "finding": finding,
            "secretary": secretary,
        }
    return {"root": root, "town": town, "branches": branches, "minutes": minutes}


def _client(application: FastAPI, database: Database, token: str | None = None) -> TestClient:
    application.state.database = database
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return TestClient(application, headers=headers)


@pytest.fixture
def secretary_of_a(
    application: FastAPI, database: Database, db: Session, county
) -> Iterator[TestClient]:
    account = make_account(db, county["branches"]["A"].id, login="sec-a", role=Role.secretary)
    with _client(application, database, token_for(db, account)) as client:
        yield client


def test_secretary_of_one_branch_cannot_read_or_change_another_branchs_minutes(
    secretary_of_a: TestClient, db: Session, county
) -> None:
    foreign = county["minutes"]["B"]
    before = row_counts(db)
    urls = {
        "session": f"/api/v1/study-sessions/{foreign['session'].id}",
        "contribution": f"/api/v1/contributions/{foreign['contribution'].id}",
        "finding": f"/api/v1/findings/{foreign['finding'].id}",
    }
    for name, url in urls.items():
        assert secretary_of_a.get(url).status_code == 404, name
        assert secretary_of_a.patch(url, json={}).status_code == 404, name
        assert secretary_of_a.delete(url).status_code == 404, name
    page = secretary_of_a.get(f"/study-sessions/{foreign['session'].id}")
    assert page.status_code == 404
    assert row_counts(db) == before

    listed = secretary_of_a.get("/api/v1/study-sessions").json()["items"]
    assert [item["title"] for item in listed] == ["A支部专题研讨"]
    own = county["minutes"]["A"]
    assert secretary_of_a.get(f"/api/v1/contributions/{own['contribution'].id}").status_code == 200
    assert "B支部专题研讨" not in secretary_of_a.get("/").text


def test_secretary_cannot_plan_a_session_for_another_branch(
    secretary_of_a: TestClient, db: Session, county
) -> None:
    before = row_counts(db)
    response = secretary_of_a.post(
        "/api/v1/study-sessions",
        json={
            "organization_id": county["branches"]["B"].id,
            "kind": "branch_general_meeting",
            "title": "越权安排的会议",
            "starts_at": "2015-07-01T09:00",
        },
    )
    assert response.status_code == 404
    assert row_counts(db) == before


def test_inspector_over_a_committee_sees_exactly_its_branches(
    application: FastAPI, database: Database, db: Session, county
) -> None:
    inspector = make_account(
        db, county["town"].id, login="inspector", role=Role.inspector, include_subtree=True
    )
    with _client(application, database, token_for(db, inspector)) as client:
        titles = {item["title"] for item in client.get("/api/v1/study-sessions").json()["items"]}
        organizations = {
            item["code"] for item in client.get("/api/v1/organizations").json()["items"]
        }
        other = county["minutes"]["C"]["session"]
        assert client.get(f"/api/v1/study-sessions/{other.id}").status_code == 404
        write = client.patch(
            f"/api/v1/study-sessions/{county['minutes']['A']['session'].id}", json={"title": "改"}
        )
    assert titles == {"A支部专题研讨", "B支部专题研讨"}
    assert organizations == {"HP", "HP-A", "HP-B"}
    assert write.status_code == 403


def test_viewer_reads_finalized_minutes_only(
    application: FastAPI, database: Database, db: Session, county
) -> None:
    finalized = county["minutes"]["A"]["session"]
    finalized.status = StudySessionStatus.finalized
    db.add(finalized)
    db.commit()
    viewer = make_account(
        db, county["town"].id, login="viewer", role=Role.viewer, include_subtree=True
    )
    with _client(application, database, token_for(db, viewer)) as client:
        titles = [item["title"] for item in client.get("/api/v1/study-sessions").json()["items"]]
        draft = client.get(f"/api/v1/study-sessions/{county['minutes']['B']['session'].id}")
    assert titles == ["A支部专题研讨"]
    assert draft.status_code == 404


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF field in the page"
    return match.group(1)


def _log_in(client: TestClient, login: str, password: str = ADMIN_PASSWORD):
    token = _csrf(client.get("/login").text)
    return client.post(
        "/login",
        data={"login": login, "password": password, "csrf_token": token},
        follow_redirects=False,
    )


@pytest.fixture
def web_secretary(anonymous_client: TestClient, db: Session, county) -> TestClient:
    make_account(db, county["branches"]["A"].id, login="sec-a", role=Role.secretary)
    db.commit()
    response = _log_in(anonymous_client, "sec-a")
    assert response.status_code == 303, response.text
    return anonymous_client


def test_a_page_the_middleware_refuses_keeps_the_logged_in_navigation(
    web_secretary: TestClient,
) -> None:
    refused = web_secretary.get("/", params={"title": "学习\x00"})
    listed = web_secretary.get("/")

    assert refused.status_code == 422
    assert '<span class="who">sec-a</span>' in refused.text
    assert '<span class="who">sec-a</span>' in listed.text  # the session goes on


def test_login_session_cookie_is_httponly_and_samesite(
    anonymous_client: TestClient, db: Session, county
) -> None:
    make_account(db, county["branches"]["A"].id, login="sec-a", role=Role.secretary)
    db.commit()
    response = _log_in(anonymous_client, "sec-a")
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie


def test_form_post_without_csrf_token_is_403_and_writes_nothing(
    web_secretary: TestClient, db: Session, county
) -> None:
    own = county["minutes"]["A"]["session"]
    before = row_counts(db)
    form = {"title": "不带令牌提交的题目"}

    refused = web_secretary.post(f"/study-sessions/{own.id}/topics", data=form)
    forged = web_secretary.post(
        f"/study-sessions/{own.id}/topics", data=form | {"csrf_token": "forged"}
    )

    assert refused.status_code == 403
    assert forged.status_code == 403
    assert row_counts(db) == before
    token = _csrf(web_secretary.get(f"/study-sessions/{own.id}").text)
    accepted = web_secretary.post(
        f"/study-sessions/{own.id}/topics",
        data=form | {"csrf_token": token},
        follow_redirects=False,
    )
    assert accepted.status_code == 303


def test_no_state_change_on_get_logout_is_a_post(web_secretary: TestClient) -> None:
    # A GET of a form's address goes back to a page (303), never runs the form.
    assert web_secretary.get("/logout", follow_redirects=False).status_code in (303, 404, 405)
    assert web_secretary.get("/").status_code == 200
    token = _csrf(web_secretary.get("/").text)
    assert (
        web_secretary.post(
            "/logout", data={"csrf_token": token}, follow_redirects=False
        ).status_code
        == 303
    )
    assert (
        web_secretary.get("/", follow_redirects=False).status_code == 303
    )  # back to the login page


def test_repeated_failed_logins_are_throttled(
    anonymous_client: TestClient, db: Session, county
) -> None:
    make_account(db, county["branches"]["A"].id, login="sec-a", role=Role.secretary)
    db.commit()
    for _ in range(5):
        assert _log_in(anonymous_client, "sec-a", "wrong-password").status_code == 401

    locked = _log_in(anonymous_client, "sec-a", ADMIN_PASSWORD)

    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.text


def test_disabled_account_cannot_log_in_and_its_tokens_stop_working(
    client: TestClient, application: FastAPI, database: Database, db: Session, county
) -> None:
    account = make_account(db, county["branches"]["A"].id, login="sec-a", role=Role.secretary)
    token = token_for(db, account)
    with _client(application, database, token) as own_client:
        assert own_client.get("/api/v1/study-sessions").status_code == 200
        assert (
            client.patch(f"/api/v1/accounts/{account.id}", json={"active": False}).status_code
            == 200
        )
        assert own_client.get("/api/v1/study-sessions").status_code == 401
    with _client(application, database) as browser:
        assert _log_in(browser, "sec-a").status_code == 401


def test_an_administrator_cannot_lock_themselves_out(
    application: FastAPI, database: Database, db: Session, county
) -> None:
    town_admin = make_account(
        db, county["town"].id, login="town-admin", role=Role.admin, include_subtree=True
    )
    colleague = make_account(
        db, county["town"].id, login="town-admin-2", role=Role.admin, include_subtree=True
    )
    db.commit()
    before = row_counts(db)
    with _client(application, database, token_for(db, town_admin)) as client:
        own = f"/api/v1/accounts/{town_admin.id}"
        refusals = {
            "active": client.patch(own, json={"active": False}),
            "role": client.patch(own, json={"role": "viewer"}),
            "include_subtree": client.patch(own, json={"include_subtree": False}),
        }
        unchanged = client.patch(own, json={"role": "admin", "active": True})
        colleague_disabled = client.patch(
            f"/api/v1/accounts/{colleague.id}", json={"active": False}
        )
        still_works = client.get("/api/v1/accounts")

    for field, response in refusals.items():
        assert response.status_code == 409, field
        assert response.json()["error"]["code"] == "own_account"
        assert response.json()["error"]["fields"][0]["field"] == field
    assert unchanged.status_code == 200  # saying what already holds changes nothing
    assert colleague_disabled.status_code == 200
    assert still_works.status_code == 200
    db.expire_all()
    assert db.get(Account, town_admin.id).active is True  # type: ignore[union-attr]
    assert row_counts(db)["account"] == before["account"]


def test_revoked_token_stops_working(
    application: FastAPI, database: Database, db: Session, county
) -> None:
    account = make_account(db, county["branches"]["A"].id, login="sec-a", role=Role.secretary)
    with _client(application, database, token_for(db, account)) as own_client:
        created = own_client.post(
            "/api/v1/tokens", json={"name": "脚本", "expires_in_days": 30}
        ).json()
        assert created["token"].startswith("yt_")
        listed = walk_pages(own_client, "/api/v1/tokens", limit=1)
        assert [item["id"] for item in listed][-1] == created["id"]
        assert all("token" not in item for item in listed)
        with _client(application, database, created["token"]) as second:
            assert second.get("/api/v1/study-sessions").status_code == 200
            assert own_client.delete(f"/api/v1/tokens/{created['id']}").status_code == 204
            assert second.get("/api/v1/study-sessions").status_code == 401


def test_security_headers_on_pages_and_api(
    client: TestClient, anonymous_client: TestClient
) -> None:
    for response in (
        anonymous_client.get("/login"),
        client.get("/api/v1/study-sessions"),
        client.get("/"),
    ):
        csp = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"


def test_anonymous_api_is_401_and_pages_redirect_to_login(anonymous_client: TestClient) -> None:
    api = anonymous_client.get("/api/v1/study-sessions")
    page = anonymous_client.get("/study-sessions/1", follow_redirects=False)
    assert api.status_code == 401
    assert api.json()["error"]["code"] == "authentication_required"
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=/study-sessions/1"
    for public in ("/healthz", "/readyz", "/login", "/static/app.css"):
        assert anonymous_client.get(public).status_code == 200, public


def test_login_does_not_redirect_off_site(
    anonymous_client: TestClient, db: Session, county
) -> None:
    make_account(db, county["branches"]["A"].id, login="sec-a", role=Role.secretary)
    db.commit()
    token = _csrf(anonymous_client.get("/login").text)
    response = anonymous_client.post(
        "/login",
        data={
            "login": "sec-a",
            "password": ADMIN_PASSWORD,
            "csrf_token": token,
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/todo"  # what needs doing, on this site


def test_accounts_are_managed_only_within_scope(
    application: FastAPI, database: Database, db: Session, county
) -> None:
    town_admin = make_account(
        db, county["town"].id, login="town-admin", role=Role.admin, include_subtree=True
    )
    with _client(application, database, token_for(db, town_admin)) as client:
        inside = client.post(
            "/api/v1/accounts",
            json={
                "login": "new-sec",
                "password": "long-enough-pw",
                "role": "secretary",
                "organization_id": county["branches"]["A"].id,
            },
        )
        outside = client.post(
            "/api/v1/accounts",
            json={
                "login": "other-sec",
                "password": "long-enough-pw",
                "role": "secretary",
                "organization_id": county["branches"]["C"].id,
            },
        )
        listed = walk_pages(client, "/api/v1/accounts", limit=1)
    logins = {a["login"] for a in listed}
    assert len(listed) == len(logins)  # page by page, nobody twice
    assert inside.status_code == 201
    assert outside.status_code == 404
    assert {"town-admin", "new-sec"} <= logins
    assert "other-sec" not in logins
    assert isinstance(db.get(Account, inside.json()["id"]), Account)


def test_session_cookie_is_secure_over_https(
    application: FastAPI, database: Database, db: Session, county
) -> None:
    make_account(db, county["branches"]["A"].id, login="sec-a", role=Role.secretary)
    db.commit()
    application.state.database = database
    with TestClient(application, base_url="https://testserver") as browser:
        response = _log_in(browser, "sec-a")
    assert response.status_code == 303
    assert "secure" in response.headers["set-cookie"].lower()


def test_login_session_ends_after_the_idle_timeout(
    web_secretary: TestClient, monkeypatch: pytest.MonkeyPatch, settings
) -> None:
    assert web_secretary.get("/", follow_redirects=False).status_code == 200
    later = time.time() + settings.session_idle_minutes * 60 + 5
    monkeypatch.setattr("app.auth.dependencies.time.time", lambda: later)

    response = web_secretary.get("/", follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")


def test_expired_token_is_refused(
    application: FastAPI, database: Database, db: Session, county
) -> None:
    account = make_account(db, county["branches"]["A"].id, login="sec-a", role=Role.secretary)
    issued = auth_service.create_token(db, account, name="short", expires_in_days=1)
    db.commit()
    with _client(application, database, issued.secret) as client:
        assert client.get("/api/v1/study-sessions").status_code == 200
        issued.token.expires_at = utcnow() - timedelta(seconds=1)
        db.add(issued.token)
        db.commit()
        assert client.get("/api/v1/study-sessions").status_code == 401
