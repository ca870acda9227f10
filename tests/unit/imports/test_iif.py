"""The IIF reader: QuickBooks Desktop Customer:Job list exports made into `ParsedFile`.

``data/iif/customers_export.iif`` is a whole export as QuickBooks writes one: Windows-1252
("é", "’", "–"), CRLF, an ``!HDR`` line, accounts and customer types before the customer
list, a ``CUSTNAMEDICT`` block of 30 custom field labels, the full ``!CUST`` column list,
fields with commas in quotes, a sub-job and a job before their customer, a hidden
customer, a French and a Canadian address, a phone with an extension, and two
transactions after the list. The other tests build small files line by line the same
way (`iif_file`, `cust_line`) to pin one rule each; the hostile ones check that bad input
gives line-numbered problems, never an exception.
"""

from __future__ import annotations

import re
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from officemgr.core.choices import JOB_STATUSES
from officemgr.core.imports import iif
from officemgr.core.imports.records import (
    LIST_REFERENCES,
    NODE_VALUES,
    ContactIn,
    NodeIn,
    ParsedFile,
    cut_raw,
)

EXPORT = Path(__file__).parent / "data" / "iif" / "customers_export.iif"

# The !CUST columns of a QuickBooks Desktop export, in its order.
CUST_COLUMNS = (
    ["NAME", "REFNUM", "TIMESTAMP"]
    + [f"BADDR{i}" for i in range(1, 6)]
    + [f"SADDR{i}" for i in range(1, 6)]
    + ["PHONE1", "PHONE2", "FAXNUM", "EMAIL", "NOTE", "CONT1", "CONT2", "CTYPE", "TERMS"]
    + ["TAXABLE", "SALESTAXCODE", "LIMIT", "RESALENUM", "REP", "TAXITEM", "NOTEPAD"]
    + ["SALUTATION", "COMPANYNAME", "FIRSTNAME", "MIDINIT", "LASTNAME"]
    + [f"CUSTFLD{i}" for i in range(1, 16)]
    + ["JOBDESC", "JOBTYPE", "JOBSTATUS", "JOBSTART", "JOBPROJEND", "JOBEND", "HIDDEN"]
    + ["DELCOUNT", "PRICELEVEL"]
)
CUST_HEADER = "!CUST\t" + "\t".join(CUST_COLUMNS)


def quickbooks_field(text: str) -> str:
    """A field as QuickBooks writes it: in quotes when it holds a comma or a quote."""
    if "," in text or '"' in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def cust_line(**values: str) -> str:
    """A CUST data line with the full column list, ``values`` by column name."""
    unknown = set(values) - set(CUST_COLUMNS)
    assert not unknown, unknown
    return "\t".join(["CUST", *(quickbooks_field(values.get(c, "")) for c in CUST_COLUMNS)])


def iif_file(*lines: str, encoding: str = "cp1252", newline: str = "\r\n") -> bytes:
    return (newline.join(lines) + newline).encode(encoding)


def parse_lines(*lines: str) -> ParsedFile:
    """Parse a customer list: the !CUST header (line 1), then ``lines`` (from line 2)."""
    return iif.parse(iif_file(CUST_HEADER, *lines))


def only_node(parsed: ParsedFile) -> NodeIn:
    assert len(parsed.nodes) == 1, parsed
    return parsed.nodes[0]


def messages(parsed: ParsedFile) -> list[tuple[int, str, str]]:
    return [(p.line, p.severity, p.message) for p in parsed.problems]


@pytest.fixture(scope="module")
def export() -> ParsedFile:
    return iif.parse(EXPORT.read_bytes())


def node_named(parsed: ParsedFile, full_name: str) -> NodeIn:
    return next(node for node in parsed.nodes if node.full_name == full_name)


# ------------------------------------------------------------------ a real export


def test_the_fixture_is_written_the_way_quickbooks_writes(export: ParsedFile) -> None:
    data = EXPORT.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") > 50
    assert "é".encode("cp1252") in data and "’".encode("cp1252") in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_the_export_reads_without_problems(export: ParsedFile) -> None:
    assert export.format == "iif"
    assert export.problems == ()
    assert [node.full_name for node in export.nodes] == [
        "Dupré, Renée:Kitchen Remodel:Cabinets",
        "Dupré, Renée:Kitchen Remodel",
        "Dupré, Renée",
        "Granite State Property Mgmt",
        "Old Mill Bakery",
        "Lefèvre, Amélie",
        "Maple Leaf Tours",
    ]


def test_other_sections_are_skipped_and_counted(export: ParsedFile) -> None:
    assert export.skipped == {"ACCNT": 2, "CTYPE": 2, "TRNS": 2, "SPL": 3, "ENDTRNS": 2}


def test_every_node_keeps_its_physical_line_and_raw_text(export: ParsedFile) -> None:
    lines = EXPORT.read_bytes().decode("cp1252").split("\r\n")
    for node in export.nodes:
        assert lines[node.line - 1].startswith("CUST\t")
        assert node.raw == cut_raw(lines[node.line - 1])
        assert node.full_name.split(":")[-1] in lines[node.line - 1]


def test_a_customer_lands_field_by_field(export: ParsedFile) -> None:
    node = node_named(export, "Dupré, Renée")
    assert node.path == ("Dupré, Renée",)
    assert node.is_customer
    assert dict(node.values) == {
        "phone": "802-555-0148",
        "alt_phone": "802-555-0199",
        "fax": "802-555-0150",
        "email": "renee.dupre@example.com",
        "account_number": "R-1042",
        "salutation": "Ms.",
        "first_name": "Renée",
        "last_name": "Dupré",
        "notepad": "Prefers calls after 5 pm.\nDog in the yard – use the side gate.",
        "bill_to": {
            "line1": "18 Birch Hollow Rd",
            "city": "Stowe",
            "region": "VT",
            "postal_code": "05672",
            "country": "US",
        },
        "credit_limit": Decimal("2500.00"),
    }
    assert dict(node.lists) == {
        "customer_type": "Residential",
        "terms": "Net 30",
        "tax_code": "Tax",
        "sales_rep": "Dana O’Neil",
    }
    assert node.contacts == (ContactIn(name="Renée Dupré"), ContactIn(name="Luc Dupré"))
    assert dict(node.custom) == {"Gate Code": "#4471", "Referred By": "Marc Olsen’s referral"}
    assert node.taxable is True


def test_a_company_with_an_extension_and_a_four_line_address(export: ParsedFile) -> None:
    node = node_named(export, "Granite State Property Mgmt")
    values = node.values
    assert values["phone"] == "603-555-2010 x12"
    assert values["company_name"] == "Granite State Property Mgmt"
    assert values["resale_number"] == "NH-88120"
    assert values["credit_limit"] == Decimal("10000")
    assert node.address("bill_to") == {
        "line1": "Attn: Accounts Payable",
        "line2": "200 Elm St, Suite 4",
        "city": "Manchester",
        "region": "NH",
        "postal_code": "03101",
        "country": "US",
    }
    assert node.address("work") == {
        "line1": "Riverside Plaza",
        "line2": "1 Commercial St",
        "city": "Manchester",
        "region": "NH",
        "postal_code": "03101",
        "country": "US",
    }
    assert node.lists["sales_rep"] == "DON"  # older files: the initials alone
    assert node.contacts == (ContactIn(name="Tom Rourke"),)
    assert dict(node.custom) == {"Referred By": "Trade show"}
    assert node.taxable is False
    assert "status" not in values  # JOBSTATUS 0 ("None") on a customer says nothing


def test_jobs_and_sub_jobs_carry_their_job_information(export: ParsedFile) -> None:
    job = node_named(export, "Dupré, Renée:Kitchen Remodel")
    assert job.path == ("Dupré, Renée", "Kitchen Remodel")
    assert not job.is_customer
    assert job.values["description"] == "Full kitchen remodel"
    assert job.values["status"] == "In Progress"
    assert job.values["start_date"] == date(2025, 3, 3)
    assert job.values["projected_end_date"] == date(2025, 6, 30)  # "6/30/25"
    assert job.lists["job_type"] == "Remodel"
    assert job.address("work") == {
        "line1": "Lakeside Cottage",
        "line2": "44 Shore Rd",
        "city": "Stowe",
        "region": "VT",
        "postal_code": "05672-4410",
        "country": "US",
    }
    sub_job = node_named(export, "Dupré, Renée:Kitchen Remodel:Cabinets")
    assert sub_job.path == ("Dupré, Renée", "Kitchen Remodel", "Cabinets")
    assert sub_job.values["description"] == "Maple cabinets, soft-close hinges"
    assert sub_job.values["status"] == "Pending"
    assert sub_job.values["start_date"] == date(2025, 4, 7)
    assert sub_job.values["projected_end_date"] == date(2025, 5, 16)
    assert "completion_date" not in sub_job.values  # "0/0/0"
    assert sub_job.lists["job_type"] == "Remodel:Kitchen"


def test_a_hidden_customer_is_inactive(export: ParsedFile) -> None:
    assert node_named(export, "Old Mill Bakery").values["is_active"] is False
    assert all(
        "is_active" not in node.values
        for node in export.nodes
        if node.full_name != "Old Mill Bakery"
    )


def test_foreign_addresses(export: ParsedFile) -> None:
    assert node_named(export, "Lefèvre, Amélie").address("bill_to") == {
        "line1": "12 rue de Rivoli",
        "city": "Paris",
        "postal_code": "75004",
        "country": "FR",
    }
    assert node_named(export, "Maple Leaf Tours").address("bill_to") == {
        "line1": "300 Front St W",
        "city": "Toronto",
        "region": "ON",
        "postal_code": "M5V 2T6",
        "country": "CA",
    }


def test_values_are_the_types_the_records_promise(export: ParsedFile) -> None:
    for node in export.nodes:
        for key, value in node.values.items():
            assert key in NODE_VALUES
            assert isinstance(value, NODE_VALUES[key]), (key, value)
        assert set(node.lists) <= set(LIST_REFERENCES)
        assert all(value not in ("", {}) for value in node.values.values())


# ------------------------------------------------------------------ text and lines


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("cp1252", b""),
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
    ],
    ids=["windows-1252", "utf-8", "utf-8-bom", "utf-16-bom"],
)
def test_encodings(encoding: str, prefix: bytes) -> None:
    data = prefix + iif_file(
        CUST_HEADER, cust_line(NAME="Dupré, Renée", NOTEPAD="It’s 5 €"), encoding=encoding
    )
    node = only_node(iif.parse(data))
    assert node.path == ("Dupré, Renée",)
    assert node.values["notepad"] == "It’s 5 €"
    assert node.line == 2


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"], ids=["crlf", "lf", "cr"])
def test_line_ends(newline: str) -> None:
    data = iif_file(
        "!HDR\tPROD", "HDR\tQuickBooks", CUST_HEADER, cust_line(NAME="A"), "",
        cust_line(NAME="B"), newline=newline,
    )  # fmt: skip
    parsed = iif.parse(data)
    assert [(n.line, n.full_name) for n in parsed.nodes] == [(4, "A"), (6, "B")]
    assert parsed.problems == ()


def test_a_file_without_a_final_line_end() -> None:
    node = only_node(iif.parse(f"{CUST_HEADER}\r\n{cust_line(NAME='A')}".encode()))
    assert node.path == ("A",)


# ------------------------------------------------------------------ quoting


def test_quoted_fields_with_commas_quotes_and_tabs() -> None:
    line = "\t".join(["CUST", '"Smith, John"', '"12"" pipe, copper"', '"a\tb"', '""', 'O"Brien'])
    parsed = iif.parse(iif_file("!CUST\tNAME\tJOBDESC\tCOMPANYNAME\tEMAIL\tLASTNAME", line))
    node = only_node(parsed)
    assert node.path == ("Smith, John",)
    assert node.values["description"] == '12" pipe, copper'
    assert node.values["company_name"] == "a\tb"
    assert "email" not in node.values
    assert node.values["last_name"] == 'O"Brien'  # a quote inside an unquoted field


@pytest.mark.parametrize(
    "broken",
    ['"Smith, John', '"Bud" Smith', '"a""b'],
    ids=["never-closed", "text-after-closing-quote", "doubled-quote-then-end"],
)
def test_broken_quoting_skips_the_line_with_a_problem(broken: str) -> None:
    bad = f"CUST\t{broken}\t555-0100"
    parsed = iif.parse(iif_file("!CUST\tNAME\tPHONE1", bad, "CUST\tNext"))
    assert [n.full_name for n in parsed.nodes] == ["Next"]
    (problem,) = parsed.problems
    assert (problem.line, problem.severity) == (2, "error")
    assert "quotes" in problem.message
    assert problem.raw == cut_raw(bad)


# ------------------------------------------------------------------ sections


def test_custom_field_labels_come_from_the_dictionary_wherever_it_is() -> None:
    parsed = iif.parse(
        iif_file(
            "!CUST\tNAME\tCUSTFLD1\tCUSTFLD2\tCUSTFLD3\tCUSTFLD4\tCUSTFLD15",
            "CUST\tA\tgate 12\tMay 1\tx\ty\tlast",
            "!CUSTNAMEDICT\tINDEX\tLABEL\tCUSTOMER\tVENDOR\tEMPLOYEE",
            "!ENDCUSTNAMEDICT",
            "CUSTNAMEDICT\t0\tGate Code\tY\tN\tN",
            "CUSTNAMEDICT\t1\tBirthday\tY\tN\tY",
            "CUSTNAMEDICT\t2\tGate Code\tY\tN\tN",
            "CUSTNAMEDICT\t3\t\tN\tN\tN",
            "ENDCUSTNAMEDICT",
        )
    )
    assert dict(only_node(parsed).custom) == {
        "Gate Code": "gate 12",
        "Birthday": "May 1",
        "Gate Code (3)": "x",
        "Custom 4": "y",
        "Custom 15": "last",
    }
    assert parsed.skipped == {}


def test_without_a_dictionary_custom_fields_are_numbered() -> None:
    node = only_node(iif.parse(iif_file("!CUST\tNAME\tCUSTFLD2", "CUST\tA\tblue")))
    assert dict(node.custom) == {"Custom 2": "blue"}


def test_a_file_without_a_customer_list() -> None:
    parsed = iif.parse(
        iif_file("!ACCNT\tNAME\tACCNTTYPE", "ACCNT\tChecking\tBANK", "ACCNT\tSavings\tBANK")
    )
    assert parsed.nodes == ()
    assert parsed.skipped == {"ACCNT": 2}
    (problem,) = parsed.problems
    assert (problem.line, problem.severity) == (0, "error")
    assert "no customer list" in problem.message


def test_block_ends_without_a_header_are_counted_too() -> None:
    parsed = iif.parse(
        iif_file("!INVITEM\tNAME", "INVITEM\tFountain", "ENDGRP", CUST_HEADER, "ENDTAX")
    )
    assert parsed.skipped == {"INVITEM": 1, "ENDGRP": 1, "ENDTAX": 1}
    assert parsed.problems == ()


def test_a_second_header_replaces_the_first() -> None:
    parsed = iif.parse(
        iif_file(
            "!CUST\tNAME\tPHONE1",
            "CUST\tA\t555-0001",
            "!CUST\tPHONE1\tNAME",
            "CUST\t555-0002\tB",
        )
    )
    assert [(n.full_name, n.values["phone"]) for n in parsed.nodes] == [
        ("A", "555-0001"),
        ("B", "555-0002"),
    ]


def test_lines_before_any_header_are_errors() -> None:
    parsed = iif.parse(iif_file("CUST\tEarly", "TRNS\tx", CUST_HEADER, cust_line(NAME="A")))
    assert [n.full_name for n in parsed.nodes] == ["A"]
    assert [(p.line, p.severity) for p in parsed.problems] == [(1, "error"), (2, "error")]
    assert all("before any “!” header" in p.message for p in parsed.problems)
    assert parsed.problems[0].raw == "CUST ⇥ Early"


def test_a_customer_line_before_its_header_is_an_error() -> None:
    parsed = iif.parse(iif_file("!HDR\tPROD", "CUST\tEarly", CUST_HEADER, cust_line(NAME="A")))
    assert [n.full_name for n in parsed.nodes] == ["A"]
    assert messages(parsed) == [
        (
            2,
            "error",
            "This “CUST” line comes before the “!CUST” header line that names its columns; "
            "it was skipped.",
        )
    ]


def test_a_line_that_continues_a_broken_field_is_a_warning() -> None:
    parsed = parse_lines(cust_line(NAME="A", NOTEPAD="first half"), "and the second half.")
    assert [n.full_name for n in parsed.nodes] == ["A"]
    assert [(p.line, p.severity) for p in parsed.problems] == [(3, "warning")]
    assert parsed.skipped == {}


def test_blank_lines_are_ignored() -> None:
    parsed = parse_lines("", "   ", "\t\t", cust_line(NAME="A"))
    assert only_node(parsed).line == 5
    assert parsed.problems == ()


# ------------------------------------------------------------------ field counts


def test_short_lines_have_the_missing_fields_empty() -> None:
    parsed = parse_lines("CUST\tShort\t1")
    node = only_node(parsed)
    assert node.path == ("Short",)
    assert dict(node.values) == {}
    assert parsed.problems == ()


def test_empty_extra_fields_are_ignored_quietly() -> None:
    parsed = parse_lines(cust_line(NAME="Padded") + "\t" * 40)
    assert only_node(parsed).path == ("Padded",)
    assert parsed.problems == ()


def test_extra_fields_with_text_are_ignored_with_a_warning() -> None:
    parsed = iif.parse(iif_file("!CUST\tNAME\tPHONE1", "CUST\tA\t555-0100\tstray\tmore"))
    node = only_node(parsed)
    assert node.values == {"phone": "555-0100"}
    assert messages(parsed) == [
        (
            2,
            "warning",
            "This line has 2 more fields than its “!CUST” header names (perhaps a stray "
            "tab); the extra fields were ignored.",
        )
    ]


def test_unknown_columns_and_any_column_order() -> None:
    parsed = iif.parse(iif_file("!CUST\tFAVORITECOLOR\tEMAIL\tname", "CUST\tblue\ta@b.example\tA"))
    node = only_node(parsed)
    assert node.path == ("A",)
    assert dict(node.values) == {"email": "a@b.example"}
    assert parsed.problems == ()


# ------------------------------------------------------------------ names


def test_names_are_trimmed_and_split_on_colons() -> None:
    node = only_node(parse_lines(cust_line(NAME="  Smith,   John :  Roof  Repair ")))
    assert node.path == ("Smith, John", "Roof Repair")


def test_five_levels_are_allowed() -> None:
    assert only_node(parse_lines(cust_line(NAME="A:B:C:D:E"))).path == tuple("ABCDE")


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("A:B:C:D:E:F", "6 levels deep"),
        ("Smith::Roof", "empty part"),
        ("Smith:", "empty part"),
        (":Roof", "empty part"),
        ("Smith: :Roof", "empty part"),
        ("", "no customer name"),
        ("x" * 101, "101 characters"),
        ("Smith:" + "y" * 150, "150 characters"),
    ],
    ids=["six-levels", "double-colon", "trailing", "leading", "blank", "empty", "long", "long-job"],
)
def test_bad_names_are_errors(name: str, says: str) -> None:
    line = cust_line(NAME=name, PHONE1="555-0100")
    parsed = parse_lines(line, cust_line(NAME="Fine"))
    assert [n.full_name for n in parsed.nodes] == ["Fine"]
    (problem,) = parsed.problems
    assert (problem.line, problem.severity, problem.raw) == (2, "error", cut_raw(line))
    assert says in problem.message


# ------------------------------------------------------------------ values


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("4/7/2025", date(2025, 4, 7)),
        ("04/07/2025", date(2025, 4, 7)),
        ("12/31/99", date(1999, 12, 31)),
        ("1/2/03", date(2003, 1, 2)),
        ("2026-06-01", date(2026, 6, 1)),
        ("2/29/2024", date(2024, 2, 29)),
        ("0/0/0", None),
        ("00/00/0000", None),
        ("", None),
    ],
)
def test_job_dates(written: str, expected: date | None) -> None:
    parsed = parse_lines(cust_line(NAME="A:Job", JOBSTART=written))
    assert only_node(parsed).values.get("start_date") == expected
    assert parsed.problems == ()


@pytest.mark.parametrize(
    ("column", "written", "label"),
    [
        ("JOBSTART", "13/45/2025", "job start date"),
        ("JOBPROJEND", "2/30/2025", "projected end date"),
        ("JOBEND", "June 1", "job end date"),
        ("JOBSTART", "1/2/345", "job start date"),
        ("JOBSTART", "0/0/2025", "job start date"),
    ],
)
def test_impossible_dates_are_left_out_with_a_warning(
    column: str, written: str, label: str
) -> None:
    line = cust_line(NAME="A:Job", JOBDESC="kept", **{column: written})
    parsed = parse_lines(line)
    node = only_node(parsed)
    assert node.values == {"description": "kept"}
    (problem,) = parsed.problems
    assert (problem.line, problem.severity, problem.raw) == (2, "warning", cut_raw(line))
    assert f"The {label} “{written}” is not a real date" in problem.message


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2,500.00", Decimal("2500.00")),
        ("$1,500", Decimal("1500")),
        ("300", Decimal("300")),
        ("0.00", Decimal("0.00")),
    ],
)
def test_credit_limits(written: str, expected: Decimal) -> None:
    assert only_node(parse_lines(cust_line(NAME="A", LIMIT=written))).values["credit_limit"] == (
        expected
    )


@pytest.mark.parametrize("written", ["lots", "-100", "1.2.3", "1e5", "NaN"])
def test_a_bad_credit_limit_is_left_out_with_a_warning(written: str) -> None:
    parsed = parse_lines(cust_line(NAME="A", LIMIT=written))
    assert "credit_limit" not in only_node(parsed).values
    assert [(p.line, p.severity) for p in parsed.problems] == [(2, "warning")]
    assert "credit limit" in parsed.problems[0].message


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Pending", "Pending"),
        ("awarded", "Awarded"),
        ("In progress", "In Progress"),
        ("IN  PROGRESS", "In Progress"),
        ("Closed", "Closed"),
        ("Not awarded", "Not Awarded"),
        ("None", "None"),
        ("0", "None"),
        ("1", "Pending"),
        ("2", "Awarded"),
        ("3", "In Progress"),
        ("4", "Closed"),
        ("5", "Not Awarded"),
    ],
)
def test_job_statuses(written: str, expected: str) -> None:
    node = only_node(parse_lines(cust_line(NAME="A:Job", JOBSTATUS=written)))
    assert node.values["status"] == expected
    assert expected in JOB_STATUSES


def test_status_none_on_a_customer_is_left_out_but_others_kept() -> None:
    parsed = parse_lines(
        cust_line(NAME="A", JOBSTATUS="None"), cust_line(NAME="B", JOBSTATUS="Awarded")
    )
    assert [n.values.get("status") for n in parsed.nodes] == [None, "Awarded"]


def test_an_unknown_status_is_left_out_with_a_warning() -> None:
    parsed = parse_lines(cust_line(NAME="A:Job", JOBSTATUS="Waiting", JOBDESC="x"))
    assert "status" not in only_node(parsed).values
    assert [(p.line, p.severity) for p in parsed.problems] == [(2, "warning")]
    assert "“Waiting”" in parsed.problems[0].message


@pytest.mark.parametrize(
    ("written", "taxable", "problems"),
    [("Y", True, 0), ("n", False, 0), ("", None, 0), ("maybe", None, 1)],
)
def test_taxable(written: str, taxable: bool | None, problems: int) -> None:
    parsed = parse_lines(cust_line(NAME="A", TAXABLE=written))
    assert only_node(parsed).taxable is taxable
    assert len(parsed.problems) == problems


@pytest.mark.parametrize(("written", "inactive"), [("Y", True), ("N", False), ("", False)])
def test_hidden(written: str, inactive: bool) -> None:
    values = only_node(parse_lines(cust_line(NAME="A", HIDDEN=written))).values
    assert ("is_active" in values) is inactive
    assert values.get("is_active", False) is False


def test_phones_are_kept_as_written() -> None:
    values = only_node(
        parse_lines(
            cust_line(NAME="A", PHONE1="555-201-3344 x12", PHONE2="(802) 555-0199", FAXNUM="none")
        )
    ).values
    assert (values["phone"], values["alt_phone"], values["fax"]) == (
        "555-201-3344 x12",
        "(802) 555-0199",
        "none",
    )


def test_notepad_line_breaks_written_as_backslash_n() -> None:
    node = only_node(parse_lines(cust_line(NAME="A", NOTEPAD="one\\ntwo\\n\\nthree\\n")))
    assert node.values["notepad"] == "one\ntwo\n\nthree"


@pytest.mark.parametrize(
    ("written", "expected"),
    [("Shane B. Hamby:3:SBH", "Shane B. Hamby"), ("SBH", "SBH"), ("A:B", "A:B")],
)
def test_sales_rep(written: str, expected: str) -> None:
    assert only_node(parse_lines(cust_line(NAME="A", REP=written))).lists["sales_rep"] == expected


def test_the_same_contact_twice_is_one_contact() -> None:
    node = only_node(parse_lines(cust_line(NAME="A", CONT1="Bob  Heldt", CONT2="bob heldt")))
    assert node.contacts == (ContactIn(name="Bob Heldt"),)


def test_empty_fields_are_left_out() -> None:
    node = only_node(parse_lines(cust_line(NAME="A", PHONE1="   ", BADDR1=" ", CUSTFLD1=" ")))
    assert dict(node.values) == {}
    assert dict(node.lists) == {}
    assert dict(node.custom) == {}
    assert node.contacts == ()
    assert node.taxable is None


def test_an_address_warning_names_the_address_and_line() -> None:
    line = cust_line(NAME="A", SADDR1="Bldg 4", SADDR2="Dock 2", SADDR3="Rear", SADDR4="1 Main")
    parsed = parse_lines(line)
    assert only_node(parsed).address("work") == {"line1": "Bldg 4", "line2": "Dock 2, Rear, 1 Main"}
    (problem,) = parsed.problems
    assert (problem.line, problem.severity, problem.raw) == (2, "warning", cut_raw(line))
    assert problem.message.startswith("Work address: ")


# ------------------------------------------------------------------ not IIF


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "zip archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "Office document"),
        (bytes(range(256)) * 4, "not a text file"),
        (b"Name,Phone,Email\r\nSmith,555-0100,a@b.example\r\n", "CSV"),
        (b"!Type:Bank\nD03/03/2025\nT-379.00\nPCITY OF SPRINGFIELD\n^\n", "QIF"),
        (b"Dear customer,\nthis is a letter.\n", "no “!” header lines"),
        (b"", "empty"),
        (b" \r\n\t\r\n", "empty"),
        ("\ufeff".encode() + b"\r\n", "empty"),
    ],
    ids=["pdf", "zip", "xls", "binary", "csv", "qif", "text", "empty", "blank", "bom-only"],
)
def test_a_file_that_is_not_iif_gives_one_line_0_problem(data: bytes, says: str) -> None:
    parsed = iif.parse(data)
    assert parsed.format == "iif"
    assert parsed.nodes == ()
    assert parsed.skipped == {}
    (problem,) = parsed.problems
    assert (problem.line, problem.severity) == (0, "error")
    assert says in problem.message
    assert problem.message.endswith(".")
    assert not re.search(r"[.:;]\s+[A-Z]", problem.message), "one sentence"


# ------------------------------------------------------------------ hostile input


def test_a_3_mb_field_is_an_error_and_fast() -> None:
    huge = "x" * 3_000_000
    start = time.perf_counter()
    parsed = iif.parse(
        iif_file(
            CUST_HEADER,
            cust_line(NAME="Huge", NOTEPAD=huge),
            cust_line(NAME="Huge quoted", NOTEPAD=f'say "{huge}"'),
            cust_line(NAME="Fine"),
            "!TRNS\tMEMO",
            f"TRNS\t{huge}",
        )
    )
    assert time.perf_counter() - start < 1.0
    assert [n.full_name for n in parsed.nodes] == ["Fine"]
    assert [(p.line, p.severity) for p in parsed.problems] == [(2, "error"), (3, "error")]
    assert "“NOTEPAD” field on this line has 3,000,000 characters" in parsed.problems[0].message
    assert len(parsed.problems[0].raw) <= 200
    assert parsed.skipped == {"TRNS": 1}


def test_a_field_of_4000_characters_is_fine() -> None:
    node = only_node(parse_lines(cust_line(NAME="A", NOTEPAD="n" * 4000)))
    assert node.values["notepad"] == "n" * 4000


def test_problems_are_in_line_order() -> None:
    parsed = iif.parse(
        iif_file(
            "!ACCNT\tNAME",
            "CUST\tbefore its header",
            CUST_HEADER,
            cust_line(NAME="A:Job", JOBSTART="13/45/2025"),
            'CUST\t"broken',
        )
    )
    assert [p.line for p in parsed.problems] == [2, 4, 5]
    parsed = iif.parse(iif_file("TRNS\tearly", "!ACCNT\tNAME", "ACCNT\tChecking"))
    assert [p.line for p in parsed.problems] == [0, 1]  # no customer list, then line 1


_IIF_PIECES = st.sampled_from(
    [
        "!CUST", "CUST", "!HDR", "HDR", "!CUSTNAMEDICT", "CUSTNAMEDICT", "TRNS", "NAME",
        "INDEX", "LABEL", "JOBSTART", "LIMIT", "JOBSTATUS", "TAXABLE", "HIDDEN", "CUSTFLD3",
        "BADDR1", "BADDR2", "A:B", ":", "::", '"', '""', "\t", "\r\n", "\n", "\r", "13/45/2025",
        "0/0/0", "2/3/24", "$1,000", "Y", "3", "x", " ", "é", "’", "\\n", "K1A 0B1", "USA",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400))
def test_parse_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    parsed = iif.parse(data)
    assert parsed.format == "iif"
    assert all(problem.line >= 0 for problem in parsed.problems)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(_IIF_PIECES, max_size=60))
def test_parse_never_raises_on_iif_like_text(pieces: list[str]) -> None:
    text = "!CUST\tNAME\tJOBSTART\tLIMIT\tBADDR1\tBADDR2\tCUSTFLD3\n" + "".join(pieces)
    for encoding in ("utf-8", "cp1252"):
        parsed = iif.parse(text.encode(encoding, errors="replace"))
        lines = len(text.splitlines()) + 2
        assert all(0 <= problem.line <= lines for problem in parsed.problems)
        for node in parsed.nodes:
            assert 1 <= len(node.path) <= 5
            assert all(part and part == part.strip() for part in node.path)
            assert all(isinstance(v, NODE_VALUES[k]) for k, v in node.values.items())
