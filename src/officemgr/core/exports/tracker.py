"""Between two batches of an export: Cancel is looked at, progress is told, and what was
written is counted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from officemgr.errors import OfficeMgrError

__all__ = ["Cancelled", "ExportCancelled", "Progress", "Tracker"]

Progress = Callable[[int, int], None]
"""``progress(done, total)``: records read so far, of about ``total``."""

Cancelled = Callable[[], bool]
"""Returns True once the user asked to stop; the export then raises ExportCancelled."""


class ExportCancelled(OfficeMgrError):
    """The user stopped the export: no file was written, and one already there is as it was."""


@dataclass
class Tracker:
    """One export's pace and tally. ``total`` is what the reader expects to read (for
    progress); ``rows`` and ``jobs`` what the writer wrote; ``warnings`` are sentences
    about values a format could not hold whole."""

    progress: Progress | None = None
    cancelled: Cancelled | None = None
    total: int = 0
    done: int = 0
    rows: int = 0
    jobs: int = 0
    warnings: list[str] = field(default_factory=list)

    def check(self) -> None:
        """Raise ExportCancelled once the user asked to stop."""
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled("The export was cancelled: no file was written.")

    def start(self, total: int) -> None:
        """The reader knows how many records it will read: progress starts at 0 of them."""
        self.total = total
        self.check()
        if self.progress is not None:
            self.progress(0, total)

    def read(self, count: int) -> None:
        """``count`` more records were read (and the batch before them written)."""
        self.done += count
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)
        self.check()

    def wrote(self, *, job: bool = False) -> None:
        self.rows += 1
        self.jobs += job

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)
