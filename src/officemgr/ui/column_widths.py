"""Column widths a person sets are kept at this desk, per list and per column title.

Only what the person did is kept: dragging a column's edge, or double-clicking it to fit
the contents. Widths a list sets itself (its defaults, a stretched last column following
the window) are not, so a list's defaults can still change between versions for every
column nobody touched. Columns are named by title, so a column added or moved in a later
version does not take another's width.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView, QTreeView

from officemgr.ui.preferences import settings_store

KEY = "columns/{name}"
SMALLEST = 24  # a column dragged narrower than this is hidden in effect: not restored


def _header(view: QTableView | QTreeView) -> QHeaderView:
    return view.horizontalHeader() if isinstance(view, QTableView) else view.header()


class ColumnWidths(QObject):
    """Restores a view's saved widths now and keeps those its user sets from now on."""

    def __init__(self, view: QTableView | QTreeView, settings: QSettings | None = None) -> None:
        super().__init__(view)
        name = view.objectName()
        if not name:
            raise ValueError("a view whose widths are kept needs an object name")
        self.view = view
        self.key = KEY.format(name=name)
        self.settings = settings if settings is not None else settings_store()
        self.header = _header(view)
        self.widths = self._load()
        self._dragging = False
        self.header.viewport().installEventFilter(self)
        self.header.sectionResized.connect(self._resized)
        self.header.sectionHandleDoubleClicked.connect(self._fitted)
        # Columns that come later (the model set after this) get their widths then.
        self.header.sectionCountChanged.connect(lambda _old, _new: self.apply())
        self.apply()

    def _load(self) -> dict[str, int]:
        raw = self.settings.value(self.key, "")
        try:
            loaded = json.loads(raw) if isinstance(raw, str) and raw else {}
        except ValueError:
            return {}  # a damaged entry: the defaults, and the next drag writes it anew
        if not isinstance(loaded, dict):
            return {}
        return {
            str(title): int(width)
            for title, width in loaded.items()
            if isinstance(width, int) and width >= SMALLEST
        }

    def title_of(self, section: int) -> str:
        model = self.header.model()
        if model is None:
            return ""
        title = model.headerData(section, Qt.Orientation.Horizontal)
        return str(title).replace("&", "") if title is not None else ""

    def _kept_here(self, section: int) -> bool:
        """Whether a width of ``section`` is the user's to keep: an interactive column,
        not the last one when it stretches to fill the view."""
        if self.header.sectionResizeMode(section) != QHeaderView.ResizeMode.Interactive:
            return False
        last = self.header.logicalIndex(self.header.count() - 1)
        return not (self.header.stretchLastSection() and section == last)

    def apply(self) -> None:
        """Give the columns their saved widths (columns without one keep the default)."""
        for section in range(self.header.count()):
            width = self.widths.get(self.title_of(section))
            if width is not None and self._kept_here(section):
                self.header.resizeSection(section, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            self._dragging = True
        elif kind == QEvent.Type.MouseButtonRelease and self._dragging:
            self._dragging = False
            self._save()
        return False

    def _resized(self, section: int, _old: int, new: int) -> None:
        if self._dragging and self._kept_here(section) and new >= SMALLEST:
            self.widths[self.title_of(section)] = new

    def _fitted(self, section: int) -> None:
        # The header fits the column after this signal: read its width on the next turn.
        QTimer.singleShot(0, self, lambda: self._keep_fitted(section))

    def _keep_fitted(self, section: int) -> None:
        if self._kept_here(section):
            self.widths[self.title_of(section)] = self.header.sectionSize(section)
            self._save()

    def _save(self) -> None:
        self.settings.setValue(self.key, json.dumps(self.widths, sort_keys=True))


def keep_column_widths(
    view: QTableView | QTreeView, settings: QSettings | None = None
) -> ColumnWidths:
    """Call once the view has its model and default widths."""
    return ColumnWidths(view, settings)


class ContentFit(QObject):
    """Gives a view's columns the width of what they show, within the view.

    Columns the user has sized (`ColumnWidths`) and the stretched one are left alone.
    The others show their contents whole; when that would leave the stretched column
    less than ``stretch_room`` pixels or ``stretch_share`` of the view, the ``elastic``
    ones (names, emails: their cells elide and the tooltip has it all) give way, the
    widest first. Dates, amounts and kinds never do. Fits again after ``fit()`` (call it
    when the rows change) and when the view is resized.
    """

    def __init__(
        self,
        view: QTableView,
        *,
        elastic: Sequence[int] = (),
        stretch_room: int = 160,
        stretch_share: float = 0.0,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.header = view.horizontalHeader()
        self.elastic = set(elastic)
        self.stretch_room = stretch_room
        self.stretch_share = stretch_share
        self._measured: dict[int, int] = {}  # content widths by column, until the rows change
        view.viewport().installEventFilter(self)

    def _fitted_columns(self) -> list[int]:
        keeper = self.view.findChild(ColumnWidths)
        return [
            section
            for section in range(self.header.count())
            if not self.header.isSectionHidden(section)
            and self.header.sectionResizeMode(section) == QHeaderView.ResizeMode.Interactive
            and (keeper is None or keeper.title_of(section) not in keeper.widths)
        ]

    def _wanted(self, column: int) -> int:
        return max(self.view.sizeHintForColumn(column), self.header.sectionSizeHint(column))

    def fit(self) -> None:
        """The rows changed: measure the columns again, then share the room."""
        self._measured.clear()
        self._share()

    def _share(self) -> None:
        """Give the columns their widths in the room there is now. The contents are
        measured once per `fit` (up to a few thousand cells), not on every Resize while
        the window is dragged wider or narrower."""
        if not self.view.isVisible():
            return  # its size is not known yet: fitted when it is shown (a Resize)
        columns = self._fitted_columns()
        for column in columns:
            if column not in self._measured:  # a column shown since: measured now
                self._measured[column] = self._wanted(column)
        wanted = {column: self._measured[column] for column in columns}
        for column, width in wanted.items():
            if column not in self.elastic:
                self.header.resizeSection(column, width)
        elastic = {c: w for c, w in wanted.items() if c in self.elastic}
        taken = sum(
            self.header.sectionSize(s)
            for s in range(self.header.count())
            if s not in elastic and not self.header.isSectionHidden(s)
            and self.header.sectionResizeMode(s) != QHeaderView.ResizeMode.Stretch
        )  # fmt: skip
        width = self.view.viewport().width()
        room = width - taken - max(self.stretch_room, round(width * self.stretch_share))
        for column, width in fit_within(elastic, room, self.header.minimumSectionSize()).items():
            self.header.resizeSection(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._share()
        return False


def fit_within(wanted: dict[int, int], room: int, least: int) -> dict[int, int]:
    """``wanted`` widths cut down to ``room`` in all, the widest first: a cap lowered
    until they fit, so a short column (a date, a kind) keeps its whole width."""
    if sum(wanted.values()) <= room or not wanted:
        return dict(wanted)
    widths = sorted(wanted.values())
    cap = widths[-1]
    # The highest cap at which the columns fit: below it, every column wider is cut to it.
    for index in range(len(widths) - 1, -1, -1):
        below = sum(widths[:index])
        wider = len(widths) - index
        cap = (room - below) // wider
        if index == 0 or cap >= widths[index - 1]:
            break
    cap = max(cap, least)
    return {column: min(width, cap) for column, width in wanted.items()}
