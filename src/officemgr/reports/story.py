"""What the list reports share around their rows: a story of short tables, and the last step.

A list report reads its rows in batches and lays them out as tables of a bounded number
of rows (platypus measures and splits one long table slowly), with headings, notes and
totals between them: a `TableStory`. `finish` puts the shared page around the story,
writes the PDF and says what was written::

    story = TableStory(layout.table, ROWS_PER_TABLE)
    for row in rows:
        story.add_row(layout.row(row))
    story.paragraph(f"Total: {n}", layout.total)
    return finish(out, story, header=header, paper=paper, entries=n, progress=progress)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from officemgr.reports import template
from officemgr.reports.base import Progress, ReportResult, layout_progress

Row = list[Any]
"""One table row: a cell per column."""

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

    def add_row(self, row: Row, *under: Row) -> None:
        """Add ``row``, and the rows that belong ``under`` it in the same table."""
        self._firsts.append(len(self._rows))
        self._rows.append(row)
        self._rows.extend(under)
        if len(self._rows) >= self._per_table:
            self.flush()

    def flush(self) -> None:
        """End the table being filled (nothing when no row waits): the next row starts one."""
        if self._rows:
            self._flowables.append(self._make_table(self._rows.copy(), self._firsts.copy()))
            self._rows.clear()
            self._firsts.clear()

    def add(self, *flowables: Flowable) -> None:
        """Add ``flowables`` after the rows added so far."""
        self.flush()
        self._flowables.extend(flowables)

    def paragraph(self, text: str, style: ParagraphStyle) -> None:
        """Add a Paragraph of ``text`` (markup: escape user text with `template.markup`)."""
        self.add(Paragraph(text, style))

    def flowables(self) -> list[Flowable]:
        """Everything added, the last rows as a table: the story to lay out."""
        self.flush()
        return self._flowables


def finish(
    out: Path,
    story: TableStory | list[Flowable],
    *,
    header: template.PageHeader,
    paper: str,
    entries: int,
    progress: Progress | None = None,
    check_cancel: Callable[[], None] | None = None,
    portrait: bool = False,
) -> ReportResult:
    """Lay out ``story`` on the shared page under ``header`` and write the PDF ``out``.

    Reading ``entries`` rows was the first half of the work, laying out the pages is the
    second: ``progress`` runs on to ``2 * entries`` (and is called with it at the end), and
    ``check_cancel`` may stop the report after any page. Returns what was written.
    """
    flowables = story.flowables() if isinstance(story, TableStory) else story
    after_page = None
    if check_cancel is not None or progress is not None:
        after_page = layout_progress(check_cancel or _go_on, progress, entries)
    pages = template.build(
        out, flowables, header=header, paper=paper, after_page=after_page, portrait=portrait
    )
    if progress is not None:
        progress(2 * entries, 2 * entries)
    return ReportResult(path=out, entries=entries, pages=pages)


def _go_on() -> None:
    """The cancel check of a report that cannot be cancelled."""
