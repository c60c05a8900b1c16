"""The administrator's import page: every bad row of a file listed; nothing written unless all are good."""

from typing import Annotated, Any

from fastapi import File, Form, Request, UploadFile
from fastapi.responses import Response

from app.access import CurrentScope
from app.db import DbSession
from app.errors import DomainError, InvalidInput
from app.http.imports.views_api import read_upload
from app.i18n import gettext, mark
from app.imports.service import ImportKind, ImportResult, import_rows, read_table
from app.web.csrf import check_csrf
from app.web.routing import NamedRouter
from app.web.templating import render

router = NamedRouter("imports", include_in_schema=False)


def _page(kind: str, dry_run: bool) -> dict[str, Any]:
    return {
        "result": None,
        "error": None,
        "kinds": list(ImportKind),
        "chosen": kind,
        "dry_run": dry_run,
    }


@router.get("/imports")
def page(request: Request) -> Response:
    return render(request, "imports/import.html", _page("people", True))


@router.post("/imports")
async def upload(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    kind: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    dry_run: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Check (and unless it is a dry run, import) the file; the page lists every bad row."""
    check_csrf(request, csrf_token)
    context = _page(kind, bool(dry_run))
    savepoint = db.begin_nested()
    try:
        if kind not in ImportKind.__members__:
            raise InvalidInput(mark("Choose what the file holds."), field="kind")
        if file is None or not file.filename:
            raise InvalidInput(mark("Choose a file."), field="file")
        rows = read_table(await read_upload(file), file.filename)
        result: ImportResult = import_rows(db, scope, ImportKind(kind), rows, dry_run=bool(dry_run))
    except DomainError as exc:
        savepoint.rollback()
        context["error"] = gettext(exc.message)
        return render(request, "imports/import.html", context, 422)
    context["result"] = result
    if not result.ok:
        savepoint.rollback()
        return render(request, "imports/import.html", context, 422)
    savepoint.commit()
    return render(request, "imports/import.html", context)
