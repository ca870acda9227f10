"""The import wizard's second step (CSV and Excel): which column is which field.

Each column of the file is a row here — its header, a few of its values, and the field
it goes to, guessed from the header. The choice can be saved as a mapping file, for the
next import of the same kind of file and for ``officemgr import --mapping``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from officemgr.core.imports.mapping import CUSTOM_PREFIX, TARGETS, ColumnMapping, guess_mapping
from officemgr.errors import OfficeMgrError
from officemgr.importing import load_mapping, nodes_of, save_mapping
from officemgr.ui.customers.fields import COLOURS

if TYPE_CHECKING:
    from officemgr.core.imports.tables import Table
    from officemgr.ui.imports.wizard import ImportWizard

__all__ = ["MappingPage"]

SKIP = ""  # the combo's data for "do not import this column"
EXAMPLES = 3  # values shown beside each column
MAPPING_FILTER = "Import mappings (*.json);;All files (*)"


class MappingPage(QWizardPage):
    """Columns → fields for a CSV or Excel file."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle("Match the columns")
        self.setSubTitle(
            "Each column of the file goes to the field chosen beside it. A name column, a "
            "Customer:Job column, or first and last name columns are needed."
        )
        self.table_view = QTableWidget(0, 3, self)
        self.table_view.setObjectName("mappingTable")
        self.table_view.setHorizontalHeaderLabels(["Column in the file", "Examples", "Goes to"])
        self.table_view.verticalHeader().setVisible(False)
        self.table_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.message = QLabel(self)
        self.message.setObjectName("mappingMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {COLOURS['error']};")
        self.save_button = QPushButton("&Save Mapping…", self)
        self.save_button.setObjectName("saveMappingButton")
        self.save_button.clicked.connect(self.save)
        self.load_button = QPushButton("&Load Mapping…", self)
        self.load_button.setObjectName("loadMappingButton")
        self.load_button.clicked.connect(self.load)
        self.combos: list[QComboBox] = []
        self._lay_out()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table_view, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        table = self.owner.table
        if table is not None:
            self.show_table(table, guess_mapping(table.headers))

    def show_table(self, table: Table, mapping: ColumnMapping) -> None:
        """One row per column of ``table``, its field chosen as ``mapping`` says."""
        self.table_view.setRowCount(len(table.headers))
        self.combos = []
        for row, header in enumerate(table.headers):
            examples = [r.cells[row] for r in table.rows if row < len(r.cells) and r.cells[row]]
            self.table_view.setItem(row, 0, QTableWidgetItem(header))
            self.table_view.setItem(row, 1, QTableWidgetItem(" · ".join(examples[:EXAMPLES])))
            combo = _field_combo(header, mapping.columns.get(header, SKIP))
            combo.currentIndexChanged.connect(self.message.clear)
            self.table_view.setCellWidget(row, 2, combo)
            self.combos.append(combo)
        self.message.clear()

    def mapping(self) -> ColumnMapping:
        table = self.owner.table
        headers = table.headers if table is not None else ()
        chosen = {
            header: str(combo.currentData())
            for header, combo in zip(headers, self.combos, strict=False)
            if combo.currentData()
        }
        return ColumnMapping(chosen)

    def validatePage(self) -> bool:
        table = self.owner.table
        if table is None:
            return False
        parsed = nodes_of(table, self.mapping())
        if not parsed.nodes:
            errors = [p.message for p in parsed.problems if p.severity == "error"]
            self.message.setText(errors[0] if errors else "No row has a name to import.")
            return False
        self.owner.parsed = parsed
        return True

    def save(self) -> None:
        path, _chosen = QFileDialog.getSaveFileName(
            self, "Save Mapping", "import mapping.json", MAPPING_FILTER
        )
        if not path:
            return
        try:
            save_mapping(path, self.mapping())
        except OfficeMgrError as error:
            self.message.setText(str(error))

    def load(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(self, "Load Mapping", "", MAPPING_FILTER)
        table = self.owner.table
        if not path or table is None:
            return
        try:
            self.show_table(table, load_mapping(path))
        except OfficeMgrError as error:
            self.message.setText(str(error))


def _field_combo(header: str, chosen: str) -> QComboBox:
    """Every field a column can go to (and "a custom field named as the column")."""
    combo = QComboBox()
    combo.setObjectName("mappingFieldCombo")
    combo.setAccessibleName(f"Field for the column {header}")
    combo.addItem("(do not import)", SKIP)
    for target, label in TARGETS.items():
        combo.addItem(label, target)
    custom = f"{CUSTOM_PREFIX}{header}"
    combo.addItem(f"Custom field “{header}”", custom)
    if chosen.startswith(CUSTOM_PREFIX) and combo.findData(chosen) < 0:
        combo.addItem(f"Custom field “{chosen.removeprefix(CUSTOM_PREFIX)}”", chosen)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    return combo
