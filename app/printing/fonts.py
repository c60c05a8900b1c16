"""Which fonts the printed documents (minutes, reports, circulars) will use, asked of fontconfig — the library Pango (and so WeasyPrint)
picks fonts with. ``yantao doctor`` shows the answer; rendering refuses to start without a Chinese font,
because Pango would otherwise draw every Chinese character as an empty box.
"""

import ctypes
import ctypes.util
import re
from dataclasses import dataclass
from functools import cache

from app.config import Settings
from app.errors import DomainError
from app.i18n import mark

FC_MATCH_PATTERN = 0
FC_RESULT_MATCH = 0
FC_LANG_DIFFERENT_LANG = 2
CHINESE = b"zh-cn"


class FontsMissing(DomainError):
    """No font on the server covers Chinese: printing would produce boxes, so it is refused."""

    status_code = 503
    code = "pdf_fonts_missing"


NO_CHINESE_FONT = mark(
    "No Chinese font is installed on the server, so the minutes cannot be printed. "
    "Install one (Debian: apt-get install fonts-noto-cjk, or scripts/install-system-packages.sh "
    "runtime) or name an installed one in YANTAO_PDF_FONT_SERIF and YANTAO_PDF_FONT_SANS."
)


@dataclass(frozen=True)
class FontChoice:
    """What fontconfig gives for one role of the print CSS (serif body, sans headings, kai headings)."""

    role: str
    requested: tuple[str, ...]
    family: str
    file: str
    covers_chinese: bool

    @property
    def requested_found(self) -> bool:
        """Whether the font is one of the requested families (not a fallback fontconfig chose)."""
        return self.family.casefold() in {name.casefold() for name in self.requested}


class _FcFontSet(ctypes.Structure):
    _fields_ = [
        ("nfont", ctypes.c_int),
        ("sfont", ctypes.c_int),
        ("fonts", ctypes.POINTER(ctypes.c_void_p)),
    ]


@cache
def _fontconfig() -> ctypes.CDLL:
    name = ctypes.util.find_library("fontconfig") or "libfontconfig.so.1"
    lib = ctypes.CDLL(name)
    pointer = ctypes.c_void_p
    signatures: dict[str, tuple[list[type], type | None]] = {
        "FcInitLoadConfigAndFonts": ([], pointer),
        "FcConfigDestroy": ([pointer], None),
        "FcNameParse": ([ctypes.c_char_p], pointer),
        "FcConfigSubstitute": ([pointer, pointer, ctypes.c_int], ctypes.c_int),
        "FcDefaultSubstitute": ([pointer], None),
        "FcFontMatch": ([pointer, pointer, ctypes.POINTER(ctypes.c_int)], pointer),
        "FcPatternDestroy": ([pointer], None),
        "FcPatternGetString": (
            [pointer, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)],
            ctypes.c_int,
        ),
        "FcPatternGetLangSet": (
            [pointer, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(pointer)],
            ctypes.c_int,
        ),
        "FcLangSetHasLang": ([pointer, ctypes.c_char_p], ctypes.c_int),
        "FcObjectSetCreate": ([], pointer),
        "FcObjectSetAdd": ([pointer, ctypes.c_char_p], ctypes.c_int),
        "FcObjectSetDestroy": ([pointer], None),
        "FcFontList": ([pointer, pointer, pointer], ctypes.POINTER(_FcFontSet)),
        "FcFontSetDestroy": ([ctypes.POINTER(_FcFontSet)], None),
    }
    for function, (argtypes, restype) in signatures.items():
        getattr(lib, function).argtypes = argtypes
        getattr(lib, function).restype = restype
    return lib


def css_families(value: str) -> tuple[str, ...]:
    """``"Noto Serif CJK SC", KaiTi, serif`` → ``("Noto Serif CJK SC", "KaiTi", "serif")``."""
    return tuple(name.strip().strip("\"'").strip() for name in value.split(",") if name.strip())


def _escaped(family: str) -> str:
    """A family name as fontconfig's pattern syntax wants it (``-``, ``,``, ``:`` and ``\\`` escaped)."""
    return re.sub(r"([\\\-,:])", r"\\\1", family)


def _string(lib: ctypes.CDLL, pattern: int, name: bytes) -> str:
    value = ctypes.c_char_p()
    if lib.FcPatternGetString(pattern, name, 0, ctypes.byref(value)) != FC_RESULT_MATCH:
        return ""
    return (value.value or b"").decode("utf-8", "replace")


def _covers_chinese(lib: ctypes.CDLL, pattern: int) -> bool:
    langset = ctypes.c_void_p()
    if lib.FcPatternGetLangSet(pattern, b"lang", 0, ctypes.byref(langset)) != FC_RESULT_MATCH:
        return False
    return bool(lib.FcLangSetHasLang(langset, CHINESE) != FC_LANG_DIFFERENT_LANG)


def _match(lib: ctypes.CDLL, config: int, role: str, css: str) -> FontChoice:
    requested = css_families(css)
    query = ",".join(_escaped(name) for name in requested) + ":lang=zh-cn"
    pattern = lib.FcNameParse(query.encode())
    try:
        lib.FcConfigSubstitute(config, pattern, FC_MATCH_PATTERN)
        lib.FcDefaultSubstitute(pattern)
        result = ctypes.c_int()
        font = lib.FcFontMatch(config, pattern, ctypes.byref(result))
    finally:
        lib.FcPatternDestroy(pattern)
    if not font:
        return FontChoice(role, requested, "", "", covers_chinese=False)
    try:
        return FontChoice(
            role,
            requested,
            family=_string(lib, font, b"family"),
            file=_string(lib, font, b"file"),
            covers_chinese=_covers_chinese(lib, font),
        )
    finally:
        lib.FcPatternDestroy(font)


def _chinese_families(lib: ctypes.CDLL, config: int) -> list[str]:
    pattern = lib.FcNameParse(b":lang=zh-cn")
    objects = lib.FcObjectSetCreate()
    lib.FcObjectSetAdd(objects, b"family")
    fonts = lib.FcFontList(config, pattern, objects)
    try:
        found = {
            _string(lib, fonts.contents.fonts[index], b"family")
            for index in range(fonts.contents.nfont if fonts else 0)
        }
    finally:
        if fonts:
            lib.FcFontSetDestroy(fonts)
        lib.FcObjectSetDestroy(objects)
        lib.FcPatternDestroy(pattern)
    return sorted(found - {""})


@dataclass(frozen=True)
class FontReport:
    choices: tuple[FontChoice, ...]
    chinese_families: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return bool(self.chinese_families) and all(c.covers_chinese for c in self.choices)


def inspect(serif: str, sans: str, kai: str) -> FontReport:
    """Ask fontconfig now (it reads ``FONTCONFIG_FILE`` and the font directories afresh)."""
    lib = _fontconfig()
    config = lib.FcInitLoadConfigAndFonts()
    try:
        choices = tuple(
            _match(lib, config, role, css)
            for role, css in (("serif", serif), ("sans", sans), ("kai", kai))
        )
        return FontReport(choices, tuple(_chinese_families(lib, config)))
    finally:
        lib.FcConfigDestroy(config)


@cache
def _cached_report(serif: str, sans: str, kai: str) -> FontReport:
    return inspect(serif, sans, kai)


def report(settings: Settings) -> FontReport:
    """The fonts the minutes print with (asked once per process and font settings)."""
    return _cached_report(settings.pdf_font_serif, settings.pdf_font_sans, settings.pdf_font_kai)


def chart_family(settings: Settings) -> str:
    """The one family the charts' SVG text is set in: the headings' (黑体) stack as fontconfig resolves
    it here (WeasyPrint's SVG text takes only the first name of a list, which may not be installed)."""
    sans = next(choice for choice in report(settings).choices if choice.role == "sans")
    return f'"{sans.family}", sans-serif' if sans.family else settings.pdf_font_sans


def require_chinese(settings: Settings) -> FontReport:
    """The font report, or :class:`FontsMissing` when Chinese would print as boxes."""
    found = report(settings)
    if not found.ok:
        _cached_report.cache_clear()  # an administrator may install fonts without a restart
        raise FontsMissing(NO_CHINESE_FONT)
    return found
