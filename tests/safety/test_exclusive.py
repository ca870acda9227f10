"""Restore, repair and upgrade are alone with the file: refused while another desk has it
open (so no confirmed save can be lost under them), and nobody opens it while they run.

Real processes: a desk (tests/safety/writer.py) saving in a loop, and the command line.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from officemgr import Company
from officemgr.core import desks
from officemgr.core.backup import make_backup, restore_backup
from officemgr.errors import CompanyBusyError

SAVES = 150


def names(path: Path) -> set[str]:
    with Company.open(path, create=False) as co:
        return {row.name for row in co.tree.children(parent_id=None, show="all", limit=10_000)}


def confirmed(desk: Any) -> set[str]:
    return {f"Desk {line.split()[3]}" for line in desk.lines if line.startswith("ok customer")}


def test_restore_is_refused_while_a_desk_is_saving_and_no_save_is_lost(
    company_path: Path, tmp_path: Path, children: Any, cli: Any
) -> None:
    good = make_backup(company_path, to_dir=tmp_path / "kept")  # an empty company
    desk = children("desk", company_path)
    desk.expect("ready")
    desk.send(*(f"add B{n}" for n in range(SAVES)))
    desk.expect("ok customer")  # saving has begun
    refused = cli("restore", good, "--db", company_path)
    assert refused.returncode == 1, refused.stderr
    assert refused.stderr.strip() == (
        "officemgr: Another program has “Test Company.officemgr” open; close it first, "
        "then restore it. Nothing was changed."
    )
    desk.send("quit")
    assert desk.finish(timeout=120) == 0, desk.describe()
    saved = confirmed(desk)
    assert len(saved) == SAVES
    assert saved <= names(company_path)  # every confirmed save is in the file

    # With the desk gone the restore goes ahead, and the file it replaced kept them all.
    done = cli("restore", good, "--db", company_path)
    assert done.returncode == 0, done.stderr
    assert names(company_path) == set()
    (kept,) = (Path(line.split("kept as ", 1)[1].rstrip(".")) for line in _kept(done.stdout))
    assert saved <= names(kept)
    assert not desks.folder_of(company_path).exists()  # nothing left beside the file


def _kept(output: str) -> list[str]:
    return [line for line in output.splitlines() if "kept as " in line]


def test_nobody_opens_the_file_while_it_is_restored(company_path: Path, children: Any) -> None:
    with desks.alone(company_path, doing="restored", action="restore it"):
        desk = children("desk", company_path)
        code = desk.finish(timeout=120)
        assert code != 0
        assert (
            "“Test Company.officemgr” is being restored by another window or program; open it "
            "again when that is done." in desk.error_output()
        )
    desk = children("desk", company_path)  # afterwards it opens as usual
    desk.expect("ready")


def test_a_desk_that_died_does_not_block_a_restore(
    company_path: Path, tmp_path: Path, children: Any
) -> None:
    good = make_backup(company_path, to_dir=tmp_path / "kept")
    desk = children("desk", company_path)
    desk.expect("ready")
    desk.kill()  # SIGKILL: its mark stays behind, held by nobody
    assert len(list(desks.folder_of(company_path).iterdir())) == 1
    assert restore_backup(good, target=company_path) is not None
    assert not desks.folder_of(company_path).exists()


def test_repair_and_restore_say_how_many_others_have_the_file_open(
    company_path: Path, tmp_path: Path, children: Any
) -> None:
    good = tmp_path / "good.officemgr"
    shutil.copyfile(company_path, good)
    first, second = children("desk", company_path), children("desk", company_path)
    for desk in (first, second):
        desk.expect("ready")
    started = time.monotonic()
    try:
        restore_backup(good, target=company_path)
    except CompanyBusyError as error:
        assert str(error) == (
            "2 other programs have “Test Company.officemgr” open; close them first, then "
            "restore it. Nothing was changed."
        )
    else:
        raise AssertionError("the restore went ahead with two desks on the file")
    assert time.monotonic() - started < 5  # refused at once, not after waiting on a lock
