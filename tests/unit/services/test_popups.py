"""Pop-up notes: add, change, remove, which are due for a trigger, and acknowledging."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import insert, select

from officemgr.core import models as m
from officemgr.core.services import popups
from officemgr.errors import NotFoundError, ValidationError


def call(co: Any, name: str, *args: Any, **kwargs: Any) -> Any:
    """Run a popups service in the transaction the Company facade would use."""
    func = getattr(popups, name)
    unit = co.read if getattr(func, "officemgr_reads", False) else co.write
    with unit() as session:
        return func(session, *args, **kwargs)


@pytest.fixture
def family(company: Any) -> dict[str, int]:
    customer = company.customers.add(name="Smith, John").id
    job = company.jobs.add(parent=customer, name="Furnace").id
    sub = company.jobs.add(parent=job, name="Ducts").id
    other = company.customers.add(name="Jones, Ann").id
    return {"customer": customer, "job": job, "sub": sub, "other": other}


def test_add_get_update_remove(company: Any, family: dict[str, int]) -> None:
    note = call(company, "add", owner=family["customer"], text="  Dog in the yard  ")
    assert note.text == "Dog in the yard"
    assert note.on_open and note.is_active and not note.on_caller_id
    changed = call(
        company,
        "update",
        note.id,
        expected_version=note.version,
        text="Dog in the yard — call first",
        on_caller_id=True,
        active_until=date(2030, 1, 1),
    )
    assert changed.on_caller_id and changed.active_until == date(2030, 1, 1)
    assert changed.version > note.version
    assert call(company, "get", note.id).text == "Dog in the yard — call first"
    call(company, "remove", note.id)
    with pytest.raises(NotFoundError):
        call(company, "get", note.id)


def test_a_note_needs_text_a_trigger_and_sensible_dates(
    company: Any, family: dict[str, int]
) -> None:
    owner = family["customer"]
    with pytest.raises(ValidationError) as empty:
        call(company, "add", owner=owner, text="   ")
    assert empty.value.field == "text"
    with pytest.raises(ValidationError) as never:
        call(company, "add", owner=owner, text="Hi", on_open=False)
    assert never.value.field == "triggers"
    with pytest.raises(ValidationError) as backwards:
        call(
            company,
            "add",
            owner=owner,
            text="Hi",
            active_from=date(2026, 5, 1),
            active_until=date(2026, 4, 1),
        )
    assert backwards.value.field == "active_until"
    note = call(company, "add", owner=owner, text="Hi")
    with pytest.raises(ValidationError):
        call(company, "update", note.id, colour="red")


def test_jobs_inherit_their_customers_notes(company: Any, family: dict[str, int]) -> None:
    call(company, "add", owner=family["customer"], text="Customer note")
    call(company, "add", owner=family["job"], text="Job note")
    call(company, "add", owner=family["other"], text="Someone else's")
    on_sub = call(company, "list_for", family["sub"])
    assert [(n.text, n.inherited) for n in on_sub] == [
        ("Customer note", True),
        ("Job note", True),
    ]
    assert [n.text for n in call(company, "list_for", family["job"], inherited=False)] == [
        "Job note"
    ]
    assert company.customers.get(family["sub"]).popup_notes[0].text == "Customer note"


def test_due_follows_trigger_dates_activity_and_overdue(
    company: Any, family: dict[str, int]
) -> None:
    customer, job = family["customer"], family["job"]
    today = date(2026, 11, 27)
    call(company, "add", owner=customer, text="Open")
    call(company, "add", owner=customer, text="Caller", on_open=False, on_caller_id=True)
    call(company, "add", owner=customer, text="Old", active_until=today - timedelta(days=1))
    call(company, "add", owner=customer, text="Later", active_from=today + timedelta(days=1))
    call(company, "add", owner=customer, text="Off", is_active=False)
    call(company, "add", owner=job, text="Overdue", only_when_overdue=True)
    due = call(company, "due", job, trigger="open", today=today)
    assert [n.text for n in due] == ["Open"]
    assert [n.text for n in call(company, "due", customer, trigger="caller_id", today=today)] == [
        "Caller"
    ]
    with company.write() as session:  # an invoice past its due date makes the job overdue
        session.execute(
            insert(m.Invoice.__table__).values(
                number=1,
                node_id=job,
                customer_id=customer,
                invoice_date=today - timedelta(days=60),
                due_date=today - timedelta(days=30),
                total=Decimal("100.00"),
                amount_paid=Decimal("0.00"),
                status="open",
            )
        )
    assert [n.text for n in call(company, "due", job, trigger="open", today=today)] == [
        "Open",
        "Overdue",
    ]
    with pytest.raises(ValidationError):
        call(company, "due", job, trigger="lunch")


def test_acknowledging_is_recorded_and_logged(company: Any, family: dict[str, int]) -> None:
    first = call(company, "add", owner=family["customer"], text="Gate code 1234")
    second = call(company, "add", owner=family["job"], text="Parking at the back")
    acks = call(company, "acknowledge", family["job"], note_ids=[first.id, second.id], by="Dana")
    assert [a.note_id for a in acks] == [first.id, second.id]
    assert {a.employee_name for a in acks} == {"Dana"}
    with company.read() as session:
        rows = session.execute(select(m.PopupAcknowledgement)).scalars().all()
        assert {(r.note_id, r.node_id) for r in rows} == {
            (first.id, family["job"]),
            (second.id, family["job"]),
        }
    log = company.contact_log.list_for(family["job"])
    assert len(log) == 1
    entry = log[0]
    assert entry.kind == "System" and entry.is_system and entry.employee_name == "Dana"
    assert entry.subject == "Pop-up notes acknowledged"
    assert "Gate code 1234" in (entry.details or "")
    assert "Parking at the back" in (entry.details or "")
    assert acks[0].log_entry_id == entry.id


def test_acknowledging_checks_its_input(company: Any, family: dict[str, int]) -> None:
    note = call(company, "add", owner=family["other"], text="Not theirs")
    with pytest.raises(ValidationError):
        call(company, "acknowledge", family["job"], note_ids=[note.id], by="Dana")
    with pytest.raises(ValidationError):
        call(company, "acknowledge", family["other"], note_ids=[], by="Dana")
    with pytest.raises(ValidationError):
        call(company, "acknowledge", family["other"], note_ids=[note.id], by=" ")
    assert company.contact_log.list_for(family["other"]) == []


def test_new_defaults_for_a_job_copy_the_parent(company: Any, family: dict[str, int]) -> None:
    company.customers.update(
        family["customer"],
        phone="(555) 201-3344",
        email="john@example.com",
        company_name="Smith Heating",
        bill_to={"line1": "12 Oak St", "city": "Dayton"},
        account_number="A-1",
        notepad="private",
    )
    call(company, "add", owner=family["customer"], text="Call first")
    job = company.jobs.new_defaults(family["customer"])
    assert job.id == 0 and job.kind == "job" and job.name == ""
    assert job.parent_id == family["customer"] and job.parent_full_name == "Smith, John"
    assert job.phone is not None and job.phone.formatted == "(555) 201-3344"
    assert job.email is not None and job.email.address == "john@example.com"
    assert job.company_name == "Smith Heating"
    assert job.bill_to is not None and job.bill_to.line1 == "12 Oak St"
    assert job.account_number is None and job.notepad is None  # not copied
    assert job.job_info is not None and job.job_info.status == "None"
    assert [n.inherited for n in job.popup_notes] == [True]
    blank = company.customers.new_defaults()
    assert blank.id == 0 and blank.kind == "customer" and blank.phones == ()


def test_an_acknowledged_note_stays_quiet_for_its_reader_as_the_desk_chose(
    company: Any, family: dict[str, int]
) -> None:
    customer, job = family["customer"], family["job"]
    gate = company.popups.add(owner=customer, text="Gate code 1234").id
    asks = company.popups.add(owner=customer, text="Ask for the PO", on_caller_id=True).id
    today = date.today()

    def due(node: int, who: str = "Dana", repeat: str = "daily", **more: Any) -> list[int]:
        notes = company.popups.due(node, quiet_for=who, repeat=repeat, **more)
        return [note.id for note in notes]

    assert due(job) == [gate, asks]
    company.popups.acknowledge(customer, note_ids=[gate, asks], by="Dana")
    assert due(job) == [] and due(customer) == []  # on the customer and on its jobs
    assert due(job, who="Lee") == [gate, asks]  # not acknowledged by Lee
    assert due(job, repeat="every_open") == [gate, asks]
    assert due(job, today=today + timedelta(days=1)) == [gate, asks]  # the next day
    assert due(job, repeat="until_changed", today=today + timedelta(days=30)) == []
    assert due(job, trigger="caller_id") == [asks]  # caller-ID notes: every call
    company.popups.update(gate, text="Gate code 4321")  # a changed note shows again
    assert due(job) == [gate] and due(job, repeat="until_changed") == [gate]
    with pytest.raises(ValidationError):
        company.popups.due(job, quiet_for="Dana", repeat="weekly")
