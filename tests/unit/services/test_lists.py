"""Office lists: read them all, add, rename, retire; job types, custom fields, employees."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from officemgr.core.records import OfficeLists
from officemgr.errors import DuplicateError, NotFoundError, ValidationError


def test_a_new_company_has_the_starter_lists(company: Any) -> None:
    lists = company.lists.all()
    assert isinstance(lists, OfficeLists)
    assert [i.name for i in lists.customer_types][:3] == ["Residential", "Commercial", "Government"]
    assert [t.name for t in lists.terms] == ["Due on receipt", "Net 15", "Net 30", "2% 10 Net 30"]
    two_ten = lists.terms[3]
    assert (two_ten.net_days, two_ten.discount_percent, two_ten.discount_days) == (
        30,
        Decimal(2),
        10,
    )
    assert "Check" in [p.name for p in lists.payment_methods]
    assert {t.name for t in lists.tax_codes} == {"Tax", "Non"}
    assert lists.departments and lists.marketing_sources and lists.price_levels
    assert lists.job_types == () and lists.employees == () and lists.custom_fields == ()


LIST_ATTRS = [
    ("customer_type", "customer_types"),
    ("department", "departments"),
    ("marketing_source", "marketing_sources"),
    ("price_level", "price_levels"),
    ("terms", "terms"),
    ("tax_code", "tax_codes"),
    ("payment_method", "payment_methods"),
    ("employee", "employees"),
    ("job_type", "job_types"),
]


def test_add_rename_and_retire_in_every_list(company: Any) -> None:
    for kind, attr in LIST_ATTRS:
        item = company.lists.add_item(list_kind=kind, name="Zeta")
        assert item.name == "Zeta" and item.is_active
        with pytest.raises(DuplicateError) as err:
            company.lists.add_item(list_kind=kind, name="ZETA")
        assert err.value.existing_id == item.id
        renamed = company.lists.rename_item(list_kind=kind, item_id=item.id, name="Omega")
        assert renamed.name == "Omega" and renamed.version == item.version + 1
        retired = company.lists.set_item_active(list_kind=kind, item_id=item.id, active=False)
        assert not retired.is_active
        listed = {i.id: i for i in getattr(company.lists.all(), attr)}
        assert listed[item.id] == retired, kind
        assert item.id in {i.id for i in company.lists.items(list_kind=kind)}


def test_list_rules(company: Any) -> None:
    with pytest.raises(ValidationError) as err:
        company.lists.add_item(list_kind="colours", name="Red")
    assert err.value.field == "list_kind"
    with pytest.raises(ValidationError) as err:
        company.lists.add_item(list_kind="department", name="  ")
    assert err.value.field == "name"
    with pytest.raises(NotFoundError):
        company.lists.rename_item(list_kind="department", item_id=9999, name="X")
    types = company.lists.all().customer_types
    with pytest.raises(NotFoundError):  # a customer type is not a department
        company.lists.rename_item(list_kind="department", item_id=types[0].id, name="X")
    with pytest.raises(ValidationError) as err:
        company.lists.add_item(list_kind="terms", name="Odd", net_days=10, discount_days=15)
    assert err.value.field == "discount_days"
    with pytest.raises(ValidationError) as err:
        company.lists.add_item(list_kind="tax_code", name="Big", rate_percent="150")
    assert err.value.field == "rate_percent"


def test_terms_tax_codes_and_payment_methods_keep_their_figures(company: Any) -> None:
    terms = company.lists.add_item(
        list_kind="terms", name="1% 15 Net 45", net_days=45, discount_percent="1", discount_days=15
    )
    assert (terms.net_days, terms.discount_percent, terms.discount_days) == (45, Decimal(1), 15)
    tax = company.lists.add_item(
        list_kind="tax_code", name="Ohio", rate_percent="7.25", description="State"
    )
    assert (tax.rate_percent, tax.description, tax.is_taxable) == (Decimal("7.25"), "State", True)
    card = company.lists.add_item(list_kind="payment_method", name="Diners", kind="card")
    assert card.kind == "card"
    changed = company.lists.update_item(list_kind="tax_code", item_id=tax.id, rate_percent="7.5")
    assert changed.rate_percent == Decimal("7.5")


def test_job_types_are_hierarchical(company: Any) -> None:
    install = company.lists.add_job_type(name="Install")
    furnace = company.lists.add_job_type(name="Furnace", parent_id=install.id)
    company.lists.add_job_type(name="Filter", parent_id=furnace.id)
    company.lists.add_job_type(name="Repair")
    assert [t.full_name for t in company.lists.all().job_types] == [
        "Install",
        "Install:Furnace",
        "Install:Furnace:Filter",
        "Repair",
    ]
    with pytest.raises(DuplicateError):
        company.lists.add_job_type(name="furnace", parent_id=install.id)
    with pytest.raises(ValidationError):
        company.lists.add_job_type(name="A:B")
    company.lists.rename_item(list_kind="job_type", item_id=install.id, name="Installation")
    assert [t.full_name for t in company.lists.all().job_types] == [
        "Installation",
        "Installation:Furnace",
        "Installation:Furnace:Filter",
        "Repair",
    ]


def test_custom_fields(company: Any) -> None:
    fuel = company.lists.add_custom_field(
        name="Fuel", field_type="choice", choices=["Gas", "Oil", "gas", " "], applies_to="customer"
    )
    assert (fuel.field_type, fuel.choices, fuel.applies_to) == (
        "choice",
        ("Gas", "Oil"),
        "customer",
    )
    with pytest.raises(ValidationError) as err:
        company.lists.add_custom_field(name="Empty", field_type="choice")
    assert err.value.field == "choices"
    with pytest.raises(ValidationError) as err:
        company.lists.add_custom_field(name="Colour", field_type="colour")
    assert err.value.field == "field_type"
    with pytest.raises(ValidationError) as err:
        company.lists.add_custom_field(name="Where", field_type="text", applies_to="everyone")
    assert err.value.field == "applies_to"
    units = company.lists.add_custom_field(name="Units", field_type="number")
    c = company.customers.add(name="Smith, John", custom_fields={units.id: 3})
    with pytest.raises(ValidationError) as err:
        company.lists.update_item(list_kind="custom_field", item_id=units.id, field_type="text")
    assert "already has values" in str(err.value)
    assert company.customers.get(c.id).custom_fields == {units.id: Decimal(3)}


def test_employees_are_reps_or_foremen(company: Any) -> None:
    company.lists.add_employee(name="Dana Reyes", initials="DR", is_sales_rep=True)
    company.lists.add_employee(name="Fred Stone", is_foreman=True, phone="555-201-0000")
    company.lists.add_employee(name="Pat Office", email="pat@example.com")
    lists = company.lists.all()
    assert [e.name for e in lists.employees] == ["Dana Reyes", "Fred Stone", "Pat Office"]
    assert [e.name for e in lists.sales_reps] == ["Dana Reyes"]
    assert [e.name for e in lists.foremen] == ["Fred Stone"]
    with pytest.raises(DuplicateError):
        company.lists.add_employee(name="dana reyes")


def test_percentages_keep_four_places(company) -> None:
    tax = company.lists.add_item(list_kind="tax_code", name="City", rate_percent="8.875")
    terms = company.lists.add_item(
        list_kind="terms",
        name="1.5% 10 Net 30",
        net_days=30,
        discount_percent="1.5",
        discount_days=10,
    )
    lists = company.lists.all()
    assert next(t for t in lists.tax_codes if t.id == tax.id).rate_percent == Decimal("8.875")
    assert next(t for t in lists.terms if t.id == terms.id).discount_percent == Decimal("1.5")
