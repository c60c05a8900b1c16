from pydantic import BaseModel

from app.clock import UtcTimestamp
from app.ids import RecordId


class AuditEventPublic(BaseModel):
    id: int
    at: UtcTimestamp
    account_id: RecordId | None
    login: str | None
    action: str
    entity: str
    entity_id: str | None
    before: str | None
    after: str | None
    hash: str
