"""Services: the only code that writes the company file.

Each public function takes a Session first and keyword-only arguments after it, does one
unit of work (the caller's transaction), validates its input and raises an
``officemgr.errors`` exception a user can read. Results are plain dataclasses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable[..., object])


def reads(func: F) -> F:
    """Mark a service function as read-only (Company runs it in a read transaction)."""
    func.officemgr_reads = True  # type: ignore[attr-defined]
    return func
