"""The Contact Log tab: the calls, emails, visits and system entries of a customer or job.

Entries are saved as soon as they are added or corrected, never part of the form's save.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from officemgr.core.records import LogEntryRecord, NodeDetail
from officemgr.errors import ConflictError, OfficeMgrError, ValidationError
from officemgr.ui.changes import Changes
from officemgr.ui.column_widths import ContentFit
from officemgr.ui.customers.contact_log_model import Column, ContactLogModel, when_text
from officemgr.ui.customers.log_entry_dialog import LogEntryDialog
from officemgr.ui.customers.read_on_show import ReadOnShowTab
from officemgr.ui.customers.tab_base import FormContext
from officemgr.ui.preferences import current_employee, settings_store
from officemgr.ui.reload_box import ask_reload

LIMIT = 500
INCLUDE_JOBS_KEY = "contact_log/include_jobs"


class ContactLogTab(ReadOnShowTab):
    """Lists the entries of the record shown; New Entry and Correct open `LogEntryDialog`."""

    title = "Contact Log"
    status_message = Signal(str)

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactLogTab")
        self.ctx = ctx
        self.detail: NodeDetail | None = None
        self.show_all = False
        self.model = ContactLogModel(self)
        top = self._top_row()
        self.view = self._log_view()
        # Dates and kinds whole; the subject, what a dispatcher reads, at least 20%; names
        # and employees whole when the room allows.
        self.column_fit = ContentFit(
            self.view,
            elastic=(Column.OWNER, Column.CONTACT, Column.EMPLOYEE),
            stretch_share=0.2,
        )
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("logDetailsView")
        self.details.setReadOnly(True)
        self.details.setPlaceholderText("The details of the selected entry show here.")
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        ctx.hub.changed.connect(self._hub_changed)

    def _top_row(self) -> QHBoxLayout:
        """New Entry, Correct, Include its jobs' entries, how many are shown, Show All."""
        self.include_jobs_check = QCheckBox("&Include its jobs' entries", self)
        self.include_jobs_check.setObjectName("includeJobsCheck")
        self.include_jobs_check.setChecked(
            str(settings_store().value(INCLUDE_JOBS_KEY, "true")).lower() == "true"
        )
        self.include_jobs_check.toggled.connect(self._include_jobs_toggled)
        self.new_button = QPushButton("&New Entry…", self)
        self.new_button.setObjectName("newLogEntryButton")
        self.new_button.setToolTip("Log a call, email, visit or note (Ctrl+L)")
        self.new_button.clicked.connect(self.add_entry)
        self.edit_button = QPushButton("&Correct…", self)
        self.edit_button.setObjectName("correctLogEntryButton")
        self.edit_button.clicked.connect(self.correct_entry)
        self.show_all_button = QPushButton("Show &All", self)
        self.show_all_button.setObjectName("showAllLogButton")
        self.show_all_button.clicked.connect(self._show_all)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("logCountLabel")
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        top.addSpacing(12)
        top.addWidget(self.include_jobs_check)
        top.addWidget(self.count_label, 1)
        top.addWidget(self.show_all_button)
        return top

    def _log_view(self) -> QTableView:
        view = QTableView(self)
        view.setObjectName("contactLogView")
        view.setModel(self.model)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.SUBJECT, QHeaderView.ResizeMode.Stretch)
        widths = {
            Column.WHEN: 125,
            Column.KIND: 70,
            Column.OWNER: 130,
            Column.CONTACT: 110,
            Column.EMPLOYEE: 90,
            Column.FOLLOW_UP: 85,
        }
        for column, width in widths.items():
            view.setColumnWidth(column, width)
        view.doubleClicked.connect(lambda _index: self.correct_entry())
        view.selectionModel().selectionChanged.connect(self._selected)
        return view

    # -- what is shown -----------------------------------------------------------------

    @property
    def include_jobs(self) -> bool:
        return bool(
            self.detail and self.detail.kind != "job" and self.include_jobs_check.isChecked()
        )

    def load(self, detail: NodeDetail) -> None:
        """Show ``detail``'s entries: read now if the tab is on show, else when shown (a
        dispatcher moving through the list reads only the tabs they look at)."""
        same = self.detail is not None and self.detail.id == detail.id
        self.detail = detail
        if not same:
            self.show_all = False
        self.include_jobs_check.setVisible(detail.kind != "job")
        self.read_when_shown()

    def refresh(self) -> None:
        """Read the record's entries again and show them."""
        self.mark_read()
        detail = self.detail
        saved = detail is not None and detail.id != 0
        self.new_button.setEnabled(saved)
        if detail is None or not saved:
            self.model.set_records([])
            self.count_label.setText("Save the record first, then log its calls.")
            self.show_all_button.hide()
            self._selected()
            return
        current = self.current()
        limit = None if self.show_all else LIMIT + 1
        entries = self.ctx.company.contact_log.list_for(
            detail.id, include_jobs=self.include_jobs, limit=limit
        )
        more = not self.show_all and len(entries) > LIMIT
        shown = entries[:LIMIT] if more else entries
        self.model.set_records(shown)
        self.view.setColumnHidden(Column.OWNER, not self.include_jobs)
        self.column_fit.fit()
        self.show_all_button.setVisible(more)
        self.count_label.setText(f"The latest {LIMIT} entries" if more else f"{len(shown)} entries")
        if current is not None:
            self.select(current.id)
        self._selected()

    def select(self, entry_id: int) -> None:
        for row, entry in enumerate(self.model.records()):
            if entry.id == entry_id:
                self.view.selectRow(row)
                return

    def current(self) -> LogEntryRecord | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _selected(self, *_args: QItemSelection) -> None:
        entry = self.current()
        self.edit_button.setEnabled(entry is not None and not entry.is_system)
        self.edit_button.setToolTip(
            "Entries OfficeMgr writes itself cannot be corrected; add a note instead."
            if entry is not None and entry.is_system
            else "Correct the selected entry (who and when is kept)"
        )
        if entry is None:
            self.details.clear()
            return
        head = f"{when_text(entry)} · {'System' if entry.is_system else entry.kind}"
        head += f" · {entry.node_full_name}"
        self.details.setPlainText(f"{head}\n{entry.subject}\n\n{entry.details or ''}".rstrip())

    def _include_jobs_toggled(self, checked: bool) -> None:
        settings_store().setValue(INCLUDE_JOBS_KEY, "true" if checked else "false")
        self.refresh()

    def _show_all(self) -> None:
        self.show_all = True
        self.refresh()

    def _hub_changed(self, changes: Changes, initiator: object) -> None:
        if initiator is self or not changes.contact_log or self.detail is None:
            return
        self.read_when_shown()

    # -- writing -------------------------------------------------------------------------

    def _contacts(self) -> list[str]:
        assert self.detail is not None
        return [c.name for c in self.detail.contacts]

    def add_entry(self) -> None:
        detail = self.detail
        if detail is None or not detail.id:
            return
        log = self.ctx.company.contact_log
        dialog = LogEntryDialog(
            self,
            owner_name=detail.full_name,
            contacts=self._contacts(),
            employee=current_employee(),
        )
        while dialog.exec() == LogEntryDialog.DialogCode.Accepted:
            try:
                values = dialog.values()
                entry = self.ctx.run(
                    lambda: log.add(owner=detail.id, **values),  # noqa: B023 - run at once
                    initiator=self,
                )
            except ValidationError as error:
                if error.field == "subject":
                    dialog.show_subject_error(error.message)
                else:
                    QMessageBox.warning(dialog, "Log Entry", str(error))
                continue
            except OfficeMgrError as error:
                QMessageBox.warning(dialog, "Log Entry", str(error))
                continue
            self._saved(entry.id, "Log entry saved.")
            return

    def correct_entry(self) -> None:
        entry = self.current()
        if entry is None or entry.is_system or self.detail is None:
            return
        log = self.ctx.company.contact_log
        dialog = LogEntryDialog(
            self,
            owner_name=entry.node_full_name,
            contacts=self._contacts(),
            employee=entry.employee_name or "",
            entry=entry,
            revisions=log.revisions(entry.id),
        )
        while dialog.exec() == LogEntryDialog.DialogCode.Accepted:
            values = dialog.values()
            if values["at"] == entry.at.astimezone().replace(tzinfo=None, second=0, microsecond=0):
                del values["at"]  # unchanged to the minute: keep the seconds it had
            by = current_employee()
            try:
                self.ctx.run(
                    lambda: log.correct(
                        entry.id,
                        by=by,  # noqa: B023 - run at once
                        expected_version=entry.version,
                        **values,  # noqa: B023
                    ),
                    initiator=self,
                )
            except ValidationError as error:
                if error.field == "subject":
                    dialog.show_subject_error(error.message)
                else:
                    QMessageBox.warning(dialog, "Log Entry", str(error))
                continue
            except ConflictError as error:
                if not ask_reload(dialog, "Log Entry", error):
                    continue  # back to what was typed
                self.refresh()  # their correction on show, to correct again
                self.select(entry.id)
                return
            except OfficeMgrError as error:
                QMessageBox.warning(dialog, "Log Entry", str(error))
                return
            self._saved(entry.id, "Log entry corrected.")
            return

    def _saved(self, entry_id: int, text: str) -> None:
        assert self.detail is not None
        self.refresh()
        self.select(entry_id)
        self.status_message.emit(text)
