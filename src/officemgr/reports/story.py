"""What the list reports share around their rows: a story of short tables, and the last step.

A list report reads its rows in batches and lays them out as tables of a bounded number
of rows (platypus measures and splits one long table slowly), with headings, notes and
totals between them: a `TableStory`. `finish` puts the shared page around the story,
writes the PDF and says what was written::

    story = TableStory(layout.table, ROWS_PER_TABLE)
    for row in rows:
        story.add_row(layout.row(row))
    story.paragraph(f"Total: {n}", layout.total)
    return finish(out, story, office, title=TITLE, filters=filters, entries=n, progress=progress)

A grouped report starts each group with `TableStory.start_group`: the group's first table
is kept short (its heading keeps with it without pushing a whole table to the next page),
and every table and line of the group that lands at the top of a page draws the group's
"(continued)" heading first (`Continued`), until the next group or `end_groups`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from officemgr.reports import template
from officemgr.reports.base import Progress, ReportResult, layout_progress

Row = list[Any]
"""One table row: a cell per column."""

FIRST_TABLE_ROWS = 2  # rows in a group's first table, which its heading keeps with

MakeTable = Callable[[list[Row], list[int]], Flowable]
"""``make_table(rows, firsts)``: one table of ``rows``. ``firsts`` are the indices of the
rows each `TableStory.add_row` call started with (where a rule may separate them)."""


class TableStory:
    """A report's flowables, its rows gathered into tables of ``rows_per_table`` rows.

    Rows wait in a buffer; a table is made of them once it holds ``rows_per_table`` rows,
    or when anything else is added (so the story keeps the order things were added in).
    """

    def __init__(self, make_table: MakeTable, rows_per_table: int) -> None:
        self._make_table = make_table
        self._per_table = rows_per_table
        self._flowables: list[Flowable] = []
        self._rows: list[Row] = []
        self._firsts: list[int] = []
        self._continued: Flowable | None = None
        self._continued_styles: dict[str, ParagraphStyle] = {}
        self._group_rows = 0  # rows added since the group began (its first table is short)

    def add_row(self, row: Row, *under: Row) -> None:
        """Add ``row``, and the rows that belong ``under`` it in the same table."""
        self._firsts.append(len(self._rows))
        self._rows.append(row)
        self._rows.extend(under)
        self._group_rows += 1
        first_table_done = self._continued is not None and self._group_rows == FIRST_TABLE_ROWS
        if len(self._rows) >= self._per_table or first_table_done:
            self.flush()

    def flush(self) -> None:
        """End the table being filled (nothing when no row waits): the next row starts one."""
        if self._rows:
            table = self._make_table(self._rows.copy(), self._firsts.copy())
            self._flowables.append(self._in_group(table))
            self._rows.clear()
            self._firsts.clear()

    def add(self, *flowables: Flowable) -> None:
        """Add ``flowables`` after the rows added so far (in the group, if one is open)."""
        self.flush()
        self._flowables.extend(map(self._in_group, flowables))

    def start_group(self, name: str, heading_style: ParagraphStyle, *, after: str = "") -> None:
        """Begin the group of ``name`` (user text) with its heading, ``name`` and ``after``
        (say, "— 12 entries") in ``heading_style``, which should keep with what follows;
        what is added from here on says "``name`` (continued)" when it starts a page."""
        self.end_groups()
        heading = template.text([(name, False), (after, False)] if after else name, heading_style)
        self._flowables.append(heading)
        continued_style = self._continued_styles.get(heading_style.name)
        if continued_style is None:  # the heading's font, without its space around it
            continued_style = template.style(
                f"{heading_style.name}-continued",
                size=heading_style.fontSize,
                bold=heading_style.fontName == template.FONT_BOLD,
            )
            self._continued_styles[heading_style.name] = continued_style
        # Two pieces: a right-to-left name keeps its own direction, the word stays after it.
        self._continued = template.text([(name, False), (" (continued)", False)], continued_style)
        self._group_rows = 0

    def end_groups(self) -> None:
        """End the open group: what is added after it (a grand total) is nobody's."""
        self.flush()
        self._continued = None

    def _in_group(self, flowable: Flowable) -> Flowable:
        if self._continued is None:
            return flowable
        return Continued(flowable, self._continued)

    def paragraph(self, text: str, style: ParagraphStyle) -> None:
        """Add a Paragraph of ``text`` (markup: escape user text with `template.markup`)."""
        self.add(Paragraph(text, style))

    def flowables(self) -> list[Flowable]:
        """Everything added, the last rows as a table: the story to lay out."""
        self.flush()
        return self._flowables


class Continued(Flowable):
    """A flowable of a group that draws the group's "(continued)" heading above itself when
    it lands at the top of a page (the rest of a group carried over says whose it is).

    platypus sets ``_frame`` on a flowable while it wraps, splits and draws it in a frame;
    the frame's ``_atTop`` says nothing has been put in it yet.
    """

    GAP = 2.0  # points between the heading and what follows

    def __init__(self, content: Flowable, heading: Flowable) -> None:
        super().__init__()
        self.content = content
        self.heading = heading
        self._head = 0.0

    def _heading_height(self, width: float) -> float:
        frame = getattr(self, "_frame", None)
        if not getattr(frame, "_atTop", False):
            return 0.0
        _, height = self.heading.wrap(width, 1e9)
        return float(height) + self.GAP

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._head = self._heading_height(available_width)
        width, height = self.content.wrap(available_width, available_height - self._head)
        self.width, self.height = width, height + self._head
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        head = self._heading_height(available_width)
        parts = self.content.split(available_width, available_height - head)
        return [Continued(part, self.heading) for part in parts]

    def getSpaceBefore(self) -> float:
        return float(self.content.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.content.getSpaceAfter())

    def draw(self) -> None:
        if self._head:
            self.heading.drawOn(self.canv, 0, self.height - self._head + self.GAP)
        self.content.drawOn(self.canv, 0, 0)


def finish(
    out: Path,
    story: TableStory | list[Flowable],
    office: template.Office,
    *,
    title: str,
    filters: str,
    entries: int,
    columns: Sequence[tuple[str, float]] = (),
    right_aligned: Iterable[str] = (),
    made: datetime | None = None,
    progress: Progress | None = None,
    check_cancel: Callable[[], None] | None = None,
) -> ReportResult:
    """Lay out ``story`` on the shared page of ``office`` and write the PDF ``out``.

    Each page is headed by the office's name, ``title``, ``filters``, when it was
    ``made`` (now by default) and the ``columns`` (heading, width), those in
    ``right_aligned`` over numbers. Reading ``entries`` rows was the first half of the
    work, laying out the pages is the second: ``progress`` runs on to ``2 * entries`` (and
    is called with it at the end), and ``check_cancel`` may stop the report after any
    page. Returns what was written.
    """
    header = template.PageHeader(
        company_name=office.company_name,
        title=title,
        filters=filters,
        made=made or datetime.now(),
        columns=columns,
        right_aligned=frozenset(right_aligned),
    )
    flowables = story.flowables() if isinstance(story, TableStory) else story
    after_page = None
    if check_cancel is not None or progress is not None:
        after_page = layout_progress(check_cancel or _go_on, progress, entries)
    pages = template.build(
        out,
        flowables,
        header=header,
        paper=office.paper,
        after_page=after_page,
        portrait=office.portrait,
    )
    if progress is not None:
        progress(2 * entries, 2 * entries)
    return ReportResult(path=out, entries=entries, pages=pages)


def _go_on() -> None:
    """The cancel check of a report that cannot be cancelled."""
