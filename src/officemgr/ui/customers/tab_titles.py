"""Tab titles that fit: "Address Info" becomes "Address" when all eight tabs of a job
would not fit the form's width (a 1024-pixel screen), rather than scroll arrows that
hide the last tabs. The full title stays in the tab's tooltip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTabWidget, QWidget


def short_title(title: str) -> str:
    return title.removesuffix(" Info")


class FittedTabTitles(QObject):
    """Watches ``tabs`` and gives its tabs their short titles while the full ones do not fit.

    Call ``fit()`` after showing or hiding a tab (the form does when it loads a record).
    """

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self.full: dict[QWidget | None, str] = {
            tabs.widget(index): tabs.tabText(index) for index in range(tabs.count())
        }
        self._fitted: tuple[int | bool, ...] = ()  # the width and the tabs on show last fitted
        tabs.installEventFilter(self)

    def _name_tabs(self, *, short: bool) -> None:
        for index in range(self.tabs.count()):
            full = self.full.get(self.tabs.widget(index), self.tabs.tabText(index))
            text = short_title(full) if short else full
            if self.tabs.tabText(index) != text:  # each new title lays the tab bar out again
                self.tabs.setTabText(index, text)
            self.tabs.setTabToolTip(index, full if short and short_title(full) != full else "")

    def fit(self, *, again: bool = False) -> None:
        """Name the tabs for the width and the tabs on show: nothing to do when neither
        changed since the last fit, unless ``again`` (a title or the font changed)."""
        tabs = self.tabs
        shown = (tabs.width(), *(tabs.isTabVisible(i) for i in range(tabs.count())))
        if shown == self._fitted and not again:
            return  # a record like the last one: its titles stay, and the tab bar's layout
        self._fitted = shown
        self._name_tabs(short=False)
        if tabs.tabBar().sizeHint().width() > tabs.width():
            self._name_tabs(short=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit(again=True)
        return False
