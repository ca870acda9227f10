"""Rows of a long list report drawn straight onto the page.

reportlab's Table measures, styles and draws each cell through several layers; a report
of tens of thousands of rows (A/R Aging Summary of a whole company) spends most of its time
there. A `Grid` is a block of rows in fixed columns. Its plain text cells — names, dates,
amounts that the primary font prints as they are (``template.cell``) — are written as
one piece of PDF text per block, wrapped onto more lines when a column is too narrow; any
other text is the flowable ``template.text`` makes of it (a Paragraph in the fonts of its
scripts, or a TextBlock for text to shape or to set right to left), drawn in its cell.

Money columns are as wide as the widest amount the program takes (`money_width`), in the
office's number format and the bold of a total line; a sum wider still (a grand total of
many such amounts) is set smaller to fit its cell, never over the next one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from officemgr.core.numbers import NumberFormat
from officemgr.reports import template

Cell = Any
"""A cell: plain text (a str, drawn as it is; a tuple of str, its lines, any of them
`Bold`), a Flowable, or None (blank)."""


class Bold(str):
    """A line of a cell's lines drawn in the bold font (a subject above its details)."""

    __slots__ = ()


# The widest amount the program takes (`core.inputs.MAX_AMOUNT` less a cent), negative: the
# money columns are made wide enough for it in the office's number format.
WIDEST_AMOUNT = Decimal("-9999999999999.99")


class _Widths(dict[str, float]):
    """Each character's width at size 1 in one font (reportlab does not kern, so a text's
    width is the sum of its characters'): measured once per character."""

    def __init__(self, font: str) -> None:
        super().__init__()
        template.register_fonts()
        self.font = font

    def __missing__(self, char: str) -> float:
        width = float(pdfmetrics.stringWidth(char, self.font, 1))
        self[char] = width
        return width


_WIDTHS: dict[str, _Widths] = {}


def text_width(text: str, font: str, size: float) -> float:
    """The width of plain ``text`` in points, as reportlab measures it."""
    widths = _WIDTHS.get(font)
    if widths is None:
        widths = _WIDTHS[font] = _Widths(font)
    return sum(map(widths.__getitem__, text)) * size


def wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    """Plain text broken into lines no wider than ``width``, at spaces where it can (a
    word longer than a line is cut), and at its own line breaks."""
    space = text_width(" ", font, size)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            word_width = text_width(word, font, size)
            if words and used + space + word_width <= width:
                words.append(word)
                used += space + word_width
                continue
            if words:
                lines.append(" ".join(words))
            while word_width > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and text_width(word[:cut], font, size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
                word_width = text_width(word, font, size)
            words, used = [word], word_width
        lines.append(" ".join(words))
    return lines


@dataclass(frozen=True)
class Columns:
    """The columns of a grid: their widths in points and which are right-aligned
    (numbers), the text size, and the paddings of a cell."""

    widths: tuple[float, ...]
    right: frozenset[int]
    size: float = 7.5
    leading: float = 9.0
    pad: float = 2.0
    top: float = 1.5
    bottom: float = 2.0

    @property
    def row_height(self) -> float:
        return self.top + self.leading + self.bottom

    @property
    def width(self) -> float:
        return sum(self.widths)


def money_width(numbers: NumberFormat, size: float = 7.5, pad: float = 2.0) -> float:
    """A money column wide enough for the widest amount, in bold (a total line's font)."""
    text = numbers.money(WIDEST_AMOUNT)
    return text_width(text, template.FONT_BOLD, size) + 2 * pad + 1


class Cells:
    """Makes the cells of a grid from user text and amounts (see the module's doc)."""

    _PROBES = ("-9999999999999.99", "-1234567.89", "0", "0.05", "-0.5", "12.5", "999", "1000")

    def __init__(self, columns: Columns, numbers: NumberFormat) -> None:
        self.columns = columns
        self.numbers = numbers
        self.style = template.style("cell")
        self.bold_style = template.style("cell-bold", bold=True)
        self.number_style = template.style("number", alignment=TA_RIGHT)
        self.number_bold_style = template.style("number-bold", bold=True, alignment=TA_RIGHT)
        # Amounts are written by Python's own grouping with the locale's symbols when that
        # gives exactly what ``numbers.money`` gives (most locales group by thousands);
        # and are plain cells when the locale's digits and signs are plain text.
        self._symbols = str.maketrans(
            {",": numbers.group, ".": numbers.decimal, "-": numbers.minus}
        )
        probes = [Decimal(p) for p in self._PROBES]
        self._fast = all(self._python(p) == numbers.money(p) for p in probes)
        written = [numbers.money(p) for p in probes]
        self._plain = all(isinstance(template.cell(w, self.number_style), str) for w in written)

    def _python(self, value: Decimal) -> str:
        return f"{value:,.2f}".translate(self._symbols)

    def money_text(self, value: Decimal) -> str:
        """``value`` as the office writes amounts."""
        return self._python(value) if self._fast else self.numbers.money(value)

    def money(self, value: Decimal, *, bold: bool = False) -> Cell:
        """The cell of an amount (in a right-aligned column)."""
        text = self._python(value) if self._fast else self.numbers.money(value)
        if self._plain:
            return text
        return template.cell(text, self.number_bold_style if bold else self.number_style)

    def text(self, value: str | None, column: int, *, bold: bool = False, span: int = 1) -> Cell:
        """The cell of user text in ``column`` (and the ``span - 1`` columns after it: see
        `Grid`'s ``span_first``): plain text on one line or more, else a flowable."""
        cell = template.cell(value, self.bold_style if bold else self.style)
        if not cell or not isinstance(cell, str):
            return cell or None
        cols = self.columns
        font = template.FONT_BOLD if bold else template.FONT
        room = sum(cols.widths[column : column + span]) - 2 * cols.pad
        if "\n" not in cell and text_width(cell, font, cols.size) <= room:
            return cell
        return tuple(wrap_words(cell, font, cols.size, room))

    def heading(self, value: str, heading_style: ParagraphStyle) -> Flowable:
        """A group's heading (user text) in ``heading_style``."""
        return template.text(value, heading_style)


class Grid(Flowable):
    """A block of rows in fixed columns (see the module's doc)."""

    def __init__(
        self,
        columns: Columns,
        rows: Sequence[Sequence[Cell]],
        *,
        bold: bool = False,
        rules: bool = True,
        rule_above: bool = False,
        span_first: int = 1,
    ) -> None:
        """``span_first``: the first cell of each row takes that many columns (a total
        line's label; the cells it covers are left empty)."""
        super().__init__()
        self.columns = columns
        self.rows = list(rows)
        self.bold = bold
        self.rules = rules
        self.rule_above = rule_above
        self.span_first = span_first
        self._heights: list[float] | None = None

    # -- layout ---------------------------------------------------------------------

    def _width(self, column: int) -> float:
        if column == 0 and self.span_first > 1:
            return sum(self.columns.widths[: self.span_first])
        return self.columns.widths[column]

    def _row_heights(self) -> list[float]:
        if self._heights is None:
            cols = self.columns
            plain = cols.row_height
            heights = []
            for row in self.rows:
                height = plain
                for column, cell in enumerate(row):
                    if cell is None or cell.__class__ is str:
                        continue
                    if isinstance(cell, tuple):
                        height = max(height, cols.top + cols.leading * len(cell) + cols.bottom)
                    elif isinstance(cell, Flowable):
                        _, used = cell.wrap(self._width(column) - 2 * cols.pad, 1e9)
                        height = max(height, used + cols.top + cols.bottom)
                heights.append(height)
            self._heights = heights
        return self._heights

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = self.columns.width
        self.height = sum(self._row_heights())
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        room = available_height
        used = 0.0
        fit = 0
        for height in self._row_heights():
            if used + height > room:
                break
            used += height
            fit += 1
        if fit == 0 or fit == len(self.rows):
            return [] if fit == 0 else [self]
        return [self._part(self.rows[:fit], first=True), self._part(self.rows[fit:], first=False)]

    def _part(self, rows: list[Sequence[Cell]], *, first: bool) -> Grid:
        return Grid(
            self.columns,
            rows,
            bold=self.bold,
            rules=self.rules,
            rule_above=self.rule_above and first,
            span_first=self.span_first,
        )

    # -- drawing --------------------------------------------------------------------

    def draw(self) -> None:
        canvas = self.canv
        cols = self.columns
        font = template.FONT_BOLD if self.bold else template.FONT
        size = cols.size
        y = self.height
        if self.rule_above:
            canvas.setStrokeColor(colors.grey)
            canvas.setLineWidth(0.6)
            canvas.line(0, y, self.width, y)
        canvas.setFillColor(colors.black)
        text = _Text(canvas, font, size)
        rules: list[tuple[float, float, float, float]] = []
        lefts = []
        x = 0.0
        for width in cols.widths:
            lefts.append(x)
            x += width
        right = cols.right
        pad = cols.pad
        leading = cols.leading
        for row, height in zip(self.rows, self._row_heights(), strict=True):
            baseline = y - cols.top - size
            for column, cell in enumerate(row):
                if not cell:
                    continue
                left = lefts[column]
                width = self._width(column)
                if isinstance(cell, str):
                    if column in right:
                        used = text_width(cell, font, size)
                        room = width - 2 * pad
                        if used > room:  # a sum past the widest amount: smaller, not over
                            text.show(left + pad, baseline, cell, size * room / used)
                        else:
                            text.show(left + width - pad - used, baseline, cell)
                    else:
                        text.show(left + pad, baseline, cell)
                elif isinstance(cell, tuple):
                    for line_number, line in enumerate(cell):
                        y_line = baseline - line_number * leading
                        text.show(left + pad, y_line, line, bold=line.__class__ is Bold)
                elif isinstance(cell, Flowable):
                    _, used_height = cell.wrap(width - 2 * pad, 1e9)
                    cell.drawOn(canvas, left + pad, y - cols.top - used_height)
            y -= height
            if self.rules:
                rules.append((0, y, self.width, y))
        text.close()
        if rules:
            canvas.setStrokeColor(colors.lightgrey)
            canvas.setLineWidth(0.25)
            canvas.lines(rules)


class _Text:
    """The text of a grid block as PDF text operators, written in one piece, in the order
    of its rows (so a reader copying it gets each row's cells together).

    Drawing each cell with reportlab's text object measures and encodes it through
    several layers; a block of plain cells is instead written the way reportlab's
    ``ttfonts`` documents for its subset fonts (``splitString`` gives each character's
    subset and code once, ``getSubsetInternalName`` the subset's font name) and added to
    the page with ``addLiteral``. A font that is not a subset TrueType font, or a canvas
    without its document, takes reportlab's text object instead.
    """

    def __init__(self, canvas: Any, font_name: str, size: float) -> None:
        self.canvas = canvas
        self.size = size
        self.font_name = font_name
        doc = getattr(canvas, "_doc", None)
        fonts_used = (font_name, template.FONT_BOLD)
        self.raw = doc is not None and all(
            getattr(pdfmetrics.getFont(name), "_dynamicFont", False) for name in fonts_used
        )
        if not self.raw:
            self.text = canvas.beginText()
            self.text.setFont(font_name, size)
            self.text_font = (font_name, size)
            return
        self.doc = doc
        # Per document and font: each character's (subset, escaped code); those of the
        # first subset also as a str.translate table, and the set of them.
        self.caches = canvas.__dict__.setdefault("_grid_codes", {})
        self.parts: list[str] = ["BT"]
        self.font_set: tuple[str, int, float] | None = None
        self.x = 0.0
        self.y = 0.0

    def _code(self, font_name: str, char: str) -> tuple[int, str]:
        """The subset and the escaped code of ``char`` (registered in the subset once)."""
        codes, first, known = self.caches.setdefault(font_name, ({}, {}, set()))
        ((subset, code),) = pdfmetrics.getFont(font_name).splitString(char, self.doc)
        byte = code[0]
        if byte in b"()\\":
            escaped = "\\" + chr(byte)
        elif 32 <= byte < 127:
            escaped = chr(byte)
        else:
            escaped = f"\\{byte:03o}"
        codes[char] = (subset, escaped)
        if subset == 0:
            first[ord(char)] = escaped
            known.add(char)
        return subset, escaped

    def show(
        self, x: float, y: float, text: str, size: float | None = None, *, bold: bool = False
    ) -> None:
        """Draw ``text`` with its baseline starting at (x, y) (in the bold font: ``bold``)."""
        size = size or self.size
        font_name = template.FONT_BOLD if bold else self.font_name
        if not self.raw:
            if (font_name, size) != self.text_font:
                self.text.setFont(font_name, size)
                self.text_font = (font_name, size)
            self.text.setTextOrigin(x, y)
            self.text.textLine(text)
            return
        parts = self.parts
        dx = round(x - self.x, 2)
        dy = round(y - self.y, 2)
        parts.append(f"{dx:g} {dy:g} Td")
        self.x += dx  # where the page has it: rounding does not add up along a block
        self.y += dy
        codes, first, known = self.caches.setdefault(font_name, ({}, {}, set()))
        if known.issuperset(text):  # every character known, all in the first subset
            self._font(font_name, 0, size)
            parts.append(f"({text.translate(first)}) Tj")
            return
        run: list[str] = []
        for char in text:
            subset, escaped = codes.get(char) or self._code(font_name, char)
            if (font_name, subset, size) != self.font_set:
                if run:
                    parts.append(f"({''.join(run)}) Tj")
                    run = []
                self._font(font_name, subset, size)
            run.append(escaped)
        if run:
            parts.append(f"({''.join(run)}) Tj")

    def _font(self, font_name: str, subset: int, size: float) -> None:
        if (font_name, subset, size) != self.font_set:
            name = pdfmetrics.getFont(font_name).getSubsetInternalName(subset, self.doc)
            self.parts.append(f"{name} {round(size, 2):g} Tf")
            self.font_set = (font_name, subset, size)

    def close(self) -> None:
        if not self.raw:
            self.canvas.drawText(self.text)
        elif len(self.parts) > 1:
            self.parts.append("ET")
            self.canvas.addLiteral("\n".join(self.parts))
