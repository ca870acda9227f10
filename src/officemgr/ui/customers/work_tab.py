"""The Work Order tab of a job: Services | Stops | Inventory | Estimate & Final.

Everything here is saved as soon as it is written (never part of the form's Save), through
``co.jobs``; each write is announced on the ChangeHub as ``job_work``. The lines are read
when the tab is first shown for a job, so flipping through records costs nothing here.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from officemgr.core.choices import ESTIMATE_TYPES
from officemgr.core.records import JobFigures, NodeDetail, StopRecord
from officemgr.errors import OfficeMgrError
from officemgr.ui.changes import Changes
from officemgr.ui.customers.read_on_show import ReadOnShowTab
from officemgr.ui.customers.tab_base import FormContext
from officemgr.ui.customers.work_lines import ERROR_STYLE, LineOps, LinesSection
from officemgr.ui.customers.work_models import (
    LineColumn,
    StopColumn,
    StopsModel,
)
from officemgr.ui.customers.work_stop_dialog import StopDialog, address_choice
from officemgr.ui.form_loader import DesignerForm
from officemgr.ui.formatting import format_money, format_quantity

ESTIMATE_TYPE_NAMES = {
    "binding": "Binding",
    "non_binding": "Non-binding",
    "not_to_exceed": "Not to exceed",
}
SERVICE_COLUMNS = (
    LineColumn("service", "Service", width=190),
    LineColumn("quantity", "Quantity", "number", width=70),
    LineColumn("unit", "Unit", width=70),
    LineColumn("rate", "Rate", "rate", width=90),
    LineColumn("amount", "Amount", "money", width=100, editable=False),
    LineColumn("notes", "Notes", width=140),
)
INVENTORY_COLUMNS = (
    LineColumn("room", "Room", width=90),
    LineColumn("item", "Item", width=160),
    LineColumn("quantity", "Quantity", "number", width=65),
    LineColumn("cubic_feet", "Cu. ft. each", "number", width=85),
    LineColumn("weight", "Lb each", "number", width=70),
    LineColumn("special_handling", "Special handling", width=130),
    LineColumn("notes", "Notes", width=140),
)
FIGURE_COLUMNS = (
    LineColumn("description", "Description", width=300, stretch=True),
    LineColumn("quantity", "Quantity", "number", width=70),
    LineColumn("rate", "Rate", "rate", width=100),
    LineColumn("amount", "Amount", "money", width=110, editable=False),
)
OVER_STYLE = "color: #b00020; font-weight: bold;"
UNDER_STYLE = "color: #1b6e20; font-weight: bold;"


def signed_money(amount: Decimal) -> str:
    return f"+{format_money(amount)}" if amount > 0 else format_money(amount)


class WorkForm(DesignerForm):
    """``forms/customer_work_tab.ui``."""

    ui_file = "customer_work_tab"
    work_hint: QLabel
    work_tabs: QTabWidget
    services_page: QWidget
    services_view: QTableView
    services_message: QLabel
    add_services_button: QPushButton
    services_remove_button: QPushButton
    services_up_button: QPushButton
    services_down_button: QPushButton
    services_total: QLabel
    stops_page: QWidget
    stops_view: QTableView
    stops_message: QLabel
    add_stops_button: QPushButton
    edit_stop_button: QPushButton
    stops_remove_button: QPushButton
    stops_up_button: QPushButton
    stops_down_button: QPushButton
    inventory_page: QWidget
    inventory_view: QTableView
    inventory_message: QLabel
    add_inventory_button: QPushButton
    inventory_remove_button: QPushButton
    inventory_up_button: QPushButton
    inventory_down_button: QPushButton
    inventory_totals: QLabel
    figures_page: QWidget
    estimate_type_combo: QComboBox
    fill_from_services_button: QPushButton
    copy_to_final_button: QPushButton
    estimate_view: QTableView
    estimate_message: QLabel
    add_estimate_button: QPushButton
    estimate_remove_button: QPushButton
    estimate_up_button: QPushButton
    estimate_down_button: QPushButton
    estimate_total: QLabel
    final_view: QTableView
    final_message: QLabel
    add_final_button: QPushButton
    final_remove_button: QPushButton
    final_up_button: QPushButton
    final_down_button: QPushButton
    final_total: QLabel
    variance_label: QLabel

    def lines(self, section: str) -> tuple[QTableView, QLabel, dict[str, QPushButton]]:
        """The table, message line and buttons (add, remove, up, down) of a lines section."""
        view, message, add, remove, up, down = {
            "services": (
                self.services_view,
                self.services_message,
                self.add_services_button,
                self.services_remove_button,
                self.services_up_button,
                self.services_down_button,
            ),
            "inventory": (
                self.inventory_view,
                self.inventory_message,
                self.add_inventory_button,
                self.inventory_remove_button,
                self.inventory_up_button,
                self.inventory_down_button,
            ),
            "estimate": (
                self.estimate_view,
                self.estimate_message,
                self.add_estimate_button,
                self.estimate_remove_button,
                self.estimate_up_button,
                self.estimate_down_button,
            ),
            "final": (
                self.final_view,
                self.final_message,
                self.add_final_button,
                self.final_remove_button,
                self.final_up_button,
                self.final_down_button,
            ),
        }[section]
        return view, message, {"add": add, "remove": remove, "up": up, "down": down}


class WorkTab(ReadOnShowTab):
    """The job's work order; `load(detail)` shows a job (nothing for customers)."""

    title = "Work Order"
    status_message = Signal(str)

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form = f = WorkForm()
        self.setObjectName("workTab")
        # In a scroll area like the other tabs, so the form's smallest size stays theirs.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(f.root)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.detail: NodeDetail | None = None
        self.job_id: int | None = None
        self.figures_shown: JobFigures | None = None

        self.tabs = f.work_tabs
        self.hint = f.work_hint
        self.services = self._section("services", SERVICE_COLUMNS)
        self.inventory = self._section("inventory", INVENTORY_COLUMNS)
        self.estimate = self._section("estimate", FIGURE_COLUMNS)
        self.final = self._section("final", FIGURE_COLUMNS)
        self.services.changed.connect(self._services_changed)
        self.inventory.changed.connect(self._inventory_changed)
        self.estimate.changed.connect(self._figures_changed)
        self.final.changed.connect(self._figures_changed)

        self.stops_model = StopsModel(self)
        self.stops_view = f.stops_view
        self.stops_message = f.stops_message
        self._setup_stops()
        self.estimate_type = f.estimate_type_combo
        self.estimate_type.addItem("Not set", None)
        for kind in ESTIMATE_TYPES:
            self.estimate_type.addItem(ESTIMATE_TYPE_NAMES[kind], kind)
        self.estimate_type.activated.connect(self._estimate_type_chosen)
        f.fill_from_services_button.clicked.connect(self.fill_from_services)
        f.copy_to_final_button.clicked.connect(self.copy_to_final)
        self.variance = f.variance_label
        ctx.hub.changed.connect(self._hub_changed)
        self._enable()

    def _section(self, name: str, columns: Sequence[LineColumn]) -> LinesSection:
        view, message, buttons = self.form.lines(name)
        return LinesSection(view, message, buttons, columns, self)

    def _setup_stops(self) -> None:
        view = self.stops_view
        view.setModel(self.stops_model)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(StopColumn.ADDRESS, QHeaderView.ResizeMode.Stretch)
        widths = {
            StopColumn.NUMBER: 32,
            StopColumn.KIND: 90,
            StopColumn.ACCESS: 230,
            StopColumn.NOTES: 170,
        }
        for column, width in widths.items():
            view.setColumnWidth(column, width)
        view.doubleClicked.connect(lambda _index: self.edit_stop())
        view.selectionModel().currentRowChanged.connect(lambda *_: self._enable_stops())
        self.stops_message.setStyleSheet(ERROR_STYLE)
        self.stops_message.hide()
        f = self.form
        f.add_stops_button.clicked.connect(self.add_stop)
        f.edit_stop_button.clicked.connect(self.edit_stop)
        f.stops_remove_button.clicked.connect(self.remove_stop)
        f.stops_up_button.clicked.connect(lambda: self.move_stop(-1))
        f.stops_down_button.clicked.connect(lambda: self.move_stop(1))

    # -- which job ---------------------------------------------------------------------

    def load(self, detail: NodeDetail) -> None:
        """Show ``detail``'s work order (read now if the tab is on screen, else when shown)."""
        self.detail = detail
        is_saved_job = detail.kind == "job" and detail.id != 0
        self.job_id = detail.id if is_saved_job else None
        self.hint.setText(
            "The work order of this job. Every change is saved as soon as you make it."
            if is_saved_job
            else "Save the new job first, then book its services, stops and inventory here."
        )
        self.read_when_shown()

    def refresh(self) -> None:
        """Read the job's lines again (all four pages)."""
        self.mark_read()
        jobs = self.ctx.company.jobs
        job = self.job_id
        if job is None:
            for section in (self.services, self.inventory, self.estimate, self.final):
                section.set_ops(None)
            self.stops_model.set_records([])
            self._show_figures(None)
        else:
            self.services.set_ops(
                LineOps(
                    fetch=lambda: jobs.services(job),
                    add=lambda: jobs.add_service(job, service="New service"),
                    update=lambda r, f, t: jobs.update_service(
                        r.id, expected_version=r.version, **{f: t}
                    ),
                    remove=lambda r: jobs.remove_service(r.id),
                    reorder=lambda ids: jobs.reorder(job, kind="services", order=ids),
                    noun="service",
                    run=self.ctx.run,
                )
            )
            self.inventory.set_ops(
                LineOps(
                    fetch=lambda: jobs.inventory(job).items,
                    add=lambda: jobs.add_inventory_item(job, item="New item"),
                    update=lambda r, f, t: jobs.update_inventory_item(
                        r.id, expected_version=r.version, **{f: t}
                    ),
                    remove=lambda r: jobs.remove_inventory_item(r.id),
                    reorder=lambda ids: jobs.reorder(job, kind="inventory", order=ids),
                    noun="item",
                    run=self.ctx.run,
                )
            )
            for phase, section in (("estimate", self.estimate), ("final", self.final)):
                section.set_ops(self._figure_ops(job, phase))
            self._reload_stops()
            self._show_figures(jobs.figures(job))
        self._show_services_total()
        self._show_inventory_totals()
        self._enable()

    def _figure_ops(self, job: int, phase: str) -> LineOps:
        jobs = self.ctx.company.jobs
        return LineOps(
            fetch=lambda: getattr(jobs.figures(job), phase),
            add=lambda: jobs.add_figure_line(job, phase=phase, description="New line"),
            update=lambda r, f, t: jobs.update_figure_line(
                r.id, expected_version=r.version, **{f: t}
            ),
            remove=lambda r: jobs.remove_figure_line(r.id),
            reorder=lambda ids: jobs.reorder(job, kind=phase, order=ids),
            noun=f"{phase} line",
            run=self.ctx.run,
        )

    def _enable(self) -> None:
        bound = self.job_id is not None
        f = self.form
        for widget in (f.estimate_type_combo, f.fill_from_services_button, f.copy_to_final_button):
            widget.setEnabled(bound)
        f.add_stops_button.setEnabled(bound)
        self._enable_stops()

    # -- after writes ----------------------------------------------------------------------

    def _tell(self, text: str | None = None) -> None:
        """Say what was saved (the core told the other views what changed)."""
        if text:
            self.status_message.emit(text)

    def _services_changed(self) -> None:
        self._show_services_total()
        self._tell()

    def _inventory_changed(self) -> None:
        self._show_inventory_totals()
        self._tell()

    def _figures_changed(self) -> None:
        if self.job_id is not None:
            self._show_figures(self.ctx.company.jobs.figures(self.job_id))
        self._tell()

    def _show_services_total(self) -> None:
        total = sum((s.amount for s in self.services.records()), Decimal(0))
        count = len(self.services.records())
        self.form.services_total.setText(
            f"{count} service{'s' if count != 1 else ''} · Total: {format_money(total)}"
        )

    def _show_inventory_totals(self) -> None:
        items = self.inventory.records()
        pieces = sum((i.quantity for i in items), Decimal(0))
        volume = sum((i.quantity * i.cubic_feet for i in items), Decimal(0))
        weight = sum((i.quantity * i.weight for i in items), Decimal(0))
        self.form.inventory_totals.setText(
            f"{format_quantity(pieces)} pieces · "
            f"{format_quantity(volume)} cu. ft. · {format_quantity(weight)} lb"
        )

    def _show_figures(self, figures: JobFigures | None) -> None:
        self.figures_shown = figures
        index = self.estimate_type.findData(figures.estimate_type if figures else None)
        self.estimate_type.setCurrentIndex(max(index, 0))
        estimate_total = figures.estimate_total if figures else Decimal(0)
        final_total = figures.final_total if figures else Decimal(0)
        self.form.estimate_total.setText(f"Estimate total: {format_money(estimate_total)}")
        self.form.final_total.setText(f"Final total: {format_money(final_total)}")
        if figures is None or figures.variance is None:
            self.variance.setStyleSheet("")
            self.variance.setText("Variance: shown once the job has an estimate and a final.")
            return
        amount = figures.variance
        percent = "" if figures.variance_percent is None else f" ({figures.variance_percent:+} %)"
        where = "over" if amount > 0 else "under" if amount < 0 else "on"
        self.variance.setText(f"Variance: {signed_money(amount)}{percent} — {where} the estimate")
        self.variance.setStyleSheet(OVER_STYLE if amount > 0 else UNDER_STYLE if amount < 0 else "")

    # -- estimate type, fill, copy ---------------------------------------------------------

    def _estimate_type_chosen(self, index: int) -> None:
        if self.job_id is None:
            return
        chosen, job, jobs = self.estimate_type.itemData(index), self.job_id, self.ctx.company.jobs
        try:
            figures = self.ctx.run(lambda: jobs.set_estimate_type(job, estimate_type=chosen))
        except OfficeMgrError as error:
            self.estimate.show_message(str(error))
            return
        self._show_figures(figures)
        self._tell("Estimate type saved.")

    def fill_from_services(self) -> None:
        """Replace the estimate lines with the requested services (asks first if any)."""
        job = self.job_id
        if job is None:
            return
        existing = len(self.estimate.records())
        if existing:
            answer = QMessageBox.question(
                self,
                "Fill from Services",
                f"Replace the {existing} estimate line{'s' if existing != 1 else ''} with "
                "the requested services?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._figures_action(
            lambda: self.ctx.company.jobs.estimate_from_services(job), self.estimate
        )

    def copy_to_final(self) -> None:
        """Start the final figures as a copy of the estimate."""
        job = self.job_id
        if job is None:
            return
        self._figures_action(lambda: self.ctx.company.jobs.final_from_estimate(job), self.final)

    def _figures_action(self, action: Any, section: LinesSection) -> None:
        try:
            figures = self.ctx.run(action)
        except OfficeMgrError as error:
            section.show_message(str(error))
            return
        self.estimate.clear_message()
        self.final.clear_message()
        self.estimate.reload()
        self.final.reload()
        self._show_figures(figures)
        self._tell("Estimate and final figures saved.")

    # -- stops -------------------------------------------------------------------------------

    def _reload_stops(self, select_id: int | None = None) -> None:
        stops = self.ctx.company.jobs.stops(self.job_id) if self.job_id is not None else []
        self.stops_model.set_records(stops)
        row = next((i for i, s in enumerate(stops) if s.id == select_id), -1)
        if row >= 0:
            self.stops_view.setCurrentIndex(self.stops_model.index(row, 0))
        self._enable_stops()

    def current_stop(self) -> StopRecord | None:
        record: StopRecord | None = self.stops_model.record(self.stops_view.currentIndex().row())
        return record

    def _enable_stops(self) -> None:
        bound = self.job_id is not None
        row = self.stops_view.currentIndex().row() if self.current_stop() is not None else -1
        f = self.form
        f.edit_stop_button.setEnabled(bound and row >= 0)
        f.stops_remove_button.setEnabled(bound and row >= 0)
        f.stops_up_button.setEnabled(bound and row > 0)
        f.stops_down_button.setEnabled(bound and 0 <= row < self.stops_model.rowCount() - 1)

    def _address_choices(self) -> list[tuple[str, Any]]:
        assert self.job_id is not None and self.detail is not None
        own = {a.id for a in (self.detail.bill_to, self.detail.work) if a is not None}
        return [
            (address_choice(a, owner_is_job=a.id in own), a)
            for a in self.ctx.company.jobs.stop_addresses(self.job_id)
        ]

    def _stop_saved(self, stop_id: int, text: str) -> None:
        self.stops_message.hide()
        self._reload_stops(select_id=stop_id)
        self._tell(text)

    def add_stop(self) -> None:
        """Add Stop…: the stop dialog; OK saves the stop at the end of the route."""
        job = self.job_id
        if job is None:
            return
        saved: list[StopRecord] = []
        jobs = self.ctx.company.jobs

        def submit(values: dict[str, Any]) -> None:
            saved.append(self.ctx.run(lambda: jobs.add_stop(job, **values)))

        StopDialog(self, self._address_choices(), None, submit).ask()
        if saved:
            self._stop_saved(saved[0].id, "Stop added and saved.")

    def edit_stop(self) -> None:
        stop = self.current_stop()
        if stop is None or self.job_id is None:
            return
        jobs = self.ctx.company.jobs
        saved: list[StopRecord] = []

        def submit(values: dict[str, Any]) -> None:
            saved.append(
                self.ctx.run(
                    lambda: jobs.update_stop(stop.id, expected_version=stop.version, **values)
                )
            )

        StopDialog(self, self._address_choices(), stop, submit).ask()
        if saved:
            self._stop_saved(stop.id, "Stop saved.")

    def remove_stop(self) -> None:
        stop = self.current_stop()
        if stop is None or self.job_id is None:
            return
        answer = QMessageBox.question(
            self,
            "Remove Stop",
            f"Remove the stop “{stop.name or stop.kind}”?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        jobs = self.ctx.company.jobs
        try:
            self.ctx.run(lambda: jobs.remove_stop(stop.id))
        except OfficeMgrError as error:
            self._stops_failed(str(error))
            return
        self._stop_saved(-1, "Stop removed.")

    def move_stop(self, step: int) -> None:
        stop = self.current_stop()
        job = self.job_id
        if stop is None or job is None:
            return
        ids = [s.id for s in self.stops_model.records()]
        row = ids.index(stop.id)
        if not 0 <= row + step < len(ids):
            return
        ids[row], ids[row + step] = ids[row + step], ids[row]
        jobs = self.ctx.company.jobs
        try:
            self.ctx.run(lambda: jobs.reorder(job, kind="stops", order=ids))
        except OfficeMgrError as error:
            self._stops_failed(str(error))
            return
        self._stop_saved(stop.id, "Stops reordered.")

    def _stops_failed(self, text: str) -> None:
        self.stops_message.setText(text)
        self.stops_message.show()
        self._reload_stops()

    # -- changes made elsewhere ------------------------------------------------------------

    def _hub_changed(self, changes: Changes, initiator: object) -> None:
        if initiator is self.ctx.initiator or not changes.job_work:
            return
        if self.job_id is not None and changes.node_id in (None, self.job_id):
            self.read_when_shown()
