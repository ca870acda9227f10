"""The command line, given hostile arguments: exit status 0, 1 or 2, and a refusal is one
readable line on stderr — never a traceback.

Each command (every report, find-phone, check, backup, restore, demo) is run through
``officemgr.cli.main`` with odd values for its options: numbers beyond 64 bits, dates that
do not exist, text a shell passes but no keyboard types (control characters, bytes that are
not UTF-8, which Python hands over as lone surrogates), missing files, folders where files
belong, and the company file itself where a PDF should go. stdout is strict UTF-8 and
stderr escapes what it cannot encode, as a terminal's are.

argparse's own refusals (exit 2) are its usage line and one "error:" line.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from officemgr import Company
from officemgr.cli import main

QUICK, SLOW = 20, 500  # examples per command

NUMBERS = [
    "99999999999999999999999",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "-1",
    "0",
    "1e3",
    "NaN",
    "0x10",
    "١٢",
    "1_000",
    " 7 ",
    "1" * 5000,
]
DATES = [
    "2026-02-30",
    "2026-13-01",
    "0001-01-01",
    "9999-12-31",
    "2026-11-02",
    "2026-11-02T10:00",
    "20261102",
    "yesterday",
    "",
]
TEXTS = [
    "",
    " ",
    "\t",
    "-",
    "--",
    "Smith, John",
    "smith, john:furnace",
    "Nobody:At:All",
    "'; DROP TABLE customer_jobs; --",
    "é👍 שלום",
    "\x1b[31mred\x1b[0m",
    "a\x00b",
    "line\nbreak",
    "x" * 5000,
    "\udcff\udcfe",  # bytes that are not UTF-8, as Python decodes argv
    "Smith\udce9, John",
    "call-in",
    "CALL IN",
    "System",
    "letter",
    "a4",
    "last_month",
    "custom",
]
PERIODS = ["all", "today", "last_month", "custom", "this_year", "never", "ALL", ""]


class Files:
    """The paths the examples point options at."""

    def __init__(self, folder: Path, company: Path, backup: Path, invoice_number: int) -> None:
        self.folder = folder
        self.company = company
        self.backup = backup
        self.invoice_number = invoice_number
        self.text = folder / "notes.txt"
        self.text.write_text("not a company file\n" * 20)
        self.empty = folder / "empty.officemgr"
        self.empty.write_bytes(b"")
        self.count = itertools.count()

    def paths(self) -> list[str]:
        f = self.folder
        return [
            str(self.company),
            str(f),
            str(f / "missing.officemgr"),
            str(f / "no folder" / "x.officemgr"),
            str(self.text),
            str(self.empty),
            str(self.backup),
            "",
            "/dev/null",
        ]

    def outs(self) -> list[str]:
        f = self.folder
        return [
            str(f / "out.pdf"),
            str(f / "é 👍.pdf"),
            str(f),
            str(f / "no folder" / "out.pdf"),
            str(f / ("x" * 300 + ".pdf")),
            str(f / "\udcff.pdf"),
            str(self.company),  # the company file itself: must not be written over
            str(self.text),
            "",
        ]

    def new_file(self) -> str:
        return str(self.folder / f"new {next(self.count)}.officemgr")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    folder = tmp_path_factory.mktemp("cli-hostile")
    path = folder / "Acme.officemgr"
    with Company.open(path) as co:
        smith = co.customers.add(name="Smith, John", phone="(555) 201-3344").id
        job = co.jobs.add(parent=smith, name="Furnace").id
        co.contact_log.add(owner=job, kind="Call In", subject="Asked for a quote")
        number = co.invoices.add(node=job, lines=[{"description": "Visit", "rate": "90"}]).number
    backups = folder / "backups"
    backups.mkdir()
    assert main(["backup", "--db", str(path), "--to", str(backups)]) == 0
    (backup,) = backups.iterdir()
    return path, backup, number


@pytest.fixture
def files(made: tuple[Path, Path, int], tmp_path: Path) -> Files:
    template, backup, number = made
    folder = tmp_path / "work"
    folder.mkdir()
    company = folder / template.name
    shutil.copyfile(template, company)
    kept = folder / backup.name
    shutil.copyfile(backup, kept)
    return Files(folder, company, kept, number)


class Terminal:
    """stdout and stderr as a UTF-8 terminal has them: stdout strict, stderr escaping."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch

    def run(self, argv: list[str]) -> tuple[int, str, str]:
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
        err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
        with self.monkeypatch.context() as patch:
            patch.setattr(sys, "stdout", out)
            patch.setattr(sys, "stderr", err)
            try:
                code: Any = main(argv)
            except SystemExit as exited:  # argparse
                code = exited.code
            out.flush()
            err.flush()
        texts = [stream.buffer.getvalue().decode("utf-8") for stream in (out, err)]  # type: ignore[attr-defined]
        return code, texts[0], texts[1]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    return Terminal(monkeypatch)


def check_outcome(argv: list[str], code: Any, out: str, err: str) -> None:
    """Exit 0, 1 or 2; no traceback; a refusal in one line a person can read."""
    shown = f"{argv!r}[:300] -> {code!r}\nstdout: {out[:500]!r}\nstderr: {err[:1000]!r}"
    assert code in (0, 1, 2), shown
    assert "Traceback" not in out + err, shown
    lines = err.splitlines()
    if code == 2:  # argparse: its usage, then "officemgr …: error: …"
        assert lines and ": error: " in lines[-1], shown
        assert all(line.startswith(("usage:", " ")) for line in lines[:-1]), shown
    elif err:
        assert len(lines) == 1 and lines[0].startswith("officemgr: "), shown
        assert len(lines[0].strip()) > len("officemgr: ") + 5, shown
    if code == 0:
        assert not err, shown


# ----------------------------------------------------------------- the commands


def options(pairs: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[list[str]]:
    """Some of ``pairs`` (option -> value; a None value is a flag), in any order."""
    chosen = st.lists(st.sampled_from(sorted(pairs)), max_size=5)

    def spell(names: list[str], data: st.DataObject) -> list[str]:
        argv: list[str] = []
        for name in names:
            value = data.draw(pairs[name])
            argv += [name] if value is None else [name, value]
        return argv

    return st.tuples(chosen, st.data()).map(lambda t: spell(*t))


def commands(files: Files) -> dict[str, st.SearchStrategy[list[str]]]:
    texts = st.sampled_from(TEXTS)
    numbers = st.sampled_from(NUMBERS)
    dates = st.sampled_from(DATES)
    paths = st.sampled_from(files.paths())
    outs = st.sampled_from(files.outs())
    db = st.one_of(st.just(str(files.company)), st.just(str(files.company)), paths)
    out = st.one_of(st.just(str(files.folder / "out.pdf")), outs)
    flag = st.none()
    customer = st.one_of(texts, numbers, st.just(str(files.invoice_number)))
    shared = {
        "--customer": customer,
        "--include-jobs": flag,
        "--include-inactive": flag,
        "--paper": st.sampled_from(["letter", "a4", "A4", "legal", ""]),
    }

    def report(name: str, more: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[list[str]]:
        return st.builds(
            lambda d, o, rest: ["report", name, "--db", d, "--out", o, *rest],
            db,
            out,
            options(more),
        )

    return {
        "contact-log": report(
            "contact-log",
            {
                **shared,
                "--from": dates,
                "--to": dates,
                "--period": st.sampled_from(PERIODS),
                "--kind": texts,
                "--employee": texts,
                "--sort": st.sampled_from(["date", "customer", "name"]),
                "--group-by-customer": flag,
            },
        ),
        "customer-contact-list": report(
            "customer-contact-list", {**shared, "--prospects-only": flag}
        ),
        "open-balances": report(
            "open-balances",
            {
                "--as-of": dates,
                "--customer": customer,
                "--include-zero": flag,
                "--paper": shared["--paper"],
            },
        ),
        "invoice": st.builds(
            lambda d, n, o, rest: [
                "report",
                "invoice",
                "--db",
                d,
                "--number",
                n,
                "--out",
                o,
                *rest,
            ],
            db,
            st.one_of(st.just(str(files.invoice_number)), numbers, texts),
            out,
            options({"--paper": shared["--paper"]}),
        ),
        "find-phone": st.builds(
            lambda d, n: ["find-phone", "--db", d, "--", n],
            db,
            st.one_of(st.just("555-201-3344"), st.just("+1 (555) 201 3344"), numbers, texts),
        ),
        "check": st.builds(
            lambda d, rest: ["check", "--db", d, *rest], db, options({"--repair": flag})
        ),
        "backup": st.builds(
            lambda d, rest: ["backup", "--db", d, *rest],
            db,
            options({"--to": st.one_of(st.just(str(files.folder / "backups")), paths)}),
        ),
        "restore": st.builds(
            lambda b, d: ["restore", b, "--db", d],
            st.one_of(st.just(str(files.backup)), paths),
            st.one_of(st.just(files.new_file()), paths),
        ),
        "demo": st.builds(
            lambda d, rest: ["demo", "--db", d, *rest],
            st.one_of(st.builds(files.new_file), paths),
            options(
                {
                    # Small counts only: a huge one is a sample company that takes forever.
                    "--customers": st.sampled_from(["0", "1", "-1", "abc", "1e3", "١", " 2"]),
                    "--seed": numbers,
                }
            ),
        ),
    }


COMMANDS = [
    "contact-log",
    "customer-contact-list",
    "open-balances",
    "invoice",
    "find-phone",
    "check",
    "backup",
    "restore",
    "demo",
]


def check_command(files: Files, terminal: Terminal, command: str, examples: int) -> None:
    company_before = hashlib.sha256(files.company.read_bytes()).hexdigest()
    outcomes: dict[Any, int] = {}

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(argv=commands(files)[command])
    def run(argv: list[str]) -> None:
        code, out, err = terminal.run(argv)
        check_outcome(argv, code, out, err)
        outcomes[code] = outcomes.get(code, 0) + 1

    run()
    assert set(outcomes) - {0}, f"nothing was refused: {outcomes}"
    if command not in ("check", "restore"):  # --repair and restore may rewrite it
        after = hashlib.sha256(files.company.read_bytes()).hexdigest()
        assert after == company_before, "a report or a refusal changed the company file"


@pytest.mark.parametrize("command", COMMANDS)
def test_command_exits_cleanly(files: Files, terminal: Terminal, command: str) -> None:
    check_command(files, terminal, command, QUICK)


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
def test_command_exits_cleanly_long(files: Files, terminal: Terminal, command: str) -> None:
    check_command(files, terminal, command, SLOW)


# ------------------------------------------------------------- the known cases


def cases(files: Files) -> Iterator[tuple[list[str], int, str]]:
    """(argv, exit status, words in the refusal)."""
    db = ["--db", str(files.company)]
    out = ["--out", str(files.folder / "x.pdf")]
    report = ["report"]
    yield [*report, "invoice", *db, "--number", "99999999999999999999999", *out], 1, "no such"
    yield [*report, "invoice", *db, "--number", "-99999999999999999999", *out], 1, "no such"
    yield [*report, "invoice", *db, "--number", "1" * 5000, *out], 1, "--number"
    yield [*report, "invoice", *db, "--number", "12abc", *out], 1, "--number"
    yield [*report, "invoice", *db, "--number", "999999", *out], 1, "no invoice"
    yield [*report, "contact-log", *db, *out, "--from", "2026-02-30"], 1, "--from"
    yield [*report, "contact-log", *db, *out, "--from", "0001-01-01"], 1, "year"
    yield [*report, "contact-log", *db, *out, "--to", "9999-12-31"], 1, "year"
    yield [*report, "open-balances", *db, *out, "--as-of", "9999-12-31"], 1, "year"
    yield [*report, "contact-log", *db, *out, "--customer", "\udcff"], 1, "half of a character"
    yield [*report, "contact-log", *db, *out, "--employee", "\udcff"], 1, "half of a character"
    yield [*report, "open-balances", *db, *out, "--customer", "line\nbreak"], 1, "“line break”"
    yield [*report, "open-balances", *db, *out, "--customer", "\x1b[31mred"], 1, "control"
    yield [*report, "contact-log", *db, *out, "--kind", "ca\nll"], 1, "“ca\\nll”"
    yield [*report, "contact-log", *db, *out, "--kind", "\udcff"], 1, "kind"
    yield [*report, "contact-log", *db, *out, "--period", "\udcff"], 1, "date filter"
    yield [*report, "contact-log", *db, "--out", str(files.folder)], 1, "is a folder"
    yield [*report, "contact-log", *db, "--out", str(files.company)], 1, "company file"
    yield [*report, "open-balances", *db, "--out", str(files.folder / ("x" * 300))], 1, "long"
    yield [*report, "customer-contact-list", *db, "--out", ""], 1, "file name"
    yield ["find-phone", *db, "555\udcff"], 1, "half of a character"
    yield ["find-phone", *db, "99999999999999999999999"], 1, ""
    yield ["report", "invoice", "--db", str(files.folder), "--number", "1", *out], 1, ""
    yield ["report", "contact-log", "--db", str(files.text), *out], 1, ""


def test_known_hostile_arguments_are_refused_in_one_sentence(
    files: Files, terminal: Terminal
) -> None:
    for argv, expected, words in cases(files):
        code, out, err = terminal.run(argv)
        check_outcome(argv, code, out, err)
        assert code == expected, (argv, code, out, err)
        assert words.casefold() in (out + err).casefold(), (argv, out, err)
    assert not (files.folder / "x.pdf").exists()


OVERLONG = [
    ["check", "--db", "{long}"],
    ["find-phone", "--db", "{long}", "555-201-3344"],
    ["report", "open-balances", "--db", "{long}", "--out", "{out}"],
    ["backup", "--db", "{long}"],
    ["restore", "{long}", "--db", "{new}"],
    ["demo", "--db", "{long}", "--customers", "1"],
]


@pytest.mark.parametrize("argv", OVERLONG, ids=[" ".join(a[:2]) for a in OVERLONG])
def test_overlong_file_names_are_refused(files: Files, terminal: Terminal, argv: list[str]) -> None:
    names = {
        "long": str(files.folder / ("x" * 300)),
        "out": str(files.folder / "out.pdf"),
        "new": files.new_file(),
    }
    spelled = [part.format(**names) for part in argv]
    code, out, err = terminal.run(spelled)
    check_outcome(spelled, code, out, err)
    assert code == 1


# A file name that is not UTF-8 (bytes 0xFF 0xFE), as Python hands it over from argv.
NOT_UTF8 = [
    ["find-phone", "--db", "{bad}.officemgr", "555-201-3344"],
    ["report", "open-balances", "--db", "{bad}.officemgr", "--out", "{out}"],
    ["demo", "--db", "{bad}.officemgr", "--customers", "1"],
    ["restore", "{backup}", "--db", "{bad}.officemgr"],
    ["backup", "--db", "{company}", "--to", "{bad}"],
]


@pytest.mark.parametrize("argv", NOT_UTF8, ids=[" ".join(a[:2]) for a in NOT_UTF8])
def test_file_names_that_are_not_utf8(files: Files, terminal: Terminal, argv: list[str]) -> None:
    names = {
        "bad": str(files.folder / "\udcff\udcfe"),
        "out": str(files.folder / "out.pdf"),
        "backup": str(files.backup),
        "company": str(files.company),
    }
    spelled = [part.format(**names) for part in argv]
    code, out, err = terminal.run(spelled)
    check_outcome(spelled, code, out, err)


def test_an_empty_backup_folder_is_refused_not_taken_as_the_current_one(
    files: Files,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    for empty in ("", "   "):
        assert main(["backup", "--db", str(files.company), "--to", empty]) == 1
        assert "Give --to the folder for the backup." in capsys.readouterr().err
    assert list(here.iterdir()) == []
