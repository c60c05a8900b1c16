"""Every paged list refuses a crafted cursor with 422 naming ``cursor`` — never a 500, never a page it
did not hand out. Cursors are opaque and signed; what they carry is checked against the list's keys."""

import base64
import json
from datetime import datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from app import pagination
from app.config import get_settings
from app.main import API_PREFIX, API_ROUTERS
from tests import factories


def _paged_lists() -> list[str]:
    """The path of every API list that takes ``?cursor=`` (its ``page`` query model)."""
    return sorted(
        API_PREFIX + route.path
        for router in API_ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute)
        and "GET" in (route.methods or ())
        and any(param.name == "page" for param in route.dependant.query_params)
    )


PAGED_LISTS = _paged_lists()


def crafted(value: Any) -> str:
    """A cursor as the old, unsigned ones were made: base64url of JSON."""
    raw = json.dumps(value, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def signed(value: Any) -> str:
    """The same value signed with the installation's key, as if the key had leaked or a bug had
    handed it out: the values are still checked against the list's key columns."""
    return pagination._signer(get_settings().secret_key).dumps(value)


# What an outside probe sent: values of the wrong type, too large for the key columns, wrongly nested.
PROBES = [
    [[1]],
    [{"a": 1}],
    [99999999999999999999],
    [2**63],
    ["x"],
    [True],
    [None],
    [1.5],
    ["x", 1],
    [1, "x"],
    [{"dt": "x"}, 1],
    [{"d": "2015-13-45"}, 1],
    [[["x"]], [[1]]],
    ["\u0000", 1],
    [],
    {"a": 1},
    "x",
    [1] * 50,
]


@pytest.fixture
def ids(db: Session) -> dict[str, int]:
    branch = factories.create_organization(db, name="东岭村党支部")
    meeting = factories.create_study_session(db, branch)
    return {"study_session_id": meeting.id or 0, "organization_id": branch.id or 0}


def _url(path: str, ids: dict[str, int]) -> str:
    return path.format(**ids)


def test_every_paged_list_is_found() -> None:
    assert len(PAGED_LISTS) >= 15, PAGED_LISTS
    assert "/api/v1/study-sessions" in PAGED_LISTS
    assert "/api/v1/study-sessions/{study_session_id}/contributions" in PAGED_LISTS


def _refused(response: Any) -> None:
    assert response.status_code == 422, (response.status_code, response.text[:300])
    assert [f["field"] for f in response.json()["error"]["fields"]] == ["cursor"]


@pytest.mark.parametrize("path", PAGED_LISTS)
def test_a_crafted_cursor_is_refused_naming_the_field(
    client: TestClient, ids: dict[str, int], path: str
) -> None:
    for probe in PROBES:
        _refused(client.get(_url(path, ids), params={"cursor": crafted(probe)}))
        _refused(client.get(_url(path, ids), params={"cursor": signed(probe)}))
    for text in ("not-a-cursor", "", "=", "W10", "." * 40, "\u4e2d\u6587"):
        response = client.get(_url(path, ids), params={"cursor": text})
        if text == "":  # an empty cursor is the first page
            assert response.status_code == 200, response.text
        else:
            _refused(response)


def test_a_cursor_a_list_handed_out_still_pages(client: TestClient, db: Session) -> None:
    branch = factories.create_organization(db, name="东岭村党支部")
    for day in range(1, 4):
        factories.create_study_session(
            db, branch, title=f"第{day}次", starts_at=datetime(2015, 6, day, 9)
        )
    first = client.get("/api/v1/study-sessions", params={"limit": 2}).json()
    second = client.get(
        "/api/v1/study-sessions", params={"limit": 2, "cursor": first["next_cursor"]}
    )

    assert second.status_code == 200
    assert [item["title"] for item in second.json()["items"]] == ["第1次"]
    # The same cursor with one character changed is not ours any more.
    tampered = first["next_cursor"][:-1] + ("A" if first["next_cursor"][-1] != "A" else "B")
    _refused(client.get("/api/v1/study-sessions", params={"limit": 2, "cursor": tampered}))


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=3), children, max_size=2)
    ),
    max_leaves=6,
)


@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(value=JSON)
def test_any_crafted_cursor_is_refused_by_every_list(
    client: TestClient, application: FastAPI, ids: dict[str, int], value: Any
) -> None:
    for path in PAGED_LISTS:
        _refused(client.get(_url(path, ids), params={"cursor": crafted(value)}))
        answer = client.get(_url(path, ids), params={"cursor": signed(value)})
        # A signed value may by chance be a genuine cursor of this list (a 1-key list and an int).
        assert answer.status_code < 500, answer.text[:300]
        if answer.status_code != 200:
            _refused(answer)
