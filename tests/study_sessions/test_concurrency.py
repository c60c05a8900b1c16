"""Optimistic concurrency: no lost updates; the loser of a conflicting pair is told, never overwritten."""

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth.models import Role
from tests import factories
from tests.fixtures.accounts import make_account
from tests.helpers import if_match

# Concurrent requests need connections of their own, so these tests commit for real.
pytestmark = pytest.mark.commits

PAIRS = 200


def test_conflicting_pairs_lose_no_update(client: TestClient, db: Session) -> None:
    branch = factories.create_organization(db, name="县财政局机关党支部")
    study_session = factories.create_study_session(db, branch)
    url = f"/api/v1/study-sessions/{study_session.id}"
    wins = 0

    with ThreadPoolExecutor(max_workers=2) as pool:
        for pair in range(PAIRS):
            etag = client.get(url).headers["etag"]

            def write(
                writer: str, etag: str = etag, pair: int = pair
            ) -> tuple[str, int, dict[str, Any]]:
                title = f"第{pair}对 {writer}"
                response = client.patch(url, json={"title": title}, headers={"If-Match": etag})
                return title, response.status_code, response.json()

            results = list(pool.map(write, ["甲", "乙"]))
            statuses = sorted(status for _, status, _ in results)
            assert statuses == [200, 412], (pair, results)
            winner = next(title for title, status, _ in results if status == 200)
            loser = next(body for _, status, body in results if status == 412)
            stored = client.get(url).json()
            assert stored["title"] == winner  # the winner's write is what is stored
            assert loser["error"]["code"] == "version_conflict"
            assert loser["error"]["current_version"] == stored["version"]
            wins += 1

    assert client.get(url).json()["version"] == 1 + wins


def test_stale_form_names_who_changed_it_and_keeps_the_input(
    anonymous_client: TestClient, client: TestClient, db: Session
) -> None:
    branch = factories.create_organization(db, name="东岭村党支部")
    study_session = factories.create_study_session(db, branch)
    make_account(db, branch.id or 0, login="hmh", role=Role.secretary)
    db.commit()
    page = anonymous_client.get("/login").text
    csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
    anonymous_client.post(
        "/login", data={"login": "hmh", "password": "admin-password-for-tests", "csrf_token": csrf}
    )
    form_page = anonymous_client.get(f"/study-sessions/{study_session.id}").text
    version = form_page.split('name="version" value="')[1].split('"')[0]
    csrf = form_page.split('name="csrf_token" value="')[1].split('"')[0]  # rotated at login
    client.patch(
        f"/api/v1/study-sessions/{study_session.id}",
        headers=if_match(client, f"/api/v1/study-sessions/{study_session.id}"),
        json={"place": "村党员活动室"},
    )  # admin, meanwhile

    response = anonymous_client.post(
        f"/study-sessions/{study_session.id}/header",
        data={"csrf_token": csrf, "version": version, "place": "村委会二楼会议室"},
    )

    assert response.status_code == 422
    assert "admin 在此期间修改了本次会议" in response.text
    assert 'value="村委会二楼会议室"' in response.text
    assert (
        client.get(f"/api/v1/study-sessions/{study_session.id}").json()["place"] == "村党员活动室"
    )


def test_if_match_must_be_an_etag(client: TestClient, db: Session) -> None:
    study_session = factories.create_study_session(db, factories.create_organization(db))
    response = client.patch(
        f"/api/v1/study-sessions/{study_session.id}",
        json={"title": "x"},
        headers={"If-Match": "yesterday"},
    )
    assert response.status_code == 422


def test_every_part_of_the_minutes_has_its_own_version(client: TestClient, db: Session) -> None:
    branch = factories.create_organization(db, name="南庄村党支部")
    speaker = factories.create_person(db, branch, name="林德福")
    study_session = factories.create_study_session(db, branch)
    contribution = factories.create_contribution(db, study_session, speaker, content="初稿")
    url = f"/api/v1/contributions/{contribution.id}"

    read = client.get(url)
    first = client.patch(
        url, json={"content": "第一次修改"}, headers={"If-Match": read.headers["etag"]}
    )
    stale = client.patch(
        url, json={"content": "基于旧版本的修改"}, headers={"If-Match": read.headers["etag"]}
    )
    stale_delete = client.delete(url, headers={"If-Match": read.headers["etag"]})

    assert read.headers["etag"] == '"1"'
    assert first.status_code == 200
    assert first.json()["version"] == 2
    assert first.headers["etag"] == '"2"'
    assert stale.status_code == 412
    assert stale.json()["error"] == stale.json()["error"] | {
        "code": "version_conflict",
        "current_version": 2,
    }
    assert stale_delete.status_code == 412
    assert client.get(url).json()["content"] == "第一次修改"
    assert client.delete(url, headers={"If-Match": '"2"'}).status_code == 204
