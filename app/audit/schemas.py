from pydantic import BaseModel

from app.clock import UtcTimestamp
from app.ids import RecordId


class AuditEventPublic(BaseModel):
    id: int
    at: UtcTimestamp
    account_id: RecordId | None
    login: str | None
    actor: str | None = None  # the account's person's name (the login if it has none)
    action: str
    entity: str
    entity_id: str | None
    record: str | None = None  # what the record is called today (a meeting's title …), if known
    before: str | None
    after: str | None
    hash: str
