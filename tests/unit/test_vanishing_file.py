"""A company file that vanishes while open (moved, deleted, its drive removed).

SQLite keeps its handle on a deleted file and would go on writing into it, where nobody
will ever see the data; the company refuses every read and write instead, with one
sentence, until the file is back.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from officemgr import Company
from officemgr.core.backup import auto_backup
from officemgr.errors import CompanyFileError

GONE = "is no longer there"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sqlite_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def move_away(path: Path, folder: Path) -> list[tuple[Path, Path]]:
    """Move the file and its -wal and -shm into ``folder``, as pulling a USB stick does."""
    folder.mkdir()
    moved = []
    for file in sqlite_files(path):
        if file.exists():
            file.rename(folder / file.name)
            moved.append((folder / file.name, file))
    return moved


def test_writes_and_reads_on_a_moved_file_say_so(
    company: Any, company_path: Path, tmp_path: Path
) -> None:
    smith = company.customers.add(name="Smith, John")
    moved = move_away(company_path, tmp_path / "stick pulled out")
    with pytest.raises(CompanyFileError) as caught:
        company.customers.update(smith.id, name="Smith, Jonathan")
    message = str(caught.value)
    assert GONE in message and company_path.name in message and "Nothing was saved" in message
    assert "\n" not in message
    with pytest.raises(CompanyFileError, match=f"{GONE}.*It could not be read"):
        company.customers.search("Smith")
    with pytest.raises(CompanyFileError, match=GONE):
        company.phone_lookup("555-201-3344")
    assert not company_path.exists(), "nothing was written at the old place"
    for source, original in moved:  # the stick is back
        source.rename(original)
    assert company.customers.get(smith.id).name == "Smith, John"
    company.customers.update(smith.id, name="Smith, Jonathan")
    assert company.customers.get(smith.id).name == "Smith, Jonathan"


def test_a_deleted_file_takes_no_writes_into_its_open_handle(
    company: Any, company_path: Path
) -> None:
    company.customers.add(name="Smith, John")
    for file in sqlite_files(company_path):
        file.unlink(missing_ok=True)
    with pytest.raises(CompanyFileError, match=GONE):
        company.customers.add(name="Lost, Not Quietly")
    with pytest.raises(CompanyFileError, match=GONE):
        company.tree.counts()
    assert not company_path.exists()


def test_a_file_replaced_under_the_open_company_is_not_written_blindly(
    company: Any, company_path: Path, tmp_path: Path
) -> None:
    # Moved away: the open connections still hold the moved file, the path is empty.
    company.customers.add(name="Smith, John")
    moved = move_away(company_path, tmp_path / "elsewhere")
    with pytest.raises(CompanyFileError, match=GONE):
        company.customers.add(name="Jones, Mary")
    (main_file, _original), *_ = moved
    conn = sqlite3.connect(main_file)
    names = [r[0] for r in conn.execute("SELECT name FROM customer_jobs")]
    conn.close()
    assert names == ["Smith, John"], "the refused write went nowhere"


def test_opening_again_or_backing_up_a_vanished_file_is_one_sentence(
    company: Any, company_path: Path
) -> None:
    for file in sqlite_files(company_path):
        file.unlink(missing_ok=True)
    with pytest.raises(CompanyFileError, match="does not exist"):
        Company.open(company_path, create=False)
    with pytest.raises(CompanyFileError, match="does not exist"):
        auto_backup(company_path, reason="close", keep=3)


def test_another_file_put_in_its_place_is_not_written_through_the_old_handle(
    company: Any, company_path: Path, template_company_file: Path, tmp_path: Path
) -> None:
    company.customers.add(name="Smith, John")
    move_away(company_path, tmp_path / "elsewhere")
    shutil.copyfile(template_company_file, company_path)  # someone copied another file in
    before = digest(company_path)
    with pytest.raises(CompanyFileError) as caught:
        company.customers.add(name="Jones, Mary")
    assert "was replaced by another file" in str(caught.value)
    assert "Nothing was saved" in str(caught.value)
    assert digest(company_path) == before
