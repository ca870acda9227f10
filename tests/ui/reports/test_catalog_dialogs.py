"""The options dialogs built from a report's catalog entry: the report's defaults shown,
every choice reaching the report, choices kept for next time, and a fit on a small screen."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QListWidget, QSpinBox

from officemgr.reports import catalog, registry
from officemgr.ui.reports.catalog_options import CatalogOptionsDialog
from officemgr.ui.reports.menu import open_report_dialog

TIMEOUT = 30_000
CATALOG_KEYS = [key for key, entry in catalog.ENTRIES.items() if entry.options]


def _open(qtbot: Any, company: Any, key: str) -> Any:
    dialog = open_report_dialog(key, company, None)
    qtbot.addWidget(dialog)
    return dialog


def test_each_dialog_shows_the_reports_defaults_and_fits_a_small_screen(
    qtbot: Any, company: Any
) -> None:
    for key in CATALOG_KEYS:
        dialog = _open(qtbot, company, key)
        assert isinstance(dialog, CatalogOptionsDialog)
        assert dialog.options() == registry.get(key).options_type(), key
        dialog.show()
        assert dialog.width() <= 1024 and dialog.height() <= 700, key
        dialog.close()


def test_the_choices_reach_the_report_and_come_back_next_time(
    qtbot: Any, company: Any, tmp_path: Path
) -> None:
    smith = company.customers.add(name="Smith, John").id
    company.jobs.add(parent=smith, name="Furnace", status="Closed")
    company.jobs.add(parent=smith, name="Ducts", status="Pending")
    dialog = _open(qtbot, company, "jobs-by-status")
    statuses = dialog.findChild(QListWidget, "statuses")
    for row in range(statuses.count()):
        item = statuses.item(row)
        if item.text() != "Closed":
            item.setCheckState(Qt.CheckState.Unchecked)
    out = tmp_path / "closed.csv"
    with qtbot.waitSignal(dialog.report_finished, timeout=TIMEOUT):
        dialog.export(out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert [row["customer_job"] for row in csv.DictReader(handle)] == ["Smith, John:Furnace"]
    dialog.close()

    collections = _open(qtbot, company, "collections")
    collections.findChild(QSpinBox, "min_days").setValue(45)
    sort = collections.findChild(QComboBox, "sort")
    sort.setCurrentIndex(sort.findData("amount"))
    as_of = collections.findChild(QDateEdit, "as_of")
    as_of.setDate(QDate(2026, 11, 30))
    chosen = collections.options()
    assert (chosen.min_days, chosen.sort, chosen.as_of) == (45, "amount", date(2026, 11, 30))
    with qtbot.waitSignal(collections.report_finished, timeout=TIMEOUT):
        collections.save_pdf(tmp_path / "collections.pdf")
    collections.close()
    again = _open(qtbot, company, "collections").options()
    assert (again.min_days, again.sort, again.as_of) == (45, "amount", None)  # dates are not kept
