"""Every link and form a page shows a role leads to a route that role may use (the policy table's
answer), so the navigation never offers what answers 403.

Each demo persona logs in and walks its pages from the start page, following every link to a page
(at most a few pages of each route); every ``href`` and every form's ``action`` on every page visited
is resolved to its route and checked against ``app.policy``.
"""

import html
import re
from collections import Counter, deque
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import col, select
from starlette.routing import compile_path

from app.access import Role
from app.auth.models import Account
from app.config import Settings
from app.demo import DEMO_PASSWORD
from app.main import create_app, named_routes
from app.policy import allows
from tests.fixtures.databases import BACKENDS
from tests.live import demo_database_url

PERSONAS = {
    Role.admin: "admin",
    Role.inspector: "inspector",
    Role.secretary: "secretary",
    Role.viewer: "viewer",
}
PAGES_PER_ROUTE = 3  # distinct pages of one route (e.g. three meetings) are enough to see its links
LINK = re.compile(r'<a\b[^>]*\shref="([^"]*)"')
FORM = re.compile(r"<form\b([^>]*)>")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
NOT_PAGES = (".pdf", ".xlsx", ".csv", ".docx", ".json")


@pytest.fixture(scope="module", params=BACKENDS)
def demo_app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FastAPI]:
    """The app on a copy of the demo county (every persona has its records there)."""
    url = demo_database_url(request.param, "navigation", tmp_path_factory.mktemp("navigation"))
    settings = Settings(
        environment="test", database_url=url, secret_key="navigation-0123456789", pdf_workers=0
    )
    application = create_app(settings)
    yield application
    application.state.database.dispose()


# In the order the app includes them, so the first route that matches is the one that answers.
ROUTES = [(name, methods, compile_path(path)[0]) for name, methods, path in named_routes()]


def route_name(method: str, path: str) -> str | None:
    """The name of the route that answers ``method path``, as the app's router would choose it."""
    for name, methods, pattern in ROUTES:
        if pattern.match(path) and method in methods:
            return name
    return None


def log_in(client: TestClient, login: str) -> None:
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    answer = client.post(
        "/login",
        data={"login": login, "password": DEMO_PASSWORD, "csrf_token": token.group(1), "next": "/"},
    )
    assert answer.status_code == 200, answer.text


def targets(page: str, here: str) -> Iterator[tuple[str, str]]:
    """(method, address) of every link and form on a page: its path and query, without a fragment."""
    for href in LINK.findall(page):
        href = html.unescape(href)
        if href.startswith("#"):
            continue
        yield (
            "GET",
            urlsplit(urljoin(here, href))._replace(scheme="", netloc="", fragment="").geturl(),
        )
    for attributes in FORM.findall(page):
        found = dict(ATTRIBUTE.findall(attributes))
        action = urljoin(here, html.unescape(found.get("action", here)))
        yield found.get("method", "get").upper(), urlsplit(action)._replace(fragment="").path


Offered = list[tuple[str, str, str, str | None]]  # page, method, address, route
_walks: dict[tuple[int, Role], tuple[Offered, dict[str, str]]] = {}


def walk(demo_app: FastAPI, role: Role) -> tuple[Offered, dict[str, str]]:
    """What the role's pages offer, and each page visited (address → HTML, in Chinese): walked once
    per app and role, for the tests below."""
    key = (id(demo_app), role)
    if key in _walks:
        return _walks[key]
    offered: Offered = []
    visited: dict[str, str] = {}
    pages_of_route: Counter[str] = Counter()
    came_from: dict[str, str] = {}
    with TestClient(demo_app, base_url="http://testserver") as client:
        log_in(client, PERSONAS[role])
        queue = deque(["/"])
        while queue:
            address = queue.popleft()
            if address in visited:
                continue
            response = client.get(address, follow_redirects=True)
            assert response.status_code == 200, (
                f"{role.value}: {address} (linked from {came_from.get(address)}) "
                f"answered {response.status_code}"
            )
            visited[address] = response.text
            here = urlsplit(str(response.url))._replace(scheme="", netloc="").geturl()
            for method, target in targets(response.text, here):
                path = urlsplit(target).path
                if path.startswith("/static/"):
                    continue
                name = route_name(method, path)
                offered.append((here, method, target, name))
                if method != "GET" or name is None or target in visited:
                    continue
                if path.endswith(NOT_PAGES) or path.startswith("/api/"):
                    continue  # a download: offered and checked, not walked
                if "lang=" in target:
                    continue  # the other language: the same pages
                if allows(role, name) and pages_of_route[name] < PAGES_PER_ROUTE:
                    pages_of_route[name] += 1
                    came_from.setdefault(target, here)
                    queue.append(target)
    _walks[key] = offered, visited
    return offered, visited


@pytest.mark.parametrize("role", list(PERSONAS), ids=[r.value for r in PERSONAS])
def test_every_link_and_form_shown_to_a_role_leads_where_it_may_go(
    demo_app: FastAPI, role: Role
) -> None:
    offered, visited = walk(demo_app, role)

    nowhere = sorted({(page, method, target) for page, method, target, name in offered if not name})
    refused = sorted(
        {
            (page, method, target, name)
            for page, method, target, name in offered
            if name and not allows(role, name)
        }
    )
    assert len(visited) > 5, visited  # the walk reached the role's pages
    assert not nowhere, f"{role.value}: links and forms to no route: {nowhere[:5]}"
    assert not refused, f"{role.value}: offered routes it may not use: {refused[:5]}"


# What a page may not show a reader (DESIGN's presentation rules). Data shown as data is exempt:
# <code> (a seed, a code, an audit record's stored values), form fields' values, the API's
# documentation (/docs, in English for programmers).
DATA = re.compile(r"<(script|style|textarea|code|pre|select)\b.*?</\1>", re.S)
TAG = re.compile(r"<[^>]+>")
ISO_DATE = re.compile(r"(?<![\d-])\d{4}-\d{2}(?:-\d{2})?(?![\d-])")
UTC = re.compile(r"\bUTC\b")
TABLE_NAME = re.compile(
    r"\b(?:study_session|spot_check|rectification_item|sampling_draw|person|organization|account)\b"
)
# A record named by its number: 「督查抽查 7」, 「抽签 2」, 「事项 9」, 「会议 15」, 「#12」 — within one
# element: a heading cell and its figure (「应召开会议」, then 「0 / 291」) are fine.
RAW_ID = re.compile(
    r"(?:督查抽查|抽查|抽签|事项|会议|记录|账号|人员|通报|#)[ \u00a0]?\d+(?![\d年月日时分项人次名条])"
)
# Pages whose subject is the login itself (the administrator's accounts).
ABOUT_LOGINS = ("/accounts",)


def visible_text(page: str) -> str:
    """The text a reader sees in the page's main part (the header shows the caller's own name)."""
    main = page.split('<main id="main">', 1)[-1]
    return html.unescape(TAG.sub("\n", DATA.sub("\n", main)))


def internals(page: str, address: str, logins: set[str]) -> list[str]:
    """What the page shows that a reader should never see, each with a little context."""
    text = visible_text(page)
    found = []
    checks = [ISO_DATE, UTC, TABLE_NAME, RAW_ID]
    if logins and not address.startswith(ABOUT_LOGINS):
        checks.append(
            re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, sorted(logins))) + r")(?![\w.])")
        )
    for pattern in checks:
        for match in pattern.finditer(text):
            context = " ".join(text[max(0, match.start() - 20) : match.end() + 10].split())
            found.append(f"{address}: …{context}…")
    return found


@pytest.mark.parametrize("role", list(PERSONAS), ids=[r.value for r in PERSONAS])
def test_no_page_shows_internals(demo_app: FastAPI, role: Role) -> None:
    """Every page of every role, in Chinese: no ISO date or month, no UTC time, no table name or record
    number, and no login where the account has a person (the person's name is shown instead)."""
    _, visited = walk(demo_app, role)
    with demo_app.state.database.session(write=False) as db:
        logins = set(
            db.exec(select(Account.login).where(col(Account.person_id).is_not(None))).all()
        )

    shown = [
        problem
        for address, page in visited.items()
        if not address.startswith(("/docs", "/openapi"))
        for problem in internals(page, address, logins)
    ]
    assert logins  # the demo's people hold accounts: the check has something to find
    assert not shown, "\n".join(shown[:20])


def test_the_page_text_check_would_see_internals() -> None:
    """The check above can fail: each kind of internal is found, data in <code> is not."""
    page = (
        '<main id="main"><p>督查抽查 7 · 2015-11 · 时间（UTC） · study_session 15 · 韩明华 · hmh</p>'
        "<p><code>2015-11-督查</code> 2015年11月 第 2 轮 事项 3项</p></main>"
    )
    found = internals(page, "/x", {"hmh"})
    assert len(found) == 5, found
    assert not internals(page.replace("hmh", "韩明华"), "/accounts", {"hmh"})[4:]


def test_the_walk_would_see_a_link_the_role_may_not_use() -> None:
    """The check above can fail: the route of the administration page is refused to a secretary."""
    name = route_name("GET", "/organizations")
    assert name == "organizations.admin_page"
    assert allows(Role.admin, name)
    assert not allows(Role.secretary, name)
    assert route_name("POST", "/study-sessions/7/topics") == "study_sessions.add_part"
    assert route_name("GET", "/no/such/page") is None
    page = (
        '<a href="/ledger?x=1#top">a</a><a href="#here">b</a><form method="post" action="/logout">'
    )
    assert list(targets(page, "/")) == [("GET", "/ledger?x=1"), ("POST", "/logout")]


def test_templates_build_every_path_from_a_route_name() -> None:
    """No literal path in a template: every href, action and src comes from ``url``."""
    templates = Path(__file__).resolve().parents[2] / "templates"
    literal = [
        f"{path.relative_to(templates)}: {found}"
        for path in sorted(templates.rglob("*.html"))
        for found in re.findall(
            r'(?:href|action|src)="/(?!/)[^"]*"', path.read_text(encoding="utf-8")
        )
    ]
    assert not literal, literal
