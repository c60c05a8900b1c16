"""People of the organizations in the caller's scope."""

from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from app.errors import Conflict, NotFound
from app.i18n import mark
from app.organizations import service as organization_service
from app.organizations.models import Organization
from app.pagination import keyset_page
from app.people.models import CommitteeRole, Person
from app.people.schemas import PersonCreate, PersonUpdate
from app.scope import Scope, in_scope


def get_person(db: Session, scope: Scope, person_id: int, *, field: str | None = None) -> Person:
    """The person if their organization is in ``scope``; 404 otherwise."""
    row = db.exec(
        select(Person, Organization.path)
        .join(Organization, col(Organization.id) == Person.organization_id)
        .where(Person.id == person_id)
    ).first()
    if row is None or not scope.covers(row[1]):
        raise NotFound(mark("Person not found."), code="person_not_found", field=field)
    return row[0]


def list_people(
    db: Session,
    scope: Scope,
    *,
    organization_id: int | None = None,
    include_subtree: bool = False,
    committee_role: CommitteeRole | None = None,
    active: bool | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[Person], str | None]:
    statement = (
        select(Person)
        .join(Organization, col(Organization.id) == Person.organization_id)
        .where(in_scope(col(Organization.path), scope))
    )
    if organization_id is not None:
        organization = organization_service.get_organization(
            db, scope, organization_id, field="organization_id"
        )
        if include_subtree:
            statement = statement.where(in_scope(col(Organization.path), Scope(organization.path)))
        else:
            statement = statement.where(Person.organization_id == organization.id)
    if committee_role is not None:
        statement = statement.where(Person.committee_role == committee_role)
    if active is not None:
        statement = statement.where(Person.active == active)
    return keyset_page(
        db, statement, keys=[col(Person.id)], key_of=lambda p: [p.id], cursor=cursor, limit=limit
    )


def create_person(db: Session, scope: Scope, data: PersonCreate) -> Person:
    organization_service.get_organization(db, scope, data.organization_id, field="organization_id")
    person = Person(**data.model_dump())
    db.add(person)
    db.flush()
    return person


def update_person(db: Session, scope: Scope, person: Person, data: PersonUpdate) -> Person:
    changes: dict[str, Any] = data.model_dump(exclude_unset=True, exclude_none=True)
    if "organization_id" in changes:
        organization_service.get_organization(
            db, scope, changes["organization_id"], field="organization_id"
        )
    for name, value in changes.items():
        setattr(person, name, value)
    db.flush()
    return person


def delete_person(db: Session, person: Person) -> None:
    """Delete a person who appears in no minutes; otherwise 409 (deactivate them instead)."""
    from app.study_sessions.models import (
        Attendance,
        Contribution,
        Finding,
        SpeechOutline,
        StudySession,
    )

    references = [
        select(func.count()).where(
            or_(col(StudySession.chair_id) == person.id, col(StudySession.recorder_id) == person.id)
        ),
        select(func.count()).where(Attendance.person_id == person.id),
        select(func.count()).where(SpeechOutline.author_id == person.id),
        select(func.count()).where(
            or_(col(Contribution.speaker_id) == person.id, col(Contribution.target_id) == person.id)
        ),
        select(func.count()).where(Finding.person_id == person.id),
    ]
    if any(db.exec(statement).one() for statement in references):
        raise Conflict(
            mark("This person appears in minutes; set them inactive instead of deleting."),
            code="person_in_use",
        )
    db.delete(person)
    db.flush()


def get_person_unscoped(db: Session, person_id: int) -> Person | None:
    """For rule checks after the caller's access to the person was already established."""
    return db.get(Person, person_id)
