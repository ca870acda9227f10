"""What every report shares: its registry entry, its result, cancelling, the data source."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.orm import Session

from officemgr.core.outputs import checked_output
from officemgr.errors import OfficeMgrError, ValidationError
from officemgr.reports.catalog import ReportEntry

Progress = Callable[[int, int], None]
"""``progress(done, total)``, called from the rendering thread."""

Cancelled = Callable[[], bool]
"""Returns True when the user asked to stop; the report then raises ``ReportCancelled``."""


class ReadSource(Protocol):
    """Where a report reads from: a ``Company`` (anything with a read-transaction ``read()``)."""

    def read(self) -> AbstractContextManager[Session]: ...


class ReportCancelled(OfficeMgrError):
    """The user stopped the report; no file was written."""


@dataclass(frozen=True)
class ReportResult:
    path: Path
    entries: int
    pages: int


class Renderer(Protocol):
    def __call__(
        self,
        source: ReadSource,
        options: Any,
        out_path: str | Path,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ReportResult: ...


@dataclass(frozen=True)
class ReportInfo:
    """One report as the Report Navigator and the menus list it."""

    key: str  # "contact-log": the command-line name
    name: str  # "Contact Log (Customer)"
    category: str  # "Contacts & Jobs"
    description: str
    options_type: type[Any]  # a dataclass; ``options_type()`` is the default choice
    render: Renderer
    # ``table(session, options)``: the same rows as a `tables.ReportTable`, for CSV and
    # Excel (None: the report is a PDF only).
    table: Callable[[Session, Any], Any] | None = None

    @classmethod
    def of(
        cls,
        entry: ReportEntry,
        *,
        options_type: type[Any],
        render: Renderer,
        table: Callable[[Session, Any], Any] | None = None,
    ) -> ReportInfo:
        """The report of a `catalog` entry, with what renders it (and reads its table)."""
        return cls(
            key=entry.key,
            name=entry.name,
            category=entry.category,
            description=entry.description,
            options_type=options_type,
            render=render,
            table=table,
        )


def output_path(out_path: str | Path) -> Path:
    """The PDF to write, refused up front when its folder does not exist, it is a folder,
    or it is company data (a company file, a backup, SQLite's files beside one)."""
    if isinstance(out_path, bool) or not isinstance(out_path, (str, os.PathLike)):
        raise ValidationError("Give the report a file name to be written to.", field="out")
    return checked_output(out_path, what="the report")


def cancel_checker(cancelled: Cancelled | None) -> Callable[[], None]:
    """A check to call between batches and pages: raises ReportCancelled once asked."""

    def check() -> None:
        if cancelled is not None and cancelled():
            raise ReportCancelled("The report was cancelled.")

    return check


def layout_progress(
    check_cancel: Callable[[], None], progress: Progress | None, total: int
) -> Callable[[float], None]:
    """``after_page`` for `template.build`: reading the rows was the first half of the
    work (``total`` steps), laying out the pages is the second; cancelling stops both."""

    def after_page(fraction: float) -> None:
        check_cancel()
        if progress is not None:
            progress(total + int(fraction * total), 2 * total)

    return after_page
