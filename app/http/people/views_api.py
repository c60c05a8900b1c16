from typing import Annotated

from fastapi import Query, status

from app.access import CurrentScope
from app.db import DbSession
from app.flows import records
from app.ids import RecordId
from app.pagination import Page, PageParams
from app.people import service
from app.people.models import CommitteeRole
from app.people.permissions import PersonInScope
from app.people.schemas import PersonCreate, PersonPublic, PersonUpdate
from app.web.routing import NamedRouter

router = NamedRouter("api.people", prefix="/people", tags=["people"])


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
def read_person(person: PersonInScope) -> PersonPublic:
    return PersonPublic.model_validate(person)


@router.patch("/{person_id}")
def update_person(
    db: DbSession, scope: CurrentScope, person: PersonInScope, data: PersonUpdate
) -> PersonPublic:
    return PersonPublic.model_validate(service.update_person(db, scope, person, data))


@router.delete("/{person_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_person(db: DbSession, person: PersonInScope) -> None:
    records.delete_person(db, person)
