"""A company file on a network share is opened with a rollback journal (SQLite's WAL needs
shared memory on one computer), and refused while a desk on the file's own computer has it
open the local (WAL) way.

The share is simulated: the mount table says the test's folder is a CIFS mount.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from officemgr import Company
from officemgr.core import netfs
from officemgr.errors import CompanyFileError


@pytest.fixture
def share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "office share"
    folder.mkdir()
    real = Path(netfs.MOUNTS_FILE).read_text()
    mounts = tmp_path / "mounts"
    escaped = str(folder).replace(" ", "\\040")
    mounts.write_text(real + f"//server/office {escaped} cifs rw,relatime 0 0\n")
    monkeypatch.setattr(netfs, "MOUNTS_FILE", mounts)
    return folder


def journal_mode(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


def test_the_share_is_told_from_a_local_folder(share: Path, tmp_path: Path) -> None:
    assert netfs.is_network_path(share / "Office.officemgr")
    assert netfs.is_network_path(share / "not yet made" / "x.officemgr")
    assert not netfs.is_network_path(tmp_path / "Local.officemgr")


def test_a_company_on_a_share_uses_a_rollback_journal(
    share: Path, template_company_file: Path
) -> None:
    path = share / "Office.officemgr"
    shutil.copyfile(template_company_file, path)
    with Company.open(path) as first, Company.open(path) as second:
        first.customers.add(name="From Desk One")
        second.customers.add(name="From Desk Two")
        assert not path.with_name(path.name + "-wal").exists()
        assert not path.with_name(path.name + "-shm").exists()
        names = {r.name for r in first.tree.children(parent_id=None, show="all")}
        assert names == {"From Desk One", "From Desk Two"}
    assert journal_mode(path) == "delete"
    made = share / "New.officemgr"  # a new company made on the share, too
    with Company.open(made) as co:
        co.customers.add(name="New")
    assert journal_mode(made) == "delete"


def test_a_share_is_refused_while_a_local_desk_has_it_open_in_wal(
    share: Path, template_company_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = share / "Office.officemgr"
    shutil.copyfile(template_company_file, path)
    local: Any = sqlite3.connect(path)  # the desk on the computer that holds the file
    local.execute("PRAGMA journal_mode=WAL")
    local.execute("SELECT count(*) FROM customer_jobs").fetchone()
    try:
        with pytest.raises(CompanyFileError, match="is on a network share"):
            Company.open(path)
    finally:
        local.close()
    with Company.open(path) as co:  # once that desk closed it, the share opens
        co.customers.add(name="Now Fine")
