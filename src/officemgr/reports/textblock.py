"""User text laid out line by line: a flowable for what a reportlab Paragraph cannot do.

A `TextBlock` breaks its text into lines itself (at spaces, or inside a word too long for
a line), then draws each line in visual order, run by run, in the fonts of ``fonts``:

* text that needs shaping or right-to-left order (see ``fonts``: reportlab's Paragraph
  can do neither with several fonts);
* long text (a note of thousands of characters): a Paragraph is laid out again from the
  start of what is left at every page it splits across, so a huge one costs time squared;
  a TextBlock is wrapped once, in time linear in its length, and splits between lines.
  Nothing is cut into pieces of bounded size, so no line break shows where none was typed.

The text comes as pieces ``(text, bold)``; newlines are line breaks. The style gives the
font size, leading, indents, colour, alignment and the space around the block, as it does
for a Paragraph. Each piece is put in visual order apart (as if isolated): "Memo:" and a
Hebrew memo, or an Arabic name and "(primary)", keep their logical order in the line. A
right-to-left paragraph (every piece of it) that wraps onto several lines is set flush
right, where its lines start; a one-line one keeps the style's alignment, as a name in a
column does.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from officemgr.reports import fonts

Fragment = tuple[str, bool, bool]
"""Characters of one piece in a line: (text, bold, right-to-left base direction)."""


@dataclass(frozen=True)
class Line:
    """One line of a block, in logical order."""

    fragments: tuple[Fragment, ...]
    width: float  # as measured for the layout
    soft: bool  # wrapped here: the text goes on in the next line (else a newline, or the end)
    right: bool = False  # of a right-to-left paragraph of several lines: set flush right


def _base_rtl(text: str) -> bool:
    """True when ``text``'s first strong letter is right-to-left (its base direction)."""
    if not fonts.has_rtl(text):
        return False
    from bidi import get_base_level

    return bool(get_base_level(text))


def _hard_lines(pieces: Sequence[tuple[str, bool]]) -> list[list[Fragment]]:
    """The pieces cut at newlines: the fragments of each line as typed."""
    lines: list[list[tuple[str, bool]]] = [[]]
    for text, bold in pieces:
        for number, part in enumerate(text.split("\n")):
            if number:
                lines.append([])
            if part:
                lines[-1].append((part, bold))
    return [[(text, bold, _base_rtl(text)) for text, bold in line] for line in lines]


def _merge(fragments: Sequence[Fragment]) -> tuple[Fragment, ...]:
    """Neighbouring fragments of the same piece kind as one."""
    out: list[Fragment] = []
    for text, bold, rtl in fragments:
        if out and out[-1][1:] == (bold, rtl):
            out[-1] = (out[-1][0] + text, bold, rtl)
        elif text:
            out.append((text, bold, rtl))
    return tuple(out)


def _measure(fragments: Sequence[Fragment], size: float) -> float:
    return sum(fonts.width(text, size, bold) for text, bold, _ in fragments)


def _joins_before(char: str) -> bool:
    """A character a line may not start with: it belongs to the one before it."""
    return char in "\u200c\u200d" or unicodedata.category(char)[0] == "M"


def _cut(word: list[Fragment], width: float, size: float) -> list[list[Fragment]]:
    """A word too long for a line cut into parts that fit (the last one may be shorter),
    never between a letter and its marks; one pass over its characters."""
    chars = [(char, bold, rtl) for text, bold, rtl in word for char in text]
    parts: list[list[Fragment]] = []
    start = 0
    while start < len(chars):
        used = 0.0
        end = start
        while end < len(chars):
            advance = fonts.width(chars[end][0], size, chars[end][1])
            if used + advance > width and end > start:
                break
            used += advance
            end += 1
        while start + 1 < end < len(chars) and _joins_before(chars[end][0]):
            end -= 1  # not between a letter and its mark
        while end < len(chars) and _joins_before(chars[end][0]):
            end += 1  # a single letter with its marks, when nothing less fits
        part = list(_merge(chars[start:end]))
        while end > start + 1 and _measure(part, size) > width:  # shaped wider after all
            end -= 1
            part = list(_merge(chars[start:end]))
        parts.append(part)
        start = end
    return parts


def _plain_lines(text: str, bold: bool, width: float, size: float) -> list[Line]:
    """`layout` of one line of text that DejaVu prints as it is: words measured once each
    (the fast path of long notes)."""
    font = fonts.PRIMARY.font(bold)
    space = fonts.string_width(" ", font, size)
    lines: list[Line] = []
    words: list[str] = []
    used = 0.0
    for word in text.split(" "):
        advance = fonts.string_width(word, font, size) if len(word) < 64 else (
            stringWidth(word, font, size))  # fmt: skip
        if words and used + space + advance > width:
            lines.append(Line(((" ".join(words), bold, False),), used, True))
            words = []
        if words:
            words.append(word)
            used += space + advance
            continue
        while advance > width and len(word) > 1:  # longer than a line: cut it
            cut = max(1, int(len(word) * width / advance))
            while cut > 1 and (
                stringWidth(word[:cut], font, size) > width or _joins_before(word[cut])
            ):
                cut -= 1
            head = word[:cut]
            lines.append(Line(((head, bold, False),), stringWidth(head, font, size), True))
            word = word[cut:]
            advance = stringWidth(word, font, size)
        words, used = [word], advance
    lines.append(Line(((" ".join(words), bold, False),), used, False))
    return lines


def layout(pieces: Sequence[tuple[str, bool]], width: float, size: float) -> list[Line]:
    """``pieces`` broken into lines no wider than ``width`` (a word too long for a line is
    cut; newlines always break)."""
    lines: list[Line] = []
    for hard in _hard_lines(pieces):
        first = len(lines)
        if len(hard) == 1 and not hard[0][2] and fonts.is_plain(hard[0][0], hard[0][1]):
            lines += _plain_lines(hard[0][0], hard[0][1], width, size)
            continue
        # Words, each with the spaces before it.
        words: list[tuple[list[Fragment], list[Fragment]]] = [([], [])]
        for text, bold, rtl in hard:
            for number, part in enumerate(text.split(" ")):
                if number:
                    words.append(([(" ", bold, rtl)], []))
                if part:
                    words[-1][1].append((part, bold, rtl))
        merged: list[tuple[list[Fragment], list[Fragment]]] = []
        for spaces, word in words:  # runs of spaces before a word stay together
            if merged and not merged[-1][1]:
                merged[-1] = (merged[-1][0] + spaces, word)
            else:
                merged.append((spaces, word))
        line: list[Fragment] = []
        used = 0.0
        for spaces, word in merged:
            gap = _measure(spaces, size)
            advance = _measure(word, size)
            if line and used + gap + advance > width:  # the spaces before it end the line
                lines.append(Line(_merge(line), used, True))
                line, used = list(word), advance
            else:
                line += spaces + word
                used += gap + advance
            if used > width:  # a word longer than the line: cut it
                *heads, line = _cut(line, width, size)
                lines += [Line(_merge(head), _measure(head, size), True) for head in heads]
                used = _measure(line, size)
        lines.append(Line(_merge(line), used, False))
        if len(lines) - first > 1 and hard and all(rtl for _, _, rtl in hard):
            # A right-to-left paragraph reads from the right: its lines start flush right.
            lines[first:] = [replace(laid, right=True) for laid in lines[first:]]
    return lines


def _pieces(lines: Sequence[Line]) -> list[tuple[str, bool]]:
    """Laid-out lines back as pieces (a wrapped line ends in a space, a hard one in a
    newline), to lay them out again at another width."""
    pieces: list[tuple[str, bool]] = []
    for number, line in enumerate(lines):
        pieces += [(text, bold) for text, bold, _ in line.fragments]
        if number < len(lines) - 1:
            pieces.append((" " if line.soft else "\n", False))
    return pieces


class TextBlock(Flowable):
    """User text laid out by ``fonts`` line by line; splits across pages between lines."""

    def __init__(
        self,
        pieces: Sequence[tuple[str, bool]],
        style: ParagraphStyle,
        *,
        laid: tuple[float, list[Line]] | None = None,
    ) -> None:
        super().__init__()
        self.style = style
        bold = style.fontName == fonts.FONT_BOLD
        self.pieces = [(text, b or bold) for text, b in pieces]
        self._laid = laid  # (width, lines) once laid out

    def __repr__(self) -> str:
        pieces = self.pieces if self._laid is None else _pieces(self._laid[1][:3])
        text = "".join(text for text, _ in pieces)
        return f"TextBlock({text[:40]!r}{'…' if len(text) > 40 else ''})"

    def _lines(self, width: float) -> list[Line]:
        if self._laid is None or self._laid[0] != width:
            pieces = self.pieces if self._laid is None else _pieces(self._laid[1])
            self._laid = (width, layout(pieces, width, self.style.fontSize))
        return self._laid[1]

    def _inner(self, available_width: float) -> float:
        return available_width - self.style.leftIndent - self.style.rightIndent

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        lines = self._lines(self._inner(available_width))
        self.width = available_width
        self.height = self.style.leading * len(lines)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        width = self._inner(available_width)
        lines = self._lines(width)
        fit = int((available_height + 1e-6) // self.style.leading)
        if fit <= 0 or fit >= len(lines):  # nothing fits, or all of it (no split to make)
            return []
        head = TextBlock([], self.style, laid=(width, lines[:fit]))
        tail = TextBlock([], self.style, laid=(width, lines[fit:]))
        head.spaceAfter = 0
        head.keepWithNext = 0
        tail.spaceBefore = 0
        return [head, tail]

    def draw(self) -> None:
        style = self.style
        canvas = self.canv
        size = style.fontSize
        lines = self._laid[1] if self._laid is not None else []
        room = self.width - style.leftIndent - style.rightIndent
        canvas.saveState()
        canvas.setFillColor(style.textColor)
        y = self.height - size
        plain = None  # one text object for the lines DejaVu prints as they are
        for line in lines:
            if (
                len(line.fragments) == 1
                and fonts.is_plain(*line.fragments[0][:2])
                and not (line.right or line.fragments[0][2])
            ):
                text, bold, _ = line.fragments[0]
                if plain is None:
                    plain = canvas.beginText()
                plain.setFont(fonts.PRIMARY.font(bold), size)
                x = style.leftIndent
                if style.alignment in (TA_RIGHT, TA_CENTER):
                    spare = room - line.width
                    x += spare if style.alignment == TA_RIGHT else spare / 2
                plain.setTextOrigin(x, y)
                plain.textOut(text)
                y -= style.leading
                continue
            if plain is not None:  # drawn in reading order
                canvas.drawText(plain)
                plain = None
            glyphs = [
                run
                for text, bold, rtl in line.fragments
                for run in fonts.line_glyphs(text, size, bold=bold, rtl=rtl)
            ]
            x = style.leftIndent
            if line.right or style.alignment in (TA_RIGHT, TA_CENTER):
                spare = room - sum(run.width for run in glyphs)
                x += spare if line.right or style.alignment == TA_RIGHT else spare / 2
            fonts.draw_glyphs(canvas, x, y, glyphs, size)
            y -= style.leading
        if plain is not None:
            canvas.drawText(plain)
        canvas.restoreState()
