"""The campaign pages: a campaign launched, its themes, aspects and required actions added, corrected
and removed on the pages; refusals shown next to their field with the typed text, nothing written."""

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.campaigns.models import Campaign, CampaignTheme, RequiredAction, ThemeAspect
from tests import factories
from tests.helpers import row_counts
from tests.study_sessions.test_views_web import _field_error


def test_a_campaign_with_a_theme_an_aspect_and_a_required_action(
    client: TestClient, db: Session
) -> None:
    county = factories.create_organization(db, name="长兴县委", code="CX")
    before = row_counts(db)
    reversed_period = client.post(
        "/campaigns",
        data={
            "name": "三严三实专题教育",
            "launched_by_id": county.id,
            "starts_on": "2015-12-31",
            "ends_on": "2015-05-01",
        },
    )
    unchanged = row_counts(db)
    made = client.post(
        "/campaigns",
        data={
            "name": "三严三实专题教育",
            "launched_by_id": county.id,
            "starts_on": "2015-05-01",
            "ends_on": "2015-12-31",
        },
        follow_redirects=False,
    )
    db.rollback()
    campaign = db.exec(select(Campaign)).one()
    page = f"/campaigns/{campaign.id}"
    theme = client.post(f"{page}/themes", data={"title": "严以修身"}, follow_redirects=False)
    db.rollback()
    theme_id = db.exec(select(CampaignTheme.id)).one()
    aspect = client.post(
        f"/themes/{theme_id}/aspects", data={"title": "坚定理想信念"}, follow_redirects=False
    )
    action = client.post(
        f"{page}/required-actions",
        data={
            "title": "召开专题民主生活会",
            "theme_id": theme_id,
            "due_date": "2015-12-31",
            "kind.party_committee": "on",
            "kind.party_group": "on",
        },
        follow_redirects=False,
    )
    bogus_kind = client.post(
        f"{page}/required-actions", data={"title": "x", "kind.no_such_kind": "on"}
    )
    db.rollback()
    action_id = db.exec(select(RequiredAction.id)).one()
    blank_title = client.post(f"/required-actions/{action_id}", data={"title": " "})
    corrected = client.post(
        f"/required-actions/{action_id}",
        data={
            "title": "召开“三严三实”专题民主生活会",
            "theme_id": "",
            "due_date": "",
            "kind.party_committee": "on",
        },
        follow_redirects=False,
    )
    aspect_id = db.exec(select(ThemeAspect.id)).one()
    removed = client.post(f"/aspects/{aspect_id}/delete", follow_redirects=False)
    shown = client.get(page)
    db.rollback()
    stored = db.get(RequiredAction, action_id)

    assert reversed_period.status_code == 422
    assert "三严三实专题教育" in reversed_period.text  # the typed text is kept
    assert unchanged == before
    assert made.status_code == 303
    assert made.headers["location"].endswith(page)
    assert theme.status_code == 303
    assert aspect.status_code == 303
    assert action.status_code == 303
    assert bogus_kind.status_code == 422
    assert blank_title.status_code == 422
    assert _field_error(blank_title.text, f"action-{action_id}", "title")
    assert corrected.status_code == 303
    assert stored is not None
    assert stored.title == "召开“三严三实”专题民主生活会"
    assert (stored.theme_id, stored.due_date) == (None, None)  # emptied fields are cleared
    assert stored.organization_kinds == "party_committee"
    assert removed.status_code == 303
    assert db.get(ThemeAspect, aspect_id) is None
    assert "严以修身" in shown.text
    assert 'name="kind.party_committee" value="on" checked' in shown.text
