"""An import's new records, built as plain rows, are the records the services make.

`services._import_rows` writes new customers and jobs with executemany instead of the
ORM. Each example here makes one record through `customers.add` / `jobs.add` and one
through the row builder with the same fields, and compares every stored column (and
the search index) — or, for values the checks refuse, the refusal.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core import search
from officemgr.core.services import customers, jobs
from officemgr.core.services._import_rows import Placed, RowBuilder, write_rows
from officemgr.core.tree_queries import office_region
from officemgr.errors import OfficeMgrError

# Columns that differ between two records by their nature: keys, names, times.
_OWN = {"id", "owner_id", "node_id", "job_id", "customer_id", "parent_id", "created_at"}
_OWN |= {"updated_at", "name", "full_name", "full_name_key", "sort_key"}

texts = st.one_of(
    st.none(),
    st.sampled_from(["", "  ", "Ann", " O'Neil  ", "Zoë Ødegård", "4111 1111 1111 1111", "a\nb"]),
    st.text(max_size=12),
)
phones = st.one_of(
    st.none(),
    st.sampled_from(["555-201-3344 x12", "(937) 555-0100", "+44 20 7946 0958", "hello", "12"]),
    st.text(alphabet="0123456789 -()+x", max_size=16),
)
emails = st.one_of(
    st.none(), st.sampled_from(["ann@example.com", "zoe@@example", "Ann@Example.COM", ""])
)
addresses = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {},
        optional={
            "line1": texts,
            "city": texts,
            "region": st.sampled_from(["OH", "", None]),
            "postal_code": st.sampled_from(["45402", "SW1A 1AA", None]),
            "country": st.sampled_from(["US", "gb", "USA", None]),
        },
    ),
)
node_fields = st.fixed_dictionaries(
    {},
    optional={
        "company_name": texts,
        "first_name": texts,
        "last_name": texts,
        "salutation": texts,
        "phone": phones,
        "alt_phone": phones,
        "fax": phones,
        "email": emails,
        "website": texts,
        "notepad": texts,
        "bill_to": addresses,
        "work": addresses,
        "credit_limit": st.sampled_from([None, Decimal("5000.00"), Decimal("-1"), "12.345"]),
        "is_active": st.booleans(),
        "account_number": st.sampled_from([None, "A-17", ""]),
    },
)
job_fields = st.fixed_dictionaries(
    {},
    optional={
        "description": texts,
        "status": st.sampled_from(["None", "Pending", "Awarded", "In progress", "Nope"]),
        "start_date": st.sampled_from([None, date(2025, 3, 1), date(2025, 5, 1)]),
        "projected_end_date": st.sampled_from([None, date(2025, 4, 1)]),
        "completion_date": st.sampled_from([None, date(2025, 4, 15)]),
        "phone": phones,
        "bill_to": addresses,
    },
)


def _rows(session: Session, table: Table, key: str, node_id: int) -> list[dict[str, Any]]:
    found = session.execute(select(table).where(table.c[key] == node_id))
    rows = [
        {name: value for name, value in row._mapping.items() if name not in _OWN} for row in found
    ]
    return sorted(rows, key=repr)  # not by id: each way adds phones in its own order


def _stored(session: Session, node_id: int) -> dict[str, Any]:
    return {
        "node": _rows(session, m.table(m.CustomerJob), "id", node_id),
        "job": _rows(session, m.table(m.JobInfo), "job_id", node_id),
        "addresses": _rows(session, m.table(m.Address), "owner_id", node_id),
        "phones": _rows(session, m.table(m.Phone), "owner_id", node_id),
        "emails": _rows(session, m.table(m.Email), "owner_id", node_id),
        "custom": _rows(session, m.table(m.CustomFieldValue), "node_id", node_id),
    }


def _outcome(make: Any) -> tuple[str, Any]:
    """("made", the id) or ("refused", the kind of refusal). (With two bad fields the
    two ways may name either first: the service takes its arguments in its own order.)"""
    try:
        return "made", make()
    except OfficeMgrError as error:
        return "refused", type(error).__name__


def _both_ways(session: Session, job: bool, fields: dict[str, Any]) -> None:
    builder = RowBuilder(session, office_region(session))
    if job:
        parent = customers.add(session, name="Parent Co").id
        placed = Placed(parent, parent, 0, "Parent Co", "parent co")

        def by_service() -> int:
            return jobs.add(
                session, parent=parent, name="By service", copy_details=False, **fields
            ).id

        def by_rows() -> int:
            record = builder.job(placed, "By rows", fields)
            write_rows(session, [record])
            return record.placed.id
    else:

        def by_service() -> int:
            return customers.add(session, name="By service", **fields).id

        def by_rows() -> int:
            record = builder.customer("By rows", fields)
            write_rows(session, [record])
            return record.placed.id

    savepoint = session.begin_nested()
    service = _outcome(by_service)
    if service[0] == "made":
        service = ("made", _stored(session, service[1]))
    savepoint.rollback()  # the account number must be free for the other way too
    rows = _outcome(by_rows)
    if rows[0] == "made":
        made = rows[1]
        rows = ("made", _stored(session, made))
        # Its index rows are what Verify Data expects (the ORM's records are indexed
        # only as the unit of work commits, so only this one is looked at).
        session.flush()
        assert made not in search.out_of_date(session.connection())[0]
    assert rows == service


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(fields=node_fields)
def test_a_customer_built_as_rows_is_the_customer_the_service_makes(
    company: Any, fields: dict[str, Any]
) -> None:
    with company.rehearse() as session:
        _both_ways(session, job=False, fields=fields)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(fields=job_fields)
def test_a_job_built_as_rows_is_the_job_the_service_makes(
    company: Any, fields: dict[str, Any]
) -> None:
    with company.rehearse() as session:
        _both_ways(session, job=True, fields=fields)


def test_custom_fields_and_list_entries_are_stored_as_the_service_stores_them(
    company: Any,
) -> None:
    with company.rehearse() as session:
        from officemgr.core.services import lists

        spouse = lists.add_custom_field(session, name="Spouse", field_type="text").id
        since = lists.add_custom_field(session, name="Since", field_type="date").id
        kind = lists.add_item(session, list_kind="customer_type", name="Landlord").id
        fields = {"custom_fields": {spouse: "Mary", since: "2024-05-01"}, "customer_type_id": kind}
        _both_ways(session, job=False, fields=fields)
