"""The Customer:Job form's save: fields, a rename and a move, checked and applied together."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from officemgr.core.inputs import as_id
from officemgr.core.records import NodeDetail
from officemgr.core.services._node_records import detail
from officemgr.core.services._nodes import (
    apply_fields,
    apply_opening_balance,
    check_field_names,
    check_version,
    flush,
    has_changes,
    load_for_edit,
    touch,
)
from officemgr.core.services._tree_ops import move, rename
from officemgr.core.tree_queries import office_region
from officemgr.errors import ValidationError

_UNSET: Any = object()


def update_node(
    session: Session, node_id: Any, *, expected_version: int | None, changes: Mapping[str, Any]
) -> NodeDetail:
    """The form's save: every field of either tab, a rename and a new parent in one go."""
    node = load_for_edit(session, node_id)
    check_version(node, expected_version, node.full_name)
    fields = dict(changes)
    new_name = fields.pop("name", _UNSET)
    new_parent = fields.pop("parent", _UNSET)
    if "parent_id" in fields:
        if new_parent is not _UNSET:
            raise ValidationError("Give the new parent once.", field="parent")
        new_parent = fields.pop("parent_id")
    if new_parent is not _UNSET and new_parent is not None:
        new_parent = as_id(new_parent, field="parent", label="Parent")
    will_be_job = (node.parent_id is not None) if new_parent is _UNSET else new_parent is not None
    check_field_names(fields, is_job=will_be_job)
    what = node.full_name

    delta = apply_fields(
        session,
        node,
        fields,
        region=office_region(session),
        replace_addresses=False,
        is_job=will_be_job,
    )
    if new_name is not _UNSET:
        rename(session, node, new_name)
    if has_changes(session):
        touch(node)
    flush(session, record_id=node.id, what=what)
    if new_parent is not _UNSET:
        move(session, node, new_parent)
    apply_opening_balance(session, node, delta)
    return detail(session, node.id)
