"""New customers and jobs as plain table rows, for an import writing thousands at once.

The ORM's unit of work costs about a millisecond a record, which at 300,000 records is
minutes. So an import builds each new record's rows as dicts, with the services' own
checks (`_nodes.checked_columns`, `phone_values`, `email_values`, `address_values`,
`custom_text`), and writes a batch with one executemany per table. The columns are the
ones `customers.add` and `jobs.add` give (tests/unit/imports/test_import_rows.py builds
the same records both ways and compares every column).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Dialect, Table, func, insert, select
from sqlalchemy.orm import Session

from officemgr.core import keys, search
from officemgr.core import models as m
from officemgr.core.services import _nodes as nodes
from officemgr.core.services._contact_details import address_values, email_values, phone_values
from officemgr.core.services._custom_fields import custom_text
from officemgr.core.types import utcnow
from officemgr.errors import DuplicateError, ValidationError

__all__ = ["NewRecord", "Placed", "RowBuilder", "write_rows"]

NODES = m.table(m.CustomerJob)
JOB_INFO = m.table(m.JobInfo)
ADDRESSES = m.table(m.Address)
PHONES = m.table(m.Phone)
EMAILS = m.table(m.Email)
CUSTOM = m.table(m.CustomFieldValue)
# Parents before children, so that each row's foreign keys point at rows already written.
TABLES = (NODES, JOB_INFO, ADDRESSES, PHONES, EMAILS, CUSTOM)
_TIMESTAMPS = ("created_at", "updated_at")


@dataclass(frozen=True)
class Placed:
    """What a job needs of the node it goes under (`_nodes.NamedNode`)."""

    id: int
    customer_id: int
    depth: int
    full_name: str
    full_name_key: str


@dataclass
class NewRecord:
    """A new customer or job: its rows, by table name."""

    placed: Placed
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, table: Table, row: dict[str, Any]) -> None:
        self.rows.setdefault(table.name, []).append(row)


class RowBuilder:
    """Builds `NewRecord`s for one import: ids handed out here (the import holds the
    write lock, so nobody else adds rows meanwhile), one timestamp for all."""

    def __init__(self, session: Session, region: str) -> None:
        self.session = session
        self.region = region
        self.now = utcnow()
        self.templates = {table.name: _template(table, self.now) for table in TABLES}
        self.next_ids: dict[str, int] = {}
        self._custom_defs: dict[int, m.CustomFieldDef] | None = None
        self._account_numbers: dict[str, str] | None = None

    def customer(self, name: str, given: Mapping[str, Any]) -> NewRecord:
        clean = nodes.clean_node_name(name)
        nodes.check_field_names(given, is_job=False)
        node_id = self._id(NODES)
        placed = Placed(node_id, node_id, 0, *nodes.full_names_under(None, clean))
        return self._record(placed, None, clean, given, is_job=False)

    def job(self, parent: Placed, name: str, given: Mapping[str, Any]) -> NewRecord:
        nodes.check_room_under(parent)
        clean = nodes.clean_node_name(name)
        nodes.check_field_names(given, is_job=True)
        full_name, key = nodes.full_names_under(parent, clean)
        placed = Placed(self._id(NODES), parent.customer_id, parent.depth + 1, full_name, key)
        return self._record(placed, parent, clean, given, is_job=True)

    def _record(
        self,
        placed: Placed,
        parent: Placed | None,
        name: str,
        given: Mapping[str, Any],
        *,
        is_job: bool,
    ) -> NewRecord:
        node = self._row(
            NODES,
            id=placed.id,
            parent_id=parent.id if parent is not None else None,
            customer_id=placed.customer_id,
            depth=placed.depth,
            name=name,
            full_name=placed.full_name,
            full_name_key=placed.full_name_key,
            sort_key=keys.sort_key(name),
        )
        record = NewRecord(placed)
        record.add(NODES, node)
        info = self._row(JOB_INFO) if is_job else None
        if info is not None:
            info.update(job_id=placed.id, status="None")
            record.add(JOB_INFO, info)
        for key, value in given.items():
            self._field(record, node, info, key, value, given, is_job=is_job)
        if info is not None and any(key in nodes.JOB_DATE_FIELDS for key in given):
            nodes.check_job_dates(
                info["start_date"], info["projected_end_date"], info["completion_date"]
            )
        return record

    def _field(
        self,
        record: NewRecord,
        node: dict[str, Any],
        info: dict[str, Any] | None,
        key: str,
        value: Any,
        given: Mapping[str, Any],
        *,
        is_job: bool,
    ) -> None:
        owner = node["id"]
        columns = nodes.checked_columns(key, value, given)
        if columns is not None:
            node.update(columns)
        elif key in nodes.PHONE_FIELDS:
            kind, label, position = nodes.PHONE_FIELDS[key]
            phone = phone_values(
                value, kind=kind, region=self.region, position=position, field=key, label=label
            )
            if phone is not None:
                record.add(PHONES, self._row(PHONES, owner_id=owner, **phone))
        elif key in nodes.EMAIL_FIELDS:
            kind, label, position = nodes.EMAIL_FIELDS[key]
            email = email_values(value, kind=kind, position=position, field=key, label=label)
            if email is not None:
                record.add(EMAILS, self._row(EMAILS, owner_id=owner, **email))
        elif key in nodes.ADDRESS_FIELDS:
            parts = address_values(key, value, label=nodes.ADDRESS_FIELDS[key])
            if parts is not None:
                record.add(ADDRESSES, self._row(ADDRESSES, owner_id=owner, kind=key, **parts))
            node.update(nodes.address_columns(key, value, given))
        elif key in nodes.REF_FIELDS:
            node[key] = value  # an id the import's list lookups found or made
        elif key == "account_number":
            node[key] = self._account_number(value, node["full_name"])
        elif key == "custom_fields":
            for field_id, text in self._custom(value, is_job=is_job).items():
                record.add(CUSTOM, self._row(CUSTOM, node_id=owner, field_id=field_id, value=text))
        elif info is not None and key == "job_type_id":
            info[key] = value  # as the list references above
        elif info is not None and (job := nodes.checked_job_columns(key, value)) is not None:
            info.update(job)
        else:
            raise ValidationError(f"“{key}” cannot be imported.", field=key)

    def _custom(self, values: Mapping[int, Any], *, is_job: bool) -> dict[int, str]:
        if self._custom_defs is None:
            defs = self.session.scalars(select(m.CustomFieldDef))
            self._custom_defs = {d.id: d for d in defs}
        texts = {
            field_id: custom_text(self._custom_defs.get(field_id), field_id, value, is_job=is_job)
            for field_id, value in values.items()
        }
        return {field_id: text for field_id, text in texts.items() if text is not None}

    def _account_number(self, value: Any, full_name: str) -> str | None:
        """The account number, refused when another record has it (as the form does)."""
        number = nodes.checked_account_number(value)
        if number is None:
            return None
        if self._account_numbers is None:
            taken = select(NODES.c.account_number, NODES.c.full_name).where(
                NODES.c.account_number.is_not(None)
            )
            self._account_numbers = {number: name for number, name in self.session.execute(taken)}
        other = self._account_numbers.setdefault(number, full_name)
        if other != full_name:
            raise DuplicateError(
                f"Account number {number} is already used by “{other}”.", field="account_number"
            )
        return number

    def _row(self, table: Table, **values: Any) -> dict[str, Any]:
        row = dict(self.templates[table.name])
        if "id" in row and "id" not in values:
            row["id"] = self._id(table)
        row.update(values)
        return row

    def _id(self, table: Table) -> int:
        name = table.name
        if name not in self.next_ids:
            with self.session.no_autoflush:
                top = self.session.execute(select(func.max(table.c.id))).scalar()
            self.next_ids[name] = (top or 0) + 1
        self.next_ids[name] += 1
        return self.next_ids[name] - 1


def write_rows(session: Session, records: Iterable[NewRecord]) -> None:
    """Insert the records' rows, one executemany per table, and their search index rows."""
    by_table: dict[str, list[dict[str, Any]]] = {}
    texts = {}
    for record in records:
        for table_name, rows in record.rows.items():
            by_table.setdefault(table_name, []).extend(rows)
        texts[record.placed.id] = _indexed(record)
    conn = session.connection()
    for table in TABLES:
        rows = by_table.get(table.name) or []
        if not rows:
            continue
        if conn.dialect.name == "sqlite":
            # Straight to the driver: Core's per-row parameter handling costs more
            # than SQLite's insert. The columns' own bind processors store each value.
            sql, params = _driver_insert(table, conn.dialect, rows)
            conn.exec_driver_sql(sql, params)
        else:
            conn.execute(insert(table), rows)
    search.add_new(conn, texts)


def _indexed(record: NewRecord) -> search.NodeText:
    rows = record.rows
    return search.text_of_new(
        rows[NODES.name][0],
        cities=(address["city"] for address in rows.get(ADDRESSES.name, ())),
        emails=(email["address"] for email in rows.get(EMAILS.name, ())),
        digits_keys=(phone["digits_key"] for phone in rows.get(PHONES.name, ())),
    )


def _driver_insert(
    table: Table, dialect: Dialect, rows: list[dict[str, Any]]
) -> tuple[str, list[tuple[Any, ...]]]:
    columns = [column.name for column in table.columns]
    names = ", ".join(f'"{name}"' for name in columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    processed = [
        (index, process)
        for index, column in enumerate(table.columns)
        if (process := column.type.dialect_impl(dialect).bind_processor(dialect)) is not None
    ]
    values_of = operator.itemgetter(*columns)
    params: list[tuple[Any, ...]] = []
    for row in rows:
        values = list(values_of(row))
        for index, process in processed:
            if values[index] is not None:
                values[index] = process(values[index])
        params.append(tuple(values))
    return sql, params


def _template(table: Table, now: datetime) -> dict[str, Any]:
    """A new row of ``table`` with the columns' defaults (every row of one executemany
    must name the same columns)."""
    row: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if column.name in _TIMESTAMPS:
            row[column.name] = now
        elif default is None:
            row[column.name] = None
        elif default.is_scalar:
            row[column.name] = default.arg  # type: ignore[attr-defined]
        else:
            raise TypeError(f"{table.name}.{column.name} has a default an import cannot copy")
    return row
