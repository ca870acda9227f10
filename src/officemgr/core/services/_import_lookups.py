"""What an import looks up once, in bulk, before its first row (``services.imports``).

No query per row: every node's key and the customers' phones and emails are read in
three queries (a few MB for 100,000 customers), and the office lists by folded name.
List entries a file names that do not exist yet are made on first use and listed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from officemgr.core import keys
from officemgr.core import models as m
from officemgr.core.imports.records import DuplicateOf, NodeIn
from officemgr.core.services import lists as list_service
from officemgr.core.validation import parse_phone

__all__ = ["ExistingNodes", "ImportLists"]

# A row's list references -> the node field holding the entry's id.
_LIST_IDS = {
    "customer_type": "customer_type_id",
    "terms": "terms_id",
    "sales_rep": "sales_rep_id",
    "tax_code": "tax_code_id",
    "job_type": "job_type_id",
}


@dataclass
class ExistingNodes:
    """Every node's key, and the customers' phones and emails, read once (no query per
    row): a 100,000-customer company is a few MB here."""

    session: Session
    region: str
    by_key: dict[str, int] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    by_phone: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_email: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        nodes = m.CustomerJob.__table__
        rows = self.session.execute(
            select(nodes.c.id, nodes.c.full_name_key, nodes.c.full_name, nodes.c.parent_id)
        )
        customers: set[int] = set()
        for node_id, key, full_name, parent_id in rows:
            self.by_key[key] = node_id
            self.names[node_id] = full_name
            if parent_id is None:
                customers.add(node_id)
        phones = m.Phone.__table__
        for owner, digits in self.session.execute(
            select(phones.c.owner_id, phones.c.digits_key).where(phones.c.owner_id.is_not(None))
        ):
            if owner in customers and digits and len(digits) >= 7:
                self.by_phone[digits].append(owner)
        emails = m.Email.__table__
        for owner, address in self.session.execute(
            select(emails.c.owner_id, emails.c.address).where(emails.c.owner_id.is_not(None))
        ):
            if owner in customers and address:
                self.by_email[address.strip().casefold()].append(owner)

    def add(self, key: str, node_id: int) -> None:
        self.by_key[key] = node_id

    def duplicates_of(self, node: NodeIn) -> tuple[DuplicateOf, ...]:
        found: dict[int, str] = {}
        for name in ("phone", "alt_phone", "cell"):
            value = node.values.get(name)
            if isinstance(value, str) and value.strip():
                digits = parse_phone(value, self.region).digits_key
                for owner in self.by_phone.get(digits, ()) if len(digits) >= 7 else ():
                    found.setdefault(owner, "same phone")
        email = node.values.get("email")
        if isinstance(email, str) and email.strip():
            for owner in self.by_email.get(email.strip().casefold(), ()):
                found.setdefault(owner, "same email")
        return tuple(
            DuplicateOf(owner, self.names.get(owner, ""), reason)
            for owner, reason in sorted(found.items())
        )


_NET_DAYS = re.compile(r"^\s*(?:(\d+(?:\.\d+)?)\s*%\s*(\d+)\s+)?net\s*(\d+)\s*$", re.IGNORECASE)


class ImportLists:
    """The office lists by folded name; entries a file names that do not exist yet are
    made (and listed in the report)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        lists = list_service.all(session)
        self.known: dict[str, dict[str, int]] = {
            "customer_type": {keys.fold(i.name): i.id for i in lists.customer_types},
            "terms": {keys.fold(i.name): i.id for i in lists.terms},
            "sales_rep": {keys.fold(i.name): i.id for i in lists.employees},
            "tax_code": {keys.fold(i.name): i.id for i in lists.tax_codes},
            "job_type": {keys.fold(i.full_name): i.id for i in lists.job_types},
            "custom_field": {keys.fold(i.name): i.id for i in lists.custom_fields},
        }
        self.created: dict[str, list[str]] = defaultdict(list)

    def ids_for(self, node: NodeIn) -> dict[str, int]:
        ids: dict[str, int] = {}
        references = dict(node.lists)
        if "tax_code" not in references and node.taxable is not None:
            references["tax_code"] = "Tax" if node.taxable else "Non"
        for kind, name in references.items():
            if kind == "job_type" and node.is_customer:
                continue
            if kind in _LIST_IDS and name.strip():
                ids[_LIST_IDS[kind]] = self.id_for(kind, name, taxable=node.taxable)
        return ids

    def custom_values(self, node: NodeIn) -> dict[int, str]:
        return {
            self.id_for("custom_field", label): value
            for label, value in node.custom.items()
            if label.strip() and value.strip()
        }

    def id_for(self, kind: str, name: str, *, taxable: bool | None = None) -> int:
        name = " ".join(name.split())
        known = self.known[kind]
        found = known.get(keys.fold(name))
        if found is None:
            found = known[keys.fold(name)] = self._make(kind, name, taxable)
            self.created[kind].append(name)
        return found

    def _make(self, kind: str, name: str, taxable: bool | None) -> int:
        s = self.session
        if kind == "sales_rep":
            return list_service.add_employee(s, name=name, is_sales_rep=True).id
        if kind == "custom_field":
            return list_service.add_custom_field(s, name=name, field_type="text").id
        if kind == "job_type":
            return self._job_type(name)
        record = list_service.add_item(s, list_kind=kind, name=name)
        if kind == "terms":
            self._set_terms(record.id, name)
        if kind == "tax_code" and taxable is False:
            list_service.update_item(s, list_kind=kind, item_id=record.id, is_taxable=False)
        return record.id

    def _job_type(self, path: str) -> int:
        """A ``Type:Subtype`` job type, its missing parents made first."""
        parent: int | None = None
        parts = [part.strip() for part in path.split(":") if part.strip()]
        for depth in range(1, len(parts) + 1):
            full = ":".join(parts[:depth])
            known = self.known["job_type"].get(keys.fold(full))
            if known is None:
                made = list_service.add_job_type(
                    self.session, name=parts[depth - 1], parent_id=parent
                )
                known = self.known["job_type"][keys.fold(full)] = made.id
            parent = known
        assert parent is not None  # a path of at least one part: ids_for skips blank names
        return parent

    def _set_terms(self, terms_id: int, name: str) -> None:
        """ "Net 30" and "2% 10 Net 30" say their days and discount: keep them."""
        match = _NET_DAYS.match(name)
        if match is None:
            return
        percent, discount_days, net_days = match.groups()
        changes: dict[str, Any] = {"net_days": int(net_days)}
        if percent is not None:
            changes["discount_percent"] = Decimal(percent)
            changes["discount_days"] = int(discount_days)
        list_service.update_item(self.session, list_kind="terms", item_id=terms_id, **changes)
