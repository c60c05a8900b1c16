"""Every message on screen has a translation in each catalog; the page follows the chosen language."""

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app.config import PROJECT_ROOT
from app.i18n import LOCALES_DIR, current_locale, gettext

KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "mark": None}
METHODS = [("app/**.py", "python"), ("templates/**.html", "jinja2")]


def _source_messages() -> set[str]:
    messages: set[str] = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        PROJECT_ROOT,
        method_map=METHODS,
        options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n"}},
        keywords=KEYWORDS,
    ):
        messages.add(message[0] if isinstance(message, tuple) else message)
    return {m for m in messages if m}


def test_every_source_message_is_translated_in_both_catalogs() -> None:
    wanted = _source_messages()
    assert len(wanted) > 100
    for locale in ("zh_CN", "en"):
        with (LOCALES_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
            catalog = read_po(handle, locale=locale)
        translated = {m.id for m in catalog if m.id and m.string and "fuzzy" not in m.flags}
        missing = sorted(wanted - translated)
        assert not missing, (
            f"{locale} lacks translations (run scripts/update_catalogs.py): {missing}"
        )


def test_gettext_follows_the_current_locale() -> None:
    token = current_locale.set("zh-CN")
    try:
        assert gettext("Study sessions") == "学习研讨"
    finally:
        current_locale.reset(token)
    token = current_locale.set("en")
    try:
        assert gettext("Study sessions") == "Study sessions"
    finally:
        current_locale.reset(token)
