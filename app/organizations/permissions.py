"""Route dependencies that find an organization in the caller's scope (404 outside it)."""

from typing import Annotated

from fastapi import Depends

from app.access import CurrentScope
from app.db import DbSession
from app.ids import RecordId
from app.organizations import service
from app.organizations.models import Organization


def organization_in_scope(
    db: DbSession, scope: CurrentScope, organization_id: RecordId
) -> Organization:
    return service.get_organization(db, scope, organization_id)


OrganizationInScope = Annotated[Organization, Depends(organization_in_scope)]
