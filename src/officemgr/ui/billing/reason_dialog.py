"""A dialog that explains something and will not go on without a typed reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ReasonDialog(QDialog):
    """``explained`` widgets above a reason box; the OK button (``ok_text``) stays disabled
    until a reason is typed. Object names start with ``prefix`` ("void" → voidReasonEdit)."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        prefix: str,
        title: str,
        explained: list[QWidget],
        reason_label: str,
        placeholder: str,
        ok_text: str,
        reason: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(reason_label, self)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setObjectName(f"{prefix}ReasonEdit")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(placeholder)
        self.reason_edit.setFixedHeight(70)
        self.reason_edit.setPlainText(reason)
        label.setBuddy(self.reason_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("buttonBox")
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        for widget in explained:
            layout.addWidget(widget)
        layout.addWidget(label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self._update_ok()
        self.reason_edit.setFocus()

    @property
    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def ask(self) -> str | None:
        """The reason if confirmed, else None."""
        return self.reason if self.exec() == QDialog.DialogCode.Accepted else None

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.reason))

    def _accept(self) -> None:
        if self.reason:
            self.accept()


def wrapped_label(html: str, name: str) -> QLabel:
    """A word-wrapped label for ``explained`` (the dialog's layout adopts it)."""
    label = QLabel(html)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label
