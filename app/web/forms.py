"""Forms: the posted values (CSRF-checked), parsing them with the API's schemas, the errors next to
their fields, and ``attempt`` — run a write, or undo just it and show the form again."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, Generic, TypeVar
from urllib.parse import unquote_to_bytes

from fastapi import Depends, Request
from pydantic import ValidationError
from sqlmodel import Session

from app.errors import DomainError, InvalidInput, filled
from app.i18n import gettext, mark
from app.text import CONTROL_CHARACTER_MESSAGE, InputModel
from app.web.csrf import check_csrf

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


async def form_values(request: Request) -> FormValues:
    """The posted form as plain strings, after the CSRF check (403 without a valid token).

    A form that is not UTF-8 is refused: the parser would put U+FFFD for every broken byte, and the
    minutes would keep text nobody typed. (Who is calling was worked out before: the app-wide
    ``authorize`` dependency runs first, so the check knows a token call from a cookie one.)
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
    schema: type[FormModelT],
    values: FormValues,
    *,
    checkboxes: tuple[str, ...] = (),
    required: tuple[str, ...] = (),
) -> tuple[FormModelT | None, FormErrors]:
    """Validate a posted form with an API schema; errors are translated and keyed by field name.

    Only the schema's fields are read: a form also carries what is not the record's (its version, the
    address to go back to). A blank field is left out — except the ``required`` ones of an edit form
    (a change schema whose fields are all optional), where blank is an error, not "unchanged"."""
    # Stray ASCII spaces at the ends go; full-width ones stay (the indent of a Chinese paragraph).
    data: dict[str, Any] = {
        name: value.strip(" \t\r\n")
        for name, value in values.items()
        if value.strip() != "" and name in schema.model_fields
    }
    for name in checkboxes:
        data[name] = name in values
    blank = {name: gettext(PYDANTIC_MESSAGES["missing"]) for name in required if name not in data}
    try:
        parsed = schema.model_validate(data)
    except ValidationError as exc:
        return None, validation_form_errors(exc) | blank
    return (None, blank) if blank else (parsed, {})


def parse_query(
    schema: type[FormModelT], values: FormValues, *, checkboxes: tuple[str, ...] = ()
) -> FormModelT:
    """A page's query string parsed with ``schema``, or the first problem as a 422 naming its field."""
    data, errors = parse_form(schema, values, checkboxes=checkboxes)
    if data is None:
        name, message = next(iter(errors.items()))
        raise InvalidInput(message, field=name)
    return data


def validation_form_errors(exc: ValidationError) -> FormErrors:
    """A schema's refusal as one translated message per form field (the first problem of each)."""
    errors: FormErrors = {}
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else "form"
        errors.setdefault(
            name,
            gettext(PYDANTIC_MESSAGES.get(error["type"], mark("This value is not valid."))),
        )
    return errors


def domain_form_errors(error: DomainError) -> FormErrors:
    """A refused write as messages next to the fields it names (or for the whole form)."""
    if not error.fields:
        return {"form": filled(gettext(error.message), error.params)}
    return {item.field: filled(gettext(item.message), item.params) for item in error.fields}


ADMIN_PAGE_SIZE = 100  # rows of an administrator's list page; the pager links to the next


def list_cursor(request: Request) -> str | None:
    """The list page asked for (``?cursor=``); a form shown again starts from the first."""
    if request.method != "GET":
        return None
    return request.query_params.get("cursor") or None


@dataclass
class FormState:
    """What a form shows: its id (for labels and anchors), the values entered, the errors per field."""

    id: str
    values: FormValues = field(default_factory=dict)
    errors: FormErrors = field(default_factory=dict)


ResultT = TypeVar("ResultT")


@dataclass(frozen=True)
class Attempt(Generic[ResultT]):
    """What ``attempt`` did: the write's result, or the refusal."""

    result: ResultT | None = None
    error: DomainError | None = None

    @property
    def errors(self) -> FormErrors:
        return domain_form_errors(self.error) if self.error is not None else {}


def rehearse(db: Session, write: Callable[[], object]) -> DomainError | None:
    """Run ``write`` in a savepoint and always undo it: whether the step would be refused (and why),
    before asking "are you sure?" — so the question is only put for a step that would go through."""
    savepoint = db.begin_nested()
    try:
        write()
    except DomainError as error:
        return error
    finally:
        savepoint.rollback()
    return None


def attempt(db: Session, write: Callable[[], ResultT]) -> Attempt[ResultT]:
    """Run ``write`` in a savepoint; a refusal (a domain error) undoes just that write, so the page can
    be shown again with the errors while the request's transaction goes on (and commits nothing)."""
    savepoint = db.begin_nested()
    try:
        result = write()
    except DomainError as error:
        savepoint.rollback()
        return Attempt(error=error)
    savepoint.commit()
    return Attempt(result=result)
