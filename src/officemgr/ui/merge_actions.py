"""Customers › Find Duplicates… and Merge…: the window's side of merging customers.

Merge… merges another customer, chosen by name, into the selected one; Find Duplicates…
lists the pairs that may be one customer. After a merge the kept customer is opened
(the list and the other views hear of it from the core, as of any write).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QWidget

from officemgr.errors import OfficeMgrError
from officemgr.ui.actions import make_action
from officemgr.ui.customer_actions import CustomerHost
from officemgr.ui.customers.merge_dialog import (
    ChooseCustomerDialog,
    FindDuplicatesDialog,
    MergeDialog,
)
from officemgr.ui.models.node_ref import NodeRef

__all__ = ["MergeActions"]


class MergeActions(QObject):
    """The two merge commands of the Customers menu."""

    def __init__(self, host: CustomerHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.parent_widget = parent
        self.last_dialog: QDialog | None = None  # tests read it
        self.find_duplicates_action: QAction = make_action(
            self,
            "Find &Duplicates…",
            self.find_duplicates,
            tip="List the customers that share a name, phone number or email address",
            name="findDuplicatesAction",
        )
        self.merge_action: QAction = make_action(
            self,
            "&Merge Into Selected…",
            self.merge_into_selected,
            tip="Merge another customer into the selected one: its jobs, contacts, log, "
            "invoices and payments move over",
            name="mergeAction",
        )
        self.update_enabled(None)

    def update_enabled(self, ref: NodeRef | None) -> None:
        self.merge_action.setEnabled(bool(ref and ref.is_customer))

    def find_duplicates(self) -> FindDuplicatesDialog | None:
        if not self.host.leave_record():
            return None
        dialog = FindDuplicatesDialog(self.host.company, self.host.ops, self.parent_widget)
        self.last_dialog = dialog
        if dialog.look():
            dialog.exec()
        if dialog.kept_ids:
            self.host.open_node(dialog.kept_ids[-1])
        return dialog

    def merge_into_selected(self) -> MergeDialog | None:
        ref = self.host.current_node()
        if ref is None or not ref.is_customer or not self.host.leave_record():
            return None
        company = self.host.company
        try:
            kept = company.customers.get(ref.id)
        except OfficeMgrError as error:
            self.host.show_status(str(error))
            return None
        chooser = ChooseCustomerDialog(company, kept, self.parent_widget)
        self.last_dialog = chooser
        if chooser.exec() != QDialog.DialogCode.Accepted or chooser.chosen_id is None:
            return None
        dialog = MergeDialog(company, self.host.ops, kept.id, chooser.chosen_id, self.parent_widget)
        self.last_dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.host.open_node(kept.id)
        return dialog
