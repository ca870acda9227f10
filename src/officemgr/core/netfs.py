"""Is a file on a network share? SQLite's WAL mode keeps its shared memory (the -shm file)
mapped on one computer only, so a company file that desks reach over SMB, NFS or AFP must
not be opened in WAL mode: `company_file` opens it with a rollback journal instead.

Asked of the operating system, never guessed from a drive letter:
- Windows: a UNC path (\\\\server\\share), or a drive that GetDriveTypeW calls remote;
- macOS: statfs() without the MNT_LOCAL flag (smbfs, nfs, afpfs, webdav);
- Linux: the file system type of the mount that holds the file (/proc/self/mounts).

Anything that cannot be found out counts as local, as it did before.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

# Linux file system types that reach another computer.
NETWORK_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "fuse.sshfs",
        "fuse.rclone",
        "fuse.davfs",
        "davfs",
        "fuse.glusterfs",
        "fuse.s3fs",
    }
)
MOUNTS_FILE = Path("/proc/self/mounts")


def is_network_path(path: Path) -> bool:
    """Whether ``path`` (a file, or where one will be made) is on a network share."""
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows
            return _windows(path)
        if sys.platform == "darwin":  # pragma: no cover - macOS
            return _macos(path)
        return _linux(path)
    except (OSError, ValueError, AttributeError) as error:
        log.warning("Could not tell whether %s is on a network share: %s", path, error)
        return False


def _existing(path: Path) -> Path:
    """``path`` itself when it exists, else its nearest existing folder."""
    real = Path(os.path.realpath(path))
    while not real.exists() and real.parent != real:
        real = real.parent
    return real


def _linux(path: Path) -> bool:
    target = str(_existing(path))
    best, kind = "", ""
    for line in MOUNTS_FILE.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        # Mount points write spaces and the like as octal escapes ("\040").
        point = fields[1].encode("latin-1", "replace").decode("unicode_escape")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind in NETWORK_TYPES


def _windows(path: Path) -> bool:  # pragma: no cover - Windows
    import ctypes

    text = str(path.absolute())
    if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\")):
        return True  # \\server\share\...
    if text.startswith("\\\\?\\UNC\\"):
        return True
    drive = os.path.splitdrive(text)[0]
    if not drive:
        return False
    drive_remote = 4
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return int(kernel32.GetDriveTypeW(drive + "\\")) == drive_remote


def _macos(path: Path) -> bool:  # pragma: no cover - macOS
    import ctypes
    import ctypes.util

    class StatFs(ctypes.Structure):  # struct statfs (64-bit inodes), <sys/mount.h>
        _fields_ = [
            ("f_bsize", ctypes.c_uint32),
            ("f_iosize", ctypes.c_int32),
            ("f_blocks", ctypes.c_uint64),
            ("f_bfree", ctypes.c_uint64),
            ("f_bavail", ctypes.c_uint64),
            ("f_files", ctypes.c_uint64),
            ("f_ffree", ctypes.c_uint64),
            ("f_fsid", ctypes.c_int32 * 2),
            ("f_owner", ctypes.c_uint32),
            ("f_type", ctypes.c_uint32),
            ("f_flags", ctypes.c_uint32),
            ("f_fssubtype", ctypes.c_uint32),
            ("f_fstypename", ctypes.c_char * 16),
            ("f_mntonname", ctypes.c_char * 1024),
            ("f_mntfromname", ctypes.c_char * 1024),
            ("f_flags_ext", ctypes.c_uint32),
            ("f_reserved", ctypes.c_uint32 * 7),
        ]

    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    statfs = libc["statfs$INODE64"] if hasattr(libc, "statfs$INODE64") else libc.statfs
    buf = StatFs()
    if statfs(os.fsencode(str(_existing(path))), ctypes.byref(buf)) != 0:
        raise OSError(ctypes.get_errno(), "statfs failed")
    mnt_local = 0x00001000
    return not buf.f_flags & mnt_local
