"""The import service on a real company file, fed the neutral rows the readers make:
what lands where, matching on a second import, possible duplicates, the preview, and
rows the services refuse."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from officemgr.core import paths
from officemgr.core.imports.mapping import ColumnMapping
from officemgr.core.imports.records import ContactIn, NodeIn, ParsedFile
from officemgr.core.services.imports import ImportCancelled
from officemgr.errors import ValidationError
from officemgr.files import verify
from officemgr.importing import load_mapping, save_mapping


def node(line: int, full_name: str, **values: Any) -> NodeIn:
    lists = values.pop("lists", {})
    custom = values.pop("custom", {})
    contacts = tuple(ContactIn(name) for name in values.pop("contacts", ()))
    taxable = values.pop("taxable", None)
    return NodeIn(
        line=line,
        raw=f"CUST\t{full_name}",
        path=tuple(full_name.split(":")),
        values=values,
        lists=lists,
        contacts=contacts,
        custom=custom,
        taxable=taxable,
    )


def parsed(*nodes: NodeIn) -> ParsedFile:
    return ParsedFile(format="iif", nodes=nodes, skipped={"TRNS": 4})


SMITH = node(
    3,
    "Smith, John",
    first_name="John",
    last_name="Smith",
    phone="555-201-3344 x12",
    email="john@example.com",
    bill_to={"line1": "12 Oak St", "city": "Dayton", "region": "OH", "postal_code": "45402"},
    credit_limit=Decimal("5000.00"),
    notepad="Gate code 1234",
    lists={"customer_type": "Property Manager", "terms": "2% 10 Net 30", "sales_rep": "Dana"},
    custom={"Spouse": "Mary"},
    contacts=("Mary Smith",),
    taxable=True,
)
FURNACE = node(
    2,  # the job comes before its customer, as QuickBooks files may list them
    "Smith, John:Furnace Replacement",
    description="Replace the furnace",
    status="Pending",
    start_date=date(2026, 3, 2),
    lists={"job_type": "Install:Furnace"},
)
ACME = node(4, "Acme Heating", company_name="Acme Heating", is_active=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_field_lands_where_it_belongs(company: Any) -> None:
    result = company.imports.commit(parsed(FURNACE, SMITH, ACME))
    report = result.report
    assert report.summary() == "3 new, 0 updated, 0 unchanged, 0 skipped"
    assert result.backup.exists()
    by_line = {row.line: row for row in report.rows}
    smith = company.customers.get(by_line[3].node_id)
    assert (smith.first_name, smith.last_name) == ("John", "Smith")
    assert smith.notepad == "Gate code 1234"
    assert smith.phone is not None and smith.phone.extension == "12"
    assert smith.email_of("main").address == "john@example.com"
    assert smith.bill_to is not None and smith.bill_to.city == "Dayton"
    assert smith.credit_limit == Decimal("5000.00")
    assert [c.name for c in smith.contacts] == ["Mary Smith"]
    lists = company.lists.all()
    types = [t.name for t in lists.customer_types if t.id == smith.customer_type_id]
    assert types == ["Property Manager"]
    (terms,) = [t for t in lists.terms if t.id == smith.terms_id]
    assert (terms.name, terms.net_days, terms.discount_days) == ("2% 10 Net 30", 30, 10)
    assert [e.name for e in lists.employees if e.id == smith.sales_rep_id] == ["Dana"]
    (spouse,) = [f for f in lists.custom_fields if f.name == "Spouse"]
    assert smith.custom_fields[spouse.id] == "Mary"
    assert [t.is_taxable for t in lists.tax_codes if t.id == smith.tax_code_id] == [True]

    job = company.customers.get(by_line[2].node_id)
    assert job.full_name == "Smith, John:Furnace Replacement" and job.parent_id == smith.id
    assert job.job_info is not None
    assert (job.job_info.status, job.job_info.start_date) == ("Pending", date(2026, 3, 2))
    assert job.job_info.job_type_name == "Install:Furnace"
    assert company.customers.get(by_line[4].node_id).is_active is False
    assert report.new_list_items["customer_type"] == ("Property Manager",)
    assert report.skipped_sections == {"TRNS": 4}


def test_importing_the_same_file_twice_creates_nothing_new(company: Any) -> None:
    company.imports.commit(parsed(FURNACE, SMITH, ACME))
    again = company.imports.preview(parsed(FURNACE, SMITH, ACME))
    assert again.summary() == "0 new, 0 updated, 3 unchanged, 0 skipped"
    assert again.new_list_items == {}


def test_the_preview_says_what_the_import_does_and_writes_nothing(
    company: Any, company_path: Path
) -> None:
    company.customers.add(name="Existing")
    before = digest(company_path)
    preview = company.imports.preview(parsed(FURNACE, SMITH, ACME))
    assert digest(company_path) == before
    assert [r.name for r in company.customers.search("", show="all")] == ["Existing"]
    done = company.imports.commit(parsed(FURNACE, SMITH, ACME)).report
    assert [(r.line, r.action) for r in preview.rows] == [(r.line, r.action) for r in done.rows]


def test_an_existing_record_is_filled_or_overwritten_only_when_asked(company: Any) -> None:
    made = company.customers.add(name="Smith, John", first_name="Jon", notepad=None)
    skipped = company.imports.preview(parsed(SMITH))
    assert [(r.action, r.node_id) for r in skipped.rows] == [("skip", made.id)]
    assert "notepad" in skipped.rows[0].changed

    company.imports.commit(parsed(SMITH), on_duplicate="update")  # fills the empty fields
    filled = company.customers.get(made.id)
    assert (filled.first_name, filled.notepad) == ("Jon", "Gate code 1234")

    company.imports.commit(parsed(SMITH), choices={3: "overwrite"})
    assert company.customers.get(made.id).first_name == "John"


def test_a_possible_duplicate_by_phone_or_email_is_offered_a_choice(company: Any) -> None:
    other = company.customers.add(name="J. Smith", phone="(555) 201-3344")
    preview = company.imports.preview(parsed(SMITH))
    (row,) = preview.rows
    assert row.action == "skip"
    assert [(d.node_id, d.reason) for d in row.duplicates] == [(other.id, "same phone")]

    merged = company.imports.preview(parsed(SMITH), choices={3: "fill"})
    assert [(r.action, r.node_id) for r in merged.rows] == [("update", other.id)]

    created = company.imports.commit(parsed(SMITH), on_duplicate="create").report
    assert [r.action for r in created.rows] == ["create"]
    assert len(company.customers.search("smith", show="all")) == 2


def test_a_missing_parent_makes_the_job_a_customer_with_a_warning(company: Any) -> None:
    report = company.imports.commit(parsed(node(7, "Nobody:Lost Job"))).report
    (row,) = report.rows
    assert (row.action, row.full_name, row.kind) == ("create", "Lost Job", "customer")
    (warning,) = report.problems
    assert (warning.line, warning.severity) == (7, "warning")
    assert "Nobody is neither in the file nor in the company" in warning.message


def test_a_refused_row_is_a_problem_on_its_line_and_the_rest_goes_on(company: Any) -> None:
    bad = node(5, "Bad\u0000Name")
    child = node(6, "Bad\u0000Name:Job")
    report = company.imports.commit(parsed(bad, child, ACME)).report
    actions = {r.line: r.action for r in report.rows}
    assert actions == {4: "create", 5: "refused", 6: "refused"}
    assert [p.line for p in report.problems if p.severity == "error"] == [5, 6]
    assert "line 5" in report.rows[-1].message or "line 5" in report.problems[-1].message


def test_a_name_twice_in_the_file_is_imported_once(company: Any) -> None:
    report = company.imports.commit(parsed(ACME, node(9, "acme  heating"))).report
    assert [(r.line, r.action) for r in report.rows] == [(4, "create"), (9, "refused")]
    assert "already on line 4" in report.rows[1].message


def test_cancel_leaves_the_file_as_it_was(company: Any, company_path: Path) -> None:
    before = [r.name for r in company.customers.search("", show="all")]
    with pytest.raises(ImportCancelled):
        company.imports.commit(parsed(SMITH, ACME), cancelled=lambda: True)
    assert [r.name for r in company.customers.search("", show="all")] == before


def test_a_phone_field_saying_none_is_left_empty(company: Any) -> None:
    report = company.imports.commit(parsed(node(8, "Lee, Ann", phone="N/A", fax="none"))).report
    detail = company.customers.get(report.rows[0].node_id)
    assert detail.phones == ()


def test_an_excel_workbook_with_a_saved_mapping_goes_in(company: Any, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Client", "Job", "Tel", "Limit", "Since"])
    sheet.append(["Garcia, Ana", None, "555-410-2000", 2500, date(2024, 5, 1)])
    sheet.append(["Garcia, Ana", "Boiler", None, None, None])
    path = tmp_path / "clients.xlsx"
    book.save(path)
    mapping = ColumnMapping(
        {"Client": "parent", "Job": "name", "Tel": "phone", "Limit": "credit_limit"}
    )
    saved = tmp_path / "map.json"
    save_mapping(saved, mapping)
    parsed = company.imports.read(path, mapping=load_mapping(saved))
    report = company.imports.commit(parsed).report
    assert report.summary() == "2 new, 0 updated, 0 unchanged, 0 skipped"
    (garcia,) = [r for r in report.rows if r.full_name == "Garcia, Ana"]
    detail = company.customers.get(garcia.node_id)
    assert detail.credit_limit == Decimal("2500.00")
    assert detail.phone is not None and detail.phone.formatted == "(555) 410-2000"
    assert [r.full_name for r in report.rows] == ["Garcia, Ana", "Garcia, Ana:Boiler"]


def test_a_second_row_with_an_account_number_is_left_out_and_the_rest_goes_in(
    company: Any,
) -> None:
    """Two rows with one account number: only the second is left out, with a sentence."""
    rows = [node(10 + i, f"Customer {i:03d}", account_number=f"A-{i}") for i in range(40)]
    rows.append(node(99, "Copycat", account_number="A-7"))
    report = company.imports.commit(parsed(*rows)).report
    assert report.count("create") == 40
    (refused,) = [r for r in report.rows if r.action == "refused"]
    assert refused.line == 99 and "Account number A-7 is already used" in refused.message
    assert len(company.customers.search("customer", show="all", limit=100)) == 40


def test_a_row_the_file_refuses_only_at_writing_leaves_the_rest_of_its_batch_in(
    company: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The company file refuses a batch (a clash no check foresaw): it is written again
    row by row, and only the row at fault is left out, with a sentence."""
    from sqlalchemy.exc import IntegrityError

    from officemgr.core.services import imports as import_service

    real_write = import_service.write_rows

    def refusing(session: Any, records: Any) -> None:
        records = list(records)
        if any(r.placed.full_name == "Copycat" for r in records):
            raise IntegrityError("INSERT …", {}, Exception("UNIQUE constraint failed"))
        real_write(session, records)

    monkeypatch.setattr(import_service, "write_rows", refusing)
    rows = [node(10 + i, f"Customer {i:03d}") for i in range(40)]
    rows.insert(7, node(99, "Copycat"))
    report = company.imports.commit(parsed(*rows)).report
    assert report.count("create") == 40
    (refused,) = [r for r in report.rows if r.action == "refused"]
    assert refused.line == 99 and "refused this row" in refused.message
    assert len(company.customers.search("customer", show="all", limit=100)) == 40
    assert not company.customers.search("copycat", show="all")
    assert verify(company.location).ok


def test_imported_records_pass_verify_data_with_their_search_index(company: Any) -> None:
    """New records are written as plain rows, their index rows with them: Verify Data
    (which rebuilds what the index should hold) finds nothing to say, and search finds
    them by phone, email and city."""
    company.imports.commit(parsed(SMITH, FURNACE, ACME))
    report = verify(company.location)
    assert report.ok, report.problems
    for query in ("201-3344", "john@example.com", "dayton"):
        assert [hit.full_name for hit in company.customers.search(query)][:1] == ["Smith, John"]


def test_no_new_job_goes_under_a_customer_on_credit_hold(company: Any) -> None:
    held = company.customers.add(name="Late Payer")
    company.customers.place_credit_hold(held.id, reason="Owes 90 days", by="Dana")
    report = company.imports.commit(parsed(node(5, "Late Payer:New Roof"), ACME)).report
    assert {r.line: r.action for r in report.rows} == {4: "create", 5: "refused"}
    (refused,) = [r for r in report.rows if r.line == 5]
    assert "Late Payer is on credit hold: Owes 90 days" in refused.message


def test_a_clash_in_a_batch_before_a_known_record_leaves_out_only_that_row(
    company: Any,
) -> None:
    company.customers.add(name="Known", notepad=None)
    rows = [node(20, "First", account_number="X-1"), node(21, "Second", account_number="X-1")]
    rows.append(node(22, "Known", notepad="Now with a note"))
    report = company.imports.commit(parsed(*rows), on_duplicate="update").report
    assert {r.line: r.action for r in report.rows} == {20: "create", 21: "refused", 22: "update"}


def test_wrong_kinds_of_arguments_are_refused_in_a_sentence_before_any_backup(
    company: Any,
) -> None:
    folder = paths.backup_dir()
    before = set(folder.glob("*")) if folder.exists() else set()
    for call in (
        lambda: company.imports.commit("customers.csv"),
        lambda: company.imports.commit(None),
        lambda: company.imports.preview(parsed(ACME), on_duplicate="maybe"),
        lambda: company.imports.commit(parsed(ACME), on_duplicate=1),
        lambda: company.imports.commit(parsed(ACME), choices={"4": "skip"}),
        lambda: company.imports.commit(parsed(ACME), choices={4: "merge"}),
    ):
        with pytest.raises(ValidationError):
            call()
    assert (set(folder.glob("*")) if folder.exists() else set()) == before
    assert company.customers.search("", show="all") == []
