"""The Report Navigator: every registered report by category, its description, Open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from officemgr.reports import registry

if TYPE_CHECKING:
    from officemgr.company import Company

KEY_ROLE = Qt.ItemDataRole.UserRole


class ReportNavigator(QDialog):
    """Lists the reports; Open (or a double click) opens the chosen one's options."""

    def __init__(self, company: Company, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.company = company
        self.setObjectName("reportNavigator")
        self.setWindowTitle("Report Navigator")
        self.opened: list[QWidget] = []
        self._items: dict[str, QTreeWidgetItem] = {}
        self._categories: list[QTreeWidgetItem] = []

        self.tree = QTreeWidget()
        self.tree.setObjectName("reportTree")
        self.tree.setHeaderHidden(True)
        for category, reports in registry.by_category().items():
            top = QTreeWidgetItem([category])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for info in reports:
                child = QTreeWidgetItem([info.name])
                child.setData(0, KEY_ROLE, info.key)
                child.setToolTip(0, info.description)
                top.addChild(child)
                self._items[info.key] = child
            self.tree.addTopLevelItem(top)
            self._categories.append(top)
        self.tree.expandAll()

        self.description = QLabel()
        self.description.setObjectName("reportDescription")
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setMinimumWidth(260)

        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("&Open…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setObjectName("openReportButton")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.open_button.clicked.connect(self.open_selected)
        close.clicked.connect(self.close)

        row = QHBoxLayout()
        row.addWidget(self.tree, 1)
        row.addWidget(self.description, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)

        self.tree.currentItemChanged.connect(lambda *_: self._show_selected())
        self.tree.itemDoubleClicked.connect(lambda item, _col: self.open_selected())
        if self._items:
            self.tree.setCurrentItem(next(iter(self._items.values())))
        self._show_selected()
        self.resize(640, 380)

    def selected_key(self) -> str | None:
        item = self.tree.currentItem()
        key = item.data(0, KEY_ROLE) if item is not None else None
        return str(key) if key else None

    def select(self, key: str) -> None:
        """Make the report called ``key`` the current one."""
        self.tree.setCurrentItem(self._items[key])

    def listed(self) -> dict[str, list[str]]:
        """What the tree shows: category → report names."""
        out: dict[str, list[str]] = {}
        for top in self._categories:
            children = (top.child(j) for j in range(top.childCount()))
            out[top.text(0)] = [c.text(0) for c in children if c is not None]
        return out

    def _show_selected(self) -> None:
        key = self.selected_key()
        self.open_button.setEnabled(key is not None)
        if key is None:
            self.description.setText("Choose a report to see what it shows.")
            return
        info = registry.get(key)
        self.description.setText(f"{info.name}\n\n{info.description}")

    def open_selected(self) -> QWidget | None:
        """Open the selected report's options dialog (and return it)."""
        from officemgr.ui.reports.menu import open_report_dialog

        key = self.selected_key()
        if key is None:
            return None
        dialog = open_report_dialog(key, self.company, self.parentWidget() or self)
        self.opened.append(dialog)
        return dialog
