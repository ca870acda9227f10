"""The customers and jobs a report was asked for, by id or by full name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from officemgr.core import keys
from officemgr.core import models as m
from officemgr.errors import NotFoundError, ValidationError

N = m.table(m.CustomerJob)


@dataclass(frozen=True)
class ChosenNode:
    """A customer or job chosen for a report."""

    id: int
    parent_id: int | None
    full_name: str
    full_name_key: str
    customer_id: int


def resolve_customers(session: Session, wanted: Sequence[int | str]) -> list[ChosenNode]:
    """The chosen customers or jobs, in the order given: ids in one query, names one by one
    (``"Smith, John:Furnace"``, case-insensitive). NotFoundError names the first missing."""
    for item in wanted:
        if isinstance(item, bool) or not isinstance(item, (int, str)):
            raise ValidationError("Choose customers by id or by name.", field="customers")
    columns = (N.c.id, N.c.parent_id, N.c.full_name, N.c.full_name_key, N.c.customer_id)
    ids = sorted({item for item in wanted if isinstance(item, int)})
    by_id = {
        row.id: ChosenNode(*row) for row in session.execute(select(*columns).where(N.c.id.in_(ids)))
    }
    found: list[ChosenNode] = []
    for item in wanted:
        if isinstance(item, int):
            node = by_id.get(item)
            if node is None:
                raise NotFoundError(f"There is no customer or job with id {item}.")
        else:
            key = ":".join(keys.name_key(part.strip()) for part in item.split(":"))
            row = session.execute(select(*columns).where(N.c.full_name_key == key)).first()
            if row is None:
                raise NotFoundError(f"There is no customer or job called “{item.strip()}”.")
            node = ChosenNode(*row)
        found.append(node)
    return found


def chosen_text(chosen: Sequence[ChosenNode], *, shown: int = 10) -> str | None:
    """The chosen customers as a report's filter line names them: the first ``shown``
    full names and how many more; None when none were chosen (all are in the report)."""
    if not chosen:
        return None
    names = "; ".join(node.full_name for node in chosen[:shown])
    if len(chosen) > shown:
        names += f"; and {len(chosen) - shown:,} more"
    return names
