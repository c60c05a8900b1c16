"""Importing organizations and people from a file through the API (multipart upload)."""

from typing import Annotated

from fastapi import File, UploadFile

from app.access import CurrentScope
from app.db import DbSession
from app.errors import InvalidInput
from app.i18n import mark
from app.imports.schemas import ImportSummary
from app.imports.service import ImportKind, ImportRowsInvalid, import_rows, read_table
from app.web.routing import NamedRouter

router = NamedRouter("api.imports", tags=["imports"])
MAX_BYTES = 5 * 1024 * 1024


async def read_upload(upload: UploadFile) -> bytes:
    """The uploaded file, refused (422 naming ``file``) past 5 MB."""
    content = await upload.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise InvalidInput(
            mark("The file is larger than 5 MB."), code="file_too_large", field="file"
        )
    return content


@router.post("/imports/{kind}")
async def import_file(
    db: DbSession,
    scope: CurrentScope,
    kind: ImportKind,
    file: Annotated[
        UploadFile, File(description="CSV (UTF-8) or XLSX; Chinese or English headers")
    ],
    dry_run: bool = False,
) -> ImportSummary:
    """Import organizations or people, all or nothing: 422 ``import_rows_invalid`` lists every bad row
    (``error.rows``: row number as the spreadsheet shows it, field, reason) and nothing is written;
    ``dry_run=true`` only checks."""
    rows = read_table(await read_upload(file), file.filename or "")
    result = import_rows(db, scope, kind, rows, dry_run=dry_run)
    if not result.ok:
        raise ImportRowsInvalid(result)
    return ImportSummary(kind=kind, rows=result.rows, created=result.created, dry_run=dry_run)
