"""The quick filter: find as you type by name, phone digits or email, then back to the tree."""

from __future__ import annotations

import threading
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from officemgr.ui.models.customer_job_tree import Column, Role
from officemgr.ui.quick_filter import PLACEHOLDER, RESULT_LIMIT


@pytest.fixture
def people(company: Any, tree_data: Any) -> dict[str, int]:
    co = company
    smith = co.customers.add(name="Smith, John", phone="(937) 555-0101", email="john@example.com")
    baker = co.customers.add(name="Baker, Ann", phone="937-555-0199", email="ann@bakery.example")
    acme = co.customers.add(name="Acme Heating", company_name="Acme Heating LLC")
    furnace = co.jobs.add(parent=acme.id, name="Furnace Replacement")
    old = tree_data.add("Old Smithy", active=False)
    prospect = tree_data.add("Smithers Prospect", prospect=True)
    return {
        "smith": smith.id,
        "baker": baker.id,
        "acme": acme.id,
        "furnace": furnace.id,
        "old": old,
        "prospect": prospect,
    }


def test_the_filter_box_is_ready_for_typing(driver: Any) -> None:
    pane = driver().window.pane
    assert pane.filter_edit.placeholderText() == PLACEHOLDER == "Find customer, job, phone, email…"
    assert pane.filter_edit.isClearButtonEnabled()
    assert [pane.mode_combo.itemText(i) for i in range(3)] == [
        "Contains",
        "Starts with",
        "Equals",
    ]
    assert [pane.show_combo.itemText(i) for i in range(4)] == [
        "Active",
        "Inactive",
        "All",
        "Prospects",
    ]


def test_typing_finds_by_name_phone_digits_and_email(
    qtbot: Any, driver: Any, people: dict[str, int]
) -> None:
    d = driver()
    pane = d.window.pane
    d.type_filter("smi")
    assert pane.searching and d.window.results_view.isVisible()
    assert d.found() == ["Smith, John", "Smithers Prospect"]  # Old Smithy is inactive
    assert pane.found_label.text() == "2 found"

    d.type_filter("5550199")
    assert d.found() == ["Baker, Ann"]
    d.type_filter("555-01")
    assert d.found() == ["Baker, Ann", "Smith, John"]
    d.type_filter("bakery.example")
    assert d.found() == ["Baker, Ann"]
    d.type_filter("furnace")  # jobs are found by their full name
    assert d.found() == ["Acme Heating:Furnace Replacement"]
    d.type_filter("nobody at all")
    assert d.found() == [] and pane.found_label.text() == "Nothing found"


def test_match_modes_and_show_filters(qtbot: Any, driver: Any, people: dict[str, int]) -> None:
    d = driver()
    pane = d.window.pane
    pane.set_show_mode("all")
    d.type_filter("smith")
    # names starting with the text come before names containing it
    assert d.found() == ["Smith, John", "Smithers Prospect", "Old Smithy"]
    assert d.window.show_inactive_action.isChecked()  # the View menu follows the combo

    with qtbot.waitSignal(pane.search_finished):
        pane.set_match_mode("starts_with")
    assert d.found() == ["Smith, John", "Smithers Prospect"]
    with qtbot.waitSignal(pane.search_finished):
        pane.mode_combo.setCurrentIndex(pane.mode_combo.findText("Equals"))
    assert d.found() == []
    d.type_filter("smith, john")
    assert d.found() == ["Smith, John"]

    pane.set_match_mode("contains")
    d.type_filter("smith")
    with qtbot.waitSignal(pane.search_finished):
        pane.set_show_mode("inactive")
    assert d.found() == ["Old Smithy"]
    assert d.window.show_inactive_action.isChecked()
    with qtbot.waitSignal(pane.search_finished):
        d.window.prospects_action.trigger()  # from the View menu: the combo follows
    assert pane.show_combo.currentText() == "Prospects"
    assert d.found() == ["Smithers Prospect"]
    assert not d.window.show_inactive_action.isChecked()


def test_down_enters_the_results_and_esc_returns_to_the_tree_with_the_choice(
    qtbot: Any, driver: Any, people: dict[str, int]
) -> None:
    d = driver()
    w = d.window
    qtbot.waitUntil(lambda: len(d.listed()) == 4)
    d.type_filter("ann")
    assert d.found() == ["Baker, Ann"]
    qtbot.keyClick(w.pane.filter_edit, Qt.Key.Key_Down)
    assert w.results_view.hasFocus()
    qtbot.waitUntil(lambda: w.form.current_node_id == people["baker"])  # opened

    qtbot.keyClick(w.results_view, Qt.Key.Key_Escape)
    assert not w.pane.searching and w.tree_view.isVisible()
    assert w.pane.filter_edit.text() == ""
    assert w.current_node().full_name == "Baker, Ann"  # selected in the tree now
    assert w.tree_view.hasFocus()
    assert w.form.current_node_id == people["baker"]


def test_enter_moves_into_the_list_and_up_returns_to_the_filter(
    qtbot: Any, driver: Any, people: dict[str, int]
) -> None:
    d = driver()
    w = d.window
    d.focus(w.pane.filter_edit)
    qtbot.keyClicks(w.pane.filter_edit, "smith")
    # Enter before the debounce fired: the search runs at once and the list takes over.
    with qtbot.waitSignal(w.pane.search_finished):
        qtbot.keyClick(w.pane.filter_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(w.results_view.hasFocus)
    assert w.current_node().full_name == "Smith, John"
    qtbot.keyClick(w.results_view, Qt.Key.Key_Up)
    assert w.pane.filter_edit.hasFocus()
    qtbot.keyClick(w.pane.filter_edit, Qt.Key.Key_Escape)
    assert w.current_node().full_name == "Smith, John"
    assert not w.pane.searching


def test_typing_in_the_tree_goes_on_in_the_filter(
    qtbot: Any, driver: Any, people: dict[str, int]
) -> None:
    d = driver()
    w = d.window
    d.focus(w.tree_view)
    with qtbot.waitSignal(w.pane.search_finished):
        qtbot.keyClicks(w.tree_view, "bak")
    assert w.pane.filter_edit.hasFocus() and w.pane.filter_edit.text() == "bak"
    assert d.found() == ["Baker, Ann"]


def test_ctrl_f_focuses_the_filter(qtbot: Any, driver: Any) -> None:
    d = driver()
    d.focus(d.window.tree_view)
    qtbot.keyClick(d.window.tree_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert d.window.pane.filter_edit.hasFocus()


def test_a_long_list_is_cut_at_the_limit_and_says_so(
    qtbot: Any, driver: Any, tree_data: Any
) -> None:
    tree_data.add_customers(RESULT_LIMIT + 30)
    d = driver()
    d.type_filter("customer")
    assert len(d.found()) == RESULT_LIMIT
    assert d.window.pane.found_label.text().startswith(
        f"More than {RESULT_LIMIT} found (showing the first {RESULT_LIMIT})"
    )


class CountingCompany:
    """The company, with a count of the searches made through it; ``hold`` keeps a search
    waiting inside the worker until ``release`` is set."""

    def __init__(self, company: Any) -> None:
        self.searches: list[str] = []
        self.hold = False
        self.inside = threading.Event()
        self.release = threading.Event()

        def search(text: str, **kwargs: Any) -> Any:
            self.searches.append(text)
            if self.hold:
                self.inside.set()
                self.release.wait(10)
            return company.customers.search(text, **kwargs)

        self.customers = SimpleNamespace(search=search)


def test_one_search_per_pause_and_stale_results_are_dropped(
    qtbot: Any, driver: Any, company: Any, people: dict[str, int]
) -> None:
    d = driver()
    pane = d.window.pane
    counting = CountingCompany(company)
    pane.set_company(counting)
    d.type_filter("smith")
    assert counting.searches == ["smith"]  # not "s", "sm", "smi", …

    # A search overtaken by newer typing never shows its results.
    counting.hold = True
    pane.set_filter_text("baker")
    pane.run_search_now()
    assert counting.inside.wait(5)  # the worker is searching for "baker"
    counting.hold = False
    pane.set_filter_text("acme")  # typed on meanwhile
    with qtbot.waitSignal(pane.search_finished, timeout=5000):
        counting.release.set()
    assert counting.searches == ["smith", "baker", "acme"]
    assert d.found() == ["Acme Heating", "Acme Heating:Furnace Replacement"]  # never Baker

    # And one overtaken by a cleared filter leaves the tree on show.
    counting.hold, counting.inside, counting.release = True, threading.Event(), threading.Event()
    pane.set_filter_text("baker")
    pane.run_search_now()
    assert counting.inside.wait(5)
    qtbot.keyClick(pane.filter_edit, Qt.Key.Key_Escape)
    counting.release.set()
    pane.wait_for_search()
    QApplication.processEvents()
    assert not pane.searching and d.found() == []


def test_results_keep_the_lists_badges_and_order_and_the_open_record_stays_selected(
    qtbot: Any, driver: Any, company: Any
) -> None:
    """The results show the hold, pop-up and prospect badges as the list does; "Ødegård"
    sorts with O as in the list; the record open in the form is selected among them, so
    the commands on it stay enabled."""
    co = company
    stone = co.customers.add(name="Stone, Zoë").id
    co.jobs.add(parent=stone, name="Zoe's deck")
    co.customers.add(name="Simmons, Heather & Zoë")
    zoe = co.customers.add(name="Ødegård, Zoë").id
    co.popups.add(owner=zoe, text="Gate code 1234")
    co.customers.place_credit_hold(stone, reason="Owes 90 days", by="Dana")
    adams = co.customers.add(name="Adams, Zoe", is_prospect=True).id
    d = driver()
    window = d.window
    assert window.open_node(zoe)
    qtbot.waitUntil(lambda: window.form.current_node_id == zoe)
    window.pane.clear_selection()
    d.type_filter("zoe")
    assert d.found() == [
        "Stone, Zoë:Zoe's deck",  # its own name starts with the text: the first tier
        "Adams, Zoe",
        "Ødegård, Zoë",
        "Simmons, Heather & Zoë",
        "Stone, Zoë",
    ]
    model = window.results_view.model()
    badges = {
        model.index(row, Column.NAME).data(Qt.ItemDataRole.DisplayRole): model.index(
            row, Column.NAME
        ).data(Role.BADGES)
        for row in range(model.rowCount())
    }
    assert badges["Ødegård, Zoë"] == ("popup-note",)
    assert badges["Stone, Zoë:Zoe's deck"] == ("hold",)  # a job shows its customer's hold
    assert badges["Adams, Zoe"] == ("prospect",)
    assert window.current_node() is not None and window.current_node().id == zoe
    assert window.new_job_action.isEnabled() and adams != zoe
