"""A company on a PostgreSQL server (server mode): opened, made and refused as a file is,
with one writer at a time, conflicts found, a held lock told as busy, and the quick
filter finding what it finds in a company file.

Each test gets an empty database of its own on a throwaway cluster (``server_url``).
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from datetime import date, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url

from officemgr import Company, cli
from officemgr.core import server
from officemgr.errors import CompanyBusyError, CompanyFileError, ConflictError

README = Path(__file__).resolve().parents[2] / "README.md"


def _raw(url: str) -> psycopg.Connection[Any]:
    """A plain connection to the test database, for what the program must not be asked."""
    plain = make_url(url).set(drivername="postgresql")
    return psycopg.connect(plain.render_as_string(hide_password=False), autocommit=True)


def _tables(url: str) -> set[str]:
    with _raw(url) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    return {row[0] for row in rows}


def test_the_readme_python_example_runs_unchanged_on_a_server(
    server_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = README.read_text(encoding="utf-8")
    example = next(
        block
        for block in re.findall(r"```python\n(.*?)```", text, re.S)
        if "Company.open(" in block
    )
    assert example.count('Company.open("Acme.officemgr")') == 1
    monkeypatch.chdir(tmp_path)  # the example writes out.pdf and balances.xlsx here
    exec(compile(example.replace('"Acme.officemgr"', repr(server_url)), "README.md", "exec"), {})
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "balances.xlsx").stat().st_size > 0
    with Company.open(server_url, create=False) as co:
        assert co.is_server
        assert [match.name for match in co.phone_lookup("555 201 3344")] == [
            "Smith, John",
            "Furnace Replacement",
        ]
        smith = co.tree.children(parent_id=None, show="all")[0]
        entries = co.contact_log.list_for(smith.id, include_jobs=True)
        assert [entry.subject for entry in entries] == ["Asked for a quote"]


def test_a_database_holding_something_else_is_refused_and_left_as_it_was(
    server_url: str,
) -> None:
    with _raw(server_url) as conn:
        conn.execute("CREATE TABLE invoices_2019 (id integer)")
    with pytest.raises(CompanyFileError, match="not an OfficeMgr company"):
        Company.open(server_url)
    assert _tables(server_url) == {"invoices_2019"}


def test_a_newer_schema_is_refused(server_url: str) -> None:
    Company.open(server_url).close()
    with _raw(server_url) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    with pytest.raises(CompanyFileError, match="newer version of OfficeMgr"):
        Company.open(server_url)


def test_an_empty_database_is_not_made_a_company_unless_asked(server_url: str) -> None:
    with pytest.raises(CompanyFileError, match="holds no company yet"):
        Company.open(server_url, create=False)
    assert _tables(server_url) == set()


def test_server_init_makes_the_company_once(
    server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["server-init", server_url]) == 0
    assert "alembic_version" in _tables(server_url)
    with Company.open(server_url, create=False) as co:
        assert co.tree.children(parent_id=None, show="all") == []
    capsys.readouterr()
    assert cli.main(["server-init", server_url]) == 1
    assert "holds a company already: nothing was changed" in capsys.readouterr().err


def test_a_password_is_never_shown(server_url: str) -> None:
    secret = make_url(server_url).set(password="s3cret-Pa55", port=1)  # nobody listens there
    with pytest.raises(CompanyFileError) as refused:
        Company.open(secret.render_as_string(hide_password=False))
    assert "s3cret" not in str(refused.value)
    assert "Cannot open the database" in str(refused.value)
    with Company.open(server_url) as co:
        assert "s3cret" not in repr(co)


def test_the_command_line_takes_a_server_url(
    server_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Company.open(server_url) as co:
        co.customers.add(name="Baker, Ann", phone="(555) 201-7777")
    assert cli.main(["find-phone", "--db", server_url, "555-201-7777"]) == 0
    assert "Baker, Ann" in capsys.readouterr().out
    out = tmp_path / "log.pdf"
    assert cli.main(["report", "contact-log", "--db", server_url, "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    capsys.readouterr()
    assert cli.main(["check", "--db", server_url]) == 0
    assert "No problems found in the database" in capsys.readouterr().out
    # What works on files only says so, and touches nothing.
    assert cli.main(["restore", str(out), "--db", server_url]) == 1
    assert "not yet on a company on a server" in capsys.readouterr().err


# -- two desks ------------------------------------------------------------------------


def test_two_desks_find_each_others_conflicts(server_url: str) -> None:
    with Company.open(server_url) as first, Company.open(server_url) as second:
        made = first.customers.add(name="Smith, John")
        seen_by_second = second.customers.get(made.id)
        first.customers.update(made.id, expected_version=made.version, company_name="Smith HVAC")
        with pytest.raises(ConflictError):
            second.customers.update(
                made.id, expected_version=seen_by_second.version, company_name="Smith Plumbing"
            )
        assert second.customers.get(made.id).company_name == "Smith HVAC"


def test_writers_take_turns_and_no_update_is_lost(server_url: str) -> None:
    with Company.open(server_url) as setup:
        customer = setup.customers.add(name="Busy, Bee")
    errors: list[BaseException] = []

    def desk(count: int) -> None:
        try:
            with Company.open(server_url) as co:
                for number in range(count):
                    visit = {"description": f"Visit {number}", "quantity": "1", "rate": "10"}
                    co.invoices.add(node=customer.id, lines=[visit | {"is_taxable": False}])
        except BaseException as error:  # reported below, on the test's thread
            errors.append(error)

    desks = [threading.Thread(target=desk, args=(8,)) for _ in range(3)]
    for thread in desks:
        thread.start()
    for thread in desks:
        thread.join()
    assert errors == []
    with Company.open(server_url) as co:
        invoices = co.invoices.list_for(customer.id)
        assert len(invoices) == 24
        assert len({invoice.number for invoice in invoices}) == 24  # each its own number
        assert co.accounts.balance(customer.id) == 240


def test_a_desk_meeting_a_held_write_lock_is_told_busy(
    server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server, "LOCK_TIMEOUT_MS", 300)
    with Company.open(server_url) as holder, Company.open(server_url) as waiter:
        saving = holder.write()  # another desk in the middle of a save
        with saving, pytest.raises(CompanyBusyError, match="busy: another desk is saving"):
            waiter.customers.add(name="Late, Larry")
        assert waiter.customers.add(name="Late, Larry").name == "Late, Larry"  # Retry works


# -- the quick filter ------------------------------------------------------------------

PEOPLE = [
    ("Ødegård, Åse", "ase@fjord.no", "(555) 201-0001", "Bergen"),
    ("Smith, John", "john@example.com", "(555) 201-3344", "Dayton"),
    ("SMITHERS, Waylon", "w.smithers@example.com", "937-555-0100", "Springfield"),
    ("González, María", "maria@correo.mx", "+52 55 1234 5678", "Ciudad de México"),
    ("O'Brien & Sons Plumbing", "office@obrien.ie", "(555) 201-9000", "Dayton"),
    ("Zhou, Li", "li.zhou@example.com", "555 201 4444", "Xenia"),
    ("Ng, Al", "al@ng.example", "555-201-5555", "Kettering"),
]
QUERIES = [
    "smi",
    "smith",
    "SMITH",
    "mith",
    "john smith",
    "dayton",
    "example.com",
    "ødegård",
    "odegard",
    "gonzalez",
    "maría",
    "o'brien",
    "plumb",
    "ng",
    "al",
    "li",
    "555",
    "201-3344",
    "5552013344",
    "12345678",
    "spring",
    "x",
    "zzz",
    "sons plumbing",
    "w.smithers",
]


def _fill(co: Company) -> dict[int, str]:
    """The same customers (and a job each) in ``co``; ids to names."""
    names = {}
    for name, email, phone, city in PEOPLE:
        made = co.customers.add(name=name, email=email, phone=phone, bill_to={"city": city})
        job = co.jobs.add(parent=made.id, name=f"Service call {city}")
        names[made.id], names[job.id] = name, job.name
    return names


@pytest.mark.parametrize("mode", ["contains", "starts_with", "equals"])
def test_the_quick_filter_finds_on_a_server_what_it_finds_in_a_file(
    server_url: str, company: Company, mode: Any
) -> None:
    file_names = _fill(company)
    with Company.open(server_url) as co:
        server_names = _fill(co)
        for query in QUERIES:
            in_file = [file_names[n.id] for n in company.customers.search(query, mode=mode)]
            on_server = [server_names[n.id] for n in co.customers.search(query, mode=mode)]
            assert on_server == in_file, query


def test_the_list_pages_in_the_same_order_as_a_file(server_url: str, company: Company) -> None:
    names = ["apple", "Äpfel", "zebra", "Zoë", "éclair", "Eclair", "ångström", "Bob", "bobby"]
    names += ["O-Neil", "O_Neil", "O Neil", "O'Neil", "O.Neil", "O+Neil", "Ø-Neil"]
    for name in names:
        company.customers.add(name=name)
    with Company.open(server_url) as co:
        for name in names:
            co.customers.add(name=name)
        in_file = [row.name for row in company.tree.children(parent_id=None, show="all")]
        on_server = [row.name for row in co.tree.children(parent_id=None, show="all")]
        assert on_server == in_file
        # Paging on from a key in the middle gives the same next page.
        pages = []
        for source in (company, co):
            middle = source.tree.children(parent_id=None, show="all")[3]
            after = source.tree.children_after(parent_id=None, show="all", after=middle.key)
            pages.append([row.name for row in after])
        assert pages[0] == pages[1] == in_file[4:]


def test_a_report_reads_the_same_on_a_server(
    server_url: str, company: Company, tmp_path: Path
) -> None:
    with Company.open(server_url) as on_server:
        texts = []
        for number, co in enumerate((company, on_server)):
            _fill(co)
            for row in co.tree.children(parent_id=None, show="all"):
                co.contact_log.add(
                    owner=row.id,
                    at=datetime(2026, 11, 2, 9, 30),
                    kind="Call In",
                    subject=f"Quote for {row.name}",
                    employee="Dana",
                )
            out = tmp_path / f"log{number}.csv"
            co.reports.contact_log(
                out, format="csv", date_from=date(2026, 11, 1), date_to=date(2026, 11, 30)
            )
            texts.append(out.read_text(encoding="utf-8-sig"))
        assert texts[0] == texts[1]
        assert texts[0].count("Quote for") == len(PEOPLE)


# -- two processes ----------------------------------------------------------------------

_HOLDER = """
import sys
from officemgr import Company
with Company.open(sys.argv[1]) as co:
    made = co.customers.add(name="Held, Harry")
    with co.write() as session:  # a save in progress at another desk
        print("HOLDING", made.id, made.version, flush=True)
        sys.stdin.readline()  # until the test lets go
    co.customers.update(made.id, expected_version=made.version, company_name="Harry's")
    print("SAVED", flush=True)
"""


def test_a_second_process_is_told_busy_then_finds_the_conflict(
    server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server, "LOCK_TIMEOUT_MS", 300)
    Company.open(server_url).close()  # the schema first, not raced by two processes
    other = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, server_url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None and other.stdin is not None
        word, node_id, version = other.stdout.readline().split()
        assert word == "HOLDING"
        with Company.open(server_url) as here:
            with pytest.raises(CompanyBusyError, match="another desk is saving"):
                here.customers.add(name="Waiting, Wanda")
            seen = here.customers.get(int(node_id))  # reading never waits
            assert seen.version == int(version)
            other.stdin.write("\n")
            other.stdin.flush()
            assert other.stdout.readline().strip() == "SAVED"
            with pytest.raises(ConflictError):  # the other desk saved over what we saw
                here.customers.update(
                    int(node_id), expected_version=seen.version, company_name="Mine"
                )
            assert here.customers.get(int(node_id)).company_name == "Harry's"
            assert here.customers.add(name="Waiting, Wanda").name == "Waiting, Wanda"
        assert other.wait(30) == 0
    finally:
        if other.poll() is None:
            other.kill()
            other.wait()


# -- passwords ---------------------------------------------------------------------------


def test_a_refused_login_is_told_as_such_and_a_kept_password_is_used(clerk_url: str) -> None:
    from officemgr.core.passwords import save_password
    from officemgr.errors import CompanyLoginError
    from tests.server_fixtures import CLERK_PASSWORD

    with pytest.raises(CompanyLoginError) as refused:  # no password given, none kept
        Company.open(clerk_url)
    wrong = make_url(clerk_url).set(password="not it").render_as_string(hide_password=False)
    with pytest.raises(CompanyLoginError) as refused_again:
        Company.open(wrong)
    assert "not it" not in str(refused_again.value) and "not it" not in str(refused.value)
    save_password(clerk_url, CLERK_PASSWORD)  # as the Connect dialog keeps it
    with Company.open(clerk_url) as co:
        assert co.customers.add(name="Clerk, Claire").name == "Clerk, Claire"
        assert CLERK_PASSWORD not in repr(co) + str(co.address)
