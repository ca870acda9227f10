"""Customers › Merge… and Customers › Find Duplicates…: two records of one customer made one.

An office that typed "Smith, John" in March and "Smith, J." in May has two records whose
history, money and jobs belong together. `merge` moves everything of one onto the other
and deletes the emptied record, in one unit of work (the Company runs a service in one
transaction; the facade takes a backup first), so a merge either happens whole or not at
all. `duplicate_pairs` lists the pairs worth a look.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core import search as search_index
from officemgr.core.inputs import check_count, check_id, required_text
from officemgr.core.records import DuplicatePair, NodeDetail
from officemgr.core.services import _merge_fields as merge_fields
from officemgr.core.services import _merge_moves as moves
from officemgr.core.services import _merge_pairs as pairs
from officemgr.core.services import _node_records as node_records
from officemgr.core.services import _nodes as nodes
from officemgr.core.services import _tree_ops as tree_ops
from officemgr.core.services import contact_log, reads
from officemgr.errors import ValidationError

__all__ = ["duplicate_pairs", "merge"]

LOG_LIMIT = 100_000  # what a log entry's details hold (contact_log._details)


def merge(
    session: Session,
    *,
    keep: int,
    merge: int,
    by: str,
    keep_version: int | None = None,
    merge_version: int | None = None,
    take: Sequence[str] = (),
) -> NodeDetail:
    """Merge the customer ``merge`` into the customer ``keep``, and delete ``merge``.

    Its jobs become the kept customer's jobs (full names of the whole subtree follow; a
    job whose name the kept customer already uses gets " (2)" appended). Its contacts,
    log entries, invoices, payments, pop-up notes (with their acknowledgements) and
    custom field values move over; the stored balances move with them, so the kept
    customer owes what both owed. Its opening balance is added to the kept one's, and a
    credit hold it had is carried over.

    Fields: those named in ``take`` ("phone", "bill_to", "notepad", "email", "terms_id",
    "card", "name", "custom_fields", …) get the merged customer's value, even an empty
    one; every other field keeps the kept customer's value, except that an empty field of
    the kept customer is filled from the merged one. Phones and e-mails the kept customer
    lacks move over; those of a kind it already has another of are kept on a new contact
    named after the merged customer. Every value left behind is written into the System
    entry logged on the kept customer, with who merged what.

    ``keep_version`` / ``merge_version`` are the versions the user saw: if another desk
    changed either customer since, ConflictError and nothing is merged. A job, the same
    id twice or an unknown id is refused (ValidationError, NotFoundError).
    """
    who = required_text(
        by, field="by", label="Who merges", max_length=m.NAME_LENGTH, missing="Say who is merging."
    )
    taken = merge_fields.check_take(take)
    kept, merged = _the_two(session, keep, merge)
    nodes.check_version(kept, keep_version, kept.full_name)
    nodes.check_version(merged, merge_version, merged.full_name)
    kept_id, merged_id, merged_name = kept.id, merged.id, merged.full_name
    source = merge_fields.snapshot(merged)
    moved = moves.count(session, merged_id)

    renamed = moves.move_jobs(session, merged_id, kept_id)
    moves.move_own_rows(session, merged_id, kept_id)
    moves.move_own_balance(session, merged_id, kept_id)
    notes, work_moved = _merge_details(session, kept_id, merged_id, merged_name, taken)
    session.expire_all()  # the rows above moved beside the ORM: read them again
    moves.refuse_leftovers(session, merged_id, merged_name)
    session.delete(merged)
    nodes.flush(session, record_id=merged_id, what=merged_name)

    kept = nodes.get_node(session, kept_id)
    notes = _apply_fields(session, kept, source, taken, work_moved, notes)
    nodes.touch(kept)
    nodes.flush(session, record_id=kept_id, what=kept.full_name)
    _log(session, kept_id, merged_name, who, moved, renamed, notes)
    search_index.refresh(session.connection(), [kept_id, merged_id])
    return node_records.detail(session, kept_id)


def _the_two(session: Session, keep: Any, merge: Any) -> tuple[m.CustomerJob, m.CustomerJob]:
    """The kept and the merged customer, or a sentence saying why they cannot be merged."""
    check_id(keep, field="keep", label="customer", message="Choose the customer to keep.")
    check_id(merge, field="merge", label="customer", message="Choose the customer to merge.")
    if keep == merge:
        raise ValidationError(
            "Choose two different customers: a customer cannot be merged into itself.",
            field="merge",
        )
    found = []
    for node_id, field in ((keep, "keep"), (merge, "merge")):
        node = nodes.get_node(session, node_id, field=field)
        if node.parent_id is not None:
            raise ValidationError(
                f"“{node.full_name}” is a job, not a customer. Only customers can be merged; "
                "move a job to another customer instead.",
                field=field,
            )
        found.append(node)
    return found[0], found[1]


def _merge_details(
    session: Session, kept_id: int, merged_id: int, merged_name: str, taken: frozenset[str]
) -> tuple[merge_fields.MergeNotes, bool]:
    """Addresses, phones, e-mails and custom field values: rows chosen field by field.
    Returns the notes, and whether the work address came from the merged customer."""
    notes = merge_fields.MergeNotes()
    moved_addresses = merge_fields.merge_addresses(session, kept_id, merged_id, taken, notes)
    phones = merge_fields.merge_numbers(
        session, merge_fields.PHONES, kept_id, merged_id, taken, notes
    )
    emails = merge_fields.merge_numbers(
        session, merge_fields.EMAILS, kept_id, merged_id, taken, notes
    )
    contact = merge_fields.keep_on_contact(session, kept_id, merged_name, phones, emails)
    if contact is not None:
        notes.sentences.append(
            f"Its phones and e-mails of a kind this customer already had are kept on the "
            f"new contact “{contact}”."
        )
    merge_fields.merge_custom_values(session, kept_id, merged_id, taken, notes)
    return notes, "work" in moved_addresses


def _apply_fields(
    session: Session,
    kept: m.CustomerJob,
    source: dict[str, Any],
    taken: frozenset[str],
    work_moved: bool,
    details: merge_fields.MergeNotes,
) -> merge_fields.MergeNotes:
    """The kept customer's columns, chosen from both (after the merged one is gone, so
    that its account number and name are free to take). "Work address same as Bill To"
    describes the work address, so it comes with a work address that was moved over."""
    notes = merge_fields.apply_columns(session, kept, source, taken)
    if "work_same_as_bill_to" in taken:
        notes.taken.append(merge_fields.TAKEABLE["work_same_as_bill_to"])
    if "work_same_as_bill_to" in taken or work_moved:
        kept.work_same_as_bill_to = source["work_same_as_bill_to"]
    merge_fields.combine_money(session, kept, source, notes)
    if "name" in taken and source["name"] != kept.name:
        notes.taken.append("Name")
        notes.replaced.append(f"Name: {kept.name}")
        tree_ops.rename(session, kept, source["name"])
    for part in ("taken", "filled", "replaced", "not_kept", "sentences"):
        getattr(notes, part).extend(getattr(details, part))
    return notes


# --------------------------------------------------------------------------- the log


def _counted(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def log_text(
    merged_name: str,
    who: str,
    moved: moves.Moved,
    renamed: list[tuple[str, str]],
    notes: merge_fields.MergeNotes,
) -> str:
    """The details of the System entry: who merged what, and every value left behind."""
    parts = [
        _counted(moved.jobs, "job", "jobs"),
        _counted(moved.contacts, "contact", "contacts"),
        _counted(moved.log_entries, "log entry", "log entries"),
        _counted(moved.invoices, "invoice", "invoices"),
        _counted(moved.payments, "payment", "payments"),
    ]
    if moved.popup_notes:
        parts.append(_counted(moved.popup_notes, "pop-up note", "pop-up notes"))
    lines = [f"Merged “{merged_name}” into this customer by {who}: {', '.join(parts)} moved."]
    if renamed:
        names = "; ".join(f"“{old}” is now “{new}”" for old, new in renamed)
        lines.append(f"Jobs renamed, as this customer already had a job of that name: {names}.")
    if notes.taken:
        lines.append(f"Taken from “{merged_name}”: {', '.join(dict.fromkeys(notes.taken))}.")
    if notes.filled:
        lines.append(f"Filled in from “{merged_name}”: {', '.join(dict.fromkeys(notes.filled))}.")
    lines.extend(notes.sentences)
    if notes.replaced:
        lines.append("Replaced (what this customer had):\n" + "\n".join(notes.replaced))
    if notes.not_kept:
        lines.append(f"Not kept (what “{merged_name}” had):\n" + "\n".join(notes.not_kept))
    text = "\n".join(lines)
    return text if len(text) <= LOG_LIMIT else text[: LOG_LIMIT - 1] + "…"


def _log(
    session: Session,
    kept_id: int,
    merged_name: str,
    who: str,
    moved: moves.Moved,
    renamed: list[tuple[str, str]],
    notes: merge_fields.MergeNotes,
) -> None:
    contact_log.add(
        session,
        owner=kept_id,
        kind="System",
        subject=f"Merged “{merged_name}” into this customer",
        details=log_text(merged_name, who, moved, renamed, notes),
        employee=who,
        is_system=True,
    )


# ----------------------------------------------------------------------- duplicates


@reads
def duplicate_pairs(session: Session, *, limit: int = 1000) -> list[DuplicatePair]:
    """Pairs of active customers that may be one: the same name (case, accents and
    spacing aside: "Smith, John", "smith,  john", "Smith, Jöhn"), the same phone number
    (seven digits or more) or the same e-mail address (case aside).

    Pairs sharing more first, then by name; the older record (lower id) comes first. A
    number or address shared by more than 25 customers (a placeholder, a head office) is
    no sign of a duplicate and is left out. Set-based: a few statements whatever the
    number of customers (see ``_merge_pairs``).
    """
    check_count(
        limit, field="limit", message="The number of pairs must be a positive whole number."
    )
    return pairs.find_pairs(session.connection(), limit)
