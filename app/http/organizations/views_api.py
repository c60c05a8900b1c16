from typing import Annotated

from fastapi import Query, status

from app.access import CurrentScope
from app.db import DbSession
from app.flows import records
from app.ids import RecordId
from app.organizations import service
from app.organizations.models import OrganizationKind
from app.organizations.permissions import OrganizationInScope
from app.organizations.schemas import OrganizationCreate, OrganizationPublic, OrganizationUpdate
from app.pagination import Page, PageParams
from app.web.routing import NamedRouter

router = NamedRouter("api.organizations", prefix="/organizations", tags=["organizations"])


@router.get("")
def list_organizations(
    db: DbSession,
    scope: CurrentScope,
    page: Annotated[PageParams, Query()],
    within_id: RecordId | None = None,
    parent_id: RecordId | None = None,
    kind: OrganizationKind | None = None,
) -> Page[OrganizationPublic]:
    """Organizations in scope; ``within_id`` limits to that organization's subtree."""
    rows, next_cursor = service.list_organizations(
        db,
        scope,
        within_id=within_id,
        parent_id=parent_id,
        kind=kind,
        cursor=page.cursor,
        limit=page.limit,
    )
    return Page(items=[OrganizationPublic.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_organization(
    db: DbSession, scope: CurrentScope, data: OrganizationCreate
) -> OrganizationPublic:
    return OrganizationPublic.model_validate(service.create_organization(db, scope, data))


@router.get("/{organization_id}")
def read_organization(organization: OrganizationInScope) -> OrganizationPublic:
    return OrganizationPublic.model_validate(organization)


@router.patch("/{organization_id}")
def update_organization(
    db: DbSession, scope: CurrentScope, organization: OrganizationInScope, data: OrganizationUpdate
) -> OrganizationPublic:
    return OrganizationPublic.model_validate(
        service.update_organization(db, scope, organization, data)
    )


@router.delete("/{organization_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_organization(db: DbSession, organization: OrganizationInScope) -> None:
    records.delete_organization(db, organization)
