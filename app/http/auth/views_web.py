"""Login and logout, and the administrator's accounts page."""

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from app.access import CurrentScope, Role
from app.auth import service
from app.auth.dependencies import CurrentAccount, client_address, end_session, start_session
from app.auth.schemas import AccountCreate
from app.db import DbSession
from app.errors import DomainError
from app.http.auth import pages
from app.web.forms import FormState, PostedForm, attempt, domain_form_errors, parse_form
from app.web.links import redirect_to
from app.web.routing import NamedRouter
from app.web.templating import render

router = NamedRouter("auth", include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never ``//host``, ``/\\host`` — browsers read it as ``//host`` — or a
    full URL) is followed after login."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


@router.get("/login")
def login_page(request: Request) -> Response:
    next_path = _safe_next(request.query_params.get("next"))
    context = {"form": FormState("login", {"next": next_path}), "resume": {}}
    return render(request, "auth/login.html", context)


def _resume(values: dict[str, str]) -> dict[str, str]:
    """The form kept through the login (see ``app.web.errors``), if its address is on this site."""
    kept = {k: v for k, v in values.items() if k.startswith("resume.") or k == "resume_action"}
    if _safe_next(kept.get("resume_action")) == "/":
        return {}
    return kept


@router.post("/login")
def login(request: Request, db: DbSession, values: PostedForm) -> Response:
    login_name = values.get("login", "").strip()
    try:
        account = service.authenticate(
            db,
            request.app.state.settings,
            login_name,
            values.get("password", ""),
            client_address(request),
        )
    except DomainError as exc:
        # The failed attempt stays recorded (throttling counts it); only the form is shown again.
        form = FormState(
            "login", {"login": login_name, "next": values.get("next", "/")}, domain_form_errors(exc)
        )
        context = {"form": form, "resume": _resume(values)}
        page = render(request, "auth/login.html", context, exc.status_code)
        page.headers.update(exc.headers())
        return page
    start_session(request, account)
    kept = _resume(values)
    if kept:  # the form the expired login refused, offered to save again with a fresh token
        fields = {k.removeprefix("resume."): v for k, v in kept.items() if k != "resume_action"}
        context = {
            "action": kept["resume_action"],
            "fields": fields,
            "back": _safe_next(values.get("next")),
        }
        return render(request, "auth/resume.html", context)
    target = _safe_next(values.get("next"))
    if target == "/":  # no page asked for: what needs doing first (待办); a leader's overview
        return redirect_to(
            request, "reports.overview_page" if account.role == Role.viewer else "todo.page"
        )
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
def logout(
    request: Request, db: DbSession, account: CurrentAccount, _values: PostedForm
) -> Response:
    service.end_sessions(db, account)
    end_session(request)
    return redirect_to(request, "auth.login_page")


@router.get("/accounts")
def accounts_page(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    form = FormState("account", {"role": "secretary"})
    return render(request, "auth/accounts.html", pages.accounts(request, db, scope, form))


@router.post("/accounts")
def create_account(
    request: Request, db: DbSession, scope: CurrentScope, values: PostedForm
) -> Response:
    data, errors = parse_form(AccountCreate, values, checkboxes=("include_subtree",))
    if data is not None:
        done = attempt(db, lambda: service.create_account_in_scope(db, scope, data))
        if done.error is None:
            return redirect_to(
                request, "auth.accounts_page", query={"created": values.get("login")}
            )
        errors = done.errors
    values = {k: v for k, v in values.items() if k != "password"}  # never echoed back
    form = FormState("account", values, errors)
    return render(request, "auth/accounts.html", pages.accounts(request, db, scope, form), 422)
