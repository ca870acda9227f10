"""A full disk and a read-only place: every write says so in one sentence, leaves no part
of a file behind, and keeps what was saved before.

The disks are real: small tmpfs mounts (the tests need root, as CI has; elsewhere they are
skipped with the reason).
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from officemgr import Company
from officemgr.cli import main as cli_main
from officemgr.core.backup import make_backup, restore_backup
from officemgr.core.outputs import WriteFailedError
from officemgr.errors import CompanyFileError

NAME = "Test Company.officemgr"


@contextlib.contextmanager
def mounted(folder: Path, options: str) -> Iterator[Path]:
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small disk here: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> None:
    """Take every free byte of the disk of ``folder``."""
    with (folder / "filler").open("wb") as f, contextlib.suppress(OSError):
        while True:
            f.write(b"\0" * 65536)
            f.flush()


def leftovers(folder: Path) -> list[str]:
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.name not in (NAME, f"{NAME}-wal", f"{NAME}-shm", "filler")
        and not p.name.endswith("-desks")
    )


@pytest.fixture
def small_disk(tmp_path: Path, company_path: Path) -> Iterator[Path]:
    """The company file (with one customer) on a small disk of its own."""
    with mounted(tmp_path / "disk", "size=4m") as disk:
        path = disk / NAME
        shutil.copyfile(company_path, path)
        with Company.open(path) as co:
            co.customers.add(name="Saved Before")
        yield path


def test_a_save_on_a_full_disk_says_so_and_keeps_what_was_saved(small_disk: Path) -> None:
    with Company.open(small_disk) as co:
        fill(small_disk.parent)
        with pytest.raises(CompanyFileError) as refused:
            for n in range(200):  # the WAL grows until the disk refuses a page
                co.customers.add(name=f"Too Many {n}", notepad="x" * 20_000)
        assert str(refused.value) == (
            f"The disk holding “{NAME}” is full. Nothing was saved; free some space on it, "
            "then try again."
        )
    (small_disk.parent / "filler").unlink()
    with Company.open(small_disk) as co:
        assert [r.name for r in co.customers.search("Saved Before")] == ["Saved Before"]


def test_a_backup_onto_a_full_disk_leaves_nothing(company_path: Path, tmp_path: Path) -> None:
    with mounted(tmp_path / "disk", "size=1m") as disk:
        fill(disk)
        with pytest.raises(CompanyFileError, match=r"the disk is full\. Nothing was written"):
            make_backup(company_path, to_dir=disk)
        assert leftovers(disk) == []


def test_a_copy_that_fills_the_disk_says_so_and_leaves_nothing(tmp_path: Path) -> None:
    from officemgr.core.copying import copy_company
    from officemgr.samples import make_demo_company

    sample = tmp_path / "Sample.officemgr"
    make_demo_company(sample, customers=150, seed=2)  # several times the small disk
    with mounted(tmp_path / "disk", "size=1m") as disk:
        with pytest.raises(CompanyFileError, match=r"the disk is full\. Nothing was written"):
            copy_company(sample, disk / NAME)
        assert list(disk.iterdir()) == []


def test_a_report_onto_a_full_disk_or_a_read_only_one_says_so(
    company: Any, tmp_path: Path, capsys: Any
) -> None:
    company.customers.add(name="Someone")
    with mounted(tmp_path / "disk", "size=1m") as disk:
        fill(disk)
        with pytest.raises(WriteFailedError) as refused:
            company.reports.contact_log(disk / "log.pdf")
        assert str(refused.value) == (
            f"Cannot write the report to “log.pdf” in {disk}: the disk is full. "
            "Nothing was written."
        )
        assert leftovers(disk) == []
    with mounted(tmp_path / "ro", "size=1m,ro") as read_only:
        code = cli_main(
            ["report", "contact-log", "--db", str(company.path), "--out", str(read_only / "x.pdf")]
        )
        err = capsys.readouterr().err
        assert code == 1
        assert err.strip() == (
            f"officemgr: Cannot write the report to “x.pdf” in {read_only}: that place is "
            "read-only or not yours to write to. Nothing was written."
        )


def test_a_restore_onto_a_full_disk_leaves_the_file_as_it_was(
    small_disk: Path, tmp_path: Path
) -> None:
    full_disk = small_disk
    good = tmp_path / "good.officemgr"
    make_backup(full_disk, to_dir=tmp_path).rename(good)
    with Company.open(good) as co:
        for n in range(4):
            co.customers.add(name=f"Only In The Backup {n}", notepad="y" * 90_000)
    fill(full_disk.parent)
    before = full_disk.read_bytes()
    with pytest.raises(CompanyFileError, match="disk is full"):
        restore_backup(good, target=full_disk)
    assert full_disk.read_bytes() == before
    assert leftovers(full_disk.parent) == []
