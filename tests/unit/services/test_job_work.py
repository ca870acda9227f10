"""A job's work order: requested services, stops, inventory, estimate and final figures."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from officemgr.core.records import InventoryList, JobFigures, ServiceLineRecord, StopRecord
from officemgr.errors import ConflictError, NotFoundError, ValidationError

D = Decimal


@pytest.fixture
def customer(company: Any) -> int:
    return int(
        company.customers.add(
            name="Smith, John",
            bill_to={
                "line1": "12 Oak St",
                "city": "Dayton",
                "region": "OH",
                "postal_code": "45402",
                "country": "US",
            },
        ).id
    )


@pytest.fixture
def job(company: Any, customer: int) -> int:
    return int(company.jobs.add(parent=customer, name="Move to Columbus").id)


# ------------------------------------------------------------------ services


def test_services_add_update_remove_and_amounts(company: Any, job: int) -> None:
    crew = company.jobs.add_service(
        job, service=" Crew of 3 ", quantity="4.5", unit="hour", rate="149.99", notes="Start at 8"
    )
    assert isinstance(crew, ServiceLineRecord)
    assert (crew.service, crew.quantity, crew.unit, crew.rate, crew.position) == (
        "Crew of 3",
        D("4.5"),
        "hour",
        D("149.99"),
        0,
    )
    assert crew.amount == D("674.96")  # 674.955 rounds half up
    truck = company.jobs.add_service(job, service="Truck")
    assert (truck.quantity, truck.rate, truck.position, truck.amount) == (D(1), D(0), 1, D(0))

    changed = company.jobs.update_service(truck.id, expected_version=truck.version, rate="95")
    assert changed.rate == D("95.00") and changed.version == truck.version + 1
    assert [s.service for s in company.jobs.services(job)] == ["Crew of 3", "Truck"]

    company.jobs.remove_service(crew.id)
    assert [s.id for s in company.jobs.services(job)] == [truck.id]
    with pytest.raises(NotFoundError):
        company.jobs.update_service(crew.id, rate=1)


def test_service_validation_messages(company: Any, job: int) -> None:
    with pytest.raises(ValidationError) as bad:
        company.jobs.add_service(job, service="Packing", quantity="two")
    assert (bad.value.field, str(bad.value)) == (
        "quantity",
        "Quantity must be a number written like 1234.56 (no thousands separators, a full stop "
        "before the decimals); “two” is not.",
    )
    with pytest.raises(ValidationError) as negative:
        company.jobs.add_service(job, service="Packing", quantity="-1")
    assert str(negative.value) == "Quantity cannot be negative."
    with pytest.raises(ValidationError) as rate:
        company.jobs.add_service(job, service="Packing", rate="lots")
    assert (rate.value.field, str(rate.value)) == (
        "rate",
        "Rate must be a number written like 1234.56 (no thousands separators, a full stop before "
        "the decimals); “lots” is not.",
    )
    with pytest.raises(ValidationError) as name:
        company.jobs.add_service(job, service="  ")
    assert (name.value.field, str(name.value)) == ("service", "Name the service.")
    with pytest.raises(ValidationError) as long_unit:
        company.jobs.add_service(job, service="Packing", unit="u" * 21)
    assert long_unit.value.field == "unit"
    line = company.jobs.add_service(job, service="Packing")
    with pytest.raises(ValidationError) as unknown:
        company.jobs.update_service(line.id, colour="red")
    assert unknown.value.field == "colour"
    with pytest.raises(ValidationError) as blank:
        company.jobs.update_service(line.id, quantity="")
    assert str(blank.value) == "Give a quantity, like 2 or 1.5."
    assert company.jobs.services(job) == [line]  # nothing half-saved


def test_a_customer_has_no_work_order(company: Any, customer: int) -> None:
    with pytest.raises(ValidationError) as refused:
        company.jobs.add_service(customer, service="Packing")
    assert str(refused.value) == "Only a job has requested services; this is a customer."
    assert refused.value.field == "job"
    with pytest.raises(ValidationError, match="Only a job has stops"):
        company.jobs.stops(customer)
    with pytest.raises(ValidationError, match="Only a job has an inventory"):
        company.jobs.add_inventory_item(customer, item="Sofa")
    with pytest.raises(ValidationError, match="Only a job has an estimate"):
        company.jobs.figures(customer)
    with pytest.raises(NotFoundError):
        company.jobs.services(999_999)


def test_update_from_an_old_copy_is_a_conflict(company: Any, job: int) -> None:
    line = company.jobs.add_service(job, service="Packing")
    company.jobs.update_service(line.id, expected_version=line.version, quantity=2)
    with pytest.raises(ConflictError, match="Packing"):
        company.jobs.update_service(line.id, expected_version=line.version, quantity=3)
    assert company.jobs.services(job)[0].quantity == D(2)


# ------------------------------------------------------------------------- stops


def test_stops_from_the_customers_address_and_typed(company: Any, customer: int, job: int) -> None:
    addresses = company.jobs.stop_addresses(job)
    assert [(a.kind, a.line1) for a in addresses] == [("bill_to", "12 Oak St")]  # no repeat
    own = company.customers.get(customer).bill_to
    pickup = company.jobs.add_stop(
        job, from_address=own.id, floor="2", stairs=1, parking_distance="30 ft", notes="Narrow hall"
    )
    assert isinstance(pickup, StopRecord)
    assert (pickup.kind, pickup.name, pickup.country) == (
        "pickup",
        "12 Oak St, Dayton OH 45402",
        "US",
    )
    assert (pickup.floor, pickup.stairs, pickup.has_elevator, pickup.notes) == (
        "2",
        1,
        False,
        "Narrow hall",
    )
    job_address = company.jobs.get(job).bill_to
    storage = company.jobs.add_stop(
        job, kind="extra", from_address=job_address.id, line1="99 Depot Rd"
    )  # a typed part replaces the copy
    assert (storage.line1, storage.city) == ("99 Depot Rd", "Dayton")
    delivery = company.jobs.add_stop(
        job,
        kind="Delivery",
        line1="5 High St",
        city="Columbus",
        region="OH",
        country="us",
        has_elevator=True,
    )
    assert (delivery.kind, delivery.country, delivery.has_elevator) == ("delivery", "US", True)
    assert [s.position for s in company.jobs.stops(job)] == [0, 1, 2]

    moved = company.jobs.update_stop(delivery.id, expected_version=delivery.version, floor="12")
    assert moved.floor == "12" and moved.line1 == "5 High St"
    company.jobs.remove_stop(storage.id)
    assert [s.id for s in company.jobs.stops(job)] == [pickup.id, delivery.id]


def test_stop_validation(company: Any, customer: int, job: int) -> None:
    with pytest.raises(ValidationError) as kind:
        company.jobs.add_stop(job, kind="detour")
    assert kind.value.field == "kind" and "pickup, delivery, extra" in str(kind.value)
    with pytest.raises(ValidationError) as stairs:
        company.jobs.add_stop(job, stairs="a few")
    assert (stairs.value.field, str(stairs.value)) == (
        "stairs",
        "Flights of stairs must be a whole number.",
    )
    with pytest.raises(ValidationError) as country:
        company.jobs.add_stop(job, country="USA")
    assert country.value.field == "country"
    other = company.customers.add(name="Jones, Ann", bill_to={"line1": "1 Elm"})
    elsewhere = company.customers.get(other.id).bill_to
    with pytest.raises(ValidationError) as foreign:
        company.jobs.add_stop(job, from_address=elsewhere.id)
    assert foreign.value.field == "from_address"
    assert company.jobs.stops(job) == []


# ----------------------------------------------------------------------- reorder


def test_reorder_each_kind(company: Any, job: int) -> None:
    a = company.jobs.add_service(job, service="A")
    b = company.jobs.add_service(job, service="B")
    c = company.jobs.add_service(job, service="C")
    company.jobs.reorder(job, kind="services", order=[c.id, a.id, b.id])
    services = company.jobs.services(job)
    assert [s.service for s in services] == ["C", "A", "B"]
    assert services[0].version == c.version + 1
    stops = [company.jobs.add_stop(job, line1=f"{n} Main St") for n in (1, 2)]
    company.jobs.reorder(job, kind="stops", order=[stops[1].id, stops[0].id])
    assert [s.line1 for s in company.jobs.stops(job)] == ["2 Main St", "1 Main St"]
    items = [company.jobs.add_inventory_item(job, item=name) for name in ("Bed", "Desk")]
    company.jobs.reorder(job, kind="inventory", order=[items[1].id, items[0].id])
    assert [i.item for i in company.jobs.inventory(job).items] == ["Desk", "Bed"]
    lines = [company.jobs.add_figure_line(job, phase="final", description=d) for d in "XY"]
    company.jobs.add_figure_line(job, phase="estimate", description="E")
    company.jobs.reorder(job, kind="final", order=[lines[1].id, lines[0].id])
    assert [f.description for f in company.jobs.figures(job).final] == ["Y", "X"]


def test_reorder_needs_exactly_the_jobs_lines(company: Any, job: int, customer: int) -> None:
    a = company.jobs.add_service(job, service="A")
    b = company.jobs.add_service(job, service="B")
    other_job = company.jobs.add(parent=customer, name="Other")
    foreign = company.jobs.add_service(other_job.id, service="Z")
    for order in ([a.id], [a.id, a.id], [a.id, foreign.id], [a.id, b.id, foreign.id]):
        with pytest.raises(ValidationError) as wrong:
            company.jobs.reorder(job, kind="services", order=order)
        assert wrong.value.field == "order"
    with pytest.raises(ValidationError) as kind:
        company.jobs.reorder(job, kind="invoices", order=[])
    assert kind.value.field == "kind"
    assert [s.id for s in company.jobs.services(job)] == [a.id, b.id]


# --------------------------------------------------------------------- inventory


def test_inventory_totals_are_exact(company: Any, job: int) -> None:
    empty = company.jobs.inventory(job)
    assert isinstance(empty, InventoryList)
    assert (empty.items, empty.total_quantity, empty.total_cubic_feet) == ((), 0, 0)
    company.jobs.add_inventory_item(
        job, item="Dining chair", room="Dining", quantity=6, cubic_feet="5.1", weight="12.25"
    )
    sofa = company.jobs.add_inventory_item(
        job, item="Sofa", room="Living", cubic_feet=35, weight=120, special_handling="Wrap in pads"
    )
    listed = company.jobs.inventory(job)
    assert [i.item for i in listed.items] == ["Dining chair", "Sofa"]
    assert listed.total_quantity == D(7)
    assert listed.total_cubic_feet == D("65.6")  # 6 × 5.1 + 35
    assert listed.total_weight == D("193.5")  # 6 × 12.25 + 120
    changed = company.jobs.update_inventory_item(
        sofa.id, expected_version=sofa.version, quantity=2, special_handling=""
    )
    assert (changed.quantity, changed.special_handling) == (D(2), None)
    assert company.jobs.inventory(job).total_cubic_feet == D("100.6")
    with pytest.raises(ValidationError) as weight:
        company.jobs.update_inventory_item(sofa.id, weight="heavy")
    assert (weight.value.field, str(weight.value)) == (
        "weight",
        "Weight must be a number written like 1234.56 (no thousands separators, a full stop "
        "before the decimals); “heavy” is not.",
    )
    with pytest.raises(ValidationError) as item:
        company.jobs.add_inventory_item(job, item="")
    assert (item.value.field, str(item.value)) == ("item", "Name the item.")
    company.jobs.remove_inventory_item(sofa.id)
    assert company.jobs.inventory(job).total_quantity == D(6)


# ------------------------------------------------------------- estimate and final


def test_figures_totals_variance_and_percent(company: Any, job: int) -> None:
    figures = company.jobs.figures(job)
    assert isinstance(figures, JobFigures)
    assert (figures.estimate, figures.final, figures.variance, figures.variance_percent) == (
        (),
        (),
        None,
        None,
    )
    labour = company.jobs.add_figure_line(
        job, phase="estimate", description="Labour", quantity="3", rate="33.335"
    )
    assert labour.rate == D("33.335")  # rates keep four decimals
    assert labour.amount == D("100.01")  # 3 × 33.335 = 100.005, rounded once
    company.jobs.add_figure_line(job, phase="estimate", description="Truck", rate="200")
    assert company.jobs.figures(job).variance is None  # no final yet
    company.jobs.add_figure_line(
        job, phase="final", description="Labour", quantity="3.5", rate="33.34"
    )
    company.jobs.add_figure_line(job, phase="final", description="Truck", rate="200")
    figures = company.jobs.figures(job)
    assert (figures.estimate_total, figures.final_total) == (D("300.01"), D("316.69"))
    assert figures.variance == D("16.68")
    assert figures.variance_percent == D("5.6")  # 16.68 / 300.01 = 5.560 %
    changed = company.jobs.update_figure_line(
        labour.id, expected_version=labour.version, quantity=4
    )
    assert (changed.amount, changed.phase) == (D("133.34"), "estimate")  # 4 × 33.335
    company.jobs.remove_figure_line(labour.id)
    assert [f.description for f in company.jobs.figures(job).estimate] == ["Truck"]
    with pytest.raises(ValidationError) as phase:
        company.jobs.add_figure_line(job, phase="guess", description="X")
    assert phase.value.field == "phase"
    with pytest.raises(NotFoundError):
        company.jobs.update_figure_line(labour.id, quantity=1)


def test_estimate_type(company: Any, job: int) -> None:
    assert company.jobs.set_estimate_type(job, estimate_type="binding").estimate_type == "binding"
    assert company.jobs.get(job).job_info.estimate_type == "binding"
    assert company.jobs.set_estimate_type(job, estimate_type="Not to exceed").estimate_type == (
        "not_to_exceed"
    )
    assert company.jobs.set_estimate_type(job, estimate_type="Non-binding").estimate_type == (
        "non_binding"
    )
    with pytest.raises(ValidationError) as bad:
        company.jobs.set_estimate_type(job, estimate_type="maybe")
    assert bad.value.field == "estimate_type"
    assert company.jobs.set_estimate_type(job, estimate_type=None).estimate_type is None
    assert company.jobs.figures(job).estimate_type is None


def test_estimate_from_services_then_final_from_estimate(company: Any, job: int) -> None:
    with pytest.raises(ValidationError, match="no requested services"):
        company.jobs.estimate_from_services(job)
    with pytest.raises(ValidationError, match="no estimate"):
        company.jobs.final_from_estimate(job)
    company.jobs.add_figure_line(job, phase="estimate", description="Old guess", rate=999)
    company.jobs.add_service(job, service="Crew of 3", quantity="4.5", unit="hour", rate="149.99")
    company.jobs.add_service(job, service="Boxes", quantity=20, rate="2.5")
    figures = company.jobs.estimate_from_services(job)
    assert [
        (f.description, f.quantity, f.rate, f.amount, f.position) for f in figures.estimate
    ] == [
        ("Crew of 3 (hour)", D("4.5"), D("149.99"), D("674.96"), 0),
        ("Boxes", D(20), D("2.50"), D("50.00"), 1),
    ]
    assert figures.estimate_total == D("724.96") and figures.final == ()
    final = company.jobs.final_from_estimate(job)
    assert [(f.description, f.amount) for f in final.final] == [
        (f.description, f.amount) for f in final.estimate
    ]
    assert (final.variance, final.variance_percent) == (D(0), D("0.0"))
    with pytest.raises(ValidationError) as again:
        company.jobs.final_from_estimate(job)
    assert again.value.field == "final"
    # filling again replaces the estimate only; the final stays as it was
    company.jobs.add_service(job, service="Piano", rate=250)
    refilled = company.jobs.estimate_from_services(job)
    assert len(refilled.estimate) == 3 and len(refilled.final) == 2
    assert refilled.variance == D("-250.00") and refilled.variance_percent == D("-25.6")
