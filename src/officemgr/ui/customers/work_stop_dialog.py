"""``forms/stop_dialog.ui``: one stop of a job — kind, address, access details, notes.

"Start from" copies an address of the job or its customer into the address fields, which
stay editable. OK hands the values to a ``submit`` callable (the service call); a value
it refuses is told in the dialog, which stays open with everything typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from officemgr.core.choices import STOP_KINDS
from officemgr.core.records import AddressRecord, StopRecord
from officemgr.errors import OfficeMgrError
from officemgr.ui.customers.work_models import STOP_KIND_NAMES
from officemgr.ui.form_loader import DesignerForm

ADDRESS_LABELS = {"bill_to": "Bill To", "work": "Work / Service"}


def address_choice(address: AddressRecord, *, owner_is_job: bool) -> str:
    """How Start from lists an address: "Bill To (customer): 12 Oak St, Dayton OH 45402"."""
    place = " ".join(p for p in (address.city, address.region, address.postal_code) if p)
    text = ", ".join(p for p in (address.line1, place) if p) or "(no street)"
    whose = "job" if owner_is_job else "customer"
    return f"{ADDRESS_LABELS.get(address.kind, address.kind)} ({whose}): {text}"


class StopForm(DesignerForm):
    """``forms/stop_dialog.ui``."""

    ui_file = "stop_dialog"
    root: QDialog
    start_from_combo: QComboBox
    stop_kind_combo: QComboBox
    line1_edit: QLineEdit
    line2_edit: QLineEdit
    city_edit: QLineEdit
    region_edit: QLineEdit
    postal_code_edit: QLineEdit
    country_edit: QLineEdit
    floor_edit: QLineEdit
    stairs_spin: QSpinBox
    elevator_check: QCheckBox
    parking_edit: QLineEdit
    stop_notes_edit: QPlainTextEdit
    stop_message: QLabel
    button_box: QDialogButtonBox

    def text_edits(self) -> dict[str, QLineEdit]:
        """The stop's text fields (the address parts first), each with its edit."""
        return {
            "line1": self.line1_edit,
            "line2": self.line2_edit,
            "city": self.city_edit,
            "region": self.region_edit,
            "postal_code": self.postal_code_edit,
            "country": self.country_edit,
            "floor": self.floor_edit,
            "parking_distance": self.parking_edit,
        }


class StopDialog:
    """Ask for a new stop or change one; `ask()` returns the values saved, or None."""

    def __init__(
        self,
        parent: QWidget | None,
        addresses: Sequence[tuple[str, AddressRecord]],
        stop: StopRecord | None,
        submit: Callable[[dict[str, Any]], Any],
    ) -> None:
        self.form = f = StopForm(parent)
        self.dialog = f.root
        self.dialog.setWindowTitle("Change Stop" if stop else "New Stop")
        self.submit = submit
        self.addresses = [address for _label, address in addresses]
        self.start_from = f.start_from_combo
        self.start_from.addItem("(type the address below)", None)
        for label, address in addresses:
            self.start_from.addItem(label, address.id)
        self.start_from.activated.connect(self._start_from)
        self.kind = f.stop_kind_combo
        for kind in STOP_KINDS:
            self.kind.addItem(STOP_KIND_NAMES[kind], kind)
        self.edits = f.text_edits()
        self.stairs = f.stairs_spin
        self.stairs.setSpecialValueText("None")
        self.elevator = f.elevator_check
        self.notes = f.stop_notes_edit
        self.message = f.stop_message
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        if stop is not None:
            self._fill(stop)
        f.button_box.accepted.connect(self._accept)
        f.button_box.rejected.connect(self.dialog.reject)
        (self.start_from if addresses and stop is None else self.kind).setFocus()

    def _fill(self, stop: StopRecord) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(stop.kind), 0))
        for field, edit in self.edits.items():
            edit.setText(getattr(stop, field) or "")
        self.stairs.setValue(stop.stairs or 0)
        self.elevator.setChecked(stop.has_elevator)
        self.notes.setPlainText(stop.notes or "")

    def _start_from(self, index: int) -> None:
        address_id = self.start_from.itemData(index)
        address = next((a for a in self.addresses if a.id == address_id), None)
        if address is None:
            return
        for field, value in address.as_dict().items():
            self.edits[field].setText(str(value or ""))

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {"kind": self.kind.currentData()}
        for field, edit in self.edits.items():
            values[field] = edit.text().strip() or None
        values["stairs"] = self.stairs.value() or None
        values["has_elevator"] = self.elevator.isChecked()
        values["notes"] = self.notes.toPlainText().strip() or None
        return values

    def _accept(self) -> None:
        try:
            self.submit(self.values())
        except OfficeMgrError as error:
            self.message.setText(str(error))
            self.message.show()
            return
        self.dialog.accept()

    def ask(self) -> dict[str, Any] | None:
        if self.dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.values()
