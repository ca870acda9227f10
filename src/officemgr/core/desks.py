"""Who has a company file open: one locked presence file per open company, beside it.

SQLite lets many windows and desks use one file at once, but a few operations must be
alone with it: restoring a backup over it, repairing it, upgrading it. Replacing the file
under someone who is saving loses what they were told was saved. So every open
``Company`` holds a small presence file in ``<company file>-desks/``, locked for as long
as it is open (the lock goes with the process if it crashes, and a presence file nobody
holds any more is swept away). An exclusive operation first marks itself the same way,
then counts the others: if there are any it steps back and says who. Opening checks for
such a mark after marking itself, so the two can never both go ahead.

The locks are the operating system's: ``flock`` on macOS and Linux, ``LockFileEx`` (via
``msvcrt.locking``) on Windows; both are per open file, so two companies of one process
count as two.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from officemgr.core import paths
from officemgr.errors import CompanyBusyError

log = logging.getLogger(__name__)

FOLDER_SUFFIX = "-desks"
_SUFFIX = ".desk"
_LOCK_OFFSET = 1 << 20  # Windows locks a byte past the data, which stays readable
_held: dict[Path, str] = {}  # presence files this process holds -> kind
_held_lock = threading.Lock()


@dataclass(frozen=True)
class Desk:
    """Another holder of the company file, as its presence file describes it."""

    kind: str  # "window", "program" (command line, API) or "exclusive:<what>"
    host: str
    pid: int

    @property
    def exclusive(self) -> str | None:
        return self.kind.split(":", 1)[1] if self.kind.startswith("exclusive:") else None


def folder_of(company: Path) -> Path:
    """Beside the real file (through symbolic links), named after it: a name typed in
    another letter case finds the same folder where the file system ignores case."""
    return paths.beside(Path(os.path.realpath(company)), FOLDER_SUFFIX)


# ------------------------------------------------------------------ locking


def _try_lock(handle: IO[Any]) -> bool:
    """Lock ``handle``'s file for this open file only; False when someone else holds it."""
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt

        handle.seek(_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(handle: IO[Any]) -> None:
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt

        handle.seek(_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# ----------------------------------------------------------------- presence


class Presence:
    """This process's mark on a company file: held until `release`."""

    def __init__(self, company: Path, kind: str) -> None:
        self.company = company
        self.kind = kind
        folder = folder_of(company)
        self.path = folder / f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex}{_SUFFIX}"
        self._handle: IO[Any] | None = None
        for _attempt in range(3):  # another desk may remove the empty folder meanwhile
            folder.mkdir(exist_ok=True)
            try:
                # Unbuffered: nothing is left to flush (and fail) when it is closed.
                handle = self.path.open("w+b", buffering=0)
            except FileNotFoundError:
                continue
            break
        else:
            raise OSError(f"cannot create {self.path}")
        if not _try_lock(handle):  # a brand-new file: nobody else can hold it
            handle.close()
            with contextlib.suppress(OSError):
                self.path.unlink()
            raise OSError(f"cannot lock {self.path}")
        info = {"kind": kind, "host": socket.gethostname(), "pid": os.getpid()}
        try:  # who it is, for the messages of others; the lock alone is the mark
            handle.write(json.dumps({**info, "since": datetime.now().isoformat()}).encode())
        except OSError as error:  # a full disk: the mark holds, without its description
            log.warning("Could not describe the mark %s: %s", self.path, error)
        self._handle = handle
        with _held_lock:
            _held[self.path] = kind

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        with _held_lock:
            _held.pop(self.path, None)
        with contextlib.suppress(OSError):
            _unlock(handle)
        handle.close()
        with contextlib.suppress(OSError):
            self.path.unlink()
        with contextlib.suppress(OSError):  # the last one out takes the folder away
            folder_of(self.company).rmdir()


def hold(company: Path, kind: str) -> Presence | None:
    """Mark ``company`` as open by this process; None (and a line in the log) when the
    folder beside it cannot take the mark — opening goes on, unguarded."""
    try:
        return Presence(company, kind)
    except OSError as error:
        log.warning("Could not mark %s as open (%s)", company, error)
        return None


def others(company: Path) -> list[Desk]:
    """The other live holders of ``company`` (not this process's own marks). Marks left by
    a program that ended without taking them away are removed."""
    folder = folder_of(company)
    try:
        names = sorted(folder.iterdir())
    except OSError:
        return []
    with _held_lock:
        own = set(_held)
    found = []
    for path in names:
        if path.suffix != _SUFFIX or path in own:
            continue
        desk = _live(path)
        if desk is not None:
            found.append(desk)
    return found


def _live(path: Path) -> Desk | None:
    try:
        handle = path.open("r+b", buffering=0)
    except OSError:
        return None  # gone meanwhile
    try:
        if _try_lock(handle):  # nobody holds it: its program ended without tidying up
            _unlock(handle)
            handle.close()
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        handle.seek(0)
        try:
            info = json.loads(handle.read(4096) or b"{}")
        except (ValueError, OSError):
            info = {}
        return Desk(
            kind=str(info.get("kind", "program")),
            host=str(info.get("host", "?")),
            pid=int(info.get("pid", 0) or 0),
        )
    finally:
        if not handle.closed:
            handle.close()


def describe_others(desks: list[Desk]) -> str:
    """ "2 other windows", "another program", "1 other window and 1 other program"."""
    windows = sum(1 for d in desks if d.kind == "window")
    programs = len(desks) - windows
    parts: list[str] = []
    for count, what in ((windows, "window"), (programs, "program")):
        if count == 1:
            parts.append(f"another {what}" if not parts else f"1 other {what}")
        elif count > 1:
            parts.append(f"{count} other {what}s")
    return " and ".join(parts)


def refuse_if_exclusive(company: Path) -> None:
    """CompanyBusyError while another program restores, repairs or upgrades ``company``."""
    busy = next((d.exclusive for d in others(company) if d.exclusive), None)
    if busy is not None:
        raise CompanyBusyError(
            f"“{company.name}” is being {busy} by another window or program; open it again "
            "when that is done."
        )


@contextlib.contextmanager
def alone(company: Path, *, doing: str, action: str) -> Iterator[None]:
    """Run an exclusive operation on ``company`` (``doing``: "restored"; ``action``:
    "restore it"): refused while any other window or program has it open, and nobody can
    open it until the operation is over."""
    mark = hold(company, f"exclusive:{doing}")
    try:
        found = others(company)
        if found:
            verb = "has" if len(found) == 1 else "have"
            raise CompanyBusyError(
                f"{describe_others(found).capitalize()} {verb} “{company.name}” open; close "
                f"{'it' if len(found) == 1 else 'them'} first, then {action}. Nothing was changed."
            )
        yield
    finally:
        if mark is not None:
            mark.release()
