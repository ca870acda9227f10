"""What the Merge dialog puts side by side: the fields where two customers differ.

Plain records in, plain rows out (no widgets). A row is a field both customers have a
value for, and different values: the user picks a side. A field only the merged customer
has is filled in anyway (the merge's rule), so it is listed apart, without a choice.
The card's fields are one row (one card's brand with another's last four would describe
no card), and so are the custom fields (they are taken together).
"""

from __future__ import annotations

from dataclasses import dataclass

from officemgr.core.records import NodeDetail, OfficeLists
from officemgr.ui.customers.field_compare import CUSTOM, FIELD_LABELS, shown_values

__all__ = ["MergeRow", "compare_for_merge"]

# Not chosen in a merge: the opening balances are added, a hold is carried over, and a
# customer has no parent or Job Info.
_NOT_CHOSEN = frozenset(
    {"parent", "opening_balance", "opening_balance_date", "credit_hold", "credit_hold_reason"}
)
_CARD_PARTS = ("card_number", "card_exp_month", "card_exp_year", "is_debit_card", "card_holder")


@dataclass(frozen=True)
class MergeRow:
    """One field: its ``take`` name, its label, and how each customer shows it."""

    field: str
    label: str
    kept: str
    merged: str


def compare_for_merge(
    kept: NodeDetail, merged: NodeDetail, lists: OfficeLists | None
) -> tuple[list[MergeRow], list[MergeRow]]:
    """(the rows to choose — both sides set and different —, the rows filled from the
    merged customer because the kept one has nothing there)."""
    mine, theirs = _grouped(shown_values(kept, lists)), _grouped(shown_values(merged, lists))
    choose: list[MergeRow] = []
    filled: list[MergeRow] = []
    for field, label in _labels(mine, theirs):
        a, b = mine.get(field, ""), theirs.get(field, "")
        if a == b or not b.strip():
            continue
        row = MergeRow(field, label, a, b)
        (choose if a.strip() else filled).append(row)
    return choose, filled


def _grouped(values: dict[str, str]) -> dict[str, str]:
    """The card's fields as one "card" value, the custom fields as one "custom_fields"."""
    out = {k: v for k, v in values.items() if k not in _NOT_CHOSEN}
    card = [out.pop(part, "") for part in _CARD_PARTS]
    out["card"] = " · ".join(part for part in card if part and part != "No")
    custom = sorted(key for key in out if key.startswith(CUSTOM))
    out["custom_fields"] = "; ".join(out[key] for key in custom if out[key])
    for key in custom:
        del out[key]
    return out


def _labels(mine: dict[str, str], theirs: dict[str, str]) -> list[tuple[str, str]]:
    ordered = [key for key in FIELD_LABELS if key in mine or key in theirs]
    ordered += [key for key in ("card", "custom_fields") if key not in ordered]
    names = {**FIELD_LABELS, "card": "Payment card", "custom_fields": "Custom fields"}
    return [(key, names.get(key, key)) for key in ordered if key not in _NOT_CHOSEN]
