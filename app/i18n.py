"""Translations from Babel (gettext) catalogs; the locale of the current request lives in a context var.

Catalogs are the ``.po`` files under ``app/locales``; they are compiled in memory at start, so there is
no build step and no compiled ``.mo`` file to forget.
"""

import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from app.config import SUPPORTED_LOCALES, Locale

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LOCALE_COOKIE = "yantao_locale"

current_locale: ContextVar[Locale] = ContextVar("current_locale", default="zh-CN")


def babel_name(locale: str) -> str:
    """``zh-CN`` → ``zh_CN`` (the directory name Babel uses)."""
    return locale.replace("-", "_")


@cache
def translations(locale: Locale) -> Translations:
    """The compiled catalog of ``locale`` (empty when it has none)."""
    po_path = LOCALES_DIR / babel_name(locale) / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        return Translations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=babel_name(locale))
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


@contextmanager
def in_locale(locale: Locale) -> Iterator[None]:
    """Translate in ``locale`` inside the block (a document is written in its own language, not the
    reader's interface language)."""
    token = current_locale.set(locale)
    try:
        yield
    finally:
        current_locale.reset(token)


_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def month_name(month: str) -> str:
    """``2015-06`` the way the reader writes it: 2015年6月 in Chinese, June 2015 in English."""
    try:
        year, number = (int(part) for part in month.split("-"))
    except ValueError:
        return month
    if not 1 <= number <= 12:
        return month
    if current_locale.get() == "zh-CN":
        return f"{year}年{number}月"
    return f"{_MONTHS_EN[number - 1]} {year}"


def gettext(message: str) -> str:
    return translations(current_locale.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return translations(current_locale.get()).ngettext(singular, plural, count)


def mark(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


def negotiate(requested: str | None, default: Locale) -> Locale:
    """A supported locale from a cookie or query value, else the default."""
    for locale in SUPPORTED_LOCALES:
        if requested and requested.lower() in (
            locale.lower(),
            babel_name(locale).lower(),
            locale[:2],
        ):
            return locale
    return default
