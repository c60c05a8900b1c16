"""Every value of every enumeration of the domains has a screen name in both languages."""

import importlib
import inspect
from enum import StrEnum
from pathlib import Path

import pytest

from app.config import PROJECT_ROOT
from app.i18n import current_locale
from app.web.labels import LABELS, label


def _enumerations() -> list[type[StrEnum]]:
    found = []
    for path in sorted((PROJECT_ROOT / "app").glob("*/models.py")):
        module = importlib.import_module(f"app.{path.parent.name}.models")
        found += [
            value
            for value in vars(module).values()
            if inspect.isclass(value)
            and issubclass(value, StrEnum)
            and value is not StrEnum
            and value.__module__ == module.__name__
        ]
    return found


# Values nobody sees on a page, in a document or an export.
INTERNAL = {"FrequencyPeriod"}
ENUMERATIONS = [e for e in _enumerations() if e.__name__ not in INTERNAL]


def test_the_domains_have_enumerations() -> None:
    assert {"StudySessionKind", "ItemStatus", "Verdict"} <= {e.__name__ for e in ENUMERATIONS}


@pytest.mark.parametrize("enumeration", ENUMERATIONS, ids=lambda e: e.__name__)
def test_every_member_has_a_screen_name_in_chinese_and_english(
    enumeration: type[StrEnum],
) -> None:
    assert enumeration.__name__ in LABELS, f"no labels for {enumeration.__name__}"
    assert set(LABELS[enumeration.__name__]) == {member.value for member in enumeration}
    token = current_locale.set("zh-CN")
    try:
        chinese = {member: label(member) for member in enumeration}
    finally:
        current_locale.reset(token)
    english = {member: label(member) for member in enumeration}
    for member in enumeration:
        assert chinese[member] != member.value, f"{member!r} has no Chinese name"
        assert not chinese[member].isascii(), f"{member!r} is not translated: {chinese[member]}"
        assert english[member] != member.value


def test_an_unknown_value_is_shown_as_it_is() -> None:
    assert label("no-such-value") == "no-such-value"
    assert label(None) == ""


def test_the_label_module_is_below_every_domain() -> None:
    """The web layer names the domains' values without importing them."""
    source = Path(inspect.getfile(label)).read_text(encoding="utf-8")
    assert "from app.study_sessions" not in source
    assert "import app." not in source
