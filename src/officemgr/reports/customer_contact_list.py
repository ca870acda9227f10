"""Customer Contact List: customers (and jobs) with their phones, emails and contacts.

Customers and jobs are read with one SQLAlchemy Core select, streamed in batches; for
each batch the phones, emails and contacts of all its nodes (and the phones and emails of
those contacts) are fetched with one select each, never one per row. Jobs, when asked
for, are always listed under their customer, indented, whether or not they have details
of their own (a new job starts with its customer's details, so "own" is not telling).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle
from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.inputs import (
    as_paper,
    check_ids_or_names,
    shown,
)
from officemgr.core.tree_queries import descendants_of, office_region
from officemgr.core.validation import format_for_display
from officemgr.errors import ValidationError
from officemgr.reports import catalog, fonts, tables, template
from officemgr.reports.base import (
    Cancelled,
    Progress,
    ReadSource,
    ReportInfo,
    ReportResult,
    cancel_checker,
    output_path,
)
from officemgr.reports.choices import ChosenNode, chosen_text, resolve_customers
from officemgr.reports.story import TableStory, finish

TITLE = catalog.CUSTOMER_CONTACT_LIST.name

SORTS: dict[str, str] = {"name": "name"}

BATCH = 500  # customers and jobs fetched at a time
ROWS_PER_TABLE = 30

N = m.table(m.CustomerJob)
C = N.alias("customer")
P = m.table(m.Phone)
EM = m.table(m.Email)
K = m.table(m.Contact)
JOINED = N.join(C, C.c.id == N.c.customer_id)


@dataclass(frozen=True)
class CustomerContactListOptions:
    """What the report shows. The defaults: every active customer (no jobs), by name."""

    customers: tuple[int | str, ...] = ()  # ids or full names ("Smith, John:Furnace"); () all
    include_jobs: bool = False  # each job under its customer, indented
    include_inactive: bool = False  # inactive customers and jobs too
    prospects_only: bool = False  # only customers marked as prospects (and their jobs)
    sort: str = "name"  # by Customer:Job name, jobs under their customer
    paper: str | None = None  # "letter" or "a4"; None: the office setting

    def checked(self) -> CustomerContactListOptions:
        """These options; ValidationError for a bad choice."""
        if not isinstance(self.sort, str) or self.sort not in SORTS:
            raise ValidationError(
                f"“{shown(self.sort)}” is not a sort order; use name.", field="sort"
            )
        return replace(
            self,
            customers=check_ids_or_names(
                self.customers, field="customers", label="customer or job"
            ),
            paper=as_paper(self.paper, field="paper"),
        )


def _conditions(
    options: CustomerContactListOptions, chosen: Sequence[ChosenNode]
) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if chosen:
        picks: list[ColumnElement[bool]] = []
        for node in chosen:
            picks.append(N.c.id == node.id)
            if options.include_jobs:
                picks.append(descendants_of(node.full_name_key))
        where.append(or_(*picks))
    elif not options.include_jobs:
        where.append(N.c.parent_id.is_(None))
    if not options.include_inactive:
        active = and_(N.c.is_active.is_(True), C.c.is_active.is_(True))
        # A customer or job chosen by name is shown even when it is inactive.
        where.append(or_(active, N.c.id.in_([n.id for n in chosen])) if chosen else active)
    if options.prospects_only:
        where.append(C.c.is_prospect.is_(True))
    return where


def _filters_text(options: CustomerContactListOptions, chosen: Sequence[ChosenNode]) -> str:
    who = chosen_text(chosen) or "all"
    if options.prospects_only:
        who += ", prospects only"
    if not options.include_inactive:
        who += " (active only)"
    parts = [
        f"Customers: {who}",
        "Jobs: " + ("included, under their customer" if options.include_jobs else "not shown"),
        f"Sorted by {SORTS[options.sort]}",
    ]
    return " · ".join(parts)


# --------------------------------------------------------------------------- layout

_COLUMNS = (
    ("Customer:Job / contact", 0.31),
    ("Type / role", 0.11),
    ("Phones", 0.23),
    ("Emails", 0.35),
)
_INDENT = 10.0  # points per level: jobs under customers, contacts under their owner


class _Layout:
    def __init__(self, width: float, region: str) -> None:
        self.widths = [width * share for _, share in _COLUMNS]
        self.region = region
        self.cell = template.style("cell")
        self.total = template.style("total", size=9, bold=True, spaceBefore=10)
        self._names: dict[tuple[int, bool], Any] = {}
        self.table_style = TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), template.FONT, 7.5),
                ("LEADING", (0, 0), (-1, -1), 9),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )

    def name_style(self, level: int, bold: bool) -> Any:
        key = (level, bold)
        if key not in self._names:
            self._names[key] = template.style(
                f"name{level}{'b' if bold else ''}",
                bold=bold,
                leftIndent=level * _INDENT,
            )
        return self._names[key]

    def table(self, rows: list[list[Any]], node_rows: list[int]) -> Table:
        commands: list[Any] = [
            ("LINEABOVE", (0, i), (-1, i), 0.25, colors.lightgrey) for i in node_rows if i
        ]
        if commands:
            return Table(
                rows,
                colWidths=self.widths,
                style=TableStyle(list(self.table_style.getCommands()) + commands),
                hAlign="LEFT",
            )
        return Table(rows, colWidths=self.widths, style=self.table_style, hAlign="LEFT")

    def lines(self, lines: Sequence[str], column: int) -> str | Flowable:
        """Short lines DejaVu prints as a plain string (drawn as is, fast); others as a
        flowable that wraps them and sets each script in its font."""
        plain = [template.clean(line).replace("\n", " ") for line in lines]
        room = self.widths[column] - 4
        if all(
            fonts.is_plain(line) and stringWidth(line, template.FONT, 7.5) <= room for line in plain
        ):
            return "\n".join(plain)
        return template.text("\n".join(plain), self.cell)

    def phone(self, row: Any) -> str:
        kind = str(row.kind).capitalize()
        if row.e164:
            text = format_for_display(row.e164, self.region)
            if row.extension:
                text += f" ext. {row.extension}"
        else:
            text = template.clean(row.as_typed)
            if row.extension and row.extension not in text:
                text += f" ext. {row.extension}"
        return f"{kind}: {text}"

    @staticmethod
    def email(row: Any) -> str:
        return row.address if row.kind == "main" else f"{str(row.kind).capitalize()}: {row.address}"

    def node_row(
        self, node: Any, under_parent: bool, phones: list[str], emails: list[str]
    ) -> list[Any]:
        """A customer's or job's row; a job right under its listed parent shows its own name."""
        kind = "Job" if node.depth else ("Prospect" if node.is_prospect else "Customer")
        if not node.is_active:
            kind += " (inactive)"
        shown = node.name if under_parent else node.full_name
        name = template.text(shown, self.name_style(node.depth, True))
        return [name, kind, self.lines(phones, 2), self.lines(emails, 3)]

    def contact_row(
        self, depth: int, contact: Any, phones: list[str], emails: list[str]
    ) -> list[Any]:
        pieces = [(contact.name, False)]
        if contact.is_primary:
            pieces.append((" (primary)", True))
        name = template.text(pieces, self.name_style(depth + 1, False))
        role = self.lines([contact.role or ""], 1)
        return [name, role, self.lines(phones, 2), self.lines(emails, 3)]


def _fetch_details(
    session: Session, layout: _Layout, node_ids: list[int]
) -> tuple[
    dict[int, list[str]],
    dict[int, list[str]],
    dict[int, list[Any]],
    dict[int, list[str]],
    dict[int, list[str]],
]:
    """Phones, emails and contacts of ``node_ids``, and the contacts' phones and emails."""
    node_phones: dict[int, list[str]] = defaultdict(list)
    node_emails: dict[int, list[str]] = defaultdict(list)
    contacts: dict[int, list[Any]] = defaultdict(list)
    contact_phones: dict[int, list[str]] = defaultdict(list)
    contact_emails: dict[int, list[str]] = defaultdict(list)
    if not node_ids:
        return node_phones, node_emails, contacts, contact_phones, contact_emails
    phone_columns = (P.c.kind, P.c.as_typed, P.c.e164, P.c.extension)
    for row in session.execute(
        select(P.c.owner_id, *phone_columns)
        .where(P.c.owner_id.in_(node_ids))
        .order_by(P.c.owner_id, P.c.position, P.c.id)
    ):
        node_phones[row.owner_id].append(layout.phone(row))
    for email in session.execute(
        select(EM.c.owner_id, EM.c.kind, EM.c.address)
        .where(EM.c.owner_id.in_(node_ids))
        .order_by(EM.c.owner_id, EM.c.position, EM.c.id)
    ):
        node_emails[email.owner_id].append(layout.email(email))
    contact_ids: list[int] = []
    for contact in session.execute(
        select(K.c.id, K.c.owner_id, K.c.name, K.c.role, K.c.is_primary)
        .where(K.c.owner_id.in_(node_ids))
        .order_by(K.c.owner_id, K.c.is_primary.desc(), K.c.position, K.c.id)
    ):
        contacts[contact.owner_id].append(contact)
        contact_ids.append(contact.id)
    if contact_ids:
        for row in session.execute(
            select(P.c.contact_id, *phone_columns)
            .where(P.c.contact_id.in_(contact_ids))
            .order_by(P.c.contact_id, P.c.position, P.c.id)
        ):
            contact_phones[row.contact_id].append(layout.phone(row))
        for email in session.execute(
            select(EM.c.contact_id, EM.c.kind, EM.c.address)
            .where(EM.c.contact_id.in_(contact_ids))
            .order_by(EM.c.contact_id, EM.c.position, EM.c.id)
        ):
            contact_emails[email.contact_id].append(layout.email(email))
    return node_phones, node_emails, contacts, contact_phones, contact_emails


def _nodes_query(where: list[ColumnElement[bool]]) -> Select[Any]:
    """The customers and jobs of the report in list order, streamed in batches."""
    # Jobs right under their customer: ":" sorts below every other character.
    tree_order = func.replace(N.c.full_name_key, ":", "\x01")
    return (
        select(
            N.c.id,
            N.c.parent_id,
            N.c.depth,
            N.c.name,
            N.c.full_name,
            N.c.is_active,
            C.c.is_prospect,
        )
        .select_from(JOINED)
        .where(*where)
        .order_by(tree_order, N.c.id)
        .execution_options(yield_per=BATCH)
    )


TABLE_COLUMNS = (
    tables.column("customer_job", meaning="Customer:Job path"),
    tables.column("kind", meaning="Customer, Prospect or Job (inactive marked); Contact"),
    tables.column("contact", meaning="the contact's name, on a contact's row"),
    tables.column("role", meaning="the contact's role or title"),
    tables.column("primary_contact", "yes_no"),
    tables.column("phones", meaning="“Kind: number”, several separated by “; ”"),
    tables.column("emails", meaning="addresses, several separated by “; ”"),
)


def table(session: Session, options: CustomerContactListOptions) -> tables.ReportTable:
    """A row per customer or job, each followed by a row per contact, in list order."""
    layout = _Layout(template.frame_width("letter"), office_region(session))
    where = _conditions(options, resolve_customers(session, options.customers))
    total = session.execute(select(func.count()).select_from(JOINED).where(*where)).scalar()

    def rows() -> Iterator[tuple[Any, ...]]:
        for batch in session.execute(_nodes_query(where)).partitions():
            ids = [node.id for node in batch]
            phones, emails, contacts, c_phones, c_emails = _fetch_details(session, layout, ids)
            for node in batch:
                kind = "Job" if node.depth else ("Prospect" if node.is_prospect else "Customer")
                kind += "" if node.is_active else " (inactive)"
                yield (node.full_name, kind, None, None, None,
                       "; ".join(phones[node.id]), "; ".join(emails[node.id]))  # fmt: skip
                for c in contacts[node.id]:
                    yield (node.full_name, "Contact", c.name, c.role, bool(c.is_primary),
                           "; ".join(c_phones[c.id]), "; ".join(c_emails[c.id]))  # fmt: skip

    return tables.ReportTable(TABLE_COLUMNS, rows(), int(total or 0))


def render(
    source: ReadSource,
    options: CustomerContactListOptions,
    out_path: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ReportResult:
    """Write the Customer Contact List for ``options`` to the PDF ``out_path``."""
    options = options.checked()
    out = output_path(out_path)
    check_cancel = cancel_checker(cancelled)

    with source.read() as session:
        office = template.office(session, options.paper)
        layout = _Layout(office.width, office_region(session))
        chosen = resolve_customers(session, options.customers)
        where = _conditions(options, chosen)
        total = session.execute(select(func.count()).select_from(JOINED).where(*where)).scalar()
        total = int(total or 0)
        story = TableStory(layout.table, ROWS_PER_TABLE)  # a rule above each customer or job
        done = contact_count = 0
        listed: set[int] = set()
        for batch in session.execute(_nodes_query(where)).partitions():
            check_cancel()
            ids = [node.id for node in batch]
            phones, emails, contacts, c_phones, c_emails = _fetch_details(session, layout, ids)
            for node in batch:
                under_parent = node.parent_id is not None and node.parent_id in listed
                listed.add(node.id)
                row = layout.node_row(node, under_parent, phones[node.id], emails[node.id])
                contact_rows = [
                    layout.contact_row(node.depth, c, c_phones[c.id], c_emails[c.id])
                    for c in contacts[node.id]
                ]
                story.add_row(row, *contact_rows)  # its contacts in the same table
                contact_count += len(contact_rows)
            done += len(batch)
            if progress is not None:
                progress(done, 2 * total)
        filters = _filters_text(options, chosen)

    if total == 0:
        story.paragraph("No customers or jobs match these choices.", layout.total)
    else:
        listed_as = (
            ("customer or job", "customers and jobs")
            if options.include_jobs or chosen
            else ("customer", "customers")
        )
        contact_total = template.plural(contact_count, "contact", "contacts")
        summary = f"Total: {template.plural(total, *listed_as)}, {contact_total}"
        story.paragraph(summary, layout.total)

    return finish(
        out,
        story,
        office,
        title=TITLE,
        filters=filters,
        entries=total,
        columns=template.headings(_COLUMNS, layout.widths),
        progress=progress,
        check_cancel=check_cancel,
    )


INFO = ReportInfo.of(
    catalog.CUSTOMER_CONTACT_LIST,
    options_type=CustomerContactListOptions,
    render=render,
    table=table,
)
