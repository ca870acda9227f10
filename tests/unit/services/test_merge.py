"""Customers › Merge… and Find Duplicates…: everything moves, money adds up, the file checks.

Two records of one customer ("Smith, John" and "Smith, J."), each with jobs, contacts,
log entries, pop-up notes, invoices and payments applied to them, are merged; the kept
one must then hold all of it, owe what both owed, and Verify Data must find nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from officemgr import Company
from officemgr.core import models as m
from officemgr.core import paths
from officemgr.core.check import verify
from officemgr.core.records import DuplicatePair
from officemgr.errors import ConflictError, NotFoundError, ValidationError

D = Decimal


@dataclass
class Smiths:
    """The two records of one customer, and what hangs on them."""

    kept: int
    merged: int
    kept_job: int  # "Furnace" under the kept customer
    merged_furnace: int  # "Furnace" under the merged one: a name collision
    merged_ducts: int  # "Ducts" under the merged "Furnace"
    merged_roof: int
    merged_invoices: tuple[int, ...]
    merged_payment: int
    note: int
    field: int


def invoice(co: Any, node: int, amount: str, day: str = "2026-03-01") -> Any:
    return co.invoices.add(
        node=node, invoice_date=day, lines=[{"description": "Work", "rate": amount}]
    )


def make_smiths(co: Any) -> Smiths:
    gate = co.lists.add_custom_field(name="Gate code", field_type="text").id
    kept = co.customers.add(
        name="Smith, John",
        first_name="John",
        last_name="Smith",
        phone="(555) 201-3344",
        email="john@example.com",
        bill_to={"line1": "12 Oak St", "city": "Dayton", "region": "OH"},
        notepad="Kept notes",
        custom_fields={gate: "1111"},
    ).id
    kept_job = co.jobs.add(parent=kept, name="Furnace").id
    invoice(co, kept_job, "40.00")
    merged = co.customers.add(
        name="Smith, J.",
        phone="555.201.3344",  # the same number, typed otherwise
        cell="(555) 777-1212",
        email="js@example.net",  # a second main e-mail: kept on a contact
        work={"line1": "9 Elm St", "city": "Dayton"},
        notepad="Merged notes",
        resale_number="R-77",
        opening_balance="25.00",
        custom_fields={gate: "2222"},
    ).id
    furnace = co.jobs.add(parent=merged, name="furnace").id
    ducts = co.jobs.add(parent=furnace, name="Ducts").id
    roof = co.jobs.add(parent=merged, name="Roof").id
    co.contacts.add(owner=merged, name="Mary Smith", phone="555-201-9000")
    co.contacts.add(owner=roof, name="Roofer Rick")
    for owner, subject in ((merged, "Called"), (merged, "Visited"), (ducts, "Quote")):
        co.contact_log.add(owner=owner, kind="Call In", subject=subject)
    invoices = (
        invoice(co, merged, "100.00").id,
        invoice(co, ducts, "300.00").id,
        invoice(co, roof, "50.00").id,
    )
    payment = co.payments.add(
        customer=merged, amount="180", applications={invoices[0]: "100", invoices[1]: "60"}
    ).id
    note = co.popups.add(owner=merged, text="Dog in the yard").id
    co.popups.acknowledge(merged, note_ids=[note], by="Dana")
    return Smiths(kept, merged, kept_job, furnace, ducts, roof, invoices, payment, note, gate)


@pytest.fixture
def smiths(company: Any) -> Smiths:
    return make_smiths(company)


def count_rows(co: Any, model: Any, *where: Any) -> int:
    with co.read() as session:
        return int(session.execute(select(func.count()).select_from(model).where(*where)).scalar())


# ---------------------------------------------------------------------- the merge


def test_everything_moves_and_the_merged_customer_is_gone(company: Any, smiths: Smiths) -> None:
    co, s = company, smiths
    log_before = count_rows(co, m.ContactLogEntry, m.ContactLogEntry.customer_id == s.merged)
    detail = co.customers.merge(keep=s.kept, merge=s.merged, by="Dana")

    assert detail.id == s.kept and detail.name == "Smith, John"
    with pytest.raises(NotFoundError):
        co.customers.get(s.merged)
    jobs = {j.name: j for j in co.tree.children(parent_id=s.kept)}
    assert set(jobs) == {"Furnace", "furnace (2)", "Roof"}
    assert jobs["furnace (2)"].id == s.merged_furnace
    ducts = co.jobs.get(s.merged_ducts)
    assert ducts.full_name == "Smith, John:furnace (2):Ducts"
    assert (ducts.customer_id, ducts.depth) == (s.kept, 2)

    assert {c.name for c in co.contacts.list_for(s.kept)} == {"Mary Smith", "Smith, J."}
    assert [c.name for c in co.contacts.list_for(s.merged_roof)] == ["Roofer Rick"]
    entries = co.contact_log.list_for(s.kept, include_jobs=True)
    assert {e.subject for e in entries} >= {"Called", "Visited", "Quote"}
    moved = count_rows(co, m.ContactLogEntry, m.ContactLogEntry.customer_id == s.kept)
    assert moved == log_before + 1  # and the System entry of the merge
    invoices = co.invoices.list_for(s.kept, include_jobs=True)
    assert set(s.merged_invoices) <= {i.id for i in invoices}
    assert all(i.customer_id == s.kept for i in invoices)
    payment = co.payments.get(s.merged_payment)
    assert (payment.customer_id, payment.node_id) == (s.kept, s.kept)
    notes = co.popups.list_for(s.kept)
    assert [(n.id, n.text) for n in notes] == [(s.note, "Dog in the yard")]
    assert count_rows(co, m.PopupAcknowledgement, m.PopupAcknowledgement.node_id == s.kept) == 1


def test_fields_keep_fill_and_take(company: Any, smiths: Smiths) -> None:
    co, s = company, smiths
    detail = co.customers.merge(keep=s.kept, merge=s.merged, by="Dana", take=("notepad",))
    assert detail.notepad == "Merged notes"  # taken
    assert detail.resale_number == "R-77"  # empty on the kept one: filled in
    assert detail.first_name == "John" and detail.bill_to is not None  # kept
    assert detail.bill_to.line1 == "12 Oak St"
    assert detail.work is not None and detail.work.line1 == "9 Elm St"
    assert detail.work_same_as_bill_to is False  # came with the work address
    assert detail.phone is not None and detail.phone.as_typed == "(555) 201-3344"
    assert detail.cell is not None and detail.cell.as_typed == "(555) 777-1212"
    assert detail.email is not None and detail.email.address == "john@example.com"
    extra = next(c for c in detail.contacts if c.name == "Smith, J.")
    assert [e.address for e in extra.emails] == ["js@example.net"]
    assert detail.custom_fields == {s.field: "1111"}  # the kept one's value wins
    assert detail.opening_balance == D("25.00")
    # The quick filter finds the kept customer by what it took over.
    assert [r.id for r in co.customers.search("Mary Smith")] == [s.kept]
    assert s.kept in {r.id for r in co.customers.search("js@example.net")}  # jobs copy it too
    # The old name finds the kept customer, through the contact named after it.
    assert [r.id for r in co.customers.search("Smith, J.", mode="equals")] == [s.kept]


def test_taken_rows_replace_the_kept_ones_and_the_log_keeps_what_they_were(
    company: Any, smiths: Smiths
) -> None:
    co, s = company, smiths
    take = ("email", "bill_to", "custom_fields", "work_same_as_bill_to")
    detail = co.customers.merge(keep=s.kept, merge=s.merged, by="Dana", take=take)
    assert detail.email is not None and detail.email.address == "js@example.net"
    assert detail.bill_to is None  # the merged one had none: taking it takes that
    assert detail.custom_fields == {s.field: "2222"}
    assert all(c.name != "Smith, J." for c in detail.contacts)  # every e-mail found a place
    details = co.contact_log.list_for(s.kept)[0].details or ""
    block = details.split("Replaced (what this customer had):\n")[1].split("\nNot kept")[0]
    replaced = block.split("\n")
    assert set(replaced) == {
        "Email: john@example.com",
        "Bill To: 12 Oak St, Dayton, OH",
        "Gate code: 1111",
    }


def test_the_balance_adds_up_and_verify_data_finds_nothing(
    company: Any, company_path: Path, smiths: Smiths
) -> None:
    co, s = company, smiths
    before = co.accounts.balance(s.kept) + co.accounts.balance(s.merged)
    as_of = date(2026, 3, 31)
    before_then = co.accounts.balance(s.kept, as_of=as_of) + co.accounts.balance(
        s.merged, as_of=as_of
    )
    co.customers.merge(keep=s.kept, merge=s.merged, by="Dana")
    assert before == D("40.00") + D("25.00") + D("450.00") - D("160.00") - D("20.00")
    assert co.accounts.balance(s.kept) == before
    assert co.accounts.balance(s.kept, as_of=as_of) == before_then
    assert co.customers.get(s.kept).balance_total == before
    assert co.jobs.get(s.merged_furnace).balance_total == D("240.00")  # its sub-job's 240
    co.close()
    report = verify(company_path)
    assert report.problems == []
    assert report.counts["customers"] == 1 and report.counts["invoices"] == 4


def test_the_system_entry_says_who_merged_what(company: Any, smiths: Smiths) -> None:
    co, s = company, smiths
    co.customers.merge(keep=s.kept, merge=s.merged, by="Dana", take=("notepad",))
    entry = co.contact_log.list_for(s.kept)[0]
    assert entry.kind == "System" and entry.is_system and entry.employee_name == "Dana"
    assert entry.subject == "Merged “Smith, J.” into this customer"
    lines = (entry.details or "").split("\n")
    assert lines[0] == (
        "Merged “Smith, J.” into this customer by Dana: 3 jobs, 2 contacts, "
        "4 log entries, 3 invoices, 1 payment, 1 pop-up note moved."
    )
    details = entry.details or ""
    assert "“furnace” is now “furnace (2)”" in details
    assert "Taken from “Smith, J.”: Notepad." in details
    assert "Replaced (what this customer had):\nNotepad: Kept notes" in details
    assert "Gate code: 2222" in details  # the merged one's value, not kept
    assert "new contact “Smith, J.”" in details
    assert "opening balance of 25.00" in details


def test_refusals(company: Any, smiths: Smiths) -> None:
    co, s = company, smiths
    with pytest.raises(ValidationError, match="is a job, not a customer") as job:
        co.customers.merge(keep=s.kept, merge=s.merged_roof, by="Dana")
    assert job.value.field == "merge"
    with pytest.raises(ValidationError, match="cannot be merged into itself"):
        co.customers.merge(keep=s.kept, merge=s.kept, by="Dana")
    with pytest.raises(NotFoundError):
        co.customers.merge(keep=s.kept, merge=999_999, by="Dana")
    with pytest.raises(ValidationError, match="Say who"):
        co.customers.merge(keep=s.kept, merge=s.merged, by=" ")
    with pytest.raises(ValidationError, match="added together"):
        co.customers.merge(keep=s.kept, merge=s.merged, by="Dana", take=("opening_balance",))
    with pytest.raises(ValidationError, match="not a field"):
        co.customers.merge(keep=s.kept, merge=s.merged, by="Dana", take=("balance",))
    with pytest.raises(ValidationError, match="list of field names"):
        co.customers.merge(keep=s.kept, merge=s.merged, by="Dana", take="notepad")
    assert co.customers.get(s.merged).name == "Smith, J."  # nothing happened


def test_a_change_at_another_desk_since_it_was_shown_is_a_conflict(
    company: Any, other_desk: Any, smiths: Smiths
) -> None:
    co, s = company, smiths
    shown_kept = co.customers.get(s.kept).version
    shown_merged = co.customers.get(s.merged).version
    other_desk.customers.update(s.merged, notepad="Changed at the front desk")
    with pytest.raises(ConflictError):
        co.customers.merge(
            keep=s.kept,
            merge=s.merged,
            by="Dana",
            keep_version=shown_kept,
            merge_version=shown_merged,
        )
    assert co.customers.get(s.merged).notepad == "Changed at the front desk"
    assert len(co.tree.children(parent_id=s.merged)) == 2  # nothing moved
    fresh = co.customers.get(s.merged).version
    co.customers.merge(
        keep=s.kept, merge=s.merged, by="Dana", keep_version=shown_kept, merge_version=fresh
    )


def test_taking_the_name_and_a_credit_hold_carried_over(company: Any) -> None:
    co = company
    kept = co.customers.add(name="J Smith").id
    merged = co.customers.add(name="Smith, John", account_number="A-100").id
    co.jobs.add(parent=merged, name="Deck")
    co.customers.place_credit_hold(merged, reason="Bounced check", by="Dana")
    detail = co.customers.merge(keep=kept, merge=merged, by="Dana", take=["name"])
    assert (detail.name, detail.account_number) == ("Smith, John", "A-100")
    assert detail.credit_hold and detail.credit_hold_reason == "Bounced check"
    assert [j.full_name for j in co.tree.children(parent_id=kept)] == ["Smith, John:Deck"]


# ------------------------------------------------------------------- duplicates


def test_duplicate_pairs_by_name_phone_and_email(company: Any) -> None:
    co = company
    john = co.customers.add(name="Smith, John", phone="(555) 201-3344").id
    jöhn = co.customers.add(name="Smith, Jöhn").id
    by_phone = co.customers.add(name="J. Smith", phone="555-201-3344 ext 9").id
    by_mail = co.customers.add(name="Acme", email="Office@Acme.example").id
    by_mail_too = co.customers.add(name="Acme Heating", email="office@acme.example").id
    co.customers.add(name="Unrelated", phone="(555) 999-0000", email="u@example.com")
    co.customers.add(name="Short", phone="911")
    co.customers.add(name="Short too", phone="911")
    gone = co.customers.add(name="Smith, JOHN (old)", phone="(555) 201-3344").id
    co.customers.set_active(gone, active=False)

    pairs = co.customers.duplicate_pairs()
    assert all(isinstance(p, DuplicatePair) for p in pairs)
    found = {(p.first_id, p.second_id): p.reasons for p in pairs}
    assert found == {
        (john, jöhn): ("same name",),
        (john, by_phone): ("same phone",),
        (by_mail, by_mail_too): ("same email",),
    }
    assert co.customers.duplicate_pairs(limit=1)[0].first_name == "Acme"
    with pytest.raises(ValidationError):
        co.customers.duplicate_pairs(limit=0)


def test_a_pair_sharing_several_keys_comes_first(company: Any) -> None:
    co = company
    a = co.customers.add(name="Zeta", phone="(555) 201-3344", email="z@example.com").id
    b = co.customers.add(name="Zéta", phone="555 201 3344", email="Z@example.com").id
    c = co.customers.add(name="Alpha", phone="(555) 301-4455").id
    d = co.customers.add(name="Alpha Two", phone="(555) 301-4455").id
    pairs = co.customers.duplicate_pairs()
    assert [(p.first_id, p.second_id) for p in pairs] == [(a, b), (c, d)]
    assert pairs[0].reasons == ("same name", "same phone", "same email")


def test_something_that_cannot_be_moved_refuses_the_whole_merge(
    company: Any, smiths: Smiths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kind of record the merge does not move (here: pop-up notes, as if a new table)
    would be deleted with the merged customer: the merge is refused and rolled back."""
    from officemgr.core.services import _merge_moves

    co, s = company, smiths
    rows = tuple(row for row in _merge_moves._NODE_ROWS if row[0] is not m.PopupNote)
    monkeypatch.setattr(_merge_moves, "_NODE_ROWS", rows)
    with pytest.raises(ValidationError, match="1 pop-up note record") as refused:
        co.customers.merge(keep=s.kept, merge=s.merged, by="Dana")
    assert "nothing was merged" in str(refused.value)
    assert co.customers.get(s.merged).name == "Smith, J."
    assert {j.id for j in co.tree.children(parent_id=s.merged)} == {s.merged_furnace, s.merged_roof}
    assert co.payments.get(s.merged_payment).customer_id == s.merged
    assert len(co.contact_log.list_for(s.kept)) == 0


def test_a_merge_through_the_api_backs_the_company_file_up_first(company: Any) -> None:
    keep = company.customers.add(name="Smith, John").id
    gone = company.customers.add(name="Smith, J.").id
    folder = paths.backup_dir()
    before = set(folder.glob("*before merge*")) if folder.exists() else set()
    company.customers.merge(keep=keep, merge=gone, by="Dana")
    made = set(folder.glob("*before merge*")) - before
    assert len(made) == 1
    (backup,) = made
    with Company.open(backup, create=False) as copy:  # the two customers, as they were
        names = {row.name for row in copy.customers.search("", show="all")}
    assert names == {"Smith, John", "Smith, J."}
