"""The keyword fields of the services are typed (`officemgr.core.fields`), and the types
say exactly what the services accept.

A misspelt field name (``co.customers.update(1, nmae="x")``) is a mypy error, a correct
call is not; each TypedDict's keys are the names its service takes at run time — every key
is accepted (and, where the name set comes from the TypedDict, takes effect), and a name
that is not a key is refused with a ValidationError naming it — so the two cannot drift.
"""

from __future__ import annotations

import dataclasses
import inspect
import pydoc
import re
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from officemgr.core import fields as f
from officemgr.core.fields import keys_of
from officemgr.core.services import (
    _contact_details,
    _nodes,
    contact_log,
    contacts,
    customers,
    job_work,
    jobs,
    lists,
    popups,
    settings,
)
from officemgr.errors import ValidationError

ROOT = Path(__file__).resolve().parents[3]

# Each TypedDict a service takes as its ``**`` parameter, with the service(s) taking it.
TYPED: dict[type, tuple[Callable[..., Any], ...]] = {
    f.CustomerAddFields: (customers.add,),
    f.JobAddFields: (jobs.add,),
    f.NodeChanges: (customers.update, jobs.update),
    f.ContactChanges: (contacts.update,),
    f.PopupNoteChanges: (popups.update,),
    f.LogEntryCorrection: (contact_log.correct,),
    f.OfficeSettingsChanges: (settings.update,),
    f.ListItemFields: (lists.add_item,),
    f.ListItemChanges: (lists.update_item,),
    f.ServiceLineChanges: (job_work.update_service,),
    f.StopFields: (job_work.add_stop,),
    f.StopChanges: (job_work.update_stop,),
    f.InventoryItemChanges: (job_work.update_inventory_item,),
    f.FigureLineChanges: (job_work.update_figure_line,),
}


def own_parameters(func: Callable[..., Any]) -> set[str]:
    """The keyword parameters a service names itself (not its ``**`` ones)."""
    return {p.name for p in inspect.signature(func).parameters.values() if p.kind is p.KEYWORD_ONLY}


# ------------------------------------------------------------ the signatures


@pytest.mark.parametrize("typed", list(TYPED), ids=lambda t: t.__name__)
def test_each_service_takes_its_fields_as_unpacked_typed_dict(typed: type) -> None:
    for func in TYPED[typed]:
        params = inspect.signature(func).parameters.values()
        (var_keyword,) = [p for p in params if p.kind is p.VAR_KEYWORD]
        module = inspect.getmodule(func)
        hints = typing.get_type_hints(func, vars(module))
        assert hints[var_keyword.name] == typing.Unpack[typed], func.__qualname__
        # A name both a parameter and a key could never reach the service as a field.
        assert not own_parameters(func) & keys_of(typed), func.__qualname__
        assert typed.__total__ is False


def test_no_service_takes_untyped_keywords() -> None:
    """Every ``**`` parameter of a service bound in a namespace is an unpacked TypedDict."""
    from officemgr.namespaces import NAMESPACES, Service

    loose = []
    for namespace in NAMESPACES.values():
        for value in vars(namespace).values():
            if not isinstance(value, Service):
                continue
            func = value.func
            hints = typing.get_type_hints(func, vars(inspect.getmodule(func)))
            for param in inspect.signature(func).parameters.values():
                hint = hints.get(param.name)
                if param.kind is param.VAR_KEYWORD and typing.get_origin(hint) is not typing.Unpack:
                    loose.append(f"{func.__module__}.{func.__qualname__}: **{param.name}")
    assert loose == []


def test_help_and_signature_of_a_bound_service_show_the_typed_changes(company: Any) -> None:
    bound = company.customers.update
    params = inspect.signature(bound).parameters
    assert list(params) == ["node_id", "expected_version", "changes"]
    assert params["changes"].kind is inspect.Parameter.VAR_KEYWORD
    shown = pydoc.render_doc(bound, renderer=pydoc.plaintext)
    assert "**changes" in shown and "Unpack[NodeChanges]" in shown
    shown = pydoc.render_doc(company.customers.add, renderer=pydoc.plaintext)
    assert "**fields" in shown and "Unpack[CustomerAddFields]" in shown
    assert re.search(r"bill_to: '?AddressParts \| None", shown)


# ------------------------------------------------------- the keys are the runtime names


def test_node_typed_dicts_are_the_forms_field_tables() -> None:
    assert keys_of(f.NodeFields) == _nodes.NODE_FIELDS
    assert keys_of(f.JobInfoFields) == _nodes.JOB_FIELDS
    assert keys_of(f.NodeChanges) == _nodes.NODE_FIELDS | _nodes.JOB_FIELDS | {
        "name",
        "parent",
        "parent_id",
    }
    # customers.add: the customer's fields it has no parameter for (never Job Info)
    assert keys_of(f.CustomerAddFields) == _nodes.NODE_FIELDS - own_parameters(customers.add)
    # jobs.add: any node field but is_prospect, and the Job Info it has no parameter for
    assert keys_of(f.JobAddFields) == (_nodes.NODE_FIELDS | _nodes.JOB_FIELDS) - {
        "is_prospect"
    } - own_parameters(jobs.add)
    assert keys_of(f.AddressParts) == set(_contact_details.ADDRESS_PARTS)


def test_work_order_typed_dicts_are_the_line_kinds_fields() -> None:
    assert keys_of(f.ServiceLineChanges) == set(job_work.SERVICES.fields)
    assert keys_of(f.StopChanges) == set(job_work.STOPS.fields)
    assert keys_of(f.StopFields) == set(job_work.STOPS.fields) - own_parameters(job_work.add_stop)
    assert keys_of(f.InventoryItemChanges) == set(job_work.INVENTORY.fields)
    for kind in job_work.FIGURES.values():
        assert keys_of(f.FigureLineChanges) == set(kind.fields)


def test_list_typed_dicts_are_the_list_kinds_fields() -> None:
    editable = {name for names in lists._EDITABLE.values() for name in names}
    own = {name for names in lists._ADDED_BY_OWN_FUNCTION.values() for name in names}
    assert keys_of(f.ListItemChanges) == editable | {"name", "is_active"}
    assert keys_of(f.ListItemFields) == editable | own


def test_settings_and_popup_typed_dicts_are_their_records_fields() -> None:
    record = {field.name for field in dataclasses.fields(settings.OfficeSettingsRecord)}
    assert keys_of(f.OfficeSettingsChanges) == record - {"version"}
    assert keys_of(f.PopupNoteChanges) == {"text", *popups._FLAGS, "active_from", "active_until"}


# ------------------------------------------------- every key is accepted, no other


def refused_as_unknown(call: Callable[..., Any], field: str, /, **given: Any) -> None:
    """``call`` with the field ``field`` added is refused, with the error naming it."""
    with pytest.raises(ValidationError) as caught:
        call(**given, **{field: "x"})
    assert caught.value.field == field
    assert re.search(r"not a field|not part of|Unknown office setting", str(caught.value))


def covers(sample: dict[str, Any], typed: type) -> dict[str, Any]:
    """A sample with a value for every key of ``typed`` (a new key needs one here)."""
    assert set(sample) == keys_of(typed)
    return sample


ADDRESS = {
    "line1": "12 Oak St",
    "line2": "Suite 4",
    "city": "Dayton",
    "region": "OH",
    "postal_code": "45402",
    "country": "US",
}


@pytest.fixture
def refs(company: Any) -> dict[str, int]:
    """Ids of list entries the node fields refer to."""
    co = company
    employee = co.lists.add_employee(name="Dana Reyes", is_sales_rep=True, is_foreman=True)
    found = {
        f"{kind}_id": co.lists.items(list_kind=kind)[0].id
        for kind in (
            "customer_type",
            "department",
            "marketing_source",
            "price_level",
            "terms",
            "tax_code",
            "payment_method",
        )
    }
    return {
        **found,
        "employee": employee.id,
        "job_type": co.lists.add_job_type(name="Install").id,
        "custom_field": co.lists.add_custom_field(name="Gate code", field_type="text").id,
    }


def customer_fields(refs: dict[str, int], account: str) -> dict[str, Any]:
    """A value for every field of CustomerAddFields."""
    return covers(
        {
            "pronounced": "Smith",
            "website": "https://example.com",
            "alt_contact_name": "Mary",
            "resale_number": "R-1",
            "notepad": "Gate on the left.\nDog.",
            "ar_account": "1200",
            "card_holder": "John Smith",
            "card_brand": "Visa",
            "billing_postal_code": "45402",
            "work_same_as_bill_to": False,
            "is_debit_card": False,
            "is_active": True,
            "customer_type_id": refs["customer_type_id"],
            "department_id": refs["department_id"],
            "marketing_source_id": refs["marketing_source_id"],
            "price_level_id": refs["price_level_id"],
            "terms_id": refs["terms_id"],
            "sales_rep_id": refs["employee"],
            "inside_rep_id": refs["employee"],
            "tax_code_id": refs["tax_code_id"],
            "payment_method_id": refs["payment_method_id"],
            "cc_email": "office@example.com",
            "account_number": account,
            "credit_limit": Decimal("5000"),
            "opening_balance": "125.50",
            "opening_balance_date": date(2026, 1, 2),
            "card_number": "4111 1111 1111 1111",
            "card_last4": "1111",
            "card_exp_month": 12,
            "card_exp_year": "2030",
            "preferred_contact": "email",
            "custom_fields": {refs["custom_field"]: "1234#"},
        },
        f.CustomerAddFields,
    )


CONTACT_DETAILS = {
    "company_name": "Smith Heating",
    "salutation": "Mr.",
    "first_name": "John",
    "middle_initial": "Q",
    "last_name": "Smith",
    "phone": "(555) 201-3344",
    "alt_phone": "555-201-0000",
    "cell": "555-201-1111",
    "fax": "555-201-2222",
    "email": "john@example.com",
    "bill_to": ADDRESS,
    "work": {**ADDRESS, "line1": "14 Oak St"},
}


def job_info(refs: dict[str, int]) -> dict[str, Any]:
    return covers(
        {
            "title": "Furnace",
            "description": "Replace the furnace",
            "details": "Old unit out.\nNew unit in.",
            "start_date": date(2026, 1, 5),
            "projected_end_date": "2026-02-01",
            "completion_date": date(2026, 2, 2),
            "job_type_id": refs["job_type"],
            "status": "Pending",
            "foreman_id": refs["employee"],
            "projected_total": "1500.00",
            "estimate_type": "binding",
        },
        f.JobInfoFields,
    )


def test_customers_add_and_update_take_every_node_field(company: Any, refs: dict[str, int]) -> None:
    co = company
    added = co.customers.add(name="Smith, John", **customer_fields(refs, "A-1"))
    refused_as_unknown(co.customers.add, "nmae", name="Smith, Jane")
    sample = covers(
        {**CONTACT_DETAILS, **customer_fields(refs, "A-2"), "is_prospect": True},
        f.NodeFields,
    )
    other = co.customers.add(name="Other")
    detail = co.customers.update(other.id, name="Smith, Jim", **sample)
    assert detail.name == "Smith, Jim" and detail.is_prospect
    assert detail.credit_limit == Decimal("5000") and detail.card_last4 == "1111"
    assert detail.bill_to.city == "Dayton" and detail.work.line1 == "14 Oak St"
    assert detail.custom_fields
    refused_as_unknown(co.customers.update, "nmae", node_id=added.id)


def test_jobs_add_and_update_take_every_node_and_job_field(
    company: Any, refs: dict[str, int]
) -> None:
    co = company
    smith = co.customers.add(name="Smith, John")
    jones = co.customers.add(name="Jones, Amy")
    node_fields = {**CONTACT_DETAILS, **customer_fields(refs, "J-1")}
    sample = covers({**node_fields, "estimate_type": "binding"}, f.JobAddFields)
    job = co.jobs.add(parent=smith.id, name="Furnace", **sample)
    refused_as_unknown(co.jobs.add, "nmae", parent=smith.id, name="Boiler")

    changes = covers(
        {
            **node_fields,
            "account_number": "J-2",
            "is_prospect": False,  # a customer's only: given to the job made a customer
            **job_info(refs),
            "name": "Furnace 2",
            "parent": jones.id,
            "parent_id": None,
        },
        f.NodeChanges,
    )
    job_only = {k: v for k, v in changes.items() if k not in ("is_prospect", "parent_id")}
    detail = co.jobs.update(job.id, **job_only)
    assert detail.full_name == "Jones, Amy:Furnace 2" and detail.job_info.status == "Pending"
    # ``parent_id`` (the alias of ``parent``) with ``is_prospect`` makes it a customer.
    detail = co.jobs.update(job.id, parent_id=None, is_prospect=True)
    assert detail.parent_id is None and detail.is_prospect
    refused_as_unknown(co.jobs.update, "nmae", job_id=job.id)


def test_contacts_update_takes_every_field_and_each_takes_effect(company: Any) -> None:
    co = company
    owner = co.customers.add(name="Smith, John")
    contact = co.contacts.add(owner=owner.id, name="Mary")
    co.contacts.add(owner=owner.id, name="Tom")
    sample = covers(
        {
            "name": "Mary Smith",
            "role": "Owner",
            "notes": "Call after 5",
            "is_primary": True,
            "position": 7,
            "phone": "555-201-9000",
            "phones": [("cell", "555-201-9001"), ("home", "555-201-9002")],
            "email": "mary@example.com",
        },
        f.ContactChanges,
    )
    # ``phone`` and ``phones`` are not given together
    record = co.contacts.update(contact.id, **{k: v for k, v in sample.items() if k != "phones"})
    assert (record.name, record.role, record.notes) == ("Mary Smith", "Owner", "Call after 5")
    assert record.is_primary and record.position == 7
    assert record.phone is not None and record.phone.as_typed == "555-201-9000"
    assert record.email is not None and record.email.address == "mary@example.com"
    record = co.contacts.update(contact.id, phones=sample["phones"])
    assert [p.as_typed for p in record.phones] == ["555-201-9001", "555-201-9002"]
    refused_as_unknown(co.contacts.update, "nmae", contact_id=contact.id)


def test_popups_update_takes_every_field_and_each_takes_effect(company: Any) -> None:
    co = company
    owner = co.customers.add(name="Smith, John")
    note = co.popups.add(owner=owner.id, text="Dog in yard")
    defaults = dataclasses.asdict(note)
    sample = covers(
        {
            "text": "Gate code 1234",
            **{flag: not defaults[flag] for flag in popups._FLAGS},
            "on_open": True,  # one trigger at least
            "active_from": date(2026, 1, 1),
            "active_until": "2026-12-31",
        },
        f.PopupNoteChanges,
    )
    record = co.popups.update(note.id, **sample)
    expected = {**sample, "active_until": date(2026, 12, 31)}
    assert {key: getattr(record, key) for key in sample} == expected
    refused_as_unknown(co.popups.update, "nmae", note_id=note.id)


def test_contact_log_correct_takes_every_field_and_each_takes_effect(company: Any) -> None:
    co = company
    owner = co.customers.add(name="Smith, John")
    co.contacts.add(owner=owner.id, name="Mary Smith")
    dana = co.lists.add_employee(name="Dana Reyes")
    entry = co.contact_log.add(owner=owner.id, kind="Call In", subject="Quote")
    at = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    sample = covers(
        {
            "at": at,
            "kind": "Call Out",
            "subject": "Quote sent",
            "details": "By email",
            "contact": "mary smith",
            "follow_up_on": "2026-11-09",
            "employee": "dana reyes",
        },
        f.LogEntryCorrection,
    )
    record = co.contact_log.correct(entry.id, by="Dana", **sample)
    assert (record.at, record.kind, record.subject, record.details) == (
        at,
        "Call Out",
        "Quote sent",
        "By email",
    )
    assert record.contact_name == "Mary Smith" and record.follow_up_on == date(2026, 11, 9)
    assert record.employee_id == dana.id
    refused_as_unknown(co.contact_log.correct, "nmae", entry_id=entry.id, by="Dana")


def test_settings_update_takes_every_field_and_each_takes_effect(company: Any) -> None:
    co = company
    sample = covers(
        {
            "company_name": "Acme Heating",
            "line1": "1 Main St",
            "line2": "Floor 2",
            "city": "Dayton",
            "region": "OH",
            "postal_code": "45402",
            "country": "CA",
            "phone": "937-555-0100",
            "email": "office@example.com",
            "default_phone_region": "CA",
            "currency": "CAD",
            "title_case_mode": "automatic",
            "paper_size": "a4",
            "backups_to_keep": 7,
            "number_locale": "de_DE",
        },
        f.OfficeSettingsChanges,
    )
    before = co.settings.get()
    assert all(getattr(before, key) != value for key, value in sample.items())
    record = co.settings.update(**sample)
    assert {key: getattr(record, key) for key in sample} == sample
    refused_as_unknown(co.settings.update, "nmae")


LIST_VALUES: dict[str, Any] = {
    "sort_order": 3,
    "net_days": 45,
    "discount_percent": "2",
    "discount_days": 0,
    "description": "Sales tax",
    "rate_percent": "7.25",
    "is_taxable": False,
    "kind": "card",
    "initials": "DR",
    "email": "dana@example.com",
    "phone": "555-0100",
    "is_sales_rep": True,
    "is_foreman": True,
    "field_type": "number",
    "choices": ["A", "B"],
    "applies_to": "job",
    "is_active": False,
}


def _taken(call: Callable[..., Any], field: str, value: Any, /, **given: Any) -> bool:
    """Whether ``call`` takes the field ``field`` (for this list kind): it saves, or it is
    refused as not a field of the kind."""
    try:
        call(**given, **{field: value})
    except ValidationError as error:
        assert error.field == field and "is not a field of" in str(error), (field, error)
        return False
    return True


def test_lists_take_every_field_for_some_kind_and_nothing_else(company: Any) -> None:
    co = company
    install = co.lists.add_job_type(name="Install")
    added: set[str] = set()
    changed: set[str] = set()
    for kind in lists.LIST_KINDS:
        base = {"field_type": "text"} if kind == "custom_field" else {}
        values = {**LIST_VALUES, "parent_id": install.id}
        for n, key in enumerate(sorted(keys_of(f.ListItemFields))):
            given = {"list_kind": kind, "name": f"New {n}", **base}
            if key in base:
                given.pop(key)
            if _taken(co.lists.add_item, key, values[key], **given):
                added.add(key)
        refused_as_unknown(co.lists.add_item, "nmae", list_kind=kind, name="Newest", **base)
        item = co.lists.items(list_kind=kind)[-1]
        for n, key in enumerate(sorted(keys_of(f.ListItemChanges))):
            value = f"Renamed {n}" if key == "name" else LIST_VALUES[key]
            if _taken(co.lists.update_item, key, value, list_kind=kind, item_id=item.id):
                changed.add(key)
        refused_as_unknown(co.lists.update_item, "nmae", list_kind=kind, item_id=item.id)
    assert added == keys_of(f.ListItemFields)
    assert changed == keys_of(f.ListItemChanges)


def test_work_order_lines_take_every_field(company: Any) -> None:
    co = company
    customer = co.customers.add(name="Smith, John")
    job = co.jobs.add(parent=customer.id, name="Move")
    line = co.jobs.add_service(job.id, service="Packing")
    sample = covers(
        {"service": "Loading", "quantity": "2.5", "unit": "h", "rate": 90, "notes": "Two men"},
        f.ServiceLineChanges,
    )
    assert co.jobs.update_service(line.id, **sample).amount == Decimal("225.00")
    refused_as_unknown(co.jobs.update_service, "nmae", line_id=line.id)

    stop_fields = covers(
        {
            **ADDRESS,
            "floor": "3",
            "stairs": 2,
            "has_elevator": True,
            "parking_distance": "50 ft",
            "notes": "Ring twice",
        },
        f.StopFields,
    )
    stop = co.jobs.add_stop(job.id, kind="pickup", **stop_fields)
    assert (stop.city, stop.stairs, stop.has_elevator) == ("Dayton", 2, True)
    refused_as_unknown(co.jobs.add_stop, "nmae", job_id=job.id)
    changes = covers({**stop_fields, "kind": "delivery", "city": "Columbus"}, f.StopChanges)
    assert co.jobs.update_stop(stop.id, **changes).kind == "delivery"
    refused_as_unknown(co.jobs.update_stop, "nmae", stop_id=stop.id)

    item = co.jobs.add_inventory_item(job.id, item="Sofa")
    sample = covers(
        {
            "room": "Den",
            "item": "Couch",
            "quantity": 2,
            "cubic_feet": "40",
            "weight": Decimal("120"),
            "special_handling": "Wrap",
            "notes": "Leather",
        },
        f.InventoryItemChanges,
    )
    assert co.jobs.update_inventory_item(item.id, **sample).item == "Couch"
    refused_as_unknown(co.jobs.update_inventory_item, "nmae", item_id=item.id)

    figure = co.jobs.add_figure_line(job.id, phase="estimate", description="Labor")
    sample = covers(
        {"description": "Labor, 2 men", "quantity": 3, "rate": "80"}, f.FigureLineChanges
    )
    assert co.jobs.update_figure_line(figure.id, **sample).amount == Decimal("240.00")
    refused_as_unknown(co.jobs.update_figure_line, "nmae", line_id=figure.id)


# ------------------------------------------------------------------------ mypy

PROBE = """\
from datetime import date
from decimal import Decimal

from officemgr import Company


def calls(co: Company) -> None:
    co.customers.update(1, name="x", credit_limit=Decimal("5"), bill_to={"city": "Dayton"})
    co.customers.update(1, nmae="x")  # misspelt
    co.customers.add(name="Smith, John", terms_id=2, custom_fields={3: "yes"})
    co.customers.add(name="Smith, John", bill_to={"line1": "12 Oak St", "zip": "45402"})  # misspelt
    co.jobs.add(parent=1, name="Furnace", estimate_type="binding", phone="555-0100")
    co.jobs.add(parent=1, name="Furnace", satus="Pending")  # misspelt
    co.jobs.update_stop(1, city="Dayton", stairs=2, has_elevator=True)
    co.jobs.update_stop(1, elevator=True)  # misspelt
    co.contacts.update(1, role="Owner", phones=[("cell", "555-201-9000")])
    co.contacts.update(1, phnoe="555-201-9000")  # misspelt
    co.settings.update(currency="USD", backups_to_keep=5)
    co.settings.update(curency="USD")  # misspelt
    co.lists.update_item(list_kind="terms", item_id=1, net_days=30, is_active=True)
    co.lists.update_item(list_kind="terms", item_id=1, net_dyas=30)  # misspelt
    co.contact_log.correct(1, by="Dana", follow_up_on=date(2026, 1, 2))
    co.contact_log.correct(1, by="Dana", folow_up_on=date(2026, 1, 2))  # misspelt
"""


def test_mypy_refuses_exactly_the_misspelt_field_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = pytest.importorskip("mypy.api")
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    monkeypatch.setenv("MYPYPATH", str(ROOT / "src"))
    out, err, _status = api.run(
        [
            str(probe),
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "mypy_cache"),
            "--no-error-summary",
            "--hide-error-context",
        ]
    )
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert all(line.startswith(f"{probe}:") for line in errors), out + err
    lines = {int(line.split(":")[1]) for line in errors}
    misspelt = {n for n, line in enumerate(PROBE.splitlines(), 1) if line.endswith("# misspelt")}
    assert lines == misspelt, out + err
