"""Customers: add, the form's get and save, search, duplicates, active, delete, credit hold."""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import event, select, update

from officemgr import Company
from officemgr.core import balances, keys
from officemgr.core import models as m
from officemgr.core.records import NodeDetail, NodeSummary
from officemgr.core.services import customers
from officemgr.errors import (
    ConflictError,
    DuplicateError,
    HasHistoryError,
    NotFoundError,
    OfficeMgrError,
    ValidationError,
)


@contextmanager
def counted_selects(company: Any) -> Iterator[list[str]]:
    """The SELECT statements the company's engine runs inside the block."""
    statements: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(company.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(company.engine, "before_cursor_execute", before)


def smith(co: Any, **extra: Any) -> NodeSummary:
    fields: dict[str, Any] = {
        "name": "Smith, John",
        "first_name": "John",
        "last_name": "Smith",
        "phone": "(555) 201-3344",
        "email": "john@example.com",
        "bill_to": {"line1": "12 Oak St", "city": "Dayton", "region": "OH", "postal_code": "45402"},
    }
    fields.update(extra)
    return co.customers.add(**fields)


# ------------------------------------------------------------------------------ add


def test_add_returns_a_customer_summary_that_is_its_own_customer(company: Any) -> None:
    c = smith(company)
    assert isinstance(c, NodeSummary)
    assert (c.name, c.full_name, c.kind, c.depth, c.parent_id) == (
        "Smith, John",
        "Smith, John",
        "customer",
        0,
        None,
    )
    assert c.customer_id == c.id
    assert c.version == 1
    assert c.is_active and not c.is_prospect and not c.credit_hold
    assert c.balance == Decimal("0.00") and c.balance_total == Decimal("0.00")


def test_add_stores_name_keys_for_uniqueness_and_sorting(company: Any) -> None:
    c = company.customers.add(name="  Ångström,   Émile ")
    with company.read() as session:
        row = session.get(m.CustomerJob, c.id)
        assert row.name == "Ångström, Émile"
        assert row.full_name_key == "ångström, émile"
        assert row.sort_key == "angstrom, emile"


def test_name_defaults_from_the_person_or_company(company: Any) -> None:
    cases: list[tuple[dict[str, str], str]] = [
        ({"first_name": "John", "last_name": "Smith"}, "Smith, John"),
        ({"last_name": "Smith"}, "Smith"),
        ({"company_name": "Acme Heating LLC"}, "Acme Heating LLC"),
        ({"first_name": "Ann", "last_name": "Lee", "company_name": "Lee Co"}, "Lee, Ann"),
    ]
    for fields, expected in cases:
        assert company.customers.add(**fields).name == expected


def test_a_customer_needs_some_name(company: Any) -> None:
    with pytest.raises(ValidationError) as err:
        company.customers.add(phone="555-201-3344")
    assert err.value.field == "name"
    assert "name" in str(err.value)


def test_a_name_with_a_colon_is_refused(company: Any) -> None:
    with pytest.raises(ValidationError) as err:
        company.customers.add(name="Smith: John")
    assert err.value.field == "name"
    assert "“:”" in str(err.value)


def test_full_names_are_unique_ignoring_case_and_unicode_form(company: Any) -> None:
    first = company.customers.add(name="Café Lumière")
    decomposed = unicodedata.normalize("NFD", "CAFÉ LUMIÈRE")
    with pytest.raises(DuplicateError) as err:
        company.customers.add(name=decomposed)
    assert err.value.existing_id == first.id
    assert err.value.field == "name"
    assert str(err.value) == "There is already a customer called “Café Lumière”."


def test_phones_are_parsed_with_the_office_region_and_kept_as_typed(company: Any) -> None:
    c = company.customers.add(
        name="Lee, Ann",
        phone="555.201.3344 x12",
        alt_phone="+44 20 7946 0958",
        cell="555 201 7777",
        fax="5552018888",
    )
    d = company.customers.get(c.id)
    assert d.phone is not None and d.alt_phone is not None and d.cell and d.fax
    assert d.phone.as_typed == "555.201.3344 x12"
    assert d.phone.formatted == "(555) 201-3344"
    assert d.phone.extension == "12"
    assert d.phone.e164 == "+15552013344"
    assert d.phone.is_valid and d.phone.warning is None
    assert d.alt_phone.formatted == "+44 20 7946 0958"
    assert d.cell.formatted == "(555) 201-7777"
    assert d.fax.kind == "fax" and d.fax.formatted == "(555) 201-8888"
    assert d.warnings == ()
    with company.read() as session:
        keys = session.scalars(
            select(m.Phone.digits_key).where(m.Phone.owner_id == c.id, m.Phone.kind == "main")
        ).all()
    assert keys == ["4433102555"]


def test_the_office_region_decides_how_numbers_read(company: Any) -> None:
    company.settings.update(default_phone_region="GB")
    c = company.customers.add(name="Brown, Tom", phone="020 7946 0958")
    phone = company.customers.get(c.id).phone
    assert phone is not None
    assert phone.formatted == "020 7946 0958"
    assert phone.e164 == "+442079460958"


def test_an_unparsable_phone_is_kept_with_a_warning_never_refused(company: Any) -> None:
    c = company.customers.add(name="Odd, Number", phone="call after 5", cell="12")
    d = company.customers.get(c.id)
    assert d.phone is not None and d.cell is not None
    assert d.phone.as_typed == "call after 5"
    assert d.phone.formatted == "call after 5"
    assert not d.phone.is_valid and d.phone.e164 is None
    assert d.phone.warning is not None and "kept as typed" in d.phone.warning
    assert d.cell.as_typed == "12" and not d.cell.is_valid
    assert len(d.warnings) == 2
    assert any("call after 5" in w for w in d.warnings)


def test_a_badly_shaped_email_is_kept_with_a_warning(company: Any) -> None:
    c = company.customers.add(name="Mail, Bad", email="john at example", cc_email="A@Example.COM")
    d = company.customers.get(c.id)
    assert d.email is not None and d.cc_email is not None
    assert d.email.address == "john at example"
    assert not d.email.is_valid and d.email.normalized is None
    assert d.email.warning and "does not look like an email address" in d.email.warning
    assert d.email.warning in d.warnings
    assert d.cc_email.is_valid and d.cc_email.normalized == "a@example.com"


def test_a_phone_longer_than_the_field_is_refused_with_the_field_name(company: Any) -> None:
    with pytest.raises(ValidationError) as err:
        company.customers.add(name="Long, Phone", fax="5" * 61)
    assert err.value.field == "fax"


def test_unknown_and_kept_fields_are_refused(company: Any) -> None:
    with pytest.raises(ValidationError) as err:
        company.customers.add(name="X", favourite_color="blue")
    assert err.value.field == "favourite_color"
    with pytest.raises(ValidationError) as err:
        company.customers.add(name="X", balance=Decimal(5))
    assert err.value.field == "balance"
    with pytest.raises(ValidationError) as err:
        company.customers.add(name="X", status="Pending")
    assert "jobs only" in str(err.value)
    with pytest.raises(ValidationError) as err:
        company.customers.add(name="X", credit_hold=True)
    assert err.value.field == "credit_hold"
    assert company.customers.count()["customers"] == 0


def test_opening_balance_sets_the_balances(company: Any) -> None:
    c = company.customers.add(name="Owes, Money", opening_balance="125.50")
    assert c.balance == Decimal("125.50") and c.balance_total == Decimal("125.50")
    assert c.version == 1


# ------------------------------------------------------------------- get + update

LISTS: dict[str, Any] = {}


def _every_field(company: Any) -> dict[str, Any]:
    lists = company.lists.all()
    rep = company.lists.add_employee(name="Dana Reyes", is_sales_rep=True)
    inside = company.lists.add_employee(name="Sam Inside", is_sales_rep=True)
    return {
        "company_name": "Smith Family Trust",
        "salutation": "Mr.",
        "first_name": "Johnny",
        "middle_initial": "Q",
        "last_name": "Smithe",
        "pronounced": "SMYTH",
        "website": "https://smith.example",
        "alt_contact_name": "Jane Smith",
        "preferred_contact": "email",
        "work_same_as_bill_to": False,
        "customer_type_id": lists.customer_types[1].id,
        "terms_id": lists.terms[2].id,
        "sales_rep_id": rep.id,
        "inside_rep_id": inside.id,
        "department_id": lists.departments[0].id,
        "marketing_source_id": lists.marketing_sources[2].id,
        "tax_code_id": lists.tax_codes[0].id,
        "price_level_id": lists.price_levels[1].id,
        "resale_number": "R-99",
        "notepad": "Line one\nLine two",
        "account_number": "A-1001",
        "ar_account": "1200",
        "credit_limit": Decimal("2500.00"),
        "opening_balance": Decimal("10.25"),
        "opening_balance_date": date(2026, 1, 31),
        "payment_method_id": lists.payment_methods[1].id,
        "card_holder": "John Q Smith",
        "card_last4": "4242",
        "card_brand": "Visa",
        "card_exp_month": 9,
        "card_exp_year": 2029,
        "billing_postal_code": "45402",
        "is_debit_card": True,
    }


def test_every_field_round_trips_through_update_and_get(company: Any) -> None:
    c = smith(company)
    fields = _every_field(company)
    d = company.customers.update(
        c.id,
        expected_version=c.version,
        phone="555-201-0000",
        alt_phone="555-201-0001",
        cell="555-201-0002",
        fax="555-201-0003",
        email="johnny@example.com",
        cc_email="office@example.com",
        bill_to={"line1": "1 Elm St", "line2": "Apt 2", "country": "us"},
        work={"line1": "9 Work Rd", "city": "Kettering", "region": "OH", "postal_code": "45429"},
        **fields,
    )
    again = company.customers.get(c.id)
    assert d == again
    for key, value in fields.items():
        assert getattr(again, key) == value, key
    assert again.phone and again.phone.formatted == "(555) 201-0000"
    assert again.alt_phone and again.alt_phone.formatted == "(555) 201-0001"
    assert again.cell and again.cell.formatted == "(555) 201-0002"
    assert again.fax and again.fax.formatted == "(555) 201-0003"
    assert again.email and again.email.address == "johnny@example.com"
    assert again.cc_email and again.cc_email.address == "office@example.com"
    assert again.bill_to and again.bill_to.as_dict() == {
        "line1": "1 Elm St",
        "line2": "Apt 2",
        "city": "Dayton",  # parts not given stay
        "region": "OH",
        "postal_code": "45402",
        "country": "US",
    }
    assert again.work and again.work.city == "Kettering"
    assert again.balance == Decimal("10.25")
    assert again.version == c.version + 1


def test_fields_clear_with_none_or_empty(company: Any) -> None:
    c = smith(company, company_name="Acme", cell="555-201-7777", credit_limit="100")
    d = company.customers.update(
        c.id, company_name="", cell=None, email="", bill_to=None, credit_limit=None
    )
    assert d.company_name is None
    assert d.cell is None and d.email is None and d.bill_to is None
    assert d.credit_limit is None
    assert d.phone is not None  # untouched


def test_giving_a_work_address_unticks_same_as_bill_to(company: Any) -> None:
    c = smith(company)
    assert company.customers.get(c.id).work_same_as_bill_to
    d = company.customers.update(c.id, work={"line1": "5 Site Ln", "city": "Xenia"})
    assert not d.work_same_as_bill_to and d.work and d.work.city == "Xenia"


def test_a_full_card_number_is_reduced_to_brand_and_last_four(company: Any) -> None:
    c = smith(company)
    d = company.customers.update(c.id, card_number="4111 1111 1111 1111")
    assert (d.card_brand, d.card_last4) == ("Visa", "1111")
    with company.read() as session:
        stored = session.get(m.CustomerJob, c.id)
        columns = [getattr(stored, col.key) for col in m.CustomerJob.__table__.columns]
    assert not any(isinstance(v, str) and "41111111" in v for v in columns)
    d = company.customers.update(c.id, card_number="5500-0000-0000-0004")
    assert (d.card_brand, d.card_last4) == ("MasterCard", "0004")


BAD_VALUES: list[tuple[dict[str, Any], str, str]] = [
    ({"card_number": "4111 1111 1111 1112"}, "card_number", "not valid"),
    ({"card_number": "1234"}, "card_number", "12 to 19 digits"),
    ({"card_last4": "41111"}, "card_last4", "last four"),
    ({"card_exp_month": 13}, "card_exp_month", "between 1 and 12"),
    ({"credit_limit": "-5"}, "credit_limit", "negative"),
    ({"credit_limit": "lots"}, "credit_limit", "must be a number written like 1234.56"),
    ({"opening_balance_date": "31/01/2026"}, "opening_balance_date", "date"),
    ({"preferred_contact": "pigeon"}, "preferred_contact", "phone, cell, text, email"),
    ({"terms_id": 9999}, "terms_id", "office list"),
    ({"is_debit_card": "maybe"}, "is_debit_card", "yes or no"),
    ({"bill_to": {"street": "1 Elm"}}, "bill_to", "street"),
    ({"bill_to": {"country": "USA"}}, "bill_to.country", "two-letter"),
    ({"salutation": "Mr.\nDr."}, "salutation", "single line"),
]


def test_bad_values_name_their_field(company: Any) -> None:
    c = smith(company)
    for changes, field, words in BAD_VALUES:
        with pytest.raises(ValidationError) as err:
            company.customers.update(c.id, **changes)
        assert err.value.field == field, changes
        assert words in str(err.value), changes
    assert company.customers.get(c.id).version == c.version  # nothing was saved


def test_a_list_id_from_another_list_is_refused(company: Any) -> None:
    c = smith(company)
    department = company.lists.all().departments[0]
    with pytest.raises(ValidationError) as err:
        company.customers.update(c.id, customer_type_id=department.id)
    assert err.value.field == "customer_type_id"


def test_account_numbers_are_unique(company: Any) -> None:
    a = smith(company, account_number="A-1")
    b = company.customers.add(name="Other")
    with pytest.raises(DuplicateError) as err:
        company.customers.update(b.id, account_number="A-1")
    assert err.value.field == "account_number" and err.value.existing_id == a.id
    with pytest.raises(DuplicateError):
        company.customers.add(name="Third", account_number="A-1")


def test_custom_fields_are_checked_by_type_and_round_trip(company: Any) -> None:
    lists = company.lists
    text = lists.add_custom_field(name="Gate code", field_type="text")
    number = lists.add_custom_field(name="Units", field_type="number")
    day = lists.add_custom_field(name="Last service", field_type="date")
    yes_no = lists.add_custom_field(name="Has dog", field_type="yes_no")
    choice = lists.add_custom_field(
        name="Fuel", field_type="choice", choices=["Gas", "Oil", "Electric"]
    )
    c = smith(company)
    d = company.customers.update(
        c.id,
        custom_fields={
            text.id: "#1234",
            number.id: "2.5",
            day.id: "2026-03-04",
            yes_no.id: True,
            choice.id: "oil",
        },
    )
    assert d.custom_fields == {
        text.id: "#1234",
        number.id: Decimal("2.5"),
        day.id: date(2026, 3, 4),
        yes_no.id: True,
        choice.id: "Oil",
    }
    assert company.customers.get(c.id).custom_fields == d.custom_fields
    d = company.customers.update(c.id, custom_fields={number.id: None, yes_no.id: False})
    assert number.id not in d.custom_fields and d.custom_fields[yes_no.id] is False

    for field, bad, words in [
        (number, "two", "must be a number"),
        (day, "March 4", "must be a date"),
        (choice, "Coal", "Gas, Oil, Electric"),
        (yes_no, "perhaps", "yes or no"),
    ]:
        with pytest.raises(ValidationError) as err:
            company.customers.update(c.id, custom_fields={field.id: bad})
        assert err.value.field == f"custom_fields.{field.id}"
        assert words in str(err.value)
    with pytest.raises(ValidationError):
        company.customers.update(c.id, custom_fields={99999: "x"})


def test_a_job_only_custom_field_is_refused_on_a_customer(company: Any) -> None:
    field = company.lists.add_custom_field(name="Permit", field_type="text", applies_to="job")
    c = smith(company)
    with pytest.raises(ValidationError) as err:
        company.customers.update(c.id, custom_fields={field.id: "P-1"})
    assert "jobs only" in str(err.value)
    j = company.jobs.add(parent=c.id, name="Install")
    assert company.jobs.update(j.id, custom_fields={field.id: "P-1"}).custom_fields == {
        field.id: "P-1"
    }


def test_get_of_a_missing_node_says_so(company: Any) -> None:
    with pytest.raises(NotFoundError) as err:
        company.customers.get(4242)
    assert "4242" in str(err.value)
    with pytest.raises(NotFoundError):
        company.customers.update(4242, name="X")


def test_any_change_bumps_the_version_even_a_phone_only_change(company: Any) -> None:
    c = smith(company)
    v1 = company.customers.get(c.id).version
    v2 = company.customers.update(c.id, phone="555-201-9999").version
    v3 = company.customers.update(c.id, bill_to={"city": "Xenia"}).version
    assert v1 < v2 < v3
    assert company.customers.update(c.id).version == v3  # nothing to save


def test_two_reads_two_saves_the_second_is_refused(company: Any) -> None:
    c = smith(company)
    first = company.customers.get(c.id)
    second = company.customers.get(c.id)
    company.customers.update(c.id, expected_version=first.version, notepad="First save")
    with pytest.raises(ConflictError) as err:
        company.customers.update(c.id, expected_version=second.version, notepad="Second save")
    assert err.value.record_id == c.id
    assert "changed by someone else" in str(err.value)
    assert company.customers.get(c.id).notepad == "First save"


def test_a_stale_row_in_the_session_is_a_conflict_not_a_crash(company: Any) -> None:
    c = smith(company)
    with company.write() as session, pytest.raises(ConflictError):
        held = session.get(m.CustomerJob, c.id)  # in the identity map at version 1
        assert held is not None
        session.execute(
            update(m.CustomerJob)
            .where(m.CustomerJob.id == c.id)
            .values(version=m.CustomerJob.version + 1)
            .execution_options(synchronize_session=False)
        )
        customers.update(session, c.id, notepad="Overwrite?")


def test_rename_updates_the_full_names_of_every_descendant(company: Any) -> None:
    c = smith(company)
    job = company.jobs.add(parent=c.id, name="Furnace")
    sub = company.jobs.add(parent=job.id, name="Ductwork")
    subsub = company.jobs.add(parent=sub.id, name="Vents")
    other = company.customers.add(name="Smith, Johnny")
    other_job = company.jobs.add(parent=other.id, name="Furnace")

    d = company.customers.update(c.id, name="Smyth, Jon")
    assert d.full_name == "Smyth, Jon"
    assert company.jobs.get(sub.id).full_name == "Smyth, Jon:Furnace:Ductwork"
    assert company.jobs.get(subsub.id).full_name == "Smyth, Jon:Furnace:Ductwork:Vents"
    assert company.jobs.get(subsub.id).version == subsub.version + 1
    assert company.jobs.get(other_job.id).full_name == "Smith, Johnny:Furnace"
    with company.read() as session:
        keys = session.scalars(
            select(m.CustomerJob.full_name_key).order_by(m.CustomerJob.full_name_key)
        ).all()
    assert keys == [
        "smith, johnny",
        "smith, johnny:furnace",
        "smyth, jon",
        "smyth, jon:furnace",
        "smyth, jon:furnace:ductwork",
        "smyth, jon:furnace:ductwork:vents",
    ]
    renamed = company.jobs.update(job.id, name="Boiler")
    assert renamed.full_name == "Smyth, Jon:Boiler"
    assert company.jobs.get(subsub.id).full_name == "Smyth, Jon:Boiler:Ductwork:Vents"


def test_rename_to_a_taken_name_is_a_duplicate(company: Any) -> None:
    a = smith(company)
    b = company.customers.add(name="Jones, Ann")
    with pytest.raises(DuplicateError) as err:
        company.customers.update(b.id, name="SMITH, JOHN")
    assert err.value.existing_id == a.id
    j1 = company.jobs.add(parent=a.id, name="One")
    company.jobs.add(parent=a.id, name="Two")
    with pytest.raises(DuplicateError) as err:
        company.jobs.update(j1.id, name="two")
    assert str(err.value) == "“Smith, John” already has a job called “Two”."
    assert company.customers.update(a.id, name="smith, john").name == "smith, john"


@given(
    st.lists(
        st.text(st.characters(blacklist_characters=":", blacklist_categories=("Cs",))),
        min_size=1,
        max_size=4,
    )
)
def test_a_full_name_key_is_the_keys_of_its_parts(parts: list[str]) -> None:
    """What lets a rename or move rewrite descendants by replacing a key prefix."""
    assert keys.name_key(":".join(parts)) == ":".join(keys.name_key(p) for p in parts)


# -------------------------------------------------------------------------- search


@pytest.fixture
def people(company: Any) -> dict[str, int]:
    ids = {}
    ids["smith"] = smith(company, account_number="ACCT-77").id
    ids["furnace"] = company.jobs.add(parent=ids["smith"], name="Furnace Replacement").id
    ids["acme"] = company.customers.add(
        name="Acme Heating",
        company_name="Acme Heating LLC",
        phone="937-555-0100",
        bill_to={"city": "Springfield"},
    ).id
    ids["jose"] = company.customers.add(name="José Álvarez", email="jose@ALVAREZ.example").id
    ids["old"] = company.customers.add(name="Oldman, Gone").id
    company.customers.set_active(ids["old"], active=False)
    ids["maybe"] = company.customers.add(name="Maybe, Perhaps", is_prospect=True).id
    ids["pct"] = company.customers.add(name="100% Clean").id
    company.contacts.add(owner=ids["acme"], name="Mary Contact", phone="555-201-9000")
    return ids


def names(found: list[NodeSummary]) -> list[str]:
    return [n.full_name for n in found]


def test_search_contains_by_name_finds_customers_and_their_jobs(
    company: Any, people: dict[str, int]
) -> None:
    assert names(company.customers.search("smi")) == [
        "Smith, John",
        "Smith, John:Furnace Replacement",
    ]
    assert names(company.customers.search("NACE")) == ["Smith, John:Furnace Replacement"]


def test_search_modes(company: Any, people: dict[str, int]) -> None:
    search = company.customers.search
    assert names(search("furnace", mode="starts_with")) == ["Smith, John:Furnace Replacement"]
    assert names(search("replacement", mode="starts_with")) == []
    assert names(search("replacement", mode="contains")) == ["Smith, John:Furnace Replacement"]
    assert names(search("smith, john", mode="equals")) == ["Smith, John"]
    # equals: the name or a whole field (here the last name, which the job copied)
    assert names(search("smith", mode="equals")) == [
        "Smith, John",
        "Smith, John:Furnace Replacement",
    ]
    assert names(search("smit", mode="equals")) == []
    assert names(search("furnace replacement", mode="equals")) == [
        "Smith, John:Furnace Replacement"
    ]
    with pytest.raises(ValidationError):
        search("x", mode="fuzzy")


def test_search_covers_company_contacts_emails_city_account_and_phone(
    company: Any, people: dict[str, int]
) -> None:
    search = company.customers.search
    assert names(search("heating llc")) == ["Acme Heating"]
    assert names(search("mary")) == ["Acme Heating"]
    assert names(search("alvarez.example")) == ["José Álvarez"]
    assert names(search("springf")) == ["Acme Heating"]
    assert names(search("acct-77")) == ["Smith, John"]
    # phone digits, any format; the job copied its customer's phone
    assert names(search("201 3344")) == ["Smith, John", "Smith, John:Furnace Replacement"]
    assert names(search("(555) 201-3344", mode="equals")) == [
        "Smith, John",
        "Smith, John:Furnace Replacement",
    ]
    assert names(search("937", mode="starts_with")) == ["Acme Heating"]
    assert names(search("2019000")) == ["Acme Heating"]  # a contact's phone


def test_search_ignores_accents_and_treats_wildcards_literally(
    company: Any, people: dict[str, int]
) -> None:
    assert names(company.customers.search("jose alv")) == ["José Álvarez"]
    assert names(company.customers.search("%")) == ["100% Clean"]
    assert names(company.customers.search("_")) == []


def test_search_show_filters(company: Any, people: dict[str, int]) -> None:
    search = company.customers.search
    assert "Oldman, Gone" not in names(search(""))
    assert names(search("", show="inactive")) == ["Oldman, Gone"]
    assert "Oldman, Gone" in names(search("", show="all"))
    assert names(search("", show="prospects")) == ["Maybe, Perhaps"]
    assert len(search("", show="all")) == 7
    assert len(search("", show="all", limit=3)) == 3
    with pytest.raises(ValidationError):
        search("", show="everything")


def test_search_is_a_fixed_number_of_queries(company: Any, people: dict[str, int]) -> None:
    with counted_selects(company) as few:
        company.customers.search("a", show="all")
    for n in range(10):
        company.jobs.add(parent=people["acme"], name=f"Job {n}")
    with counted_selects(company) as many:
        found = company.customers.search("a", show="all")
    assert len(found) > 10
    # one select per ranking tier and one for the rows: never one per match
    assert 0 < len(many) == len(few) <= 8


# ------------------------------------------------------------------- duplicates


def test_find_duplicates_by_name_phone_and_email(company: Any, people: dict[str, int]) -> None:
    find = company.customers.find_duplicates
    assert names(find(name="smith,  JOHN")) == ["Smith, John"]
    assert names(find(phone="+1 555 201 3344")) == [
        "Smith, John",
        "Smith, John:Furnace Replacement",
    ]
    assert names(find(phone="555-201-9000")) == ["Acme Heating"]  # its contact's phone
    assert names(find(email="JOSE@alvarez.example")) == ["José Álvarez"]
    assert names(find(name="Smith, John", exclude_id=people["smith"])) == []
    assert find(name="Nobody", phone="555-000-0000", email="no@where.example") == []
    assert find() == []


# --------------------------------------------------------------- active, delete


def test_making_a_customer_inactive_may_take_its_jobs_along(company: Any) -> None:
    c = smith(company)
    j = company.jobs.add(parent=c.id, name="Furnace")
    s = company.customers.set_active(c.id, active=False)
    assert not s.is_active
    assert company.jobs.get(j.id).is_active
    company.customers.set_active(c.id, active=False, include_jobs=True)
    assert not company.jobs.get(j.id).is_active
    company.customers.set_active(c.id, active=True, include_jobs=True)
    assert company.jobs.get(j.id).is_active


def test_making_a_job_active_shows_its_parents_again(company: Any) -> None:
    c = smith(company)
    j = company.jobs.add(parent=c.id, name="Furnace")
    company.customers.set_active(c.id, active=False, include_jobs=True)
    company.customers.set_active(j.id, active=True)
    assert company.customers.get(c.id).is_active


def test_delete_an_empty_node(company: Any) -> None:
    c = smith(company)
    j = company.jobs.add(parent=c.id, name="Furnace")
    company.contacts.add(owner=j.id, name="Helper", phone="555-201-1111")
    with pytest.raises(ValidationError) as err:
        company.customers.delete(c.id)
    assert "still has jobs" in str(err.value)
    company.customers.delete(j.id)
    company.customers.delete(c.id)
    with pytest.raises(NotFoundError):
        company.customers.get(c.id)
    with company.read() as session:
        assert session.scalars(select(m.Phone)).all() == []
        assert session.scalars(select(m.Contact)).all() == []


def test_delete_refuses_a_node_with_history(company: Any) -> None:
    c = smith(company)
    j = company.jobs.add(parent=c.id, name="Furnace")
    company.contact_log.add(owner=j.id, kind="Note", subject="Called")
    with pytest.raises(HasHistoryError) as err:
        company.customers.delete(j.id)
    assert str(err.value) == (
        "“Smith, John:Furnace” has contact log entries, so it cannot be deleted. "
        "Make it inactive instead."
    )
    with pytest.raises(HasHistoryError):  # a descendant's history counts too
        company.customers.delete(c.id)


def test_delete_refuses_a_node_with_invoices_or_payments(company: Any) -> None:
    c = smith(company)
    with company.write() as session:
        session.add(
            m.Invoice(
                number=1,
                node_id=c.id,
                customer_id=c.id,
                invoice_date=date(2026, 1, 1),
                due_date=date(2026, 1, 31),
            )
        )
        session.add(
            m.Payment(
                customer_id=c.id, node_id=c.id, received_on=date(2026, 1, 2), amount=Decimal(1)
            )
        )
    with pytest.raises(HasHistoryError) as err:
        company.customers.delete(c.id)
    assert "invoices and payments" in str(err.value)


# ------------------------------------------------------------------ credit hold


def test_credit_hold_marks_the_customer_and_its_jobs_and_is_logged(company: Any) -> None:
    c = smith(company)
    j = company.jobs.add(parent=c.id, name="Furnace")
    before = datetime.now(UTC)
    held = company.customers.place_credit_hold(c.id, reason="90 days overdue", by="Dana")
    assert held.credit_hold
    job_summary = company.customers.search("furnace")[0]
    assert job_summary.id == j.id and job_summary.credit_hold
    job = company.jobs.get(j.id)
    assert job.credit_hold and job.credit_hold_reason == "90 days overdue"
    assert job.credit_hold_by == "Dana"
    assert job.credit_hold_at is not None
    assert before - timedelta(seconds=1) <= job.credit_hold_at <= datetime.now(UTC)
    (entry,) = company.contact_log.list_for(c.id)
    assert entry.kind == "System" and entry.is_system
    assert entry.subject == "Credit hold placed"
    assert entry.employee_name == "Dana" and "90 days overdue" in (entry.details or "")

    released = company.customers.release_credit_hold(c.id, by="Pat", reason="Paid in full")
    assert not released.credit_hold
    assert not company.jobs.get(j.id).credit_hold
    latest = company.contact_log.list_for(c.id)[0]
    assert latest.subject == "Credit hold released"
    assert "Pat" in (latest.details or "") and "Paid in full" in (latest.details or "")


def test_credit_hold_rules(company: Any) -> None:
    c = smith(company)
    j = company.jobs.add(parent=c.id, name="Furnace")
    with pytest.raises(ValidationError) as err:
        company.customers.place_credit_hold(j.id, reason="x", by="Dana")
    assert "placed on the customer" in str(err.value)
    with pytest.raises(ValidationError) as err:
        company.customers.place_credit_hold(c.id, reason="  ", by="Dana")
    assert err.value.field == "credit_hold_reason"
    with pytest.raises(ValidationError) as err:
        company.customers.place_credit_hold(c.id, reason="Late", by="")
    assert err.value.field == "credit_hold_by"
    with pytest.raises(ValidationError) as err:
        company.customers.release_credit_hold(c.id, by="Dana")
    assert "is not on credit hold" in str(err.value)
    company.customers.place_credit_hold(c.id, reason="Late", by="Dana")
    with pytest.raises(ValidationError) as err:
        company.customers.place_credit_hold(c.id, reason="Later", by="Dana")
    assert "already on credit hold" in str(err.value)


# ------------------------------------------------------------------------ count


def test_count(company: Any, people: dict[str, int]) -> None:
    assert company.customers.count() == {
        "customers": 6,
        "jobs": 1,
        "active": 6,
        "inactive": 1,
        "prospects": 1,
    }


# ------------------------------------------------------------------- plain data


def test_results_are_plain_frozen_data_usable_after_close(company_path: Any) -> None:
    with Company.open(company_path) as co:
        c = smith(co)
        detail = co.customers.get(c.id)
        found = co.customers.search("smith")
    assert isinstance(detail, NodeDetail)
    assert detail.phone is not None and detail.phone.formatted == "(555) 201-3344"
    assert detail.bill_to is not None and detail.bill_to.city == "Dayton"
    assert found[0].name == "Smith, John"
    assert dataclasses.asdict(c)["name"] == "Smith, John"
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.name = "Changed"  # type: ignore[misc]


def test_errors_are_office_manager_errors(company: Any) -> None:
    for call in (
        lambda: company.customers.add(name=""),
        lambda: company.customers.get(999),
        lambda: company.customers.search("x", limit=0),
    ):
        with pytest.raises(OfficeMgrError):
            call()


def test_balances_stay_consistent_with_their_definition(company: Any) -> None:
    c = smith(company, opening_balance="100")
    j = company.jobs.add(parent=c.id, name="Furnace", opening_balance="20")
    company.jobs.update(j.id, opening_balance="35")
    assert company.customers.get(c.id).balance_total == Decimal("135.00")
    with company.read() as session:
        stored = {
            row.id: (row.balance, row.balance_total)
            for row in session.execute(
                select(m.CustomerJob.id, m.CustomerJob.balance, m.CustomerJob.balance_total)
            )
        }
        assert stored == balances.expected(session.connection())
