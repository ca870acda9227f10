"""A clear ring on the button, check box or tool button that has the keyboard focus.

Fusion marks a focused button with a faint one-pixel line, and only after a Tab; so the
window draws a 2-pixel ring in the palette's highlight colour along the edge of the
focused button instead, for as long as it has the focus, whichever way it got it.

The ring is a small child widget of the button, made as the button takes the focus and
deleted as the focus goes: no style sheet and no proxy style, so no widget changes its
size or look and nothing else is painted differently. (Qt's QFocusFrame is not used:
PySide ties the widget it rings to the frame's life, so a frame deleted with a dialog
took the Python side of the buttons it had ringed with it.)

macOS draws its own focus ring, so `show_focus_rings` leaves the macOS style alone.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QRadioButton,
    QStyle,
    QWidget,
)

RING_WIDTH = 2  # pixels
NATIVE_RING_STYLES = frozenset({"macos"})


class FocusRing(QWidget):
    """The ring along the edge of the button it is made on (a child of it, its size, shown
    at once); the mouse goes through it to the button."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__(button)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setGeometry(button.rect())
        button.installEventFilter(self)  # its size as it changes (taken off as the ring goes)
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        button = self.parentWidget()
        if button is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(button.palette().color(QPalette.ColorRole.Highlight), RING_WIDTH))
        inset = RING_WIDTH / 2  # the pen's middle: the ring fills the outer two pixels
        rect = QRectF(ring_rect(button)).adjusted(inset, inset, -inset, -inset)
        painter.drawRoundedRect(rect, 3, 3)


def ring_rect(button: QWidget) -> QRect:
    """The whole button; only as much of a check box or radio button as its box and text
    take (a wide one would be ringed round empty space)."""
    if not isinstance(button, QCheckBox | QRadioButton):
        return button.rect()
    used = button.sizeHint().boundedTo(button.size())
    where = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    return QStyle.alignedRect(button.layoutDirection(), where, used, button.rect())


class FocusRings(QObject):
    """Puts a ring on each button that takes the focus, and takes it off when it goes.

    A ring is made for each button as it takes the focus and deleted as the focus goes,
    so nothing is kept on a button that may be deleted, and no button is watched longer
    than it has the focus."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("focusRings")
        self._app = app
        self._ring: FocusRing | None = None
        app.focusChanged.connect(self.follow)

    @property
    def ring(self) -> FocusRing | None:
        """The ring on show (None when no button has the focus)."""
        ring = self._ring
        return ring if ring is not None and shiboken6.isValid(ring) else None

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        self._take_off()
        if isinstance(new, QAbstractButton) and not new.isWindow():
            self._ring = FocusRing(new)

    def _take_off(self) -> None:
        ring, self._ring = self.ring, None
        if ring is not None:
            ring.hide()
            ring.deleteLater()

    def remove(self) -> None:
        """Stop showing rings (the one on show goes at once)."""
        self._app.focusChanged.disconnect(self.follow)
        self._take_off()
        self.deleteLater()


_installed: FocusRings | None = None


def show_focus_rings(app: QApplication) -> FocusRings | None:
    """Ring the focused button in every window of ``app`` from now on (once per app; None
    with a style that rings focus itself)."""
    global _installed
    if _installed is not None and shiboken6.isValid(_installed):
        return _installed
    if app.style().name().lower() in NATIVE_RING_STYLES:
        return None
    _installed = FocusRings(app)
    return _installed


def hide_focus_rings() -> None:
    """Undo `show_focus_rings` (for tests, which share one app)."""
    global _installed
    if _installed is not None and shiboken6.isValid(_installed):
        _installed.remove()
    _installed = None
