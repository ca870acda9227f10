"""PySide6 reads every module imported after it, and this keeps that read from staying.

PySide6 hooks ``import`` to learn which modules use it (for its opt-in ``__feature__``
switches): for each module it calls ``inspect.getsource``, which leaves the module's
whole source in ``linecache`` for the life of the process. For this program that is
about 700 modules — SQLAlchemy, phonenumbers and the rest — 11 MB of text held as some
25 MB of strings, and part of a second at start-up. ``check_without_caching`` gives
PySide6 the same answer (does the file mention "PySide6"?) from a plain read of the file.
It is a change to a private part of PySide6, so it is made only where that part is as
expected (PySide6 is pinned in pyproject.toml); otherwise PySide6 keeps its own check.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType

_FEATURE_MODULE = "shibokensupport.feature"


def check_without_caching() -> bool:
    """Replace PySide6's source check; True when it was replaced (or already had been)."""
    import PySide6  # noqa: F401  (loads shibokensupport and its hook)

    feature = sys.modules.get(_FEATURE_MODULE)
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False
    if getattr(original, "reads_without_caching", False):
        return True
    feature._mod_uses_pyside = _uses_pyside(original)  # type: ignore[attr-defined]
    linecache.clearcache()  # what the original check read of the modules before this one
    return True


def _uses_pyside(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)  # built in, compiled or sourceless: its own answer
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.reads_without_caching = True  # type: ignore[attr-defined]
    return uses_pyside
