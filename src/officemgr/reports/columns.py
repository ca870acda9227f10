"""Columns of the list reports with amounts: widths that hold any amount, cells that fit.

A money column is as wide as the largest amount the program takes (9,999,999,999,999.99,
negative, in the office's number format and the bold font of a total line), so no amount
runs into the next cell; a date column as wide as a date. The text columns share what is
left, by their shares. A figure wider still (a grand total of many such amounts, a
percentage of a tiny estimate) is set smaller to fit its cell rather than cut or spilled.

Text goes into a cell as a plain string — wrapped at its spaces, drawn as it is: the fast
case — only when the primary font prints it as it is (`fonts.is_plain`) and no word is
wider than the cell; anything else is `template.text`, which wraps it, sets each
character in a font that has it, and shapes and orders Arabic and Hebrew.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from officemgr.core.inputs import MAX_AMOUNT
from officemgr.core.numbers import NumberFormat
from officemgr.reports import fonts, template

LARGEST = -(MAX_AMOUNT - Decimal("0.01"))  # -9,999,999,999,999.99: the widest amount
PADDING = 2.0  # points each side of a cell, as the reports' table styles pad
SIZE = 7.5  # points: the font size of a row
LEADING = 9.0
DATE_SAMPLE = "0000-00-00"
# An empty cell as reportlab's empty flowable list: drawn as nothing, where "" still costs
# a text object per cell (as Open Balances does).
BLANK: tuple[()] = ()


def text_width(text: str, *, size: float = SIZE, bold: bool = True) -> float:
    """The width a cell needs for ``text`` on one line, its padding included."""
    template.style("measure")  # registers the bundled fonts, once
    font = template.FONT_BOLD if bold else template.FONT
    return float(stringWidth(text, font, size)) + 2 * PADDING + 1


def money_chars(numbers: NumberFormat) -> int:
    """How long the largest amount is as ``numbers`` writes it (see `figure`)."""
    return len(numbers.money(LARGEST))


def money_width(numbers: NumberFormat, *, size: float = SIZE) -> float:
    """A column that holds the largest amount, in bold, as ``numbers`` writes it."""
    return text_width(numbers.money(LARGEST), size=size)


def date_width(*, size: float = SIZE) -> float:
    return text_width(DATE_SAMPLE, size=size, bold=False)


def widths(
    total: float, columns: Sequence[tuple[str, float]], fixed: Mapping[str, float]
) -> list[float]:
    """The width of each ``(heading, share)`` column: the ``fixed`` ones their own, the
    others ``total`` less those, in proportion to their shares."""
    rest = max(total - sum(fixed.get(heading, 0.0) for heading, _ in columns), 0.0)
    shares = sum(share for heading, share in columns if heading not in fixed) or 1.0
    return [
        fixed[heading] if heading in fixed else rest * share / shares for heading, share in columns
    ]


def right_style(name: str, *, bold: bool = False) -> ParagraphStyle:
    """The style of a figure wrapped in its cell: right-aligned, as the plain ones are."""
    return template.style(name, size=SIZE, bold=bold, alignment=TA_RIGHT)


def figure(
    text: str, width: float, style: ParagraphStyle, *, sized_for: int = 0
) -> str | Paragraph:
    """A formatted number as a plain cell when it fits ``width``; else a Paragraph in a
    font small enough to keep it on one line (wrapped only below 4 points). A number
    shorter than ``sized_for`` characters fits unmeasured: the column was made wide enough
    for a negative one that long, and a shorter one has no more digits."""
    if len(text) < sized_for:
        return text
    bold = style.fontName == template.FONT_BOLD
    needed = text_width(text, size=style.fontSize, bold=bold)
    if needed <= width:
        return text
    room = width - 2 * PADDING - 1
    size = max(style.fontSize * room / (needed - 2 * PADDING - 1), 4.0)
    smaller = template.style(f"{style.name}-{size:.2f}", size=size, bold=bold, alignment=TA_RIGHT)
    return Paragraph(template.markup(text), smaller)


def _wrapped(line: str, room: float) -> list[str] | None:
    """``line`` broken at spaces into lines no wider than ``room`` (None: a word is
    wider than that by itself). Widths add up: reportlab does not kern."""
    space = stringWidth(" ", template.FONT, SIZE)
    lines: list[str] = []
    words: list[str] = []
    used = 0.0
    for word in line.split(" "):
        width = stringWidth(word, template.FONT, SIZE)
        if width > room:
            return None
        if words and used + space + width > room:
            lines.append(" ".join(words))
            words, used = [], 0.0
        used += (space if words else 0.0) + width
        words.append(word)
    lines.append(" ".join(words))
    return lines


def text(
    lines: Iterable[str | None], width: float, style: ParagraphStyle
) -> str | Flowable | tuple[()]:
    """User text, a line each of ``lines`` (blank ones left out), in a cell ``width`` wide:
    plain text wrapped at spaces into a multi-line string when it may be (see the module;
    drawn as it is, the fast case), else a Paragraph in ``style``."""
    plain = [template.clean(line).replace("\n", " ") for line in lines if line]
    if not plain:
        return BLANK
    room = width - 2 * PADDING
    if all(fonts.is_plain(line) for line in plain):
        wrapped: list[str] = []
        for line in plain:
            if stringWidth(line, template.FONT, SIZE) <= room:
                wrapped.append(line)
                continue
            broken = _wrapped(line, room)
            if broken is None:
                break
            wrapped += broken
        else:
            return "\n".join(wrapped)
    return template.text("\n".join(plain), style)


def list_styles(first_money: int, last_money: int = -1) -> tuple[TableStyle, TableStyle]:
    """The table styles of a list report: its rows (amounts right-aligned from column
    ``first_money`` to ``last_money``, a light rule under each), and its sum lines (bold,
    a rule above, the label spanning the text columns before the first amount)."""
    base: list[Any] = [
        ("FONT", (0, 0), (-1, -1), template.FONT, SIZE),
        ("LEADING", (0, 0), (-1, -1), LEADING),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (first_money, 0), (last_money, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
    ]
    sums = [
        *base,
        ("FONT", (0, 0), (-1, -1), template.FONT_BOLD, SIZE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.6, colors.grey),
        ("SPAN", (0, 0), (first_money - 1, 0)),  # the label over the text columns
    ]
    return TableStyle(base), TableStyle(sums)


class ListLayout:
    """What the table-drawn list reports with amounts share: their columns' ``widths``,
    the cell and figure styles, the table styles (amounts from column ``first_money`` to
    ``last_money``), and the cells of user text and of amounts."""

    def __init__(
        self, widths: list[float], numbers: NumberFormat, first_money: int, last_money: int = -1
    ) -> None:
        self.widths = widths
        self.numbers = numbers
        self.money_chars = money_chars(numbers)
        self.cell = template.style("cell")
        self.figure = right_style("figure")
        self.bold_figure = right_style("bold_figure", bold=True)
        self.total = template.style("total", size=9, bold=True, spaceBefore=10)
        self.sum_label = template.style("sum", bold=True)
        self.rows_style, self.sum_style = list_styles(first_money, last_money)

    def table(self, rows: list[list[Any]], *, sums: bool = False) -> Table:
        """A table of ``rows`` (``sums``: total lines)."""
        style = self.sum_style if sums else self.rows_style
        return Table(rows, colWidths=self.widths, style=style, hAlign="LEFT")

    def text(self, lines: Iterable[str | None], column: int) -> Any:
        """User text, a line each of ``lines``, in ``column``."""
        return text(lines, self.widths[column], self.cell)

    def money(self, amount: Decimal | None, column: int, *, bold: bool = False) -> Any:
        """An amount in ``column`` (None: an empty cell)."""
        if amount is None:
            return BLANK
        style = self.bold_figure if bold else self.figure
        written = self.numbers.money(amount)
        return figure(written, self.widths[column], style, sized_for=self.money_chars)
