"""The import wizard's last step: exactly what the import will do, then Import.

The preview is the import itself, run in a transaction that is rolled back (see
``officemgr.importing``): its counts, new list entries and problems are the import's.
Possible duplicates get a choice each; "Update Preview" runs it again with them.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWizardPage,
)

from officemgr.core.imports.records import ImportReport, OnDuplicate, RowChoice
from officemgr.errors import OfficeMgrError
from officemgr.importing import ImportResult
from officemgr.ui.busy import BusyCancelled
from officemgr.ui.imports.models import ChoiceDelegate, DuplicatesModel, ProblemsModel
from officemgr.ui.long_operation import run_long

if TYPE_CHECKING:
    from officemgr.ui.imports.wizard import ImportWizard

__all__ = ["PreviewPage"]

T = TypeVar("T")

_LIST_NAMES = {
    "customer_type": "customer types",
    "terms": "terms",
    "sales_rep": "sales reps",
    "tax_code": "tax codes",
    "job_type": "job types",
    "custom_field": "custom fields",
}


class PreviewPage(QWizardPage):
    """Counts, new list entries, possible duplicates (with a choice each), problems."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.report: ImportReport | None = None
        self.result: ImportResult | None = None
        self.setTitle("Check before importing")
        self.setSubTitle("Nothing has been written yet. Import backs up the company file first.")
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.duplicates = DuplicatesModel(parent=self)
        self.duplicates.dataChanged.connect(self._choice_changed)
        self.problems = ProblemsModel(parent=self)
        self.duplicates_view = _table(self.duplicates, "duplicatesView", stretch=2)
        self.duplicates_view.setItemDelegateForColumn(DuplicatesModel.CHOICE, ChoiceDelegate(self))
        self.duplicates_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.problems_view = _table(self.problems, "problemsView", stretch=2)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("previewTabs")
        self.tabs.addTab(self.duplicates_view, "Possible duplicates")
        self.tabs.addTab(self.problems_view, "Problems")
        self.refresh_button = QPushButton("&Update Preview", self)
        self.refresh_button.setObjectName("updatePreviewButton")
        self.refresh_button.setEnabled(False)
        self.refresh_button.clicked.connect(self.run_preview)
        self._lay_out()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        self.duplicates.default = _row_default(self.owner.on_duplicate)
        self.duplicates.choices.clear()
        self.run_preview()

    def _run(self, step: Callable[..., T], label: str) -> T:
        """``step`` (the preview or the import) of the file read, with the choices made,
        behind a progress dialog on the window's operations worker."""
        parsed = self.owner.parsed
        assert parsed is not None  # this page is reached with a file read
        return run_long(
            self.owner.ops,
            self,
            lambda progress, cancelled: step(
                parsed,
                on_duplicate=self.owner.on_duplicate,
                choices=self.duplicates.choices,
                progress=progress,
                cancelled=cancelled,
            ),
            title="Import",
            label=label,
            initiator=self.owner,
        )

    def run_preview(self) -> None:
        if self.owner.parsed is None:
            return
        try:
            self.report = self._run(self.owner.company.imports.preview, "Checking every row…")
        except (OfficeMgrError, BusyCancelled) as error:
            self.report = None
            self.summary.setText(escape(str(error)))
        else:
            self._show(self.report)
        self.refresh_button.setEnabled(False)
        self.completeChanged.emit()

    def _show(self, report: ImportReport) -> None:
        self.summary.setText(_summary_html(report))
        self.duplicates.set_rows(report.possible_duplicates)
        self.problems.set_problems(report.problems)
        self.tabs.setTabText(0, f"Possible duplicates ({len(report.possible_duplicates):,})")
        self.tabs.setTabText(1, f"Problems ({len(report.problems):,})")
        if not report.possible_duplicates and report.problems:
            self.tabs.setCurrentWidget(self.problems_view)

    def isComplete(self) -> bool:
        report = self.report
        return report is not None and (report.count("create") + report.count("update")) > 0

    def validatePage(self) -> bool:
        """Import: a backup, then everything in one transaction."""
        if self.owner.parsed is None:
            return False
        try:
            self.result = self._run(self.owner.company.imports.commit, "Importing…")
        except (OfficeMgrError, BusyCancelled) as error:
            QMessageBox.warning(self, "Import", f"{error}\n\nNothing was imported.")
            return False
        report = self.result.report
        QMessageBox.information(
            self,
            "Import",
            f"Imported: {report.summary()}.\n\n"
            f"The company file as it was before is kept as {self.result.backup.name} "
            "in the backup folder.",
        )
        return True

    def _choice_changed(self) -> None:
        self.refresh_button.setEnabled(True)


def _row_default(on_duplicate: OnDuplicate) -> RowChoice:
    """The choice a possible duplicate starts with, from the first page's."""
    return "fill" if on_duplicate == "update" else on_duplicate


def _summary_html(report: ImportReport) -> str:
    lines = [f"<b>{escape(report.summary())}.</b>"]
    made = [
        f"{_LIST_NAMES.get(kind, kind)}: {escape(', '.join(names))}"
        for kind, names in report.new_list_items.items()
    ]
    if made:
        lines.append("New list entries — " + "; ".join(made) + ".")
    skipped = report.skipped_sections
    if skipped:
        parts = ", ".join(f"{n:,} {escape(name)}" for name, n in skipped.items())
        lines.append(f"Lines that are not customer lists are left out ({parts}).")
    errors = sum(1 for p in report.problems if p.severity == "error")
    if errors:
        lines.append(
            f"{errors:,} row{'' if errors == 1 else 's'} cannot be imported (see Problems)."
        )
    return "<br>".join(lines)


def _table(model: QAbstractItemModel, name: str, *, stretch: int) -> QTableView:
    """A read-only table whose column ``stretch`` (the sentence) takes the spare width;
    the short columns fit their contents and the last one can be widened by hand."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(model.columnCount() - 1, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(model.columnCount() - 1, 260)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    return view
