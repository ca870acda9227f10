"""The tree service: pages of the Customer:Job list, show modes, badges, counts, paths."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, update

from officemgr.core import models as m
from officemgr.core.services.tree import TreeCounts
from officemgr.errors import NotFoundError, ValidationError

NODES = m.CustomerJob.__table__


@pytest.fixture
def data(tree_data: Any) -> Any:
    return tree_data


def names(rows: list[Any]) -> list[str]:
    return [row.name for row in rows]


def test_customers_come_in_sort_order_with_jobs_below(company: Any, data: Any) -> None:
    smith = data.add("Smith, John")
    data.add("acme Heating")
    data.add("Zeta Movers")
    data.add("Baker, Ann")
    furnace = data.add("Furnace Replacement", smith)
    data.add("Annual Service", smith)

    customers = company.tree.children(parent_id=None)
    assert names(customers) == ["acme Heating", "Baker, Ann", "Smith, John", "Zeta Movers"]
    assert [row.has_children for row in customers] == [False, False, True, False]
    assert all(row.is_customer and row.depth == 0 for row in customers)

    jobs = company.tree.children(parent_id=smith)
    assert names(jobs) == ["Annual Service", "Furnace Replacement"]
    assert jobs[1].id == furnace
    assert jobs[1].full_name == "Smith, John:Furnace Replacement"
    assert jobs[1].parent_id == smith and jobs[1].customer_id == smith and jobs[1].depth == 1
    assert not jobs[1].is_customer


def test_equal_sort_keys_are_ordered_by_id(company: Any, data: Any) -> None:
    first = data.add("Same")
    parent = data.add("Parent")
    second = data.add("same", parent)  # different parent: not a sibling
    third = data.add("Other")
    with company.write() as session:  # force a tie between two customers
        session.execute(update(NODES).where(NODES.c.id == third).values(sort_key="same"))
    rows = company.tree.children(parent_id=None)
    assert [row.id for row in rows] == [parent, first, third]
    assert second not in [row.id for row in rows]


def test_pages_join_up_to_the_whole_list(company: Any, data: Any) -> None:
    for i in range(23):
        data.add(f"Customer {i:02d}")
    pages = [company.tree.children(parent_id=None, offset=o, limit=10) for o in (0, 10, 20, 30)]
    assert [len(page) for page in pages] == [10, 10, 3, 0]
    assert [row.name for page in pages for row in page] == [f"Customer {i:02d}" for i in range(23)]


def test_show_modes(company: Any, data: Any) -> None:
    active = data.add("Active Co")
    data.add("Gone Co", active=False)
    data.add("Maybe Co", prospect=True)
    data.add("Lost Prospect", prospect=True, active=False)
    live_job = data.add("Live Job", active)
    data.add("Old Job", active, active=False)
    data.add("Old Sub-job", live_job, active=False)

    def listed(show: str, parent: int | None = None) -> list[str]:
        return names(company.tree.children(parent_id=parent, show=show))

    assert listed("active") == ["Active Co", "Maybe Co"]
    assert listed("all") == ["Active Co", "Gone Co", "Lost Prospect", "Maybe Co"]
    assert listed("prospects") == ["Maybe Co"]
    # Inactive nodes, and the active ones that lead to them.
    assert listed("inactive") == ["Active Co", "Gone Co", "Lost Prospect"]

    assert listed("active", active) == ["Live Job"]
    assert listed("all", active) == ["Live Job", "Old Job"]
    assert listed("inactive", active) == ["Live Job", "Old Job"]
    assert listed("inactive", live_job) == ["Old Sub-job"]
    assert listed("active", live_job) == []

    by_name = {row.name: row for row in company.tree.children(parent_id=None, show="all")}
    assert not by_name["Gone Co"].is_active and by_name["Active Co"].is_active
    assert by_name["Maybe Co"].is_prospect and not by_name["Active Co"].is_prospect
    # has_children follows the same show: Live Job has only an inactive child.
    live = {row.name: row for row in company.tree.children(parent_id=active, show="active")}
    assert not live["Live Job"].has_children
    live = {row.name: row for row in company.tree.children(parent_id=active, show="all")}
    assert live["Live Job"].has_children and not live["Old Job"].has_children


def test_inactive_mode_does_not_match_a_sibling_by_name_prefix(company: Any, data: Any) -> None:
    owner = data.add("Owner")
    data.add("Roof", owner)
    roofing = data.add("Roofing", owner)
    data.add("Old", roofing, active=False)  # "Owner:Roofing:Old" starts with "Owner:Roof"
    rows = {row.name: row for row in company.tree.children(parent_id=owner, show="inactive")}
    assert list(rows) == ["Roofing"]
    assert rows["Roofing"].has_children


def test_unknown_show_mode_is_refused(company: Any) -> None:
    with pytest.raises(ValidationError, match="Unknown list filter"):
        company.tree.children(parent_id=None, show="everything")
    with pytest.raises(ValidationError):
        company.tree.child_count(parent_id=None, show="")
    with pytest.raises(ValidationError):
        company.tree.children(parent_id=None, limit=0)


def test_jobs_show_their_customers_credit_hold(company: Any, data: Any) -> None:
    held = data.add("Held Co", hold=True)
    job = data.add("Job", held)
    sub = data.add("Sub", job)
    free = data.add("Free Co")
    free_job = data.add("Job", free)
    with company.write() as session:  # a hold flag on a job itself is not what counts
        session.execute(update(NODES).where(NODES.c.id == free_job).values(credit_hold=True))

    assert company.tree.children(parent_id=None)[1].on_credit_hold  # Held Co
    assert not company.tree.children(parent_id=None)[0].on_credit_hold  # Free Co
    assert company.tree.children(parent_id=held)[0].on_credit_hold
    assert company.tree.children(parent_id=job)[0].id == sub
    assert company.tree.children(parent_id=job)[0].on_credit_hold
    assert not company.tree.children(parent_id=free)[0].on_credit_hold


def test_popup_notes_of_the_node_or_its_customer(company: Any, data: Any) -> None:
    noted = data.add("Noted Co")
    job = data.add("Job", noted)
    plain = data.add("Plain Co")
    plain_job = data.add("Job With Note", plain)
    expired = data.add("Expired Co")
    silenced = data.add("Silenced Co")
    data.note(noted)
    data.note(plain_job)
    data.note(expired, until=date.today() - timedelta(days=1))
    data.note(silenced, active=False)

    flags = {row.name: row.has_popup_notes for row in company.tree.children(parent_id=None)}
    assert flags == {
        "Expired Co": False,
        "Noted Co": True,
        "Plain Co": False,
        "Silenced Co": False,
    }
    assert company.tree.children(parent_id=noted)[0].has_popup_notes  # inherited
    assert company.tree.children(parent_id=noted)[0].id == job
    assert company.tree.children(parent_id=plain)[0].has_popup_notes  # its own


def test_balance_is_an_exact_decimal(company: Any, data: Any) -> None:
    data.add("Owes", balance="1234567.89")
    data.add("Owes Nothing")
    rows = company.tree.children(parent_id=None)
    assert rows[0].balance_total == Decimal("1234567.89")
    assert rows[1].balance_total == Decimal("0")
    assert all(isinstance(row.balance_total, Decimal) for row in rows)


def test_child_count_matches_the_listed_children(company: Any, data: Any) -> None:
    a = data.add("A")
    data.add("B", active=False)
    data.add("C", prospect=True)
    data.add("J1", a)
    data.add("J2", a, active=False)
    for show in ("active", "inactive", "all", "prospects"):
        for parent in (None, a):
            expected = len(company.tree.children(parent_id=parent, show=show))
            assert company.tree.child_count(parent_id=parent, show=show) == expected, show
    assert company.tree.child_count(parent_id=None) == 2
    assert company.tree.child_count(parent_id=None, show="all") == 3


def test_counts(company: Any, data: Any) -> None:
    assert company.tree.counts() == TreeCounts(0, 0, 0, 0, 0, 0, 0)
    a = data.add("A", hold=True)
    data.add("B", active=False, hold=True)
    data.add("C", prospect=True)
    data.add("D", prospect=True, active=False)
    data.add("J1", a)
    data.add("J2", a, active=False)
    assert company.tree.counts() == TreeCounts(
        customers=4,
        jobs=2,
        active_customers=2,
        inactive_customers=2,
        inactive_jobs=1,
        prospects=1,
        on_hold=2,
    )


def test_path_to_lists_ids_from_the_customer_down(company: Any, data: Any) -> None:
    customer = data.add("Customer")
    job = data.add("Job", customer)
    sub = data.add("Sub", job)
    assert company.tree.path_to(sub) == [customer, job, sub]
    assert company.tree.path_to(customer) == [customer]
    with pytest.raises(NotFoundError):
        company.tree.path_to(9999)


def test_position_among_listed_siblings(company: Any, data: Any) -> None:
    ids = {name: data.add(name) for name in ("Delta", "Alpha", "Charlie")}
    gone = data.add("Bravo", active=False)
    job = data.add("Job", ids["Charlie"])
    assert company.tree.position(node_id=ids["Alpha"]) == 0
    assert company.tree.position(node_id=ids["Charlie"]) == 1
    assert company.tree.position(node_id=ids["Delta"]) == 2
    assert company.tree.position(node_id=ids["Delta"], show="all") == 3
    assert company.tree.position(node_id=gone) is None
    assert company.tree.position(node_id=gone, show="all") == 1
    assert company.tree.position(node_id=job) == 0
    with pytest.raises(NotFoundError):
        company.tree.position(node_id=9999)


def _page_queries(company: Any, call: Any) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: Any):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, params))

    event.listen(company.engine, "before_cursor_execute", record)
    try:
        call()
    finally:
        event.remove(company.engine, "before_cursor_execute", record)
    return seen


def _plan(company: Any, statement: str, params: Any) -> list[str]:
    with company.engine.connect() as conn:
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
    return [str(row[-1]) for row in rows]


@pytest.mark.sqlite_only  # SQLite's own query plan / statements
@pytest.mark.parametrize("show", ["active", "all", "inactive", "prospects"])
@pytest.mark.parametrize("level", ["customers", "jobs"])
def test_a_page_is_one_query_served_by_the_index(
    company: Any, data: Any, show: str, level: str
) -> None:
    hub = data.add("Hub", hold=True)
    parent_id = hub if level == "jobs" else None
    for i in range(60):
        node = data.add(f"Node {i:02d}", parent_id, active=i % 5 != 0, prospect=i % 2 == 0)
        if i % 3 == 0:
            data.add("Child", node, active=i % 4 != 0)
            data.note(node)

    rows: list[Any] = []
    queries = _page_queries(
        company,
        lambda: rows.extend(company.tree.children(parent_id=parent_id, show=show, limit=20)),
    )
    assert len(rows) == min(20, company.tree.child_count(parent_id=parent_id, show=show)) > 10
    assert len(queries) == 1  # badges and has_children come with the page, not per row

    plan = _plan(company, *queries[0])
    # The page of ids (everything before "SCAN page") comes from the index in sort order;
    # only the page itself (at most `limit` rows) may be sorted afterwards.
    page_plan = plan[: plan.index("SCAN page")]
    assert any("ix_customer_jobs_parent_sort" in step for step in page_plan), plan
    assert not any("TEMP B-TREE" in step for step in page_plan), plan
    assert not any(step.startswith("SCAN") for step in plan if step != "SCAN page"), plan


def test_the_tree_service_imports_no_qt() -> None:
    code = (
        "import sys, officemgr.core.services.tree; "
        "sys.exit(any(n.startswith(('PySide6', 'shiboken6')) for n in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


# -- pages by key ----------------------------------------------------------------------


def _mixed_list(data: Any) -> dict[str, int]:
    """Customers with ties on sort_key (accents fold away), inactive ones, prospects and
    jobs (some inactive): every show mode lists a different subset."""
    ids: dict[str, int] = {}
    for number, name in enumerate(
        ["Cafe", "Café", "Cafè", "Cafê", "Cafë", "Abbot", "Zorro", "Mills", "Baker", "Quinn"]
    ):
        ids[name] = data.add(name, active=number % 3 != 1, prospect=number % 2 == 0)
    ids["Job"] = data.add("Job", ids["Mills"], active=False)
    ids["Other Job"] = data.add("Other Job", ids["Quinn"])
    return ids


@pytest.mark.parametrize("show", ["active", "all", "inactive", "prospects"])
@pytest.mark.parametrize("size", [1, 2, 3])
def test_pages_by_key_walk_the_list_both_ways_as_the_offset_pages_do(
    company: Any, data: Any, show: str, size: int
) -> None:
    _mixed_list(data)
    tree = company.tree
    whole = tree.children(parent_id=None, show=show, limit=1_000)
    assert len({row.sort_key for row in whole}) < len(whole) or show == "prospects"

    forwards: list[Any] = []
    page = tree.children_after(parent_id=None, show=show, limit=size)
    while page:
        forwards += page
        page = tree.children_after(parent_id=None, show=show, after=page[-1].key, limit=size)
    assert forwards == whole  # ties on sort_key in id order, each row once

    backwards: list[Any] = []
    page = tree.children_before(parent_id=None, show=show, before=("\U0010ffff", 0), limit=size)
    while page:
        backwards[:0] = page
        page = tree.children_before(parent_id=None, show=show, before=page[0].key, limit=size)
    assert backwards == whole

    for n, row in enumerate(whole):
        around = tree.children_around(parent_id=None, show=show, key=row.key, before=2, after=2)
        assert around == whole[max(0, n - 2) : n + 2]
        assert tree.count_between(parent_id=None, show=show, low=None, high=row.key, most=99) == n
        assert (
            tree.count_between(parent_id=None, show=show, low=whole[0].key, high=row.key, most=99)
            == n
        )
        assert tree.count_between(parent_id=None, show=show, low=None, high=row.key, most=1) == (
            min(n, 1)
        )


def test_a_key_page_does_not_move_when_rows_come_and_go_elsewhere(company: Any, data: Any) -> None:
    for name in ("Adams", "Baker", "Clark", "Davis", "Evans", "Foster"):
        data.add(name)
    tree = company.tree
    first = tree.children_after(parent_id=None, limit=3)
    assert names(first) == ["Adams", "Baker", "Clark"]
    data.add("Aaron")  # above the page: an OFFSET of 3 would now read Clark again
    company.customers.delete(first[0].id)
    company.customers.update(first[2].id, name="Zane")  # the key's own row moved on
    assert names(tree.children_after(parent_id=None, after=first[-1].key, limit=3)) == [
        "Davis",
        "Evans",
        "Foster",
    ]
    assert names(tree.children_before(parent_id=None, before=first[-1].key, limit=5)) == [
        "Aaron",
        "Baker",
    ]


def test_jobs_are_paged_by_key_too(company: Any, data: Any) -> None:
    customer = data.add("Customer")
    for name in ("Roof", "Attic", "Deck", "Basement"):
        data.add(name, customer)
    tree = company.tree
    page = tree.children_after(parent_id=customer, limit=2)
    assert names(page) == ["Attic", "Basement"]
    assert names(tree.children_after(parent_id=customer, after=page[-1].key)) == ["Deck", "Roof"]
    assert names(tree.children_around(parent_id=customer, key=page[-1].key, before=1, after=2)) == [
        "Attic",
        "Basement",
        "Deck",
    ]


def test_locate_gives_the_path_with_keys_and_what_the_show_lists(company: Any, data: Any) -> None:
    customer = data.add("Ångström")
    job = data.add("Job", customer, active=False)
    sub = data.add("Sub", job)
    places = company.tree.locate(node_id=sub)
    assert [place.id for place in places] == [customer, job, sub]
    assert places[0].parent_id is None and places[2].parent_id == job
    assert places[0].key == ("angstrom", customer)
    assert [place.listed for place in places] == [True, False, True]
    assert [p.listed for p in company.tree.locate(node_id=sub, show="inactive")] == [
        True,
        True,
        False,
    ]
    assert all(p.listed for p in company.tree.locate(node_id=sub, show="all"))
    with pytest.raises(NotFoundError):
        company.tree.locate(node_id=9999)


@pytest.mark.parametrize(
    "call",
    [
        lambda t: t.children_after(parent_id=None, after=("a",)),
        lambda t: t.children_after(parent_id=None, after=(1, 2)),
        lambda t: t.children_before(parent_id=None, before=("a", True)),
        lambda t: t.children_before(parent_id=None, before=("a", 1), limit=0),
        lambda t: t.children_around(parent_id=None, key="a1"),
        lambda t: t.children_around(parent_id=None, key=("a", 1), before=-1),
        lambda t: t.count_between(parent_id=None, low=None, high=("a", 1), most=0),
        lambda t: t.locate(node_id="x"),
    ],
)
def test_keys_and_limits_are_checked(company: Any, call: Any) -> None:
    with pytest.raises(ValidationError):
        call(company.tree)


@pytest.mark.sqlite_only  # SQLite's own query plan / statements
@pytest.mark.parametrize("show", ["active", "all", "inactive", "prospects"])
def test_a_page_by_key_is_one_index_range_whatever_its_place(
    company: Any, data: Any, show: str
) -> None:
    tree_data = data
    tree_data.add_customers(300)
    with company.write() as session:  # some inactive, some prospects, far down the list
        session.execute(update(NODES).where(NODES.c.id % 7 == 0).values(is_active=False))
        session.execute(update(NODES).where(NODES.c.id % 5 == 0).values(is_prospect=True))
    tree = company.tree
    key = tree.children(parent_id=None, show="all", offset=250, limit=1)[0].key
    calls = {
        "after": lambda: tree.children_after(parent_id=None, show=show, after=key, limit=20),
        "before": lambda: tree.children_before(parent_id=None, show=show, before=key, limit=20),
        "around": lambda: tree.children_around(parent_id=None, show=show, key=key),
        "count": lambda: tree.count_between(parent_id=None, show=show, low=None, high=key, most=9),
    }
    for what, call in calls.items():
        queries = _page_queries(company, call)
        assert len(queries) == 1, what
        statement, params = queries[0]
        assert _offsets(statement, params) == [0] * len(_offsets(statement, params)), what
        plan = _plan(company, statement, params)
        # The rows of the page (or counted) are picked by a seek to the key in the index.
        picks = [step for step in plan if _PICKS.match(step)]
        assert picks, (what, plan)
        assert all("ix_customer_jobs_parent_sort" in step for step in picks), (what, plan)
        assert all("sort_key<?" in s or "sort_key>?" in s for s in picks), (what, plan)
        scanned = {step.split()[1] for step in plan if step.startswith("SCAN ")}
        assert scanned <= {"page", "above", "onward", "capped"}, plan  # its own rows only
        if what != "around":  # its ≤ limit rows are put in order once picked
            page_plan = plan[: plan.index("SCAN page")] if "SCAN page" in plan else plan
            assert not any("TEMP B-TREE" in step for step in page_plan), (what, plan)


_PICKS = re.compile(r"(SEARCH|SCAN) (page|above|onward|counted)\d")  # the key range scans


def _offsets(statement: str, params: Any) -> list[Any]:
    """The OFFSET values of a statement (SQLAlchemy writes "OFFSET ?" with 0 for SQLite)."""
    found = []
    for at in (n for n in range(len(statement)) if statement.startswith("OFFSET ?", n)):
        found.append(params[statement.count("?", 0, at)])
    return found
