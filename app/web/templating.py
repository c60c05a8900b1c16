"""Jinja2 with the app's translations, filters and globals, and ``render`` for a page."""

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from app.access import caller_of
from app.clock import local_now, utc_to_local
from app.config import PROJECT_ROOT, SUPPORTED_LOCALES
from app.i18n import current_locale, gettext, month_name, ngettext
from app.text import chinese_numeral, paragraphs_of
from app.web.csrf import csrf_token
from app.web.flash import take_flash
from app.web.labels import criterion_title, label, record_kind, role_label
from app.web.links import can, url

environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(PROJECT_ROOT / "templates"),
    autoescape=jinja2.select_autoescape(default=True),
    extensions=["jinja2.ext.i18n"],
    undefined=jinja2.StrictUndefined,
)
environment.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
templates = Jinja2Templates(env=environment)
environment.globals.update(
    label=label,
    criterion_title=criterion_title,
    record_kind=record_kind,
    role_label=role_label,
    csrf_token=csrf_token,
    # Error pages can render before (or without) authentication, so the caller may be absent.
    account_of=caller_of,
    supported_locales=SUPPORTED_LOCALES,
    url=url,
    can=can,
    take_flash=take_flash,
    today=lambda: local_now().date(),  # Beijing's date, e.g. to mark what is overdue
)

# How many things the caller has to do (待办), for the menu: installed by the wiring (``app.main``),
# which knows the reports; None shows no count.
_todo_counter: list[Callable[[Request], int | None]] = []


def install_todo_counter(counter: Callable[[Request], int | None]) -> None:
    _todo_counter[:] = [counter]


def todo_count(request: Request) -> int | None:
    return _todo_counter[0](request) if _todo_counter else None


environment.globals["todo_count"] = todo_count


def format_datetime(value: datetime | date | None, pattern: str = "datetime") -> str:
    """Dates the way the reader writes them: 2015年6月12日 14:30 in Chinese, 2015-06-12 14:30 in English."""
    if value is None:
        return ""
    chinese = current_locale.get() == "zh-CN"
    if isinstance(value, datetime) and pattern == "datetime":
        return value.strftime("%Y年%-m月%-d日 %H:%M" if chinese else "%Y-%m-%d %H:%M")
    return value.strftime("%Y年%-m月%-d日" if chinese else "%Y-%m-%d")


environment.filters["when"] = format_datetime
environment.filters["local"] = utc_to_local  # a system timestamp (UTC) as Beijing time


def format_stored(value: object) -> str:
    """A value an amendment recorded (ISO text for times) as the reader writes it."""
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        return format_datetime(moment, "datetime" if moment.time() != time.min else "date")
    return str(value)


environment.filters["stored"] = format_stored


def paragraphs(value: str | None) -> Markup:
    """Text as typed, one ``<p>`` per line (see ``app.text.paragraphs_of``): a speech pasted from
    Word keeps its paragraphs, an outline its 一、二、三、."""
    return Markup("").join(Markup("<p>{}</p>").format(line) for line in paragraphs_of(value or ""))


environment.filters["paragraphs"] = paragraphs


def last_two_together(line: str) -> Markup:
    """A printed paragraph's line whose last two characters may not be parted, so no paragraph ends
    with one character alone on its last line (the line before is justified a little wider)."""
    if len(line) <= 2:
        return Markup("{}").format(line)
    return Markup('{}<span class="together">{}</span>').format(line[:-2], line[-2:])


environment.filters["last_two_together"] = last_two_together
environment.filters["lines"] = paragraphs_of  # the same paragraphs as a list (the printed minutes)
environment.filters["numeral"] = chinese_numeral  # 3 → 三, for 公文 numbering (三、 and （三）)
environment.filters["month"] = month_name  # "2015-06" → 2015年6月 (June 2015)


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render a page with the request, its locale and the common globals."""
    base = {"request": request, "locale": current_locale.get()}
    return templates.TemplateResponse(
        request, template, {**base, **context}, status_code=status_code
    )


def render_document(template: str, **context: Any) -> str:
    """A template rendered without a request (a printed document), in the current locale."""
    return environment.get_template(template).render(locale=current_locale.get(), **context)
