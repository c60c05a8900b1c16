"""The secretary's roster (党员名册) on the pages: add a member, correct a name, mark one transferred out
— within their own organization only; audited like every write."""

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.people.models import Person
from tests import factories
from tests.fixtures.accounts import make_account, token_for


def _secretary(application: FastAPI, db: Session):
    branch = factories.create_organization(db, name="东岭村党支部")
    other = factories.create_organization(db, name="西岭村党支部")
    factories.create_person(db, branch, name="韩明华")
    stranger = factories.create_person(db, other, name="周海燕")
    account = make_account(db, branch.id or 0, login="hmh", role=Role.secretary)
    client = TestClient(application, headers={"Authorization": f"Bearer {token_for(db, account)}"})
    return client, branch, stranger


def test_a_secretary_adds_corrects_and_transfers_out_a_member_of_their_branch(
    application: FastAPI, db: Session, client: TestClient
) -> None:
    secretary, branch, _stranger = _secretary(application, db)
    page = secretary.get("/members")
    assert page.status_code == 200
    assert "韩明华" in page.text
    assert "周海燕" not in page.text  # another branch: not in scope

    added = secretary.post(
        "/members",
        data={
            "organization_id": str(branch.id),
            "name": "李建民",
            "post": "村会计",
            "committee_role": "member",
        },
        follow_redirects=False,
    )
    assert added.status_code == 303
    person = db.exec(select(Person).where(Person.name == "李建民")).one()
    assert person.organization_id == branch.id

    blank = secretary.post(f"/members/{person.id}", data={"name": "", "committee_role": "member"})
    assert blank.status_code == 422
    assert f'id="member-{person.id}-name-error"' in blank.text
    fixed = secretary.post(
        f"/members/{person.id}",
        data={"name": "李建军", "post": "村会计", "committee_role": "committee_member"},
        follow_redirects=False,
    )
    assert fixed.status_code == 303
    out = secretary.post(f"/members/{person.id}/transfer", data={}, follow_redirects=False)
    assert out.status_code == 303

    db.expire_all()
    db.refresh(person)
    assert (person.name, person.committee_role, person.active) == (
        "李建军",
        "committee_member",
        False,
    )
    meeting = factories.create_study_session(db, branch)
    roster = secretary.get(f"/study-sessions/{meeting.id}").text
    assert 'id="roster-status-' in roster
    assert f"roster-status-{person.id}" not in roster  # not on a new meeting's roster
    audited = db.exec(
        select(AuditEvent.action).where(
            AuditEvent.entity == "person", col(AuditEvent.entity_id) == str(person.id)
        )
    ).all()
    assert {"create", "update"} <= set(audited)

    assert secretary.post(f"/members/{person.id}/transfer", data={"back": "yes"}).status_code == 200
    db.expire_all()
    assert db.get(Person, person.id).active  # type: ignore[union-attr]


def test_a_member_of_another_organization_answers_404(
    application: FastAPI, db: Session, client: TestClient
) -> None:
    secretary, _branch, stranger = _secretary(application, db)
    renamed = secretary.post(
        f"/members/{stranger.id}", data={"name": "x", "committee_role": "member"}
    )
    moved_in = secretary.post(
        "/members",
        data={
            "organization_id": str(stranger.organization_id),
            "name": "王五",
            "committee_role": "member",
        },
    )

    assert renamed.status_code == 404
    assert moved_in.status_code == 422
    assert db.get(Person, stranger.id).name == "周海燕"  # type: ignore[union-attr]
