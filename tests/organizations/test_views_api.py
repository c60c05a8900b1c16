"""The organization tree through the API: materialized paths, subtrees, moves and refused writes."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from tests import factories
from tests.helpers import field_error, row_counts


def create(
    client: TestClient,
    code: str,
    name: str,
    *,
    kind: str = "party_committee",
    parent_id: int | None = None,
) -> dict[str, Any]:
    response = client.post(
        "/api/v1/organizations",
        json={"code": code, "name": name, "kind": kind, "parent_id": parent_id},
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def county(client: TestClient) -> dict[str, Any]:
    return create(client, "cx", "中共长兴县委")


@pytest.fixture
def town(client: TestClient, county) -> dict[str, Any]:
    return create(client, "cx-hp", "和平镇党委", parent_id=county["id"])


@pytest.fixture
def village(client: TestClient, town) -> dict[str, Any]:
    return create(client, "cx-hp-nz", "和平镇南庄村党支部", kind="branch", parent_id=town["id"])


@pytest.fixture
def bureau(client: TestClient, county) -> dict[str, Any]:
    return create(client, "cx-cz", "县财政局党组", kind="party_group", parent_id=county["id"])


def paths(client: TestClient) -> dict[str, str]:
    """Code → materialized path of every organization (but the test administrator's own)."""
    items = client.get("/api/v1/organizations", params={"limit": 200}).json()["items"]
    return {item["code"]: item["path"] for item in items if item["code"] != "SYS"}


def test_paths_run_from_the_root_down(client: TestClient, county, town, village) -> None:
    assert county["parent_id"] is None
    assert county["path"] == f"/{county['id']}/"
    assert town["parent_id"] == county["id"]
    assert town["path"] == f"/{county['id']}/{town['id']}/"
    assert village["path"] == f"/{county['id']}/{town['id']}/{village['id']}/"

    read = client.get(f"/api/v1/organizations/{village['id']}").json()
    assert read["path"] == village["path"]
    assert (read["name"], read["kind"]) == ("和平镇南庄村党支部", "branch")


def test_flags_round_trip(client: TestClient, county) -> None:
    response = client.post(
        "/api/v1/organizations",
        json={
            "code": "cx-gt",
            "name": "县国土资源局党委",
            "kind": "party_committee",
            "parent_id": county["id"],
            "is_key_unit": True,
            "is_power_department": True,
        },
    )

    assert response.status_code == 201
    read = client.get(f"/api/v1/organizations/{response.json()['id']}").json()
    assert (read["is_key_unit"], read["is_power_department"], read["is_weak_unit"]) == (
        True,
        True,
        False,
    )


def test_within_lists_the_subtree_and_itself_but_not_siblings(
    client: TestClient, county, town, village, bureau
) -> None:
    response = client.get("/api/v1/organizations", params={"within_id": town["id"]})

    assert response.status_code == 200
    assert [item["code"] for item in response.json()["items"]] == ["cx-hp", "cx-hp-nz"]

    whole = client.get("/api/v1/organizations", params={"within_id": county["id"]}).json()
    assert {item["code"] for item in whole["items"]} == {"cx", "cx-hp", "cx-hp-nz", "cx-cz"}


def test_within_does_not_match_ids_that_merely_share_digits(
    client: TestClient, db: Session
) -> None:
    # "/1/" must not take in "/12/": create roots until one's id extends the first one's digits.
    first = factories.create_organization(db, name="第一县委")
    other = factories.create_organization(db, name="另一县委")
    while not str(other.id).startswith(str(first.id)):
        other = factories.create_organization(db, name="另一县委")

    items = client.get("/api/v1/organizations", params={"within_id": first.id}).json()["items"]

    assert [item["id"] for item in items] == [first.id]


def test_filters_by_parent_and_kind(client: TestClient, county, town, village, bureau) -> None:
    children = client.get("/api/v1/organizations", params={"parent_id": county["id"]}).json()
    branches = client.get("/api/v1/organizations", params={"kind": "branch"}).json()

    assert {item["code"] for item in children["items"]} == {"cx-hp", "cx-cz"}
    assert [item["code"] for item in branches["items"]] == ["cx-hp-nz"]


def test_keyset_pagination_walks_every_row_exactly_once(client: TestClient, county) -> None:
    created = [county["id"]] + [
        create(client, f"branch-{n}", f"第{n}党支部", kind="branch", parent_id=county["id"])["id"]
        for n in range(4)
    ]
    seen: list[int] = []
    page_sizes: list[int] = []
    cursor: str | None = None

    while True:
        params: dict[str, Any] = {"limit": 2, "within_id": county["id"]}
        if cursor is not None:
            params["cursor"] = cursor
        response = client.get("/api/v1/organizations", params=params)
        assert response.status_code == 200
        body = response.json()
        page_sizes.append(len(body["items"]))
        seen.extend(item["id"] for item in body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            break
        assert len(page_sizes) < 10, "the cursor never ends"

    assert page_sizes == [2, 2, 1]
    assert seen == sorted(created)


def test_a_garbled_cursor_is_422(client: TestClient, county) -> None:
    response = client.get("/api/v1/organizations", params={"cursor": "not-a-cursor!"})

    assert response.status_code == 422
    assert field_error(response.json(), "cursor")


def test_limit_is_bounded(client: TestClient) -> None:
    response = client.get("/api/v1/organizations", params={"limit": 0})

    assert response.status_code == 422
    assert field_error(response.json(), "limit")["code"] == "greater_than_equal"


def test_duplicate_code_is_409(client: TestClient, db: Session, county) -> None:
    before = row_counts(db)

    response = client.post(
        "/api/v1/organizations",
        json={"code": "cx", "name": "另一个县委", "kind": "party_committee"},
    )

    assert response.status_code == 409
    assert field_error(response.json(), "code")["code"] == "duplicate_code"
    assert row_counts(db) == before


def test_renaming_to_a_used_code_is_409(client: TestClient, db: Session, county, town) -> None:
    before = row_counts(db)

    response = client.patch(f"/api/v1/organizations/{town['id']}", json={"code": "cx"})

    assert response.status_code == 409
    assert field_error(response.json(), "code")["code"] == "duplicate_code"
    assert row_counts(db) == before
    assert client.get(f"/api/v1/organizations/{town['id']}").json()["code"] == "cx-hp"


def test_keeping_its_own_code_is_not_a_duplicate(client: TestClient, town) -> None:
    response = client.patch(
        f"/api/v1/organizations/{town['id']}", json={"code": "cx-hp", "name": "和平镇委员会"}
    )

    assert response.status_code == 200, response.text
    assert response.json()["name"] == "和平镇委员会"


@pytest.mark.parametrize(
    ("code", "error_code"),
    [
        ("和平镇", "string_pattern_mismatch"),
        ("cx hp", "string_pattern_mismatch"),
        ("cx/hp", "string_pattern_mismatch"),
        ("", "string_too_short"),
        ("x" * 41, "string_too_long"),
    ],
)
def test_invalid_code_is_422(client: TestClient, db: Session, code: str, error_code: str) -> None:
    before = row_counts(db)

    response = client.post(
        "/api/v1/organizations",
        json={"code": code, "name": "和平镇党委", "kind": "party_committee"},
    )

    assert response.status_code == 422
    assert field_error(response.json(), "code")["code"] == error_code
    assert row_counts(db) == before


def test_unknown_kind_is_422(client: TestClient, db: Session) -> None:
    before = row_counts(db)

    response = client.post(
        "/api/v1/organizations", json={"code": "cx", "name": "县委", "kind": "village"}
    )

    assert response.status_code == 422
    assert field_error(response.json(), "kind")["code"] == "enum"
    assert row_counts(db) == before


# An id that could exist but does not is 404; one no record can have (0, or beyond the id columns'
# range) is refused as invalid input before any query.
@pytest.mark.parametrize(
    ("parent_id", "status", "code"),
    [
        (987654, 404, "organization_not_found"),
        (0, 422, "greater_than_equal"),
        (2**31, 422, "less_than_equal"),
        (2**70, 422, "less_than_equal"),
    ],
)
def test_unknown_parent_is_refused_naming_the_field(
    client: TestClient, db: Session, parent_id: int, status: int, code: str
) -> None:
    before = row_counts(db)

    response = client.post(
        "/api/v1/organizations",
        json={
            "code": "cx-hp",
            "name": "和平镇党委",
            "kind": "party_committee",
            "parent_id": parent_id,
        },
    )

    assert response.status_code == status
    assert field_error(response.json(), "parent_id")["code"] == code
    assert row_counts(db) == before


def test_unknown_organization_is_404_with_a_code(client: TestClient, db: Session) -> None:
    before = row_counts(db)
    for response in (
        client.get("/api/v1/organizations/987654"),
        client.patch("/api/v1/organizations/987654", json={"name": "无"}),
        client.delete("/api/v1/organizations/987654"),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "organization_not_found"
    assert row_counts(db) == before


def test_within_an_unknown_organization_is_404(client: TestClient) -> None:
    response = client.get("/api/v1/organizations", params={"within_id": 987654})

    assert response.status_code == 404
    assert field_error(response.json(), "within_id")["code"] == "organization_not_found"


def test_moving_rewrites_the_paths_of_the_whole_subtree(
    client: TestClient, county, town, village, bureau
) -> None:
    hamlet = create(
        client, "cx-hp-nz-1", "南庄村第一党小组", kind="branch", parent_id=village["id"]
    )

    response = client.patch(f"/api/v1/organizations/{town['id']}", json={"parent_id": bureau["id"]})

    assert response.status_code == 200, response.text
    moved = f"/{county['id']}/{bureau['id']}/{town['id']}/"
    assert response.json()["parent_id"] == bureau["id"]
    assert paths(client) == {
        "cx": f"/{county['id']}/",
        "cx-cz": f"/{county['id']}/{bureau['id']}/",
        "cx-hp": moved,
        "cx-hp-nz": f"{moved}{village['id']}/",
        "cx-hp-nz-1": f"{moved}{village['id']}/{hamlet['id']}/",
    }
    subtree = client.get("/api/v1/organizations", params={"within_id": bureau["id"]}).json()
    assert {item["code"] for item in subtree["items"]} == {
        "cx-cz",
        "cx-hp",
        "cx-hp-nz",
        "cx-hp-nz-1",
    }


@pytest.mark.parametrize("target", ["itself", "child", "grandchild"])
def test_cannot_move_under_itself_or_a_descendant(
    client: TestClient, db: Session, county, town, village, target: str
) -> None:
    grandchild = create(
        client, "cx-hp-nz-1", "南庄村第一党小组", kind="branch", parent_id=village["id"]
    )
    new_parent = {"itself": town, "child": village, "grandchild": grandchild}[target]
    before_paths = paths(client)
    before = row_counts(db)

    response = client.patch(
        f"/api/v1/organizations/{town['id']}", json={"parent_id": new_parent["id"]}
    )

    assert response.status_code == 409
    assert field_error(response.json(), "parent_id")["code"] == "cannot_move"
    assert paths(client) == before_paths
    assert row_counts(db) == before


def test_cannot_become_a_root(client: TestClient, db: Session, county, town) -> None:
    before = row_counts(db)

    response = client.patch(f"/api/v1/organizations/{town['id']}", json={"parent_id": None})

    assert response.status_code == 409
    assert field_error(response.json(), "parent_id")["code"] == "cannot_move"
    assert row_counts(db) == before
    assert client.get(f"/api/v1/organizations/{town['id']}").json()["parent_id"] == county["id"]


def test_moving_under_an_unknown_parent_is_404(client: TestClient, db: Session, town) -> None:
    before = row_counts(db)

    response = client.patch(f"/api/v1/organizations/{town['id']}", json={"parent_id": 987654})

    assert response.status_code == 404
    assert field_error(response.json(), "parent_id")["code"] == "organization_not_found"
    assert row_counts(db) == before
    assert client.get(f"/api/v1/organizations/{town['id']}").json()["path"] == town["path"]


def test_patch_without_parent_changes_only_the_fields_sent(client: TestClient, town) -> None:
    response = client.patch(f"/api/v1/organizations/{town['id']}", json={"is_weak_unit": True})

    assert response.status_code == 200
    body = response.json()
    assert body["is_weak_unit"] is True
    assert (body["code"], body["name"], body["path"]) == (town["code"], town["name"], town["path"])


def test_delete_of_an_organization_with_children_is_409(
    client: TestClient, db: Session, county, town
) -> None:
    before = row_counts(db)

    response = client.delete(f"/api/v1/organizations/{county['id']}")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "organization_has_children"
    assert row_counts(db) == before


def test_delete_of_an_organization_with_people_is_409(client: TestClient, db: Session) -> None:
    branch = factories.create_organization(db, name="和平镇机关党支部")
    factories.create_person(db, branch, name="马国强")
    before = row_counts(db)

    response = client.delete(f"/api/v1/organizations/{branch.id}")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "organization_has_people"
    assert row_counts(db) == before


def test_delete_of_an_organization_with_study_sessions_is_409(
    client: TestClient, db: Session
) -> None:
    branch = factories.create_organization(db, name="和平镇机关党支部")
    factories.create_study_session(db, branch)
    before = row_counts(db)

    response = client.delete(f"/api/v1/organizations/{branch.id}")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "organization_has_study_sessions"
    assert row_counts(db) == before


def test_delete_of_an_organization_that_launched_a_campaign_is_409(
    client: TestClient, db: Session
) -> None:
    county = factories.create_organization(db, name="中共长兴县委")
    factories.create_campaign(db, county)
    before = row_counts(db)

    response = client.delete(f"/api/v1/organizations/{county.id}")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "organization_has_campaigns"
    assert row_counts(db) == before


def test_delete_of_an_organization_with_its_own_optional_action_is_409(
    client: TestClient, db: Session
) -> None:
    county = factories.create_organization(db, name="中共长兴县委")
    town = factories.create_organization(db, name="和平镇党委", parent=county)
    campaign = factories.create_campaign(db, county)
    added = client.post(
        f"/api/v1/campaigns/{campaign.id}/required-actions",
        json={"title": "镇村干部开展进村入户大走访", "organization_id": town.id},
    )
    assert added.status_code == 201, added.text
    before = row_counts(db)

    response = client.delete(f"/api/v1/organizations/{town.id}")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "organization_has_required_actions"
    assert row_counts(db) == before


def test_delete_of_a_leaf_is_204_then_404(
    client: TestClient, db: Session, county, town, village
) -> None:
    before = row_counts(db)

    response = client.delete(f"/api/v1/organizations/{village['id']}")

    assert response.status_code == 204
    assert row_counts(db)["organization"] == before["organization"] - 1
    gone = client.get(f"/api/v1/organizations/{village['id']}")
    assert gone.status_code == 404
    assert gone.json()["error"]["code"] == "organization_not_found"
    assert client.get(f"/api/v1/organizations/{town['id']}").status_code == 200
