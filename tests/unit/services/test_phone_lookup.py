"""Caller ID: a number in any format finds the customers, jobs and contacts that have it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from officemgr.core.records import PhoneMatch


@contextmanager
def counted_selects(company: Any) -> Iterator[list[str]]:
    """The SELECT statements SQLite itself runs for the company inside the block (caller
    ID goes to the driver's cursor, past SQLAlchemy's own events)."""
    statements: list[str] = []

    def trace(statement: str) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    def checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        dbapi_connection.set_trace_callback(trace)

    def checkin(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.set_trace_callback(None)

    event.listen(company.engine, "checkout", checkout)
    event.listen(company.engine, "checkin", checkin)
    try:
        yield statements
    finally:
        event.remove(company.engine, "checkout", checkout)
        event.remove(company.engine, "checkin", checkin)


@pytest.fixture
def ids(company: Any) -> dict[str, int]:
    smith = company.customers.add(name="Smith, John", phone="(555) 201-3344")
    job = company.jobs.add(parent=smith.id, name="Furnace")  # copies the phone
    acme = company.customers.add(name="Acme Heating", alt_phone="937-555-0100")
    mary = company.contacts.add(owner=acme.id, name="Mary Smith", phones=[("cell", "5552013344")])
    return {"smith": smith.id, "job": job.id, "acme": acme.id, "mary": mary.id}


def test_any_format_finds_customers_then_jobs_then_contacts(
    company: Any, ids: dict[str, int]
) -> None:
    for number in ("+1 555-201-3344", "5552013344", "555.201.3344", "1 (555) 201 3344 ext 9"):
        _check_smith_matches(company.phone_lookup(number), ids)


def _check_smith_matches(found: list[PhoneMatch], ids: dict[str, int]) -> None:
    assert all(isinstance(f, PhoneMatch) for f in found)
    assert [(f.kind, f.id, f.name) for f in found] == [
        ("customer", ids["smith"], "Smith, John"),
        ("job", ids["job"], "Furnace"),
        ("contact", ids["mary"], "Mary Smith"),
    ]
    assert [f.customer_id for f in found] == [ids["smith"], ids["smith"], ids["acme"]]
    assert [f.node_id for f in found] == [ids["smith"], ids["job"], ids["acme"]]
    assert found[1].full_name == "Smith, John:Furnace"
    assert found[2].full_name == "Acme Heating"
    assert {f.phone for f in found} == {"(555) 201-3344"}


def test_nobody_has_it(company: Any, ids: dict[str, int]) -> None:
    assert company.phone_lookup("555-999-0000") == []
    assert company.phone_lookup("") == []
    assert company.phone_lookup("12") == []
    assert company.phone_lookup("not a number") == []


def test_alternate_phones_and_inactive_records_are_found(company: Any, ids: dict[str, int]) -> None:
    company.customers.set_active(ids["acme"], active=False)
    (match,) = company.phone_lookup("(937) 555-0100")
    assert (match.kind, match.id, match.is_active) == ("customer", ids["acme"], False)


def test_numbers_without_an_area_code_match_either_way(company: Any, ids: dict[str, int]) -> None:
    local = company.customers.add(name="Local, Lou", phone="201-4455")
    (match,) = company.phone_lookup("+1 555 201 4455")  # stored without the area code
    assert match.id == local.id
    found = company.phone_lookup("201-3344")  # sent without the area code
    assert [f.id for f in found] == [ids["smith"], ids["job"], ids["mary"]]


def test_a_record_with_the_number_twice_is_listed_once(company: Any, ids: dict[str, int]) -> None:
    company.customers.update(ids["smith"], cell="555 201 3344")
    found = company.phone_lookup("5552013344")
    assert [f.id for f in found] == [ids["smith"], ids["job"], ids["mary"]]


@pytest.mark.sqlite_only  # SQLite's own query plan / statements
def test_lookup_is_one_query_however_many_match(company: Any, ids: dict[str, int]) -> None:
    with counted_selects(company) as few:
        company.phone_lookup("5552013344")
    for n in range(8):
        company.jobs.add(parent=ids["smith"], name=f"Job {n}")
    with counted_selects(company) as many:
        assert len(company.phone_lookup("5552013344")) == 11
    assert len(many) == len(few) == 2  # the office's region, then the lookup
    assert "digits_key" in many[-1]


def test_same_seven_digits_in_two_area_codes_stay_apart(company: Any) -> None:
    dayton = company.customers.add(name="Dayton Dental", phone="(937) 555-0123")
    columbus = company.customers.add(name="Columbus Cabinets", phone="(614) 555-0123")
    for number in ("(937) 555-0123", "+1 937 555 0123", "tel:+1-937-555-0123"):
        assert [f.id for f in company.phone_lookup(number)] == [dayton.id]
    assert [f.id for f in company.phone_lookup("614.555.0123")] == [columbus.id]
    # Sent without its area code, the number may be either: both are offered.
    assert {f.id for f in company.phone_lookup("555-0123")} == {dayton.id, columbus.id}


def test_a_number_with_its_country_code_matches_only_that_country(company: Any) -> None:
    uae = company.customers.add(name="Dubai Trading", phone="+971 50 123 4567")
    ukraine = company.customers.add(name="Kyiv Imports", phone="+380 50 123 4567")
    armenia = company.customers.add(name="Yerevan Tours", phone="+374 77 123456")
    # Numbers of other countries ending in the same digits as Armenia's.
    for other in ("+1 537 712 3456", "+33 1 77 12 34 56", "+49 30 77123456", "+44 20 7712 3456"):
        company.customers.add(name=f"Other {other}", phone=other)
    assert [f.id for f in company.phone_lookup("+971 50 123 4567")] == [uae.id]
    assert [f.id for f in company.phone_lookup("011 380 50 123 4567")] == [ukraine.id]
    assert [f.id for f in company.phone_lookup("+374 77 123456")] == [armenia.id]
    assert [f.id for f in company.phone_lookup("tel:+374-77-123456")] == [armenia.id]


def test_numbers_of_one_country_with_different_lengths_stay_apart(company: Any) -> None:
    fixed = company.customers.add(name="Kinshasa Office", phone="+243 12 34567")
    mobile = company.customers.add(name="Kinshasa Mobile", phone="+243 991 234 567")
    assert [f.id for f in company.phone_lookup("+243 12 34567")] == [fixed.id]
    assert [f.id for f in company.phone_lookup("+243 991 234 567")] == [mobile.id]


def test_a_local_number_is_of_the_office_country(company: Any) -> None:
    local = company.customers.add(name="Local, Lou", phone="555-0123")  # no area code
    assert [f.id for f in company.phone_lookup("(937) 555-0123")] == [local.id]
    assert [f.id for f in company.phone_lookup("+1 614 555 0123")] == [local.id]
    assert company.phone_lookup("+971 50 555 0123") == []
    assert company.phone_lookup("+44 20 7555 0123") == []


def test_a_local_caller_is_offered_only_numbers_of_the_office_country(company: Any) -> None:
    ohio = company.customers.add(name="Ohio Oils", phone="(937) 201-3344")
    company.customers.add(name="London Lamps", phone="+44 20 7201 3344")
    assert [f.id for f in company.phone_lookup("201-3344")] == [ohio.id]


def test_a_number_kept_as_typed_still_matches_on_its_digits(company: Any) -> None:
    # Too long for a US number: kept as typed, its country unknown.
    kept = company.customers.add(name="Dubai Trading", phone="00971 50 123 4567")
    assert [f.id for f in company.phone_lookup("+971 50 123 4567")] == [kept.id]


def test_a_local_number_without_its_area_code_outside_north_america(company: Any) -> None:
    # Australian numbers typed without the area code are possible but not valid.
    company.settings.update(default_phone_region="AU")
    sydney = company.customers.add(name="Sydney Supplies", phone="(02) 1234 5678")
    melbourne = company.customers.add(name="Melbourne Mills", phone="(03) 1234 5678")
    company.customers.add(name="Auckland Apples", phone="+64 9 1234 5678")
    assert {f.id for f in company.phone_lookup("1234 5678")} == {sydney.id, melbourne.id}
    assert [f.id for f in company.phone_lookup("+61 2 1234 5678")] == [sydney.id]
    assert [f.id for f in company.phone_lookup("03 1234 5678")] == [melbourne.id]
