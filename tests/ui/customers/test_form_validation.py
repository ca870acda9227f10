"""Validation at the field: phones, emails, the required name, service errors, Title Case."""

from __future__ import annotations

from typing import Any

import pytest

from officemgr.ui.customers.form import CustomerJobForm


@pytest.fixture
def smith(form: CustomerJobForm, company: Any) -> int:
    node = int(company.customers.add(name="Smith, John").id)
    form.load(node)
    return node


def test_an_unparsable_phone_is_kept_with_a_warning(
    form: CustomerJobForm, company: Any, ui: Any, smith: int
) -> None:
    tab = form.address_tab
    ui.type(tab.form.phone_edit, "call the shop")
    assert tab.form.phone_edit.text() == "call the shop"  # kept as typed
    message = tab.messages["phone"]
    assert message.kind == "warning"
    assert "kept as typed" in message.text
    # One line under the field: the start of the message, all of it as the tooltip.
    assert message.label.isVisible() and "not a phone number" in message.label.text()
    assert message.label.toolTip() == message.text
    assert form.save()  # a warning does not block the save
    stored = company.customers.get(smith).phone
    assert stored.as_typed == "call the shop" and not stored.is_valid
    form.load(smith)  # the stored number still warns when opened again
    assert tab.messages["phone"].kind == "warning"


def test_phones_use_the_office_region(
    form: CustomerJobForm, company: Any, ui: Any, smith: int
) -> None:
    company.settings.update(default_phone_region="GB")
    form.ctx.reload()
    ui.type(form.address_tab.form.cell_edit, "07700 900123")
    assert form.address_tab.form.cell_edit.text() == "07700 900123"
    assert form.address_tab.messages["cell"].kind is None
    ui.type(form.address_tab.form.fax_edit, "+1 937 555 0100")
    assert form.address_tab.form.fax_edit.text() == "+1 937-555-0100"


def test_a_bad_email_is_refused_unless_kept_as_typed(
    form: CustomerJobForm, company: Any, ui: Any, smith: int
) -> None:
    tab = form.address_tab
    ui.type(tab.form.email_edit, "john at example")
    assert tab.messages["email"].kind == "error"
    assert tab.messages["email"].text == (
        "Not an email address: an email address must have an @-sign."
    )
    ui.type(tab.form.email_edit, "john@example.com")
    assert tab.messages["email"].kind is None
    ui.type(tab.form.cc_email_edit, "office@@example.com")
    assert not form.save()
    assert tab.messages["cc_email"].kind == "error"
    tab.messages["cc_email"].apply_suggestion()  # its link: Keep as typed
    assert tab.messages["cc_email"].kind == "warning"
    assert form.save()
    assert company.customers.get(smith).cc_email.address == "office@@example.com"


def test_an_empty_name_blocks_the_save(
    form: CustomerJobForm, company: Any, ui: Any, smith: int
) -> None:
    tab = form.address_tab
    form.tabs.setCurrentWidget(form.payment_tab)
    ui.erase(tab.name_edit)
    ui.type(form.payment_tab.form.ar_account_edit, "1200")
    assert not form.save()
    assert form.tabs.currentWidget() is tab
    assert tab.messages["name"].kind == "error"
    assert tab.messages["name"].text == "Give the customer a name."
    assert tab.name_edit.hasFocus()
    assert company.customers.get(smith).name == "Smith, John"
    ui.type(tab.name_edit, "Smith, Johnny")
    assert tab.messages["name"].kind is None
    assert form.save()


def test_service_errors_show_at_their_field_on_their_tab(
    form: CustomerJobForm, company: Any, ui: Any, smith: int
) -> None:
    company.customers.add(name="Other", account_number="A-1")
    ui.type(form.payment_tab.form.credit_limit_edit, "lots")
    form.tabs.setCurrentWidget(form.address_tab)
    assert not form.save()
    assert form.tabs.currentWidget() is form.payment_tab
    assert form.payment_tab.messages["credit_limit"].text == (
        "The credit limit must be a number written like 1,234.56 (English (United States)); "
        "“lots” is not."
    )
    ui.type(form.payment_tab.form.credit_limit_edit, "1000")
    ui.type(form.payment_tab.form.account_number_edit, "A-1")
    assert not form.save()
    assert "already used by “Other”" in form.payment_tab.messages["account_number"].text
    assert form.payment_tab.messages["credit_limit"].kind is None
    ui.type(form.payment_tab.form.card_number_edit, "4111 1111 1111 1112")
    ui.type(form.payment_tab.form.account_number_edit, "A-2")
    assert not form.save()
    assert "not valid" in form.payment_tab.messages["card_number"].text


def test_title_case_off_leaves_text_alone(
    form: CustomerJobForm, company: Any, ui: Any, smith: int
) -> None:
    company.settings.update(title_case_mode="off")
    form.ctx.reload()
    ui.type(form.address_tab.form.company_edit, "mcdonald hvac llc")
    assert form.address_tab.form.company_edit.text() == "mcdonald hvac llc"
    assert form.address_tab.messages["company_name"].kind is None


def test_title_case_suggest_offers_a_link_that_applies_it(
    form: CustomerJobForm, company: Any, ui: Any, smith: int
) -> None:
    company.settings.update(title_case_mode="suggest")
    form.ctx.reload()
    tab = form.address_tab
    ui.type(tab.name_edit, "mcdonald, fiona")
    message = tab.messages["name"]
    assert tab.name_edit.text() == "mcdonald, fiona"
    assert message.kind == "suggestion"
    assert message.text == "Use “McDonald, Fiona”?"
    assert "<a href" in message.label.text()
    message.label.linkActivated.emit("apply")  # what clicking the link does
    assert tab.name_edit.text() == "McDonald, Fiona"
    assert message.kind is None
    ui.type(tab.form.bill_to_line1_edit, "12 ne oak st")
    tab.messages["bill_to.line1"].apply_suggestion()
    assert tab.form.bill_to_line1_edit.text() == "12 NE Oak St"


def test_title_case_automatic_applies_on_leaving_the_field(
    form: CustomerJobForm, company: Any, ui: Any, smith: int
) -> None:
    company.settings.update(title_case_mode="automatic")
    form.ctx.reload()
    tab = form.address_tab
    ui.type(tab.form.last_name_edit, "o'brien", leave=False)
    assert tab.form.last_name_edit.text() == "o'brien"  # not while typing
    ui.qtbot.keyClick(tab.form.last_name_edit, "\t")
    assert tab.form.last_name_edit.text() == "O'Brien"
    ui.type(tab.form.bill_to_city_edit, "DAYTON")
    assert tab.form.bill_to_city_edit.text() == "Dayton"


def test_settings_changes_reach_the_form_at_once(
    form: CustomerJobForm, company: Any, ui: Any, smith: int, hub: Any
) -> None:
    from officemgr.ui.changes import Changes

    company.lists.add_item(list_kind="customer_type", name="Hospital")
    company.settings.update(title_case_mode="automatic")
    hub.announce(Changes(lists=True, settings=True), object())
    combo = form.additional_tab.form.customer_type_combo
    assert combo.findText("Hospital") >= 0
    ui.type(form.address_tab.form.company_edit, "acme")
    assert form.address_tab.form.company_edit.text() == "Acme"
