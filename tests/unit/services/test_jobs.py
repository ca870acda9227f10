"""Jobs: details copied from the customer, Job Info, depth and name rules, status, moves."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from officemgr.core import balances
from officemgr.core import models as m
from officemgr.errors import ConflictError, DuplicateError, NotFoundError, ValidationError


@pytest.fixture
def customer(company: Any) -> Any:
    lists = company.lists.all()
    rep = company.lists.add_employee(name="Dana Reyes", is_sales_rep=True)
    c = company.customers.add(
        name="Smith, John",
        company_name="Smith Family Trust",
        salutation="Mr.",
        first_name="John",
        last_name="Smith",
        phone="(555) 201-3344",
        cell="555-201-7777",
        email="john@example.com",
        bill_to={"line1": "12 Oak St", "city": "Dayton", "region": "OH", "postal_code": "45402"},
        work={"line1": "40 Mill Rd", "city": "Xenia", "region": "OH"},
        terms_id=lists.terms[2].id,
        customer_type_id=lists.customer_types[1].id,
        sales_rep_id=rep.id,
        tax_code_id=lists.tax_codes[1].id,
        account_number="A-1",
        notepad="Customer's own notes",
    )
    company.contacts.add(
        owner=c.id,
        name="Mary Smith",
        role="Spouse",
        phones=[("cell", "555-201-9000"), ("work", "555-201-9001")],
        email="mary@example.com",
        is_primary=True,
    )
    return c


def test_a_new_job_starts_with_its_customers_details(company: Any, customer: Any) -> None:
    j = company.jobs.add(parent=customer.id, name="Furnace Replacement", status="Pending")
    assert (j.kind, j.depth, j.parent_id, j.customer_id) == ("job", 1, customer.id, customer.id)
    assert j.full_name == "Smith, John:Furnace Replacement"
    assert j.status == "Pending" and j.version == 1
    c = company.customers.get(customer.id)
    d = company.jobs.get(j.id)
    for field in (
        "company_name",
        "salutation",
        "first_name",
        "last_name",
        "terms_id",
        "customer_type_id",
        "sales_rep_id",
        "tax_code_id",
        "work_same_as_bill_to",
    ):
        assert getattr(d, field) == getattr(c, field), field
    assert d.bill_to and c.bill_to and d.bill_to.as_dict() == c.bill_to.as_dict()
    assert d.work and c.work and d.work.as_dict() == c.work.as_dict()
    assert [(p.kind, p.formatted) for p in d.phones] == [(p.kind, p.formatted) for p in c.phones]
    assert [e.address for e in d.emails] == ["john@example.com"]
    (mary,) = d.contacts
    assert (mary.name, mary.role, mary.is_primary) == ("Mary Smith", "Spouse", True)
    assert [(p.kind, p.formatted) for p in mary.phones] == [
        ("cell", "(555) 201-9000"),
        ("work", "(555) 201-9001"),
    ]
    assert mary.email and mary.email.address == "mary@example.com"
    assert mary.id != c.contacts[0].id  # a copy the job may change on its own
    # copies, not shared rows; account number and notes are the customer's own
    assert {p.id for p in d.phones}.isdisjoint({p.id for p in c.phones})
    assert d.account_number is None and d.notepad is None
    assert d.job_info is not None and d.job_info.status == "Pending"


def test_given_fields_replace_the_copied_ones(company: Any, customer: Any) -> None:
    j = company.jobs.add(
        parent=customer.id,
        name="Rental",
        phone="555-201-4444",
        bill_to={"line1": "7 Rental Ct", "city": "Fairborn"},
        company_name=None,
    )
    d = company.jobs.get(j.id)
    assert d.phone and d.phone.formatted == "(555) 201-4444"
    assert d.cell and d.cell.formatted == "(555) 201-7777"  # still copied
    assert d.bill_to and d.bill_to.as_dict()["city"] == "Fairborn"
    assert d.bill_to.region is None  # the given address replaces the copied one
    assert d.company_name is None


def test_copy_details_false_starts_empty(company: Any, customer: Any) -> None:
    j = company.jobs.add(parent=customer.id, name="Blank", copy_details=False)
    d = company.jobs.get(j.id)
    assert d.phones == () and d.emails == () and d.contacts == ()
    assert d.bill_to is None and d.first_name is None and d.terms_id is None


def test_job_info_fields_are_stored(company: Any, customer: Any) -> None:
    foreman = company.lists.add_employee(name="Fred Foreman", is_foreman=True)
    install = company.lists.add_job_type(name="Install")
    furnace = company.lists.add_job_type(name="Furnace", parent_id=install.id)
    j = company.jobs.add(
        parent=customer.id,
        name="Install",
        title="New furnace",
        job_type_id=furnace.id,
        foreman_id=foreman.id,
        start_date=date(2026, 11, 3),
        projected_end_date="2026-11-05",
        projected_total="4250.00",
        description="Replace 20-year-old unit",
        details="Line 1\nLine 2",
    )
    info = company.jobs.get(j.id).job_info
    assert info is not None
    assert info.title == "New furnace"
    assert (info.job_type_id, info.job_type_name) == (furnace.id, "Install:Furnace")
    assert (info.foreman_id, info.foreman_name) == (foreman.id, "Fred Foreman")
    assert info.start_date == date(2026, 11, 3)
    assert info.projected_end_date == date(2026, 11, 5)
    assert info.projected_total == Decimal("4250.00")
    assert info.status == "None"
    assert info.details == "Line 1\nLine 2"
    d = company.jobs.update(j.id, completion_date=date(2026, 11, 6), estimate_type="binding")
    assert d.job_info and d.job_info.completion_date == date(2026, 11, 6)
    assert d.job_info.estimate_type == "binding"


def test_job_dates_must_be_in_order(company: Any, customer: Any) -> None:
    j = company.jobs.add(parent=customer.id, name="Install", start_date=date(2026, 11, 3))
    with pytest.raises(ValidationError) as err:
        company.jobs.update(j.id, projected_end_date=date(2026, 11, 1))
    assert err.value.field == "projected_end_date"


def test_status_must_be_a_job_status(company: Any, customer: Any) -> None:
    with pytest.raises(ValidationError) as err:
        company.jobs.add(parent=customer.id, name="X", status="Done")
    assert err.value.field == "status"
    assert "None, Pending, Awarded, In Progress, Closed, Not Awarded" in str(err.value)
    assert company.customers.count()["jobs"] == 0


def test_set_status(company: Any, customer: Any) -> None:
    j = company.jobs.add(parent=customer.id, name="X")
    s = company.jobs.set_status(j.id, status="in progress")
    assert s.status == "In Progress" and s.version == j.version + 1
    with pytest.raises(ValidationError):
        company.jobs.set_status(j.id, status="Finished")
    with pytest.raises(ValidationError) as err:
        company.jobs.set_status(customer.id, status="Closed")
    assert "Only a job has a status" in str(err.value)


def test_sibling_names_are_unique_but_cousins_may_share(company: Any, customer: Any) -> None:
    a = company.jobs.add(parent=customer.id, name="Furnace")
    with pytest.raises(DuplicateError) as err:
        company.jobs.add(parent=customer.id, name="FURNACE")
    assert err.value.existing_id == a.id
    assert str(err.value) == "“Smith, John” already has a job called “Furnace”."
    other = company.customers.add(name="Jones, Ann")
    assert company.jobs.add(parent=other.id, name="Furnace").full_name == "Jones, Ann:Furnace"
    assert company.jobs.add(parent=a.id, name="Furnace").full_name == (
        "Smith, John:Furnace:Furnace"
    )


def test_depth_stays_within_five_levels(company: Any, customer: Any) -> None:
    parent = customer.id
    for level in range(1, m.MAX_DEPTH):
        job = company.jobs.add(parent=parent, name=f"Level {level}")
        assert job.depth == level
        parent = job.id
    with pytest.raises(ValidationError) as err:
        company.jobs.add(parent=parent, name="Too deep")
    assert err.value.field == "parent"
    assert "at most 5 levels" in str(err.value)


def test_a_missing_parent_or_customer_only_fields(company: Any, customer: Any) -> None:
    with pytest.raises(NotFoundError):
        company.jobs.add(parent=999, name="Orphan")
    with pytest.raises(ValidationError) as err:
        company.jobs.add(parent=customer.id, name="X", is_prospect=True)
    assert err.value.field == "is_prospect"


def test_job_version_conflict(company: Any, customer: Any) -> None:
    j = company.jobs.add(parent=customer.id, name="X")
    a = company.jobs.get(j.id)
    b = company.jobs.get(j.id)
    company.jobs.update(j.id, expected_version=a.version, title="A")
    with pytest.raises(ConflictError):
        company.jobs.update(j.id, expected_version=b.version, title="B")
    assert company.jobs.get(j.id).job_info.title == "A"


def test_a_job_shows_its_customers_popup_notes(company: Any, customer: Any) -> None:
    j = company.jobs.add(parent=customer.id, name="X")
    with company.write() as session:
        session.add(m.PopupNote(owner_id=customer.id, text="Dog in the yard"))
        session.add(m.PopupNote(owner_id=j.id, text="Gate code 1234"))
    notes = company.jobs.get(j.id).popup_notes
    assert [(n.text, n.inherited) for n in notes] == [
        ("Dog in the yard", True),
        ("Gate code 1234", False),
    ]
    assert [n.text for n in company.customers.get(customer.id).popup_notes] == ["Dog in the yard"]


# --------------------------------------------------------------------------- move


@pytest.fixture
def tree(company: Any, customer: Any) -> dict[str, int]:
    """Smith, John:Furnace:Ductwork:Vents and Jones, Ann:Kitchen."""
    ids = {"smith": customer.id}
    ids["furnace"] = company.jobs.add(parent=customer.id, name="Furnace").id
    ids["ductwork"] = company.jobs.add(parent=ids["furnace"], name="Ductwork").id
    ids["vents"] = company.jobs.add(parent=ids["ductwork"], name="Vents").id
    ids["jones"] = company.customers.add(name="Jones, Ann").id
    ids["kitchen"] = company.jobs.add(parent=ids["jones"], name="Kitchen").id
    return ids


def test_move_updates_full_names_depths_and_customer_of_the_subtree(
    company: Any, tree: dict[str, int]
) -> None:
    company.contact_log.add(owner=tree["vents"], kind="Note", subject="Measured vents")
    company.contact_log.add(owner=tree["furnace"], kind="Call In", subject="Quote")
    moved = company.jobs.move(tree["furnace"], new_parent=tree["kitchen"])
    assert moved.full_name == "Jones, Ann:Kitchen:Furnace"
    assert (moved.parent_id, moved.customer_id, moved.depth) == (
        tree["kitchen"],
        tree["jones"],
        2,
    )
    vents = company.jobs.get(tree["vents"])
    assert vents.full_name == "Jones, Ann:Kitchen:Furnace:Ductwork:Vents"
    assert (vents.customer_id, vents.depth, vents.customer_name) == (tree["jones"], 4, "Jones, Ann")
    # the log entries follow to the new customer's log
    assert {e.subject for e in company.contact_log.list_for(tree["jones"], include_jobs=True)} == {
        "Measured vents",
        "Quote",
    }
    assert company.contact_log.list_for(tree["smith"], include_jobs=True) == []
    assert [n.full_name for n in company.customers.search("ductwork", mode="starts_with")] == [
        "Jones, Ann:Kitchen:Furnace:Ductwork"
    ]


def test_move_takes_invoices_payments_and_balances_along(
    company: Any, tree: dict[str, int]
) -> None:
    company.jobs.update(tree["vents"], opening_balance="100")
    with company.write() as session:
        session.add(
            m.Invoice(
                number=7,
                node_id=tree["ductwork"],
                customer_id=tree["smith"],
                invoice_date=date(2026, 1, 1),
                due_date=date(2026, 1, 31),
                total=Decimal("50.00"),
            )
        )
        session.add(
            m.Payment(
                customer_id=tree["smith"],
                node_id=tree["ductwork"],
                received_on=date(2026, 1, 2),
                amount=Decimal("20.00"),
            )
        )
        session.flush()
        balances.recompute(session.connection())
    assert company.customers.get(tree["smith"]).balance_total == Decimal("130.00")

    company.jobs.move(tree["ductwork"], new_parent=tree["jones"])
    assert company.customers.get(tree["smith"]).balance_total == Decimal("0.00")
    assert company.jobs.get(tree["furnace"]).balance_total == Decimal("0.00")
    assert company.customers.get(tree["jones"]).balance_total == Decimal("130.00")
    assert company.jobs.get(tree["ductwork"]).balance == Decimal("30.00")
    with company.read() as session:
        assert session.scalars(select(m.Invoice.customer_id)).all() == [tree["jones"]]
        assert session.scalars(select(m.Payment.customer_id)).all() == [tree["jones"]]
        stored = {
            r.id: (r.balance, r.balance_total)
            for r in session.execute(
                select(m.CustomerJob.id, m.CustomerJob.balance, m.CustomerJob.balance_total)
            )
        }
        assert stored == balances.expected(session.connection())


def test_move_is_refused_into_its_own_subtree_or_itself(company: Any, tree: dict[str, int]) -> None:
    for target in (tree["furnace"], tree["vents"]):
        with pytest.raises(ValidationError) as err:
            company.jobs.move(tree["furnace"], new_parent=target)
        assert err.value.field == "parent"
        assert "under itself or under one of its own jobs" in str(err.value)
    with pytest.raises(ValidationError):
        company.jobs.move(tree["smith"], new_parent=tree["vents"])
    assert company.jobs.get(tree["vents"]).full_name == "Smith, John:Furnace:Ductwork:Vents"


def test_move_keeps_the_whole_subtree_within_five_levels(
    company: Any, tree: dict[str, int]
) -> None:
    # Furnace has two levels below it; under Kitchen (level 1) they would reach level 4: fine
    company.jobs.move(tree["furnace"], new_parent=tree["kitchen"])
    deeper = company.jobs.add(parent=tree["kitchen"], name="Cabinets")
    extra = company.jobs.add(parent=deeper.id, name="Doors")
    with pytest.raises(ValidationError) as err:
        company.jobs.move(tree["furnace"], new_parent=extra.id)
    assert err.value.field == "parent" and "five levels" in str(err.value)


def test_move_refuses_a_name_clash_at_the_new_parent(company: Any, tree: dict[str, int]) -> None:
    clash = company.jobs.add(parent=tree["jones"], name="furnace")
    with pytest.raises(DuplicateError) as err:
        company.jobs.move(tree["furnace"], new_parent=tree["jones"])
    assert err.value.existing_id == clash.id and err.value.field == "parent"
    assert str(err.value) == "“Jones, Ann” already has a job called “furnace”."


def test_move_through_the_form_and_to_the_top(company: Any, tree: dict[str, int]) -> None:
    d = company.jobs.update(tree["ductwork"], parent=tree["kitchen"], title="Ducts")
    assert d.full_name == "Jones, Ann:Kitchen:Ductwork"
    assert d.job_info and d.job_info.title == "Ducts"
    top = company.jobs.move(tree["ductwork"], new_parent=None)
    assert (top.kind, top.depth, top.customer_id) == ("customer", 0, tree["ductwork"])
    assert company.jobs.get(tree["vents"]).full_name == "Ductwork:Vents"
    assert company.jobs.get(tree["vents"]).customer_id == tree["ductwork"]


def test_a_customer_on_hold_is_not_silently_made_a_job(company: Any, tree: dict[str, int]) -> None:
    company.customers.place_credit_hold(tree["jones"], reason="Late", by="Dana")
    with pytest.raises(ValidationError) as err:
        company.jobs.move(tree["jones"], new_parent=tree["smith"])
    assert "credit hold" in str(err.value)
