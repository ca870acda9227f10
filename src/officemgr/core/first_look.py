"""The first page of customers, read before the rest of the program has loaded.

A dispatcher starts the program to answer the phone: the list must be on screen at once.
SQLAlchemy, the models and the services take most of a second to import, so the window
first shows what this module reads through plain ``sqlite3`` — the office's name, its
way of writing numbers and the first page of active customers — and opens the company
file for real right after that first paint (``ui.main_window.MainWindow.starting``).

The page is the one ``co.tree.children(parent_id=None, show="active")`` returns, row for
row; ``tests/unit/test_first_look.py`` holds the two to each other. Anything unusual — a
file that is new, older (it will be upgraded), newer, foreign, damaged or busy — gives
``None``, and the window opens the file the ordinary way, which says what is wrong.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from officemgr.core.file_header import SCHEMA_HEAD, inspect_file, read_only_uri
from officemgr.core.records import DEFAULT_PAGE, TreeRow
from officemgr.errors import OfficeMgrError

__all__ = ["FirstLook", "first_look"]

log = logging.getLogger(__name__)

# The active customers in list order, then for that page only what each row shows beside
# its name (the services' tree query, for show="active" at the top level).
_FIRST_PAGE = """
SELECT node.id, node.name, node.full_name, node.parent_id, root.id, node.depth,
       node.is_active, node.is_prospect, root.credit_hold,
       EXISTS (SELECT 1 FROM popup_notes AS note
               WHERE (note.owner_id = node.id OR note.owner_id = root.id)
                 AND note.is_active = 1
                 AND (note.active_from IS NULL OR note.active_from <= :today)
                 AND (note.active_until IS NULL OR note.active_until >= :today)),
       EXISTS (SELECT 1 FROM customer_jobs AS child
               WHERE child.parent_id = node.id AND child.is_active = 1),
       node.balance_total, page.sort_key
FROM (SELECT id, sort_key FROM customer_jobs
      WHERE parent_id IS NULL AND is_active = 1
      ORDER BY sort_key, id LIMIT :limit) AS page
JOIN customer_jobs AS node ON node.id = page.id
JOIN customer_jobs AS root ON root.id = coalesce(node.customer_id, node.id)
ORDER BY page.sort_key, page.id
"""

_OFFICE = "SELECT company_name, number_locale, currency FROM office_settings LIMIT 1"


@dataclass(frozen=True)
class FirstLook:
    """What the window shows before the company file is open."""

    path: Path
    company_name: str
    number_locale: str | None  # the office's way of writing numbers (None: the computer's)
    currency: str | None
    rows: tuple[TreeRow, ...]  # the first page of active customers, in list order


def first_look(path: Path, *, limit: int = DEFAULT_PAGE) -> FirstLook | None:
    """The first page of ``path``'s list, or None when the file must be opened first."""
    path = Path(path).expanduser().absolute()
    try:
        info = inspect_file(path)
    except OfficeMgrError as error:  # the ordinary opening says so, in its own words
        log.info("No first look at %s: %s", path, error)
        return None
    if not info.exists or info.revision != SCHEMA_HEAD:
        return None  # made or upgraded as it opens
    try:
        return _read(path, limit)
    except sqlite3.Error as error:
        log.info("No first look at %s: %s", path, error)
        return None


def _read(path: Path, limit: int) -> FirstLook | None:
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        office = conn.execute(_OFFICE).fetchone()
        params = {"today": date.today().isoformat(), "limit": limit}
        rows = tuple(_tree_row(row) for row in conn.execute(_FIRST_PAGE, params))
    finally:
        conn.close()
    if office is None:
        return None
    name, number_locale, currency = office
    return FirstLook(path, name or "", number_locale, currency, rows)


def _tree_row(row: Any) -> TreeRow:
    *columns, cents, sort_key = row
    balance = Decimal(int(cents or 0)).scaleb(-2)  # money is stored in cents (core.types)
    return TreeRow.of_columns((*columns, balance, sort_key))
