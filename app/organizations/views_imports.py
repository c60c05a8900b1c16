"""Importing organizations and people from a file: the API (multipart upload) and the administrator's page."""

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel

from app.auth.dependencies import CurrentScope, OptionalAccount
from app.db import DbSession
from app.errors import DomainError, InvalidInput
from app.i18n import gettext, mark
from app.organizations.imports import ImportKind, ImportResult, import_rows, read_table
from app.web.csrf import check_csrf
from app.web.templating import render

api_router = APIRouter(tags=["imports"])
web_router = APIRouter(include_in_schema=False)
MAX_BYTES = 5 * 1024 * 1024


class ImportRowsInvalid(DomainError):
    status_code = 422
    code = "import_rows_invalid"

    def __init__(self, result: ImportResult) -> None:
        super().__init__(
            mark("Some rows are invalid; nothing was imported."),
        )
        self.result = result

    def details(self) -> dict[str, Any]:
        return {
            "rows": [
                {"row": e.row, "field": e.field, "column": e.column, "reason": e.reason}
                for e in self.result.errors
            ]
        }


class ImportSummary(BaseModel):
    kind: ImportKind
    rows: int
    created: int
    dry_run: bool


async def _read(upload: UploadFile) -> bytes:
    content = await upload.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise InvalidInput(
            mark("The file is larger than 5 MB."), code="file_too_large", field="file"
        )
    return content


@api_router.post("/imports/{kind}")
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
    rows = read_table(await _read(file), file.filename or "")
    result = import_rows(db, scope, kind, rows, dry_run=dry_run)
    if not result.ok:
        raise ImportRowsInvalid(result)
    return ImportSummary(kind=kind, rows=result.rows, created=result.created, dry_run=dry_run)


@web_router.get("/imports")
def import_page(request: Request) -> Response:
    return render(
        request,
        "organizations/import.html",
        {
            "result": None,
            "error": None,
            "kinds": list(ImportKind),
            "chosen": "people",
            "dry_run": True,
        },
    )


@web_router.post("/imports")
async def import_upload(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    _account: OptionalAccount,
    kind: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    dry_run: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Check (and unless it is a dry run, import) the file; the page lists every bad row."""
    check_csrf(request, csrf_token)
    context: dict[str, Any] = {
        "result": None,
        "error": None,
        "kinds": list(ImportKind),
        "chosen": kind,
        "dry_run": bool(dry_run),
    }
    try:
        if kind not in ImportKind.__members__:
            raise InvalidInput(mark("Choose what the file holds."), field="kind")
        if file is None or not file.filename:
            raise InvalidInput(mark("Choose a file."), field="file")
        rows = read_table(await _read(file), file.filename)
        result = import_rows(db, scope, ImportKind(kind), rows, dry_run=bool(dry_run))
        context["result"] = result
        if not result.ok:
            db.rollback()
            return render(request, "organizations/import.html", context, 422)
    except DomainError as exc:
        db.rollback()
        context["error"] = gettext(exc.message)
        return render(request, "organizations/import.html", context, 422)
    return render(request, "organizations/import.html", context)
