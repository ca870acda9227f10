"""Customers › Merge… and Find Duplicates…: two records of one customer made one.

The Merge dialog shows the two customers side by side, only where they differ; for
each such field the user keeps this customer's value or takes the other's. Everything
of the other customer — jobs, contacts, log, invoices, payments, pop-up notes — moves
over and it is deleted; the company file is backed up first, and a System entry on the
kept customer says what was moved and what was left behind. If another desk changed
either customer since they were shown, nothing is merged.

Find Duplicates lists the pairs of customers that share a name, a phone number or an
email address; Merge… on a pair opens the Merge dialog for it.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from officemgr.core.records import DuplicatePair, NodeDetail
from officemgr.errors import ConflictError, OfficeMgrError
from officemgr.ui.busy import BusyCancelled
from officemgr.ui.customers.merge_fields import MergeRow, compare_for_merge
from officemgr.ui.long_operation import run_long
from officemgr.ui.operations import Operations
from officemgr.ui.preferences import current_employee

if TYPE_CHECKING:
    from officemgr.company import Company

__all__ = ["ChooseCustomerDialog", "FindDuplicatesDialog", "MergeDialog"]

CHOICES_SHOWN = 50  # customers listed as the name is typed


class MergeDialog(QDialog):
    """Merge ``merge_id`` into ``keep_id``; ``merged`` is the kept customer once done."""

    def __init__(
        self,
        company: Company,
        ops: Operations,
        keep_id: int,
        merge_id: int,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle("Merge Customers")
        self.company, self.ops = company, ops
        self.kept: NodeDetail = company.customers.get(keep_id)
        self.other: NodeDetail = company.customers.get(merge_id)
        self.merged: NodeDetail | None = None
        self.choices: dict[str, QButtonGroup] = {}
        choose, filled = compare_for_merge(self.kept, self.other, company.lists.all())
        self.by_edit = QLineEdit(current_employee(), self)
        self.by_edit.setObjectName("mergeByEdit")
        self._lay_out(choose, filled)

    def _lay_out(self, choose: list[MergeRow], filled: list[MergeRow]) -> None:
        intro = QLabel(self._intro_html(), self)
        intro.setWordWrap(True)
        by_label = QLabel("Merged &by:", self)
        by_label.setBuddy(self.by_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Merge")
        self.ok_button.setObjectName("mergeOkButton")
        buttons.accepted.connect(self.do_merge)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self._choices_area(choose, filled), 1)
        layout.addWidget(by_label)
        layout.addWidget(self.by_edit)
        layout.addWidget(buttons)
        self.resize(760, 560)

    def _intro_html(self) -> str:
        kept, other = escape(self.kept.full_name), escape(self.other.full_name)
        return (
            f"<b>“{other}” is merged into “{kept}”</b>: its jobs, contacts, contact log, "
            f"invoices, payments and pop-up notes move to “{kept}”, and “{other}” is "
            "deleted. The company file is backed up first. Where the two differ, choose "
            "which value the customer keeps:"
        )

    def _choices_area(self, choose: list[MergeRow], filled: list[MergeRow]) -> QScrollArea:
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        for column, text in enumerate(("", self.kept.full_name, self.other.full_name)):
            heading = QLabel(f"<b>{escape(text)}</b>", grid_widget)
            grid.addWidget(heading, 0, column)
        for row, item in enumerate(choose, start=1):
            grid.addWidget(QLabel(item.label + ":", grid_widget), row, 0)
            group = QButtonGroup(grid_widget)
            for column, text in ((1, item.kept), (2, item.merged)):
                radio = QRadioButton(text.replace("\n", ", ") or "(empty)", grid_widget)
                radio.setObjectName(f"merge_{item.field}_{'kept' if column == 1 else 'other'}")
                group.addButton(radio, column)
                grid.addWidget(radio, row, column)
            group.button(1).setChecked(True)
            self.choices[item.field] = group
        if filled:
            names = ", ".join(escape(item.label) for item in filled)
            note = QLabel(f"Filled in from “{escape(self.other.full_name)}”: {names}.")
            note.setWordWrap(True)
            grid.addWidget(note, len(choose) + 1, 0, 1, 3)
        if not choose:
            grid.addWidget(QLabel("The two do not differ in any field."), 1, 0, 1, 3)
        grid.setRowStretch(len(choose) + 2, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setWidget(grid_widget)
        return area

    def taken(self) -> list[str]:
        """The fields whose value comes from the merged customer."""
        return [field for field, group in self.choices.items() if group.checkedId() == 2]

    def do_merge(self) -> None:
        keep, other, take, by = self.kept, self.other, self.taken(), self.by_edit.text()
        try:
            self.merged = run_long(
                self.ops,
                self,
                lambda _progress, _cancelled: self.company.customers.merge(
                    keep=keep.id,
                    merge=other.id,
                    by=by,
                    keep_version=keep.version,
                    merge_version=other.version,
                    take=take,
                ),
                title="Merge Customers",
                label=f"Merging “{other.full_name}” into “{keep.full_name}”…",
                initiator=self,
            )
        except ConflictError as error:
            QMessageBox.warning(self, "Not Merged", f"{error}\n\nOpen Merge again to see them now.")
            self.reject()
            return
        except (OfficeMgrError, BusyCancelled) as error:
            QMessageBox.warning(self, "Not Merged", str(error))
            return
        self.accept()


class FindDuplicatesDialog(QDialog):
    """The pairs of customers that may be one; Merge… opens the Merge dialog."""

    def __init__(self, company: Company, ops: Operations, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("findDuplicatesDialog")
        self.setWindowTitle("Find Duplicates")
        self.company, self.ops = company, ops
        self.pairs: list[DuplicatePair] = []
        self.kept_ids: list[int] = []  # the customers merges kept, to open afterwards
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("duplicatePairsTable")
        self.table.setHorizontalHeaderLabels(["Customer", "May be the same as", "Because"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.merge_selected)
        self.summary = QLabel(self)
        self.summary.setObjectName("duplicatesSummary")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.merge_button = buttons.addButton("&Merge…", QDialogButtonBox.ButtonRole.ActionRole)
        self.merge_button.setObjectName("mergePairButton")
        self.merge_button.clicked.connect(self.merge_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 480)

    def look(self) -> bool:
        """Look for the pairs (a few seconds in a large company); False if it failed."""
        try:
            self.pairs = run_long(
                self.ops,
                self,
                lambda _progress, _cancelled: self.company.customers.duplicate_pairs(),
                title="Find Duplicates",
                label="Looking for customers that share a name, phone number or email…",
                read_only=True,
            )
        except (OfficeMgrError, BusyCancelled) as error:
            self.summary.setText(escape(str(error)))
            return False
        self._show_pairs()
        return True

    def _show_pairs(self) -> None:
        self.table.setRowCount(len(self.pairs))
        for row, pair in enumerate(self.pairs):
            for column, text in enumerate(
                (pair.first_name, pair.second_name, ", ".join(pair.reasons))
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        count = len(self.pairs)
        self.summary.setText(
            f"{count:,} pair{'' if count == 1 else 's'} of customers may be the same."
            if count
            else "No two active customers share a name, phone number or email address."
        )
        self.merge_button.setEnabled(bool(count))
        if count:
            self.table.selectRow(0)

    def merge_selected(self) -> MergeDialog | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.pairs):
            return None
        pair = self.pairs[row]
        dialog = MergeDialog(self.company, self.ops, pair.first_id, pair.second_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.kept_ids.append(pair.first_id)
            gone = pair.second_id
            self.pairs = [p for p in self.pairs if gone not in (p.first_id, p.second_id)]
            self._show_pairs()
        return dialog


class ChooseCustomerDialog(QDialog):
    """Which customer to merge into ``kept``: type part of a name, pick from the list."""

    def __init__(self, company: Company, kept: NodeDetail, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("chooseMergeCustomerDialog")
        self.setWindowTitle("Merge Into " + kept.full_name)
        self.company, self.kept = company, kept
        self.chosen_id: int | None = None
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("mergeSearchEdit")
        self.search_edit.setPlaceholderText("Part of the other customer's name, phone or email")
        self.search_edit.textChanged.connect(self._search)
        self.results = QTableWidget(0, 1, self)
        self.results.setObjectName("mergeCandidates")
        self.results.horizontalHeader().setVisible(False)
        self.results.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.results.verticalHeader().setVisible(False)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.doubleClicked.connect(self.accept)
        self._ids: list[int] = []
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Next…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Merge another customer into “{escape(kept.full_name)}”:"))
        layout.addWidget(self.search_edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(buttons)
        self.resize(480, 420)

    def _search(self, text: str) -> None:
        found = [
            row
            for row in self.company.customers.search(text, limit=CHOICES_SHOWN, show="all")
            if row.parent_id is None and row.id != self.kept.id
        ]
        self._ids = [row.id for row in found]
        self.results.setRowCount(len(found))
        for index, row in enumerate(found):
            self.results.setItem(index, 0, QTableWidgetItem(row.full_name))
        if found:
            self.results.selectRow(0)

    def accept(self) -> None:
        row = self.results.currentRow()
        if 0 <= row < len(self._ids):
            self.chosen_id = self._ids[row]
            super().accept()
