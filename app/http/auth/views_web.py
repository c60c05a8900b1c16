"""Login and logout, and the administrator's accounts page."""

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from app.access import CurrentScope, Role
from app.auth import service
from app.auth.dependencies import CurrentAccount, client_address, end_session, start_session
from app.auth.permissions import AccountInScope
from app.auth.schemas import AccountCreate, AccountUpdate, PasswordChange
from app.db import DbSession
from app.errors import DomainError
from app.http.auth import pages
from app.i18n import gettext
from app.web.flash import flash
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
    if account.must_change_password:  # a reset one-time password: the holder's own comes first
        return redirect_to(request, "auth.password_page")
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


# One account, edited by the administrator: role, organization, holder, disabled; a password reset.
ACCOUNT = "auth/account.html"
ACCOUNT_FLAGS = ("include_subtree", "active")


@router.get("/accounts/person-options")
def person_options(request: Request, db: DbSession, scope: CurrentScope) -> Response:
    """The person field of an account form for the organization chosen (htmx swaps it in)."""
    values = {k: v for k, v in request.query_params.items() if k in ("organization_id", "form")}
    form_id = values.get("form") if values.get("form") in ("account", "edit-account") else "account"
    form = FormState(form_id or "account", {"organization_id": values.get("organization_id", "")})
    context = {
        "form": form,
        "person_options": pages.person_options(db, scope, values.get("organization_id")),
    }
    return render(request, "auth/_person_field.html", context)


@router.get("/accounts/{account_id:int}")
def account_page(
    request: Request, db: DbSession, scope: CurrentScope, account: AccountInScope
) -> Response:
    form = FormState("edit-account", pages.account_values(account))
    return render(request, ACCOUNT, pages.account(db, scope, account, form))


@router.post("/accounts/{account_id:int}")
def update_account(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    caller: CurrentAccount,
    account: AccountInScope,
    values: PostedForm,
) -> Response:
    """Save the account as edited; a blank person unlinks it; its sessions end."""
    data, errors = parse_form(
        AccountUpdate, values, checkboxes=ACCOUNT_FLAGS, required=("role", "organization_id")
    )
    status = 422
    if data is not None:
        changes = data.model_dump(exclude_unset=True) | {"person_id": data.person_id}
        done = attempt(
            db, lambda: service.update_account(db, account, by=caller, scope=scope, **changes)
        )
        if done.error is None:
            flash(request, gettext("Saved: %(name)s") % {"name": account.login})
            return redirect_to(request, "auth.account_page", account_id=account.id)
        errors, status = done.errors, done.error.status_code
    form = FormState("edit-account", values, errors)
    return render(request, ACCOUNT, pages.account(db, scope, account, form), status)


@router.post("/accounts/{account_id:int}/reset-password")
def reset_password(
    request: Request,
    db: DbSession,
    scope: CurrentScope,
    caller: CurrentAccount,
    account: AccountInScope,
) -> Response:
    """A one-time password, shown once on the account's page (a reload does not reset again)."""
    done = attempt(db, lambda: service.reset_password(db, account, by=caller))
    if done.result is not None:
        flash(
            request,
            gettext(
                "One-time password for %(login)s: %(password)s — give it to its holder; at the next "
                "login they must choose their own."
            )
            % {"login": account.login, "password": done.result},
        )
        return redirect_to(request, "auth.account_page", account_id=account.id)
    form = FormState("edit-account", pages.account_values(account), done.errors)
    return render(request, ACCOUNT, pages.account(db, scope, account, form), 409)


# The caller's own password ---------------------------------------------------------------------


@router.get("/password")
def password_page(request: Request, account: CurrentAccount) -> Response:
    return render(
        request, "auth/password.html", {"form": FormState("password", {}), "account": account}
    )


@router.post("/password")
def change_password(
    request: Request, db: DbSession, account: CurrentAccount, values: PostedForm
) -> Response:
    """The holder's own new password; this login session goes on (the others end)."""
    data, errors = parse_form(PasswordChange, values)
    if data is not None:
        done = attempt(db, lambda: service.change_password(db, account, data))
        if done.error is None:
            start_session(request, account)  # the new epoch: this session stays valid
            flash(request, gettext("Your password is changed."))
            return redirect_to(
                request,
                "reports.overview_page" if account.role == Role.viewer else "todo.page",
            )
        errors = done.errors
    form = FormState("password", {}, errors)  # passwords are never echoed back
    return render(request, "auth/password.html", {"form": form, "account": account}, 422)
