"""People of the organizations in the caller's scope."""

from typing import Any

from sqlmodel import Session, col, select

from app.crud import InUse
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


def delete_person(db: Session, person: Person, *, in_minutes: InUse) -> None:
    """Delete a person who appears in no minutes (``in_minutes`` asks them); otherwise 409 (deactivate
    them instead)."""
    if in_minutes():
        raise Conflict(
            mark("This person appears in minutes; set them inactive instead of deleting."),
            code="person_in_use",
        )
    db.delete(person)
    db.flush()


def people_in_organization(db: Session, organization_id: int) -> bool:
    """Whether anyone belongs to the organization."""
    statement = select(Person.id).where(Person.organization_id == organization_id).limit(1)
    return db.exec(statement).first() is not None


def get_person_unscoped(db: Session, person_id: int) -> Person | None:
    """For rule checks after the caller's access to the person was already established."""
    return db.get(Person, person_id)


# Pick lists and lists of the pages ---------------------------------------------------------------


def _with_organization(scope: Scope) -> Any:
    return (
        select(Person, Organization.name, Organization.path)
        .join(Organization, col(Organization.id) == Person.organization_id)
        .where(in_scope(col(Organization.path), scope))
    )


def in_scope_by_organization(db: Session, scope: Scope) -> list[tuple[Person, str]]:
    """Everybody in scope with their organization's name, organization by organization: the choices
    of a person field."""
    statement = _with_organization(scope).order_by(col(Organization.path), col(Person.id))
    return [(person, organization) for person, organization, _ in db.exec(statement).all()]


def page_by_organization(
    db: Session,
    scope: Scope,
    *,
    cursor: str | None,
    limit: int,
    name: str | None = None,
    organization_id: int | None = None,
) -> tuple[list[tuple[Person, str]], str | None]:
    """One page of ``in_scope_by_organization``: the people whose name holds ``name``, of the
    organization ``organization_id`` and those below it."""
    statement = _with_organization(scope)
    if name:
        statement = statement.where(col(Person.name).contains(name, autoescape=True))
    if organization_id is not None:
        organization = organization_service.get_organization(
            db, scope, organization_id, field="organization_id"
        )
        statement = statement.where(col(Organization.path).startswith(organization.path))
    rows, next_cursor = keyset_page(
        db,
        statement,
        keys=[col(Organization.path), col(Person.id)],
        key_of=lambda row: [row[2], row[0].id],
        cursor=cursor,
        limit=limit,
    )
    return [(person, organization) for person, organization, _ in rows], next_cursor


def active_options(db: Session, scope: Scope) -> list[tuple[int, str]]:
    """(id, "name（organization）") of the active people in scope, for a select."""
    statement = (
        select(Person.id, Person.name, Organization.name)
        .join(Organization, col(Organization.id) == Person.organization_id)
        .where(in_scope(col(Organization.path), scope), col(Person.active).is_(True))
        .order_by(col(Organization.path), col(Person.id))
    )
    return [(pid, f"{name}（{org}）") for pid, name, org in db.exec(statement).all() if pid]


def _above(organization_path: str) -> list[int]:
    """The ids of the organizations above one, from its materialized path (``/1/3/7/`` → 1, 3)."""
    return [int(part) for part in organization_path.strip("/").split("/")[:-1] if part]


def from_above(db: Session, person_id: int, organization_path: str) -> Person | None:
    """The person if they belong to an organization above the one at ``organization_path`` (its
    parent up to the root): who may sit in (列席) on its meetings."""
    person = db.get(Person, person_id)
    if person is None or person.organization_id not in _above(organization_path):
        return None
    return person


def members_and_above(
    db: Session, organization: Organization
) -> tuple[list[Person], list[tuple[int, str]]]:
    """In one statement: the active members of an organization in the order they were entered, and
    (id, "name（organization）") of the active people of the organizations above it, nearest first
    (the choices for a non-voting attendee from outside)."""
    above = _above(organization.path)
    statement = (
        select(Person, Organization.name)
        .join(Organization, col(Organization.id) == Person.organization_id)
        .where(
            col(Person.organization_id).in_([organization.id, *above]),
            col(Person.active).is_(True),
        )
        .order_by(col(Organization.path).desc(), col(Person.id))
    )
    members: list[Person] = []
    guests: list[tuple[int, str]] = []
    for person, name in db.exec(statement).all():
        if person.organization_id == organization.id:
            members.append(person)
        elif person.id is not None:
            guests.append((person.id, f"{person.name}（{name}）"))
    return members, guests


def by_member_number(db: Session, scope: Scope, member_number: str) -> tuple[Person, str] | None:
    """The person of ``scope`` with this member number (党员编号) and their organization's name."""
    row = db.exec(
        select(Person, Organization.name)
        .join(Organization, col(Organization.id) == Person.organization_id)
        .where(in_scope(col(Organization.path), scope))
        .where(Person.member_number == member_number)
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else None


def everyone_of(db: Session, organization_id: int) -> list[Person]:
    """An organization's people, active first, in the order they were entered (the roster page)."""
    statement = (
        select(Person)
        .where(Person.organization_id == organization_id)
        .order_by(col(Person.active).desc(), col(Person.id))
    )
    return list(db.exec(statement).all())


def members_of(
    db: Session, organization_id: int, *, top_leaders_first: bool = False
) -> list[Person]:
    """The active members of an organization, in the order they were entered (the top leader first,
    when asked)."""
    order: list[Any] = [col(Person.id)]
    if top_leaders_first:
        order.insert(0, col(Person.is_top_leader).desc())
    statement = (
        select(Person)
        .where(Person.organization_id == organization_id, col(Person.active).is_(True))
        .order_by(*order)
    )
    return list(db.exec(statement).all())
