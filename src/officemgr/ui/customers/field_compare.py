"""The comparison behind the conflict dialog: which fields of a customer or job someone
else changed (the record as this form read it → as it is in the file now), which this
form changed (its ``changes()``), and which both changed — all as the user reads them.

Values are compared as the form shows them (a phone formatted, a list entry by name),
so a change nobody can see is not listed. Plain records in, plain rows out: no widgets.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from officemgr.core.records import NodeDetail, OfficeLists
from officemgr.ui.customers import address_tab, job_tab, payment_tab
from officemgr.ui.customers.additional_tab import LIST_COMBOS
from officemgr.ui.customers.fields import money_text, shown_phone

# The form's fields in the order the tabs show them, as the user knows them.
FIELD_LABELS: dict[str, str] = {
    # Address Info
    "name": "Name",
    "parent": "Parent",
    "salutation": "Salutation",
    "company_name": "Company",
    "first_name": "First name",
    "middle_initial": "M.I.",
    "last_name": "Last name",
    "pronounced": "Pronounced",
    "website": "Website",
    "alt_contact_name": "Alt. contact",
    "preferred_contact": "Preferred contact",
    "phone": "Phone",
    "alt_phone": "Alt. phone",
    "cell": "Cell",
    "fax": "Fax",
    "email": "Email",
    "cc_email": "Cc email",
    "bill_to": "Bill To",
    "work_same_as_bill_to": "Work address same as Bill To",
    "work": "Work address",
    # Additional Info
    "customer_type_id": "Customer type",
    "terms_id": "Terms",
    "sales_rep_id": "Rep",
    "inside_rep_id": "Inside rep",
    "department_id": "Department",
    "marketing_source_id": "Marketing source",
    "tax_code_id": "Tax code",
    "price_level_id": "Price level",
    "resale_number": "Resale number",
    "is_prospect": "Prospect",
    "notepad": "Notepad",
    # Payment Info
    "account_number": "Account no.",
    "ar_account": "A/R account",
    "card_holder": "Card holder",
    "billing_postal_code": "Billing ZIP",
    "credit_limit": "Credit limit",
    "opening_balance": "Opening balance",
    "opening_balance_date": "Opening balance as of",
    "payment_method_id": "Preferred payment",
    "card_number": "Card number",
    "card_exp_month": "Card expires (month)",
    "card_exp_year": "Card expires (year)",
    "is_debit_card": "Debit card",
    # Job Info
    "title": "Job title",
    "description": "Description",
    "job_type_id": "Job type",
    "status": "Status",
    "foreman_id": "Foreman",
    "start_date": "Start date",
    "projected_end_date": "Projected end",
    "completion_date": "Completed",
    "projected_total": "Projected total",
    "details": "Job details",
}
CUSTOM = "custom_fields."  # a user-defined field's key: "custom_fields.<its id>"
_MONEY = ("credit_limit", "opening_balance", "projected_total")
_TEXT = (*address_tab.TEXT_FIELDS, *payment_tab.TEXT_FIELDS, "salutation", "resale_number")
_CONTACT_METHODS = {value: text for text, value in address_tab.CONTACT_METHODS}
# form field -> the office list its id comes from
_LISTS = {
    **LIST_COMBOS,
    "payment_method_id": "payment_methods",
    "job_type_id": "job_types",
    "foreman_id": "employees",
}


@dataclass(frozen=True)
class FieldChange:
    """One row of the comparison; ``theirs``/``mine`` are None where that side left it."""

    field: str
    label: str
    was: str
    theirs: str | None
    mine: str | None

    @property
    def both(self) -> bool:
        return self.theirs is not None and self.mine is not None

    @property
    def conflict(self) -> bool:
        """Both changed it, to different values: Keep Mine replaces theirs."""
        return self.both and self.theirs != self.mine


def compare(
    was: NodeDetail, now: NodeDetail, mine: dict[str, Any], lists: OfficeLists | None
) -> list[FieldChange]:
    """The fields they changed (``was`` → ``now``) and those in ``mine`` (the form's
    ``changes()``), in the form's order; both compared as the form shows them."""
    before = shown_values(was, lists)
    after = shown_values(now, lists)
    typed = dict(_mine_texts(mine, lists))
    rows: list[FieldChange] = []
    for field in [*before, *(f for f in typed if f not in before)]:
        old = before.get(field, "")
        theirs = after.get(field, "")
        rows.append(
            FieldChange(
                field=field,
                label=label_of(field, lists),
                was=old,
                theirs=theirs if theirs != old else None,
                mine=typed.get(field),
            )
        )
    return [row for row in rows if row.theirs is not None or row.mine is not None]


def label_of(field: str, lists: OfficeLists | None) -> str:
    if field.startswith(CUSTOM):
        wanted = int(field.removeprefix(CUSTOM))
        for record in lists.custom_fields if lists is not None else ():
            if record.id == wanted:
                return record.name
        return "User-defined field"
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


def shown_values(d: NodeDetail, lists: OfficeLists | None) -> dict[str, str]:
    """Every field the form edits, as text, the way the form shows ``d``."""
    out: dict[str, str] = {"name": d.name}
    if d.kind == "job":
        out["parent"] = d.parent_full_name or ""
    for field in _TEXT:
        out[field] = getattr(d, field) or ""
    out["preferred_contact"] = _CONTACT_METHODS.get(d.preferred_contact, d.preferred_contact)
    for field in address_tab.PHONES:
        out[field] = shown_phone(getattr(d, field))
    for field in address_tab.EMAILS:
        record = getattr(d, field)
        out[field] = record.address if record is not None else ""
    out["bill_to"] = address_text(d.bill_to.as_dict() if d.bill_to else None)
    out["work_same_as_bill_to"] = yes_no(d.work_same_as_bill_to)
    out["work"] = address_text(d.work.as_dict() if d.work else None)
    for field in LIST_COMBOS:
        out[field] = list_name(lists, field, getattr(d, field))
    if d.kind == "customer":
        out["is_prospect"] = yes_no(d.is_prospect)
    out["notepad"] = (d.notepad or "").strip()
    for record in lists.custom_fields if lists is not None else ():
        value = d.custom_fields.get(record.id)
        out[f"{CUSTOM}{record.id}"] = custom_text(value, record.field_type)
    out["credit_limit"] = money_text(d.credit_limit)
    out["opening_balance"] = money_text(d.opening_balance)
    out["opening_balance_date"] = date_text(d.opening_balance_date)
    out["payment_method_id"] = list_name(lists, "payment_method_id", d.payment_method_id)
    out["card_number"] = payment_tab.masked(d.card_last4)
    out["card_exp_month"] = str(d.card_exp_month or "")
    out["card_exp_year"] = str(d.card_exp_year or "")
    out["is_debit_card"] = yes_no(d.is_debit_card)
    if d.kind == "job":
        out.update(_job_values(d))
    return out


def _job_values(d: NodeDetail) -> Iterator[tuple[str, str]]:
    info = d.job_info
    if info is None:
        yield from ((f, "None" if f == "status" else "") for f in _JOB_FIELDS)
        return
    yield "title", info.title or ""
    yield "description", info.description or ""
    yield "job_type_id", info.job_type_name or ""
    yield "status", info.status or "None"
    yield "foreman_id", info.foreman_name or ""
    for field in job_tab.DATE_FIELDS:
        yield field, date_text(getattr(info, field))
    yield "projected_total", money_text(info.projected_total)
    yield "details", (info.details or "").strip()


_JOB_FIELDS = (
    "title",
    "description",
    "job_type_id",
    "status",
    "foreman_id",
    *job_tab.DATE_FIELDS,
    "projected_total",
    "details",
)


def _mine_texts(mine: dict[str, Any], lists: OfficeLists | None) -> Iterator[tuple[str, str]]:
    """The form's ``changes()`` as text, in the same shape as `shown_values`."""
    types = {r.id: r.field_type for r in (lists.custom_fields if lists is not None else ())}
    for field, value in mine.items():
        if field == "custom_fields":
            for fid, custom in value.items():
                yield f"{CUSTOM}{fid}", custom_text(custom, types.get(fid, "text"))
        elif field in ("bill_to", "work"):
            yield field, address_text(value)
        elif field in _LISTS:
            yield field, list_name(lists, field, value)
        elif field == "preferred_contact":
            yield field, _CONTACT_METHODS.get(value, str(value))
        elif field in _MONEY:
            yield field, _typed_money(value)
        elif field == "card_number":
            yield field, payment_tab.masked(str(value)[-4:]) if value else ""
        elif field in ("notepad", "details"):
            yield field, (value or "").strip()
        else:
            yield field, value_text(value)


def _typed_money(value: Any) -> str:
    if isinstance(value, Decimal) or value is None:
        return money_text(value)
    return str(value)  # shown as typed (Unreadable); the save says what is wrong with it


def value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, date):
        return date_text(value)
    return str(value)


def custom_text(value: Any, field_type: str) -> str:
    if field_type == "yes_no":
        return yes_no(bool(value))
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return value_text(value)


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def date_text(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def address_text(parts: Mapping[str, object] | None) -> str:
    """The parts that are filled in, on one line: "12 Oak St, Dayton, OH 45402, US"."""
    if not parts:
        return ""
    text = {key: str(parts.get(key) or "") for key in address_tab.ADDRESS_PARTS}
    place = " ".join(p for p in (text["region"], text["postal_code"]) if p)
    pieces = (text["line1"], text["line2"], text["city"], place, text["country"])
    return ", ".join(p for p in pieces if p)


def list_name(lists: OfficeLists | None, field: str, item_id: Any) -> str:
    if item_id is None:
        return ""
    records: Iterable[Any] = getattr(lists, _LISTS[field], ()) if lists is not None else ()
    for record in records:
        if record.id == item_id:
            return str(getattr(record, "full_name", None) or record.name)
    return f"#{item_id}"  # an entry removed since: still say which one it was
