"""``officemgr copy``: a company moved file → server → file comes back the same, and a
copy never harms what it was pointed at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url

from officemgr import Company, cli, files
from officemgr.core.copying import copy_company
from officemgr.errors import CompanyFileError
from officemgr.samples import make_demo_company


def _server_tables(url: str) -> set[str]:
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {row[0] for row in rows}


def _report(location: Path | str, out: Path) -> str:
    with Company.open(location, create=False) as co:
        co.reports.contact_log(out, format="csv", period="all")
        co.reports.open_balances(out.with_suffix(".balances.csv"), format="csv")
    return out.read_text(encoding="utf-8-sig") + out.with_suffix(".balances.csv").read_text(
        encoding="utf-8-sig"
    )


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "Sample.officemgr"
    make_demo_company(path, customers=40, seed=7)
    return path


def test_a_company_goes_to_a_server_and_back_unchanged(
    sample: Path, server_url: str, tmp_path: Path
) -> None:
    source = tmp_path / "Source.officemgr"
    source.write_bytes(sample.read_bytes())
    back = tmp_path / "Back.officemgr"
    there = copy_company(source, server_url)
    home = copy_company(server_url, back)
    assert there.counts == home.counts
    assert there.counts["customer_jobs"] > 40 and there.counts["contact_log_entries"] > 0
    assert files.verify(back).ok
    assert files.verify(back).counts == files.verify(source).counts
    assert _report(back, tmp_path / "back.csv") == _report(source, tmp_path / "source.csv")
    assert _report(server_url, tmp_path / "server.csv") == _report(source, tmp_path / "s.csv")
    # The server numbers new rows after the copied ones, and its search index works.
    with Company.open(server_url) as co:
        top = max(row.id for row in co.tree.children(parent_id=None, show="all", limit=1000))
        made = co.customers.add(name="Zz New Customer")
        assert made.id > top
        assert [n.id for n in co.customers.search("zz new")] == [made.id]


def test_a_job_moved_under_a_later_customer_copies(company: Any, server_url: str) -> None:
    first = company.customers.add(name="First, Fay")
    job = company.jobs.add(parent=first.id, name="Roof")
    later = company.customers.add(name="Later, Lou")
    company.jobs.move(job.id, new_parent=later.id)  # the job's id is below its parent's now
    company.close()
    copy_company(company.path, server_url)
    with Company.open(server_url) as co:
        assert [row.full_name for row in co.tree.children(parent_id=later.id)] == [
            "Later, Lou:Roof"
        ]


def test_a_copy_never_replaces_a_file_or_fills_a_company(
    sample: Path, server_url: str, tmp_path: Path
) -> None:
    existing = tmp_path / "Existing.officemgr"
    existing.write_bytes(b"not mine to touch")
    with pytest.raises(CompanyFileError, match="exists already"):
        copy_company(sample, existing)
    assert existing.read_bytes() == b"not mine to touch"
    copy_company(sample, server_url)
    tables = _server_tables(server_url)
    with pytest.raises(CompanyFileError, match="holds a company already"):
        copy_company(sample, server_url)
    assert _server_tables(server_url) == tables
    with pytest.raises(CompanyFileError, match="somewhere else"):
        copy_company(sample, sample)


def test_a_failed_copy_leaves_the_target_as_it_was(
    sample: Path, server_url: str, tmp_path: Path
) -> None:
    def fail_halfway(done: int, total: int) -> None:
        if done > total // 2:
            raise OSError("the network went away")

    with pytest.raises(OSError):
        copy_company(sample, server_url, progress=fail_halfway, batch=50)
    assert _server_tables(server_url) == set()
    target = tmp_path / "Copy.officemgr"
    with pytest.raises(OSError):
        copy_company(sample, target, progress=fail_halfway, batch=50)
    assert list(tmp_path.iterdir()) == []
    copy_company(sample, server_url)  # the emptied database takes the copy after all


def test_the_command_line_copies_and_checks(
    sample: Path, server_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    back = tmp_path / "Back.officemgr"
    assert cli.main(["copy", "--from", str(sample), "--to", server_url]) == 0
    assert cli.main(["copy", "--from", server_url, "--to", str(back)]) == 0
    out = capsys.readouterr().out
    assert "Copied" in out and "Verify Data found no problems in the copy." in out
    assert cli.main(["copy", "--from", str(sample), "--to", str(back)]) == 1
    assert "exists already" in capsys.readouterr().err
