"""Server passwords, kept in the operating system's password store through ``keyring``.

A password for a server company is never written to a settings file, to a URL on disk,
to a command line or to a log: it goes to the computer's password store (the Windows
Credential Manager, the macOS Keychain, the Secret Service on Linux) under the service
`SERVICE`, keyed by the account it signs in, ``user@host:port/database`` (`account`).

Callers hand in the URL without its password (a URL carrying one is refused with
ValueError). When the computer has no usable store, `save_password` says so with one
`OfficeMgrError` sentence and `password_for` answers None (the user types it instead).
"""

from __future__ import annotations

import logging

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringError, NoKeyringError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from officemgr.errors import OfficeMgrError

__all__ = ["SERVICE", "account", "forget_password", "password_for", "save_password"]

SERVICE = "OfficeMgr"
DEFAULT_PORT = 5432

NO_STORE = (
    "This computer has no password store OfficeMgr can use: no system keyring was found "
    "(on Linux, start GNOME Keyring or KWallet), so the password was not saved."
)

log = logging.getLogger(__name__)


def account(url: str) -> str:
    """The store's key for the account ``url`` signs in: ``user@host:port/database``.

    ValueError (never repeating ``url``) when it carries a password, names no user or
    no database, or is not a URL.
    """
    try:
        parsed = make_url(url.strip())
    except ArgumentError:
        raise ValueError("That is not a server address: no password can be kept for it.") from None
    if parsed.password is not None:
        raise ValueError("The server address carries a password: take it out of the address first.")
    if not parsed.username or not parsed.database:
        raise ValueError("The server address names no user or no database.")
    host = (parsed.host or "localhost").lower()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address, bracketed as in a URL
    return f"{parsed.username}@{host}:{parsed.port or DEFAULT_PORT}/{parsed.database}"


def _store() -> KeyringBackend | None:
    """The computer's password store; None when there is none OfficeMgr can use."""
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring | null.Keyring):
        return None
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return None  # chaining nothing: it would drop every password silently
    return backend


def save_password(url: str, password: str) -> None:
    """Keep ``password`` for the account of ``url`` (replacing one kept before).

    OfficeMgrError when the computer has no usable password store or the store refuses.
    """
    key = account(url)
    store = _store()
    if store is None:
        raise OfficeMgrError(NO_STORE)
    try:
        store.set_password(SERVICE, key, password)
    except NoKeyringError:
        raise OfficeMgrError(NO_STORE) from None
    except KeyringError as error:
        raise OfficeMgrError(
            f"The password store did not take the password ({_reason(error)}), so it was not saved."
        ) from None
    log.info("Saved the server password of %s in the password store", key)


def password_for(url: str) -> str | None:
    """The password kept for the account of ``url``; None when none is kept or the
    store cannot be read (no usable store, or it stayed locked)."""
    key = account(url)
    store = _store()
    if store is None:
        return None
    try:
        return store.get_password(SERVICE, key)
    except KeyringError as error:
        log.info("The password store could not be read for %s: %s", key, _reason(error))
        return None


def forget_password(url: str) -> None:
    """Remove the password kept for the account of ``url``, if any.

    OfficeMgrError only when a store holds it and refuses to let it go.
    """
    key = account(url)
    store = _store()
    if store is None:
        return  # nothing can have been kept
    try:
        if store.get_password(SERVICE, key) is None:
            return
        store.delete_password(SERVICE, key)
    except NoKeyringError:
        return
    except KeyringError as error:
        raise OfficeMgrError(
            f"The password store did not forget the password ({_reason(error)})."
        ) from None
    log.info("Forgot the server password of %s", key)


def _reason(error: KeyringError) -> str:
    text = str(error).strip().rstrip(".")
    return text or type(error).__name__
