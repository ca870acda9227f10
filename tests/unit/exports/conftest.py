"""A small office made through the services, with what exports must get right: jobs and
sub-jobs, addresses at home and abroad, phones with extensions, custom fields, inactive
records, names in Norwegian and Chinese, contacts, a contact log, invoices, payments."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from officemgr import Company


@dataclass(frozen=True)
class Office:
    """The ids of the records `fill` made."""

    lars: int
    kitchen: int
    cabinets: int
    boiler: int
    boiler_part: int
    wang: int
    bakery: int
    invoice: int
    payment: int


def list_id(co: Any, kind: str, name: str) -> int:
    """The id of a default office list entry ("Net 30", "Tax" …)."""
    return next(item.id for item in getattr(co.lists.all(), kind) if item.name == name)


@dataclass(frozen=True)
class Lists:
    rep: int
    gate: int
    since: int
    pets: int
    kitchen_type: int


def make_lists(co: Any) -> Lists:
    """A sales rep, three custom fields of three kinds, and a two-level job type."""
    rep = co.lists.add_item(
        list_kind="employee", name="Dana O'Neil", initials="DON", is_sales_rep=True
    ).id
    gate = co.lists.add_item(list_kind="custom_field", name="Gate Code", field_type="text").id
    since = co.lists.add_item(list_kind="custom_field", name="Customer Since", field_type="date").id
    pets = co.lists.add_item(list_kind="custom_field", name="Pets", field_type="yes_no").id
    remodel = co.lists.add_job_type(name="Remodel").id
    kitchen_type = co.lists.add_job_type(name="Kitchen", parent_id=remodel).id
    return Lists(rep, gate, since, pets, kitchen_type)


def add_lars(co: Any, lists: Lists) -> int:
    """A customer with every field filled in, a work site abroad and custom values."""
    return int(
        co.customers.add(
            name="Ødegård, Lars",
            salutation="Mr.",
            first_name="Lars",
            middle_initial="K",
            last_name="Ødegård",
            company_name="Ødegård Rørlegger AS",
            phone="(555) 201-3344 x12",
            alt_phone="555-201-9000",
            cell="555.201.7000",
            fax="555 201 3345",
            email="lars@example.com",
            cc_email="office@example.com",
            bill_to=dict(
                line1="12 Oak St",
                line2="Suite 4",
                city="Dayton",
                region="OH",
                postal_code="45402",
                country="US",
            ),
            work=dict(
                line1="300 Front St W",
                city="Toronto",
                region="ON",
                postal_code="M5V 2T6",
                country="CA",
            ),
            customer_type_id=list_id(co, "customer_types", "Residential"),
            terms_id=list_id(co, "terms", "Net 30"),
            sales_rep_id=lists.rep,
            tax_code_id=list_id(co, "tax_codes", "Tax"),
            credit_limit="2500",
            account_number="R-1042",
            resale_number="NH-88120",
            website="www.odegard.example",
            notepad='Dog in the yard.\nUse the side gate, "please"; thanks \\o/',
            custom_fields={lists.gate: "#4471", lists.since: "2020-05-01", lists.pets: "yes"},
        ).id
    )


def add_jobs(co: Any, lars: int, lists: Lists) -> tuple[int, int, int, int]:
    """Two jobs with a sub-job each; the second job inactive (its sub-job is not)."""
    kitchen = co.jobs.add(
        parent=lars,
        name="Kitchen Remodel",
        status="In Progress",
        description="Full kitchen remodel",
        job_type_id=lists.kitchen_type,
        start_date=date(2025, 3, 3),
        projected_end_date=date(2025, 6, 30),
    ).id
    cabinets = co.jobs.add(parent=kitchen, name="Cabinets", status="Pending").id
    boiler = co.jobs.add(
        parent=lars, name="Boiler", status="Closed", completion_date=date(2024, 12, 1)
    ).id
    valve = co.jobs.add(parent=boiler, name="Valve", status="Closed").id
    co.customers.set_active(boiler, active=False)
    return kitchen, cabinets, boiler, valve


def add_wang(co: Any) -> int:
    """A customer named in Chinese, with two contacts (several phones, one email)."""
    wang = co.customers.add(
        name="王小明",
        first_name="小明",
        last_name="王",
        phone="+86 10 6552 9988",
        email="wang@example.cn",
        bill_to={
            "line1": "建国门外大街1号",
            "city": "北京",
            "postal_code": "100004",
            "country": "CN",
        },
    ).id
    co.contacts.add(
        owner=wang,
        name="Li Na",
        role="Assistant",
        phones=[("main", "+86 10 6552 9900"), ("cell", "+86 139 1234 5678")],
        email="li.na@example.cn",
        is_primary=True,
    )
    co.contacts.add(owner=wang, name="Zhang Wei", notes="Speaks English; calls, mornings")
    return int(wang)


def add_bakery(co: Any) -> int:
    """An inactive company, non-taxable, whose phone does not parse."""
    return int(
        co.customers.add(
            name="Old Mill Bakery",
            company_name="Old Mill Bakery",
            phone="555-01",
            bill_to=dict(line1="7 Mill St", city="Bristol", region="VT", postal_code="05443"),
            tax_code_id=list_id(co, "tax_codes", "Non"),
            is_active=False,
        ).id
    )


def add_history(co: Any, lars: int, kitchen: int, bakery: int) -> tuple[int, int]:
    """Two log entries, an invoice, a void invoice and a payment: (invoice, payment)."""
    co.contact_log.add(
        owner=kitchen,
        at=datetime(2026, 11, 2, 9, 30),
        kind="Call In",
        subject="Asked, for a quote",
        details="Wants oak; maybe maple",
        employee="Dana O'Neil",
        follow_up_on=date(2026, 11, 9),
    )
    co.contact_log.add(owner=bakery, at=datetime(2026, 11, 3, 14, 5), kind="Note", subject="Closed")
    invoice = co.invoices.add(
        node=kitchen,
        lines=[{"description": "Cabinets", "quantity": "2", "rate": "100.00"}],
        invoice_date=date(2026, 11, 3),
        memo="Deposit",
    ).id
    void = co.invoices.add(
        node=lars, lines=[{"description": "Visit", "rate": "80"}], invoice_date=date(2026, 11, 4)
    ).id
    co.invoices.void(void, reason="Entered twice", by="Dana")
    payment = co.payments.add(
        customer=lars,
        amount="150.00",
        received_on=date(2026, 11, 10),
        reference="1001",
        payment_method_id=list_id(co, "payment_methods", "Check"),
    ).id
    return int(invoice), int(payment)


def fill(co: Any, *, chinese: bool = True) -> Office:
    """The office's records; ``chinese`` False leaves out the one customer whose name
    does not fit Windows-1252."""
    lists = make_lists(co)
    lars = add_lars(co, lists)
    kitchen, cabinets, boiler, valve = add_jobs(co, lars, lists)
    wang = add_wang(co) if chinese else 0
    bakery = add_bakery(co)
    invoice, payment = add_history(co, lars, kitchen, bakery)
    return Office(lars, kitchen, cabinets, boiler, valve, wang, bakery, invoice, payment)


@pytest.fixture
def office(company: Any) -> Office:
    return fill(company)


@pytest.fixture
def latin_office(company: Any) -> Office:
    """The office without its Chinese customer: every name fits Windows-1252."""
    return fill(company, chinese=False)


@pytest.fixture
def new_company(tmp_path: Path) -> Callable[[str], Any]:
    """``new_company(name)``: an empty company file, opened (closed after the test)."""
    opened: list[Any] = []

    def make(name: str) -> Any:
        co = Company.open(tmp_path / f"{name}.officemgr")
        opened.append(co)
        return co

    yield make
    for co in opened:
        co.close()
