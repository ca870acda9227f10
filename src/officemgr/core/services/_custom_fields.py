"""Custom fields of customers and jobs: values checked and stored as text, and read back.

A value is kept as text by its field's type: a number as its decimal digits, a date as
ISO, yes/no as "yes" or "no", a choice as one of the field's choices. Text goes through
`as_text` (a card number in it is kept as "card ending NNNN"); a number that is a card
number is refused, since its digits are all a number field can keep.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.inputs import as_bool, as_choice, as_date, as_text, is_id
from officemgr.core.validation import CARD_DATA_NOTICE, remove_card_data
from officemgr.errors import ValidationError


def _encode_custom(defn: m.CustomFieldDef, value: Any) -> str | None:
    field = f"custom_fields.{defn.id}"
    label = defn.name
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    kind = defn.field_type
    if kind == "text":
        return as_text(value, field=field, label=label, max_length=1000)
    if kind == "number":
        if isinstance(value, bool):
            raise ValidationError(f"{label} must be a number.", field=field)
        try:
            text = value.strip().replace(",", "") if isinstance(value, str) else value
            number = Decimal(str(text)) if isinstance(text, float) else Decimal(text)
        except (InvalidOperation, ValueError, TypeError):
            raise ValidationError(f"{label} must be a number.", field=field) from None
        if not number.is_finite():
            raise ValidationError(f"{label} must be a number.", field=field)
        # Stored as its digits, a card number would be kept whole: refused instead. (Only
        # a number with 13 to 19 digits before the point can be one; "1e999999" is not
        # written out.)
        if 12 <= number.adjusted() <= 18 and remove_card_data(f"{number:f}").cards:
            raise ValidationError(
                f"{label} looks like a card number. {CARD_DATA_NOTICE}", field=field
            )
        return str(number)
    if kind == "date":
        day = as_date(value, field=field, label=label)
        return day.isoformat() if day else None
    if kind == "yes_no":
        if isinstance(value, str):
            answer = value.strip().casefold()
            if answer in ("yes", "y", "true"):
                return "yes"
            if answer in ("no", "n", "false"):
                return "no"
        return "yes" if as_bool(value, field=field, label=label) else "no"
    choices = choice_list(defn.choices)
    return as_choice(value, choices, field=field, label=label)


def decode_custom(field_type: str, text: str | None) -> Any:
    """A stored custom value as Python: Decimal, date, bool or str."""
    if text is None:
        return None
    try:
        if field_type == "number":
            return Decimal(text)
        if field_type == "date":
            return date.fromisoformat(text)
    except (InvalidOperation, ValueError):
        return text
    if field_type == "yes_no":
        return text == "yes"
    return text


def choice_list(text: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def custom_text(
    defn: m.CustomFieldDef | None, field_id: int, value: Any, *, is_job: bool
) -> str | None:
    """The stored text of custom field ``field_id`` (defined by ``defn``) given ``value``
    on a customer or job, checked; None clears it."""
    if defn is None:
        raise ValidationError(
            "That custom field no longer exists.", field=f"custom_fields.{field_id}"
        )
    if defn.applies_to == ("customer" if is_job else "job"):
        raise ValidationError(
            f"“{defn.name}” is a field for {defn.applies_to}s only.",
            field=f"custom_fields.{field_id}",
        )
    return _encode_custom(defn, value)


def set_custom_values(session: Session, node: m.CustomerJob, values: Any, *, is_job: bool) -> None:
    if not isinstance(values, Mapping):
        raise ValidationError(
            "Custom fields are given as {field id: value}.", field="custom_fields"
        )
    if not values:
        return
    ids = list(values)
    if not all(is_id(i) for i in ids):  # ints SQLite can hold; others name no field
        raise ValidationError(
            "Custom fields are given as {field id: value}.", field="custom_fields"
        )
    defs = {
        d.id: d
        for d in session.scalars(select(m.CustomFieldDef).where(m.CustomFieldDef.id.in_(ids)))
    }
    current = {v.field_id: v for v in node.custom_values}
    for field_id, value in values.items():
        text = custom_text(defs.get(field_id), field_id, value, is_job=is_job)
        row = current.get(field_id)
        if text is None:
            if row is not None:
                node.custom_values.remove(row)
        elif row is None:
            node.custom_values.append(m.CustomFieldValue(field_id=field_id, value=text))
        elif row.value != text:
            row.value = text
