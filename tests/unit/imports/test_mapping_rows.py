"""`rows_to_nodes`: a table's rows as customers and jobs — the name rules (full name,
name under a parent, first/last, company), the values converted to their types, and the
problems it reports instead of raising."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from officemgr.core.imports.mapping import (
    TARGETS,
    ColumnMapping,
    guess_mapping,
    rows_to_nodes,
)
from officemgr.core.imports.records import ContactIn, NodeIn, ParsedFile, Problem
from officemgr.core.imports.tables import Table, TableRow, read_table

DATA = Path(__file__).parent / "data" / "tables"


def parse(text: str, mapping: dict[str, str] | None = None) -> ParsedFile:
    table = read_table(text.encode())
    return rows_to_nodes(table, ColumnMapping(mapping) if mapping else guess_mapping(table.headers))


def one_node(text: str, mapping: dict[str, str] | None = None) -> NodeIn:
    (node,) = parse(text, mapping).nodes
    return node


def problems(parsed: ParsedFile) -> list[tuple[int, str]]:
    return [(p.line, p.severity) for p in parsed.problems]


# ------------------------------------------------------------------------- names


def test_a_full_name_file_gives_paths() -> None:
    parsed = parse(
        "Full Name,Phone\n"
        "Smith,\n"
        "Smith:Kitchen,555\n"
        " Smith : Kitchen : Cabinets ,\n"
        "A:B:C:D:E,\n"
        "A:B:C:D:E:F,\n"
        "Smith::Kitchen,\n"
        "Smith:,\n"
    )
    assert [node.path for node in parsed.nodes] == [
        ("Smith",),
        ("Smith", "Kitchen"),
        ("Smith", "Kitchen", "Cabinets"),
        ("A", "B", "C", "D", "E"),
    ]
    assert [node.line for node in parsed.nodes] == [2, 3, 4, 5]
    assert parsed.nodes[1].is_customer is False
    assert problems(parsed) == [(6, "error"), (7, "error"), (8, "error")]
    assert "6 levels" in parsed.problems[0].message
    assert "empty name" in parsed.problems[1].message


def test_a_name_column_under_a_parent_column() -> None:
    parsed = parse(
        "Name,Parent\n"
        "Smith,\n"
        "Kitchen,Smith\n"
        "Cabinets,Smith:Kitchen\n"
        ",Jones\n"  # no name: the row is the parent itself
        "Jones:Deck,\n"  # a name with ":" is a path of its own
    )
    assert [node.path for node in parsed.nodes] == [
        ("Smith",),
        ("Smith", "Kitchen"),
        ("Smith", "Kitchen", "Cabinets"),
        ("Jones",),
        ("Jones", "Deck"),
    ]
    assert parsed.problems == ()


def test_a_customer_and_job_file_as_guessed() -> None:
    parsed = parse("Customer,Job,Job Status\nSmith,,\nSmith,Kitchen,Pending\n")
    assert [node.path for node in parsed.nodes] == [("Smith",), ("Smith", "Kitchen")]
    assert parsed.nodes[1].values == {"status": "Pending"}


def test_first_and_last_names_make_last_comma_first() -> None:
    parsed = parse(
        "First Name,Last Name,Company\n"
        "John,Smith,Acme\n"
        ",Jones,\n"
        "Cher,,\n"
        ",,Acme Heating\n"
        ",,\n"  # fully empty: skipped by the table
        "  ,  ,  \n"
    )
    assert [node.path for node in parsed.nodes] == [
        ("Smith, John",),
        ("Jones",),
        ("Cher",),
        ("Acme Heating",),
    ]
    assert parsed.nodes[0].values == {
        "company_name": "Acme",
        "first_name": "John",
        "last_name": "Smith",
    }
    assert parsed.problems == ()


def test_a_full_name_wins_over_the_other_name_columns() -> None:
    node = one_node("Full Name,Name,First Name,Last Name\nSmith:Deck,Other,John,Smith\n")
    assert node.path == ("Smith", "Deck")


def test_a_row_without_a_name_is_an_error() -> None:
    parsed = parse("Name,Phone\nSmith,1\n,555-1234\n")
    assert [node.path for node in parsed.nodes] == [("Smith",)]
    (problem,) = parsed.problems
    assert (problem.line, problem.severity, problem.raw) == (3, "error", ",555-1234")
    assert "no name" in problem.message


@pytest.mark.parametrize(
    ("name", "words"),
    [("x" * 101, "at most 100"), ("Bad\x07Bell", "control characters")],
)
def test_a_name_the_company_file_would_refuse_is_an_error(name: str, words: str) -> None:
    table = Table("csv", ("Name",), (TableRow(2, (name,), name),))
    parsed = rows_to_nodes(table, ColumnMapping({"Name": "name"}))
    assert parsed.nodes == ()
    assert words in parsed.problems[0].message


def test_names_are_trimmed_and_inner_spaces_collapsed() -> None:
    assert one_node('Name\n"  Acme    Heating  "\n').path == ("Acme Heating",)


# ------------------------------------------------------------------------ values


def test_text_values_addresses_lists_contacts_custom_fields() -> None:
    node = one_node(
        "Name,E-mail,Phone,Street,City,State,Zip,Country,Ship To City,Terms,Rep,Type,Job Type,"
        "Tax Code,Contact,Contact 2,custom:Gate Code,Notes\n"
        "Smith, a@b.com ,555,1 Main St,Springfield,IL,62701,us,Salem,Net 30,JS,Residential,"
        'Remodel:Kitchen,CA,Ann Smith,Bob,#1234,"two\nlines"\n'
    )
    assert node.values == {
        "phone": "555",
        "email": "a@b.com",
        "notepad": "two\nlines",
        "bill_to": {
            "line1": "1 Main St",
            "city": "Springfield",
            "region": "IL",
            "postal_code": "62701",
            "country": "US",
        },
        "work": {"city": "Salem"},
    }
    assert node.address("work") == {"city": "Salem"}
    assert node.lists == {
        "terms": "Net 30",
        "sales_rep": "JS",
        "customer_type": "Residential",
        "job_type": "Remodel:Kitchen",
        "tax_code": "CA",
    }
    assert node.contacts == (ContactIn("Ann Smith"), ContactIn("Bob"))
    assert node.custom == {"Gate Code": "#1234"}
    assert node.taxable is None


def test_empty_cells_are_left_out() -> None:
    node = one_node(
        "Name,Phone,City,Credit Limit,Active,Start Date,custom:X,Terms\nSmith,, ,,,,,\n"
    )
    assert (node.values, node.lists, node.custom, node.contacts) == ({}, {}, {}, ())


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1234.50", Decimal("1234.50")),
        ("1,234.50", Decimal("1234.50")),
        ("$1,234.50", Decimal("1234.50")),
        ("$ 500", Decimal("500")),
        ("1,500", Decimal("1500")),
        ("1,234,567", Decimal("1234567")),
        ("1.234,50", Decimal("1234.50")),
        ("1234,5", Decimal("1234.5")),
        ("€2.000", None),  # 2 or 2000: three decimals are more than cents, so ambiguous
        ("0", Decimal("0")),
        ("abc", None),
        ("-100", None),
        ("12.345", None),  # more than cents
        ("1,23,4", None),
        ("1.2.3", None),
    ],
)
def test_credit_limits(text: str, amount: Decimal | None) -> None:
    parsed = parse(f'Name,Credit Limit\nSmith,"{text}"\n')
    assert parsed.nodes[0].values.get("credit_limit") == amount
    assert problems(parsed) == ([] if amount is not None else [(2, "warning")])


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("2025-03-31", date(2025, 3, 31)),
        ("2025-03-31 14:05:00", date(2025, 3, 31)),
        ("2025/3/31", date(2025, 3, 31)),
        ("3/31/2025", date(2025, 3, 31)),
        ("03/04/2025", date(2025, 3, 4)),  # month first, as in the US
        ("3/4/25", date(2025, 3, 4)),
        ("31.03.2025", date(2025, 3, 31)),
        ("4.3.2025", date(2025, 3, 4)),
        ("13/45/2025", None),
        ("2025-02-30", None),
        ("31.13.2025", None),
        ("March 4", None),
        ("45678", None),
    ],
)
def test_dates(text: str, when: date | None) -> None:
    parsed = parse(f"Name,Start Date\nSmith,{text}\n")
    assert parsed.nodes[0].values.get("start_date") == when
    assert problems(parsed) == ([] if when is not None else [(2, "warning")])


def test_a_column_of_day_first_dates_is_read_day_first() -> None:
    parsed = parse("Name,Start Date\nA,25/12/2025\nB,03/04/2025\nC,4/4/2025\n")
    assert [n.values["start_date"] for n in parsed.nodes] == [
        date(2025, 12, 25),
        date(2025, 4, 3),
        date(2025, 4, 4),
    ]


def test_a_column_with_both_orders_leaves_the_ambiguous_dates_out() -> None:
    parsed = parse("Name,End Date\nA,25/12/2025\nB,12/25/2025\nC,03/04/2025\nD,5/5/2025\n")
    assert [n.values.get("completion_date") for n in parsed.nodes] == [
        date(2025, 12, 25),
        date(2025, 12, 25),
        None,
        date(2025, 5, 5),
    ]
    assert problems(parsed) == [(4, "warning")]
    assert "day/month or month/day" in parsed.problems[0].message


@pytest.mark.parametrize(
    ("header", "text", "active"),
    [
        ("Active", "yes", True),
        ("Active", "N", False),
        ("Active", "TRUE", True),
        ("Active", "0", False),
        ("Active", "x", True),
        ("Active Status", "Inactive", False),
        ("Active Status", "Active", True),
        ("Inactive", "yes", False),
        ("Inactive", "x", False),
        ("Inactive", "false", True),
        ("Hidden", "1", False),
        ("Hidden", "n", True),
        ("Active", "maybe", None),
    ],
)
def test_active_and_inactive_columns(header: str, text: str, active: bool | None) -> None:
    parsed = parse(f"Name,{header}\nSmith,{text}\n")
    assert parsed.nodes[0].values.get("is_active") == active
    assert problems(parsed) == ([] if active is not None else [(2, "warning")])


@pytest.mark.parametrize(
    ("text", "taxable"),
    [("Y", True), ("no", False), ("Tax", True), ("Non", False), ("?", None)],
)
def test_taxable(text: str, taxable: bool | None) -> None:
    parsed = parse(f"Name,Taxable\nSmith,{text}\n")
    assert parsed.nodes[0].taxable is taxable
    assert problems(parsed) == ([] if taxable is not None else [(2, "warning")])


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("in progress", "In Progress"),
        ("IN-PROGRESS", "In Progress"),
        ("not awarded", "Not Awarded"),
        ("Closed", "Closed"),
        ("none", "None"),
        ("Finished", None),
    ],
)
def test_job_status(text: str, status: str | None) -> None:
    parsed = parse(f"Name,Job Status\nSmith,{text}\n")
    assert parsed.nodes[0].values.get("status") == status
    assert problems(parsed) == ([] if status is not None else [(2, "warning")])


def test_countries_by_code_or_a_few_names() -> None:
    parsed = parse("Name,Country\nA,United States\nB,ca\nC,Narnia\n")
    assert [n.values.get("bill_to") for n in parsed.nodes] == [
        {"country": "US"},
        {"country": "CA"},
        None,
    ]
    assert problems(parsed) == [(4, "warning")]


# ------------------------------------------------------------ problems, the mapping


def test_problems_keep_line_order_with_the_tables_own() -> None:
    parsed = parse(
        "Name,Credit Limit,Phone\n"
        'Smith,"1,000",1,extra\n'  # ragged: the table's warning
        ",,2\n"  # no name: an error
        "Jones,lots,3\n"  # a bad amount: a warning
    )
    assert problems(parsed) == [(2, "warning"), (3, "error"), (4, "warning")]
    assert [node.line for node in parsed.nodes] == [2, 4]
    assert parsed.nodes[1].raw == "Jones,lots,3"
    assert parsed.format == "csv"


def test_a_mapping_names_columns_the_table_lacks_or_fields_that_do_not_exist() -> None:
    table = read_table(b"Name,Phone\nSmith,555\n")
    mapping = ColumnMapping({"Name": "name", "Fax": "fax", "Phone": "phone_number"})
    parsed = rows_to_nodes(table, mapping)
    assert parsed.nodes[0].values == {}
    assert problems(parsed) == [(0, "warning")]
    assert "phone_number" in parsed.problems[0].message


def test_two_columns_to_one_field_take_the_first_not_empty() -> None:
    parsed = parse(
        "Name,Phone,Mobile\nA,1,2\nB,,3\n",
        {"Name": "name", "Phone": "phone", "Mobile": "phone"},
    )
    assert [n.values["phone"] for n in parsed.nodes] == ["1", "3"]


def test_a_refused_file_gives_its_problem_and_no_nodes() -> None:
    table = read_table(b"%PDF-1.4")
    parsed = rows_to_nodes(table, guess_mapping(table.headers))
    assert parsed.nodes == ()
    assert parsed.problems == table.problems


def test_our_own_export_columns_round_trip() -> None:
    headers = ["full_name", "phone", "bill_to.city", "credit_limit", "is_active", "custom:Gate"]
    text = ",".join(headers) + "\nSmith:Deck,555,Salem,1500.00,false,7\n"
    node = one_node(text)
    assert node.path == ("Smith", "Deck")
    assert node.values == {
        "phone": "555",
        "bill_to": {"city": "Salem"},
        "credit_limit": Decimal("1500.00"),
        "is_active": False,
    }
    assert node.custom == {"Gate": "7"}


def test_the_quickbooks_style_fixture_end_to_end() -> None:
    table = read_table((DATA / "customer_list.csv").read_bytes())
    parsed = rows_to_nodes(table, guess_mapping(table.headers))
    assert [node.path for node in parsed.nodes] == [
        ("Abercrombie, Kristy",),
        ("Abercrombie, Kristy", "Family Room"),
        ("Cook's Plumbing Supply",),
        ("Pretell Real Estate", "155 Wilks Blvd."),
    ]
    kristy, room, cooks, pretell = parsed.nodes
    assert kristy.values["credit_limit"] == Decimal("1500.00")
    assert kristy.values["bill_to"] == {
        "line1": "5647 Cypress Hill Rd",
        "city": "Bayshore",
        "region": "CA",
        "postal_code": "94326",
    }
    assert room.line == 3
    assert room.values["start_date"] == date(2025, 10, 15)
    assert room.values["status"] == "In Progress"
    assert room.values["description"] == "Family room remodel: tear out\nthe old paneling"
    assert cooks.line == 5
    assert cooks.values["is_active"] is False
    assert cooks.values["credit_limit"] == Decimal("25000")
    assert cooks.lists == {"customer_type": "Commercial", "terms": "Net 30", "sales_rep": "RK"}
    assert pretell.values["start_date"] == date(2025, 11, 3)
    assert parsed.problems == ()


def test_an_excel_file_end_to_end() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Customer", "Phone", "Credit Limit", "Start Date", "Active"])
    sheet.append(["Smith", 5551234, 1234.5, date(2025, 3, 4), True])
    buffer = BytesIO()
    book.save(buffer)
    table = read_table(buffer.getvalue())
    node = one_node_of(rows_to_nodes(table, guess_mapping(table.headers)))
    assert node.values == {
        "phone": "5551234",
        "credit_limit": Decimal("1234.5"),
        "start_date": date(2025, 3, 4),
        "is_active": True,
    }
    assert node.raw == "Smith\t5551234\t1234.5\t2025-03-04\tTRUE"


def one_node_of(parsed: ParsedFile) -> NodeIn:
    (node,) = parsed.nodes
    assert parsed.problems == ()
    return node


# -------------------------------------------------------------------- never raises

_CELLS = st.text(st.sampled_from(list("ab:,./-$ 0123456789xXyn\t")), max_size=12) | st.text(
    max_size=8
)


@settings(max_examples=200, deadline=None)
@given(
    targets=st.lists(st.sampled_from([*TARGETS, "custom:Gate", "bogus"]), min_size=1, max_size=8),
    cells=st.lists(st.lists(_CELLS, min_size=8, max_size=8), max_size=6),
)
def test_rows_to_nodes_never_raises(targets: list[str], cells: list[list[str]]) -> None:
    headers = tuple(f"c{i}" for i in range(len(targets)))
    rows = tuple(
        TableRow(line, tuple(row[: len(headers)]), ",".join(row))
        for line, row in enumerate(cells, start=2)
    )
    table = Table("csv", headers, rows)
    parsed = rows_to_nodes(table, ColumnMapping(dict(zip(headers, targets, strict=True))))
    assert all(isinstance(problem, Problem) for problem in parsed.problems)
    lines = [problem.line for problem in parsed.problems]
    assert lines == sorted(lines)
    # every row is a node or has an error
    errors = {p.line for p in parsed.problems if p.severity == "error"}
    assert {node.line for node in parsed.nodes} | errors == {row.line for row in rows}
