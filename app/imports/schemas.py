from pydantic import BaseModel

from app.imports.service import ImportKind


class ImportSummary(BaseModel):
    kind: ImportKind
    rows: int
    created: int
    dry_run: bool
