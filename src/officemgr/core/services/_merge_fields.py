"""Merge: which value of each field the kept customer ends with, and a note of the rest.

Not a service module: `merge.merge` builds on it. The rule for every field is the same:
a field named in ``take`` gets the merged customer's value (even an empty one: the user
chose that side); any other keeps the kept customer's value, unless that is empty and the
merged one's is not, when it is filled in. Every value that is left behind — the merged
customer's that lost, the kept one's that a ``take`` replaced — is written into the
System log entry (`MergeNotes`), so that a merge loses nothing a person cannot read back.

Phones and e-mails are rows, not columns: the merged customer's are moved over where the
kept one has none of that kind, dropped where the kept one has the same number or
address, and otherwise kept on a contact named after the merged customer, so that caller
ID still finds them (`merge_numbers`, `keep_on_contact`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import Table

from officemgr.core import models as m
from officemgr.core.inputs import shown
from officemgr.core.services import _billing as billing
from officemgr.core.services import _nodes as nodes
from officemgr.core.services._contact_details import ADDRESS_PARTS
from officemgr.errors import ValidationError

CARD = "card"
CARD_FIELDS = (
    "card_holder",
    "card_brand",
    "card_last4",
    "card_exp_month",
    "card_exp_year",
    "billing_postal_code",
    "is_debit_card",
)
# Columns chosen one by one (the card's go together: one card's brand with another's
# last four would describe no card at all).
SCALAR_FIELDS: dict[str, str] = {
    **{key: label for key, (label, _, _) in nodes.TEXT_FIELDS.items() if key not in CARD_FIELDS},
    **{key: label for key, (_, label) in nodes.REF_FIELDS.items()},
    "account_number": "Account number",
    "credit_limit": "Credit limit",
}
PHONE_KIND_FIELDS = {kind: key for key, (kind, _, _) in nodes.PHONE_FIELDS.items()}
EMAIL_KIND_FIELDS = {kind: key for key, (kind, _, _) in nodes.EMAIL_FIELDS.items()}
TAKEABLE: dict[str, str] = {
    "name": "Name",
    **SCALAR_FIELDS,
    **{key: label for key, (_, label, _) in nodes.PHONE_FIELDS.items()},
    **{key: label for key, (_, label, _) in nodes.EMAIL_FIELDS.items()},
    **nodes.ADDRESS_FIELDS,
    "preferred_contact": "Preferred contact method",
    "work_same_as_bill_to": nodes.BOOL_FIELDS["work_same_as_bill_to"],
    "is_active": nodes.BOOL_FIELDS["is_active"],
    "is_prospect": nodes.BOOL_FIELDS["is_prospect"],
    CARD: "Payment card",
    "card_number": "Payment card",
    **dict.fromkeys(CARD_FIELDS, "Payment card"),
    "custom_fields": "Custom fields",
}
_ADDED = "The opening balances of both customers are added together, so neither is chosen."
_HOLD = (
    "A credit hold is not chosen: a merged customer's hold is carried over, and a hold is "
    "released with its own command."
)
NOT_TAKEABLE = {
    "opening_balance": _ADDED,
    "opening_balance_date": _ADDED,
    "credit_hold": _HOLD,
    "credit_hold_reason": _HOLD,
}
PART_SEPARATOR = ", "


def check_take(take: Any) -> frozenset[str]:
    """The fields named in ``take`` (a card field stands for the whole card), or a
    ValidationError saying what is wrong with it."""
    if take is None:
        return frozenset()
    if isinstance(take, (str, bytes)) or not isinstance(take, (Sequence, Set)):
        raise ValidationError(
            "Give the fields to take from the merged customer as a list of field names.",
            field="take",
        )
    chosen: set[str] = set()
    for name in take:
        if not isinstance(name, str):
            raise ValidationError(
                "Name the fields to take from the merged customer, such as “phone”.",
                field="take",
            )
        if name in NOT_TAKEABLE:
            raise ValidationError(NOT_TAKEABLE[name], field="take")
        if name not in TAKEABLE:
            raise ValidationError(
                f"“{shown(name)}” is not a field that can be taken from the merged customer.",
                field="take",
            )
        chosen.add(CARD if name in CARD_FIELDS or name == "card_number" else name)
    return frozenset(chosen)


# ----------------------------------------------------------------------- the notes


@dataclass
class MergeNotes:
    """What the System entry says about the fields: labels and values, in words."""

    taken: list[str] = field(default_factory=list)  # labels taken from the merged one
    filled: list[str] = field(default_factory=list)  # empty here, filled from the merged
    replaced: list[str] = field(default_factory=list)  # "Label: value" this one had
    not_kept: list[str] = field(default_factory=list)  # "Label: value" the merged one had
    sentences: list[str] = field(default_factory=list)

    def choose(
        self, label: str, *, taken: bool, mine: Any, theirs: Any, text: Callable[[Any], str]
    ) -> bool:
        """Whether the merged customer's value wins; notes whatever is left behind."""
        if taken:
            self.taken.append(label)
            if not is_empty(mine) and mine != theirs:
                self.replaced.append(f"{label}: {text(mine)}")
            return True
        if is_empty(mine) and not is_empty(theirs):
            self.filled.append(label)
            return True
        if not is_empty(theirs) and mine != theirs:
            self.not_kept.append(f"{label}: {text(theirs)}")
        return False


def is_empty(value: Any) -> bool:
    """An empty field (no text, no value, an unticked box, a card of nothing) is filled
    from the merged customer rather than kept."""
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, tuple):
        return all(is_empty(part) for part in value)
    return value is None or value is False


def _plain(value: Any) -> str:
    return str(value)


# --------------------------------------------------------------------- the columns


def snapshot(node: m.CustomerJob) -> dict[str, Any]:
    """The merged customer's column values, read before it is deleted."""
    return {column.key: getattr(node, column.key) for column in m.table(m.CustomerJob).columns}


def _value_text(session: Session, column: str) -> Callable[[Any], str]:
    """How a value of ``column`` reads in the log: a list entry by its name, money as the
    office writes it."""
    if column in nodes.REF_FIELDS:
        target, _label = nodes.REF_FIELDS[column]
        model: type[m.Base] = m.ListItem if isinstance(target, str) else target

        def named(ref: Any) -> str:
            row = session.get(model, ref)
            return str(getattr(row, "name", ref))

        return named
    if column == "credit_limit":
        return lambda amount: billing.amount_text(session, amount)
    return _plain


def apply_columns(
    session: Session, kept: m.CustomerJob, source: Mapping[str, Any], taken: Set[str]
) -> MergeNotes:
    """Set the kept customer's columns from ``source`` (the merged one's snapshot)."""
    notes = MergeNotes()
    for column, label in SCALAR_FIELDS.items():
        use = notes.choose(
            label,
            taken=column in taken,
            mine=getattr(kept, column),
            theirs=source[column],
            text=_value_text(session, column),
        )
        if use:
            setattr(kept, column, source[column])
    mine_card = tuple(getattr(kept, key) for key in CARD_FIELDS)
    theirs_card = tuple(source[key] for key in CARD_FIELDS)
    if notes.choose(
        "Payment card", taken=CARD in taken, mine=mine_card, theirs=theirs_card, text=_card_text
    ):
        for key in CARD_FIELDS:
            setattr(kept, key, source[key])
    for flag in ("preferred_contact", "is_active", "is_prospect"):
        if flag in taken:
            notes.taken.append(TAKEABLE[flag])
            setattr(kept, flag, source[flag])
    if "is_prospect" not in taken and kept.is_prospect and not source["is_prospect"]:
        kept.is_prospect = False  # the merged one was a customer: so is the whole record
        notes.sentences.append("This record is no longer a prospect: the merged one was not.")
    return notes


def _card_text(card: Any) -> str:
    holder, brand, last4 = card[0], card[1], card[2]
    words = [w for w in (brand, f"ending {last4}" if last4 else None, holder) if w]
    return " ".join(words) or "a card"


def combine_money(
    session: Session, kept: m.CustomerJob, source: Mapping[str, Any], notes: MergeNotes
) -> None:
    """Add the opening balances together and carry a credit hold over.

    The stored balances already hold the merged customer's opening balance (it is part of
    what moves, see `_merge_moves.move_own_balance`); this is the record of it. With both
    dated, the earlier date counts for the sum.
    """
    theirs: Decimal = source["opening_balance"] or Decimal(0)
    if theirs:
        mine: Decimal = kept.opening_balance or Decimal(0)
        dates: list[date | None] = [source["opening_balance_date"]]
        if mine:
            dates.append(kept.opening_balance_date)
        known = [day for day in dates if day is not None]
        kept.opening_balance = mine + theirs
        # Undated counts always (see balances.opening_counts): so does an undated part.
        kept.opening_balance_date = min(known) if len(known) == len(dates) else None
        notes.sentences.append(
            f"Its opening balance of {billing.amount_text(session, theirs)} was added to "
            "this customer's."
        )
    if source["credit_hold"] and not kept.credit_hold:
        for key in ("credit_hold", "credit_hold_reason", "credit_hold_at", "credit_hold_by"):
            setattr(kept, key, source[key])
        notes.sentences.append(
            f"Its credit hold was carried over (reason: {source['credit_hold_reason'] or '—'})."
        )


# -------------------------------------------------------------------- the addresses


def _address_parts(row: Any) -> tuple[str | None, ...] | None:
    return None if row is None else tuple(getattr(row, part) for part in ADDRESS_PARTS)


def _address_text(parts: Any) -> str:
    return PART_SEPARATOR.join(p for p in parts if p)


def merge_addresses(
    session: Session, kept_id: int, merged_id: int, taken: Set[str], notes: MergeNotes
) -> set[str]:
    """Move the merged customer's Bill To and Work addresses where chosen or missing;
    returns the kinds moved (the work address brings its "same as Bill To" along)."""
    table = m.table(m.Address)
    rows = session.execute(select(table).where(table.c.owner_id.in_([kept_id, merged_id]))).all()
    moved: set[str] = set()
    for kind, label in nodes.ADDRESS_FIELDS.items():
        mine = next((r for r in rows if r.owner_id == kept_id and r.kind == kind), None)
        theirs = next((r for r in rows if r.owner_id == merged_id and r.kind == kind), None)
        if not notes.choose(
            label,
            taken=kind in taken,
            mine=_address_parts(mine),
            theirs=_address_parts(theirs),
            text=_address_text,
        ):
            continue
        moved.add(kind)
        if mine is not None:
            session.execute(delete(table).where(table.c.id == mine.id))
        if theirs is not None:
            session.execute(
                update(table)
                .where(table.c.id == theirs.id)
                .values(owner_id=kept_id, version=table.c.version + 1)
            )
    return moved


# ------------------------------------------------------------ phones and e-mails


@dataclass(frozen=True)
class _Numbers:
    """A phones or e-mails table, the form field of each kind, and how a row reads."""

    table: Table
    kind_fields: Mapping[str, str]
    key: Callable[[Any], str]  # the same number or address gives the same key
    text: Callable[[Any], str]


PHONES = _Numbers(
    m.table(m.Phone),
    PHONE_KIND_FIELDS,
    key=lambda row: row.digits_key or " ".join(row.as_typed.casefold().split()),
    text=lambda row: row.as_typed,
)
EMAILS = _Numbers(
    m.table(m.Email),
    EMAIL_KIND_FIELDS,
    key=lambda row: row.normalized or row.address.strip().casefold(),
    text=lambda row: row.address,
)


def merge_numbers(
    session: Session,
    numbers: _Numbers,
    kept_id: int,
    merged_id: int,
    taken: Set[str],
    notes: MergeNotes,
) -> list[int]:
    """Move the merged customer's phones (or e-mails) over as the module says; returns
    the ids of those that found no place (the kept one has another of that kind)."""
    table = numbers.table
    rows = session.execute(
        select(table).where(table.c.owner_id.in_([kept_id, merged_id])).order_by(table.c.position)
    ).all()
    mine = [r for r in rows if r.owner_id == kept_id]
    theirs = [r for r in rows if r.owner_id == merged_id]
    for kind, key in numbers.kind_fields.items():
        if key in taken:
            notes.taken.append(TAKEABLE[key])
            for row in [r for r in mine if r.kind == kind]:
                if all(numbers.key(row) != numbers.key(t) for t in theirs if t.kind == kind):
                    notes.replaced.append(f"{TAKEABLE[key]}: {numbers.text(row)}")
                session.execute(delete(table).where(table.c.id == row.id))
                mine.remove(row)
    moving = [r for r in theirs if numbers.kind_fields.get(r.kind) in taken]
    leftover: list[int] = []
    for row in theirs:
        if row in moving:
            continue
        if any(numbers.key(row) == numbers.key(other) for other in mine + moving):
            continue  # the same number or address is on the kept customer already
        if any(other.kind == row.kind for other in mine + moving):
            leftover.append(row.id)
            continue
        moving.append(row)
        form_field = numbers.kind_fields.get(row.kind)
        notes.filled.append(
            TAKEABLE[form_field] if form_field else f"{numbers.text(row)} ({row.kind})"
        )
    if moving:
        session.execute(
            update(table)
            .where(table.c.id.in_([r.id for r in moving]))
            .values(owner_id=kept_id, version=table.c.version + 1)
        )
    return leftover


def keep_on_contact(
    session: Session, kept_id: int, merged_name: str, phone_ids: list[int], email_ids: list[int]
) -> str | None:
    """Put phones and e-mails that found no place on the kept customer on a new contact
    named after the merged customer; returns its name (None when there were none)."""
    if not phone_ids and not email_ids:
        return None
    contacts = m.table(m.Contact)
    position = session.execute(
        select(func.coalesce(func.max(contacts.c.position) + 1, 0)).where(
            contacts.c.owner_id == kept_id
        )
    ).scalar_one()
    name = merged_name[: m.NAME_LENGTH]
    contact = m.Contact(
        owner_id=kept_id,
        name=name,
        role="Merged customer",
        notes=f"The phones and e-mails of “{merged_name}”, merged into this customer.",
        position=position,
    )
    session.add(contact)
    session.flush()
    for numbers, ids in ((PHONES, phone_ids), (EMAILS, email_ids)):
        if ids:
            table = numbers.table
            session.execute(
                update(table)
                .where(table.c.id.in_(ids))
                .values(owner_id=None, contact_id=contact.id, version=table.c.version + 1)
            )
    return name


# --------------------------------------------------------------------- custom fields


def merge_custom_values(
    session: Session, kept_id: int, merged_id: int, taken: Set[str], notes: MergeNotes
) -> None:
    """Move the merged customer's custom field values: the kept one's win, unless
    ``custom_fields`` was taken; the value that lost is noted with its field's name."""
    values = m.table(m.CustomFieldValue)
    from_merged = values.c.node_id == merged_id
    kept_value = values.alias("kept_value")
    kept_has = exists().where(
        kept_value.c.node_id == kept_id, kept_value.c.field_id == values.c.field_id
    )
    use_theirs = "custom_fields" in taken
    for name, mine, theirs in _differing_values(session, kept_id, merged_id):
        if use_theirs:
            notes.replaced.append(f"{name}: {mine}")
        else:
            notes.not_kept.append(f"{name}: {theirs}")
    if use_theirs:
        notes.taken.append(TAKEABLE["custom_fields"])
        merged_fields = select(values.c.field_id).where(from_merged)
        session.execute(
            delete(values).where(values.c.node_id == kept_id, values.c.field_id.in_(merged_fields))
        )
    session.execute(
        update(values)
        .where(from_merged, ~kept_has)
        .values(node_id=kept_id, version=values.c.version + 1)
    )


def _differing_values(session: Session, kept_id: int, merged_id: int) -> list[Any]:
    """(field name, kept value, merged value) of the fields both have, set differently."""
    defs = m.table(m.CustomFieldDef)
    values = m.table(m.CustomFieldValue)
    mine, theirs = values.alias("mine"), values.alias("theirs")
    return list(
        session.execute(
            select(defs.c.name, mine.c.value, theirs.c.value)
            .join(mine, mine.c.field_id == defs.c.id)
            .join(theirs, theirs.c.field_id == defs.c.id)
            .where(
                mine.c.node_id == kept_id,
                theirs.c.node_id == merged_id,
                mine.c.value.is_distinct_from(theirs.c.value),
            )
            .order_by(defs.c.sort_order, defs.c.name)
        ).all()
    )
