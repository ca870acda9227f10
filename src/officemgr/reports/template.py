"""The page every report shares, the bundled fonts, and safe text for platypus.

Each page carries the company name, the report title, the filters used, when the report
was made, column headings (optional) and "Page X of Y". The page count is known only once
every page is laid out, so the canvas keeps the pages and numbers them when it saves.

User text reaches platypus only through ``text`` / ``cell`` / ``paragraphs`` (or
``markup``, for a Paragraph that mixes it with markup of its own): escaped, so ``<b>``,
``&`` and ``<br/>`` print literally, newlines are line breaks, and each run of characters
is set in the bundled font that has them (``fonts``: DejaVu Sans, then Noto Sans for
Arabic, Hebrew, Devanagari and Thai, then Droid Sans Fallback for Chinese, Japanese and
Korean). Text to shape or to put in right-to-left order, and long text, is laid out by a
``textblock.TextBlock`` instead of a Paragraph: long text splits across pages between its
lines, with no line break that was not typed.
"""

from __future__ import annotations

import copy
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from sqlalchemy import select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.numbers import NumberFormat
from officemgr.core.outputs import written_beside
from officemgr.core.services import settings
from officemgr.errors import ValidationError
from officemgr.reports import fonts
from officemgr.reports.textblock import TextBlock

# Compressed page streams as binary, not ASCII85 text: a quarter smaller, and less time
# spent encoding every page (any PDF reader takes binary streams).
rl_config.useA85 = 0

log = logging.getLogger(__name__)

FONT = fonts.FONT  # DejaVu Sans, the primary font
FONT_BOLD = fonts.FONT_BOLD

PAPER_SIZES = {"letter": letter, "a4": A4}
MARGIN = 36.0  # half an inch
HEADER_HEIGHT = 62.0  # company, title, filters (two lines at most)
COLUMN_HEAD_HEIGHT = 14.0
FOOTER_HEIGHT = 18.0
LONG_TEXT = 2000  # characters: longer user text is a TextBlock, not a Paragraph

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def register_fonts() -> None:
    """Register the bundled DejaVu Sans (regular and bold) with reportlab, once; the
    other fonts of the chain are registered when a character needs one of them."""
    fonts.register_primary()


def style(name: str, *, size: float = 7.5, bold: bool = False, **extra: Any) -> ParagraphStyle:
    """A Paragraph style in the bundled font (registering it first)."""
    register_fonts()
    extra.setdefault("leading", size * 1.22)
    return ParagraphStyle(
        name,
        fontName=FONT_BOLD if bold else FONT,
        fontSize=size,
        splitLongWords=1,
        **extra,
    )


def group_style(*, size: float = 9) -> ParagraphStyle:
    """A group's heading (a customer, an employee, a status), kept with its first rows."""
    return style(
        "group", size=size, bold=True, spaceBefore=size * 0.85, spaceAfter=size / 3, keepWithNext=1
    )


# ------------------------------------------------------------------------------ text


def clean(text: str | None) -> str:
    """Text as it may be printed: no control characters, newlines as ``\\n``."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


def markup(text: str | None, *, bold: bool = False) -> str:
    """User text as Paragraph markup that prints exactly what was typed, each run in a
    font that has its characters (``bold``: set in a bold style or inside ``<b>``).

    Not shaped nor put in right-to-left order: for user text alone use `text`, which
    lays out Arabic, Hebrew, Devanagari and Thai itself."""
    return fonts.markup(clean(text), bold).replace("\n", "<br/>")


Pieces = str | Sequence[tuple[str | None, bool]]
"""User text for `text`: a string, or ``(text, bold)`` pieces printed one after another."""


def _pieces(content: Pieces) -> list[tuple[str, bool]]:
    if isinstance(content, str):
        return [(clean(content), False)]
    return [(clean(text), bold) for text, bold in content]


def text(content: Pieces, para_style: ParagraphStyle) -> Flowable:
    """User text as a flowable in ``para_style``: a Paragraph of `markup`, or a
    `TextBlock` when the text needs shaping or right-to-left order, or is long."""
    pieces = _pieces(content)
    if sum(len(piece) for piece, _ in pieces) > LONG_TEXT or any(
        fonts.needs_layout(piece) for piece, _ in pieces
    ):
        return TextBlock(pieces, para_style)
    bold_style = para_style.fontName == FONT_BOLD
    parts = []
    for piece, bold in pieces:
        marked = fonts.markup(piece, bold or bold_style).replace("\n", "<br/>")
        parts.append(f"<b>{marked}</b>" if bold and not bold_style and marked else marked)
    return Paragraph("".join(parts), para_style)


def cell(value: str | None, para_style: ParagraphStyle) -> str | Flowable:
    """A table cell of user text: the string itself when the cell's font (DejaVu Sans,
    regular) prints it as it is — the fast case —, else `text` in ``para_style``."""
    plain = clean(value)
    return plain if fonts.is_plain(plain) else text(plain, para_style)


def plural(n: int, one: str, many: str) -> str:
    """ "1 customer", "2,500 customers"."""
    return f"{n:,} {one if n == 1 else many}"


def paragraphs(value: str | None, para_style: ParagraphStyle) -> list[Flowable]:
    """User text of any length as flowables that split across pages (none when blank):
    long text is one `TextBlock`, wrapped once, with no break that was not typed."""
    plain = clean(value)
    if not plain.strip():
        return []
    return [text(plain.strip("\n"), para_style)]


# ------------------------------------------------------------------------------ page


@dataclass(frozen=True)
class PageHeader:
    company_name: str
    title: str
    filters: str  # plain text, escaped here
    made: datetime  # local time
    columns: Sequence[tuple[str, float]] = ()  # (heading, width in points), drawn per page
    right_aligned: frozenset[str] = frozenset()  # headings of number columns, drawn flush right


def headings(
    columns: Sequence[tuple[str, float]], widths: Sequence[float]
) -> list[tuple[str, float]]:
    """`PageHeader.columns` of a list's ``(heading, share)`` columns laid out at ``widths``."""
    return [(heading, width) for (heading, _), width in zip(columns, widths, strict=True)]


def page_size(paper: str, *, portrait: bool = False) -> tuple[float, float]:
    """Landscape by default (the lists are wide); an invoice is a portrait page."""
    try:
        size = PAPER_SIZES[paper.strip().lower()]
    except KeyError:
        raise ValidationError(
            f"The paper size must be letter or A4, not “{paper}”.", field="paper"
        ) from None
    return size if portrait else landscape(size)


def frame_width(paper: str, *, portrait: bool = False) -> float:
    return page_size(paper, portrait=portrait)[0] - 2 * MARGIN


HEADER_FORM = "pageHeader"


def _draw_header(canvas: Canvas, doc: BaseDocTemplate, header: PageHeader) -> None:
    """The page header: drawn once per file as a form, then placed on every page (drawing
    it on each of a 600-page report took a third of the report's time)."""
    if not canvas.hasForm(HEADER_FORM):
        canvas.beginForm(HEADER_FORM)
        _header_form(canvas, doc.pagesize, header)
        canvas.endForm()
    canvas.doForm(HEADER_FORM)


def _header_form(canvas: Canvas, size: tuple[float, float], header: PageHeader) -> None:
    width, height = size
    top = height - MARGIN
    canvas.saveState()
    company = clean(header.company_name).replace("\n", " ")[:120]
    fonts.draw_line(canvas, MARGIN, top - 9, company, 8.5)
    canvas.setFont(FONT, 8.5)
    canvas.drawRightString(width - MARGIN, top - 9, f"Made {header.made:%Y-%m-%d %H:%M}")
    fonts.draw_line(canvas, MARGIN, top - 25, clean(header.title), 13, bold=True)
    filters = text(header.filters[:600], style("filters", size=7.5, textColor=colors.dimgrey))
    _, used = filters.wrap(width - 2 * MARGIN, 30)
    if used <= 20:  # two lines at most; longer filter lists are cut above
        filters.drawOn(canvas, MARGIN, top - 31 - used)
    y = top - HEADER_HEIGHT
    canvas.setStrokeColor(colors.grey)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, y + 3, width - MARGIN, y + 3)
    if header.columns:
        canvas.setFont(FONT_BOLD, 7.5)
        x = MARGIN
        for heading, column_width in header.columns:
            if heading in header.right_aligned:  # over the numbers, which align right
                canvas.drawRightString(x + column_width - 2, y - 7, heading)
            else:
                canvas.drawString(x + 2, y - 7, heading)
            x += column_width
        canvas.line(MARGIN, y - COLUMN_HEAD_HEIGHT + 3, width - MARGIN, y - COLUMN_HEAD_HEIGHT + 3)
    canvas.restoreState()


def _numbered_canvas(pages: list[int], *, complete: bool = True) -> type[Canvas]:
    """A canvas that holds every page until ``save`` and then writes "Page X of Y" (the
    first pages of a report still being laid out say "Page X of …")."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Not reportlab's Helvetica: a font the reader must have, never embedded.
            if kwargs.get("initialFontName") is None:
                kwargs["initialFontName"] = FONT
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held) if complete else "…"
            for number, state in enumerate(self._held, 1):
                self.__dict__.update(state)
                width, _ = self._pagesize
                self.setFont(FONT, 8)
                self.drawCentredString(width / 2, MARGIN - 14, f"Page {number} of {total}")
                super().showPage()
            pages.append(len(self._held))
            super().save()

    return NumberedCanvas


FIRST_PAGES = 3
"""How many pages a preview shows while the rest of the report is laid out."""
FIRST_PAGES_FLOWABLES = 150  # more than any report puts on its first pages

FirstPages = Callable[[Path], None]
"""``first_pages(path)``: a PDF of a report's first pages is ready at ``path``."""

_first_pages: ContextVar[tuple[FirstPages, Path] | None] = ContextVar("first_pages", default=None)


@contextmanager
def showing_first_pages(ready: FirstPages, folder: Path) -> Iterator[None]:
    """Within this block (on this thread), `build` first lays out the first `FIRST_PAGES`
    pages of a longer report into a PDF of their own in ``folder`` and calls
    ``ready(path)``, so a preview can show them while the rest is laid out. A report that
    ends within those pages calls nothing: the whole of it follows at once."""
    token = _first_pages.set((ready, Path(folder)))
    try:
        yield
    finally:
        _first_pages.reset(token)


@dataclass(frozen=True)
class _Page:
    """The shared page of a report: its size, its body frame, its header."""

    size: tuple[float, float]
    top: float
    header: PageHeader

    @classmethod
    def of(cls, header: PageHeader, paper: str, portrait: bool) -> _Page:
        top = MARGIN + HEADER_HEIGHT + (COLUMN_HEAD_HEIGHT if header.columns else 0)
        return cls(page_size(paper, portrait=portrait), top, header)

    def document(self, path: Path, document_type: type[BaseDocTemplate]) -> BaseDocTemplate:
        width, height = self.size
        frame = Frame(
            MARGIN,
            MARGIN + FOOTER_HEIGHT - 14,
            width - 2 * MARGIN,
            height - self.top - MARGIN - FOOTER_HEIGHT + 14,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        doc = document_type(
            str(path),
            pagesize=self.size,
            title=self.header.title,
            author=self.header.company_name,
            creator="OfficeMgr",
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=self.top,
            bottomMargin=MARGIN,
        )
        header = self.header
        doc.addPageTemplates(
            [
                PageTemplate(
                    id="page",
                    frames=[frame],
                    onPage=lambda canvas, d: _draw_header(canvas, d, header),
                )
            ]
        )
        return doc


def first_pages_wanted() -> tuple[FirstPages, Path] | None:
    """Who wants the first pages of the report being made (`showing_first_pages`), and
    the folder to write them in; None when nobody does."""
    return _first_pages.get()


def first_pages_file(folder: Path) -> Path:
    """A new, empty file in ``folder`` for a report's first pages."""
    fd, name = tempfile.mkstemp(prefix="first-pages-", suffix=".pdf", dir=folder)
    os.close(fd)
    return Path(name)


class _Enough(Exception):
    """The first pages are laid out: stop there."""


def _write_first_pages(page: _Page, story: list[Flowable], ready: FirstPages, folder: Path) -> None:
    """Lay out the first `FIRST_PAGES` pages of ``story`` into a PDF in ``folder``; hand
    it to ``ready`` unless that was all.

    platypus sets state on the flowables it lays out (a Table laid out once will not
    split the same way again), so these pages are made of shallow copies of the story's
    first flowables (what it sets is attributes, not what they share), and the story
    itself is left for the whole report."""

    class FirstPagesDocument(BaseDocTemplate):
        enough = False  # the last of the first pages has ended

        def afterPage(self) -> None:
            self.enough = self.page >= FIRST_PAGES

        def handle_flowable(self, flowables: list[Flowable]) -> None:
            if self.enough:  # that page is shown (held by the canvas): leave the rest
                raise _Enough
            super().handle_flowable(flowables)

    try:
        path = first_pages_file(folder)
    except OSError as error:  # a full disk, a folder not writable: the report will say so
        log.warning("The first pages of a report were not written: %s", error)
        return
    doc = page.document(path, FirstPagesDocument)
    try:
        first = [copy.copy(flowable) for flowable in story[:FIRST_PAGES_FLOWABLES]]
        doc.build(first, canvasmaker=_numbered_canvas([], complete=False))
    except _Enough:
        try:
            doc.canv.save()
        except OSError as error:  # the preview goes without them; the whole report follows
            log.warning("The first pages of a report were not written: %s", error)
            path.unlink(missing_ok=True)
            return
        ready(path)
    else:  # the whole report fits in those pages (or those flowables): it follows at once
        path.unlink()


def build(
    out_path: str | Path,
    story: list[Flowable],
    *,
    header: PageHeader,
    paper: str,
    after_page: Callable[[float], None] | None = None,
    portrait: bool = False,
) -> int:
    """Lay out ``story`` on the shared page and write the PDF; returns the page count.

    The file appears only when complete (written beside it, then moved into place);
    ``after_page(fraction_of_story_done)`` may raise to stop.
    """
    register_fonts()
    page = _Page.of(header, paper, portrait)
    first_pages = first_pages_wanted()
    if first_pages is not None:
        _write_first_pages(page, story, *first_pages)
    total = max(len(story), 1)
    pages: list[int] = []

    class Document(BaseDocTemplate):
        def afterPage(self) -> None:
            if after_page is not None:
                after_page(1 - len(story) / total)

    with written_beside(Path(out_path), what="the report") as temp:
        page.document(temp, Document).build(story, canvasmaker=_numbered_canvas(pages))
    return pages[0] if pages else 0


@dataclass(frozen=True)
class Office:
    """What a report's pages take from the office's settings: the company name, the paper,
    how it writes numbers, and whether the page stands upright (an invoice)."""

    company_name: str
    paper: str
    numbers: NumberFormat
    portrait: bool = False

    @property
    def width(self) -> float:
        """The width of a page's body."""
        return frame_width(self.paper, portrait=self.portrait)


def office(session: Session, paper: str | None, *, portrait: bool = False) -> Office:
    """The office's settings for a report on ``paper`` (None: the office's paper size)."""
    company_name, chosen = office_heading(session, paper)
    return Office(company_name, chosen, office_numbers(session), portrait)


def office_heading(session: Session, paper: str | None) -> tuple[str, str]:
    """The company name for the page header and the paper size (``paper`` or the office's)."""
    settings = session.execute(
        select(m.OfficeSettings.company_name, m.OfficeSettings.paper_size)
    ).first()
    company_name = settings.company_name if settings else "My Company"
    return company_name, paper or (settings.paper_size if settings else "letter") or "letter"


def office_numbers(session: Session) -> NumberFormat:
    """How the office writes numbers (Settings › Phones & money; else the computer's)."""
    return settings.get(session).numbers
