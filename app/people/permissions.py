"""Route dependencies that find a person in the caller's scope (404 outside it)."""

from typing import Annotated

from fastapi import Depends

from app.access import CurrentScope
from app.db import DbSession
from app.ids import RecordId
from app.people import service
from app.people.models import Person


def person_in_scope(db: DbSession, scope: CurrentScope, person_id: RecordId) -> Person:
    return service.get_person(db, scope, person_id)


PersonInScope = Annotated[Person, Depends(person_in_scope)]
