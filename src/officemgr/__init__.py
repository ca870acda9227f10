"""OfficeMgr: a desktop office manager for small service businesses.

``from officemgr import Company`` is the public Python API (see ``officemgr.company``).
It is imported lazily so ``officemgr --help`` and the window start without paying for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from officemgr._version import __version__

if TYPE_CHECKING:
    from officemgr.company import Company

__all__ = ["Company", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "Company":
        from officemgr.company import Company

        return Company
    raise AttributeError(f"module 'officemgr' has no attribute {name!r}")
