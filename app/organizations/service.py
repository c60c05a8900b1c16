"""Organization tree: create, move, list a subtree — always inside the caller's scope."""

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.crud import InUse
from app.errors import Conflict, NotFound
from app.i18n import mark
from app.organizations.models import Organization, OrganizationKind
from app.organizations.schemas import OrganizationCreate, OrganizationUpdate
from app.pagination import keyset_page
from app.scope import Scope, in_scope


def get_organization(
    db: Session, scope: Scope, organization_id: int, *, field: str | None = None
) -> Organization:
    """The organization if it exists inside ``scope``; 404 otherwise (absent and foreign look the same)."""
    organization = db.get(Organization, organization_id)
    if organization is None or not scope.covers(organization.path):
        raise NotFound(mark("Organization not found."), code="organization_not_found", field=field)
    return organization


def get_by_code(db: Session, scope: Scope, code: str) -> Organization:
    organization = db.exec(select(Organization).where(Organization.code == code)).first()
    if organization is None or not scope.covers(organization.path):
        raise NotFound(mark("Organization not found."), code="organization_not_found", field="code")
    return organization


def list_organizations(
    db: Session,
    scope: Scope,
    *,
    within_id: int | None = None,
    parent_id: int | None = None,
    kind: OrganizationKind | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[Organization], str | None]:
    """Organizations in scope, optionally those under ``within_id`` (itself included), by id."""
    statement = select(Organization).where(in_scope(col(Organization.path), scope))
    if within_id is not None:
        within = get_organization(db, scope, within_id, field="within_id")
        statement = statement.where(in_scope(col(Organization.path), Scope(within.path)))
    if parent_id is not None:
        statement = statement.where(Organization.parent_id == parent_id)
    if kind is not None:
        statement = statement.where(Organization.kind == kind)
    return keyset_page(
        db,
        statement,
        keys=[col(Organization.id)],
        key_of=lambda o: [o.id],
        cursor=cursor,
        limit=limit,
    )


def _ensure_code_free(db: Session, code: str, *, except_id: int | None = None) -> None:
    statement = select(Organization.id).where(Organization.code == code)
    if except_id is not None:
        statement = statement.where(Organization.id != except_id)
    if db.exec(statement).first() is not None:
        raise Conflict(
            mark("This organization code is already used."), code="duplicate_code", field="code"
        )


def create_organization(db: Session, scope: Scope, data: OrganizationCreate) -> Organization:
    """Add an organization under a parent in scope (a root only with the unrestricted scope)."""
    parent = (
        get_organization(db, scope, data.parent_id, field="parent_id")
        if data.parent_id is not None
        else None
    )
    if parent is None and not scope.is_unrestricted:
        raise NotFound(
            mark("Organization not found."), code="organization_not_found", field="parent_id"
        )
    _ensure_code_free(db, data.code)
    organization = Organization(**data.model_dump())
    db.add(organization)
    db.flush()
    organization.path = f"{parent.path if parent else '/'}{organization.id}/"
    db.flush()
    return organization


def update_organization(
    db: Session, scope: Scope, organization: Organization, data: OrganizationUpdate
) -> Organization:
    """Change fields; moving to a new parent rewrites the paths of the whole subtree."""
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    if changes.get("code") is not None:
        _ensure_code_free(db, changes["code"], except_id=organization.id)
    if "parent_id" in changes and changes["parent_id"] != organization.parent_id:
        _move(db, scope, organization, changes.pop("parent_id"))
    changes.pop("parent_id", None)
    for name, value in changes.items():
        if value is not None:
            setattr(organization, name, value)
    db.flush()
    return organization


def _move(db: Session, scope: Scope, organization: Organization, parent_id: int | None) -> None:
    if parent_id is None:
        raise Conflict(
            mark("An organization cannot become a root."), code="cannot_move", field="parent_id"
        )
    parent = get_organization(db, scope, parent_id, field="parent_id")
    if parent.path.startswith(organization.path):
        raise Conflict(
            mark("An organization cannot move under itself."), code="cannot_move", field="parent_id"
        )
    old_path = organization.path
    new_path = f"{parent.path}{organization.id}/"
    subtree = db.exec(
        select(Organization).where(in_scope(col(Organization.path), Scope(old_path)))
    ).all()
    for member in subtree:
        member.path = new_path + member.path[len(old_path) :]
    organization.parent_id = parent.id


def delete_organization(
    db: Session, organization: Organization, *, referred_by: Sequence[tuple[str, InUse]] = ()
) -> None:
    """Delete an organization that nothing refers to; otherwise 409 naming what is in the way.

    Its sub-organizations are checked here; ``referred_by`` names the other records that may refer to
    it (people, sessions, campaigns …) with a check each, asked in that order — the domains above this
    one know them (app.flows.records).
    """
    children = select(func.count()).where(Organization.parent_id == organization.id)
    checks: list[tuple[str, InUse]] = [("children", lambda: bool(db.exec(children).one()))]
    for name, in_use in [*checks, *referred_by]:
        if in_use():
            raise Conflict(
                mark(
                    "The organization still has sub-organizations, people, sessions or campaigns."
                ),
                code=f"organization_has_{name}",
            )
    db.delete(organization)
    db.flush()


def tree_in_scope(db: Session, scope: Scope) -> list[Organization]:
    """Every organization in ``scope`` in tree order (parents before their children), for pick lists."""
    statement = (
        select(Organization)
        .where(in_scope(col(Organization.path), scope))
        .order_by(col(Organization.path))
    )
    return list(db.exec(statement).all())


def indented_options(db: Session, scope: Scope) -> list[tuple[int, str]]:
    """(id, name indented by its depth) for a select of the organizations in ``scope``."""
    return [
        (organization.id, "　" * (organization.path.count("/") - 2) + organization.name)
        for organization in tree_in_scope(db, scope)
        if organization.id is not None
    ]


def get_unscoped(db: Session, organization_id: int) -> Organization | None:
    """An organization by id, for showing a record whose scope the caller's access already covers."""
    return db.get(Organization, organization_id)


def names(db: Session, ids: Iterable[int | None]) -> dict[int, str]:
    """The names of the given organizations in one query."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    statement = select(Organization.id, Organization.name).where(col(Organization.id).in_(wanted))
    return {
        organization_id: name
        for organization_id, name in db.exec(statement).all()
        if organization_id
    }
