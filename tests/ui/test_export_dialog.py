"""File › Export… driven as a bookkeeper would: a list, a format that list has, where to
write; the file is there with its header row, and company data is never overwritten."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox

from officemgr.ui.export_dialog import ExportDialog


def test_customers_go_out_as_csv_with_a_header_row(
    qtbot: Any,
    make_window: Any,
    company: Any,
    tmp_path: Path,
    answer_modal: Any,
    open_by_action: Any,
) -> None:
    smith = company.customers.add(name="Smith, John", phone="(555) 201-3344")
    company.jobs.add(parent=smith.id, name="Furnace")
    window = make_window()
    out = tmp_path / "list.csv"
    told: list[str] = []

    def steps(dialog: ExportDialog) -> None:
        formats = [dialog.format_combo.itemData(i) for i in range(dialog.format_combo.count())]
        assert formats == ["csv", "xlsx", "iif", "vcf"]
        dialog.list_combo.setCurrentIndex(dialog.list_combo.findData("invoices"))
        formats = [dialog.format_combo.itemData(i) for i in range(dialog.format_combo.count())]
        assert formats == ["csv", "xlsx"]  # only the formats that list has
        dialog.list_combo.setCurrentIndex(dialog.list_combo.findData("customers"))
        answer_modal(QMessageBox, lambda box: (told.append(box.text()), box.accept()))
        assert dialog.export_to(out)

    dialog = open_by_action(window.file_actions.export_action, ExportDialog, steps)
    assert dialog.exported is not None and dialog.exported.rows == 2
    assert told and told[0].startswith("Wrote list.csv: 1 customer and 1 job")
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("full_name,") or "full_name" in header.split(",")


def test_the_company_file_is_never_the_target(
    qtbot: Any,
    make_window: Any,
    company: Any,
    company_path: Path,
    answer_modal: Any,
    open_by_action: Any,
) -> None:
    company.customers.add(name="Smith, John")
    window = make_window()
    before = hashlib.sha256(company_path.read_bytes()).hexdigest()
    said: list[str] = []

    def steps(dialog: ExportDialog) -> None:
        answer_modal(QMessageBox, lambda box: (said.append(box.text()), box.accept()))
        assert not dialog.export_to(company_path)
        dialog.reject()

    open_by_action(window.file_actions.export_action, ExportDialog, steps)
    assert said and "company" in said[0].lower()
    assert hashlib.sha256(company_path.read_bytes()).hexdigest() == before
