"""A report's options dialog: choose, then Preview, Save as PDF… or Print….

The base class runs the report off the GUI thread with a cancellable progress dialog;
``CustomerOptionsDialog`` adds a customer chooser and remembers the choices, and each of
its subclasses only its own fields: ``ContactLogOptionsDialog`` the Contact Log
(Customer) choices, ``OpenBalancesOptionsDialog`` the Open Balances by Customer ones.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QDate, QEvent, QObject, QSettings, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
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
from officemgr.reports.customer_contact_list import CustomerContactListOptions
from officemgr.reports.open_balances import OpenBalancesOptions
from officemgr.ui.background import TaskFailure, TaskRunner
from officemgr.ui.preferences import settings_store
from officemgr.ui.reports.option_widgets import (
    check_box,
    combo,
    date_edit,
    day,
    flag,
    form_box,
    push_button,
    qdate,
    row,
)
from officemgr.ui.reports.runner import ProgressRelay, render_report

if TYPE_CHECKING:
    from officemgr.company import Company
    from officemgr.ui.reports.preview import PdfPreviewWindow

ANY_EMPLOYEE = "(All employees)"


EXCEL_FILTER = "Excel workbook (*.xlsx)"
CSV_FILTER = "CSV, for any spreadsheet (*.csv)"


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
        self.company_path = str(company.location)  # a server's address: never shown
        self.settings = settings if settings is not None else settings_store()
        self.setWindowTitle(info.name)
        self.setObjectName("reportOptionsDialog")
        self.runner = TaskRunner(max_threads=1, parent=self)
        self.progress_dialog: QProgressDialog | None = None
        self._relay: ProgressRelay | None = None
        self._making: PdfPreviewWindow | None = None  # a preview of the report being made
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
        self.export_button = self._button("E&xport…", "exportButton", self.export)
        self.export_button.setToolTip("The report's rows as an Excel workbook or a CSV file")
        self.export_button.setVisible(info.table is not None)
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

    def export(self, path: str | Path | None = None) -> None:
        """Write the report's rows to ``path`` (.xlsx or .csv; asked when None)."""
        if path is None:
            start = str(Path.home() / f"{self.info.name}.xlsx")
            chosen, kind = QFileDialog.getSaveFileName(
                self, "Export", start, f"{EXCEL_FILTER};;{CSV_FILTER}"
            )
            if not chosen:
                return
            wanted = ".csv" if kind == CSV_FILTER else ".xlsx"
            path = chosen if Path(chosen).suffix.lower() in (".csv", ".xlsx") else chosen + wanted
        fmt = "csv" if Path(path).suffix.lower() == ".csv" else "xlsx"
        self.run(str(path), fmt=fmt)

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

    def run(self, out_path: str, *, then: str | None = None, fmt: str = "pdf") -> None:
        """Start rendering to ``out_path`` (a PDF, or ``fmt`` "csv" or "xlsx") on a worker
        thread."""
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
        if then == "preview":  # a long report's first pages are shown while it is made
            relay.first_pages_ready.connect(self._show_first_pages)
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
            fmt=fmt,
            first_pages=relay.first_pages if then == "preview" else None,
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
        if self._making is not None:
            self._making.show_progress(done, total)
        dialog = self.progress_dialog
        if dialog is None or dialog.wasCanceled():
            return
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def _show_first_pages(self, path: str) -> None:
        """A long report's first pages are laid out: show them in the preview window,
        which carries the progress and the Cancel from here on."""
        if self.progress_dialog is None or self.progress_dialog.wasCanceled():
            return
        self.progress_dialog.hide()
        self.progress_dialog.setMinimumDuration(10**9)  # the window shows progress now
        window = self.show_preview(path, complete=False)
        window.cancel_requested.connect(self.cancel_report)
        self._making = window

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
        making, self._making = self._making, None
        self._end()
        if then == "preview" and making is not None:
            making.finish(path)
        elif then == "preview":
            self.show_preview(path)
        elif then == "print":
            self._print_file(path)
        self.report_finished.emit(path)

    def _failed(self, failure: TaskFailure) -> None:
        making, self._making = self._making, None
        if making is not None:  # its first pages are not the report: take them away
            making.complete = True  # nothing left to cancel
            making.close()
        self._end()
        if isinstance(failure.error, ReportCancelled):
            self.report_cancelled.emit()
            return
        QMessageBox.warning(self, self.info.name, f"The report could not be made.\n\n{failure}")
        self.report_failed.emit(str(failure))

    def show_preview(self, path: str, *, complete: bool = True) -> PdfPreviewWindow:
        """Show the PDF at ``path`` (``complete`` False: the first pages of a report still
        being made) in a preview window."""
        from officemgr.ui.reports.preview import PdfPreviewWindow

        window = PdfPreviewWindow(
            path, title=self.info.name, parent=self.parentWidget() or self, complete=complete
        )
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


class CustomerOptionsDialog(ReportOptionsDialog):
    """A report's choices with a customer chooser; the last choices come back next time.

    A subclass names its report (``REPORT_KEY``, ``SETTINGS_GROUP``, ``OBJECT_NAME``,
    ``WIDTH``), builds its own groups in ``build()`` (``customer_chooser`` makes the
    shared "All customers" choice and name box), and reads and writes its choices in
    ``options()``, ``save_choices()`` and ``load_choices()``.
    """

    REPORT_KEY: ClassVar[str]
    SETTINGS_GROUP: ClassVar[str]
    OBJECT_NAME: ClassVar[str]
    WIDTH: ClassVar[int] = 520

    def __init__(
        self,
        company: Company,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(registry.get(self.REPORT_KEY), company, parent, settings=settings)
        self.setObjectName(self.OBJECT_NAME)
        self._today = today
        self._names = QStringListModel(self)
        for group in self.build():
            self.body.addWidget(group)
        self.restore()
        self.resize(self.WIDTH, self.sizeHint().height())

    def today(self) -> date:
        return self._today or date.today()

    # -- what subclasses provide -------------------------------------------------------

    def build(self) -> list[QWidget]:
        """The groups of choices, top to bottom."""
        return []

    def save_choices(self, s: QSettings) -> None:
        """Write the choices to ``s`` (already in ``SETTINGS_GROUP``)."""

    def load_choices(self, s: QSettings) -> None:
        """Show the choices read from ``s`` (already in ``SETTINGS_GROUP``)."""

    # -- shared parts ----------------------------------------------------------------------

    def customer_chooser(self, choose: str, placeholder: str) -> QRadioButton:
        """Make ``all_customers``, the radio button ``choose`` (returned) beside it, and
        ``customer_edit``, whose completer suggests customers and jobs as the user types."""
        self.all_customers = QRadioButton("&All customers")
        self.all_customers.setObjectName("allCustomers")
        chosen = QRadioButton(choose)
        group = QButtonGroup(self)
        group.addButton(self.all_customers)
        group.addButton(chosen)
        self.all_customers.setChecked(True)
        self.customer_edit = QLineEdit()
        self.customer_edit.setObjectName("customerEdit")
        self.customer_edit.setPlaceholderText(placeholder)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.customer_edit.setCompleter(completer)
        self.customer_edit.textEdited.connect(self._suggest)
        return chosen

    def chosen_customers_box(self, *extra: QWidget) -> QGroupBox:
        """ "All customers" or "Only these" with a list to add names to, then ``extra``."""
        self.chosen_customers = self.customer_chooser(
            "&Only these customers or jobs:", "Type a name, e.g. Smith, John, then Add"
        )
        self.chosen_customers.setObjectName("chosenCustomers")
        # Enter on a typed name adds it, and only that: not the dialog's Preview as well.
        self.customer_edit.installEventFilter(self)
        self.add_button = push_button("A&dd", "addCustomer", self.add_customer)
        self.remove_button = push_button("&Remove", "removeCustomer", self.remove_selected)
        self.customers_list = QListWidget()
        self.customers_list.setObjectName("customersList")
        self.customers_list.setMaximumHeight(110)
        add_row = row(
            self.customer_edit, self.add_button, self.remove_button, stretch=self.customer_edit
        )
        return form_box(
            "Customers",
            self.all_customers,
            self.chosen_customers,
            add_row,
            self.customers_list,
            *extra,
        )

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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.customer_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.customer_edit.text().strip()
        ):
            self.add_customer()
            return True
        return super().eventFilter(watched, event)

    def chosen_or_all(self) -> tuple[str, ...]:
        return tuple(self.chosen_names()) if self.chosen_customers.isChecked() else ()

    def save_chosen(self, s: QSettings) -> None:
        s.setValue("chosen", self.chosen_customers.isChecked())
        s.setValue("customers", "\n".join(self.chosen_names()))

    def load_chosen(self, s: QSettings) -> None:
        for name in str(s.value("customers", "")).split("\n"):
            if name.strip():
                self.customers_list.addItem(name.strip())
        (self.chosen_customers if flag(s, "chosen") else self.all_customers).setChecked(True)

    def _suggest(self, text: str) -> None:
        if not text.strip():
            return
        found = self.company.customers.search(text, limit=30, show="all")
        self._names.setStringList([row.full_name for row in found])

    def remember(self) -> None:
        s = self.settings
        s.beginGroup(self.SETTINGS_GROUP)
        try:
            self.save_choices(s)
        finally:
            s.endGroup()
        s.sync()

    def restore(self) -> None:
        s = self.settings
        s.beginGroup(self.SETTINGS_GROUP)
        try:
            self.load_choices(s)
        finally:
            s.endGroup()


class ContactLogOptionsDialog(CustomerOptionsDialog):
    """The Contact Log (Customer) choices: dates, one customer or all, kinds, employee, sort."""

    REPORT_KEY = "contact-log"
    SETTINGS_GROUP = "reports/contact-log"
    OBJECT_NAME = "contactLogOptionsDialog"
    WIDTH = 560

    def build(self) -> list[QWidget]:
        return [self._dates_box(), self._customers_box(), self._entries_box()]

    def _dates_box(self) -> QGroupBox:
        self.period_combo = combo("periodCombo", ((v, k) for k, v in PERIODS.items()))
        self.from_edit = date_edit("fromDate", QDate.currentDate())
        self.to_edit = date_edit("toDate", QDate.currentDate())
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        box = QGroupBox("Dates")
        box.setLayout(
            row(
                self.period_combo,
                QLabel("From"),
                self.from_edit,
                QLabel("To"),
                self.to_edit,
                stretch=self.period_combo,
            )
        )
        return box

    def _customers_box(self) -> QGroupBox:
        self.one_customer = self.customer_chooser(
            "&One customer or job:", "Type a name, e.g. Smith, John"
        )
        self.one_customer.setObjectName("oneCustomer")
        self.customer_edit.textEdited.connect(lambda _t: self.one_customer.setChecked(True))
        self.include_jobs = check_box("Include its &jobs", "includeJobs")
        self.include_inactive = check_box("Include &inactive customers and jobs", "includeInactive")
        self.one_customer.toggled.connect(self._customer_mode_changed)
        one = row(self.one_customer, self.customer_edit, stretch=self.customer_edit)
        return form_box(
            "Customers", self.all_customers, one, self.include_jobs, self.include_inactive
        )

    def _entries_box(self) -> QGroupBox:
        self.kinds_list = QListWidget()
        self.kinds_list.setObjectName("kindsList")
        for kind in choices.LOG_KINDS:
            item = QListWidgetItem(kind)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.kinds_list.addItem(item)
        rows = self.kinds_list.sizeHintForRow(0) * self.kinds_list.count()
        self.kinds_list.setFixedHeight(rows + 2 * self.kinds_list.frameWidth() + 4)
        employees = [(ANY_EMPLOYEE, None)] + [(name, name) for name in self._employee_names()]
        self.employee_combo = combo("employeeCombo", employees)
        self.sort_combo = combo("sortCombo", ((f"By {v}", k) for k, v in SORTS.items()))
        self.group_check = check_box("&Group by customer, with counts", "groupByCustomer")
        return form_box(
            "Entries",
            ("Kinds:", self.kinds_list),
            ("Employee:", self.employee_combo),
            ("Sort:", self.sort_combo),
            self.group_check,
        )

    def _employee_names(self) -> list[str]:
        try:
            rows = self.company.lists.items(list_kind="employee")
        except Exception:  # no list: only "all employees"
            return []
        return [str(r.name) for r in rows if getattr(r, "is_active", True)]

    def _period_changed(self) -> None:
        key = self.period_combo.currentData()
        custom = key == "custom"
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)
        if not custom:
            first, last = period_range(key, self.today())
            self.from_edit.setSpecialValueText("")
            if first and last:
                self.from_edit.setDate(qdate(first))
                self.to_edit.setDate(qdate(last))

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
            date_from=day(self.from_edit) if custom else None,
            date_to=day(self.to_edit) if custom else None,
            customers=(customer,) if one else (),
            include_jobs=one and self.include_jobs.isChecked(),
            include_inactive=self.include_inactive.isChecked(),
            kinds=() if len(kinds) == len(choices.LOG_KINDS) else tuple(kinds),
            employee=self.employee_combo.currentData(),
            sort=self.sort_combo.currentData(),
            group_by_customer=self.group_check.isChecked(),
            today=self._today,
        )

    def save_choices(self, s: QSettings) -> None:
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

    def load_choices(self, s: QSettings) -> None:
        index = self.period_combo.findData(str(s.value("period", "all")))
        self.period_combo.setCurrentIndex(max(index, 0))
        for key, edit in (("from", self.from_edit), ("to", self.to_edit)):
            value = QDate.fromString(str(s.value(key, "")), Qt.DateFormat.ISODate)
            if value.isValid():
                edit.setDate(value)
        (self.one_customer if flag(s, "one_customer") else self.all_customers).setChecked(True)
        self.customer_edit.setText(str(s.value("customer", "")))
        self.include_jobs.setChecked(flag(s, "include_jobs"))
        self.include_inactive.setChecked(flag(s, "include_inactive"))
        self.set_kinds([k for k in str(s.value("kinds", "")).split(",") if k])
        employee = self.employee_combo.findData(str(s.value("employee", "")))
        self.employee_combo.setCurrentIndex(max(employee, 0))
        sort = self.sort_combo.findData(str(s.value("sort", "date")))
        self.sort_combo.setCurrentIndex(max(sort, 0))
        self.group_check.setChecked(flag(s, "group_by_customer"))
        self._period_changed()
        self._customer_mode_changed()


class OpenBalancesOptionsDialog(CustomerOptionsDialog):
    """The Open Balances by Customer choices: as-of date, customers, zero balances."""

    REPORT_KEY = "open-balances"
    SETTINGS_GROUP = "reports/open-balances"
    OBJECT_NAME = "openBalancesOptionsDialog"

    def build(self) -> list[QWidget]:
        self.as_of_edit = date_edit("asOfDate", qdate(self.today()))
        when = form_box("Date", ("Open balances &as of:", self.as_of_edit))
        self.include_zero = check_box("Include customers with a &zero balance", "includeZero")
        return [when, self.chosen_customers_box(self.include_zero)]

    def set_as_of(self, day: date) -> None:
        self.as_of_edit.setDate(qdate(day))

    def options(self) -> OpenBalancesOptions:
        return OpenBalancesOptions(
            as_of=day(self.as_of_edit),
            customers=self.chosen_or_all(),
            include_zero=self.include_zero.isChecked(),
        )

    def save_choices(self, s: QSettings) -> None:
        """Keep the customers and the zero-balance choice; the date starts at today again."""
        self.save_chosen(s)
        s.setValue("include_zero", self.include_zero.isChecked())

    def load_choices(self, s: QSettings) -> None:
        self.load_chosen(s)
        self.include_zero.setChecked(flag(s, "include_zero"))


class ContactListOptionsDialog(CustomerOptionsDialog):
    """The Customer Contact List choices: which customers, their jobs, inactive, prospects."""

    REPORT_KEY = "customer-contact-list"
    SETTINGS_GROUP = "reports/customer-contact-list"
    OBJECT_NAME = "contactListOptionsDialog"

    def build(self) -> list[QWidget]:
        self.include_jobs = check_box(
            "Include their &jobs (each under its customer)", "includeJobs"
        )
        self.include_inactive = check_box("Include &inactive customers and jobs", "includeInactive")
        self.prospects_only = check_box("&Prospects only", "prospectsOnly")
        return [
            self.chosen_customers_box(),
            form_box("Show", self.include_jobs, self.include_inactive, self.prospects_only),
        ]

    def options(self) -> CustomerContactListOptions:
        return CustomerContactListOptions(
            customers=self.chosen_or_all(),
            include_jobs=self.include_jobs.isChecked(),
            include_inactive=self.include_inactive.isChecked(),
            prospects_only=self.prospects_only.isChecked(),
        )

    def save_choices(self, s: QSettings) -> None:
        self.save_chosen(s)
        for key, box in self._flags().items():
            s.setValue(key, box.isChecked())

    def load_choices(self, s: QSettings) -> None:
        self.load_chosen(s)
        for key, box in self._flags().items():
            box.setChecked(flag(s, key))

    def _flags(self) -> dict[str, QCheckBox]:
        return {
            "include_jobs": self.include_jobs,
            "include_inactive": self.include_inactive,
            "prospects_only": self.prospects_only,
        }
