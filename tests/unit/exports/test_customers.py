"""The customer list as CSV and Excel: columns named by the import's targets, every kind
of value written as the import reads it back, inactive records in or out."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl

from officemgr.core.exports.columns import CUSTOMER_COLUMNS
from officemgr.core.imports.mapping import TARGETS, guess_mapping


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    text = data.decode("utf-8-sig")
    header, _, _ = text.partition("\r\n")
    assert "\n" not in header and text.endswith("\r\n"), "records end in CRLF"
    return list(csv.DictReader(io.StringIO(text, newline="")))


def by_name(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["full_name"]: row for row in rows}


def test_the_columns_are_the_import_targets_and_the_custom_fields(
    company: Any, office: Any, tmp_path: Path
) -> None:
    result = company.exports.write(tmp_path / "customers.csv")
    assert result.summary() == "3 customers and 4 jobs"
    header = read_csv(result.path)[0].keys()
    assert list(header) == [
        *(column.key for column in CUSTOMER_COLUMNS),
        "custom:Customer Since",
        "custom:Gate Code",
        "custom:Pets",
    ]
    assert set(TARGETS) - set(header) == {"inactive"}  # the same fact as is_active
    mapping = guess_mapping(list(header))
    assert dict(mapping.columns) == {key: key for key in header}  # it maps itself


def test_every_kind_of_value_is_written_as_the_import_reads_it(
    company: Any, office: Any, tmp_path: Path
) -> None:
    rows = by_name(read_csv(company.exports.write(tmp_path / "customers.csv").path))
    lars = rows["Ødegård, Lars"]
    assert lars["name"] == "Ødegård, Lars" and lars["parent"] == ""
    assert (lars["salutation"], lars["first_name"], lars["middle_initial"]) == ("Mr.", "Lars", "K")
    assert lars["phone"] == "(555) 201-3344 ext. 12"
    assert (lars["alt_phone"], lars["cell"], lars["fax"]) == (
        "(555) 201-9000",
        "(555) 201-7000",
        "(555) 201-3345",
    )
    assert (lars["email"], lars["cc_email"]) == ("lars@example.com", "office@example.com")
    assert lars["notepad"] == 'Dog in the yard.\nUse the side gate, "please"; thanks \\o/'
    assert [lars[f"bill_to.{part}"] for part in ("line1", "line2", "city", "region")] == [
        "12 Oak St",
        "Suite 4",
        "Dayton",
        "OH",
    ]
    assert (lars["work.postal_code"], lars["work.country"]) == ("M5V 2T6", "CA")
    assert (lars["credit_limit"], lars["is_active"], lars["taxable"]) == ("2500.00", "yes", "yes")
    assert (lars["customer_type"], lars["terms"], lars["sales_rep"], lars["tax_code"]) == (
        "Residential",
        "Net 30",
        "Dana O'Neil",
        "Tax",
    )
    assert (lars["custom:Gate Code"], lars["custom:Customer Since"], lars["custom:Pets"]) == (
        "#4471",
        "2020-05-01",
        "yes",
    )
    assert lars["status"] == "" and lars["job_type"] == ""  # a customer has no Job Info

    kitchen = rows["Ødegård, Lars:Kitchen Remodel"]
    assert (kitchen["name"], kitchen["parent"]) == ("Kitchen Remodel", "Ødegård, Lars")
    assert (kitchen["status"], kitchen["job_type"]) == ("In Progress", "Remodel:Kitchen")
    assert (kitchen["start_date"], kitchen["projected_end_date"]) == ("2025-03-03", "2025-06-30")
    assert kitchen["description"] == "Full kitchen remodel"
    assert kitchen["credit_limit"] == "" and kitchen["custom:Gate Code"] == ""
    cabinets = rows["Ødegård, Lars:Kitchen Remodel:Cabinets"]
    assert (cabinets["parent"], cabinets["status"]) == ("Ødegård, Lars:Kitchen Remodel", "Pending")
    assert rows["Ødegård, Lars:Boiler"]["is_active"] == "no"
    assert rows["Ødegård, Lars:Boiler"]["completion_date"] == "2024-12-01"

    wang = rows["王小明"]
    assert (wang["first_name"], wang["last_name"], wang["bill_to.city"]) == ("小明", "王", "北京")
    assert (wang["contact1"], wang["contact2"]) == ("Li Na", "Zhang Wei")
    bakery = rows["Old Mill Bakery"]
    assert (bakery["is_active"], bakery["taxable"], bakery["phone"]) == ("no", "no", "555-01")


def test_customers_come_in_customer_job_order(company: Any, office: Any, tmp_path: Path) -> None:
    rows = read_csv(company.exports.write(tmp_path / "customers.csv").path)
    assert [row["full_name"] for row in rows] == [
        "Old Mill Bakery",
        "Ødegård, Lars",
        "Ødegård, Lars:Boiler",
        "Ødegård, Lars:Boiler:Valve",
        "Ødegård, Lars:Kitchen Remodel",
        "Ødegård, Lars:Kitchen Remodel:Cabinets",
        "王小明",
    ]


def test_active_only_leaves_out_inactive_records_and_what_is_under_them(
    company: Any, office: Any, tmp_path: Path
) -> None:
    result = company.exports.write(tmp_path / "active.csv", include_inactive=False)
    names = [row["full_name"] for row in read_csv(result.path)]
    # The Valve is active, but under the inactive Boiler: as retired as its job.
    assert names == [
        "Ødegård, Lars",
        "Ødegård, Lars:Kitchen Remodel",
        "Ødegård, Lars:Kitchen Remodel:Cabinets",
        "王小明",
    ]
    assert result.summary() == "2 customers and 2 jobs"


def test_the_workbook_holds_typed_cells_and_reads_back_as_the_csv_does(
    company: Any, office: Any, tmp_path: Path
) -> None:
    company.customers.update(office.bakery, notepad='=HYPERLINK("http://x")')
    book = company.exports.write(tmp_path / "customers.xlsx")
    assert book.format == "xlsx" and book.rows == 7
    sheet = openpyxl.load_workbook(book.path).active
    assert sheet.title == "Customers" and sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert header[0] == "full_name" and header[-1] == "custom:Pets"
    rows = {row[0].value: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)}
    lars = rows["Ødegård, Lars"]
    assert lars["credit_limit"].value == 2500 and lars["credit_limit"].number_format == "#,##0.00"
    assert lars["bill_to.postal_code"].value == "45402"  # a ZIP is text, not a number
    kitchen = rows["Ødegård, Lars:Kitchen Remodel"]
    assert kitchen["start_date"].is_date and kitchen["start_date"].number_format == "yyyy-mm-dd"
    bakery = rows["Old Mill Bakery"]
    assert bakery["notepad"].data_type == "s"  # text stays text, never a formula
    assert bakery["notepad"].value == '=HYPERLINK("http://x")'

    csv_file = company.exports.write(tmp_path / "customers.csv")
    from_book = company.imports.read(book.path)
    from_csv = company.imports.read(csv_file.path)
    assert not from_book.problems and not from_csv.problems

    def comparable(parsed: Any) -> list[tuple[Any, ...]]:
        return [
            (n.path, dict(n.values), dict(n.lists), n.contacts, dict(n.custom), n.taxable)
            for n in parsed.nodes
        ]

    assert comparable(from_book) == comparable(from_csv)
