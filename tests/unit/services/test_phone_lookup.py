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
    statements: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(company.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(company.engine, "before_cursor_execute", before)


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


def test_lookup_is_one_query_however_many_match(company: Any, ids: dict[str, int]) -> None:
    with counted_selects(company) as few:
        company.phone_lookup("5552013344")
    for n in range(8):
        company.jobs.add(parent=ids["smith"], name=f"Job {n}")
    with counted_selects(company) as many:
        assert len(company.phone_lookup("5552013344")) == 11
    assert len(many) == len(few) == 2  # the office's region, then the lookup
    assert "digits_key" in many[-1]
