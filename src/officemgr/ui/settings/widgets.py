"""Small pieces the settings pages share: the message strip, Designer-form pages, labels."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from officemgr.ui.form_loader import DesignerForm
from officemgr.ui.settings.page import SettingsContext, SettingsPage

F = TypeVar("F", bound=DesignerForm)


class MessageStrip(QWidget):
    """A one-line (wrapping) warning with an icon: what a page or the dialog refused, and why.

    Hidden while there is nothing to say; ``text()`` is what the user reads.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageStrip")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#messageStrip { background: #fdecea; border: 1px solid #e6a9a3; border-radius: 4px; }"
            "#messageStrip QLabel { color: #611a15; background: transparent; border: none; }"
        )
        self._icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._icon.setPixmap(warning.pixmap(size, size))
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._label = QLabel(self)
        self._label.setObjectName("messageText")
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self._icon)
        layout.addWidget(self._label, 1)
        # A way forward, where there is one (e.g. Reload after someone else's change).
        self.action_button = QPushButton(self)
        self.action_button.setObjectName("messageAction")
        self.action_button.setAutoDefault(False)
        self.action_button.hide()
        self.action_button.clicked.connect(self._act)
        self._action: Callable[[], None] | None = None
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(
        self,
        message: str,
        title: str | None = None,
        action: tuple[str, Callable[[], None]] | None = None,
    ) -> None:
        """Show ``message``; ``action`` adds a button (its text, what it does)."""
        self._label.setText(f"{title}: {message}" if title else message)
        self._action = action[1] if action is not None else None
        self.action_button.setText(action[0] if action is not None else "")
        self.action_button.setVisible(action is not None)
        self.show()

    def clear(self) -> None:
        self._label.clear()
        self._action = None
        self.action_button.hide()
        self.hide()

    def _act(self) -> None:
        action = self._action
        if action is not None:
            action()

    def text(self) -> str:
        return "" if self.isHidden() else self._label.text()


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A wrapping line of explanation under a field or at the top of a page."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def align_form_labels(*forms: QFormLayout) -> None:
    """Give the label columns of several forms (one per group box) one width, so they line up."""
    labels = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if widget is not None:
                labels.append(widget)
    if not labels:
        return
    width = max(label.sizeHint().width() for label in labels)
    for label in labels:
        label.setMinimumWidth(width)


class FormPage(SettingsPage, Generic[F]):
    """A page whose layout is a Designer form: ``form``, its widgets typed."""

    def __init__(self, form: F, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        # In a scroll area, so a small screen or a large font scrolls instead of clipping.
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(form.root)
        self.scroll_area.viewport().setAutoFillBackground(False)
        form.root.setAutoFillBackground(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    def saved(self, context: SettingsContext) -> None:
        self.load(context)  # what is stored now is what the page compares against
