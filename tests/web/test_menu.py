"""The menu offers each role its work: the API's documentation to the administrator only (its page stays
open to every account, for the tokens)."""

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth.models import Role
from tests import factories
from tests.fixtures.accounts import client_as


def test_only_the_administrators_menu_links_the_api(
    application: FastAPI, client: TestClient, db: Session
) -> None:
    county = factories.create_organization(db, name="长兴县委", code="C")
    menus = {}
    for role in Role:
        with client_as(application, db, county.id or 0, role, f"menu-{role.value}") as caller:
            page = caller.get("/study-sessions")
            docs = caller.get("/docs")
        menus[role] = ('href="/docs"' in page.text, docs.status_code)

    assert menus == {
        Role.admin: (True, 200),
        Role.inspector: (False, 200),
        Role.secretary: (False, 200),
        Role.viewer: (False, 200),
    }
