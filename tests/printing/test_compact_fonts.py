"""CJK faces embedded as bare, fully subset CFF (app.printing.compact_fonts): the same page, glyph for
glyph and character for character, in a fraction of the bytes."""

import io
import re
import subprocess
import zlib
from pathlib import Path

import pytest
import weasyprint.pdf
from fontTools.cffLib import CFFFontSet
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

from app.printing import compact_fonts
from app.printing.pdf import write_pdf

SEED = (
    "按照县委统一部署，支部围绕“严以修身、严以用权、严以律己”开展专题学习研讨。"
    "韩明华同志作重点发言，对照党章党规查摆了理想信念、工作作风等方面的问题，"
    "并逐条提出整改措施。Word 文档 2015 年。"
)
PAGE = f"""<!doctype html><html lang="zh-CN"><body style="font-family: 'Noto Serif CJK SC'">
<h1 style="font-family: 'Noto Sans CJK SC'">学习研讨会议记录</h1><p>{SEED}</p>
<p style="font-weight: bold">{SEED[:40]}</p></body></html>"""
STREAM = re.compile(rb"\d+ 0 obj\s*<<(.*?)>>\s*stream\r?\n", re.S)


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _gray_pixels(pdf: Path) -> bytes:
    return subprocess.run(
        ["pdftoppm", "-r", "60", "-gray", str(pdf)], capture_output=True, check=True
    ).stdout


def _font_files(pdf: bytes, subtype: bytes) -> list[bytes]:
    """The font programs of a PDF whose stream dictionary names ``subtype``, decompressed."""
    files = []
    for match in STREAM.finditer(pdf):
        if b"/Subtype " + subtype in match.group(1):
            length = int(re.search(rb"/Length (\d+)", match.group(1)).group(1))  # type: ignore[union-attr]
            files.append(zlib.decompress(pdf[match.end() : match.end() + length]))
    return files


@pytest.fixture
def printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The page as stored (PDF/A-3b), compact and as WeasyPrint embeds its fonts."""
    compact = tmp_path / "compact.pdf"
    compact.write_bytes(write_pdf(PAGE, "{}", "data.json"))
    monkeypatch.setattr(
        weasyprint.pdf, "build_fonts_dictionary", compact_fonts._weasyprint_build_fonts
    )
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(write_pdf(PAGE, "{}", "data.json"))
    return compact, plain


def test_the_compact_page_prints_and_reads_as_weasyprints(printed: tuple[Path, Path]) -> None:
    compact, plain = printed
    listed = _run("pdffonts", str(compact))
    assert listed.count("CID Type 0C ") == 3  # sans, serif, serif bold
    assert "(OT)" not in listed
    assert _run("pdffonts", str(plain)).count("CID Type 0C (OT)") == 3
    assert _run("pdftotext", str(compact), "-") == _run("pdftotext", str(plain), "-")
    # The same glyphs: the rasterizer's anti-aliasing may differ a little between an OpenType
    # wrapper and a bare CFF (a glyph missing or wrong would differ over whole characters).
    ours, theirs = _gray_pixels(compact), _gray_pixels(plain)
    assert len(ours) == len(theirs)
    differing = sum(1 for a, b in zip(ours, theirs, strict=True) if abs(a - b) > 64)
    assert differing < len(ours) / 200, differing
    assert compact.stat().st_size * 10 < plain.stat().st_size, (
        compact.stat().st_size,
        plain.stat().st_size,
    )
    assert 'pdfaid:part="3"' in _run("pdfinfo", "-meta", str(compact))


def test_each_glyph_keeps_its_outline_under_its_cid(printed: tuple[Path, Path]) -> None:
    compact, plain = (path.read_bytes() for path in printed)
    originals = [TTFont(io.BytesIO(data)) for data in _font_files(plain, b"/OpenType")]
    bare = []
    for data in _font_files(compact, b"/CIDFontType0C"):
        fonts = CFFFontSet()
        fonts.decompile(io.BytesIO(data), None)
        bare.append(fonts[fonts.fontNames[0]])

    assert len(bare) == len(originals) == 3
    for ours, theirs in zip(bare, originals, strict=True):
        glyph_set = theirs.getGlyphSet()
        names = list(ours.charset)
        assert names[0] == ".notdef"
        assert len(names) < 200  # the glyphs used, not the ~60,000 ids up to the highest one
        outlined = 0
        for name in names[1:]:
            drawn, expected = RecordingPen(), RecordingPen()
            ours.CharStrings[name].draw(drawn)
            glyph_set[name].draw(expected)
            assert drawn.value == expected.value, name
            outlined += bool(drawn.value)
        assert outlined >= len(names) - 2  # real characters (a space has no outline)


def test_only_a_cff_whose_cids_are_its_glyph_ids_is_replaced(printed: tuple[Path, Path]) -> None:
    compact = printed[0].read_bytes()
    cff = _font_files(compact, b"/CIDFontType0C")[0]
    fonts = CFFFontSet()
    fonts.decompile(io.BytesIO(cff), None)
    cids = [0] + [int(name[3:]) for name in list(fonts[fonts.fontNames[0]].charset)[1:]]
    serif = Path(_run("fc-match", "-f", "%{file}", "Noto Serif CJK SC"))
    truetype = Path(_run("fc-match", "-f", "%{file}", "AR PL UKai CN"))

    assert compact_fonts.keeps_cids(cff, cids)
    assert not compact_fonts.keeps_cids(cff, [0, *(cid + 100_000 for cid in cids[1:])])
    assert not compact_fonts.keeps_cids(b"not a font", [0])
    assert compact_fonts.cids_are_glyph_ids(serif.read_bytes())
    assert not compact_fonts.cids_are_glyph_ids(truetype.read_bytes())
    assert not compact_fonts.cids_are_glyph_ids(b"not a font")
