"""The lazy Customer:Job tree model, on its own (no window)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtTest import QAbstractItemModelTester

from officemgr.core.services.tree import TreeRow
from officemgr.ui.models.customer_job_tree import Column, CustomerJobTreeModel, Role

DISPLAY = Qt.ItemDataRole.DisplayRole


class RecordingTree:
    """``co.tree`` with a count of the calls made through it (and an optional failure)."""

    def __init__(self, tree: Any, *, fail: Exception | None = None) -> None:
        self._tree = tree
        self.calls: Counter[str] = Counter()
        self.fail = fail

    def __getattr__(self, name: str) -> Any:
        service = getattr(self._tree, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            if self.fail is not None:
                raise self.fail
            return service(*args, **kwargs)

        return call


def recording(company: Any, **kwargs: Any) -> tuple[Any, RecordingTree]:
    tree = RecordingTree(company.tree, **kwargs)
    return SimpleNamespace(tree=tree), tree


def names(model: CustomerJobTreeModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    return [model.index(r, Column.NAME, parent).data() for r in range(model.rowCount(parent))]


def fetch_all(model: CustomerJobTreeModel, parent: QModelIndex | None = None) -> None:
    parent = parent or QModelIndex()
    while model.canFetchMore(parent):
        model.fetchMore(parent)


def test_the_model_passes_qts_model_tester(qtlog: Any, company: Any, tree_data: Any) -> None:
    smith = tree_data.add("Smith, John", hold=True, balance="12.50")
    furnace = tree_data.add("Furnace", smith)
    tree_data.add("Duct Work", furnace)
    tree_data.add("Old Job", smith, active=False)
    for name in ("Acme", "Baker", "Zed", "Young"):
        tree_data.add(name)
    tree_data.add("Gone", active=False)

    model = CustomerJobTreeModel(company, page_size=2)  # several pages per level
    mode = QAbstractItemModelTester.FailureReportingMode.Warning
    tester = QAbstractItemModelTester(model, mode)  # checks every change from here on
    fetch_all(model)
    smith_index = model.index(names(model).index("Smith, John"), 0)
    fetch_all(model, smith_index)
    fetch_all(model, model.index(0, 0, smith_index))
    assert len(names(model)) == 5 and len(names(model, smith_index)) == 1
    # Qt's tester re-checks the whole model from inside modelReset, before it marks the
    # reset finished, so a fetch it makes there looks like a nested change (a tester
    # limitation with fetchMore models). Check after a reset with a fresh tester instead.
    for change in (lambda: model.set_show("all"), model.refresh):
        shiboken6.delete(tester)
        change()
        tester = QAbstractItemModelTester(model, mode)
        fetch_all(model)
        fetch_all(model, model.index(names(model).index("Smith, John"), 0))
    assert names(model) == ["Acme", "Baker", "Gone", "Smith, John", "Young", "Zed"]

    failures = [r.message for r in qtlog.records if "FAIL" in r.message]
    assert failures == []


def test_rows_show_name_balance_and_badges(company: Any, tree_data: Any) -> None:
    held = tree_data.add("Held Co", hold=True, balance="1234567.8", note=True)
    tree_data.add("Job", held)
    tree_data.add("Maybe Co", prospect=True, balance="-5")
    tree_data.add("Gone Co", active=False)
    model = CustomerJobTreeModel(company, show="all")
    model.fetchMore(QModelIndex())
    assert names(model) == ["Gone Co", "Held Co", "Maybe Co"]
    gone, held_index, maybe = (model.index(r, Column.NAME) for r in range(3))

    balance = held_index.siblingAtColumn(Column.BALANCE)
    assert balance.data() == "1,234,567.80"
    assert maybe.siblingAtColumn(Column.BALANCE).data() == "-5.00"
    alignment = Qt.AlignmentFlag(balance.data(Qt.ItemDataRole.TextAlignmentRole))
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert held_index.data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.headerData(Column.NAME, Qt.Orientation.Horizontal) == "Name"
    assert model.headerData(Column.BALANCE, Qt.Orientation.Horizontal) == "Balance"

    assert held_index.data(Role.BADGES) == ("hold", "popup-note")
    assert maybe.data(Role.BADGES) == ("prospect",)
    assert gone.data(Role.BADGES) == ()
    assert held_index.data(Qt.ItemDataRole.ToolTipRole) == "Held Co\nCredit hold\nPop-up notes"
    assert "Inactive" in gone.data(Qt.ItemDataRole.ToolTipRole)

    # Inactive rows are greyed; active ones keep the view's own colour.
    grey = gone.data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(grey, QBrush)
    assert gone.siblingAtColumn(Column.BALANCE).data(Qt.ItemDataRole.ForegroundRole) == grey
    assert held_index.data(Qt.ItemDataRole.ForegroundRole) is None

    row = held_index.data(Role.ROW)
    assert isinstance(row, TreeRow)
    assert row.id == held and row.balance_total == Decimal("1234567.80")
    assert held_index.data(Role.NODE_ID) == held
    assert model.row_at(held_index) == row


def test_children_are_fetched_when_asked_for(company: Any, tree_data: Any) -> None:
    smith = tree_data.add("Smith")
    tree_data.add("B Job", smith)
    tree_data.add("A Job", smith)
    tree_data.add("Alone")
    co, tree = recording(company)
    model = CustomerJobTreeModel(co)
    assert model.rowCount() == 0 and not tree.calls  # nothing up front
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert names(model) == ["Alone", "Smith"]
    alone, smith_index = model.index(0, 0), model.index(1, 0)

    calls = tree.calls["children_after"]
    # The expand arrow comes from the row itself: no query, nothing fetched yet.
    assert model.hasChildren(smith_index) and not model.hasChildren(alone)
    assert not model.canFetchMore(alone)
    assert model.rowCount(smith_index) == 0
    assert model.flags(alone) & Qt.ItemFlag.ItemNeverHasChildren
    assert tree.calls["children_after"] == calls

    model.fetchMore(smith_index)
    assert names(model, smith_index) == ["A Job", "B Job"]
    assert model.index(0, 0, smith_index).parent() == smith_index
    assert not model.canFetchMore(smith_index)
    assert model.rowCount(smith_index.siblingAtColumn(Column.BALANCE)) == 0


def test_a_thousand_customers_are_fetched_a_page_at_a_time(company: Any, tree_data: Any) -> None:
    tree_data.add_customers(1_250)
    co, tree = recording(company)
    model = CustomerJobTreeModel(co, page_size=200)
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 200 < 1_250
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    assert model.index(399, 0).data() == "Customer 00400"
    sizes = [400]
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        sizes.append(model.rowCount())
    # Pages grow with the list (half again of what is loaded), so a long list is laid
    # out by the view a few times, not once every 200 rows.
    assert sizes == [400, 600, 900, 1_250]
    assert tree.calls["children_after"] == 5 and tree.calls["children"] == 0  # no OFFSET
    assert model.index(1_249, 0).data() == "Customer 01250"


def test_set_show_resets_the_list(qtbot: Any, company: Any, tree_data: Any) -> None:
    tree_data.add("Here")
    tree_data.add("Gone", active=False)
    tree_data.add("Maybe", prospect=True)
    model = CustomerJobTreeModel(company)
    model.fetchMore(QModelIndex())
    assert names(model) == ["Here", "Maybe"]
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.set_show("all")
    assert model.show == "all" and model.rowCount() == 0
    model.fetchMore(QModelIndex())
    assert names(model) == ["Gone", "Here", "Maybe"]
    model.set_show("prospects")
    model.fetchMore(QModelIndex())
    assert names(model) == ["Maybe"]
    with pytest.raises(ValueError):
        model.set_show("everyone")


def test_refresh_reads_the_file_again(qtbot: Any, company: Any, tree_data: Any) -> None:
    tree_data.add("First")
    model = CustomerJobTreeModel(company)
    model.fetchMore(QModelIndex())
    tree_data.add("Second")
    assert names(model) == ["First"]
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.refresh()
    fetch_all(model)
    assert names(model) == ["First", "Second"]


def test_index_for_id_fetches_only_what_leads_to_the_node(company: Any, tree_data: Any) -> None:
    tree_data.add_customers(1_200)
    deep_customer = tree_data.add("Customer 00999b")  # sorts right after Customer 00999
    job = tree_data.add("Job", deep_customer)
    hidden = tree_data.add("Hidden", deep_customer, active=False)
    co, tree = recording(company)
    model = CustomerJobTreeModel(co, page_size=200)

    index = model.index_for_id(job)
    assert index.isValid()
    assert index.data() == "Job"
    assert index.parent().data() == "Customer 00999b"
    assert index.parent().row() == 999
    assert model.rowCount() == 1_000  # five pages, not the whole list
    # One read for the customers, one for the jobs; the distance is counted only as far
    # as the jump distance, never a position in the whole list.
    assert tree.calls["children_after"] == 2 and tree.calls["count_between"] == 1
    assert tree.calls["position"] == tree.calls["children"] == 0

    assert not model.index_for_id(hidden).isValid()  # not listed while showing active
    assert not model.index_for_id(987_654).isValid()
    model.set_show("all")
    assert model.index_for_id(hidden).data() == "Hidden"


def test_a_failed_page_is_reported_and_not_retried(qtbot: Any, company: Any) -> None:
    from officemgr.errors import CompanyFileError

    co, tree = recording(company, fail=CompanyFileError("The company file is locked."))
    model = CustomerJobTreeModel(co)
    with qtbot.waitSignal(model.load_failed, timeout=1000) as blocker:
        model.fetchMore(QModelIndex())
    assert "locked" in blocker.args[0]
    assert model.rowCount() == 0
    assert not model.canFetchMore(QModelIndex())  # no retry loop from the view
    tree.fail = None
    model.refresh()
    assert model.canFetchMore(QModelIndex())


def test_a_record_far_down_moves_the_window_instead_of_reading_every_page(
    company: Any, tree_data: Any
) -> None:
    tree_data.add_customers(6_000)
    far = tree_data.add("Customer 05000b")  # sorts right after Customer 05000
    job = tree_data.add("Job", far)
    co, tree = recording(company)
    model = CustomerJobTreeModel(co, page_size=200)
    assert names(model) == []
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 200 and model.starts_at_top

    index = model.index_for_id(job)
    assert index.data() == "Job" and index.parent().data() == "Customer 05000b"
    assert not model.starts_at_top
    assert index.parent().row() == 50  # half a page around the record, a quarter above
    assert model.index(0, 0).data() == "Customer 04951"
    assert model.rowCount() == 100  # what the window holds, not 5,000 rows
    # The first page, the window's page around the record's key, the jobs; no OFFSET.
    assert tree.calls["children_after"] == 2 and tree.calls["children_around"] == 1
    assert tree.calls["position"] == tree.calls["children"] == 0

    # Scrolling back up reads the customers above, a page at a time, in order.
    assert model.can_fetch_before()
    assert model.fetch_before() == 200
    assert not model.starts_at_top and model.rowCount() == 300
    assert model.index(0, 0).data() == "Customer 04751"
    assert model.index(249, 0).data() == "Customer 05000"
    assert model.index(250, 0).data() == "Customer 05000b"
    assert model.index_for_id(far).row() == 250  # already loaded: no jump
    while model.can_fetch_before():
        model.fetch_before()
    assert model.starts_at_top and model.index(0, 0).data() == "Customer 00001"
    assert model.rowCount() == 5_050
    assert tree.calls["children"] == 0

    model.refresh()
    assert model.starts_at_top


def test_a_record_a_few_pages_down_is_reached_by_reading_them(company: Any, tree_data: Any) -> None:
    tree_data.add_customers(900)
    model = CustomerJobTreeModel(company, page_size=200)
    near = company.customers.search("Customer 00850", mode="equals")[0].id
    assert model.index_for_id(near).row() == 849
    assert model.starts_at_top


def ids_of(model: CustomerJobTreeModel) -> list[int]:
    return [model.index(r, 0).data(Role.NODE_ID) for r in range(model.rowCount())]


def listed(company: Any, show: str = "active") -> list[TreeRow]:
    """The whole customer list as the file has it now (the offset page, read once)."""
    return company.tree.children(parent_id=None, show=show, limit=100_000)


def customer(company: Any, name: str) -> int:
    return int(company.customers.search(name, mode="equals")[0].id)


def test_a_far_window_reads_the_right_rows_after_the_list_changed_around_it(
    company: Any, tree_data: Any
) -> None:
    tree_data.add_customers(6_000)
    model = CustomerJobTreeModel(company, page_size=50)
    assert model.index_for_id(customer(company, "Customer 05000")).row() == 12
    window = names(model)
    assert window[0] == "Customer 04988" and window[-1] == "Customer 05012"

    # Rows come and go above and below the window (another desk, say): an OFFSET page
    # would now read rows twice or skip them.
    tree_data.add("Customer 00001a")
    tree_data.add("Customer 04987a")  # right above the window
    company.customers.delete(customer(company, "Customer 04987"))
    company.customers.update(customer(company, "Customer 04986"), name="Customer 05012a")
    company.customers.update(customer(company, "Customer 05013"), name="Customer 04950a")
    now = listed(company)
    head = next(n for n, row in enumerate(now) if row.name == "Customer 04988")
    tail = next(n for n, row in enumerate(now) if row.name == "Customer 05012")

    assert model.fetch_before() == 50
    assert names(model) == [row.name for row in now[head - 50 : head]] + window
    assert names(model)[49] == "Customer 04987a" and "Customer 04950a" in names(model)
    model.fetchMore(QModelIndex())
    assert names(model)[-50:] == [row.name for row in now[tail + 1 : tail + 51]]
    assert names(model)[75] == "Customer 05012a"  # where it sorts now: read once, there
    assert len(set(ids_of(model))) == model.rowCount()
    while model.can_fetch_before():
        model.fetch_before()
    assert names(model)[:2] == ["Customer 00001", "Customer 00001a"]
    assert [row.name for row in now[: head + 25]] == names(model)[: head + 25]


@pytest.mark.parametrize("show", ["active", "all", "inactive", "prospects"])
def test_scrolling_from_a_jump_reads_every_row_once_in_order_in_every_show_mode(
    company: Any, tree_data: Any, monkeypatch: Any, show: Any
) -> None:
    from officemgr.ui.models import customer_job_tree

    monkeypatch.setattr(customer_job_tree, "JUMP_DISTANCE", 0)  # any record moves it
    names_ = ["Cafe", "Café", "Cafè", "Cafê", "Cafë", "Abbot", "Zorro", "Mills", "Baker"]
    names_ += ["Quinn", "Cafeteria", "Cab", "Caff", "Dunn"]
    ids = {}
    for n, name in enumerate(names_):  # ties on sort_key: the accents fold away
        ids[name] = tree_data.add(name, active=n % 3 != 1, prospect=n % 2 == 0)
    hidden_job = tree_data.add("Old Job", ids["Cafè"], active=False)
    whole = listed(company, show)
    assert len(whole) > 3

    for page_size in (4, 5, 8):
        for target in [row for row in whole if row.name.startswith("Caf")]:
            model = CustomerJobTreeModel(company, show=show, page_size=page_size)
            model.fetchMore(QModelIndex())
            index = model.index_for_id(target.id)
            assert index.data() == target.name
            while model.can_fetch_before():
                model.fetch_before()
            fetch_all(model)
            assert ids_of(model) == [row.id for row in whole], (page_size, target.name)

    model = CustomerJobTreeModel(company, show=show, page_size=4)
    job_index = model.index_for_id(hidden_job)
    assert job_index.isValid() == (show in ("all", "inactive"))
    if job_index.isValid():  # a job under a far customer: the window moved to its customer
        assert job_index.parent().data() == "Cafè"
        assert job_index.parent().data(Role.NODE_ID) == ids["Cafè"]


def test_a_record_renamed_into_the_window_since_it_was_read_is_found(
    qtbot: Any, company: Any, tree_data: Any
) -> None:
    tree_data.add_customers(6_000)
    model = CustomerJobTreeModel(company, page_size=200)
    model.index_for_id(customer(company, "Customer 05000"))
    moved = customer(company, "Customer 00010")
    company.customers.update(moved, name="Customer 05010a")  # now inside the window's keys
    with qtbot.waitSignal(model.modelReset, timeout=1000):  # the window is read again
        index = model.index_for_id(moved)
    assert index.data() == "Customer 05010a"
    assert model.index(index.row() - 1, 0).data() == "Customer 05010"
    assert model.index(index.row() + 1, 0).data() == "Customer 05011"


def test_a_record_a_little_above_the_window_is_read_upwards_without_a_reset(
    company: Any, tree_data: Any
) -> None:
    tree_data.add_customers(6_000)
    co, tree = recording(company)
    model = CustomerJobTreeModel(co, page_size=200)
    model.index_for_id(customer(company, "Customer 05000"))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    above = customer(company, "Customer 04700")
    index = model.index_for_id(above)
    assert index.data() == "Customer 04700" and not resets
    assert model.index(0, 0).data() == "Customer 04550"  # whole pages of 200, one read
    assert model.rowCount() == 500
    assert tree.calls["children_before"] == 1 and tree.calls["position"] == 0


def test_the_view_lays_out_a_jump_without_reading_more_until_scrolled(
    qtbot: Any, company: Any, tree_data: Any
) -> None:
    from officemgr.ui.customers.tree_view import CustomerJobTreeView

    tree_data.add_customers(6_000)
    co, tree = recording(company)
    model = CustomerJobTreeModel(co, page_size=200)
    view = CustomerJobTreeView()
    qtbot.addWidget(view)
    view.resize(300, 400)
    view.set_tree_model(model)
    view.show()
    qtbot.waitUntil(lambda: model.rowCount() == 200)
    view.verticalScrollBar().setValue(150)  # somewhere down the first page
    assert view.select_node(customer(company, "Customer 05000"))
    qtbot.wait(50)  # layouts and paints
    # The jump's half page only: QTreeView's layout of it would fetch the page below.
    assert model.rowCount() == 100 and not model.starts_at_top
    assert tree.calls["children_after"] == 1 and tree.calls["children_before"] == 0
    assert view.currentIndex().data() == "Customer 05000"
    assert view.visualRect(view.currentIndex()).intersects(view.viewport().rect())

    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())  # the end of the window: the next page comes
    qtbot.waitUntil(lambda: model.rowCount() == 300)
    bar.setValue(bar.minimum())  # and the top: the page above
    qtbot.waitUntil(lambda: model.rowCount() == 500)
    assert view.currentIndex().data() == "Customer 05000"
