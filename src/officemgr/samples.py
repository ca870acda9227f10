"""Sample companies: ``officemgr demo`` and the window's ``--sample`` (Qt-free).

Both the command line and the window's entry point (``app.run_gui``) make them, so they
live here, below both: neither imports the other for it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

SAMPLE_CUSTOMERS = 2000
SAMPLE_SEED = 2026


def make_demo_company(
    path: Path | str,
    *,
    customers: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> object:
    """Write a sample company into the new file ``path``; it appears only when complete.
    ``path`` may be an empty database on a server (its URL): the sample is made in a file
    first, then copied there (see ``core.copying``)."""
    from officemgr.core.location import is_server_url

    if is_server_url(path):
        return _demo_on_server(str(path), customers=customers, seed=seed, progress=progress)
    return _demo_file(Path(path), customers=customers, seed=seed, progress=progress)


def _demo_on_server(
    url: str, *, customers: int, seed: int, progress: Callable[[int, int], None] | None
) -> object:
    import tempfile

    from officemgr.core.copying import copy_company
    from officemgr.core.server import refuse_unless_empty

    refuse_unless_empty(url)  # before the work, not after it
    with tempfile.TemporaryDirectory(prefix="officemgr-sample-") as folder:
        made = Path(folder) / "Sample.officemgr"
        summary = _demo_file(made, customers=customers, seed=seed, progress=progress)
        copy_company(made, url)
    return summary


def _demo_file(
    path: Path, *, customers: int, seed: int, progress: Callable[[int, int], None] | None
) -> object:
    from officemgr import Company
    from officemgr.core import demo
    from officemgr.core.bulk import filling_new_file
    from officemgr.core.company_file import sqlite_files
    from officemgr.core.file_header import check_name
    from officemgr.errors import CompanyFileError

    path = path.expanduser().absolute()
    check_name(path)
    if path.exists():
        raise CompanyFileError(
            f"“{path.name}” already exists; the sample company goes into a new file."
        )
    partial = path.with_name(path.stem + " (being made)" + path.suffix)
    check_name(partial)
    for leftover in sqlite_files(partial):
        leftover.unlink(missing_ok=True)
    try:
        with Company.open(partial):  # made and migrated as every company file is
            pass
        with filling_new_file(partial) as conn:
            summary = demo.generate(conn, customers=customers, seed=seed, progress=progress)
    except BaseException:  # stopped (``progress`` may raise to cancel) or failed
        for leftover in sqlite_files(partial):
            leftover.unlink(missing_ok=True)
        raise
    os.replace(partial, path)
    return summary


def ensure_sample_company(progress: Callable[[int, int], None] | None = None) -> Path:
    """The sample company file in the user's data folder, made on first use (``progress``
    is told how far; it may raise to stop, and then nothing is left behind)."""
    path = sample_company_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"Making the sample company in {path} …", file=sys.stderr)
        make_demo_company(path, customers=SAMPLE_CUSTOMERS, seed=SAMPLE_SEED, progress=progress)
    return path


def sample_company_path() -> Path:
    from officemgr.core import paths

    return paths.sample_company_file()
