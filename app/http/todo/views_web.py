"""The 待办 page: what the caller's role has to do in their scope, most urgent first."""

from fastapi import Request
from fastapi.responses import Response

from app.access import CurrentScope
from app.auth.dependencies import CurrentAccount
from app.clock import local_now
from app.db import DbSession
from app.reports import todo
from app.web.routing import NamedRouter
from app.web.templating import render

router = NamedRouter("todo", include_in_schema=False)


@router.get("/todo")
def page(request: Request, db: DbSession, scope: CurrentScope, account: CurrentAccount) -> Response:
    today = local_now().date()
    context = {"todo": todo.todo(db, scope, account, today), "today": today}
    return render(request, "todo/page.html", context)


def menu_count(request: Request) -> int | None:
    """The 待办 count in the menu of a page served inside a transaction (``app.db.get_db``)."""
    db = getattr(request.state, "db", None)
    account = getattr(request.state, "account", None)
    scope = getattr(request.state, "scope", None)
    if db is None or account is None or scope is None:
        return None
    return todo.menu_count(db, scope, account, local_now().date())
