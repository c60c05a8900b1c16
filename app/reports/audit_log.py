"""Reading the audit log within a scope.

An event belongs to the organization of the account that caused it: an inspector sees what the
accounts of the jurisdiction did. Events without an account (command line, failed logins, the
system) are visible to the installation's administrator only (the unrestricted scope).
"""

from collections import defaultdict
from typing import Any

from sqlmodel import Session, col, func, select

from app.audit.models import AuditEvent
from app.audit.schemas import AuditEventPublic
from app.auth.models import Account
from app.campaigns.models import Campaign
from app.organizations.models import Organization
from app.pagination import keyset_page
from app.people.models import Person
from app.rectification.models import RectificationItem
from app.scope import Scope, in_scope
from app.spot_checks.models import Circular, SpotCheck
from app.study_sessions.models import StudySession

# The records a page can name: the entity (table) → its model and the column that names a row.
NAMED: dict[str, tuple[Any, Any]] = {
    "study_session": (StudySession, StudySession.title),
    "person": (Person, Person.name),
    "organization": (Organization, Organization.name),
    "rectification_item": (RectificationItem, RectificationItem.problem),
    "campaign": (Campaign, Campaign.name),
    "circular": (Circular, Circular.title),
}


def list_events(
    db: Session,
    scope: Scope,
    *,
    entity: str | None = None,
    action: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[AuditEventPublic], str | None]:
    """Events in scope, newest first."""
    statement = (
        select(AuditEvent, Account.login, func.coalesce(Person.name, Account.login))
        .outerjoin(Account, col(Account.id) == AuditEvent.account_id)
        .outerjoin(Organization, col(Organization.id) == Account.organization_id)
        .outerjoin(Person, col(Person.id) == Account.person_id)
    )
    if not scope.is_unrestricted:
        statement = statement.where(in_scope(col(Organization.path), scope))
    if entity:
        statement = statement.where(AuditEvent.entity == entity)
    if action:
        statement = statement.where(AuditEvent.action == action)
    rows, next_cursor = keyset_page(
        db,
        statement,
        keys=[col(AuditEvent.id)],
        key_of=lambda row: [row[0].id],
        cursor=cursor,
        limit=limit,
        descending=True,
    )
    names = record_names(db, [(event.entity, event.entity_id) for event, _, _ in rows])
    events = [
        AuditEventPublic(
            **event.model_dump(exclude={"previous_hash"}),
            login=login,
            actor=actor,
            record=names.get((event.entity, event.entity_id)),
        )
        for event, login, actor in rows
    ]
    return events, next_cursor


def record_names(
    db: Session, records: list[tuple[str, str | None]]
) -> dict[tuple[str, str | None], str]:
    """What each record is called today (a meeting's title, a person's name …), one query per kind
    of record; a deleted record, or one of a kind with no name, is left out. A spot check is named
    by the meeting it checked."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for entity, entity_id in records:
        if entity_id is not None and entity_id.isdigit():
            wanted[entity].add(int(entity_id))
    names: dict[tuple[str, str | None], str] = {}
    for entity, ids in wanted.items():
        if entity == "spot_check":
            found = db.exec(
                select(SpotCheck.id, StudySession.title)
                .join(StudySession, col(StudySession.id) == SpotCheck.study_session_id)
                .where(col(SpotCheck.id).in_(ids))
            ).all()
        elif entity == "account":  # by its holder's name where it has one
            found = db.exec(
                select(Account.id, func.coalesce(Person.name, Account.login))
                .select_from(Account)
                .outerjoin(Person, col(Person.id) == Account.person_id)
                .where(col(Account.id).in_(ids))
            ).all()
        elif entity in NAMED:
            model, column = NAMED[entity]
            found = db.exec(select(model.id, column).where(col(model.id).in_(ids))).all()
        else:
            continue
        names.update({(entity, str(record_id)): name for record_id, name in found if name})
    return names
