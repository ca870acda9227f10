"""The Work Order tab: a dispatcher books a move — services, stops, inventory, estimate."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTableView,
)

from officemgr.ui.changes import Changes
from officemgr.ui.customers.form import CustomerJobForm

D = Decimal


@pytest.fixture
def move(company: Any) -> int:
    """A job whose own Bill To differs from its customer's (so both are offered)."""
    customer = company.customers.add(
        name="Smith, John",
        bill_to={"line1": "12 Oak St", "city": "Dayton", "region": "OH", "postal_code": "45402"},
    ).id
    return int(
        company.jobs.add(
            parent=customer,
            name="Move to Columbus",
            bill_to={"line1": "PO Box 9", "city": "Dayton", "region": "OH"},
        ).id
    )


def open_work(form: CustomerJobForm, job: int, page: str) -> Any:
    form.load(job, fire_popups=False)
    form.tabs.setCurrentWidget(form.work_tab)
    tab = form.work_tab
    pages = {"services": tab.form.services_page, "figures": tab.form.figures_page}
    tab.tabs.setCurrentWidget(pages[page])
    return tab


def type_cell(qtbot: Any, view: QTableView, row: int, column: int, text: str) -> None:
    """Open the cell's editor as F2 does, replace its text and press Enter."""
    index = view.model().index(row, column)
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(view.indexWidget(index), QLineEdit))
    editor = view.indexWidget(index)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None)


def type_new_line(qtbot: Any, tab: Any, section: Any, values: list[str]) -> None:
    """Add a line with the Add button, type its first cell, then the next cells in turn."""
    qtbot.mouseClick(section.buttons["add"], Qt.MouseButton.LeftButton)
    view = section.view
    row = section.model.rowCount() - 1
    first = section.model.index(row, 0)
    qtbot.waitUntil(lambda: isinstance(view.indexWidget(first), QLineEdit))
    editor = view.indexWidget(first)
    editor.selectAll()
    qtbot.keyClicks(editor, values[0])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(first) is None)
    for column, text in enumerate(values[1:], 1):
        if text is not None:
            type_cell(qtbot, view, row, column, text)


def shown(section: Any) -> list[list[str]]:
    model = section.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def ok(dialog: QDialog) -> None:
    dialog.findChild(QDialogButtonBox, "buttonBox").button(
        QDialogButtonBox.StandardButton.Ok
    ).click()


def yes(box: QMessageBox) -> None:
    box.button(QMessageBox.StandardButton.Yes).click()


def test_a_dispatcher_books_a_move(
    form: CustomerJobForm, company: Any, move: int, ui: Any, qtbot: Any, answer_modal: Any, hub: Any
) -> None:
    tab = open_work(form, move, "services")
    assert form.tabs.tabText(form.tabs.indexOf(tab)) == "Work Order"
    assert form.tabs.indexOf(tab) == form.tabs.indexOf(form.job_tab) + 1

    # -- requested services, typed into the cells; a bad quantity is kept and told
    services = tab.services
    with qtbot.waitSignal(hub.changed) as announced:
        type_new_line(qtbot, tab, services, ["Crew of 3", "two", "hour", "149.99"])
    assert announced.args[0] == Changes(job_work=True)  # told by the core itself
    message = tab.form.services_message
    assert message.isVisible()
    assert message.text() == (
        "Not saved: Quantity must be a number written like 1,234.56 (English (United States)); "
        "“two” is not."
    )
    assert shown(services)[0][:5] == ["Crew of 3", "two", "hour", "149.99", "149.99"]
    assert company.jobs.services(move)[0].quantity == D(1)
    type_cell(qtbot, services.view, 0, 1, "4.5")
    assert not message.isVisible()
    type_new_line(qtbot, tab, services, ["Truck, 26 ft", None, None, "145"])
    assert shown(services) == [
        ["Crew of 3", "4.5", "hour", "149.99", "674.96", ""],
        ["Truck, 26 ft", "1", "", "145.00", "145.00", ""],
    ]
    assert tab.form.services_total.text() == "2 services · Total: 819.96"
    saved = company.jobs.services(move)
    assert [(s.service, s.quantity, s.unit, s.rate) for s in saved] == [
        ("Crew of 3", D("4.5"), "hour", D("149.99")),
        ("Truck, 26 ft", D(1), None, D(145)),
    ]

    # -- three stops through the dialog, the first from the customer's address
    tab.tabs.setCurrentWidget(tab.form.stops_page)

    def pickup(dialog: QDialog) -> None:
        start = dialog.findChild(QComboBox, "startFromCombo")
        ui.pick(start, "Bill To (customer)")
        assert dialog.findChild(QLineEdit, "line1Edit").text() == "12 Oak St"
        ui.type(dialog.findChild(QLineEdit, "floorEdit"), "2")
        ui.type(dialog.findChild(QSpinBox, "stairsSpin"), "1")
        ui.type(dialog.findChild(QLineEdit, "parkingEdit"), "30 ft")
        ok(dialog)

    def delivery(dialog: QDialog) -> None:
        ui.pick(dialog.findChild(QComboBox, "stopKindCombo"), "Delivery")
        ui.type(dialog.findChild(QLineEdit, "line1Edit"), "5 High St")
        ui.type(dialog.findChild(QLineEdit, "cityEdit"), "Columbus")
        ui.type(dialog.findChild(QLineEdit, "regionEdit"), "OH")
        ui.click(dialog.findChild(QCheckBox, "elevatorCheck"))
        ok(dialog)

    def storage(dialog: QDialog) -> None:
        ui.pick(dialog.findChild(QComboBox, "stopKindCombo"), "Extra")
        ui.type(dialog.findChild(QLineEdit, "line1Edit"), "99 Depot Rd")
        country = dialog.findChild(QLineEdit, "countryEdit")
        ui.type(country, "1X")
        ok(dialog)
        refused = dialog.findChild(QLabel, "stopMessage")
        assert dialog.isVisible() and refused.isVisible()
        assert refused.text() == "Use a two-letter country code, such as US."
        assert dialog.findChild(QLineEdit, "line1Edit").text() == "99 Depot Rd"
        ui.type(country, "US")
        ok(dialog)

    for fill in (pickup, delivery, storage):
        answer_modal(QDialog, fill)
        ui.click(tab.form.add_stops_button)
    stops = company.jobs.stops(move)
    assert [(s.kind, s.name) for s in stops] == [
        ("pickup", "12 Oak St, Dayton OH 45402"),
        ("delivery", "5 High St, Columbus OH"),
        ("extra", "99 Depot Rd"),
    ]
    assert (stops[0].floor, stops[0].stairs, stops[0].parking_distance) == ("2", 1, "30 ft")
    assert stops[1].has_elevator and stops[2].country == "US"
    # the extra stop goes between pickup and delivery
    assert tab.stops_view.currentIndex().row() == 2
    ui.click(tab.form.stops_up_button)
    assert [s.kind for s in company.jobs.stops(move)] == ["pickup", "extra", "delivery"]
    model = tab.stops_model
    assert [model.index(r, 1).data() for r in range(3)] == ["Pickup", "Extra stop", "Delivery"]
    assert model.index(0, 3).data() == "Floor 2 · 1 flight · parking 30 ft"

    form.activateWindow()  # the dialogs are gone: typing goes to the form again
    qtbot.waitUntil(form.isActiveWindow)

    # -- inventory with its totals
    tab.tabs.setCurrentWidget(tab.form.inventory_page)
    type_new_line(qtbot, tab, tab.inventory, ["Living", "Sofa", "1", "35", "120", "Wrap"])
    type_new_line(qtbot, tab, tab.inventory, ["Dining", "Chair", "6", "5.1", "12.25"])
    assert tab.form.inventory_totals.text() == "7 pieces · 65.6 cu. ft. · 193.5 lb"
    listed = company.jobs.inventory(move)
    assert [(i.room, i.item, i.special_handling) for i in listed.items] == [
        ("Living", "Sofa", "Wrap"),
        ("Dining", "Chair", None),
    ]
    assert listed.total_weight == D("193.5")

    # -- a binding estimate filled from the services, the final copied and changed
    tab.tabs.setCurrentWidget(tab.form.figures_page)
    ui.pick(tab.estimate_type, "Binding")
    assert company.jobs.figures(move).estimate_type == "binding"
    ui.click(tab.form.fill_from_services_button)
    assert [row[0] for row in shown(tab.estimate)] == ["Crew of 3 (hour)", "Truck, 26 ft"]
    assert tab.form.estimate_total.text() == "Estimate total: 819.96"
    ui.click(tab.form.copy_to_final_button)
    type_cell(qtbot, tab.final.view, 0, 1, "5")
    assert shown(tab.final)[0] == ["Crew of 3 (hour)", "5", "149.99", "749.95"]
    assert tab.form.final_total.text() == "Final total: 894.95"
    variance = tab.form.variance_label
    assert variance.text() == "Variance: +74.99 (+9.1 %) — over the estimate"
    assert "b00020" in variance.styleSheet()  # shown in red when over
    assert not form.is_dirty  # written at once: nothing for the form's Save

    # -- open the job again: everything is still there
    form.load(move, fire_popups=False)
    form.tabs.setCurrentWidget(form.work_tab)
    assert [row[0] for row in shown(tab.services)] == ["Crew of 3", "Truck, 26 ft"]
    assert tab.stops_model.rowCount() == 3
    assert [row[1] for row in shown(tab.inventory)] == ["Sofa", "Chair"]
    assert tab.estimate_type.currentText() == "Binding"
    assert len(shown(tab.estimate)) == 2 and len(shown(tab.final)) == 2
    assert variance.text() == "Variance: +74.99 (+9.1 %) — over the estimate"


def test_keys_reorder_and_remove_lines(
    form: CustomerJobForm, company: Any, move: int, ui: Any, qtbot: Any, answer_modal: Any
) -> None:
    for name in ("Packing", "Loading", "Fuel"):
        company.jobs.add_service(move, service=name, rate=10)
    tab = open_work(form, move, "services")
    view = tab.services.view
    view.setFocus()
    view.setCurrentIndex(tab.services.model.index(2, 0))
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [s.service for s in company.jobs.services(move)] == ["Packing", "Fuel", "Loading"]
    assert view.currentIndex().row() == 1  # the moved line stays selected
    ui.click(tab.form.services_down_button)
    assert [s.service for s in company.jobs.services(move)] == ["Packing", "Loading", "Fuel"]

    answer_modal(QMessageBox, yes)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [s.service for s in company.jobs.services(move)] == ["Packing", "Loading"]
    assert tab.form.services_total.text() == "2 services · Total: 20.00"

    form.activateWindow()  # the question box is gone
    qtbot.waitUntil(form.isActiveWindow)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    new_row = tab.services.model.index(2, 0)
    qtbot.waitUntil(lambda: isinstance(view.indexWidget(new_row), QLineEdit))
    assert [s.service for s in company.jobs.services(move)][-1] == "New service"


def test_fill_from_services_asks_before_replacing(
    form: CustomerJobForm, company: Any, move: int, ui: Any, answer_modal: Any
) -> None:
    company.jobs.add_service(move, service="Crew", quantity=3, rate=100)
    company.jobs.add_figure_line(move, phase="estimate", description="Hand-made", rate=50)
    tab = open_work(form, move, "figures")

    def no(box: QMessageBox) -> None:
        assert "Replace the 1 estimate line" in box.text()
        box.button(QMessageBox.StandardButton.No).click()

    answer_modal(QMessageBox, no)
    ui.click(tab.form.fill_from_services_button)
    assert [f.description for f in company.jobs.figures(move).estimate] == ["Hand-made"]
    answer_modal(QMessageBox, yes)
    ui.click(tab.form.fill_from_services_button)
    assert [row[0] for row in shown(tab.estimate)] == ["Crew"]
    assert tab.form.estimate_total.text() == "Estimate total: 300.00"
    # copying twice is refused, under the final table
    ui.click(tab.form.copy_to_final_button)
    ui.click(tab.form.copy_to_final_button)
    assert tab.form.final_message.text().startswith("The final figures already have lines")


def test_customers_have_no_work_order_and_new_jobs_wait_for_save(
    form: CustomerJobForm, company: Any, move: int
) -> None:
    customer = company.jobs.get(move).customer_id
    form.load(customer, fire_popups=False)
    assert not form.tabs.isTabVisible(form.tabs.indexOf(form.work_tab))
    form.start_new_job(customer)
    assert form.tabs.isTabVisible(form.tabs.indexOf(form.work_tab))
    form.tabs.setCurrentWidget(form.work_tab)
    tab = form.work_tab
    assert tab.hint.text().startswith("Save the new job first")
    assert not tab.services.buttons["add"].isEnabled()
    assert not tab.form.add_stops_button.isEnabled()
    assert not tab.estimate_type.isEnabled()


def test_changes_from_another_window_show_up(
    form: CustomerJobForm, company: Any, move: int, hub: Any
) -> None:
    tab = open_work(form, move, "services")
    assert tab.services.model.rowCount() == 0
    company.jobs.add_service(move, service="Piano", rate=250)
    hub.announce(Changes(job_work=True, node_id=move), object())
    assert shown(tab.services)[0][0] == "Piano"


def test_a_line_changed_elsewhere_is_read_again(
    form: CustomerJobForm, company: Any, other_desk: Any, move: int, qtbot: Any
) -> None:
    line = company.jobs.add_service(move, service="Packing", rate=10)
    tab = open_work(form, move, "services")
    other_desk.jobs.update_service(line.id, rate=12)  # after the tab was read
    type_cell(qtbot, tab.services.view, 0, 1, "3")
    message = tab.form.services_message
    assert "changed by someone else" in message.text()
    qtbot.waitUntil(lambda: shown(tab.services)[0][3] == "12.00")
    assert company.jobs.services(move)[0].quantity == D(1)
    type_cell(qtbot, tab.services.view, 0, 1, "3")  # now from the fresh copy
    assert company.jobs.services(move)[0].quantity == D(3)
    assert not message.isVisible()
