"""Reads of the Customer:Job tree that the services and the reports share.

Public, so that the reports (and anything else Qt-free that reads) need no private
service module for them.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.keys import descendant_range

__all__ = ["descendants_of", "office_region"]

N = m.CustomerJob


def descendants_of(key: str) -> ColumnElement[bool]:
    """Rows below the node whose ``full_name_key`` is ``key`` (not the node itself)."""
    low, high = descendant_range(key)
    return and_(N.full_name_key >= low, N.full_name_key < high)


def office_region(session: Session) -> str:
    """The office's default phone region (ISO country code), "US" before settings exist."""
    region = session.execute(select(m.OfficeSettings.default_phone_region)).scalar()
    return region or "US"
