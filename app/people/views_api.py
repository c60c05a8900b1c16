from typing import Annotated

from fastapi import APIRouter, Query, status

from app.auth.dependencies import CurrentScope
from app.db import DbSession
from app.ids import RecordId
from app.pagination import Page, PageParams
from app.people import service
from app.people.models import CommitteeRole
from app.people.schemas import PersonCreate, PersonPublic, PersonUpdate

router = APIRouter(prefix="/people", tags=["people"])


@router.get("")
def list_people(
    db: DbSession,
    scope: CurrentScope,
    page: Annotated[PageParams, Query()],
    organization_id: RecordId | None = None,
    include_subtree: bool = False,
    committee_role: CommitteeRole | None = None,
    active: bool | None = None,
) -> Page[PersonPublic]:
    rows, next_cursor = service.list_people(
        db,
        scope,
        organization_id=organization_id,
        include_subtree=include_subtree,
        committee_role=committee_role,
        active=active,
        cursor=page.cursor,
        limit=page.limit,
    )
    return Page(items=[PersonPublic.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_person(db: DbSession, scope: CurrentScope, data: PersonCreate) -> PersonPublic:
    return PersonPublic.model_validate(service.create_person(db, scope, data))


@router.get("/{person_id}")
def read_person(db: DbSession, scope: CurrentScope, person_id: RecordId) -> PersonPublic:
    return PersonPublic.model_validate(service.get_person(db, scope, person_id))


@router.patch("/{person_id}")
def update_person(
    db: DbSession, scope: CurrentScope, person_id: RecordId, data: PersonUpdate
) -> PersonPublic:
    person = service.get_person(db, scope, person_id)
    return PersonPublic.model_validate(service.update_person(db, scope, person, data))


@router.delete("/{person_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_person(db: DbSession, scope: CurrentScope, person_id: RecordId) -> None:
    service.delete_person(db, service.get_person(db, scope, person_id))
