"""A job's work order: requested services, stops, inventory, estimate and final figures.

Four kinds of ordered lines under a job share one engine: a `_Kind` says which table
holds them, how each field is checked and which record comes back; `_add`, `_update`,
`_remove`, `_lines` and `reorder` work for all of them. The estimate and the final
figures are one table told apart by ``phase``. The ``Jobs`` namespace binds them beside the
job's own services, so they are called as ``co.jobs.add_service(...)``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Unpack

from sqlalchemy import Table, case, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.fields import (
    FigureLineChanges,
    InventoryItemChanges,
    ServiceLineChanges,
    StopChanges,
    StopFields,
)
from officemgr.core.inputs import (
    as_bool,
    as_choice,
    as_decimal,
    as_int,
    as_text,
    check_id,
    is_id,
    line_amount,
    required_text,
    shown,
)
from officemgr.core.records import (
    AddressRecord,
    FigureLineRecord,
    InventoryItemRecord,
    InventoryList,
    JobFigures,
    ServiceLineRecord,
    StopRecord,
    money,
)
from officemgr.core.services import _contact_details as contact_details
from officemgr.core.services import _nodes as nodes
from officemgr.core.services import reads
from officemgr.core.types import utcnow
from officemgr.errors import NotFoundError, ValidationError

__all__ = [
    "add_figure_line",
    "add_inventory_item",
    "add_service",
    "add_stop",
    "estimate_from_services",
    "figures",
    "final_from_estimate",
    "inventory",
    "remove_figure_line",
    "remove_inventory_item",
    "remove_service",
    "remove_stop",
    "reorder",
    "services",
    "set_estimate_type",
    "stop_addresses",
    "stops",
    "update_figure_line",
    "update_inventory_item",
    "update_service",
    "update_stop",
]

ZERO = Decimal(0)
NOTES_LENGTH = 100_000
MAX_STAIRS = 200
REORDER_KINDS = ("services", "stops", "inventory", "estimate", "final")

Converter = Callable[[Any, str], Any]  # (value, field) -> the value as stored


# ------------------------------------------------------------------ field converters


def _text(label: str, max_length: int, *, multiline: bool = False) -> Converter:
    def convert(value: Any, field: str) -> str | None:
        return as_text(value, field=field, label=label, max_length=max_length, multiline=multiline)

    return convert


def _required(label: str, max_length: int, missing: str) -> Converter:
    def convert(value: Any, field: str) -> str:
        return required_text(
            value, field=field, label=label, max_length=max_length, missing=missing
        )

    return convert


def _quantity(label: str, *, required: bool) -> Converter:
    """A count or measure, never negative; blank is an error (``required``) or zero."""

    def convert(value: Any, field: str) -> Decimal:
        amount = as_decimal(value, field=field, label=label, allow_negative=False)
        if amount is None:
            if required:
                raise ValidationError(f"Give a {label.lower()}, like 2 or 1.5.", field=field)
            return ZERO
        return amount

    return convert


def _rate(value: Any, field: str) -> Decimal:
    """A price per unit, to four decimals; negative is allowed (a discount line), blank is
    zero."""
    return as_decimal(value, field=field, label="Rate") or ZERO


def _choice(label: str, choices: tuple[str, ...]) -> Converter:
    def convert(value: Any, field: str) -> str:
        return as_choice(value, choices, field=field, label=label)

    return convert


def _stairs(value: Any, field: str) -> int | None:
    return as_int(value, field=field, label="Flights of stairs", low=0, high=MAX_STAIRS)


def _elevator(value: Any, field: str) -> bool:
    return as_bool(value, field=field, label="Elevator")


def _country(value: Any, field: str) -> str | None:
    text = as_text(value, field=field, label="Country", max_length=m.SHORT)
    if text is None:
        return None
    text = text.upper()
    if len(text) != 2 or not text.isascii() or not text.isalpha():
        raise ValidationError("Use a two-letter country code, such as US.", field=field)
    return text


_NOTES = _text("Notes", NOTES_LENGTH, multiline=True)
_ADDRESS_FIELDS: dict[str, Converter] = {
    part: (_country if part == "country" else _text(label, max_length))
    for part, (label, max_length) in contact_details.ADDRESS_PARTS.items()
}


# ------------------------------------------------------------------------ the kinds


@dataclass(frozen=True)
class _Kind:
    """One kind of job line: its table, fields, defaults, record and how it is named."""

    model: type[m.Base]
    record: type[Any]
    fields: Mapping[str, Converter]
    defaults: Mapping[str, Any]
    what: str  # "requested service", in "There is no requested service with id 3"
    only_job: str  # why a customer is refused
    phase: str | None = None  # estimate / final lines of job_figure_lines

    @property
    def table(self) -> Table:
        return m.table(self.model)

    def of_job(self, job_id: int) -> Any:
        """The WHERE clause selecting this kind's lines of a job."""
        t = self.table
        clause = t.c.job_id == job_id
        return clause if self.phase is None else clause & (t.c.phase == self.phase)


SERVICES = _Kind(
    model=m.JobServiceLine,
    record=ServiceLineRecord,
    fields={
        "service": _required("Service", m.NAME_LENGTH, "Name the service."),
        "quantity": _quantity("Quantity", required=True),
        "unit": _text("Unit", 20),
        "rate": _rate,
        "notes": _NOTES,
    },
    defaults={"quantity": Decimal(1), "unit": None, "rate": ZERO, "notes": None},
    what="requested service",
    only_job="Only a job has requested services; this is a customer.",
)
STOPS = _Kind(
    model=m.JobStop,
    record=StopRecord,
    fields={
        "kind": _choice("Kind of stop", m.STOP_KINDS),
        **_ADDRESS_FIELDS,
        "floor": _text("Floor", 10),
        "stairs": _stairs,
        "has_elevator": _elevator,
        "parking_distance": _text("Parking or walking distance", m.SHORT),
        "notes": _NOTES,
    },
    defaults={
        "kind": "pickup",
        **dict.fromkeys(_ADDRESS_FIELDS),
        "floor": None,
        "stairs": None,
        "has_elevator": False,
        "parking_distance": None,
        "notes": None,
    },
    what="stop",
    only_job="Only a job has stops; this is a customer.",
)
INVENTORY = _Kind(
    model=m.JobInventoryItem,
    record=InventoryItemRecord,
    fields={
        "room": _text("Room", m.SHORT),
        "item": _required("Item", m.NAME_LENGTH, "Name the item."),
        "quantity": _quantity("Quantity", required=True),
        "cubic_feet": _quantity("Cubic feet", required=False),
        "weight": _quantity("Weight", required=False),
        "special_handling": _text("Special handling", m.LONG),
        "notes": _NOTES,
    },
    defaults={
        "room": None,
        "quantity": Decimal(1),
        "cubic_feet": ZERO,
        "weight": ZERO,
        "special_handling": None,
        "notes": None,
    },
    what="inventory item",
    only_job="Only a job has an inventory; this is a customer.",
)
_FIGURE_FIELDS: dict[str, Converter] = {
    "description": _required("Description", m.LONG, "Describe the line."),
    "quantity": _quantity("Quantity", required=True),
    "rate": _rate,
}
_FIGURE_DEFAULTS = {"quantity": Decimal(1), "rate": ZERO}
FIGURES = {
    phase: _Kind(
        model=m.JobFigureLine,
        record=FigureLineRecord,
        fields=_FIGURE_FIELDS,
        defaults=_FIGURE_DEFAULTS,
        what=f"{phase} line",
        only_job="Only a job has an estimate and final figures; this is a customer.",
        phase=phase,
    )
    for phase in m.FIGURE_PHASES
}
_BY_NAME = {"services": SERVICES, "stops": STOPS, "inventory": INVENTORY, **FIGURES}


# ----------------------------------------------------------------------- the engine


def _job(session: Session, job_id: Any, kind: _Kind) -> m.CustomerJob:
    node = nodes.get_node(session, job_id, field="job")
    if node.parent_id is None:
        raise ValidationError(kind.only_job, field="job")
    return node


def _record(kind: _Kind, row: Any) -> Any:
    values = row._mapping
    return kind.record(**{f.name: values[f.name] for f in dataclasses.fields(kind.record)})


def _lines(session: Session, kind: _Kind, job_id: int) -> list[Any]:
    t = kind.table
    rows = session.execute(select(t).where(kind.of_job(job_id)).order_by(t.c.position, t.c.id))
    return [_record(kind, row) for row in rows]


def _one(session: Session, kind: _Kind, line_id: int) -> Any:
    t = kind.table
    return _record(kind, session.execute(select(t).where(t.c.id == line_id)).one())


def _clean(kind: _Kind, values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(kind.fields)
    if unknown:
        field = sorted(unknown)[0]
        raise ValidationError(f"“{shown(field)}” is not a field of a {kind.what}.", field=field)
    return {field: kind.fields[field](value, field) for field, value in values.items()}


def _amount(kind: _Kind, line: Mapping[str, Any] | Any) -> Decimal | None:
    """A priced line's quantity × rate (None for lines without a rate), checked to fit."""
    if "rate" not in kind.fields:
        return None
    if isinstance(line, Mapping):
        quantity, rate = line["quantity"], line["rate"]
    else:
        quantity, rate = line.quantity, line.rate
    return line_amount(quantity, rate, field="rate", label="The amount")


def _with_amount(kind: _Kind, values: dict[str, Any]) -> dict[str, Any]:
    amount = _amount(kind, values)
    if kind.phase is not None:
        values["amount"] = amount
    return values


def _add(session: Session, kind: _Kind, job_id: Any, values: Mapping[str, Any]) -> Any:
    job = _job(session, job_id, kind)
    clean = _with_amount(kind, {**kind.defaults, **_clean(kind, values)})
    row = kind.model(job_id=job.id, position=_next_position(session, kind, job.id), **clean)
    if kind.phase is not None:
        row.phase = kind.phase  # type: ignore[attr-defined]
    session.add(row)
    session.flush()
    return _one(session, kind, row.id)  # type: ignore[attr-defined]


def _next_position(session: Session, kind: _Kind, job_id: int) -> int:
    last = session.execute(select(func.max(kind.table.c.position)).where(kind.of_job(job_id)))
    value = last.scalar()
    return 0 if value is None else int(value) + 1


def _load(session: Session, kind: _Kind, line_id: Any) -> Any:
    check_id(
        line_id,
        field=kind.what.replace(" ", "_"),
        label=kind.what,
        message=f"Choose a {kind.what}.",
    )
    row = session.get(kind.model, line_id)
    if row is None or (kind.phase is not None and row.phase != kind.phase):  # type: ignore[attr-defined]
        raise NotFoundError(f"There is no {kind.what} with id {line_id}; it may have been removed.")
    return row


def _label(row: Any) -> str:
    """How a line is named in a conflict message."""
    for field in ("service", "item", "description", "line1", "city"):
        if getattr(row, field, None):
            return str(getattr(row, field))
    return "This line"


def _update(
    session: Session,
    kind: _Kind,
    line_id: Any,
    expected_version: int | None,
    changes: Mapping[str, Any],
) -> Any:
    row = _load(session, kind, line_id)
    what = _label(row)
    nodes.check_version(row, expected_version, what)
    for field, value in _clean(kind, changes).items():
        setattr(row, field, value)
    amount = _amount(kind, row)
    if kind.phase is not None:
        row.amount = amount
    nodes.flush(session, record_id=row.id, what=what)
    return _one(session, kind, row.id)


def _remove(session: Session, kind: _Kind, line_id: Any) -> None:
    row = _load(session, kind, line_id)
    session.delete(row)
    nodes.flush(session, record_id=row.id, what=_label(row))


def reorder(session: Session, job_id: int, *, kind: str, order: Sequence[int]) -> None:
    """Put a job's lines of ``kind`` (services, stops, inventory, estimate, final) in the
    order of ``order``, which must name each of them exactly once."""
    name = as_choice(kind, REORDER_KINDS, field="kind", label="The kind of lines")
    lines = _BY_NAME[name]
    _job(session, job_id, lines)
    t = lines.table
    current = set(session.scalars(select(t.c.id).where(lines.of_job(job_id))))
    wanted: list[int] | None = None
    if (
        isinstance(order, Sequence)
        and not isinstance(order, (str, bytes))
        and all(is_id(line_id) for line_id in order)  # else no line of this job is meant
    ):
        wanted = list(order)
    if wanted is None or len(wanted) != len(current) or set(wanted) != current:
        raise ValidationError(
            "The new order must list every line of this job exactly once; someone may have "
            "added or removed one. Open the job again and retry.",
            field="order",
        )
    if not wanted:
        return
    position = case({line_id: index for index, line_id in enumerate(wanted)}, value=t.c.id)
    session.execute(
        update(t)
        .where(t.c.id.in_(wanted), t.c.position != position)
        .values(position=position, version=t.c.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )


# ---------------------------------------------------------------- requested services


@reads
def services(session: Session, job_id: int) -> list[ServiceLineRecord]:
    """A job's requested services, in their order."""
    _job(session, job_id, SERVICES)
    return _lines(session, SERVICES, job_id)


def add_service(
    session: Session,
    job_id: int,
    *,
    service: str,
    quantity: Decimal | str | int = 1,
    unit: str | None = None,
    rate: Decimal | str | int = 0,
    notes: str | None = None,
) -> ServiceLineRecord:
    """Add a requested service at the end of the job's list."""
    values = {"service": service, "quantity": quantity, "unit": unit, "rate": rate, "notes": notes}
    return _add(session, SERVICES, job_id, values)


def update_service(
    session: Session,
    line_id: int,
    *,
    expected_version: int | None = None,
    **changes: Unpack[ServiceLineChanges],
) -> ServiceLineRecord:
    """Change a requested service: ``service``, ``quantity``, ``unit``, ``rate``, ``notes``."""
    return _update(session, SERVICES, line_id, expected_version, changes)


def remove_service(session: Session, line_id: int) -> None:
    _remove(session, SERVICES, line_id)


# ----------------------------------------------------------------------------- stops


@reads
def stops(session: Session, job_id: int) -> list[StopRecord]:
    """A job's stops, in the order the truck makes them."""
    _job(session, job_id, STOPS)
    return _lines(session, STOPS, job_id)


def _address_parts(session: Session, job: m.CustomerJob, address_id: Any) -> dict[str, Any]:
    """The parts of an address of ``job`` or of its customer (``from_address``)."""
    check_id(
        address_id,
        field="from_address",
        label="address",
        message="Choose an address to start from.",
    )
    address = session.get(m.Address, address_id)
    if address is None or address.owner_id not in (job.id, job.customer_id):
        raise ValidationError(
            "Start a stop from an address of this job or of its customer.", field="from_address"
        )
    return {part: getattr(address, part) for part in contact_details.ADDRESS_PARTS}


def add_stop(
    session: Session,
    job_id: int,
    *,
    kind: str = "pickup",
    from_address: int | None = None,
    **fields: Unpack[StopFields],
) -> StopRecord:
    """Add a stop at the end of the route; ``from_address`` (an address id of the job or
    its customer) fills the address lines, and any address part given replaces its part.

    Fields: ``line1``, ``line2``, ``city``, ``region``, ``postal_code``, ``country``,
    ``floor``, ``stairs`` (flights), ``has_elevator``, ``parking_distance``, ``notes``.
    """
    job = _job(session, job_id, STOPS)
    start = {} if from_address is None else _address_parts(session, job, from_address)
    return _add(session, STOPS, job.id, {**start, **fields, "kind": kind})


def update_stop(
    session: Session,
    stop_id: int,
    *,
    expected_version: int | None = None,
    **changes: Unpack[StopChanges],
) -> StopRecord:
    """Change a stop: its kind, address parts or access details."""
    return _update(session, STOPS, stop_id, expected_version, changes)


def remove_stop(session: Session, stop_id: int) -> None:
    _remove(session, STOPS, stop_id)


@reads
def stop_addresses(session: Session, job_id: int) -> list[AddressRecord]:
    """Addresses a stop can start from: the job's, then its customer's not already listed."""
    job = _job(session, job_id, STOPS)
    a = m.table(m.Address)
    rows = session.execute(
        select(a)
        .where(or_(a.c.owner_id == job.id, a.c.owner_id == job.customer_id))
        .order_by(case((a.c.owner_id == job.id, 0), else_=1), a.c.kind, a.c.id)
    )
    found: list[AddressRecord] = []
    seen: set[tuple[Any, ...]] = set()
    for row in rows:
        record = AddressRecord(
            **{f.name: row._mapping[f.name] for f in dataclasses.fields(AddressRecord)}
        )
        parts = tuple(record.as_dict().values())
        if parts not in seen:
            seen.add(parts)
            found.append(record)
    return found


# ------------------------------------------------------------------------- inventory


@reads
def inventory(session: Session, job_id: int) -> InventoryList:
    """A job's inventory with its totals: pieces, and cubic feet and weight × quantity."""
    _job(session, job_id, INVENTORY)
    items = tuple(_lines(session, INVENTORY, job_id))
    return InventoryList(
        job_id=job_id,
        items=items,
        total_quantity=sum((i.quantity for i in items), ZERO),
        total_cubic_feet=sum((i.quantity * i.cubic_feet for i in items), ZERO),
        total_weight=sum((i.quantity * i.weight for i in items), ZERO),
    )


def add_inventory_item(
    session: Session,
    job_id: int,
    *,
    item: str,
    room: str | None = None,
    quantity: Decimal | str | int = 1,
    cubic_feet: Decimal | str | int = 0,
    weight: Decimal | str | int = 0,
    special_handling: str | None = None,
    notes: str | None = None,
) -> InventoryItemRecord:
    """Add an item to the job's inventory; cubic feet and weight are per piece."""
    values = {
        "item": item,
        "room": room,
        "quantity": quantity,
        "cubic_feet": cubic_feet,
        "weight": weight,
        "special_handling": special_handling,
        "notes": notes,
    }
    return _add(session, INVENTORY, job_id, values)


def update_inventory_item(
    session: Session,
    item_id: int,
    *,
    expected_version: int | None = None,
    **changes: Unpack[InventoryItemChanges],
) -> InventoryItemRecord:
    """Change an inventory item: ``room``, ``item``, ``quantity``, ``cubic_feet``,
    ``weight``, ``special_handling``, ``notes``."""
    return _update(session, INVENTORY, item_id, expected_version, changes)


def remove_inventory_item(session: Session, item_id: int) -> None:
    _remove(session, INVENTORY, item_id)


# -------------------------------------------------------------- estimate and final


def figure_total(amounts: Iterable[Decimal]) -> Decimal:
    """The total of an estimate or of the final figures: its lines' amounts, to the cent."""
    return money(sum(amounts, ZERO))


def variance_of(
    estimate_total: Decimal, final_total: Decimal, *, has_estimate: bool, has_final: bool
) -> tuple[Decimal | None, Decimal | None]:
    """The variance (final − estimate) and it as a percent of the estimate, one decimal
    rounded half up: None without both an estimate and final figures (each with a line);
    the percent None too when the estimate totals zero. The Work Order and the job
    reports show these."""
    variance = final_total - estimate_total if has_estimate and has_final else None
    percent = (
        (variance * 100 / estimate_total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if variance is not None and estimate_total
        else None
    )
    return variance, percent


def _figures(session: Session, job: m.CustomerJob) -> JobFigures:
    estimate = tuple(_lines(session, FIGURES["estimate"], job.id))
    final = tuple(_lines(session, FIGURES["final"], job.id))
    estimate_total = figure_total(line.amount for line in estimate)
    final_total = figure_total(line.amount for line in final)
    variance, percent = variance_of(
        estimate_total, final_total, has_estimate=bool(estimate), has_final=bool(final)
    )
    estimate_type = session.execute(
        select(m.JobInfo.estimate_type).where(m.JobInfo.job_id == job.id)
    ).scalar()
    return JobFigures(
        job_id=job.id,
        estimate_type=estimate_type,
        estimate=estimate,
        final=final,
        estimate_total=estimate_total,
        final_total=final_total,
        variance=variance,
        variance_percent=percent,
    )


@reads
def figures(session: Session, job_id: int) -> JobFigures:
    """The estimate beside the final figures, their totals and the variance."""
    return _figures(session, _job(session, job_id, FIGURES["estimate"]))


def _phase(value: Any) -> _Kind:
    return FIGURES[as_choice(value, m.FIGURE_PHASES, field="phase", label="Phase")]


def add_figure_line(
    session: Session,
    job_id: int,
    *,
    phase: str,
    description: str,
    quantity: Decimal | str | int = 1,
    rate: Decimal | str | int = 0,
) -> FigureLineRecord:
    """Add a line to the estimate or the final figures; amount is quantity × rate."""
    values = {"description": description, "quantity": quantity, "rate": rate}
    return _add(session, _phase(phase), job_id, values)


def _figure_kind(session: Session, line_id: Any) -> _Kind:
    """The phase of an estimate or final line, so updates check it as its own kind."""
    check_id(
        line_id,
        field="line",
        label="estimate or final line",
        message="Choose an estimate or final line.",
    )
    phase = session.execute(
        select(m.JobFigureLine.phase).where(m.JobFigureLine.id == line_id)
    ).scalar()
    if phase is None:
        raise NotFoundError(
            f"There is no estimate or final line with id {line_id}; it may have been removed."
        )
    return FIGURES[phase]


def update_figure_line(
    session: Session,
    line_id: int,
    *,
    expected_version: int | None = None,
    **changes: Unpack[FigureLineChanges],
) -> FigureLineRecord:
    """Change an estimate or final line: ``description``, ``quantity``, ``rate``."""
    kind = _figure_kind(session, line_id)
    return _update(session, kind, line_id, expected_version, changes)


def remove_figure_line(session: Session, line_id: int) -> None:
    _remove(session, _figure_kind(session, line_id), line_id)


def _estimate_type(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):  # "Non-binding", "not to exceed" as people write them
        value = value.strip().replace("-", "_").replace(" ", "_")
    return as_choice(value, m.ESTIMATE_TYPES, field="estimate_type", label="Estimate type")


def set_estimate_type(session: Session, job_id: int, *, estimate_type: str | None) -> JobFigures:
    """Binding, non-binding or not-to-exceed (None: not said)."""
    job = _job(session, job_id, FIGURES["estimate"])
    value = _estimate_type(estimate_type)
    info = session.get(m.JobInfo, job.id)
    if info is None:
        session.add(m.JobInfo(job_id=job.id, status="None", estimate_type=value))
    elif info.estimate_type != value:
        info.estimate_type = value
    nodes.flush(session, record_id=job.id, what=job.full_name)
    return _figures(session, job)


def _replace_lines(
    session: Session, job: m.CustomerJob, phase: str, lines: list[dict[str, Any]]
) -> None:
    t = FIGURES[phase].table
    session.execute(delete(t).where(FIGURES[phase].of_job(job.id)))
    if lines:
        session.execute(
            insert(t),
            [
                {"job_id": job.id, "phase": phase, "position": index, **line}
                for index, line in enumerate(lines)
            ],
        )


def estimate_from_services(session: Session, job_id: int) -> JobFigures:
    """Replace the estimate lines with the requested services (quantity × rate each)."""
    job = _job(session, job_id, FIGURES["estimate"])
    requested = _lines(session, SERVICES, job.id)
    if not requested:
        raise ValidationError(
            "This job has no requested services to fill the estimate from.", field="services"
        )
    lines = [
        {
            "description": f"{s.service} ({s.unit})" if s.unit else s.service,
            "quantity": s.quantity,
            "rate": s.rate,
            "amount": s.amount,
        }
        for s in requested
    ]
    _replace_lines(session, job, "estimate", lines)
    return _figures(session, job)


def final_from_estimate(session: Session, job_id: int) -> JobFigures:
    """Start the final figures as a copy of the estimate (only while the final is empty)."""
    job = _job(session, job_id, FIGURES["estimate"])
    if _lines(session, FIGURES["final"], job.id):
        raise ValidationError(
            "The final figures already have lines; remove them first to start again from "
            "the estimate.",
            field="final",
        )
    estimate = _lines(session, FIGURES["estimate"], job.id)
    if not estimate:
        raise ValidationError("This job has no estimate to copy yet.", field="estimate")
    lines = [
        {"description": e.description, "quantity": e.quantity, "rate": e.rate, "amount": e.amount}
        for e in estimate
    ]
    _replace_lines(session, job, "final", lines)
    return _figures(session, job)
