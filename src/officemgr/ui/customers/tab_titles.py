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
        tabs.installEventFilter(self)

    def _name_tabs(self, *, short: bool) -> None:
        for index in range(self.tabs.count()):
            full = self.full.get(self.tabs.widget(index), self.tabs.tabText(index))
            self.tabs.setTabText(index, short_title(full) if short else full)
            self.tabs.setTabToolTip(index, full if short and short_title(full) != full else "")

    def fit(self) -> None:
        self._name_tabs(short=False)
        if self.tabs.tabBar().sizeHint().width() > self.tabs.width():
            self._name_tabs(short=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
