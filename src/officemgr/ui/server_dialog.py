"""File › Connect to Server…: where a company on a PostgreSQL server is, and who signs in.

A pure input form: it connects to nothing. The window reads `ConnectToServerDialog.url`
(no password in it) and `ConnectToServerDialog.password`, and opens the company with
them. With *Remember the password* checked, accepting keeps the password in the
computer's password store (`officemgr.core.passwords`); unchecked, it forgets one kept
before. A store that cannot keep it is said in a warning, and the connection still goes
ahead this time.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from officemgr.core import passwords
from officemgr.core.server_address import (
    DEFAULT_PORT,
    DEFAULT_TLS,
    QueryValue,
    ServerAddress,
    parse_server_address,
)
from officemgr.errors import OfficeMgrError
from officemgr.ui.customers.fields import COLOURS

__all__ = ["TLS_CHOICES", "ConnectToServerDialog"]

TITLE = "Connect to Server"
# What the TLS menu says, and the sslmode each choice puts in the URL.
TLS_CHOICES: tuple[tuple[str, str], ...] = (
    ("Prefer TLS", "prefer"),
    ("Require TLS", "require"),
    ("Require TLS and check the server's certificate", "verify-full"),
    ("No TLS", "disable"),
)


def _line(parent: QWidget, name: str, tip: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setToolTip(tip)
    edit.setPlaceholderText(placeholder)
    return edit


class ConnectToServerDialog(QDialog):
    """The server, port, database, user, password and TLS of a server company."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectToServerDialog")
        self.setWindowTitle(TITLE)
        self._options: tuple[tuple[str, QueryValue], ...] = ()
        self._make_fields()
        self._lay_out()
        for edit in (self.host_edit, self.database_edit, self.user_edit):
            edit.textChanged.connect(self._update_ok)
        self._update_ok()

    def _make_fields(self) -> None:
        self.host_edit = _line(
            self,
            "serverHostEdit",
            "The name or address of the computer running PostgreSQL",
            "db.example.com",
        )
        self.port_spin = QSpinBox(self)
        self.port_spin.setObjectName("serverPortSpin")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.port_spin.setGroupSeparatorShown(False)
        self.port_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.port_spin.setToolTip(f"The server's port (PostgreSQL's own is {DEFAULT_PORT})")
        self.database_edit = _line(
            self, "serverDatabaseEdit", "The database that holds the company", "acme"
        )
        self.user_edit = _line(self, "serverUserEdit", "Your user name on the server")
        self.password_edit = _line(self, "serverPasswordEdit", "Your password on the server")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.tls_combo = QComboBox(self)
        self.tls_combo.setObjectName("serverTlsCombo")
        for label, mode in TLS_CHOICES:
            self.tls_combo.addItem(label, mode)
        self.tls_combo.setToolTip(
            "Whether the connection is encrypted, and whether the server must prove who it "
            "is (checking its certificate needs the server's certificate set up)"
        )
        self.remember_check = QCheckBox(
            "&Remember the password in this computer's password store", self
        )
        self.remember_check.setObjectName("serverRememberCheck")
        self.remember_check.setChecked(True)
        self.remember_check.setToolTip(
            "Kept by the operating system (Credential Manager, Keychain, Secret Service), "
            "never in OfficeMgr's files"
        )

    def _lay_out(self) -> None:
        intro = QLabel(
            "The company is kept in a PostgreSQL database. Whoever looks after the server "
            "can tell you these details.",
            self,
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = (
            ("&Server:", "Server", self.host_edit),
            ("P&ort:", "Port", self.port_spin),
            ("&Database:", "Database", self.database_edit),
            ("&User name:", "User name", self.user_edit),
            ("&Password:", "Password", self.password_edit),
            ("&TLS:", "TLS", self.tls_combo),
        )
        for text, name, field in rows:
            label = QLabel(text, self)
            label.setBuddy(field)
            field.setAccessibleName(name)
            field.setAccessibleDescription(field.toolTip())
            form.addRow(label, field)
        self.remember_check.setAccessibleName("Remember the password")
        form.addRow("", self.remember_check)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Connect")
        self.ok_button.setObjectName("serverConnectButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Why the last try was turned away (a wrong password): shown above the fields.
        self.refusal_label = QLabel(self)
        self.refusal_label.setObjectName("serverRefusalLabel")
        self.refusal_label.setWordWrap(True)
        self.refusal_label.setStyleSheet(f"color: {COLOURS['error']};")
        self.refusal_label.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.refusal_label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        order = [*(field for _t, _n, field in rows), self.remember_check, self.buttons]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.setMinimumWidth(520)

    def show_refusal(self, message: str) -> None:
        """Say why the server turned the last try away; the password field takes the focus."""
        self.refusal_label.setText(message)
        self.refusal_label.show()
        self.password_edit.selectAll()
        self.password_edit.setFocus()

    # ------------------------------------------------------------------ what was typed

    def address(self) -> ServerAddress:
        """What the fields say (surrounding spaces dropped; the password is not in it)."""
        return ServerAddress(
            host=self.host_edit.text().strip().removeprefix("[").removesuffix("]"),
            database=self.database_edit.text().strip(),
            user=self.user_edit.text().strip(),
            port=self.port_spin.value(),
            tls=str(self.tls_combo.currentData() or DEFAULT_TLS),
            options=self._options,
        )

    def url(self) -> str:
        """``postgresql://user@host:port/database?sslmode=…``, never with the password."""
        return self.address().url()

    def password(self) -> str:
        return self.password_edit.text()

    def is_complete(self) -> bool:
        address = self.address()
        return bool(address.host and address.database and address.user)

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.is_complete())

    # ------------------------------------------------------------------ a known address

    def from_url(self, url: str) -> None:
        """Fill the fields from a URL used before (Open Recent, reconnecting); the
        password from the URL if it has one, else from the password store when it keeps
        one. ValueError when ``url`` is not a PostgreSQL address."""
        address, password = parse_server_address(url)
        self.host_edit.setText(address.host)
        self.port_spin.setValue(address.port)
        self.database_edit.setText(address.database)
        self.user_edit.setText(address.user)
        self._options = address.options
        index = self.tls_combo.findData(address.tls)
        if index < 0:  # a mode the menu does not offer (verify-ca, allow): kept as it is
            self.tls_combo.addItem(f"TLS mode “{address.tls}”", address.tls)
            index = self.tls_combo.count() - 1
        self.tls_combo.setCurrentIndex(index)
        if password is None and self.is_complete():
            password = passwords.password_for(self.url())
        self.password_edit.setText(password or "")
        # Focus where typing is still needed.
        missing = next(
            (e for e in (self.host_edit, self.database_edit, self.user_edit) if not e.text()),
            None,
        )
        (missing or self.password_edit).setFocus()

    # ------------------------------------------------------------------ accepting

    def accept(self) -> None:
        if not self.is_complete():
            return
        self._keep_password()
        super().accept()

    def _keep_password(self) -> None:
        """Remember (or forget) the password as the check box says; a store that cannot
        is said in a warning, and the connection still goes ahead."""
        try:
            if self.remember_check.isChecked():
                if self.password():
                    passwords.save_password(self.url(), self.password())
            else:
                passwords.forget_password(self.url())
        except OfficeMgrError as error:
            QMessageBox.warning(self, TITLE, str(error))
