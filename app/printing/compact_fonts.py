"""Embed the CJK faces as small as their glyphs: a one-page document should not carry 400 KB of fonts.

WeasyPrint subsets fonts keeping every glyph id up to the highest one used (HarfBuzz' RETAIN_GIDS), so
that the glyph ids in the content streams stay valid. A Chinese character of Noto CJK sits near glyph
60,000: each subset keeps tens of thousands of empty glyphs, 90–180 KB per face even compressed.

For a CID-keyed CFF font whose CIDs are its glyph ids (Noto CJK, Source Han, most Adobe-built CJK
fonts) the PDF can carry the bare CFF instead (``FontFile3 /Subtype /CIDFontType0C``): the viewer
finds a glyph by its CID through the CFF's charset, so the face can be subset to the glyphs used
without retaining ids, and the content streams, widths (``/W``) and ``ToUnicode`` maps — all keyed by
the original ids, which are the CIDs — stay as they are; text stays extractable and searchable.
Whether a face is such a font is read once per process from its charset; HarfBuzz then subsets it
again without retaining ids (it keeps each glyph's CID in the charset) and the CFF table is taken out
of the result. Any other font (TrueType, name-keyed CFF, CIDs that are not the glyph ids) is left as
WeasyPrint embeds it.
"""

import io
import struct
from typing import Any

import pydyf
from fontTools.cffLib import CFFFontSet
from fontTools.ttLib import TTFont
from weasyprint import pdf as weasyprint_pdf
from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset
from weasyprint.text.fonts import get_hb_object_data

_weasyprint_build_fonts: Any = getattr(weasyprint_pdf, "build_fonts_dictionary", None)
_installed = False
# Font hash → whether its CIDs are its glyph ids (the check reads the whole charset: ~80 ms a face).
_IDENTITY: dict[str, bool] = {}


def _table(font_file: bytes, tag: bytes) -> bytes | None:
    """One table of an OpenType file, from its table directory."""
    if len(font_file) < 12:
        return None
    (count,) = struct.unpack_from(">H", font_file, 4)
    for entry in range(count):
        offset = 12 + 16 * entry
        if offset + 16 > len(font_file):
            return None
        name, _, start, length = struct.unpack_from(">4sIII", font_file, offset)
        if name == tag:
            return font_file[start : start + length]
    return None


def cids_are_glyph_ids(font_file: bytes, index: int = 0) -> bool:
    """Whether face ``index`` of the font file is a CID-keyed CFF font whose glyph i has CID i."""
    try:
        font = TTFont(io.BytesIO(font_file), fontNumber=index, lazy=True)
        top = font["CFF "].cff.topDictIndex[0]
        charset = top.charset
    except Exception:  # no CFF, or one fontTools cannot read: leave the font as it is
        return False
    return hasattr(top, "ROS") and all(
        name == f"cid{gid:05d}" for gid, name in enumerate(charset) if gid
    )


def keeps_cids(cff: bytes, glyph_ids: list[int]) -> bool:
    """Whether ``cff`` is CID-keyed and holds a glyph under each of ``glyph_ids`` as CID."""
    fonts = CFFFontSet()
    try:
        fonts.decompile(io.BytesIO(cff), None)
        top = fonts[fonts.fontNames[0]]
    except Exception:  # not a CFF fontTools can read
        return False
    names = set(top.charset) if hasattr(top, "ROS") else set()
    return all((f"cid{gid:05d}" if gid else ".notdef") in names for gid in glyph_ids)


def bare_cff(hb_face: Any, glyph_ids: set[int], *, hinting: bool = False) -> bytes | None:
    """The face's CFF reduced by HarfBuzz to ``glyph_ids`` (and .notdef), each glyph under its
    original id as CID; None when the face is not such a CID-keyed CFF font."""
    wanted = sorted(glyph_ids | {0})
    request = ffi.gc(
        harfbuzz_subset.hb_subset_input_create_or_fail(), harfbuzz_subset.hb_subset_input_destroy
    )
    if request == ffi.NULL:
        return None
    glyphs = harfbuzz_subset.hb_subset_input_glyph_set(request)
    harfbuzz.hb_set_add_sorted_array(
        glyphs, ffi.new(f"hb_codepoint_t[{len(wanted)}]", wanted), len(wanted)
    )
    # Without the layout tables HarfBuzz adds no glyph the text does not use (the substitutions'
    # closure): the glyphs kept are exactly the ones asked for, which the check below relies on.
    dropped = harfbuzz_subset.hb_subset_input_set(
        request, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG
    )
    tags = sorted(
        harfbuzz.hb_tag_from_string(tag, -1)
        for tag in (b"BASE", b"GDEF", b"GPOS", b"GSUB", b"JSTF", b"MATH")
    )
    harfbuzz.hb_set_add_sorted_array(
        dropped, ffi.new(f"hb_codepoint_t[{len(tags)}]", tags), len(tags)
    )
    flags = (
        harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE
        | harfbuzz_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
    )
    if not hinting:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING
    harfbuzz_subset.hb_subset_input_set_flags(request, flags)
    subset = harfbuzz_subset.hb_subset_or_fail(hb_face, request)
    if subset == ffi.NULL:
        return None
    subset = ffi.gc(subset, harfbuzz.hb_face_destroy)
    cff = _table(get_hb_object_data(subset) or b"", b"CFF ")
    return cff if cff is not None and keeps_cids(cff, wanted) else None


def build_fonts_dictionary(pdf: Any, fonts: dict[str, Any], *arguments: Any) -> Any:
    """WeasyPrint's font dictionaries, then each CID-keyed OpenType font file replaced by its bare,
    fully subset CFF."""
    used: dict[str, set[int]] = {}
    for font in fonts.values():
        used.setdefault(font.hash, set()).update(font.to_unicode)
        if font.hash not in _IDENTITY:  # asked once per face and process, before WeasyPrint subsets
            _IDENTITY[font.hash] = not font.bitmap and cids_are_glyph_ids(
                font.file_content, font.index
            )
    result = _weasyprint_build_fonts(pdf, fonts, *arguments)
    hinting = bool(arguments[-1].get("hinting")) if arguments else False
    # The stream of each font file holds the cleaned file content of the first font of its hash.
    first: dict[int, Any] = {}
    for font in fonts.values():
        first.setdefault(id(font.file_content), font)
    for stream in pdf.objects:
        if not isinstance(stream, pydyf.Stream) or stream.extra.get("Subtype") != "/OpenType":
            continue
        font = first.get(id(stream.stream[0])) if len(stream.stream) == 1 else None
        if font is None or not used.get(font.hash) or not _IDENTITY[font.hash]:
            continue
        cff = bare_cff(font.hb_face, used[font.hash], hinting=hinting)
        if cff is not None:
            stream.stream = [cff]
            stream.extra["Subtype"] = "/CIDFontType0C"
    return result


def install() -> bool:
    """Embed CID-keyed CJK faces as bare CFF from now on (idempotent); False when this WeasyPrint lacks
    the function it wraps."""
    global _installed
    if _installed:
        return True
    if _weasyprint_build_fonts is None:
        return False
    weasyprint_pdf.build_fonts_dictionary = build_fonts_dictionary
    _installed = True
    return True
