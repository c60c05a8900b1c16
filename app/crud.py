"""Small helpers shared by the services' reads, updates and deletes."""

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session

from app.errors import InvalidInput
from app.i18n import mark


def keep(db: Session, record: object) -> None:
    """Hold ``record`` for the rest of the session: the identity map keeps only weak references, so
    a row read alongside another and then dropped is read again by the next ``db.get`` of it."""
    db.info.setdefault("kept", []).append(record)


def changes_of(data: BaseModel) -> dict[str, Any]:
    """The fields the client actually sent (PATCH semantics: absent means unchanged)."""
    return data.model_dump(exclude_unset=True)


def apply_changes(record: Any, changes: dict[str, Any]) -> None:
    for name, value in changes.items():
        setattr(record, name, value)


def refuse_nulls(changes: dict[str, Any], required: tuple[str, ...]) -> None:
    """A PATCH may omit a required field but not clear it."""
    for name in required:
        if name in changes and changes[name] is None:
            raise InvalidInput(mark("This field cannot be empty."), code="required", field=name)


InUse = Callable[[], bool]
"""Whether some record still refers to the one being deleted: the check a higher domain passes down
to a lower one's delete (the lower domain cannot know the records that refer to it)."""
