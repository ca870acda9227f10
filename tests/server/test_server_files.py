"""Verify Data, its repair and backups for a company on a server: the server's backups are
company files, made first wherever a file's would be (a repair, a merge, an import)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from officemgr import Company, cli, files
from officemgr.core import paths
from officemgr.errors import CompanyFileError
from officemgr.samples import make_demo_company


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "Sample.officemgr"
    make_demo_company(path, customers=25, seed=3)
    return path


@pytest.fixture
def on_server(sample: Path, server_url: str) -> str:
    files.copy_company(sample, server_url)
    return server_url


def _break_a_balance(url: str) -> None:
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(
            "UPDATE customer_jobs SET balance_total = balance_total + 1 "
            "WHERE id = (SELECT min(id) FROM customer_jobs)"
        )


def test_verify_data_on_a_server_counts_what_the_file_counts(sample: Path, on_server: str) -> None:
    report = files.verify(on_server)
    assert report.ok, report.problems
    assert report.counts == files.verify(sample).counts
    assert report.path is None and "on 127.0.0.1" in report.name


def test_a_wrong_balance_is_found_and_repaired_after_a_backup(
    sample: Path, on_server: str, tmp_path: Path
) -> None:
    _break_a_balance(on_server)
    found = files.verify(on_server)
    assert found.repairable and "Balances that do not add up" in found.problems[0]
    result = files.repair(on_server, backup_dir=tmp_path)
    assert result.report.ok
    assert result.backup.parent == tmp_path
    kept = files.verify(result.backup)  # the backup holds the company as it was
    assert [p.split(":")[0] for p in kept.problems] == ["Balances that do not add up (1)"]
    with pytest.raises(CompanyFileError, match="has no problems to repair"):
        files.repair(on_server, backup_dir=tmp_path)


def test_a_backup_of_a_server_is_a_company_file(
    on_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["backup", "--db", on_server, "--to", str(tmp_path)]) == 0
    [backup] = tmp_path.iterdir()
    assert backup.suffix == ".officemgr" and "before" not in backup.name
    assert capsys.readouterr().out.strip() == f"Backed up to {backup}"
    assert files.verify(backup).counts == files.verify(on_server).counts
    with Company.open(backup) as co:
        assert co.tree.children(parent_id=None, show="all")


def test_a_merge_on_a_server_backs_it_up_first(on_server: str) -> None:
    with Company.open(on_server) as co:
        keep, merge = co.tree.children(parent_id=None, show="all")[:2]
        co.customers.merge(keep=keep.id, merge=merge.id, by="Dana")
    made = list(paths.backup_dir().glob("*before merge*.officemgr"))
    assert len(made) == 1
    with Company.open(made[0]) as before:
        assert before.customers.get(merge.id).name == merge.name


def test_the_sample_company_is_made_on_a_server(
    server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["demo", "--db", server_url, "--customers", "20", "--seed", "5"]
    assert cli.main(args) == 0
    said = capsys.readouterr().out
    assert said.startswith("Made the company on the server in ") and "20 customers" in said
    assert files.verify(server_url).counts["customers"] == 20
    assert cli.main(args) == 1  # never over a company
    assert "holds a company already" in capsys.readouterr().err
