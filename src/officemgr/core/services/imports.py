"""Importing customers and jobs read from another program's file (``core.imports``).

One function, `run`, does the whole import inside the caller's unit of work: the
preview runs it in a transaction that is rolled back (so what the preview says is
exactly what the import does, every check included), the import in one that commits.
Rows are written with the services the window uses, each in a savepoint: a row the
services refuse becomes a problem on its line and the rest goes on.

Matching: a row whose ``Customer:Job`` path already exists *is* that record — it is
updated (empty fields filled, or overwritten) or skipped; when nothing it brings differs
it is "unchanged", so importing the same file twice creates nothing. A new customer
that shares a phone number or email address with an existing one is a *possible*
duplicate: skipped, used to update that customer, or created anyway, as chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

from sqlalchemy.orm import Session

from officemgr.core import keys
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
from officemgr.core.records import NodeDetail
from officemgr.core.services import contacts as contact_service
from officemgr.core.services import customers as customer_service
from officemgr.core.services import jobs as job_service
from officemgr.core.services._import_compare import (
    JOB_FIELDS,
    custom_differs,
    differs,
    new_contacts,
)
from officemgr.core.services._import_lookups import ExistingNodes, ImportLists
from officemgr.core.tree_queries import office_region
from officemgr.errors import OfficeMgrError

__all__ = ["ImportCancelled", "run"]

Progress = Callable[[int, int], None]

CHECK_EVERY = 100  # rows between two looks at Cancel (and progress reports)


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
    if on_duplicate not in ON_DUPLICATE:
        raise ValueError(f"on_duplicate must be one of {ON_DUPLICATE}, not {on_duplicate!r}")
    work = _Import(session, parsed, on_duplicate, dict(choices or {}))
    nodes = sorted(parsed.nodes, key=lambda node: len(node.path))  # parents first
    total = len(nodes)
    for done, node in enumerate(nodes):
        if done % CHECK_EVERY == 0:
            if cancelled is not None and cancelled():
                raise ImportCancelled("The import was cancelled: nothing was imported.")
            if progress is not None:
                progress(done, total)
        work.row(node)
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

    def row(self, given: NodeIn) -> None:
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
            self._matched(node, kind, existing_id)
            return
        duplicates = self.existing.duplicates_of(node) if node.is_customer else ()
        choice = self.choices.get(node.line) or _default_choice(self.on_duplicate, exact=False)
        if duplicates and choice != "create":
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
        detail = customer_service.get(self.session, node_id)
        if choice == "skip":
            wanted = self._fields(node, detail, "overwrite")
            action: RowAction = "unchanged" if not wanted else "skip"
            self._outcome(node, kind, action, node_id=node_id, changed=tuple(wanted))
            return
        self._update(node, kind, node_id, choice, (), detail=detail)

    def _update(
        self,
        node: NodeIn,
        kind: Literal["customer", "job"],
        node_id: int,
        choice: RowChoice,
        duplicates: tuple[DuplicateOf, ...],
        *,
        detail: NodeDetail | None = None,
    ) -> None:
        detail = detail or customer_service.get(self.session, node_id)
        changes = self._fields(node, detail, "fill" if choice == "fill" else "overwrite")
        contacts = new_contacts(node, detail)
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
        try:
            with self.session.begin_nested():
                fields = self._fields(node, None, "overwrite")
                if node.is_customer:
                    made = customer_service.add(self.session, name=node.path[0], **fields)
                else:
                    parent = self.existing.by_key[path_key(node.path[:-1])]
                    # The file says what the job has: nothing is copied from its parent
                    # (a job QuickBooks exports carries its own address and phones).
                    made = job_service.add(
                        self.session,
                        parent=parent,
                        name=node.path[-1],
                        copy_details=False,
                        **fields,
                    )
                self._add_contacts(made.id, [c.name for c in node.contacts])
        except OfficeMgrError as error:
            self._refuse(node, kind, str(error), duplicates=duplicates)
            return
        self.existing.add(path_key(node.path), made.id)
        self._outcome(node, kind, "create", node_id=made.id, duplicates=duplicates)

    def _add_contacts(self, owner: int, names: Iterable[str]) -> None:
        for name in names:
            contact_service.add(self.session, owner=owner, name=name)

    def _fields(
        self, node: NodeIn, detail: NodeDetail | None, mode: Literal["fill", "overwrite"]
    ) -> dict[str, Any]:
        """The service fields of ``node`` — for an update, only those that differ from
        ``detail`` (and, filling, only where ``detail`` has nothing)."""
        wanted = _values(node, is_job=not node.is_customer)
        wanted.update(self.lists.ids_for(node))
        custom = self.lists.custom_values(node)
        if detail is None:
            if custom:
                wanted["custom_fields"] = custom
            return wanted
        fields = {
            name: value
            for name, value in wanted.items()
            if differs(detail, name, value, self.region, fill=mode == "fill")
        }
        custom = {
            field_id: value
            for field_id, value in custom.items()
            if custom_differs(detail, field_id, value, fill=mode == "fill")
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


def _default_choice(on_duplicate: OnDuplicate, *, exact: bool) -> RowChoice:
    """What a row that matches an existing record gets when the user chose nothing."""
    if on_duplicate == "skip":
        return "skip"
    if on_duplicate == "update" or exact:
        return "fill"  # never overwrite what the office typed unless asked, row by row
    return "create"


_PHONE_FIELDS = ("phone", "alt_phone", "cell", "fax")


def _values(node: NodeIn, *, is_job: bool) -> dict[str, Any]:
    """The row's values as the services take them (job fields for jobs only).

    A phone field without a single digit ("none", "N/A", "-": how QuickBooks files often
    say there is none) is left out rather than kept as a number that cannot be called.
    """
    out: dict[str, Any] = {}
    for name, value in node.values.items():
        if name in JOB_FIELDS and not is_job:
            continue
        if name in _PHONE_FIELDS and not any(ch.isdigit() for ch in str(value)):
            continue
        out[name] = value
    return out
