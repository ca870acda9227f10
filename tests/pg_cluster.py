"""A throwaway PostgreSQL cluster for tests: temp folder, free port, 127.0.0.1 only.

PostgreSQL refuses to run as root, and CI runs as root: then every server binary runs as
the ``postgres`` system user through ``runuser``, and the temp folder is chown'ed to it.
The settings trade crash safety for speed (fsync off): the data dies with the test run.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any, LiteralString

import psycopg
from psycopg import sql

SUPERUSER = "officemgr_test"
SERVER_USER = "postgres"  # the system user Debian's package creates
START_ATTEMPTS = 3  # the free port we picked can be taken before the server binds it


def find_bindir() -> Path | None:
    """The folder holding initdb/pg_ctl: pg_config's, else the newest Debian one, else PATH."""
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        bindir = Path(result.stdout.strip())
        if result.returncode == 0 and (bindir / "initdb").is_file():
            return bindir
    # Debian keeps the server binaries off PATH, one folder per major version.
    debian = [d for d in Path("/usr/lib/postgresql").glob("*/bin") if (d / "initdb").is_file()]
    if debian:
        return max(debian, key=lambda d: _version_key(d.parent.name))
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", name))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgCluster:
    """One initdb'ed, started server; ``stop()`` (or interpreter exit) removes all of it."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.as_root = hasattr(os, "geteuid") and os.geteuid() == 0  # no geteuid on Windows
        self.port = 0
        self.tempdir = Path(tempfile.mkdtemp(prefix="officemgr-pg-"))
        self.datadir = self.tempdir / "data"
        self.logfile = self.tempdir / "server.log"
        self._owner_pid = os.getpid()
        # Registered before anything can fail, so a half-started cluster is cleaned up too.
        atexit.register(self._stop_at_exit)
        try:
            self._start()
        except BaseException:
            self.stop()
            raise

    # -- running the binaries -------------------------------------------------------------

    def _run(self, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / tool), *args]
        if self.as_root:
            cmd = ["runuser", "-u", SERVER_USER, "--", *cmd]
        # The cwd must be readable by the server user; PG* variables must not redirect us.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        return subprocess.run(
            cmd, cwd=self.tempdir, env=env, capture_output=True, text=True, timeout=120
        )

    def _check(self, tool: str, *args: str) -> None:
        result = self._run(tool, *args)
        if result.returncode != 0:
            log = self.logfile.read_text(errors="replace") if self.logfile.exists() else ""
            raise RuntimeError(
                f"{tool} {' '.join(args)} failed ({result.returncode}):\n"
                f"{result.stdout}{result.stderr}{log}"
            )

    def _start(self) -> None:
        if self.as_root:
            shutil.chown(self.tempdir, user=SERVER_USER, group=SERVER_USER)
            # The temp dir's parents must let the server user in (a TMPDIR under /root won't).
            if subprocess.run(
                ["runuser", "-u", SERVER_USER, "--", "test", "-w", str(self.tempdir)]
            ).returncode:
                raise RuntimeError(f"user {SERVER_USER} cannot write {self.tempdir}; set TMPDIR")
        self._initdb()
        conf = (
            "listen_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{self.tempdir}'\n"
            # Tests only: a crash loses the data, which is thrown away anyway.
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
        )
        with (self.datadir / "postgresql.conf").open("a") as f:
            f.write(conf)
        for attempt in range(START_ATTEMPTS):
            self.port = _free_port()
            args = ["-D", str(self.datadir), "-l", str(self.logfile), "-o", f"-p {self.port}"]
            result = self._run("pg_ctl", "-w", "-t", "60", *args, "start")
            if result.returncode == 0:
                return
            if attempt == START_ATTEMPTS - 1:
                log = self.logfile.read_text(errors="replace") if self.logfile.exists() else ""
                raise RuntimeError(f"pg_ctl start failed:\n{result.stdout}{result.stderr}{log}")

    def _initdb(self) -> None:
        base = ["-D", str(self.datadir), "-A", "trust", "-U", SUPERUSER, "-E", "UTF8", "--no-sync"]
        if self._run("initdb", *base, "--locale=C.UTF-8").returncode == 0:
            return
        # Some systems lack the C.UTF-8 locale; initdb leaves nothing behind when it fails.
        shutil.rmtree(self.datadir, ignore_errors=True)
        self._check("initdb", *base, "--locale=C")

    def stop(self) -> None:
        """Kill the server (no clean shutdown needed) and delete its folder. Idempotent."""
        # The pid file, not a flag: a start that timed out may still have left a server up.
        if (self.datadir / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.datadir), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.tempdir, ignore_errors=True)
        atexit.unregister(self._stop_at_exit)

    def _stop_at_exit(self) -> None:
        # A forked child inherits the atexit list; only the starting process owns the server.
        if os.getpid() == self._owner_pid:
            self.stop()

    # -- using the server -----------------------------------------------------------------

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def connect(self, dbname: str = "postgres") -> psycopg.Connection[Any]:
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname=dbname, autocommit=True
        )

    def execute(
        self, query: LiteralString | sql.Composed, params: Any = None
    ) -> list[tuple[Any, ...]]:
        """Run one statement as superuser on the ``postgres`` db; its rows, if any."""
        with self.connect() as conn, conn.cursor() as cur:
            cur.execute(query, params)
            return cur.fetchall() if cur.description else []

    def create_database(
        self, name: str, template: str | None = None, *, icu_locale: str | None = None
    ) -> None:
        """``icu_locale`` ("en-US"): the database sorts text as that language does, as
        servers set up for an office do, not by code point as this test cluster's C.UTF-8."""
        query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if icu_locale:
            query = sql.SQL("{} LOCALE_PROVIDER icu ICU_LOCALE {} TEMPLATE template0").format(
                query, sql.Literal(icu_locale)
            )
        elif template:
            query = sql.SQL("{} TEMPLATE {}").format(query, sql.Identifier(template))
        self.execute(query)

    def drop_database(self, name: str) -> None:
        # A test that forgot to close its engine must not make the drop fail or hang.
        with self.connect() as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            query = sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name))
            if conn.info.server_version >= 130000:
                # Also ends connections opened between the terminate and the drop.
                query = sql.SQL("{} WITH (FORCE)").format(query)
            conn.execute(query)
