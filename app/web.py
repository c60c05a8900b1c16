"""The server-rendered pages' shared machinery: templates with i18n, locale choice, error pages."""

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any, TypeVar
from urllib.parse import unquote_to_bytes

import jinja2
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from starlette.types import ASGIApp, Receive, Scope, Send

from app.auth.dependencies import OptionalAccount, check_csrf, csrf_token
from app.config import PROJECT_ROOT, SUPPORTED_LOCALES, Locale
from app.errors import DomainError, InvalidInput
from app.i18n import LOCALE_COOKIE, current_locale, gettext, mark, negotiate, ngettext
from app.labels import label, role_label
from app.text import CONTROL_CHARACTER_MESSAGE, InputModel

environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(PROJECT_ROOT / "templates"),
    autoescape=jinja2.select_autoescape(default=True),
    extensions=["jinja2.ext.i18n"],
    undefined=jinja2.StrictUndefined,
)
environment.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
templates = Jinja2Templates(env=environment)
templates.env.globals["label"] = label
templates.env.globals["role_label"] = role_label
templates.env.globals["csrf_token"] = csrf_token
# Error pages can render before (or without) authentication, so the account may be absent.
templates.env.globals["account_of"] = lambda request: getattr(request.state, "caller", None)
templates.env.globals["supported_locales"] = SUPPORTED_LOCALES


def format_datetime(value: datetime | date | None, pattern: str = "datetime") -> str:
    """Dates the way the reader writes them: 2015年6月12日 14:30 in Chinese, 2015-06-12 14:30 in English."""
    if value is None:
        return ""
    chinese = current_locale.get() == "zh-CN"
    if isinstance(value, datetime) and pattern == "datetime":
        return value.strftime("%Y年%-m月%-d日 %H:%M" if chinese else "%Y-%m-%d %H:%M")
    return value.strftime("%Y年%-m月%-d日" if chinese else "%Y-%m-%d")


templates.env.filters["when"] = format_datetime


class LocaleMiddleware:
    """Chooses the page language: ``?lang=`` (remembered in a cookie), the cookie, or the default."""

    def __init__(self, app: ASGIApp, default_locale: Locale) -> None:
        self.app = app
        self.default_locale = default_locale

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        asked = request.query_params.get("lang")
        locale = negotiate(asked or request.cookies.get(LOCALE_COOKIE), self.default_locale)
        token = current_locale.set(locale)
        scope.setdefault("state", {})["locale"] = locale

        async def send_with_cookie(message: MutableMapping[str, Any]) -> None:
            if asked and message["type"] == "http.response.start":
                cookie = f"{LOCALE_COOKIE}={locale}; Path=/; Max-Age=31536000; SameSite=Lax"
                message.setdefault("headers", []).append((b"set-cookie", cookie.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_cookie)
        finally:
            current_locale.reset(token)


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render a page with the request, its locale and the common globals."""
    base = {"request": request, "locale": current_locale.get()}
    return templates.TemplateResponse(
        request, template, {**base, **context}, status_code=status_code
    )


ERROR_TITLES = {
    400: mark("The request could not be understood."),
    403: mark("You may not do this."),
    404: mark("This page does not exist, or is not in your scope."),
    405: mark("This page does not exist, or is not in your scope."),
    409: mark("Someone changed this record in the meantime, or it is in use."),
    413: mark("The request is too large."),
    422: mark("Some of the input is not valid."),
    500: mark("Something went wrong on our side. Nothing was saved; please try again."),
    503: mark(
        "This is not available right now. Try again in a moment; if it persists, tell an administrator."
    ),
}


def render_error_page(request: Request, status_code: int, message: str) -> Response:
    """A friendly page in the user's language; never a traceback."""
    title = ERROR_TITLES.get(status_code, ERROR_TITLES[400])
    detail = gettext(message) if message and status_code != 500 else ""
    return render(
        request,
        "error.html",
        {"status_code": status_code, "title": gettext(title), "detail": detail},
        status_code,
    )


# Forms ------------------------------------------------------------------------------------------

FormValues = dict[str, str]
FormErrors = dict[str, str]

PYDANTIC_MESSAGES = {
    "missing": mark("This field is required."),
    "string_too_short": mark("This field cannot be empty."),
    "blank": mark("This field cannot be empty."),
    "string_too_long": mark("This text is too long."),
    "too_long": mark("This text is too long."),
    "int_parsing": mark("Enter a whole number."),
    "int_type": mark("Enter a whole number."),
    "greater_than_equal": mark("The number is too small."),
    "less_than_equal": mark("The number is too large."),
    "enum": mark("Choose one of the options."),
    "datetime_from_date_parsing": mark("Enter a date and time."),
    "datetime_parsing": mark("Enter a date and time."),
    "date_from_datetime_parsing": mark("Enter a date."),
    "date_parsing": mark("Enter a date."),
    "string_pattern_mismatch": mark("Use letters, digits, dot, dash or underscore."),
    "month": mark("Enter a month as YYYY-MM, e.g. 2015-06."),
    "control_character": CONTROL_CHARACTER_MESSAGE,
}


async def form_values(request: Request, _account: OptionalAccount) -> FormValues:
    """The posted form as plain strings, after the CSRF check (403 without a valid token).

    A form that is not UTF-8 is refused: the parser would put U+FFFD for every broken byte, and the
    minutes would keep text nobody typed.
    """
    if (
        request.headers.get("content-type", "")
        .lower()
        .startswith("application/x-www-form-urlencoded")
    ):
        for pair in (await request.body()).split(b"&"):
            try:
                unquote_to_bytes(pair.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                raise InvalidInput(
                    mark("The form was not sent as UTF-8 text; reload the page and try again."),
                    code="form_not_utf8",
                ) from None
    form = await request.form()
    values = {name: value for name, value in form.items() if isinstance(value, str)}
    check_csrf(request, values.pop("csrf_token", None))
    return values


PostedForm = Annotated[FormValues, Depends(form_values)]


# Forms share the API schemas: every one reads input, so every one is an InputModel.
FormModelT = TypeVar("FormModelT", bound=InputModel)


def parse_form(
    schema: type[FormModelT], values: FormValues, *, checkboxes: tuple[str, ...] = ()
) -> tuple[FormModelT | None, FormErrors]:
    """Validate a posted form with an API schema; errors are translated and keyed by field name."""
    # Stray ASCII spaces at the ends go; full-width ones stay (the indent of a Chinese paragraph).
    data: dict[str, Any] = {
        name: value.strip(" \t\r\n") for name, value in values.items() if value.strip() != ""
    }
    for name in checkboxes:
        data[name] = name in values
    try:
        return schema.model_validate(data), {}
    except ValidationError as exc:
        return None, validation_form_errors(exc)


def validation_form_errors(exc: ValidationError) -> FormErrors:
    """A schema's refusal as one translated message per form field (the first problem of each)."""
    errors: FormErrors = {}
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "form"
        errors.setdefault(
            field,
            gettext(PYDANTIC_MESSAGES.get(error["type"], mark("This value is not valid."))),
        )
    return errors


def domain_form_errors(error: DomainError) -> FormErrors:
    """A refused write as messages next to the fields it names (or for the whole form)."""
    if not error.fields:
        return {"form": gettext(error.message)}
    return {item.field: gettext(item.message) for item in error.fields}


@dataclass
class FormState:
    """What a form shows: its id (for labels and anchors), the values entered, the errors per field."""

    id: str
    values: FormValues = field(default_factory=dict)
    errors: FormErrors = field(default_factory=dict)
