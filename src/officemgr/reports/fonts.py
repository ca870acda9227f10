"""The fonts a report is set in, one per script, and user text cut into runs of them.

No single font has every script a customer's name may be written in, so the reports
carry a chain of bundled TrueType fonts (``resources/fonts``, each with its licence):

=====================  ===================================================================
DejaVu Sans            Latin (Vietnamese too), Greek, Cyrillic, symbols: the primary font
Noto Sans Arabic       Arabic, Persian, Urdu (Arabic blocks and presentation forms)
Noto Sans Hebrew       Hebrew
Noto Sans Devanagari   Hindi, Marathi, Nepali, Sanskrit
Noto Sans Thai         Thai
Droid Sans Fallback    Chinese (simplified and traditional), Japanese kana, Korean Hangul
=====================  ===================================================================

Each character goes to the first font of the chain that has its glyph, but for the
blocks of a script font: Arabic, Hebrew and Thai letters go to their Noto font even though
DejaVu has some of them, so a word is never set in two fonts (nor joined across them).
A combining mark, a joiner or a space stays in the font of the run it follows when that
font has it. Fonts are only TrueType (``glyf``) outlines, which reportlab embeds (as
subsets of the glyphs used). The Noto fonts come with their bold; Droid Sans Fallback has
none, so bold CJK text is set in its regular face.

Nothing loads at import: `register_primary` registers DejaVu for the first report and
reads its character map; the rest of the chain (and its maps) is read the first time a
character DejaVu cannot print — or one of a script font's blocks — turns up. So pure
Latin text costs one regular expression search (`is_plain`) and nothing else.

Shaping and right-to-left order
-------------------------------
Arabic letters join, Devanagari forms conjuncts and moves the short i before its
consonant, Thai and Hebrew place their marks: that is *shaping*, done here by HarfBuzz
(the ``uharfbuzz`` package) through reportlab's own ``shapeStr``, one run at a time. Arabic
and Hebrew also run right to left, mixed with left-to-right words and numbers: the visual
order of a line is the Unicode Bidirectional Algorithm's, from ``python-bidi``. What was
tried, on reportlab 5.1, uharfbuzz 0.57, python-bidi 0.6 and poppler 22.12:

* reportlab's Paragraph shaping (``style.shaping``) shapes each space-separated word with
  the HarfBuzz font of the word's *first* run, so a word in two fonts ("ABC株式会社",
  "(प्रिया)") fails inside reportlab (KeyError, then AttributeError); and its
  right-to-left support needs ``rlbidi``, which is not on PyPI. Without it the words of
  an Arabic line stay in left-to-right order (the issue's note).
* ``canvas.drawString(..., shaping=True)`` is ignored without ``rlbidi``; a ``ShapedStr``
  from ``shapeStr`` is drawn with its glyph positions all the same.
* arabic-reshaper (presentation forms) joins Arabic without HarfBuzz but does nothing
  for Devanagari or Thai, which need HarfBuzz anyway: not used.
* python-bidi's ``get_display`` (its Rust implementation, UAX #9 with bracket pairs)
  orders a line but does not mirror brackets: "(نقداً)" came out as ")نقداً(". Its older
  Python implementation mirrors them but has no bracket pairs ("Ahmed (أحمد) 12" came out
  as "Ahmed (12 (دمحأ"). So `bidi_levels` takes the Rust implementation's resolved levels
  (``get_display(..., debug=True)`` returns them), and `reorder` applies rules L1, L2
  and L4 (mirroring, with python-bidi's own table) itself — which also keeps track of
  each character's font and weight through the reordering.

So text that needs it (`needs_layout`: an Arabic, Hebrew, Devanagari or Thai character,
or a bidi control) is laid out by ``textblock.TextBlock``, not by a Paragraph: lines are
broken in logical order, then `line_glyphs` puts each line in visual order and cuts it
into runs of one font and one direction; a right-to-left run of an Arabic or Hebrew font
is shaped from its logical order (HarfBuzz draws it right to left itself), digits inside
it are a left-to-right run of their own. All other text (Latin, Greek, Cyrillic,
Vietnamese, CJK) stays a reportlab Paragraph, its runs marked up with ``<font name=...>``
by `markup`; nothing there needs shaping.

The text stays extractable. A shaped Devanagari or Thai run whose glyphs are not its
characters one for one (conjuncts and reordered vowels get private-use codes) is wrapped
in a PDF ``/ActualText`` span carrying its characters, so ``pdftotext`` gives back
"शर्मा, प्रिया" exactly. Arabic glyphs map to the Arabic presentation forms (U+FB50–U+FEFF),
so pdftotext gives each joined Arabic word back in logical order as presentation forms:
the same word after NFKC normalization ("منصور" comes back as "ﻣﻨﺼﻮر"). An ActualText span
would carry the plain letters, but poppler reverses right-to-left letters in a span (as
it does the letters of a ligature), so none is written there. Hebrew letters map to
themselves and come back as typed. On a page whose text runs mostly left to right, as a
report's does, poppler lists the words of an Arabic or Hebrew phrase left to right as
they stand, each word in its logical order: "منصور, سارة" comes back as "ﺳﺎرة" then
"ﻣﻨﺼﻮر", "כהן, דוד" as "דוד" then "כהן".
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, ClassVar
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont


@dataclass(frozen=True)
class Face:
    """One font of the chain: its regular (and bold) file and what it is used for."""

    name: str  # the reportlab name of the regular face
    file: str  # in resources/fonts
    bold_file: str | None = None  # None: bold text is set in the regular face
    blocks: tuple[tuple[int, int], ...] = ()  # code points it is chosen for before DejaVu
    shaped: bool = False  # runs in it are shaped (HarfBuzz)
    rtl: bool = False  # a right-to-left script
    subfont: int = 0  # the font's index in a TrueType collection (.ttc)

    @property
    def bold_name(self) -> str:
        return f"{self.name}-Bold" if self.bold_file else self.name

    def font(self, bold: bool) -> str:
        """The reportlab font name of this face in the weight asked for."""
        return self.bold_name if bold else self.name


PRIMARY = Face("DejaVuSans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
ARABIC = Face(
    "NotoSansArabic",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
    blocks=(
        (0x0600, 0x06FF),
        (0x0750, 0x077F),
        (0x08A0, 0x08FF),
        (0xFB50, 0xFDFF),
        (0xFE70, 0xFEFF),
    ),
    shaped=True,
    rtl=True,
)
HEBREW = Face(
    "NotoSansHebrew",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansHebrew-Bold.ttf",
    blocks=((0x0590, 0x05FF), (0xFB1D, 0xFB4F)),
    shaped=True,
    rtl=True,
)
DEVANAGARI = Face(
    "NotoSansDevanagari",
    "NotoSansDevanagari-Regular.ttf",
    "NotoSansDevanagari-Bold.ttf",
    blocks=((0x0900, 0x097F), (0x1CD0, 0x1CFF), (0xA8E0, 0xA8FF)),
    shaped=True,
)
THAI = Face(
    "NotoSansThai",
    "NotoSansThai-Regular.ttf",
    "NotoSansThai-Bold.ttf",
    blocks=((0x0E00, 0x0E7F),),
    shaped=True,
)
CJK = Face("DroidSansFallback", "DroidSansFallback.ttf")

CHAIN: tuple[Face, ...] = (PRIMARY, ARABIC, HEBREW, DEVANAGARI, THAI, CJK)
"""The fallback chain, in the order a character looks for its font."""

FONT = PRIMARY.name
FONT_BOLD = PRIMARY.bold_name

_FACES: dict[str, Face] = {name: face for face in CHAIN for name in (face.name, face.bold_name)}

# Bidi controls (LRM, RLM, ALM, embeddings, overrides, isolates): text with them is laid out.
_CONTROLS = ((0x061C, 0x061C), (0x200E, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069))
_RTL_BLOCKS = tuple(block for face in CHAIN if face.rtl for block in face.blocks)


def _char_class(ranges: Iterable[tuple[int, int]]) -> str:
    """A regular-expression character class body of code point ranges."""
    return "".join(f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges)


def _ranges(points: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted code points as (first, last) ranges."""
    out: list[tuple[int, int]] = []
    for point in sorted(points):
        if out and point == out[-1][1] + 1:
            out[-1] = (out[-1][0], point)
        else:
            out.append((point, point))
    return out


_LAYOUT_RANGES = [block for face in CHAIN if face.shaped for block in face.blocks] + [*_CONTROLS]
_LAYOUT = re.compile(f"[{_char_class(_LAYOUT_RANGES)}]")
# Right-to-left letters, and the controls that start right-to-left text (RLM, RLE, RLO, RLI).
_RTL_RANGES = [*_RTL_BLOCKS, (0x200F, 0x200F), (0x202B, 0x202B), (0x202E, 0x202E), (0x2067, 0x2067)]
_RTL = re.compile(f"[{_char_class(_RTL_RANGES)}]")


def _owner(point: int) -> int | None:
    """The index in `CHAIN` of the script font whose blocks hold ``point``, if any."""
    for index, face in enumerate(CHAIN):
        for lo, hi in face.blocks:
            if lo <= point <= hi:
                return index
    return None


# ------------------------------------------------------------------------ registering


class _State:
    """What has been registered and read: filled once, under the lock."""

    lock: ClassVar[threading.Lock] = threading.Lock()
    primary: ClassVar[dict[bool, frozenset[int]]] = {}  # DejaVu's character map by weight
    not_plain: ClassVar[dict[bool, re.Pattern[str]]] = {}  # what `is_plain` does not pass
    chain: ClassVar[dict[bool, tuple[frozenset[int], ...]]] = {}  # each face's map by weight
    face_of: ClassVar[dict[bool, dict[str, int]]] = {False: {}, True: {}}  # char -> CHAIN index


def _private(point: int) -> bool:
    return 0xE000 <= point <= 0xF8FF


def _register(face: Face) -> dict[bool, frozenset[int]]:
    """Register ``face`` (both weights, as a family) and return its character maps."""
    folder = resources.files("officemgr.resources") / "fonts"
    maps: dict[bool, frozenset[int]] = {}
    for bold, filename in ((False, face.file), (True, face.bold_file)):
        if filename is None:
            maps[True] = maps[False]
            continue
        name = face.font(bold)
        font = pdfmetrics.getFont(name) if name in pdfmetrics.getRegisteredFontNames() else None
        if font is None:
            with resources.as_file(folder / filename) as path:
                font = TTFont(name, str(path), subfontIndex=face.subfont)
            pdfmetrics.registerFont(font)
        # A copy, read before any shaping: reportlab adds private-use codes for the
        # glyphs HarfBuzz substitutes to the face's own map.
        maps[bold] = frozenset(code for code in font.face.charToGlyph if not _private(code))
    pdfmetrics.registerFontFamily(
        face.name,
        normal=face.name,
        bold=face.bold_name,
        italic=face.name,
        boldItalic=face.bold_name,
    )
    return maps


def register_primary() -> None:
    """Register DejaVu Sans, regular and bold, and read its character map (once)."""
    if _State.primary:
        return
    with _State.lock:
        if _State.primary:
            return
        maps = _register(PRIMARY)
        owned = [block for face in CHAIN[1:] for block in face.blocks] + [*_CONTROLS]
        blocked = {p for lo, hi in owned for p in range(lo, hi + 1)}
        for bold, cmap in maps.items():
            allowed = _ranges((cmap - blocked) | {0x0A})  # newlines are printable text
            _State.not_plain[bold] = re.compile("[^" + _char_class(allowed) + "]")
        _State.primary = maps


def register_chain() -> None:
    """Register every font of the chain and read their character maps (once)."""
    if _State.chain:
        return
    register_primary()
    with _State.lock:
        if _State.chain:
            return
        maps = [_State.primary] + [_register(face) for face in CHAIN[1:]]
        _State.chain = {bold: tuple(m[bold] for m in maps) for bold in (False, True)}


# ------------------------------------------------------------------------------ runs


def is_plain(text: str, bold: bool = False) -> bool:
    """True when DejaVu has every character of ``text`` and none needs shaping or
    right-to-left order: the text prints as it is, in the primary font."""
    if text.isascii():
        return True
    register_primary()
    return _State.not_plain[bold].search(text) is None


def needs_layout(text: str) -> bool:
    """True when ``text`` has a character to shape or to put in right-to-left order."""
    return not text.isascii() and _LAYOUT.search(text) is not None


def has_rtl(text: str) -> bool:
    """True when ``text`` has a right-to-left character (or control)."""
    return not text.isascii() and _RTL.search(text) is not None


def _sticky(char: str) -> bool:
    """A character that stays in the font of the run it follows (when that font has it)."""
    return char == " " or char in "\u200c\u200d" or unicodedata.category(char)[0] == "M"


def face_index(char: str, bold: bool = False) -> int:
    """The index in `CHAIN` of the font ``char`` is set in (0, DejaVu, as a last resort)."""
    cache = _State.face_of[bold]
    found = cache.get(char)
    if found is None:
        register_chain()
        maps = _State.chain[bold]
        point = ord(char)
        owner = _owner(point)
        if owner is not None and point in maps[owner]:
            found = owner
        else:
            found = next((i for i, cmap in enumerate(maps) if i != owner and point in cmap), 0)
        cache[char] = found
    return found


def has_glyph(font: str, char: str) -> bool:
    """True when the font named ``font`` (of the chain) has a glyph for ``char``."""
    register_chain()
    face = _FACES[font]
    index = CHAIN.index(face)
    return ord(char) in _State.chain[font == face.bold_name and face.bold_file is not None][index]


def face(font: str) -> Face:
    """The face of the chain a font name belongs to."""
    return _FACES[font]


def runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """``text`` as (font name, characters) runs, in order: joined, they give ``text``."""
    if not text:
        return []
    if is_plain(text, bold):
        return [(PRIMARY.font(bold), text)]
    register_chain()
    maps = _State.chain[bold]
    out: list[tuple[str, str]] = []
    current = -1
    start = 0
    for i, char in enumerate(text):
        index = face_index(char, bold)
        if index != current and current >= 0 and _sticky(char) and ord(char) in maps[current]:
            index = current
        if index != current:
            if i > start:
                out.append((CHAIN[current].font(bold), text[start:i]))
            current, start = index, i
    out.append((CHAIN[current].font(bold), text[start:]))
    return out


def markup(text: str, bold: bool = False) -> str:
    """``text`` as Paragraph markup that prints it literally (``&``, ``<`` and ``>``
    escaped), each run not in DejaVu wrapped in ``<font name="...">``.

    ``bold``: the text is set bold (a bold style, or inside ``<b>``): a run's font is then
    the bold face, as reportlab takes a ``<font name>`` as it is. Newlines are left as they
    are. Text that `needs_layout` is not shaped nor reordered here: see ``textblock``.
    """
    if is_plain(text, bold):
        return escape(text)
    primary = PRIMARY.font(bold)
    return "".join(
        escape(run) if font == primary else f'<font name="{font}">{escape(run)}</font>'
        for font, run in runs(text, bold)
    )


# --------------------------------------------------------------------------- widths


@lru_cache(maxsize=65_536)
def _width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


def string_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` set in one font as it is (cached: report words repeat)."""
    return _width(text, font, size)


@lru_cache(maxsize=16_384)
def shape(text: str, font: str, size: float) -> tuple[str, float]:
    """A run of one font shaped by HarfBuzz: (glyphs to draw, width in points).

    The glyphs are reportlab's ``ShapedStr`` (a str of glyph codes in visual order that
    carries their positions) when shaping changed anything, else ``text`` itself.
    """
    from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

    if not pdfmetrics.getFont(font).shapable:  # no uharfbuzz: drawn as it is
        return text, _width(text, font, size)
    shaped = shapeStr(text, font, size)
    if isinstance(shaped, ShapedStr):
        advance = sum(data.x_advance for data in shaped.__shapeData__)
        return shaped, advance * size / 1000
    return text, _width(text, font, size)


def run_width(font: str, text: str, size: float) -> float:
    """The width of a run set in ``font`` (shaped when its face is)."""
    if _FACES[font].shaped:
        return shape(text, font, size)[1]
    return _width(text, font, size)


def width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` (one line) set in its runs."""
    if is_plain(text, bold):
        return _width(text, PRIMARY.font(bold), size)
    return sum(run_width(font, run, size) for font, run in runs(text, bold))


# ----------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class Glyphs:
    """One run of a line, ready to draw: drawn left to right after the one before."""

    font: str
    text: str  # characters, or a reportlab ShapedStr (glyph codes in visual order)
    width: float
    actual: str | None = None  # the characters it stands for, when its codes are not them


_LEVELS = re.compile(r"\n    levels: \[\n(.*?)\n    \],?\n", re.S)
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def bidi_levels(text: str, rtl: bool | None = None) -> list[int] | None:
    """The embedding level of each character of one line (odd: right to left), as the
    Unicode bidi algorithm resolves them, base direction ``rtl`` (None: that of the first
    strong letter); None when python-bidi does not say.

    python-bidi's Rust implementation returns its levels (one per UTF-8 byte) in its
    ``debug=True`` report; trailing spaces then go back to the base level (rule L1).
    """
    from bidi import get_display

    base = None if rtl is None else ("R" if rtl else "L")
    report = str(get_display(text, base_dir=base, debug=True))
    found = _LEVELS.search(report)
    if found is None:
        return None
    per_byte = [int(level) for level in _LEVEL.findall(found.group(1))]
    if len(per_byte) != len(text.encode("utf-8")):
        return None
    levels: list[int] = []
    offset = 0
    for char in text:
        levels.append(per_byte[offset])
        offset += len(char.encode("utf-8"))
    if rtl is None:
        from bidi import get_base_level

        rtl = bool(get_base_level(text))
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
        levels[end] = int(rtl)
    return levels


def reorder(levels: Sequence[int]) -> list[int]:
    """The logical indices of a line's characters in visual order (rule L2: from the
    highest level down to the lowest odd one, reverse every run at that level or above)."""
    order = list(range(len(levels)))
    current = list(levels)
    odd = [level for level in levels if level % 2]
    if not odd:
        return order
    for level in range(max(levels), min(odd) - 1, -1):
        i = 0
        while i < len(order):
            if current[i] < level:
                i += 1
                continue
            j = i
            while j < len(order) and current[j] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            current[i:j] = current[i:j][::-1]
            i = j
    return order


@lru_cache(maxsize=1)
def _mirrors() -> dict[str, str]:
    from bidi.mirror import MIRRORED

    return dict(MIRRORED)


def visual_order(text: str, rtl: bool | None = None) -> str:
    """One line of text in the order it is drawn, left to right: reordered by the
    Unicode bidi algorithm, brackets of right-to-left text mirrored (rule L4)."""
    if not rtl and not has_rtl(text):
        return text
    levels = bidi_levels(text, rtl)
    if levels is None:  # not expected: python-bidi's order, brackets as they are
        from bidi import get_display

        return str(get_display(text, base_dir=None if rtl is None else "LR"[rtl]))
    mirrors = _mirrors()
    return "".join(
        mirrors.get(text[i], text[i]) if levels[i] % 2 else text[i] for i in reorder(levels)
    )


def _is_rtl_letter(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def _glyphs(font: str, logical: str, odd: bool, size: float) -> Glyphs:
    """One run of a font and level: ``logical`` its characters in logical order."""
    if odd:
        if _FACES[font].shaped and any(_is_rtl_letter(c) for c in logical):
            glyphs, advance = shape(logical, font, size)  # HarfBuzz draws it right to left
            private = any(_private(ord(c)) for c in glyphs)
            return Glyphs(font, glyphs, advance, logical if private else None)
        mirrors = _mirrors()
        drawn = "".join(mirrors.get(c, c) for c in reversed(logical))
        return Glyphs(font, drawn, _width(drawn, font, size))
    if _FACES[font].shaped:
        glyphs, advance = shape(logical, font, size)
        return Glyphs(font, glyphs, advance, logical if str(glyphs) != logical else None)
    return Glyphs(font, logical, _width(logical, font, size))


def line_glyphs(
    text: str, size: float, *, bold: bool = False, rtl: bool | None = None
) -> list[Glyphs]:
    """One line of logical text as runs to draw left to right: in visual order, each run
    in its font and shaped when its script needs it (``rtl``: the base direction, None
    for that of its first strong letter)."""
    if not text:
        return []
    if not rtl and is_plain(text, bold):
        font = PRIMARY.font(bold)
        return [Glyphs(font, text, _width(text, font, size))]
    core = text.strip(" ")
    if core != text:  # spaces at the ends stay there, outside the text's own order
        lead = text[: len(text) - len(text.lstrip(" "))]
        trail = text[len(lead) + len(core) :]
        font = PRIMARY.font(bold)
        return [
            *([Glyphs(font, lead, _width(lead, font, size))] if lead else []),
            *line_glyphs(core, size, bold=bold, rtl=rtl),
            *([Glyphs(font, trail, _width(trail, font, size))] if trail else []),
        ]
    font_of: list[str] = [font for font, run in runs(text, bold) for _ in run]
    levels = bidi_levels(text, rtl) if rtl or has_rtl(text) else None
    if levels is None:
        levels = [0] * len(text)
    out: list[Glyphs] = []
    group: list[int] = []  # logical indices of a run, in visual order
    for index in reorder(levels):
        if group and (font_of[index], levels[index] % 2) != (
            font_of[group[0]],
            levels[group[0]] % 2,
        ):
            out.append(_group(text, group, font_of, levels, size))
            group = []
        group.append(index)
    out.append(_group(text, group, font_of, levels, size))
    return out


def _group(
    text: str, group: list[int], font_of: list[str], levels: list[int], size: float
) -> Glyphs:
    odd = bool(levels[group[0]] % 2)
    logical = "".join(text[i] for i in sorted(group))
    return _glyphs(font_of[group[0]], logical, odd, size)


def _actual_text(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def draw_glyphs(canvas: Any, x: float, y: float, glyphs: Sequence[Glyphs], size: float) -> float:
    """Draw ``glyphs`` from ``x`` on the baseline ``y``; returns where the line ends."""
    for run in glyphs:
        if not run.text:
            continue
        canvas.setFont(run.font, size)
        if run.actual is not None:  # what a reader copies or searches for
            canvas.addLiteral(f"/Span <</ActualText {_actual_text(run.actual)}>> BDC")
        canvas.drawString(x, y, run.text)
        if run.actual is not None:
            canvas.addLiteral("EMC")
        x += run.width
    return x


def draw_line(
    canvas: Any,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    bold: bool = False,
    right: bool = False,
) -> None:
    """Draw one line of user text at ``x`` (its right end at ``x`` when ``right``)."""
    glyphs = line_glyphs(text, size, bold=bold)
    if right:
        x -= sum(run.width for run in glyphs)
    draw_glyphs(canvas, x, y, glyphs, size)
