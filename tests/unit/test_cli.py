"""The command line: demo, find-phone, check, backup and restore, as a user runs them."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from officemgr import Company, __version__
from officemgr.cli import main

DEMO_CUSTOMERS = 150


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "Demo.officemgr"
    assert main(["demo", "--db", str(path), "--customers", str(DEMO_CUSTOMERS), "--seed", "3"]) == 0
    return path


@pytest.fixture
def demo_file(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "Demo.officemgr"
    shutil.copyfile(demo_template, path)
    return path


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed entry point in a real process, as a terminal or script runs it."""
    return subprocess.run(
        [sys.executable, "-m", "officemgr", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_demo_makes_a_company_that_passes_check(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Company.open(demo_file) as co:
        counts = co.tree.counts()
    assert counts.customers == DEMO_CUSTOMERS
    assert counts.jobs > 0
    assert main(["check", "--db", str(demo_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("No problems found") and f"{DEMO_CUSTOMERS} customers" in out


def test_demo_is_deterministic(tmp_path: Path, demo_template: Path) -> None:
    again = tmp_path / "Again.officemgr"
    assert (
        main(["demo", "--db", str(again), "--customers", str(DEMO_CUSTOMERS), "--seed", "3"]) == 0
    )
    query = "SELECT full_name, balance_total FROM customer_jobs ORDER BY id"
    rows = [sqlite3.connect(p).execute(query).fetchall() for p in (demo_template, again)]
    assert rows[0] == rows[1]


def test_demo_refuses_to_overwrite_a_file(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(demo_file)
    assert main(["demo", "--db", str(demo_file), "--customers", "5"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert digest(demo_file) == before


def test_find_phone_finds_a_number_typed_another_way(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = sqlite3.connect(demo_file)
    name, e164 = conn.execute(
        "SELECT c.name, p.e164 FROM phones p JOIN customer_jobs c ON c.id = p.owner_id "
        "WHERE c.parent_id IS NULL AND p.e164 LIKE '+1555%' AND p.kind = 'main' LIMIT 1"
    ).fetchone()
    conn.close()
    digits = e164[2:]
    typed = f"1 ({digits[:3]}) {digits[3:6]}.{digits[6:]}"
    assert main(["find-phone", "--db", str(demo_file), typed]) == 0
    assert name in capsys.readouterr().out


def test_find_phone_says_when_nobody_has_the_number(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["find-phone", "--db", str(demo_file), "999-999-0000"]) == 1
    assert "Nobody has the number" in capsys.readouterr().out


# ----------------------------------------------------------------- Verify Data


def _break(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=OFF")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


FIRST_JOB = "(SELECT min(id) FROM customer_jobs WHERE depth = 1)"
OTHER_CUSTOMER = (
    "(SELECT max(id) FROM customer_jobs WHERE depth = 0 AND id <> "
    f"(SELECT customer_id FROM customer_jobs WHERE id = {FIRST_JOB}))"
)

BROKEN = {
    "job filed under another customer": (
        [f"UPDATE customer_jobs SET customer_id = {OTHER_CUSTOMER} WHERE id = {FIRST_JOB}"],
        "customer does not match",
    ),
    "balance that does not add up": (
        [
            "UPDATE customer_jobs SET balance_total = balance_total + 1234 "
            "WHERE id = (SELECT min(id) FROM customer_jobs)"
        ],
        "Balances that do not add up",
    ),
    "invoice paid amount wrong": (
        [
            "UPDATE invoices SET amount_paid = amount_paid + 100 "
            "WHERE id = (SELECT min(id) FROM invoices)"
        ],
        "paid amount does not match",
    ),
    "orphan phone": (
        [
            "INSERT INTO phones (owner_id, kind, position, as_typed, digits_key, is_valid, "
            "version, "
            "created_at, updated_at) VALUES (99999999, 'main', 0, '555', '', 0, 1, "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        ],
        "phone number record(s) point to a customer or job that does not exist",
    ),
    "parent loop": (
        # Two jobs made each other's parent: the walk to the root never ends.
        [
            "UPDATE customer_jobs SET parent_id = "
            f"(SELECT max(id) FROM customer_jobs WHERE depth = 1) WHERE id = {FIRST_JOB}",
            f"UPDATE customer_jobs SET parent_id = {FIRST_JOB} "
            "WHERE id = (SELECT max(id) FROM customer_jobs WHERE depth = 1)",
        ],
        "parents form a loop",
    ),
}


@pytest.mark.parametrize("case", BROKEN)
def test_check_lists_what_is_wrong_in_words(
    case: str, demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statements, words = BROKEN[case]
    _break(demo_file, *statements)
    before = digest(demo_file)
    assert main(["check", "--db", str(demo_file)]) == 1
    out = capsys.readouterr().out
    assert words in out
    assert "Traceback" not in out
    assert digest(demo_file) == before, "Verify Data never changes the file"


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (
            lambda p, t: p.write_bytes(b"PK\x03\x04 not a database at all" * 50),
            "not a SQLite database",
        ),
        (lambda p, t: p.write_bytes(t.read_bytes()[:8192]), "damaged"),
        (lambda p, t: p.write_bytes(b""), "empty"),
    ],
    ids=["non-SQLite", "truncated", "zero-byte"],
)
def test_check_on_an_unusable_file_says_one_sentence(
    make, words: str, tmp_path: Path, demo_template: Path
) -> None:
    path = tmp_path / "Broken.officemgr"
    make(path, demo_template)
    before = digest(path)
    result = run_cli("check", "--db", str(path))
    assert result.returncode == 1
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert digest(path) == before


def test_check_on_a_newer_schema_file(tmp_path: Path, demo_template: Path) -> None:
    path = tmp_path / "Future.officemgr"
    shutil.copyfile(demo_template, path)
    _break(path, "UPDATE alembic_version SET version_num = '0099_future'")
    before = digest(path)
    result = run_cli("check", "--db", str(path))
    assert result.returncode == 1
    assert "newer version of OfficeMgr" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert digest(path) == before


# ------------------------------------------------------------ backup and restore


def test_backup_then_restore_brings_the_data_back(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backups = tmp_path / "backups"
    assert main(["backup", "--db", str(demo_file), "--to", str(backups)]) == 0
    (backup,) = backups.glob("*.officemgr")
    with Company.open(demo_file) as co:
        first = co.tree.children(parent_id=None, limit=1)[0]
        co.customers.update(first.id, name="Renamed After Backup")
    assert main(["restore", str(backup), "--db", str(demo_file)]) == 0
    out = capsys.readouterr().out
    assert "kept as" in out
    with Company.open(demo_file) as co:
        assert co.customers.get(first.id).name == first.name
    kept = [p for p in Path(out.split("kept as ")[1].strip()).parent.glob("*before-restore*")]
    assert len(kept) == 1
    conn = sqlite3.connect(kept[0])
    renamed = conn.execute("SELECT name FROM customer_jobs WHERE id = ?", (first.id,)).fetchone()
    conn.close()
    assert renamed == ("Renamed After Backup",)


def test_restore_refuses_a_damaged_backup(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = tmp_path / "damaged.officemgr"
    damaged.write_bytes(demo_file.read_bytes()[:20000])
    before = digest(demo_file)
    assert main(["restore", str(damaged), "--db", str(demo_file)]) == 1
    assert "damaged" in capsys.readouterr().err
    assert digest(demo_file) == before


def test_backup_of_a_missing_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", "--db", str(tmp_path / "nope.officemgr")]) == 1
    assert "does not exist" in capsys.readouterr().err
