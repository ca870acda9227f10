"""File › Export…: a list of the company out to CSV, Excel, QuickBooks IIF or vCard.

Choose the list and the format (only the formats that list has), then where; the list
is written beside the chosen file and moved into place when whole, behind a progress
dialog with Cancel, on the long reads' worker (saves at this desk go on meanwhile).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from officemgr.core import paths
from officemgr.core.exports.choices import FORMAT_NAMES, FORMATS_OF, LIST_NAMES, ExportFormat
from officemgr.errors import OfficeMgrError
from officemgr.exporting import ExportResult
from officemgr.ui.busy import BusyCancelled
from officemgr.ui.long_operation import run_long
from officemgr.ui.operations import Operations

if TYPE_CHECKING:
    from officemgr.company import Company

__all__ = ["ExportDialog"]

# The file dialog's filter for each format.
FILTERS: dict[ExportFormat, str] = {
    "csv": "CSV files (*.csv)",
    "xlsx": "Excel workbooks (*.xlsx)",
    "iif": "QuickBooks IIF files (*.iif)",
    "vcf": "vCard files (*.vcf)",
}
# How the list menu names each list.
LIST_LABELS = {
    "customers": "Customers and jobs",
    "contacts": "Contacts",
    "contact-log": "Contact log",
    "invoices": "Invoices",
    "payments": "Payments",
}


class ExportDialog(QDialog):
    """Which list, which format; ``exported`` holds what was written once it is."""

    def __init__(self, company: Company, ops: Operations, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        self.company = company
        self.ops = ops
        self.exported: ExportResult | None = None
        self.list_combo = QComboBox(self)
        self.list_combo.setObjectName("exportListCombo")
        for name in LIST_NAMES:
            self.list_combo.addItem(LIST_LABELS[name], name)
        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("exportFormatCombo")
        self.inactive_check = QCheckBox("Include &inactive customers and jobs", self)
        self.inactive_check.setObjectName("exportInactiveCheck")
        self.inactive_check.setChecked(True)
        self.list_combo.currentIndexChanged.connect(self._fill_formats)
        self._fill_formats()
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("&List:", self.list_combo)
        form.addRow("&Format:", self.format_combo)
        form.addRow("", self.inactive_check)
        hint = QLabel(
            "CSV and Excel files have one row per record and stable column names (see the "
            "README); an IIF file can be imported by QuickBooks Desktop; a vCard file by "
            "phones and mail programs.",
            self,
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Export…")
        self.ok_button.setObjectName("exportOkButton")
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _fill_formats(self) -> None:
        chosen = self.format_combo.currentData()
        self.format_combo.clear()
        for fmt in FORMATS_OF[self.list_combo.currentData()]:
            self.format_combo.addItem(FORMAT_NAMES[fmt].removeprefix("an "), fmt)
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(chosen)))

    def suggested_path(self) -> Path:
        fmt: ExportFormat = self.format_combo.currentData()
        company = self.company
        # Beside the company file; for a company on a server, in the data folder.
        beside = (
            paths.data_dir() / f"{company.url.database}{paths.COMPANY_SUFFIX}"
            if company.url is not None
            else Path(company.path)
        )
        stem = f"{beside.stem} {self.list_combo.currentData()}"
        return beside.with_name(f"{stem}.{fmt}")

    def export(self) -> None:
        """Ask where, then write (the dialog stays open when it could not be written)."""
        fmt: ExportFormat = self.format_combo.currentData()
        path, _chosen = QFileDialog.getSaveFileName(
            self, "Export To", str(self.suggested_path()), FILTERS[fmt]
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> bool:
        what = self.list_combo.currentData()
        fmt: ExportFormat = self.format_combo.currentData()
        include_inactive = self.inactive_check.isChecked()
        try:
            self.exported = run_long(
                self.ops,
                self,
                lambda progress, cancelled: self.company.exports.write(
                    path,
                    what=what,
                    format=fmt,
                    include_inactive=include_inactive,
                    progress=progress,
                    cancelled=cancelled,
                ),
                title="Export",
                label=f"Writing {path.name}…",
                read_only=True,
            )
        except (OfficeMgrError, BusyCancelled) as error:
            QMessageBox.warning(self, "Export", str(error))
            return False
        warnings = "\n".join(self.exported.warnings)
        QMessageBox.information(
            self,
            "Export",
            f"Wrote {path.name}: {self.exported.summary()}."
            + (f"\n\n{warnings}" if warnings else ""),
        )
        self.accept()
        return True
