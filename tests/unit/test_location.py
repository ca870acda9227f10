"""Where a company is: a file, or a server's address — told apart, named, keyed, and a
password never kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from officemgr.core.location import (
    company_location,
    is_server_url,
    location_key,
    location_label,
    without_password,
)

SECRET = "postgresql+psycopg://office:s3cret%40x@DB.Example.COM:5433/acme%20co?sslmode=require"


def test_a_server_address_is_told_from_a_file_path(tmp_path: Path) -> None:
    assert is_server_url(SECRET) and is_server_url("postgres://a@h/d")
    assert not is_server_url(str(tmp_path / "postgresql.officemgr"))
    assert not is_server_url(tmp_path)
    assert company_location(SECRET) == SECRET
    assert company_location("Acme.officemgr") == Path("Acme.officemgr")


def test_the_password_is_taken_out_and_nothing_else() -> None:
    assert without_password(SECRET) == (
        "postgresql+psycopg://office@DB.Example.COM:5433/acme%20co?sslmode=require"
    )
    assert without_password("postgresql://h/d") == "postgresql://h/d"


@pytest.mark.parametrize(
    "same",
    [
        "postgresql://office@db.example.com:5433/acme%20co",
        "postgres://office:other@DB.EXAMPLE.com:5433/acme%20co?sslmode=disable",
    ],
)
def test_one_company_has_one_key_however_its_address_is_written(same: str) -> None:
    assert location_key(same) == location_key(SECRET)
    assert "s3cret" not in location_key(SECRET)


def test_different_companies_have_different_keys(tmp_path: Path) -> None:
    others = [
        "postgresql://office@db.example.com:5433/other",
        "postgresql://office@db.example.com:5432/acme%20co",
        "postgresql://clerk@db.example.com:5433/acme%20co",
    ]
    assert len({location_key(o) for o in others} | {location_key(SECRET)}) == 4
    assert location_key(tmp_path / "a" / ".." / "b.officemgr") == location_key(
        tmp_path / "b.officemgr"
    )


def test_labels_are_short() -> None:
    assert location_label(SECRET) == "acme co on db.example.com"
    assert location_label(Path("/x/Acme.officemgr")) == "Acme.officemgr"
