"""Files the user asks OfficeMgr to write (reports, invoices, exports, backups): never
over company data, always whole, and every failure told in one sentence.

A chosen path is refused when it is, or resolves to (through symbolic links, "..", another
letter case or a hard link), a company file, a backup, or SQLite's ``-wal``, ``-shm`` or
``-journal`` of one — a report written there would destroy the company. What is written
goes to a file beside the target first and is moved into place when complete.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from officemgr.core import paths
from officemgr.errors import OfficeMgrError, ValidationError

SQLITE_HEADER = b"SQLite format 3\x00"
_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
_PARTIAL = ".partial"


class WriteFailedError(OfficeMgrError):
    """A file could not be written (a full disk, a read-only place); nothing was left."""


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _company_data_name(name: str) -> bool:
    folded = name.casefold()
    return folded.endswith(paths.COMPANY_SUFFIX) or any(
        folded.endswith(side) for side in _SQLITE_SIDE_FILES
    )


def checked_output(path: str | os.PathLike[str], *, what: str, field: str = "out") -> Path:
    """``path`` as a place to write ``what`` ("the report"), or ValidationError saying why
    not: its folder is missing, it is a folder, or it is company data."""
    problem = paths.file_name_problem(path)
    if problem is not None:
        raise ValidationError(f"That cannot be the name of {what}: {problem}.", field=field)
    out = Path(path).expanduser().absolute()
    if out.is_dir():
        raise ValidationError(
            f"{out} is a folder; give the name of the file to write {what} to.", field=field
        )
    if not out.parent.is_dir():
        raise ValidationError(f"The folder {out.parent} does not exist.", field=field)
    real = Path(os.path.realpath(out))
    if _company_data_name(out.name) or _company_data_name(real.name):
        raise ValidationError(
            f"“{out.name}” is the name of a company file (or of SQLite's files beside one); "
            f"{what} is never written over company data: choose another name.",
            field=field,
        )
    if real.exists() and _is_sqlite(real):
        raise ValidationError(
            f"“{out.name}” is a company file or a backup (a database), not a file {what} may "
            "replace: choose another name.",
            field=field,
        )
    return out


def write_failed(error: OSError, path: Path, *, what: str) -> WriteFailedError:
    """The one sentence for a failed write of ``what`` to ``path``."""
    where = f"“{path.name}” in {path.parent}"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "the disk is full"
    elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        why = "that place is read-only or not yours to write to"
    elif error.errno == errno.EISDIR:
        why = "that is a folder"
    else:
        why = error.strerror or str(error)
    return WriteFailedError(f"Cannot write {what} to {where}: {why}. Nothing was written.")


@contextlib.contextmanager
def written_beside(target: Path, *, what: str) -> Iterator[Path]:
    """A temporary file beside ``target`` to write to; moved onto ``target`` when the block
    ends well, removed when it does not. An OSError becomes `WriteFailedError`."""
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{target.name[:40]}.", suffix=_PARTIAL, dir=target.parent
        )
        os.close(handle)
    except OSError as error:
        raise write_failed(error, target, what=what) from error
    temp = Path(name)
    try:
        yield temp
        os.replace(temp, target)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise write_failed(error, target, what=what) from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def copy_out(source: Path, target: str | os.PathLike[str], *, what: str) -> Path:
    """Copy ``source`` (a finished PDF) to the place the user chose, by the same rules."""
    out = checked_output(target, what=what)
    with written_beside(out, what=what) as temp:
        try:
            shutil.copyfile(source, temp)
        except OSError as error:
            raise write_failed(error, out, what=what) from error
    return out
