"""Importing customers and jobs read from another program's file (``core.imports``).

One function, `run`, does the whole import inside the caller's unit of work: the
preview runs it in a transaction that is rolled back (so what the preview says is
exactly what the import does, every check included), the import in one that commits.
New records are built with the services' own checks as plain rows and written 500 at a
time (`_import_rows`; the ORM would take minutes for 300,000); updates go through the
services, each in a savepoint. A row the checks refuse becomes a problem on its line
and the rest goes on.

Matching: a row whose ``Customer:Job`` path already exists *is* that record — it is
updated (empty fields filled, or overwritten) or skipped; when nothing it brings differs
it is "unchanged", so importing the same file twice creates nothing. A new customer
that shares a phone number or email address with an existing one is a *possible*
duplicate: skipped, used to update that customer, or created anyway, as chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from officemgr.core import keys
from officemgr.core import models as m
from officemgr.core.bulk import bulk_writing
from officemgr.core.imports.records import (
    ON_DUPLICATE,
    DuplicateOf,
    ImportReport,
    NodeIn,
    OnDuplicate,
    ParsedFile,
    Problem,
    RowAction,
    RowChoice,
    RowOutcome,
    cut_raw,
)
from officemgr.core.inputs import is_id, shown
from officemgr.core.services import _billing as billing
from officemgr.core.services import _nodes as nodes
from officemgr.core.services import contacts as contact_service
from officemgr.core.services import customers as customer_service
from officemgr.core.services._import_compare import (
    JOB_FIELDS,
    Current,
    custom_differs,
    differs,
    load_current,
    new_contacts,
)
from officemgr.core.services._import_lookups import ExistingNodes, ImportLists
from officemgr.core.services._import_rows import NewRecord, Placed, RowBuilder, write_rows
from officemgr.core.tree_queries import office_region
from officemgr.errors import CreditHoldError, OfficeMgrError, ValidationError

__all__ = ["ROW_CHOICES", "ImportCancelled", "check_arguments", "run"]

Progress = Callable[[int, int], None]

CHECK_EVERY = 100  # rows between two looks at Cancel (and progress reports)
BATCH = 500  # new records written in one flush


class ImportCancelled(OfficeMgrError):
    """The user stopped the import: nothing of it was written."""


def run(
    session: Session,
    parsed: ParsedFile,
    *,
    on_duplicate: OnDuplicate = "skip",
    choices: Mapping[int, RowChoice] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import ``parsed`` into the company of ``session`` (which the caller commits or
    rolls back). ``choices`` overrides ``on_duplicate`` for the rows at those lines.
    Raises ImportCancelled when ``cancelled()`` turns true."""
    check_arguments(parsed, on_duplicate, choices)
    work = _Import(session, parsed, on_duplicate, dict(choices or {}))
    nodes = sorted(parsed.nodes, key=lambda node: len(node.path))  # parents first
    work.make_list_entries(nodes)
    total = len(nodes)
    with bulk_writing(session.connection()):
        for done, node in enumerate(nodes):
            if done % CHECK_EVERY == 0:
                if cancelled is not None and cancelled():
                    raise ImportCancelled("The import was cancelled: nothing was imported.")
                if progress is not None:
                    progress(done, total)
                work.read_ahead(nodes[done : done + CHECK_EVERY])
            work.row(node)
        work.flush_batch()
    if progress is not None:
        progress(total, total)
    rows = sorted(work.outcomes, key=lambda row: row.line)
    problems = sorted([*parsed.problems, *work.problems], key=lambda p: p.line)
    return ImportReport(
        format=parsed.format,
        rows=tuple(rows),
        problems=tuple(problems),
        skipped_sections=dict(parsed.skipped),
        new_list_items={kind: tuple(names) for kind, names in work.lists.created.items()},
    )


ROW_CHOICES: tuple[RowChoice, ...] = ("skip", "fill", "overwrite", "create")


def check_arguments(
    parsed: object, on_duplicate: object, choices: Mapping[int, RowChoice] | None
) -> None:
    """What an import is given, checked before anything is done (or backed up): a
    ValidationError in one sentence for a value of the wrong kind."""
    if not isinstance(parsed, ParsedFile):
        raise ValidationError(
            "Give the import what co.imports.read returned for the file.", field="parsed"
        )
    if not isinstance(on_duplicate, str) or on_duplicate not in ON_DUPLICATE:
        raise ValidationError(
            f"On a duplicate the import can {', '.join(ON_DUPLICATE)}; "
            f"not “{shown(on_duplicate)}”.",
            field="on_duplicate",
        )
    for line, choice in (choices or {}).items():
        if not is_id(line) or not isinstance(choice, str) or choice not in ROW_CHOICES:
            raise ValidationError(
                f"A row's choice is one of {', '.join(ROW_CHOICES)}, by its line number; "
                f"not {shown(line)}: “{shown(choice)}”.",
                field="choices",
            )


def path_key(path: Iterable[str]) -> str:
    """The ``full_name_key`` a node at ``path`` has (or would have)."""
    return ":".join(keys.name_key(" ".join(part.split())) for part in path)


# ------------------------------------------------------------------ the rows


class _Import:
    """The state of one import: what exists, what was made, what each row came to."""

    def __init__(
        self,
        session: Session,
        parsed: ParsedFile,
        on_duplicate: OnDuplicate,
        choices: dict[int, RowChoice],
    ) -> None:
        self.session = session
        self.on_duplicate = on_duplicate
        self.choices = choices
        self.region = office_region(session)
        self.existing = ExistingNodes(session, self.region)
        self.lists = ImportLists(session)
        self.seen: dict[str, int] = {}  # path key -> the line that brought it
        self.outcomes: list[RowOutcome] = []
        self.problems: list[Problem] = []
        # Each row's list entries and custom fields by id, made before any row is written
        # (a batch that is rolled back must not take list entries with it).
        self.list_ids: dict[int, dict[str, int]] = {}
        self.custom_ids: dict[int, dict[int, str]] = {}
        self.list_errors: dict[int, str] = {}
        self.batch: _Batch | None = None
        self.credit: dict[int | None, str | None] = {}  # customer -> why new jobs are refused
        self.made_customers: set[int] = set()
        self.builder = RowBuilder(session, self.region)
        self.known: dict[int, Current] = {}  # what matched records have, read ahead
        # The records made that rows of the file go under, by id (so no job reads its
        # parent back); and the keys of those records.
        self.parents: dict[int, Placed] = {}
        self.parents_wanted = {path_key(n.path[:-1]) for n in parsed.nodes if len(n.path) > 1}

    def read_ahead(self, nodes: Iterable[NodeIn]) -> None:
        """Read what the records these rows match have, in a few selects for all."""
        wanted = (self.existing.by_key.get(path_key(node.path)) for node in nodes)
        self.known = load_current(self.session, [i for i in wanted if i is not None])

    def _current(self, node_id: int) -> Current:
        found = self.known.pop(node_id, None)
        return found if found is not None else load_current(self.session, [node_id])[node_id]

    def make_list_entries(self, nodes: Iterable[NodeIn]) -> None:
        for node in nodes:
            try:
                self.list_ids[node.line] = self.lists.ids_for(node)
                self.custom_ids[node.line] = self.lists.custom_values(node)
            except OfficeMgrError as error:
                self.list_errors[node.line] = str(error)

    def row(self, given: NodeIn) -> None:
        if self.batch is not None and self.batch.depth != len(given.path):
            self.flush_batch()  # a job's parent must have its id before the job is placed
        node = self._placed(given)
        if node is None:
            return
        key = path_key(node.path)
        kind: Literal["customer", "job"] = "customer" if node.is_customer else "job"
        first = self.seen.setdefault(key, node.line)
        if first != node.line:
            message = f"{node.full_name} is already on line {first}: this line is left out."
            self._refuse(node, kind, message)
            return
        existing_id = self.existing.by_key.get(key)
        if existing_id is not None:
            self.flush_batch()  # reads and writes the record: the batch goes first
            self._matched(node, kind, existing_id)
            return
        duplicates = self.existing.duplicates_of(node) if node.is_customer else ()
        choice = self.choices.get(node.line) or _default_choice(self.on_duplicate, exact=False)
        if duplicates and choice != "create":
            self.flush_batch()
            if choice == "skip":
                self._outcome(node, kind, "skip", duplicates=duplicates)
            else:
                self._update(node, kind, duplicates[0].node_id, choice, duplicates)
            return
        self._create(node, kind, duplicates)

    def _placed(self, node: NodeIn) -> NodeIn | None:
        """``node``; or — its parent being neither in the file nor in the company — the
        same row as a customer of its own name, with a warning; None (refused) when its
        parent is in the file but was not imported."""
        if node.is_customer:
            return node
        parent = path_key(node.path[:-1])
        if parent in self.existing.by_key:
            return node
        if parent in self.seen:
            kind: Literal["customer", "job"] = "job"
            message = (
                f"{':'.join(node.path[:-1])} (line {self.seen[parent]}) was not imported, "
                "so neither is this job."
            )
            self._refuse(node, kind, message)
            return None
        name = node.path[-1]
        self.problems.append(
            Problem(
                node.line,
                f"{':'.join(node.path[:-1])} is neither in the file nor in the company: "
                f"{name} is imported as a customer.",
                node.raw,
                "warning",
            )
        )
        return NodeIn(
            line=node.line,
            raw=node.raw,
            path=(name,),
            values=node.values,
            lists=node.lists,
            contacts=node.contacts,
            custom=node.custom,
            taxable=node.taxable,
        )

    def _matched(self, node: NodeIn, kind: Literal["customer", "job"], node_id: int) -> None:
        choice = self.choices.get(node.line) or _default_choice(self.on_duplicate, exact=True)
        if choice == "create":  # a second record of one full name cannot exist
            choice = "fill"
        current = self._current(node_id)
        if choice == "skip":
            wanted = self._fields(node, current, "overwrite")
            action: RowAction = "unchanged" if not wanted else "skip"
            self._outcome(node, kind, action, node_id=node_id, changed=tuple(wanted))
            return
        self._update(node, kind, node_id, choice, (), current=current)

    def _update(
        self,
        node: NodeIn,
        kind: Literal["customer", "job"],
        node_id: int,
        choice: RowChoice,
        duplicates: tuple[DuplicateOf, ...],
        *,
        current: Current | None = None,
    ) -> None:
        if current is None:
            current = self._current(node_id)
        self.known.pop(node_id, None)  # written below: read again if another row matches it
        changes = self._fields(node, current, "fill" if choice == "fill" else "overwrite")
        contacts = new_contacts(node, current)
        if not changes and not contacts:
            self._outcome(node, kind, "unchanged", node_id=node_id, duplicates=duplicates)
            return
        try:
            with self.session.begin_nested():
                if changes:
                    customer_service.update(self.session, node_id, **changes)
                self._add_contacts(node_id, contacts)
        except OfficeMgrError as error:
            self._refuse(node, kind, str(error), duplicates=duplicates)
            return
        changed = tuple(sorted(changes)) + (("contacts",) if contacts else ())
        self._outcome(node, kind, "update", node_id=node_id, changed=changed, duplicates=duplicates)

    def _create(
        self, node: NodeIn, kind: Literal["customer", "job"], duplicates: tuple[DuplicateOf, ...]
    ) -> None:
        """Build the new record's rows into the open batch (written with the batch); a
        row the checks refuse is a problem on its line."""
        if node.line in self.list_errors:
            self._refuse(node, kind, self.list_errors[node.line], duplicates=duplicates)
            return
        try:
            record = self._build(node)
        except OfficeMgrError as error:
            self._refuse(node, kind, str(error), duplicates=duplicates)
            return
        if self.batch is None:
            self.batch = _Batch(len(node.path))
        self.batch.rows.append(_Built(node, kind, duplicates, record))
        if len(self.batch.rows) >= BATCH:
            self.flush_batch()

    def _build(self, node: NodeIn) -> NewRecord:
        fields = self._fields(node, None, "overwrite")
        if node.is_customer:
            return self.builder.customer(node.path[0], fields)
        parent = self._parent(self.existing.by_key[path_key(node.path[:-1])])
        self._check_credit(parent)
        # The file says what the job has: nothing is copied from its parent (a job
        # QuickBooks exports carries its own address and phones).
        return self.builder.job(parent, node.path[-1], fields)

    def _parent(self, node_id: int) -> Placed:
        """A job's parent, from the records this import made (kept while they may be
        parents) or the company."""
        parent = self.parents.get(node_id)
        if parent is None:
            n = m.CustomerJob
            row = self.session.execute(
                select(n.customer_id, n.depth, n.full_name, n.full_name_key).where(n.id == node_id)
            ).one()
            customer_id, depth, full_name, key = row
            assert customer_id is not None  # set with every insert
            parent = Placed(node_id, customer_id, depth, full_name, key)
        return parent

    def _check_credit(self, parent: Placed) -> None:
        """New work under a customer on credit hold is refused (an import gives no
        override): checked once per customer, as nothing the import writes changes it."""
        customer = parent.customer_id
        if customer in self.made_customers:
            return  # made by this import: no hold, nothing owed
        if customer not in self.credit:
            loaded = self.session.get(m.CustomerJob, parent.id)
            assert loaded is not None  # placed: its parent is in the company
            try:
                billing.enforce_credit(
                    self.session, loaded, amount=Decimal(0), what="New job", override=None, by=None
                )
            except CreditHoldError as error:
                self.credit[customer] = str(error)
            else:
                self.credit[customer] = None
        refusal = self.credit[customer]
        if refusal is not None:
            raise CreditHoldError(refusal)

    def flush_batch(self) -> None:
        """Write the batch: one insert per table. If the company file refuses any of it,
        the batch is rolled back and its rows are written one by one, so that only the
        row at fault is left out (with its reason)."""
        batch, self.batch = self.batch, None
        if batch is None:
            return
        try:
            with self.session.begin_nested():
                write_rows(self.session, (row.record for row in batch.rows))
        except SQLAlchemyError:
            for row in batch.rows:
                self._create_one(row)
            return
        for row in batch.rows:
            self._created(row)

    def _create_one(self, row: _Built) -> None:
        """A new record on its own, in a savepoint: the slow way, for a batch that failed."""
        try:
            with self.session.begin_nested():
                write_rows(self.session, [row.record])
        except SQLAlchemyError as error:
            self._refuse(row.node, row.kind, _said(error), duplicates=row.duplicates)
            return
        self._created(row)

    def _created(self, row: _Built) -> None:
        node, placed = row.node, row.record.placed
        self.existing.add(path_key(node.path), placed.id)
        if node.is_customer:
            self.made_customers.add(placed.id)
        if path_key(node.path) in self.parents_wanted:
            self.parents[placed.id] = placed
        self._contacts_of_new(node, row.kind, placed.id)
        self._outcome(node, row.kind, "create", node_id=placed.id, duplicates=row.duplicates)

    def _contacts_of_new(self, node: NodeIn, kind: Literal["customer", "job"], owner: int) -> None:
        if not node.contacts:
            return
        try:
            with self.session.begin_nested():
                self._add_contacts(owner, [c.name for c in node.contacts])
        except OfficeMgrError as error:
            message = f"{node.full_name} was imported without its contacts: {error}"
            self.problems.append(Problem(node.line, message, node.raw, "warning"))

    def _add_contacts(self, owner: int, names: Iterable[str]) -> None:
        for name in names:
            contact_service.add(self.session, owner=owner, name=name)

    def _fields(
        self, node: NodeIn, current: Current | None, mode: Literal["fill", "overwrite"]
    ) -> dict[str, Any]:
        """The service fields of ``node`` — for an update, only those that differ from
        ``current`` (and, filling, only where ``current`` has nothing)."""
        wanted = _values(node, is_job=not node.is_customer)
        wanted.update(self.list_ids.get(node.line, {}))
        custom = dict(self.custom_ids.get(node.line, {}))
        if current is None:
            if custom:
                wanted["custom_fields"] = custom
            return wanted
        fields = {
            name: value
            for name, value in wanted.items()
            if differs(current, name, value, self.region, fill=mode == "fill")
        }
        custom = {
            field_id: value
            for field_id, value in custom.items()
            if custom_differs(current, field_id, value, fill=mode == "fill")
        }
        if custom:
            fields["custom_fields"] = custom
        return fields

    def _refuse(
        self,
        node: NodeIn,
        kind: Literal["customer", "job"],
        message: str,
        *,
        duplicates: tuple[DuplicateOf, ...] = (),
    ) -> None:
        self.problems.append(Problem(node.line, message, node.raw, "error"))
        self._outcome(node, kind, "refused", duplicates=duplicates, message=message)

    def _outcome(
        self,
        node: NodeIn,
        kind: Literal["customer", "job"],
        action: RowAction,
        *,
        node_id: int | None = None,
        changed: tuple[str, ...] = (),
        duplicates: tuple[DuplicateOf, ...] = (),
        message: str = "",
    ) -> None:
        self.outcomes.append(
            RowOutcome(
                line=node.line,
                raw=node.raw or cut_raw(node.full_name),
                full_name=node.full_name,
                kind=kind,
                action=action,
                node_id=node_id,
                changed=changed,
                duplicates=duplicates,
                message=message,
            )
        )


@dataclass
class _Built:
    """A new record built into the batch, waiting for the batch's insert."""

    node: NodeIn
    kind: Literal["customer", "job"]
    duplicates: tuple[DuplicateOf, ...]
    record: NewRecord


@dataclass
class _Batch:
    """New records of one depth, written together."""

    depth: int
    rows: list[_Built] = field(default_factory=list)


def _said(error: Exception) -> str:
    """A refusal's sentence (the services' own; the database's refusals in words)."""
    if isinstance(error, OfficeMgrError):
        return str(error)
    return "The company file refused this row (it clashes with another); it is left out."


def _default_choice(on_duplicate: OnDuplicate, *, exact: bool) -> RowChoice:
    """What a row that matches an existing record gets when the user chose nothing."""
    if on_duplicate == "skip":
        return "skip"
    if on_duplicate == "update" or exact:
        return "fill"  # never overwrite what the office typed unless asked, row by row
    return "create"


def _values(node: NodeIn, *, is_job: bool) -> dict[str, Any]:
    """The row's values as the services take them (job fields for jobs only).

    A phone field without a single digit ("none", "N/A", "-": how QuickBooks files often
    say there is none) is left out rather than kept as a number that cannot be called.
    """
    out: dict[str, Any] = {}
    for name, value in node.values.items():
        if name in JOB_FIELDS and not is_job:
            continue
        if name in nodes.PHONE_FIELDS and not any(ch.isdigit() for ch in str(value)):
            continue
        out[name] = value
    return out
