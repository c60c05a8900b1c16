"""Campaigns through the API: ordered themes and aspects, required actions, and refused writes."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.campaigns.models import Campaign, CampaignTheme
from app.organizations.models import Organization
from app.study_sessions import parts_service
from app.study_sessions.schemas import TopicCreate
from tests import factories
from tests.helpers import field_error, row_counts

SANYAN = {
    "name": "三严三实专题教育",
    "description": "既严以修身、严以用权、严以律己，又谋事要实、创业要实、做人要实。",
    "starts_on": "2015-05-01",
    "ends_on": "2015-12-31",
}
THEMES = {
    "严以修身": ["坚定理想信念，补足精神之“钙”", "加强党性修养，坚守道德底线"],
    "严以律己": ["严守政治纪律和政治规矩", "落实中央八项规定精神", "廉洁自律，管好身边人"],
    "严以用权": ["坚持用权为民"],
}


@pytest.fixture
def county(db: Session) -> Organization:
    return factories.create_organization(db, name="中共长兴县委")


@pytest.fixture
def campaign(db: Session, county: Organization) -> Campaign:
    return factories.create_campaign(db, county)


def post(client: TestClient, url: str, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(url, json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def test_create_with_themes_and_aspects_in_order(client: TestClient, county: Organization) -> None:
    campaign = post(client, "/api/v1/campaigns", {**SANYAN, "launched_by_id": county.id})
    assert (campaign["themes"], campaign["required_actions"]) == ([], [])
    themes = {}
    for title, aspects in THEMES.items():
        theme = post(client, f"/api/v1/campaigns/{campaign['id']}/themes", {"title": title})
        themes[title] = theme
        for aspect in aspects:
            post(client, f"/api/v1/themes/{theme['id']}/aspects", {"title": aspect})
    action = post(
        client,
        f"/api/v1/campaigns/{campaign['id']}/required-actions",
        {
            "title": "领导班子围绕“严以修身”开展专题学习研讨",
            "theme_id": themes["严以修身"]["id"],
            "due_date": "2015-07-31",
        },
    )

    detail = client.get(f"/api/v1/campaigns/{campaign['id']}")

    assert detail.status_code == 200
    body = detail.json()
    assert (body["name"], body["starts_on"], body["ends_on"]) == (
        "三严三实专题教育",
        "2015-05-01",
        "2015-12-31",
    )
    assert [(t["position"], t["title"]) for t in body["themes"]] == [
        (1, "严以修身"),
        (2, "严以律己"),
        (3, "严以用权"),
    ]
    for theme in body["themes"]:
        assert [a["title"] for a in theme["aspects"]] == THEMES[theme["title"]]
        assert [a["position"] for a in theme["aspects"]] == list(
            range(1, len(THEMES[theme["title"]]) + 1)
        )
    assert [(a["id"], a["theme_id"], a["due_date"]) for a in body["required_actions"]] == [
        (action["id"], themes["严以修身"]["id"], "2015-07-31")
    ]


def test_themes_follow_their_positions_not_their_creation(
    client: TestClient, db: Session, campaign: Campaign
) -> None:
    later = factories.create_theme(db, campaign, title="严以律己")
    earlier = factories.create_theme(db, campaign, title="严以修身")

    moved = client.patch(f"/api/v1/themes/{earlier.id}", json={"position": 1})
    client.patch(f"/api/v1/themes/{later.id}", json={"position": 2})

    assert moved.status_code == 200
    themes = client.get(f"/api/v1/campaigns/{campaign.id}/themes").json()
    assert [t["title"] for t in themes] == ["严以修身", "严以律己"]
    detail = client.get(f"/api/v1/campaigns/{campaign.id}").json()
    assert [t["title"] for t in detail["themes"]] == ["严以修身", "严以律己"]


def test_read_a_theme_with_its_aspects(client: TestClient, db: Session, campaign: Campaign) -> None:
    theme = factories.create_theme(db, campaign, title="严以修身")
    factories.create_aspect(db, theme, title="坚定理想信念")
    factories.create_aspect(db, theme, title="加强党性修养")

    body = client.get(f"/api/v1/themes/{theme.id}").json()

    assert body["title"] == "严以修身"
    assert [(a["position"], a["title"]) for a in body["aspects"]] == [
        (1, "坚定理想信念"),
        (2, "加强党性修养"),
    ]


def test_list_campaigns(client: TestClient, db: Session, county: Organization) -> None:
    factories.create_campaign(db, county, name="党的群众路线教育实践活动")
    factories.create_campaign(db, county, name="三严三实专题教育")

    body = client.get("/api/v1/campaigns", params={"limit": 1}).json()
    rest = client.get("/api/v1/campaigns", params={"cursor": body["next_cursor"]}).json()

    assert [c["name"] for c in body["items"] + rest["items"]] == [
        "党的群众路线教育实践活动",
        "三严三实专题教育",
    ]
    assert rest["next_cursor"] is None


def test_end_before_start_is_422_on_create(
    client: TestClient, db: Session, county: Organization
) -> None:
    before = row_counts(db)

    response = client.post(
        "/api/v1/campaigns",
        json={**SANYAN, "ends_on": "2015-04-30", "launched_by_id": county.id},
    )

    assert response.status_code == 422
    assert field_error(response.json(), "ends_on")["code"] == "ends_before_starts"
    assert row_counts(db) == before


@pytest.mark.parametrize(
    "change", [{"ends_on": "2015-04-30"}, {"starts_on": "2016-01-01"}], ids=["ends", "starts"]
)
def test_end_before_start_is_422_on_update(
    client: TestClient, db: Session, campaign: Campaign, change: dict[str, str]
) -> None:
    campaign_id = campaign.id
    before = row_counts(db)

    response = client.patch(f"/api/v1/campaigns/{campaign_id}", json=change)

    assert response.status_code == 422
    assert field_error(response.json(), "ends_on")["code"] == "ends_before_starts"
    assert row_counts(db) == before
    body = client.get(f"/api/v1/campaigns/{campaign_id}").json()
    assert (body["starts_on"], body["ends_on"]) == ("2015-05-01", "2015-12-31")


def test_update_changes_the_fields_sent(client: TestClient, campaign: Campaign) -> None:
    response = client.patch(
        f"/api/v1/campaigns/{campaign.id}",
        json={"ends_on": "2016-01-31", "description": "延长至次年一月。"},
    )

    assert response.status_code == 200
    body = client.get(f"/api/v1/campaigns/{campaign.id}").json()
    assert (body["name"], body["ends_on"], body["description"]) == (
        "三严三实专题教育",
        "2016-01-31",
        "延长至次年一月。",
    )


def test_unknown_launching_organization_is_404(client: TestClient, db: Session) -> None:
    before = row_counts(db)

    response = client.post("/api/v1/campaigns", json={**SANYAN, "launched_by_id": 987654})

    assert response.status_code == 404
    assert field_error(response.json(), "launched_by_id")["code"] == "organization_not_found"
    assert row_counts(db) == before


def test_required_action_kinds_round_trip(client: TestClient, campaign: Campaign) -> None:
    created = post(
        client,
        f"/api/v1/campaigns/{campaign.id}/required-actions",
        {
            "title": "召开“三严三实”专题民主生活会",
            "due_date": "2015-12-31",
            "organization_kinds": ["party_committee", "party_group"],
        },
    )

    read = client.get(f"/api/v1/required-actions/{created['id']}").json()
    listed = client.get(f"/api/v1/campaigns/{campaign.id}/required-actions").json()

    assert created["organization_kinds"] == ["party_committee", "party_group"]
    assert read["organization_kinds"] == ["party_committee", "party_group"]
    assert [a["organization_kinds"] for a in listed] == [["party_committee", "party_group"]]
    assert (read["is_optional"], read["organization_id"]) == (False, None)

    changed = client.patch(
        f"/api/v1/required-actions/{created['id']}", json={"organization_kinds": ["branch"]}
    )
    assert changed.json()["organization_kinds"] == ["branch"]
    cleared = client.patch(
        f"/api/v1/required-actions/{created['id']}", json={"organization_kinds": []}
    )
    assert cleared.json()["organization_kinds"] == []
    assert client.get(f"/api/v1/required-actions/{created['id']}").json()["title"] == (
        "召开“三严三实”专题民主生活会"
    )


def test_an_unknown_organization_kind_is_422(
    client: TestClient, db: Session, campaign: Campaign
) -> None:
    before = row_counts(db)

    response = client.post(
        f"/api/v1/campaigns/{campaign.id}/required-actions",
        json={"title": "专题党课", "organization_kinds": ["village"]},
    )

    assert response.status_code == 422
    assert field_error(response.json(), "organization_kinds.0")["code"] == "enum"
    assert row_counts(db) == before


def test_an_organizations_own_action_is_optional(
    client: TestClient, db: Session, county: Organization, campaign: Campaign
) -> None:
    town = factories.create_organization(db, name="和平镇党委", parent=county)

    created = post(
        client,
        f"/api/v1/campaigns/{campaign.id}/required-actions",
        {"title": "镇村干部开展进村入户大走访", "organization_id": town.id},
    )

    assert (created["is_optional"], created["organization_id"]) == (True, town.id)


def test_theme_of_another_campaign_is_404_naming_theme_id(
    client: TestClient, db: Session, county: Organization, campaign: Campaign
) -> None:
    other = factories.create_campaign(db, county, name="党的群众路线教育实践活动")
    foreign_theme = factories.create_theme(db, other, title="学习教育、听取意见")
    before = row_counts(db)

    response = client.post(
        f"/api/v1/campaigns/{campaign.id}/required-actions",
        json={"title": "专题研讨", "theme_id": foreign_theme.id},
    )

    assert response.status_code == 404
    assert field_error(response.json(), "theme_id")["code"] == "theme_not_found"
    assert row_counts(db) == before


def test_moving_an_action_to_a_theme_of_another_campaign_is_404(
    client: TestClient, db: Session, county: Organization, campaign: Campaign
) -> None:
    own_theme = factories.create_theme(db, campaign, title="严以修身")
    action = post(
        client,
        f"/api/v1/campaigns/{campaign.id}/required-actions",
        {"title": "专题研讨", "theme_id": own_theme.id},
    )
    other = factories.create_campaign(db, county, name="党的群众路线教育实践活动")
    foreign_theme = factories.create_theme(db, other, title="学习教育、听取意见")
    before = row_counts(db)

    response = client.patch(
        f"/api/v1/required-actions/{action['id']}", json={"theme_id": foreign_theme.id}
    )

    assert response.status_code == 404
    assert field_error(response.json(), "theme_id")["code"] == "theme_not_found"
    assert row_counts(db) == before
    assert client.get(f"/api/v1/required-actions/{action['id']}").json()["theme_id"] == own_theme.id


def test_delete_of_a_theme_in_use_by_a_session_is_409(
    client: TestClient, db: Session, county: Organization, campaign: Campaign
) -> None:
    theme = factories.create_theme(db, campaign)
    factories.create_aspect(db, theme)
    factories.create_study_session(db, county, campaign=campaign, theme=theme)
    before = row_counts(db)

    response = client.delete(f"/api/v1/themes/{theme.id}")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "theme_in_use"
    assert row_counts(db) == before


def test_delete_of_a_theme_whose_aspect_minutes_use_is_409(
    client: TestClient, db: Session, county: Organization, campaign: Campaign
) -> None:
    theme = factories.create_theme(db, campaign, title="严以修身")
    aspect = factories.create_aspect(db, theme)
    # The session belongs to the campaign but not to this theme; one of its topics names the aspect.
    study_session = factories.create_study_session(db, county, campaign=campaign)
    parts_service.create_topic(
        db,
        factories.EVERYTHING,
        study_session,
        TopicCreate(title="如何坚定理想信念", aspect_id=aspect.id),
    )
    db.commit()
    before = row_counts(db)

    response = client.delete(f"/api/v1/themes/{theme.id}")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "aspect_in_use"
    assert row_counts(db) == before


def test_delete_of_a_theme_a_required_action_names_is_409(
    client: TestClient, db: Session, campaign: Campaign
) -> None:
    theme = factories.create_theme(db, campaign, title="严以修身")
    post(
        client,
        f"/api/v1/campaigns/{campaign.id}/required-actions",
        {"title": "领导班子围绕“严以修身”开展专题学习研讨", "theme_id": theme.id},
    )
    before = row_counts(db)

    response = client.delete(f"/api/v1/themes/{theme.id}")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "theme_in_use"
    assert row_counts(db) == before


def test_delete_of_an_unused_theme_takes_its_aspects(
    client: TestClient, db: Session, campaign: Campaign
) -> None:
    theme = factories.create_theme(db, campaign, title="严以修身")
    factories.create_aspect(db, theme, title="坚定理想信念")
    factories.create_aspect(db, theme, title="加强党性修养")
    kept = factories.create_theme(db, campaign, title="严以律己")
    theme_id = theme.id
    before = row_counts(db)

    response = client.delete(f"/api/v1/themes/{theme_id}")

    assert response.status_code == 204
    after = row_counts(db)
    assert (after["campaign_theme"], after["theme_aspect"]) == (
        before["campaign_theme"] - 1,
        before["theme_aspect"] - 2,
    )
    assert client.get(f"/api/v1/themes/{theme_id}").json()["error"]["code"] == "theme_not_found"
    themes = client.get(f"/api/v1/campaigns/{campaign.id}/themes").json()
    assert [t["id"] for t in themes] == [kept.id]


def test_delete_of_an_aspect_a_topic_uses_is_409(
    client: TestClient, db: Session, county: Organization, campaign: Campaign
) -> None:
    theme = factories.create_theme(db, campaign)
    aspect = factories.create_aspect(db, theme)
    study_session = factories.create_study_session(db, county, campaign=campaign, theme=theme)
    parts_service.create_topic(
        db, factories.EVERYTHING, study_session, TopicCreate(title="题目", aspect_id=aspect.id)
    )
    db.commit()
    before = row_counts(db)

    response = client.delete(f"/api/v1/aspects/{aspect.id}")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "aspect_in_use"
    assert row_counts(db) == before


def test_delete_of_a_campaign_with_sessions_is_409(
    client: TestClient, db: Session, county: Organization, campaign: Campaign
) -> None:
    factories.create_study_session(db, county, campaign=campaign)
    before = row_counts(db)

    response = client.delete(f"/api/v1/campaigns/{campaign.id}")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "campaign_in_use"
    assert row_counts(db) == before


def test_delete_of_an_unused_campaign_takes_its_themes_aspects_and_actions(
    client: TestClient, db: Session, county: Organization, campaign: Campaign
) -> None:
    theme: CampaignTheme = factories.create_theme(db, campaign)
    factories.create_aspect(db, theme)
    post(
        client,
        f"/api/v1/campaigns/{campaign.id}/required-actions",
        {"title": "专题研讨", "theme_id": theme.id},
    )
    kept = factories.create_campaign(db, county, name="党的群众路线教育实践活动")
    factories.create_theme(db, kept, title="学习教育、听取意见")
    campaign_id = campaign.id

    response = client.delete(f"/api/v1/campaigns/{campaign_id}")

    assert response.status_code == 204
    counts = row_counts(db)
    assert (
        counts["campaign"],
        counts["campaign_theme"],
        counts["theme_aspect"],
        counts["required_action"],
    ) == (1, 1, 0, 0)
    gone = client.get(f"/api/v1/campaigns/{campaign_id}")
    assert gone.status_code == 404
    assert gone.json()["error"]["code"] == "campaign_not_found"


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("GET", "/api/v1/campaigns/987654", None),
        ("PATCH", "/api/v1/campaigns/987654", {"name": "无"}),
        ("DELETE", "/api/v1/campaigns/987654", None),
        ("GET", "/api/v1/campaigns/987654/themes", None),
        ("POST", "/api/v1/campaigns/987654/themes", {"title": "严以修身"}),
        ("POST", "/api/v1/campaigns/987654/required-actions", {"title": "专题研讨"}),
    ],
)
def test_unknown_campaign_is_404_with_a_code(
    client: TestClient, db: Session, method: str, url: str, body: dict[str, str] | None
) -> None:
    before = row_counts(db)

    response = client.request(method, url, json=body)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "campaign_not_found"
    assert row_counts(db) == before


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("/api/v1/themes/987654", "theme_not_found"),
        ("/api/v1/aspects/987654", "aspect_not_found"),
        ("/api/v1/required-actions/987654", "required_action_not_found"),
    ],
)
def test_unknown_parts_are_404_with_a_code(client: TestClient, url: str, code: str) -> None:
    response = client.get(url)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == code


def test_session_with_a_theme_of_another_campaign_is_404(
    client: TestClient, db: Session, county: Organization, campaign: Campaign
) -> None:
    other = factories.create_campaign(db, county, name="党的群众路线教育实践活动")
    foreign_theme = factories.create_theme(db, other, title="学习教育、听取意见")
    before = row_counts(db)

    response = client.post(
        "/api/v1/study-sessions",
        json={
            "organization_id": county.id,
            "kind": "special_seminar",
            "title": "专题研讨",
            "starts_at": "2015-06-12T14:30:00",
            "campaign_id": campaign.id,
            "theme_id": foreign_theme.id,
        },
    )

    assert response.status_code == 404
    assert field_error(response.json(), "theme_id")["code"] == "theme_not_found"
    assert row_counts(db) == before
