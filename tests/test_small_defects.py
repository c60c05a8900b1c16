"""The small things an outside probe found: a throttled login says when to try again, a body of the
wrong type is 415, the login form's attributes are real attributes, every page names its icon, and an
address in ``X-Forwarded-For`` counts only from a proxy the settings trust."""

import re
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth.models import Role
from app.config import Settings
from tests import factories
from tests.fixtures.accounts import make_account
from tests.helpers import run_cli
from tests.live import LiveServer, side_database_url


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match
    return match.group(1)


def test_a_throttled_login_says_when_to_try_again(
    anonymous_client: TestClient, db: Session, settings: Settings
) -> None:
    branch = factories.create_organization(db, name="东岭村党支部")
    make_account(db, branch.id or 0, login="sec", role=Role.secretary)
    db.commit()
    token = _csrf(anonymous_client.get("/login").text)
    answers = [
        anonymous_client.post(
            "/login", data={"login": "sec", "password": "wrong-password", "csrf_token": token}
        )
        for _ in range(settings.login_max_failures + 1)
    ]

    assert answers[-1].status_code == 429
    assert answers[-1].headers["retry-after"] == str(settings.login_lockout_minutes * 60)


def test_a_body_of_the_wrong_type_is_415(client: TestClient) -> None:
    text = client.post(
        "/api/v1/organizations", content=b"code=x", headers={"Content-Type": "text/plain"}
    )
    form = client.post(
        "/api/v1/organizations",
        content=b"code=x&name=y",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    json_body = client.post(
        "/api/v1/organizations", json={"code": "x1", "name": "党支部", "kind": "branch"}
    )

    for refused in (text, form):
        assert refused.status_code == 415, refused.text
        assert refused.json()["error"]["code"] == "unsupported_media_type"
    assert json_body.status_code == 201, json_body.text


def test_form_attributes_are_attributes_and_pages_name_their_icon(
    anonymous_client: TestClient,
) -> None:
    login = anonymous_client.get("/login").text

    assert 'autocomplete="username"' in login
    assert "&#34;" not in login
    icon = re.search(r'<link rel="icon" href="([^"]+)"', login)
    assert icon, "no icon"
    assert anonymous_client.get(icon.group(1)).status_code == 200


@pytest.mark.parametrize("trusted", ["", "127.0.0.1"])
def test_forwarded_addresses_count_only_from_a_trusted_proxy(tmp_path: Path, trusted: str) -> None:
    """Failed logins are throttled per address too; a client that makes up ``X-Forwarded-For`` must
    not get a fresh address for each attempt — unless the settings trust the peer as a proxy."""
    url = side_database_url("sqlite", "proxies", tmp_path)
    assert run_cli(url, "db", "upgrade").returncode == 0
    server = LiveServer(url, tmp_path / "server.log", env={"YANTAO_TRUSTED_PROXIES": trusted})
    server.start()
    try:
        with httpx.Client(base_url=server.url) as browser:
            statuses = []
            for attempt in range(21):  # 20 failures from one address lock it out (4 × 5)
                token = _csrf(browser.get("/login").text)
                statuses.append(
                    browser.post(
                        "/login",
                        data={"login": f"nobody-{attempt}", "password": "x", "csrf_token": token},
                        headers={"X-Forwarded-For": f"10.0.0.{attempt}"},
                    ).status_code
                )
    finally:
        server.stop()
    if trusted:
        assert statuses[-1] == 401  # each attempt from another address, as the proxy says
    else:
        assert statuses[-1] == 429  # the made-up addresses are ignored: one address, locked out
