"""How the window's actions are made: text, icon, standard keys, tooltip and status tip.

Every menu item and toolbar button goes through :func:`make_action`, so each one has a
status tip, a tooltip that names its key, and the platform's standard shortcut first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from officemgr.ui.icons import icon

Key = QKeySequence.StandardKey | str


def shortcuts(*keys: Key) -> list[QKeySequence]:
    """The platform's standard keys first, then fixed ones, without duplicates or blanks."""
    found: list[QKeySequence] = []
    for key in keys:
        sequences = (
            QKeySequence.keyBindings(key)
            if isinstance(key, QKeySequence.StandardKey)
            else [QKeySequence(key)]
        )
        found += [s for s in sequences if not s.isEmpty() and s not in found]
    return found


def key_text(action: QAction) -> str:
    """The action's first shortcut as this platform writes it ("" when it has none)."""
    keys = action.shortcuts()
    return keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""


def set_tip(action: QAction, tip: str) -> None:
    """Tooltip (with the shortcut) and status tip of ``action``."""
    shown = key_text(action)
    action.setToolTip(f"{tip} ({shown})" if shown else tip)
    action.setStatusTip(tip)


def make_action(
    parent: QObject,
    text: str,
    slot: Callable[..., Any] | None,
    *,
    tip: str,
    icon_name: str | None = None,
    keys: tuple[Key, ...] = (),
    checkable: bool = False,
    name: str | None = None,
) -> QAction:
    """A QAction with its icon, keys, tips; ``slot`` gets ``triggered`` (``toggled`` if
    checkable). ``name`` becomes the object name (tests and QSettings find it by that)."""
    action = QAction(text, parent)
    if name:
        action.setObjectName(name)
    if icon_name:
        action.setIcon(icon(icon_name))
    action.setShortcuts(shortcuts(*keys))
    action.setCheckable(checkable)
    set_tip(action, tip)
    if slot is not None:
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
    return action
