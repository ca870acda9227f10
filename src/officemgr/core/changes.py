"""What a unit of work changed, as the core saw it write (Anki's change notifications).

``Company.write()`` records every table its statements insert into, update or delete from
— the ORM's flushes, set-based Core updates (balances) and raw SQL alike, since all pass
the connection — and, after the commit, hands `Changes` to whoever subscribed, with the
initiator the caller named (`acting_for`). Views refresh from those flags only; nobody
has to know that placing a credit hold also writes a log entry.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, fields
from typing import Any

__all__ = ["Changes", "acting_for", "changes_of_tables", "current_initiator", "tables_written"]


@dataclass(frozen=True)
class Changes:
    """Which kinds of data a unit of work touched (and, when known, which node)."""

    nodes: bool = False  # customers or jobs: names, tree, flags, details, balances
    contacts: bool = False
    contact_log: bool = False
    popups: bool = False
    job_work: bool = False  # a job's services, stops, inventory, estimate and final lines
    billing: bool = False  # invoices, payments, voids: balances move, prospects convert
    lists: bool = False  # office lists, employees, custom field definitions
    settings: bool = False  # office settings and this desk's preferences
    company: bool = False  # another company file was opened
    node_id: int | None = None

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "node_id")

    def __or__(self, other: Changes) -> Changes:
        merged = {
            f.name: getattr(self, f.name) or getattr(other, f.name)
            for f in fields(self)
            if f.name != "node_id"
        }
        node = self.node_id if self.node_id == other.node_id else None
        return Changes(**merged, node_id=node)


# Which flag each table's rows belong to. The search index (search_terms, search_text)
# and Alembic's table are nobody's data: their writes follow the others. Phones and emails
# of contacts are written with their contact, which sets its own flag.
NOT_DATA = frozenset({"search_terms", "search_text", "alembic_version"})
_AREAS = {
    "customer_jobs": "nodes",
    "addresses": "nodes",
    "phones": "nodes",
    "emails": "nodes",
    "custom_field_values": "nodes",
    "job_info": "nodes",
    "contacts": "contacts",
    "contact_log_entries": "contact_log",
    "contact_log_revisions": "contact_log",
    "popup_notes": "popups",
    "popup_acknowledgements": "popups",
    "job_service_lines": "job_work",
    "job_stops": "job_work",
    "job_inventory_items": "job_work",
    "job_figure_lines": "job_work",
    "invoices": "billing",
    "invoice_lines": "billing",
    "payments": "billing",
    "payment_applications": "billing",
    "list_items": "lists",
    "terms": "lists",
    "tax_codes": "lists",
    "payment_methods": "lists",
    "employees": "lists",
    "job_types": "lists",
    "custom_field_defs": "lists",
    "office_settings": "settings",
}
_WRITE = re.compile(
    r"^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|REPLACE\s+INTO)"
    r"\s+[\"`\[]?(\w+)",
    re.IGNORECASE,
)


def tables_written(statement: str) -> str | None:
    """The table an INSERT, UPDATE or DELETE statement writes to; None for a read."""
    found = _WRITE.match(statement)
    return found.group(1).lower() if found else None


def changes_of_tables(tables: Iterable[str]) -> Changes:
    """The `Changes` of a unit of work that wrote to ``tables``."""
    flags = {_AREAS[t]: True for t in tables if t in _AREAS}
    return Changes(**flags)


current_initiator: ContextVar[Any] = ContextVar("officemgr_initiator", default=None)


@contextlib.contextmanager
def acting_for(initiator: Any) -> Iterator[None]:
    """Writes made in this block are reported as ``initiator``'s (a view that ignores its
    own changes compares against it)."""
    token = current_initiator.set(initiator)
    try:
        yield
    finally:
        current_initiator.reset(token)
