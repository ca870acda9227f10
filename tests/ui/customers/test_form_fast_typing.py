"""The New Customer form for a dispatcher typing fast (issue 17, item 6): a name typed
whole fills the name fields, the Title Case suggestion is reached with Tab, an email
that is not an address is refused at the field unless kept as typed, and messages never
move the fields below them."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

from officemgr.ui.customers.form import CustomerJobForm


def _new_customer(form: CustomerJobForm, company: Any, title_case: str = "off") -> Any:
    company.settings.update(title_case_mode=title_case)
    form.ctx.reload()
    form.start_new_customer()
    return form.address_tab


def _parts(tab: Any) -> tuple[str, str, str, str]:
    f = tab.form
    return (
        f.salutation_combo.currentText(),
        f.first_name_edit.text(),
        f.middle_initial_edit.text(),
        f.last_name_edit.text(),
    )


def _saved(form: CustomerJobForm, company: Any, ui: Any) -> Any:
    with ui.qtbot.waitSignal(form.saved) as saved:
        ui.qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
        )
    return company.customers.get(saved.args[0])


def _focused() -> QWidget | None:
    return QApplication.focusWidget()


# ------------------------------------------------------------------ names, split


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        ("Ødegård, Zoë", ("", "Zoë", "", "Ødegård")),
        ("Zoë Ødegård", ("", "Zoë", "", "Ødegård")),
        ("Dr. Ana María de la Cruz Jr.", ("Dr.", "Ana", "M.", "de la Cruz")),
        ("Simmons, Heather & Zoë", ("", "Heather & Zoë", "", "Simmons")),
    ],
)
def test_a_name_typed_whole_fills_the_empty_name_fields(
    form: CustomerJobForm, company: Any, ui: Any, typed: str, parts: tuple[str, ...]
) -> None:
    tab = _new_customer(form, company)
    ui.type(tab.name_edit, typed)
    assert _parts(tab) == parts
    assert tab.name_edit.text() == typed  # the name stays as typed
    assert _focused() is tab.form.company_edit  # the Tab went on as usual
    stored = _saved(form, company, ui)
    assert stored.name == typed
    assert (stored.salutation or "", stored.first_name, stored.middle_initial or "") == parts[:3]
    assert stored.last_name == parts[3]


def test_a_company_name_fills_no_person_fields(
    form: CustomerJobForm, company: Any, ui: Any
) -> None:
    tab = _new_customer(form, company)
    ui.type(tab.name_edit, "Acme Heating & Cooling, Inc.")
    assert _parts(tab) == ("", "", "", "")
    assert _saved(form, company, ui).first_name is None


def test_what_the_user_typed_is_never_replaced(
    form: CustomerJobForm, company: Any, ui: Any
) -> None:
    tab = _new_customer(form, company)
    ui.type(tab.form.first_name_edit, "Zoe")
    assert tab.name_edit.text() == "Zoe"  # the name follows what is typed…
    ui.type(tab.name_edit, "Ødegård, Zoë")  # …until the user types it
    assert _parts(tab) == ("", "Zoe", "", "Ødegård")  # First name: as the user typed it
    ui.type(tab.form.last_name_edit, "Odegaard")
    ui.type(tab.name_edit, "Dr. Zoë Ødegård")  # a corrected name refills only its own
    assert _parts(tab) == ("Dr.", "Zoe", "", "Odegaard")
    ui.type(tab.name_edit, "Zoë Ødegård")
    assert _parts(tab) == ("", "Zoe", "", "Odegaard")  # its "Dr." taken back


def test_an_erased_name_follows_first_and_last_again(
    form: CustomerJobForm, company: Any, ui: Any
) -> None:
    tab = _new_customer(form, company)
    ui.type(tab.name_edit, "Zoë Ødegård")
    ui.erase(tab.name_edit)
    assert _parts(tab) == ("", "", "", "")  # what the name had filled goes with it
    ui.type(tab.form.first_name_edit, "Heather & Zoë")
    ui.type(tab.form.last_name_edit, "Simmons")
    assert tab.name_edit.text() == "Simmons, Heather & Zoë"
    assert _saved(form, company, ui).name == "Simmons, Heather & Zoë"


def test_an_existing_customer_renamed_keeps_its_name_fields(
    form: CustomerJobForm, company: Any, ui: Any
) -> None:
    form.load(int(company.customers.add(name="Acme").id))
    tab = form.address_tab
    ui.type(tab.name_edit, "Zoë Ødegård")
    assert _parts(tab) == ("", "", "", "")


def test_the_name_split_follows_title_case(form: CustomerJobForm, company: Any, ui: Any) -> None:
    tab = _new_customer(form, company, "suggest")
    ui.type(tab.name_edit, "mcdonald, fiona")
    assert _parts(tab) == ("", "fiona", "", "mcdonald")
    assert tab.messages["last_name"].text == "Use “McDonald”?"  # as if typed there
    tab.messages["name"].apply_suggestion()
    assert tab.name_edit.text() == "McDonald, Fiona"
    assert _parts(tab) == ("", "Fiona", "", "McDonald")
    assert tab.messages["last_name"].kind is None
    tab = _new_customer(form, company, "automatic")
    ui.type(tab.name_edit, "ødegård, zoë")
    assert tab.name_edit.text() == "Ødegård, Zoë"
    assert _parts(tab) == ("", "Zoë", "", "Ødegård")


# ------------------------------------------------------------- Title Case by Tab


def test_the_title_case_suggestion_is_reached_with_tab(
    form: CustomerJobForm, company: Any, ui: Any
) -> None:
    form.load(int(company.customers.add(name="Smith, John").id))
    company.settings.update(title_case_mode="suggest")
    form.ctx.reload()
    tab = form.address_tab
    message = tab.messages["name"]
    ui.type(tab.name_edit, "mcdonald, fiona")
    assert message.kind == "suggestion"
    # Typing goes on in the next field: the suggestion does not take the Tab that left.
    assert _focused() is tab.form.company_edit
    ui.qtbot.keyClick(tab.form.company_edit, Qt.Key.Key_Backtab)
    assert _focused() is message.label  # right after its field, in the Tab order
    ui.qtbot.keyClick(message.label, Qt.Key.Key_Return)
    assert tab.name_edit.text() == "McDonald, Fiona"
    assert message.kind is None
    assert _focused() is tab.name_edit  # back at the field it changed
    ui.qtbot.keyClick(tab.name_edit, Qt.Key.Key_Tab)
    assert _focused() is tab.form.company_edit  # no suggestion, no stop
    suggestion = tab.messages["company_name"]
    ui.type(tab.form.company_edit, "acme hvac")
    assert _focused() is tab.form.salutation_combo
    ui.qtbot.keyClick(_focused(), Qt.Key.Key_Backtab)
    assert _focused() is suggestion.label
    ui.qtbot.keyClick(_focused(), Qt.Key.Key_Backtab)
    assert _focused() is tab.form.company_edit
    ui.qtbot.keyClick(_focused(), Qt.Key.Key_Tab)  # from its field, Tab reaches it too
    assert _focused() is suggestion.label
    ui.qtbot.keyClick(_focused(), Qt.Key.Key_Space)
    assert tab.form.company_edit.text() == "Acme HVAC"


# -------------------------------------------------------------------- emails


def test_an_email_that_is_not_an_address_is_refused_at_the_field(
    form: CustomerJobForm, company: Any, ui: Any
) -> None:
    tab = _new_customer(form, company)
    ui.type(tab.name_edit, "Zoë Ødegård")
    ui.type(tab.form.email_edit, "zoe@@example")
    message = tab.messages["email"]
    assert message.kind == "error"
    assert message.text == (
        "Not an email address: the part after the @-sign contains invalid characters: '@'."
    )
    assert message.label.isVisible() and "Keep as typed" in message.label.text()
    ui.type(tab.form.website_edit, "example.com")
    assert not form.save()  # refused: nothing is written
    assert company.customers.search("Ødegård", show="all") == []
    assert message.kind == "error" and "Keep as typed" in message.label.text()
    assert _focused() is tab.form.email_edit
    ui.type(tab.form.email_edit, "zoe@example.com")
    assert message.kind is None
    stored = _saved(form, company, ui)
    assert stored.email.address == "zoe@example.com"


def test_keep_as_typed_saves_an_odd_address_knowingly(
    form: CustomerJobForm, company: Any, ui: Any
) -> None:
    tab = _new_customer(form, company)
    ui.type(tab.name_edit, "Zoë Ødegård")
    ui.type(tab.form.email_edit, "zoe@@example")
    message = tab.messages["email"]
    ui.qtbot.keyClick(_focused(), Qt.Key.Key_Backtab)
    assert _focused() is message.label  # the link is reached from the keyboard
    ui.qtbot.keyClick(message.label, Qt.Key.Key_Return)  # Keep as typed
    assert message.kind == "warning"
    assert "does not look like an email address" in message.text
    stored = _saved(form, company, ui)
    assert stored.email.address == "zoe@@example" and not stored.email.is_valid
    # Opened again, the stored address only warns; other changes save.
    assert tab.messages["email"].kind == "warning"
    ui.type(tab.form.website_edit, "example.com")
    assert form.save()
    # Another odd address is refused again until it too is kept.
    ui.type(tab.form.email_edit, "zoe at example")
    assert message.kind == "error"
    assert not form.save()


def test_a_refusal_found_when_saving_offers_keep_as_typed(
    form: CustomerJobForm, company: Any, ui: Any
) -> None:
    tab = _new_customer(form, company)
    ui.type(tab.name_edit, "Zoë Ødegård")
    ui.type(tab.form.cc_email_edit, "office@@example.com", leave=False)
    assert not form.save()
    message = tab.messages["cc_email"]
    assert message.kind == "error" and "Keep as typed" in message.label.text()
    message.label.linkActivated.emit("apply")  # what clicking the link does
    assert form.save()
    node = form.current_node_id
    assert company.customers.get(node).cc_email.address == "office@@example.com"


def test_the_api_still_keeps_an_odd_address_with_a_warning(company: Any) -> None:
    """The refusal is the form's rule for people typing; the services are unchanged."""
    node = company.customers.add(name="Ødegård, Zoë", email="zoe@@example").id
    email = company.customers.get(node).email
    assert email.address == "zoe@@example" and not email.is_valid and email.warning


# ---------------------------------------------------------- messages keep their place


def _geometry(tab: Any) -> dict[str, QRect]:
    """Where every field of the tab is, in the tab's coordinates."""
    root = tab.form.root
    return {
        widget.objectName(): QRect(widget.mapTo(tab, QPoint(0, 0)), widget.size())
        for widget in root.findChildren(QWidget)
        if isinstance(widget, (QLineEdit, QComboBox)) and widget.objectName()
    }


def test_messages_do_not_move_the_fields_below(
    form: CustomerJobForm, company: Any, ui: Any
) -> None:
    tab = _new_customer(form, company, "suggest")
    bar = tab.scroll_area.verticalScrollBar()
    ui.qtbot.wait(10)
    before, bar_before = _geometry(tab), bar.isVisible()
    ui.type(tab.name_edit, "mcdonald, fiona")  # a suggestion
    ui.type(tab.form.phone_edit, "call the shop")  # a warning
    ui.type(tab.form.email_edit, "zoe@@example")  # a refusal, with its link
    ui.type(tab.form.pronounced_edit, "4111 1111 1111 1111")  # card data
    ui.type(tab.form.bill_to_postal_edit, "CVV 123")  # card data, in a shared row
    ui.type(tab.form.bill_to_city_edit, "DAYTON")
    shown = {field for field, message in tab.messages.items() if message.kind}
    assert {"name", "phone", "email", "pronounced", "bill_to.city"} <= shown
    assert tab.messages["bill_to.postal_code"].kind == "warning"
    ui.qtbot.wait(10)
    assert _geometry(tab) == before
    assert bar.isVisible() == bar_before
    assert not form.save()  # and the errors of a save keep their place too
    assert _geometry(tab) == before
