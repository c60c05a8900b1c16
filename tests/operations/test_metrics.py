"""``/metrics``: Prometheus' text format behind its own token, counting requests by route name (never
by path), the print queue and the database pool; absent while no token is set."""

import re

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth.models import Role
from app.config import Settings
from app.db import Database
from app.main import create_app
from tests import factories
from tests.fixtures.accounts import make_account, token_for

TOKEN = "metrics-0123456789abcdef"


def _app(settings: Settings, database: Database, **changes: object) -> TestClient:
    app = create_app(settings.model_copy(update={"metrics_token": TOKEN, **changes}))
    app.state.database = database
    return TestClient(app)


def _value(text: str, name: str, **labels: str) -> float:
    """The sample ``name{labels}`` of a scrape (labels in any order), or 0 when it is absent."""
    for line in text.splitlines():
        match = re.fullmatch(r"([a-z_]+)(?:\{(.*)\})? (\S+)", line)
        if not match or match.group(1) != name:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', match.group(2) or ""))
        if all(found.get(key) == value for key, value in labels.items()):
            return float(match.group(3))
    return 0.0


def test_without_a_token_set_there_is_no_metrics_page(anonymous_client: TestClient) -> None:
    answer = anonymous_client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})

    assert answer.status_code == 404


def test_the_metrics_need_their_token_and_no_account(
    settings: Settings, database: Database
) -> None:
    with _app(settings, database) as client:
        missing = client.get("/metrics")
        wrong = client.get("/metrics", headers={"Authorization": "Bearer not-the-metrics-token"})
        basic = client.get("/metrics", headers={"Authorization": f"Basic {TOKEN}"})
        right = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})

    for refused in (missing, wrong, basic):
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"].startswith("Bearer")
        assert "location" not in refused.headers  # never a redirect to the login page
    assert right.status_code == 200
    assert right.headers["content-type"].startswith("text/plain; version=")


def test_requests_are_counted_by_route_name_method_and_status(
    settings: Settings, database: Database, db: Session
) -> None:
    branch = factories.create_organization(db, name="和平镇东岭村党支部")
    study_session = factories.create_study_session(db, branch, title="支部学习")
    account = make_account(db, branch.id or 0, login="ganbu", role=Role.secretary)
    db.commit()
    bearer = {"Authorization": f"Bearer {token_for(db, account)}"}
    scrape = {"Authorization": f"Bearer {TOKEN}"}

    with _app(settings, database) as client:
        for _ in range(3):
            client.get("/healthz")
        client.get(f"/api/v1/study-sessions/{study_session.id}", headers=bearer)
        client.get("/api/v1/study-sessions/999999", headers=bearer)
        client.get("/no/such/page/123")
        text = client.get("/metrics", headers=scrape).text

    assert _value(text, "yantao_http_requests_total", route="system.healthz", status="200") == 3
    detail = [line for line in text.splitlines() if line.startswith("yantao_http_requests_total{")]
    # One series per route name and status, never per id: the two meetings share the route.
    routes = {dict(re.findall(r'(\w+)="([^"]*)"', line))["route"] for line in detail}
    assert "999999" not in text
    assert "/no/such/page" not in text
    assert "unmatched" in routes
    assert "api.study_sessions.read_study_session" in routes
    assert _value(text, "yantao_http_request_duration_seconds_count", route="system.healthz") == 3


def test_the_print_queue_and_the_database_pool_are_shown(
    settings: Settings, database: Database, db: Session
) -> None:
    branch = factories.create_organization(db, name="和平镇东岭村党支部")
    secretary = factories.create_person(db, branch, name="韩明华")
    study_session = factories.create_study_session(db, branch, title="支部学习", chair=secretary)
    factories.create_contribution(db, study_session, secretary, content="我先对照要求作检查。")
    account = make_account(db, branch.id or 0, login="ganbu", role=Role.secretary)
    db.commit()
    bearer = {"Authorization": f"Bearer {token_for(db, account)}"}
    scrape = {"Authorization": f"Bearer {TOKEN}"}

    with _app(settings, database, pdf_cache_mb=0) as client:
        before = client.get("/metrics", headers=scrape).text
        printed = client.get(
            f"/api/v1/study-sessions/{study_session.id}/minutes.pdf", headers=bearer
        )
        after = client.get("/metrics", headers=scrape).text

    assert printed.status_code == 200
    assert _value(before, "yantao_pdf_seconds_count", stage="render") == 0
    assert _value(after, "yantao_pdf_seconds_count", stage="render") == 1
    assert _value(after, "yantao_pdf_seconds_count", stage="wait") == 1
    assert "yantao_pdf_queue_waiting 0.0" in after
    assert "yantao_pdf_renders_running 0.0" in after
    assert "yantao_pdf_draft_cache_misses_total" in after
    assert "yantao_db_pool_in_use" in after


def test_a_request_id_is_answered_and_a_callers_plain_one_is_kept(
    anonymous_client: TestClient,
) -> None:
    given = anonymous_client.get("/healthz", headers={"X-Request-ID": "probe-42.a_b"})
    made_up = anonymous_client.get("/healthz", headers={"X-Request-ID": "x" * 65})
    other = anonymous_client.get("/healthz", headers={"X-Request-ID": "two words"})
    none = anonymous_client.get("/login")

    assert given.headers["x-request-id"] == "probe-42.a_b"
    for answer in (made_up, other, none):
        assert re.fullmatch(r"[0-9a-f]{32}", answer.headers["x-request-id"])
