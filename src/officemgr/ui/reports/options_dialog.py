"""A report's options dialog: choose, then Preview, Save as PDF… or Print….

The base class runs the report off the GUI thread with a cancellable progress dialog;
``ContactLogOptionsDialog`` adds the Contact Log (Customer) choices and remembers them;
``OpenBalancesOptionsDialog`` the Open Balances by Customer ones.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QSettings, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from officemgr.core import choices
from officemgr.reports import ReportCancelled, registry
from officemgr.reports.base import ReportInfo
from officemgr.reports.contact_log import PERIODS, SORTS, ContactLogOptions, period_range
from officemgr.reports.open_balances import OpenBalancesOptions
from officemgr.ui.background import TaskFailure, TaskRunner
from officemgr.ui.preferences import settings_store
from officemgr.ui.reports.runner import ProgressRelay, render_report

if TYPE_CHECKING:
    from officemgr.company import Company

ANY_EMPLOYEE = "(All employees)"


class ReportOptionsDialog(QDialog):
    """Options of one report and its output buttons. Subclasses override ``options()``."""

    report_finished = Signal(str)  # the PDF written
    report_failed = Signal(str)  # why not
    report_cancelled = Signal()

    def __init__(
        self,
        info: ReportInfo,
        company: Company,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.info = info
        self.company = company
        self.company_path = str(company.path)
        self.settings = settings if settings is not None else settings_store()
        self.setWindowTitle(info.name)
        self.setObjectName("reportOptionsDialog")
        self.runner = TaskRunner(max_threads=1, parent=self)
        self.progress_dialog: QProgressDialog | None = None
        self._relay: ProgressRelay | None = None
        self._temp_dir = tempfile.TemporaryDirectory(prefix="officemgr-report-")
        self.previews: list[QWidget] = []

        self.body = QVBoxLayout()
        title = QLabel(f"<b>{info.name}</b><br>{info.description}")
        title.setWordWrap(True)
        title.setTextFormat(Qt.TextFormat.RichText)
        self.body.addWidget(title)

        self.buttons = QDialogButtonBox(self)
        self.preview_button = self._button("&Preview", "previewButton", self.preview)
        self.save_button = self._button("&Save as PDF…", "savePdfButton", self.save_pdf)
        self.print_button = self._button("P&rint…", "printButton", self.print_report)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.close)
        self.preview_button.setDefault(True)

        outer = QVBoxLayout(self)
        outer.addLayout(self.body)
        outer.addStretch(1)
        outer.addWidget(self.buttons)

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot())
        return button

    # -- what subclasses provide -------------------------------------------------------

    def options(self) -> Any:
        """The options object the dialog shows."""
        return self.info.options_type()

    def remember(self) -> None:
        """Keep the choices for next time (nothing to keep here)."""

    # -- output ---------------------------------------------------------------------------

    def preview(self) -> None:
        """Render to a temp file and show it in a preview window."""
        self.run(self._temp_pdf(), then="preview")

    def save_pdf(self, path: str | Path | None = None) -> None:
        """Render to ``path`` (asked with a file dialog when None)."""
        if path is None:
            start = str(Path.home() / f"{self.info.name}.pdf")
            chosen, _ = QFileDialog.getSaveFileName(self, "Save as PDF", start, "PDF (*.pdf)")
            if not chosen:
                return
            path = chosen
        self.run(str(path))

    def print_report(self, printer: Any = None) -> None:
        """Render to a temp file and print it (on ``printer``; the print dialog when None)."""
        self._printer = printer
        self.run(self._temp_pdf(), then="print")

    def _temp_pdf(self) -> str:
        fd, name = tempfile.mkstemp(suffix=".pdf", dir=self._temp_dir.name)
        import os

        os.close(fd)
        return name

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def run(self, out_path: str, *, then: str | None = None) -> None:
        """Start rendering to ``out_path`` on a worker thread."""
        if self.runner.busy:
            return
        try:
            options = self.options()
            options = options.checked() if hasattr(options, "checked") else options
        except Exception as error:  # a bad choice: say so, render nothing
            QMessageBox.warning(self, self.info.name, str(error))
            self.report_failed.emit(str(error))
            return
        self.remember()
        relay = ProgressRelay(self)
        self._relay = relay
        progress = QProgressDialog(f"Making {self.info.name}…", "Cancel", 0, 0, self)
        progress.setObjectName("reportProgress")
        progress.setWindowTitle(self.info.name)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoReset(False)
        progress.setAutoClose(False)
        progress.canceled.connect(self.cancel_report)
        relay.progressed.connect(self._on_progress)
        self.progress_dialog = progress
        self._set_buttons_enabled(False)
        task = self.runner.start(
            render_report,
            self.company_path,
            self.info.key,
            options,
            out_path,
            progress=relay.report,
            cancelled=relay.cancelled,
        )
        task.finished.connect(lambda path: self._done(str(path), then))
        task.failed.connect(self._failed)

    def cancel_report(self) -> None:
        """What the progress dialog's Cancel button does: the worker stops at its next check."""
        if self._relay is not None:
            self._relay.stop.set()
        if self.progress_dialog is not None:
            self.progress_dialog.cancel()

    def _on_progress(self, done: int, total: int) -> None:
        dialog = self.progress_dialog
        if dialog is None or dialog.wasCanceled():
            return
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def _end(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.hide()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        if self._relay is not None:
            self._relay.deleteLater()
            self._relay = None
        self._set_buttons_enabled(True)

    def _set_buttons_enabled(self, enabled: bool) -> None:
        for button in (self.preview_button, self.save_button, self.print_button):
            button.setEnabled(enabled)

    def _done(self, path: str, then: str | None) -> None:
        self._end()
        if then == "preview":
            self.show_preview(path)
        elif then == "print":
            self._print_file(path)
        self.report_finished.emit(path)

    def _failed(self, failure: TaskFailure) -> None:
        self._end()
        if isinstance(failure.error, ReportCancelled):
            self.report_cancelled.emit()
            return
        QMessageBox.warning(self, self.info.name, f"The report could not be made.\n\n{failure}")
        self.report_failed.emit(str(failure))

    def show_preview(self, path: str) -> QWidget:
        from officemgr.ui.reports.preview import PdfPreviewWindow

        window = PdfPreviewWindow(path, title=self.info.name, parent=self.parentWidget() or self)
        self.previews.append(window)
        window.show()
        return window

    def _print_file(self, path: str) -> None:
        from officemgr.ui.reports.preview import print_pdf_file

        print_pdf_file(path, self, printer=self._printer)

    def closeEvent(self, event: Any) -> None:
        if self.runner.busy:
            if self._relay is not None:
                self._relay.stop.set()
            self.runner.wait()
        super().closeEvent(event)


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


class ContactLogOptionsDialog(ReportOptionsDialog):
    """The Contact Log (Customer) choices; the last ones come back next time."""

    SETTINGS_GROUP = "reports/contact-log"

    def __init__(
        self,
        company: Company,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(registry.get("contact-log"), company, parent, settings=settings)
        self.setObjectName("contactLogOptionsDialog")
        self._today = today

        dates = QGroupBox("Dates")
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        for key, label in PERIODS.items():
            self.period_combo.addItem(label, key)
        self.from_edit = self._date_edit("fromDate")
        self.to_edit = self._date_edit("toDate")
        row = QHBoxLayout()
        row.addWidget(self.period_combo, 1)
        row.addWidget(QLabel("From"))
        row.addWidget(self.from_edit)
        row.addWidget(QLabel("To"))
        row.addWidget(self.to_edit)
        dates.setLayout(row)

        who = QGroupBox("Customers")
        self.all_customers = QRadioButton("&All customers")
        self.all_customers.setObjectName("allCustomers")
        self.one_customer = QRadioButton("&One customer or job:")
        self.one_customer.setObjectName("oneCustomer")
        group = QButtonGroup(self)
        group.addButton(self.all_customers)
        group.addButton(self.one_customer)
        self.customer_edit = QLineEdit()
        self.customer_edit.setObjectName("customerEdit")
        self.customer_edit.setPlaceholderText("Type a name, e.g. Smith, John")
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.customer_edit.setCompleter(completer)
        self.customer_edit.textEdited.connect(self._suggest)
        self.customer_edit.textEdited.connect(lambda _t: self.one_customer.setChecked(True))
        self.include_jobs = QCheckBox("Include its &jobs")
        self.include_jobs.setObjectName("includeJobs")
        self.include_inactive = QCheckBox("Include &inactive customers and jobs")
        self.include_inactive.setObjectName("includeInactive")
        grid = QFormLayout()
        grid.addRow(self.all_customers)
        one = QHBoxLayout()
        one.addWidget(self.one_customer)
        one.addWidget(self.customer_edit, 1)
        grid.addRow(one)
        grid.addRow(self.include_jobs)
        grid.addRow(self.include_inactive)
        who.setLayout(grid)

        what = QGroupBox("Entries")
        self.kinds_list = QListWidget()
        self.kinds_list.setObjectName("kindsList")
        for kind in choices.LOG_KINDS:
            item = QListWidgetItem(kind)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.kinds_list.addItem(item)
        rows = self.kinds_list.sizeHintForRow(0) * self.kinds_list.count()
        self.kinds_list.setFixedHeight(rows + 2 * self.kinds_list.frameWidth() + 4)
        self.employee_combo = QComboBox()
        self.employee_combo.setObjectName("employeeCombo")
        self.employee_combo.addItem(ANY_EMPLOYEE, None)
        for name in self._employee_names():
            self.employee_combo.addItem(name, name)
        self.sort_combo = QComboBox()
        self.sort_combo.setObjectName("sortCombo")
        for key, label in SORTS.items():
            self.sort_combo.addItem(f"By {label}", key)
        self.group_check = QCheckBox("&Group by customer, with counts")
        self.group_check.setObjectName("groupByCustomer")
        form = QFormLayout()
        form.addRow("Kinds:", self.kinds_list)
        form.addRow("Employee:", self.employee_combo)
        form.addRow("Sort:", self.sort_combo)
        form.addRow(self.group_check)
        what.setLayout(form)

        self.body.addWidget(dates)
        self.body.addWidget(who)
        self.body.addWidget(what)

        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.one_customer.toggled.connect(self._customer_mode_changed)
        self.restore()
        self._period_changed()
        self._customer_mode_changed()
        self.resize(560, self.sizeHint().height())

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(QDate.currentDate())
        return edit

    def _employee_names(self) -> list[str]:
        try:
            rows = self.company.lists.items(list_kind="employee")
        except Exception:  # no list: only "all employees"
            return []
        return [str(r.name) for r in rows if getattr(r, "is_active", True)]

    def _suggest(self, text: str) -> None:
        if len(text.strip()) < 1:
            return
        found = self.company.customers.search(text, limit=30, show="all")
        self._names.setStringList([row.full_name for row in found])

    def today(self) -> date:
        return self._today or date.today()

    def _period_changed(self) -> None:
        key = self.period_combo.currentData()
        custom = key == "custom"
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)
        if not custom:
            first, last = period_range(key, self.today())
            self.from_edit.setSpecialValueText("")
            if first and last:
                self.from_edit.setDate(QDate(first.year, first.month, first.day))
                self.to_edit.setDate(QDate(last.year, last.month, last.day))

    def _customer_mode_changed(self) -> None:
        one = self.one_customer.isChecked()
        self.include_jobs.setEnabled(one)

    # -- choices -------------------------------------------------------------------------

    def set_period(self, key: str) -> None:
        self.period_combo.setCurrentIndex(self.period_combo.findData(key))

    def checked_kinds(self) -> list[str]:
        items = [self.kinds_list.item(i) for i in range(self.kinds_list.count())]
        return [i.text() for i in items if i.checkState() == Qt.CheckState.Checked]

    def set_kinds(self, kinds: list[str] | tuple[str, ...]) -> None:
        wanted = set(kinds) or set(choices.LOG_KINDS)
        for i in range(self.kinds_list.count()):
            item = self.kinds_list.item(i)
            state = Qt.CheckState.Checked if item.text() in wanted else Qt.CheckState.Unchecked
            item.setCheckState(state)

    def options(self) -> ContactLogOptions:
        period = self.period_combo.currentData()
        custom = period == "custom"
        customer = self.customer_edit.text().strip()
        one = self.one_customer.isChecked() and bool(customer)
        kinds = self.checked_kinds()
        return ContactLogOptions(
            period=period,
            date_from=_day(self.from_edit) if custom else None,
            date_to=_day(self.to_edit) if custom else None,
            customers=(customer,) if one else (),
            include_jobs=one and self.include_jobs.isChecked(),
            include_inactive=self.include_inactive.isChecked(),
            kinds=() if len(kinds) == len(choices.LOG_KINDS) else tuple(kinds),
            employee=self.employee_combo.currentData(),
            sort=self.sort_combo.currentData(),
            group_by_customer=self.group_check.isChecked(),
            today=self._today,
        )

    def remember(self) -> None:
        s = self.settings
        s.beginGroup(self.SETTINGS_GROUP)
        s.setValue("period", self.period_combo.currentData())
        s.setValue("from", self.from_edit.date().toString(Qt.DateFormat.ISODate))
        s.setValue("to", self.to_edit.date().toString(Qt.DateFormat.ISODate))
        s.setValue("one_customer", self.one_customer.isChecked())
        s.setValue("customer", self.customer_edit.text().strip())
        s.setValue("include_jobs", self.include_jobs.isChecked())
        s.setValue("include_inactive", self.include_inactive.isChecked())
        s.setValue("kinds", ",".join(self.checked_kinds()))
        s.setValue("employee", self.employee_combo.currentData() or "")
        s.setValue("sort", self.sort_combo.currentData())
        s.setValue("group_by_customer", self.group_check.isChecked())
        s.endGroup()
        s.sync()

    def restore(self) -> None:
        s = self.settings
        s.beginGroup(self.SETTINGS_GROUP)
        try:

            def flag(key: str) -> bool:
                return str(s.value(key, "false")).lower() == "true"

            index = self.period_combo.findData(str(s.value("period", "all")))
            self.period_combo.setCurrentIndex(max(index, 0))
            for key, edit in (("from", self.from_edit), ("to", self.to_edit)):
                value = QDate.fromString(str(s.value(key, "")), Qt.DateFormat.ISODate)
                if value.isValid():
                    edit.setDate(value)
            (self.one_customer if flag("one_customer") else self.all_customers).setChecked(True)
            self.customer_edit.setText(str(s.value("customer", "")))
            self.include_jobs.setChecked(flag("include_jobs"))
            self.include_inactive.setChecked(flag("include_inactive"))
            kinds = [k for k in str(s.value("kinds", "")).split(",") if k]
            self.set_kinds(kinds)
            employee = self.employee_combo.findData(str(s.value("employee", "")))
            self.employee_combo.setCurrentIndex(max(employee, 0))
            sort = self.sort_combo.findData(str(s.value("sort", "date")))
            self.sort_combo.setCurrentIndex(max(sort, 0))
            self.group_check.setChecked(flag("group_by_customer"))
        finally:
            s.endGroup()


class OpenBalancesOptionsDialog(ReportOptionsDialog):
    """The Open Balances by Customer choices: as-of date, customers, zero balances."""

    SETTINGS_GROUP = "reports/open-balances"

    def __init__(
        self,
        company: Company,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(registry.get("open-balances"), company, parent, settings=settings)
        self.setObjectName("openBalancesOptionsDialog")
        self._today = today or date.today()

        when = QGroupBox("Date")
        self.as_of_edit = QDateEdit()
        self.as_of_edit.setObjectName("asOfDate")
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        self.as_of_edit.setDate(QDate(self._today.year, self._today.month, self._today.day))
        row = QFormLayout()
        row.addRow("Open balances &as of:", self.as_of_edit)
        when.setLayout(row)

        who = QGroupBox("Customers")
        self.all_customers = QRadioButton("&All customers")
        self.all_customers.setObjectName("allCustomers")
        self.chosen_customers = QRadioButton("&Only these customers or jobs:")
        self.chosen_customers.setObjectName("chosenCustomers")
        group = QButtonGroup(self)
        group.addButton(self.all_customers)
        group.addButton(self.chosen_customers)
        self.all_customers.setChecked(True)
        self.customer_edit = QLineEdit()
        self.customer_edit.setObjectName("customerEdit")
        self.customer_edit.setPlaceholderText("Type a name, e.g. Smith, John, then Add")
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.customer_edit.setCompleter(completer)
        self.customer_edit.textEdited.connect(self._suggest)
        self.customer_edit.returnPressed.connect(self.add_customer)
        self.add_button = QPushButton("A&dd")
        self.add_button.setObjectName("addCustomer")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_customer())
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setObjectName("removeCustomer")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.customers_list = QListWidget()
        self.customers_list.setObjectName("customersList")
        self.customers_list.setMaximumHeight(110)
        self.include_zero = QCheckBox("Include customers with a &zero balance")
        self.include_zero.setObjectName("includeZero")
        add_row = QHBoxLayout()
        add_row.addWidget(self.customer_edit, 1)
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.remove_button)
        grid = QFormLayout()
        grid.addRow(self.all_customers)
        grid.addRow(self.chosen_customers)
        grid.addRow(add_row)
        grid.addRow(self.customers_list)
        grid.addRow(self.include_zero)
        who.setLayout(grid)

        self.body.addWidget(when)
        self.body.addWidget(who)
        self.restore()
        self.resize(520, self.sizeHint().height())

    def _suggest(self, text: str) -> None:
        if not text.strip():
            return
        found = self.company.customers.search(text, limit=30, show="all")
        self._names.setStringList([row.full_name for row in found])

    def add_customer(self, name: str | None = None) -> None:
        """Add ``name`` (or the typed one) to the chosen customers; choosing means "only these"."""
        name = (name if name is not None else self.customer_edit.text()).strip()
        if not name:
            return
        if name.casefold() not in (n.casefold() for n in self.chosen_names()):
            self.customers_list.addItem(name)
        self.customer_edit.clear()
        self.chosen_customers.setChecked(True)

    def remove_selected(self) -> None:
        for item in self.customers_list.selectedItems():
            self.customers_list.takeItem(self.customers_list.row(item))

    def chosen_names(self) -> list[str]:
        return [self.customers_list.item(i).text() for i in range(self.customers_list.count())]

    def set_as_of(self, day: date) -> None:
        self.as_of_edit.setDate(QDate(day.year, day.month, day.day))

    def options(self) -> OpenBalancesOptions:
        chosen = self.chosen_names() if self.chosen_customers.isChecked() else []
        return OpenBalancesOptions(
            as_of=_day(self.as_of_edit),
            customers=tuple(chosen),
            include_zero=self.include_zero.isChecked(),
        )

    def remember(self) -> None:
        """Keep the customers and the zero-balance choice; the date starts at today again."""
        s = self.settings
        s.beginGroup(self.SETTINGS_GROUP)
        s.setValue("chosen", self.chosen_customers.isChecked())
        s.setValue("customers", "\n".join(self.chosen_names()))
        s.setValue("include_zero", self.include_zero.isChecked())
        s.endGroup()
        s.sync()

    def restore(self) -> None:
        s = self.settings
        s.beginGroup(self.SETTINGS_GROUP)
        try:
            for name in str(s.value("customers", "")).split("\n"):
                if name.strip():
                    self.customers_list.addItem(name.strip())
            chosen = str(s.value("chosen", "false")).lower() == "true"
            (self.chosen_customers if chosen else self.all_customers).setChecked(True)
            self.include_zero.setChecked(str(s.value("include_zero", "false")).lower() == "true")
        finally:
            s.endGroup()
