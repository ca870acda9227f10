"""Records loaded one after another: what a load keeps from the last one (the filled
choices, the name's words, the tab titles) must never show the last record's values."""

from __future__ import annotations

from typing import Any

from officemgr.ui.customers.form import CustomerJobForm
from officemgr.ui.customers.payment_tab import ADD_NEW_DATA


def test_kind_words_and_parent_row_follow_each_record(form: CustomerJobForm, company: Any) -> None:
    smith = company.customers.add(name="Smith, John").id
    furnace = company.jobs.add(parent=smith, name="Furnace").id
    acme = company.customers.add(name="Acme Heating").id
    tab = form.address_tab
    parent_row = tab.form.parent_edit
    for node, is_job in ((smith, False), (furnace, True), (furnace, True), (acme, False)):
        form.load(node)
        assert form.current_node_id == node
        assert tab.form.name_label.text().replace("&", "") == (
            "Job name:" if is_job else "Customer name:"
        )
        assert tab.name_edit.placeholderText().startswith("Required")
        assert ("e.g." in tab.name_edit.placeholderText()) is not is_job
        assert parent_row.isVisibleTo(form) is is_job
        assert form.tabs.isTabVisible(form.tabs.indexOf(form.job_tab)) is is_job
        assert not form.is_dirty


def test_choices_kept_between_records_select_each_records_own(
    form: CustomerJobForm, company: Any
) -> None:
    lists = company.lists
    cash = lists.add_item(list_kind="payment_method", name="Cash on Delivery").id
    old = lists.add_item(list_kind="payment_method", name="Old Card").id
    first = company.customers.add(name="First, Ann").id
    company.customers.update(first, payment_method_id=cash)
    second = company.customers.add(name="Second, Bob").id
    company.customers.update(second, payment_method_id=old)
    lists.set_item_active(list_kind="payment_method", item_id=old, active=False)
    third = company.customers.add(name="Third, Cy").id
    form.ctx.reload()
    combo = form.payment_tab.method
    shown = lambda: [combo.itemText(i) for i in range(combo.count())]  # noqa: E731
    for _round in range(2):
        form.load(first)
        assert combo.currentData() == cash
        assert "Old Card (inactive)" not in shown()
        assert combo.itemData(combo.count() - 1) == ADD_NEW_DATA
        form.load(second)  # its inactive method is listed (marked) while it is chosen
        assert combo.currentData() == old
        assert combo.currentText() == "Old Card (inactive)"
        form.load(third)
        assert combo.currentData() is None
        assert "Old Card (inactive)" not in shown()
        assert shown().count("<Add New>") == 1
        assert not form.is_dirty


def test_tab_titles_follow_width_and_kind(form: CustomerJobForm, company: Any) -> None:
    smith = company.customers.add(name="Smith, John").id
    job = company.jobs.add(parent=smith, name="Furnace").id
    tabs = form.tabs
    address = tabs.indexOf(form.address_tab)
    form.load(smith)
    assert tabs.tabText(address) == "Address Info"
    form.resize(360, 700)
    form.load(job)
    assert tabs.tabText(address) == "Address"  # eight tabs in a narrow form
    form.resize(1600, 760)
    form.load(job)
    assert tabs.tabText(address) == "Address Info"


def test_user_defined_fields_follow_the_kind_of_each_record(
    form: CustomerJobForm, company: Any, ui: Any
) -> None:
    lists = company.lists
    gate = lists.add_custom_field(name="Gate code", field_type="text", applies_to="customer").id
    age = lists.add_custom_field(name="Equipment age", field_type="number", applies_to="job").id
    size = lists.add_custom_field(name="Filter size", field_type="text", applies_to="both").id
    smith = company.customers.add(name="Smith, John", custom_fields={gate: "#12", size: "16x25"}).id
    job = company.jobs.add(parent=smith, name="Furnace", custom_fields={age: 7}).id
    acme = company.customers.add(name="Acme Heating").id
    form.ctx.reload()
    tab = form.additional_tab
    for _round in range(2):
        form.load(smith)
        assert set(tab.custom) == {gate, size}
        assert tab.custom[gate].value() == "#12" and tab.custom[size].value() == "16x25"
        assert tab.custom[gate].widget.isVisibleTo(tab)
        assert not tab._custom_made[age].widget.isVisibleTo(tab)
        form.load(job)
        assert set(tab.custom) == {age, size}
        assert tab.custom[size].value() is None  # not the customer's value
        assert tab.custom[age].value() == 7
        assert not tab._custom_made[gate].widget.isVisibleTo(tab)
        assert tab.editor_for(f"custom_fields.{gate}") is None
        form.load(acme)
        assert tab.custom[gate].value() is None and tab.custom[size].value() is None
        assert not form.is_dirty
    # What is typed in a field of the record on show is what is saved.
    form.tabs.setCurrentWidget(tab)
    ui.type(tab.custom[gate].widget, "#99")
    assert form.changes() == {"custom_fields": {gate: "#99"}}
