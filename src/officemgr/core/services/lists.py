"""The office lists the forms choose from, and their editing.

List kinds: ``customer_type``, ``department``, ``marketing_source``, ``price_level``
(simple lists), ``terms``, ``tax_code``, ``job_type`` (hierarchical: ``Install:Furnace``),
``payment_method``, ``employee`` and ``custom_field``. Entries are never deleted, since
records refer to them; they are made inactive instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Unpack

from sqlalchemy import String, func, literal, select, update
from sqlalchemy.orm import Session

from officemgr.core import keys
from officemgr.core import models as m
from officemgr.core.fields import ListItemChanges, ListItemFields
from officemgr.core.inputs import (
    as_bool,
    as_choice,
    as_decimal,
    as_int,
    as_text,
    check_id,
    is_id,
    required_text,
    shown,
)
from officemgr.core.records import (
    CustomFieldRecord,
    EmployeeRecord,
    JobTypeRecord,
    ListItemRecord,
    OfficeLists,
    PaymentMethodRecord,
    TaxCodeRecord,
    TermsRecord,
)
from officemgr.core.services import _custom_fields as custom_fields
from officemgr.core.services import _nodes as nodes
from officemgr.core.services import reads
from officemgr.errors import ConflictError, DuplicateError, NotFoundError, ValidationError

__all__ = [
    "LIST_KINDS",
    "add_custom_field",
    "add_employee",
    "add_item",
    "add_job_type",
    "all",
    "items",
    "rename_item",
    "reorder_items",
    "set_item_active",
    "update_item",
]

ListRecord = (
    ListItemRecord
    | TermsRecord
    | TaxCodeRecord
    | JobTypeRecord
    | PaymentMethodRecord
    | EmployeeRecord
    | CustomFieldRecord
)

_MODELS: dict[str, type[Any]] = {
    **{name: m.ListItem for name in m.SIMPLE_LISTS},
    "terms": m.Terms,
    "tax_code": m.TaxCode,
    "job_type": m.JobType,
    "payment_method": m.PaymentMethod,
    "employee": m.Employee,
    "custom_field": m.CustomFieldDef,
}
LIST_KINDS = tuple(_MODELS)
_LABELS = {
    "customer_type": "customer type",
    "department": "department",
    "marketing_source": "marketing source",
    "price_level": "price level",
    "terms": "terms",
    "tax_code": "tax code",
    "job_type": "job type",
    "payment_method": "payment method",
    "employee": "employee",
    "custom_field": "custom field",
}
# Fields `update_item` takes besides ``name`` and ``is_active``, per list kind
_EDITABLE: dict[str, tuple[str, ...]] = {
    **{name: ("sort_order",) for name in m.SIMPLE_LISTS},
    "terms": ("net_days", "discount_percent", "discount_days", "sort_order"),
    "tax_code": ("description", "rate_percent", "is_taxable"),
    "job_type": (),
    "payment_method": ("kind", "sort_order"),
    "employee": ("initials", "email", "phone", "is_sales_rep", "is_foreman"),
    "custom_field": ("field_type", "choices", "applies_to", "sort_order"),
}
# Fields `add_item` passes on to the lists that have their own add function
_ADDED_BY_OWN_FUNCTION: dict[str, tuple[str, ...]] = {
    "job_type": ("parent_id",),
    "custom_field": ("field_type", "choices", "applies_to"),
    "employee": ("initials", "email", "phone", "is_sales_rep", "is_foreman"),
}


def _kind(list_kind: Any) -> str:
    if not isinstance(list_kind, str) or list_kind not in _MODELS:
        raise ValidationError(
            f"There is no office list called “{shown(list_kind)}”; the lists are "
            f"{', '.join(LIST_KINDS)}.",
            field="list_kind",
        )
    return list_kind


def _check_field_names(list_kind: str, names: Iterable[str], allowed: Iterable[str]) -> None:
    known = set(allowed)
    for key in names:
        if key not in known:
            raise ValidationError(
                f"“{shown(key)}” is not a field of a {_LABELS[list_kind]}.", field=key
            )


def _max_length(list_kind: str) -> int:
    return m.SHORT if list_kind == "custom_field" else m.NAME_LENGTH


def _item_name(value: Any, list_kind: str) -> str:
    label = _LABELS[list_kind].capitalize()
    name = required_text(
        value,
        field="name",
        label=f"{label} name",
        max_length=_max_length(list_kind),
        missing=f"Give the {_LABELS[list_kind]} a name.",
    )
    if list_kind == "job_type" and ":" in name:
        raise ValidationError(
            "A job type name cannot contain “:”; it separates a type from its sub-types.",
            field="name",
        )
    return name


def _ensure_unique(
    session: Session, list_kind: str, column: Any, value: str, exclude_id: int | None = None
) -> None:
    model = _MODELS[list_kind]
    stmt = select(model.id, column)
    if model is m.ListItem:
        stmt = stmt.where(m.ListItem.list_name == list_kind)
    if exclude_id is not None:
        stmt = stmt.where(model.id != exclude_id)
    # Compared here rather than with SQL lower(), which in SQLite folds ASCII letters only
    # (two employees could both be "Émile"); office lists are short.
    wanted = keys.name_key(value)
    existing = next(
        (row_id for row_id, name in session.execute(stmt) if keys.name_key(name) == wanted), None
    )
    if existing is not None:
        raise DuplicateError(
            f"There is already a {_LABELS[list_kind]} called “{value}”.",
            field="name",
            existing_id=existing,
        )


def _next_order(session: Session, model: Any, list_kind: str) -> int:
    stmt = select(func.max(model.sort_order))
    if model is m.ListItem:
        stmt = stmt.where(m.ListItem.list_name == list_kind)
    last = session.execute(stmt).scalar()
    return 0 if last is None else last + 1


def _load(session: Session, list_kind: str, item_id: Any) -> Any:
    model = _MODELS[list_kind]
    label = _LABELS[list_kind]
    check_id(item_id, field="item_id", label=label, message=f"Choose a {label}.")
    row = session.get(model, item_id)
    if row is None or (model is m.ListItem and row.list_name != list_kind):
        raise NotFoundError(f"There is no {_LABELS[list_kind]} with id {item_id}.")
    return row


# ------------------------------------------------------------------------ records


def _record(list_kind: str, row: Any) -> ListRecord:
    if list_kind in m.SIMPLE_LISTS:
        return ListItemRecord(
            id=row.id,
            name=row.name,
            list_kind=row.list_name,
            sort_order=row.sort_order,
            is_active=row.is_active,
            version=row.version,
        )
    if list_kind == "terms":
        return TermsRecord(
            id=row.id,
            name=row.name,
            net_days=row.net_days,
            discount_percent=row.discount_percent,
            discount_days=row.discount_days,
            sort_order=row.sort_order,
            is_active=row.is_active,
            version=row.version,
        )
    if list_kind == "tax_code":
        return TaxCodeRecord(
            id=row.id,
            name=row.name,
            description=row.description,
            rate_percent=row.rate_percent,
            is_taxable=row.is_taxable,
            is_active=row.is_active,
            version=row.version,
        )
    if list_kind == "job_type":
        return JobTypeRecord(
            id=row.id,
            name=row.name,
            full_name=row.full_name,
            parent_id=row.parent_id,
            is_active=row.is_active,
            version=row.version,
        )
    if list_kind == "payment_method":
        return PaymentMethodRecord(
            id=row.id,
            name=row.name,
            kind=row.kind,
            sort_order=row.sort_order,
            is_active=row.is_active,
            version=row.version,
        )
    if list_kind == "employee":
        return EmployeeRecord(
            id=row.id,
            name=row.name,
            initials=row.initials,
            email=row.email,
            phone=row.phone,
            is_sales_rep=row.is_sales_rep,
            is_foreman=row.is_foreman,
            is_active=row.is_active,
            version=row.version,
        )
    return CustomFieldRecord(
        id=row.id,
        name=row.name,
        field_type=row.field_type,
        choices=custom_fields.choice_list(row.choices),
        applies_to=row.applies_to,
        sort_order=row.sort_order,
        is_active=row.is_active,
        version=row.version,
    )


def _ordered(list_kind: str) -> Any:
    model = _MODELS[list_kind]
    stmt = select(model)
    if model is m.ListItem:
        return stmt.where(m.ListItem.list_name == list_kind).order_by(
            m.ListItem.sort_order, m.ListItem.name
        )
    if list_kind == "job_type":
        return stmt.order_by(m.JobType.full_name)
    if list_kind in ("tax_code", "employee"):
        return stmt.order_by(model.name)
    return stmt.order_by(model.sort_order, model.id)


@reads
def items(session: Session, *, list_kind: str) -> list[ListRecord]:
    """One office list, inactive entries included."""
    kind = _kind(list_kind)
    return [_record(kind, row) for row in session.scalars(_ordered(kind))]


@reads
def all(session: Session) -> OfficeLists:
    """Every office list at once (inactive entries included; records say which)."""

    def rows(kind: str) -> tuple[Any, ...]:
        return tuple(_record(kind, row) for row in session.scalars(_ordered(kind)))

    return OfficeLists(
        customer_types=rows("customer_type"),
        departments=rows("department"),
        marketing_sources=rows("marketing_source"),
        price_levels=rows("price_level"),
        terms=rows("terms"),
        tax_codes=rows("tax_code"),
        job_types=rows("job_type"),
        payment_methods=rows("payment_method"),
        employees=rows("employee"),
        custom_fields=rows("custom_field"),
    )


# ------------------------------------------------------------------ field checks


def _percent(value: Any, field: str, label: str) -> Decimal:
    # Percentages keep four places, as stored: a 8.875% tax rate is not 8.88%.
    amount = as_decimal(value, field=field, label=label, places=4, allow_negative=False)
    amount = Decimal(0) if amount is None else amount
    if amount > 100:
        raise ValidationError(f"{label} must be between 0 and 100.", field=field)
    return amount


def _choices(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        lines = value.splitlines()
    elif isinstance(value, Sequence):
        lines = list(value)
    else:
        raise ValidationError("Give the choices as a list.", field="choices")
    cleaned: list[str] = []
    for line in lines:
        text = as_text(line, field="choices", label="A choice", max_length=m.NAME_LENGTH)
        if text is not None and text.casefold() not in {c.casefold() for c in cleaned}:
            cleaned.append(text)
    return "\n".join(cleaned) or None


def _set_fields(session: Session, list_kind: str, row: Any, changes: dict[str, Any]) -> None:
    _check_field_names(list_kind, changes, _EDITABLE[list_kind])
    for key, value in changes.items():
        if key == "sort_order":
            row.sort_order = as_int(value, field=key, label="Order", low=0, high=1_000_000) or 0
        elif key in ("net_days", "discount_days"):
            label = "Net days" if key == "net_days" else "Discount days"
            setattr(row, key, as_int(value, field=key, label=label, low=0, high=365) or 0)
        elif key in ("discount_percent", "rate_percent"):
            label = "Discount" if key == "discount_percent" else "Tax rate"
            setattr(row, key, _percent(value, key, label))
        elif key in ("is_taxable", "is_sales_rep", "is_foreman"):
            setattr(row, key, as_bool(value, field=key, label=key.replace("_", " ")))
        elif key == "description":
            row.description = as_text(value, field=key, label="Description", max_length=m.LONG)
        elif key == "kind":
            row.kind = as_choice(value, m.PAYMENT_KINDS, field=key, label="Kind")
        elif key == "initials":
            row.initials = as_text(value, field=key, label="Initials", max_length=8)
        elif key == "email":
            row.email = as_text(value, field=key, label="Email", max_length=m.LONG)
        elif key == "phone":
            row.phone = as_text(value, field=key, label="Phone", max_length=m.SHORT)
        elif key == "field_type":
            new_type = as_choice(value, m.FIELD_TYPES, field=key, label="Field type")
            if row.id is not None and new_type != row.field_type:
                used = session.execute(
                    select(m.CustomFieldValue.node_id).where(m.CustomFieldValue.field_id == row.id)
                ).first()
                if used is not None:
                    raise ValidationError(
                        f"“{row.name}” already has values, so its type cannot change.",
                        field=key,
                    )
            row.field_type = new_type
        elif key == "choices":
            row.choices = _choices(value)
        elif key == "applies_to":
            row.applies_to = as_choice(value, m.FIELD_APPLIES_TO, field=key, label="Applies to")
    if list_kind == "terms" and row.discount_days > row.net_days:
        raise ValidationError(
            "The discount period cannot be longer than the net days.", field="discount_days"
        )
    if list_kind == "custom_field" and row.field_type == "choice" and not row.choices:
        raise ValidationError("A choice list needs at least one choice.", field="choices")


# ------------------------------------------------------------------------ editing


def add_item(
    session: Session, *, list_kind: str, name: str, **fields: Unpack[ListItemFields]
) -> ListRecord:
    """Add an entry to an office list (``fields`` as `update_item` takes them)."""
    given: dict[str, Any] = dict(fields)  # those of the list kind, checked below
    kind = _kind(list_kind)
    if kind in _ADDED_BY_OWN_FUNCTION:
        _check_field_names(kind, given, _ADDED_BY_OWN_FUNCTION[kind])
    if kind == "job_type":
        return add_job_type(session, name=name, **given)
    if kind == "custom_field":
        field_type = given.pop("field_type", None)  # none given: refused as not a type
        return add_custom_field(session, name=name, field_type=field_type, **given)
    if kind == "employee":
        return add_employee(session, name=name, **given)
    model = _MODELS[kind]
    clean = _item_name(name, kind)
    _ensure_unique(session, kind, model.name, clean)
    row = model(name=clean)
    if hasattr(model, "sort_order"):
        row.sort_order = _next_order(session, model, kind)
    if model is m.ListItem:
        row.list_name = kind
    if kind == "terms":
        row.net_days, row.discount_days, row.discount_percent = 0, 0, Decimal(0)
    if kind == "tax_code":
        row.rate_percent, row.is_taxable = Decimal(0), True
    if kind == "payment_method":
        row.kind = "other"
    _set_fields(session, kind, row, given)
    session.add(row)
    session.flush()
    return _record(kind, row)


def add_job_type(session: Session, *, name: str, parent_id: int | None = None) -> JobTypeRecord:
    """Add a job type, at the top or under another (``Install`` › ``Furnace``)."""
    clean = _item_name(name, "job_type")
    parent = _load(session, "job_type", parent_id) if parent_id is not None else None
    full_name = f"{parent.full_name}:{clean}" if parent is not None else clean
    _ensure_unique(session, "job_type", m.JobType.full_name, full_name)
    row = m.JobType(name=clean, full_name=full_name, parent_id=parent.id if parent else None)
    session.add(row)
    session.flush()
    record = _record("job_type", row)
    assert isinstance(record, JobTypeRecord)
    return record


def add_custom_field(
    session: Session,
    *,
    name: str,
    field_type: str,
    choices: Sequence[str] | str | None = None,
    applies_to: str = "both",
) -> CustomFieldRecord:
    """Add a user-defined field: text, number, date, yes_no or choice (with ``choices``)."""
    clean = _item_name(name, "custom_field")
    _ensure_unique(session, "custom_field", m.CustomFieldDef.name, clean)
    row = m.CustomFieldDef(
        name=clean, sort_order=_next_order(session, m.CustomFieldDef, "custom_field")
    )
    _set_fields(
        session,
        "custom_field",
        row,
        {"field_type": field_type, "choices": choices, "applies_to": applies_to},
    )
    session.add(row)
    session.flush()
    record = _record("custom_field", row)
    assert isinstance(record, CustomFieldRecord)
    return record


def add_employee(
    session: Session,
    *,
    name: str,
    initials: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    is_sales_rep: bool = False,
    is_foreman: bool = False,
) -> EmployeeRecord:
    """Add an employee; sales reps and foremen are flagged as such."""
    clean = _item_name(name, "employee")
    _ensure_unique(session, "employee", m.Employee.name, clean)
    row = m.Employee(name=clean)
    _set_fields(
        session,
        "employee",
        row,
        {
            "initials": initials,
            "email": email,
            "phone": phone,
            "is_sales_rep": is_sales_rep,
            "is_foreman": is_foreman,
        },
    )
    session.add(row)
    session.flush()
    record = _record("employee", row)
    assert isinstance(record, EmployeeRecord)
    return record


def rename_item(session: Session, *, list_kind: str, item_id: int, name: str) -> ListRecord:
    """Rename a list entry; records that use it show the new name."""
    return update_item(session, list_kind=list_kind, item_id=item_id, name=name)


def set_item_active(session: Session, *, list_kind: str, item_id: int, active: bool) -> ListRecord:
    """Make a list entry active or inactive (records using it keep it)."""
    return update_item(session, list_kind=list_kind, item_id=item_id, is_active=active)


def update_item(
    session: Session,
    *,
    list_kind: str,
    item_id: int,
    expected_version: int | None = None,
    **changes: Unpack[ListItemChanges],
) -> ListRecord:
    """Change a list entry: ``name``, ``is_active`` and the fields of its kind."""
    kind = _kind(list_kind)
    row = _load(session, kind, item_id)
    nodes.check_version(row, expected_version, row.name)
    fields: dict[str, Any] = dict(changes)
    if "is_active" in fields:
        row.is_active = as_bool(fields.pop("is_active"), field="is_active", label="Active")
    if "name" in fields:
        new_name = _item_name(fields.pop("name"), kind)
        if new_name != row.name:
            if kind == "job_type":
                _rename_job_type(session, row, new_name)
            else:
                _ensure_unique(session, kind, _MODELS[kind].name, new_name, exclude_id=row.id)
                row.name = new_name
    _set_fields(session, kind, row, fields)
    nodes.flush(session, record_id=row.id, what=row.name)
    session.refresh(row)
    return _record(kind, row)


def reorder_items(session: Session, *, list_kind: str, item_ids: Sequence[int]) -> list[ListRecord]:
    """Put a list that has an order in the order given: ``item_ids`` holds every entry's id.

    One unit of work, so a move never leaves the list half reordered. Refuses (with a
    ConflictError) when the list gained or lost entries since ``item_ids`` was read.
    """
    kind = _kind(list_kind)
    model = _MODELS[kind]
    if not hasattr(model, "sort_order"):
        raise ValidationError(f"The {_LABELS[kind]} list is kept in name order.", field="list_kind")
    if (
        isinstance(item_ids, (str, bytes))
        or not isinstance(item_ids, Sequence)
        or any(not is_id(i) for i in item_ids)  # (``all`` is this module's service)
    ):
        raise ValidationError("Give the order as a list of ids.", field="item_ids")
    ids = list(item_ids)
    rows = {row.id: row for row in session.scalars(_ordered(kind))}
    if len(set(ids)) != len(ids) or set(ids) != set(rows):
        raise ConflictError(
            f"The {_LABELS[kind]} list was changed by someone else while you were sorting "
            "it. Its order was not saved; look at it again and move the entries once more."
        )
    for order, item_id in enumerate(ids):
        if rows[item_id].sort_order != order:
            rows[item_id].sort_order = order
    nodes.flush(session, what=f"The {_LABELS[kind]} list")
    return [_record(kind, rows[item_id]) for item_id in ids]


def _rename_job_type(session: Session, row: m.JobType, new_name: str) -> None:
    parent_full = row.full_name.rsplit(":", 1)[0] if row.parent_id is not None else None
    new_full = f"{parent_full}:{new_name}" if parent_full is not None else new_name
    _ensure_unique(session, "job_type", m.JobType.full_name, new_full, exclude_id=row.id)
    old_full = row.full_name
    row.name = new_name
    row.full_name = new_full
    nodes.flush(session, record_id=row.id, what=old_full)
    jt = m.JobType
    session.execute(
        update(jt)
        .where(jt.full_name >= old_full + ":", jt.full_name < old_full + ";")
        .values(
            full_name=literal(new_full, String()) + func.substr(jt.full_name, len(old_full) + 1),
            version=jt.version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    session.expire_all()
