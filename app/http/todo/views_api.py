"""The 待办 list through the API."""

from app.access import CurrentScope
from app.auth.dependencies import CurrentAccount
from app.clock import local_now
from app.db import DbSession
from app.reports import todo
from app.web.routing import NamedRouter

router = NamedRouter("api.todo", tags=["todo"])


@router.get("/todo")
def read_todo(db: DbSession, scope: CurrentScope, account: CurrentAccount) -> todo.Todo:
    """What the caller's role has to do in their scope today (Beijing time), per kind, most urgent
    first: a secretary's meetings to record or finalize, make-ups ordered with their deadlines and
    ledger progress due; an inspector's assigned checks, make-ups awaiting acceptance, late make-ups and
    overdue items; an administrator's accounts and organizations needing attention. ``total`` is what
    the menu counts; each group lists its first 50 entries."""
    return todo.todo(db, scope, account, local_now().date())
