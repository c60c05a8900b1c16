"""``GET /api/v1/me``: every role learns who it is — its person's name, organization and scope."""

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.auth.models import Role
from tests import factories
from tests.fixtures.accounts import make_account, token_for


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_me_answers_each_role(
    application: FastAPI, client: TestClient, db: Session, role: Role
) -> None:
    county = factories.create_organization(db, name="长兴县委", code="C")
    person = factories.create_person(db, county, name="王海涛")
    account = make_account(
        db, county.id or 0, login=f"c-{role.value}", role=role, include_subtree=True
    )
    account.person_id = person.id
    db.add(account)
    db.commit()
    headers = {"Authorization": f"Bearer {token_for(db, account)}"}
    with TestClient(application, headers=headers) as caller:
        me = caller.get("/api/v1/me")
    anonymous = TestClient(application).get("/api/v1/me")

    assert me.status_code == 200
    assert me.json() == {
        "id": account.id,
        "login": f"c-{role.value}",
        "role": role.value,
        "person": {"id": person.id, "name": "王海涛"},
        "organization": {"id": county.id, "name": "长兴县委"},
        "include_subtree": True,
        "finalized_only": role == Role.viewer,
    }
    assert anonymous.status_code == 401
