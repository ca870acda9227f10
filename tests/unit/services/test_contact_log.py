"""The contact log: entries on customers and jobs, listing, corrections kept with who/when."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from officemgr.core.records import LogEntryRecord
from officemgr.errors import ConflictError, NotFoundError, ValidationError


@pytest.fixture
def ids(company: Any) -> dict[str, int]:
    c = company.customers.add(name="Smith, John")
    j = company.jobs.add(parent=c.id, name="Furnace")
    sub = company.jobs.add(parent=j.id, name="Ducts")
    mary = company.contacts.add(owner=c.id, name="Mary Smith")
    dana = company.lists.add_employee(name="Dana Reyes")
    return {"customer": c.id, "job": j.id, "sub": sub.id, "mary": mary.id, "dana": dana.id}


def test_add_an_entry_to_a_job(company: Any, ids: dict[str, int]) -> None:
    at = datetime(2026, 11, 2, 9, 30)
    e = company.contact_log.add(
        owner=ids["job"],
        at=at,
        kind="Call In",
        subject="Asked for a quote",
        details="Wants it\nby Friday",
        contact="mary smith",
        follow_up_on=date(2026, 11, 6),
        employee="dana reyes",
    )
    assert isinstance(e, LogEntryRecord)
    assert (e.node_id, e.customer_id) == (ids["job"], ids["customer"])
    assert e.node_full_name == "Smith, John:Furnace"
    assert e.at == at.astimezone() and e.at.tzinfo is not None  # local time, stored as UTC
    assert e.at.utcoffset() == timedelta(0)
    assert (e.kind, e.subject, e.name) == ("Call In", "Asked for a quote", "Asked for a quote")
    assert e.details == "Wants it\nby Friday"
    assert (e.contact_id, e.contact_name) == (ids["mary"], "Mary Smith")  # the customer's contact
    assert (e.employee_id, e.employee_name) == (ids["dana"], "Dana Reyes")
    assert e.follow_up_on == date(2026, 11, 6)
    assert not e.is_system and e.revision_count == 0
    assert company.contact_log.get(e.id) == e


def test_defaults_free_text_contact_and_unknown_employee(company: Any, ids: dict[str, int]) -> None:
    before = datetime.now(UTC)
    e = company.contact_log.add(
        owner=ids["customer"],
        kind="note",
        subject="Left a voicemail",
        contact="Bob",
        employee="Zoe",
    )
    assert before - timedelta(seconds=1) <= e.at <= datetime.now(UTC)
    assert e.kind == "Note"
    assert (e.contact_id, e.contact_name) == (None, "Bob")
    assert (e.employee_id, e.employee_name) == (None, "Zoe")


BAD: list[tuple[dict[str, Any], str, str]] = [
    ({"kind": "Fax"}, "kind", "Call In, Call Out, Email"),
    ({"subject": " "}, "subject", "subject"),
    ({"at": "yesterday"}, "at", "2026-11-02 09:30"),
    ({"follow_up_on": "soon"}, "follow_up_on", "date"),
]


def test_bad_entries_are_refused(company: Any, ids: dict[str, int]) -> None:
    for fields, field, words in BAD:
        entry: dict[str, Any] = {"owner": ids["job"], "kind": "Note", "subject": "Hi", **fields}
        with pytest.raises(ValidationError) as err:
            company.contact_log.add(**entry)
        assert err.value.field == field and words in str(err.value), fields
    assert company.contact_log.list_for(ids["job"]) == []


def test_a_contact_of_another_customer_is_refused(company: Any, ids: dict[str, int]) -> None:
    other = company.customers.add(name="Jones, Ann")
    stranger = company.contacts.add(owner=other.id, name="Stranger")
    with pytest.raises(ValidationError) as err:
        company.contact_log.add(owner=ids["job"], kind="Note", subject="x", contact=stranger.id)
    assert err.value.field == "contact"
    with pytest.raises(NotFoundError):
        company.contact_log.add(owner=999, kind="Note", subject="x")


def test_list_newest_first_with_or_without_jobs(company: Any, ids: dict[str, int]) -> None:
    day = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    add = company.contact_log.add
    add(owner=ids["customer"], at=day, kind="Note", subject="c1")
    add(owner=ids["job"], at=day + timedelta(days=1), kind="Note", subject="j1")
    add(owner=ids["sub"], at=day + timedelta(days=2), kind="Note", subject="s1")
    add(owner=ids["customer"], at=day + timedelta(days=3), kind="Note", subject="c2")
    other = company.customers.add(name="Jones, Ann")
    add(owner=other.id, at=day, kind="Note", subject="other")

    def subjects(owner: int, **kw: Any) -> list[str]:
        return [e.subject for e in company.contact_log.list_for(owner, **kw)]

    assert subjects(ids["customer"]) == ["c2", "c1"]
    assert subjects(ids["customer"], include_jobs=True) == ["c2", "s1", "j1", "c1"]
    assert subjects(ids["customer"], include_jobs=True, limit=2) == ["c2", "s1"]
    assert subjects(ids["job"]) == ["j1"]
    assert subjects(ids["job"], include_jobs=True) == ["s1", "j1"]


def test_a_correction_keeps_the_previous_values_who_and_when(
    company: Any, ids: dict[str, int]
) -> None:
    e = company.contact_log.add(
        owner=ids["job"],
        at=datetime(2026, 11, 2, 9, 30, tzinfo=UTC),
        kind="Call In",
        subject="Quote",
        employee="Dana Reyes",
    )
    fixed = company.contact_log.correct(
        e.id,
        by="Pat",
        subject="Quote for furnace",
        kind="Call Out",
        at=datetime(2026, 11, 2, 10, 0, tzinfo=UTC),
        details="Typo fixed",
        employee="Zoe",
        follow_up_on="2026-11-09",
    )
    assert (fixed.subject, fixed.kind, fixed.details) == (
        "Quote for furnace",
        "Call Out",
        "Typo fixed",
    )
    assert fixed.at == datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
    assert (fixed.employee_id, fixed.employee_name) == (None, "Zoe")
    assert fixed.revision_count == 1 and fixed.version == e.version + 1
    (rev,) = company.contact_log.revisions(e.id)
    assert rev.changed_by == "Pat"
    assert abs(rev.changed_at - datetime.now(UTC)) < timedelta(minutes=1)
    assert rev.previous == {
        "subject": "Quote",
        "kind": "Call In",
        "at": "2026-11-02T09:30:00+00:00",
        "details": None,
        "employee_id": ids["dana"],
        "employee_name": "Dana Reyes",
        "follow_up_on": None,
    }


def test_a_correction_that_changes_nothing_writes_nothing(
    company: Any, ids: dict[str, int]
) -> None:
    e = company.contact_log.add(owner=ids["job"], kind="Note", subject="Same")
    same = company.contact_log.correct(e.id, by="Pat", subject="Same")
    assert same.version == e.version and company.contact_log.revisions(e.id) == []


def test_correction_rules(company: Any, ids: dict[str, int]) -> None:
    e = company.contact_log.add(owner=ids["job"], kind="Note", subject="x")
    with pytest.raises(ValidationError) as err:
        company.contact_log.correct(e.id, by="", subject="y")
    assert err.value.field == "by"
    with pytest.raises(ValidationError) as err:
        company.contact_log.correct(e.id, by="Pat", node_id=ids["customer"])
    assert err.value.field == "node_id"
    with pytest.raises(ConflictError):
        company.contact_log.correct(e.id, by="Pat", expected_version=e.version + 5, subject="y")
    held = company.customers.place_credit_hold(ids["customer"], reason="Late", by="Dana")
    system = company.contact_log.list_for(held.id)[0]
    assert system.is_system
    with pytest.raises(ValidationError) as err:
        company.contact_log.correct(system.id, by="Pat", details="Not late")
    assert "cannot be corrected" in str(err.value)
    with pytest.raises(NotFoundError):
        company.contact_log.correct(9999, by="Pat", subject="y")
