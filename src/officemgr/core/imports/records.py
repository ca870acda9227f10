"""What a reader makes of an import file: customers and jobs by name, and problems.

Readers (``iif``, ``tables``) never look at a company file: a node refers to its parent,
its customer type, terms, rep, tax code and job type by *name*; the import service finds
or creates them. Every node and problem carries the line it came from, so the preview
can show the line number and the raw text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal, cast

from officemgr.core.fields import AddressParts

__all__ = [
    "LIST_REFERENCES",
    "NODE_VALUES",
    "ON_DUPLICATE",
    "ContactIn",
    "DuplicateOf",
    "ImportReport",
    "NodeIn",
    "OnDuplicate",
    "ParsedFile",
    "Problem",
    "RowAction",
    "RowChoice",
    "RowOutcome",
    "Severity",
    "SourceFormat",
    "cut_raw",
]

SourceFormat = Literal["iif", "csv", "xlsx"]
Severity = Literal["error", "warning"]

RAW_LIMIT = 200  # characters of a line kept to show beside its problem


def cut_raw(text: str) -> str:
    """A line's text as a problem shows it: one line, at most `RAW_LIMIT` characters."""
    one_line = text.replace("\r", " ").replace("\n", " ").replace("\t", " ⇥ ")
    return one_line if len(one_line) <= RAW_LIMIT else one_line[: RAW_LIMIT - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """Something wrong with one line (``line`` 0: the whole file), said for the user.

    An "error" keeps the line out of the import; a "warning" imports it anyway (say a
    sub-job whose parent is missing, made a customer).
    """

    line: int
    message: str
    raw: str = ""
    severity: Severity = "error"


@dataclass(frozen=True)
class ContactIn:
    """A contact person of a customer or job (IIF ``CONT1``/``CONT2``, a CSV column)."""

    name: str
    phone: str | None = None
    email: str | None = None


# The node fields a reader may fill, with the Python type of their value; the import
# service passes them to ``customers.add``/``jobs.add``/``update`` as they are.
NODE_VALUES: Mapping[str, type | tuple[type, ...]] = {
    "company_name": str,
    "salutation": str,
    "first_name": str,
    "middle_initial": str,
    "last_name": str,
    "phone": str,
    "alt_phone": str,
    "cell": str,
    "fax": str,
    "email": str,
    "cc_email": str,
    "website": str,
    "account_number": str,
    "resale_number": str,
    "notepad": str,
    "bill_to": dict,  # AddressParts
    "work": dict,  # AddressParts
    "credit_limit": Decimal,
    "is_active": bool,
    # jobs
    "description": str,
    "status": str,  # one of core.choices.JOB_STATUSES
    "start_date": date,
    "projected_end_date": date,
    "completion_date": date,
}

# List entries a node names; the service finds each by name or creates it.
# "job_type" is a ``Type:Subtype`` path; "tax_code" a sales tax code's name.
LIST_REFERENCES = ("customer_type", "terms", "sales_rep", "tax_code", "job_type")


@dataclass(frozen=True)
class NodeIn:
    """One customer (``path`` of one name) or job (its customer's and parents' names first).

    ``values`` holds `NODE_VALUES` fields; ``lists`` the `LIST_REFERENCES` by name;
    ``custom`` custom field values by the field's label; ``taxable`` whether sales tax
    applies (None: not said).
    """

    line: int
    raw: str
    path: tuple[str, ...]
    values: Mapping[str, object] = field(default_factory=dict)
    lists: Mapping[str, str] = field(default_factory=dict)
    contacts: tuple[ContactIn, ...] = ()
    custom: Mapping[str, str] = field(default_factory=dict)
    taxable: bool | None = None

    @property
    def full_name(self) -> str:
        return ":".join(self.path)

    @property
    def is_customer(self) -> bool:
        return len(self.path) == 1

    def address(self, name: str) -> AddressParts | None:
        value = self.values.get(name)
        return cast(AddressParts, value) if isinstance(value, dict) else None


@dataclass(frozen=True)
class ParsedFile:
    """Everything a reader found in a file: the nodes in file order, the problems (in
    line order), and the lines of sections it does not import, counted by section."""

    format: SourceFormat
    nodes: tuple[NodeIn, ...]
    problems: tuple[Problem, ...] = ()
    skipped: Mapping[str, int] = field(default_factory=dict)


# --------------------------------------------------------------- what an import does

OnDuplicate = Literal["skip", "update", "create"]
ON_DUPLICATE: tuple[OnDuplicate, ...] = ("skip", "update", "create")
RowChoice = Literal["skip", "fill", "overwrite", "create"]
RowAction = Literal["create", "update", "unchanged", "skip", "refused"]


@dataclass(frozen=True)
class DuplicateOf:
    """An existing record a new row may be the same as, and why it is thought so."""

    node_id: int
    full_name: str
    reason: str  # "same phone", "same email"


@dataclass(frozen=True)
class RowOutcome:
    """What the import does (or did) with one row of the file."""

    line: int
    raw: str
    full_name: str
    kind: Literal["customer", "job"]
    action: RowAction
    node_id: int | None = None  # the record created, updated or left as it was
    changed: tuple[str, ...] = ()  # the fields an update writes
    duplicates: tuple[DuplicateOf, ...] = ()
    message: str = ""


@dataclass(frozen=True)
class ImportReport:
    """The outcome of a preview or an import, row by row, with the file's problems."""

    format: str
    rows: tuple[RowOutcome, ...]
    problems: tuple[Problem, ...]
    skipped_sections: Mapping[str, int]
    new_list_items: Mapping[str, tuple[str, ...]]

    def count(self, action: RowAction) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def possible_duplicates(self) -> tuple[RowOutcome, ...]:
        return tuple(row for row in self.rows if row.duplicates)

    def summary(self) -> str:
        """ "12 new, 3 updated, 40 unchanged, 1 skipped, 2 refused"."""
        parts = [
            f"{self.count('create'):,} new",
            f"{self.count('update'):,} updated",
            f"{self.count('unchanged'):,} unchanged",
            f"{self.count('skip'):,} skipped",
        ]
        refused = self.count("refused")
        if refused:
            parts.append(f"{refused:,} refused")
        return ", ".join(parts)
