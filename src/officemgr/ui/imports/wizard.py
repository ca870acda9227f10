"""File › Import…: customers and jobs in from a QuickBooks IIF, CSV or Excel file.

Three steps: the file (and what to do with a record already there), the columns (CSV
and Excel only: which column is which field, guessed from the header and saved for next
time), and a preview of exactly what the import will do — counts, new list entries,
possible duplicates with a choice for each, every problem with its line. Import backs
the company file up and writes everything in one transaction; Cancel at any step, or
during the import, leaves the file as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from officemgr.core.imports.records import OnDuplicate, ParsedFile
from officemgr.errors import OfficeMgrError
from officemgr.importing import ImportResult, read_source
from officemgr.ui.busy import BusyCancelled
from officemgr.ui.customers.fields import COLOURS
from officemgr.ui.imports.mapping_page import MappingPage
from officemgr.ui.imports.preview_page import PreviewPage
from officemgr.ui.long_operation import run_long
from officemgr.ui.operations import Operations

if TYPE_CHECKING:
    from officemgr.company import Company
    from officemgr.core.imports.tables import Table

__all__ = ["FILE_FILTER", "ImportWizard"]

FILE_FILTER = (
    "Customer lists (*.iif *.csv *.txt *.xlsx);;QuickBooks IIF (*.iif);;"
    "CSV (*.csv *.txt);;Excel workbooks (*.xlsx);;All files (*)"
)
FileFormat = Literal["iif", "csv", "xlsx"]
FILE_PAGE, MAPPING_PAGE, PREVIEW_PAGE = range(3)


class ImportWizard(QWizard):
    """The import, step by step; ``imported`` holds what was imported once it is done."""

    def __init__(self, company: Company, ops: Operations, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle("Import Customers and Jobs")
        self.company = company
        self.ops = ops
        self.table: Table | None = None  # a CSV or Excel file's rows, to be mapped
        self.parsed: ParsedFile | None = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.setPage(FILE_PAGE, self.file_page)
        self.setPage(MAPPING_PAGE, self.mapping_page)
        self.setPage(PREVIEW_PAGE, self.preview_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Import")
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.resize(820, 600)

    @property
    def on_duplicate(self) -> OnDuplicate:
        return self.file_page.on_duplicate()

    @property
    def imported(self) -> ImportResult | None:
        """What was imported (None until Import has run)."""
        return self.preview_page.result


class FilePage(QWizardPage):
    """Which file, which format, and what to do with a record already there."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle("Choose the file")
        self.setSubTitle(
            "A customer list exported from QuickBooks Desktop (File › Utilities › Export › "
            "Lists to IIF Files), or a CSV or Excel file with a header row."
        )
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("importPathEdit")
        self.path_edit.setPlaceholderText("The file to import")
        self.path_edit.textChanged.connect(self._path_changed)
        self.browse_button = QPushButton("&Browse…", self)
        self.browse_button.setObjectName("importBrowseButton")
        self.browse_button.clicked.connect(self.browse)
        self.message = QLabel(self)
        self.message.setObjectName("importFileMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {COLOURS['error']};")
        self.format_combo = _format_combo(self)
        self.duplicate_group, duplicate_box = _duplicate_choice(self)
        self._lay_out(duplicate_box)

    def _lay_out(self, duplicate_box: QWidget) -> None:
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        file_label = QLabel("&File:", self)
        file_label.setBuddy(self.path_edit)
        format_label = QLabel("F&ormat:", self)
        format_label.setBuddy(self.format_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(file_label)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(format_label)
        layout.addWidget(self.format_combo)
        layout.addSpacing(12)
        layout.addWidget(duplicate_box)
        layout.addStretch(1)

    def browse(self) -> None:
        start = self.path_edit.text() or str(Path.home())
        path, _chosen = QFileDialog.getOpenFileName(self, "Import From", start, FILE_FILTER)
        if path:
            self.path_edit.setText(path)

    def on_duplicate(self) -> OnDuplicate:
        checked = self.duplicate_group.checkedButton()
        value = checked.property("choice") if checked is not None else "skip"
        return "update" if value == "update" else "create" if value == "create" else "skip"

    def chosen_format(self) -> FileFormat | None:
        value = self.format_combo.currentData()
        return value if value in ("iif", "csv", "xlsx") else None

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        """Read the file (no company file is touched): a CSV or Excel file goes on to
        its columns, an IIF file straight to the preview."""
        path = Path(self.path_edit.text().strip()).expanduser()
        owner = self.owner
        try:
            read = run_long(
                owner.ops,
                self,
                lambda _progress, _cancelled: read_source(path, format=self.chosen_format()),
                title="Import",
                label=f"Reading {path.name}…",
            )
        except (OfficeMgrError, BusyCancelled) as error:
            self.message.setText(str(error))
            return False
        table, parsed = (None, read) if isinstance(read, ParsedFile) else (read, None)
        if table is not None and not table.rows and table.problems:
            self.message.setText(table.problems[0].message)
            return False
        if parsed is not None and not parsed.nodes:
            reason = parsed.problems[0].message if parsed.problems else "No customers in it."
            self.message.setText(reason)
            return False
        owner.table, owner.parsed = table, parsed
        self.message.clear()
        return True

    def nextId(self) -> int:
        return MAPPING_PAGE if self.owner.table is not None else PREVIEW_PAGE

    def _path_changed(self) -> None:
        self.message.clear()
        self.owner.table = None  # read again: the file or its format may differ now
        self.completeChanged.emit()


def _format_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName("importFormatCombo")
    for label, value in (
        ("Found from the file", None),
        ("QuickBooks IIF", "iif"),
        ("CSV (comma, semicolon or tab separated)", "csv"),
        ("Excel workbook (.xlsx)", "xlsx"),
    ):
        combo.addItem(label, value)
    return combo


def _duplicate_choice(parent: QWidget) -> tuple[QButtonGroup, QWidget]:
    """When a row is a customer or job already in the company file (or may be)."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(QLabel("When a customer or job is already in the company file:", box))
    group = QButtonGroup(box)
    for text, value, name in (
        ("&Leave it as it is", "skip", "skipDuplicatesRadio"),
        ("Fill its &empty fields from the file", "update", "fillDuplicatesRadio"),
        ("&Create a new customer when it only may be the same", "create", "createDuplicatesRadio"),
    ):
        radio = QRadioButton(text, box)
        radio.setObjectName(name)
        radio.setProperty("choice", value)
        group.addButton(radio)
        layout.addWidget(radio)
        radio.setChecked(value == "skip")
    hint = QLabel("You can choose row by row in the preview.", box)
    hint.setEnabled(False)
    layout.addWidget(hint)
    return group, box
