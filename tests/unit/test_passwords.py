"""Server passwords live in the computer's password store, keyed by the account (never
by a URL with a password in it), and a computer without a store is told so plainly."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordSetError

from officemgr.core import passwords
from officemgr.core.passwords import SERVICE, account, forget_password, password_for, save_password
from officemgr.errors import OfficeMgrError
from tests.keyring_memory import MemoryKeyring

URL = "postgresql://office@db.local:5432/acme"
SECRET = "p@ss:/w%rd"


class LockedKeyring(MemoryKeyring):
    """A store that stays locked: the user dismissed its unlock prompt."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("Failed to unlock the collection")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("Failed to unlock the collection")


def test_a_saved_password_comes_back_for_the_same_account(store: MemoryKeyring) -> None:
    save_password(URL, SECRET)
    assert store.kept == {(SERVICE, "office@db.local:5432/acme"): SECRET}
    assert password_for(URL) == SECRET
    # The same account written another way: the driver, the host's case, the TLS mode.
    assert password_for("postgresql+psycopg://office@DB.local:5432/acme?sslmode=require") == SECRET
    assert password_for("postgresql://office@db.local/acme") == SECRET  # 5432 is the default


def test_other_accounts_do_not_get_it(store: MemoryKeyring) -> None:
    save_password(URL, SECRET)
    assert password_for("postgresql://office@db.local:5433/acme") is None
    assert password_for("postgresql://office@db.local:5432/other") is None
    assert password_for("postgresql://boss@db.local:5432/acme") is None
    assert password_for("postgresql://office@db2.local:5432/acme") is None


def test_saving_again_replaces_and_forgetting_removes(store: MemoryKeyring) -> None:
    save_password(URL, "old")
    save_password(URL, "new")
    assert password_for(URL) == "new"
    forget_password(URL)
    assert password_for(URL) is None
    assert store.kept == {}
    forget_password(URL)  # nothing kept: nothing to do, no error


def test_quoted_users_databases_and_ipv6_hosts_key_by_their_real_names(
    store: MemoryKeyring,
) -> None:
    url = "postgresql://o%27brien@[::1]:5432/acme%20%26%20sons?sslmode=prefer"
    save_password(url, SECRET)
    assert account(url) == "o'brien@[::1]:5432/acme & sons"
    assert store.kept == {(SERVICE, "o'brien@[::1]:5432/acme & sons"): SECRET}


def test_a_url_with_a_password_is_refused_without_repeating_it(store: MemoryKeyring) -> None:
    url = "postgresql://office:hunter2@db.local:5432/acme"
    for call in (lambda: save_password(url, "x"), lambda: password_for(url)):
        with pytest.raises(ValueError, match="carries a password") as caught:
            call()
        assert "hunter2" not in str(caught.value)
    with pytest.raises(ValueError):
        forget_password(url)
    assert store.kept == {}


def test_a_url_without_user_or_database_or_not_a_url_is_refused(store: MemoryKeyring) -> None:
    for url in ("postgresql://db.local/acme", "postgresql://office@db.local", "not a url"):
        with pytest.raises(ValueError):
            save_password(url, SECRET)
    assert store.kept == {}


def test_no_password_store_is_said_in_one_sentence(no_store: KeyringBackend) -> None:
    with pytest.raises(OfficeMgrError) as caught:
        save_password(URL, SECRET)
    message = str(caught.value)
    assert message.startswith("This computer has no password store OfficeMgr can use: ")
    assert SECRET not in message
    assert message.count(". ") == 0 and message.endswith(".")
    assert password_for(URL) is None
    forget_password(URL)  # nothing can be kept, so nothing to forget


def test_no_backend_at_all_is_the_same() -> None:
    """keyring raising NoKeyringError itself (a backend that finds no service running)."""

    class Gone(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            raise keyring.errors.NoKeyringError("no service")

        def set_password(self, service: str, username: str, password: str) -> None:
            raise keyring.errors.NoKeyringError("no service")

    keyring.set_keyring(Gone())  # put back after the test (the autouse ``store``)
    with pytest.raises(OfficeMgrError, match=r"^This computer has no password store"):
        save_password(URL, SECRET)
    assert password_for(URL) is None


def test_a_locked_store_refuses_plainly_and_reads_as_nothing_kept() -> None:
    keyring.set_keyring(LockedKeyring())  # put back after the test (the autouse ``store``)
    with pytest.raises(OfficeMgrError, match="did not take the password") as caught:
        save_password(URL, SECRET)
    assert SECRET not in str(caught.value)
    assert password_for(URL) is None


def test_the_password_is_never_logged(
    store: MemoryKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG", logger=passwords.__name__)
    save_password(URL, SECRET)
    password_for(URL)
    forget_password(URL)
    assert caplog.records  # it does say what it did
    assert all(SECRET not in record.getMessage() for record in caplog.records)
