"""Reads of the Customer:Job tree that the services and the reports share.

Public, so that the reports (and anything else Qt-free that reads) need no private
service module for them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Exists, and_, exists, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from officemgr.core import models as m
from officemgr.core.keys import descendant_range

__all__ = ["descendants_of", "has_popup_notes", "office_region"]

N = m.CustomerJob


def descendants_of(key: str) -> ColumnElement[bool]:
    """Rows below the node whose ``full_name_key`` is ``key`` (not the node itself)."""
    low, high = descendant_range(key)
    return and_(N.full_name_key >= low, N.full_name_key < high)


def office_region(session: Session) -> str:
    """The office's default phone region (ISO country code), "US" before settings exist."""
    region = session.execute(select(m.OfficeSettings.default_phone_region)).scalar()
    return region or "US"


def has_popup_notes(
    node_id: ColumnElement[int] | InstrumentedAttribute[int],
    customer_id: ColumnElement[int] | InstrumentedAttribute[int],
    today: Any,
) -> Exists:
    """The pop-up badge of a row: an active note, within its dates on ``today`` (a date
    or a bind parameter), on the node itself or on its customer — the list, the quick
    filter's results and the caller chooser show the same badge."""
    notes = m.table(m.PopupNote)
    return exists().where(
        or_(notes.c.owner_id == node_id, notes.c.owner_id == customer_id),
        notes.c.is_active == true(),
        or_(notes.c.active_from.is_(None), notes.c.active_from <= today),
        or_(notes.c.active_until.is_(None), notes.c.active_until >= today),
    )
