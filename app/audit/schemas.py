from datetime import datetime

from pydantic import BaseModel


class AuditEventPublic(BaseModel):
    id: int
    at: datetime
    account_id: int | None
    login: str | None
    action: str
    entity: str
    entity_id: str | None
    before: str | None
    after: str | None
    hash: str
