"""Smoke test of a frozen OfficeMgr: its command line, then its window, offscreen.

    python packaging/smoke_test.py dist/OfficeMgr          (Windows, Linux)
    python packaging/smoke_test.py dist/OfficeMgr.app      (macOS)

Standard library only, so it runs from any Python against the built folder:

1. ``officemgr-cli --version`` says ``OfficeMgr <version of src/officemgr/_version.py>``;
2. ``demo`` makes a small company file, ``check`` (Verify Data) finds nothing wrong,
   ``report contact-log`` and ``report open-balances`` write PDFs;
3. ``OfficeMgr --db FILE`` opens the window on it with ``QT_QPA_PLATFORM=offscreen``.
   It is starting once it listens for later launches (one window per company file): a
   socket named ``officemgr-*`` in its temp folder (a named pipe on Windows). A second
   ``OfficeMgr --db FILE`` must then hand over to it and exit 0, and the window's log
   must show that the main window took the request ("Another launch asked for the
   window.", written only once the main window is built and its event loop runs). The
   window is then ended.

Everything runs with HOME, TMPDIR and the XDG folders (on Windows platformdirs'
``WIN_PD_OVERRIDE_*`` folders) in a temporary folder, so the user's company files and
logs are not touched (Windows keeps Qt's settings in the registry: run it on a build
machine, as CI does).
Exit status 0 when everything passed; the first failure is printed and exits 1.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from app_version import read_version  # noqa: E402

WINDOW_PROGRAM = "OfficeMgr"
CLI_PROGRAM = "officemgr-cli"
COMMAND_TIMEOUT = 300  # the first start of a frozen app on a cold CI disk is slow
WINDOW_TIMEOUT = 120
LOG_NAME = "officemgr.log"
WINDOW_TOOK_IT = "Another launch asked for the window."
IS_WINDOWS = sys.platform == "win32"


class SmokeFailure(Exception):
    pass


def programs(frozen: Path) -> tuple[Path, Path]:
    """The window and command-line programs inside a built folder or ``.app``."""
    folder = frozen / "Contents" / "MacOS" if frozen.suffix == ".app" else frozen
    suffix = ".exe" if IS_WINDOWS else ""
    window, cli = folder / f"{WINDOW_PROGRAM}{suffix}", folder / f"{CLI_PROGRAM}{suffix}"
    for program in (window, cli):
        if not program.is_file():
            raise SmokeFailure(f"{program} is missing: build the app first (make dist)")
    return window, cli


def isolated_environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONPATH", None)  # the frozen app must need nothing from outside
    env.pop("PYTHONHOME", None)
    if IS_WINDOWS:  # platformdirs' overrides of the shell folders (4.x)
        env["WIN_PD_OVERRIDE_LOCAL_APPDATA"] = str(home / "localappdata")
        env["WIN_PD_OVERRIDE_APPDATA"] = str(home / "appdata")
    else:
        env["HOME"] = str(home)
        env["TMPDIR"] = str(home / "tmp")  # where Qt puts the window's local socket
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[var] = str(home / var.lower())
    for folder in (home / "tmp",):
        folder.mkdir(parents=True, exist_ok=True)
    return env


def run(command: Sequence[object], env: dict[str, str], cwd: Path) -> str:
    """Run ``command``; its stdout, or SmokeFailure with what it said."""
    shown = " ".join(str(part) for part in command)
    print(f"$ {shown}", flush=True)
    started = time.monotonic()
    try:
        done = subprocess.run(
            [str(part) for part in command],
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as error:
        raise SmokeFailure(f"{shown} did not finish in {COMMAND_TIMEOUT} s") from error
    print(f"  exit {done.returncode} in {time.monotonic() - started:.1f} s", flush=True)
    if done.returncode != 0:
        raise SmokeFailure(
            f"{shown} exited {done.returncode}\n"
            f"--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
        )
    return done.stdout


def check_pdf(path: Path) -> None:
    data = path.read_bytes() if path.is_file() else b""
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise SmokeFailure(f"{path} is not a complete PDF")
    print(f"  {path.name}: {len(data):,} bytes", flush=True)


def command_line(cli: Path, version: str, work: Path, env: dict[str, str]) -> Path:
    said = run([cli, "--version"], env, work).strip()
    if said != f"OfficeMgr {version}":
        raise SmokeFailure(f"--version said {said!r}, expected 'OfficeMgr {version}'")
    company = work / "Smoke Test.officemgr"
    run([cli, "demo", "--db", company, "--customers", "60", "--seed", "9"], env, work)
    run([cli, "check", "--db", company], env, work)
    log_pdf, balances_pdf = work / "contact-log.pdf", work / "open-balances.pdf"
    run(
        [cli, "report", "contact-log", "--db", company, "--out", log_pdf, "--period", "all"],
        env,
        work,
    )
    check_pdf(log_pdf)
    run([cli, "report", "open-balances", "--db", company, "--out", balances_pdf], env, work)
    check_pdf(balances_pdf)
    return company


def window_endpoints(env: dict[str, str]) -> set[str]:
    """The names of the OfficeMgr windows listening for later launches."""
    names = os.listdir("\\\\.\\pipe\\" if IS_WINDOWS else env["TMPDIR"])
    return {name for name in names if name.startswith("officemgr-")}


def log_files(home: Path) -> list[Path]:
    """Where the window may have written its log: under ``home``, else (on Windows, with
    an older platformdirs that ignores the overrides) the user's own log folder."""
    found = sorted(home.rglob(LOG_NAME))
    if IS_WINDOWS and os.environ.get("LOCALAPPDATA"):
        found.append(Path(os.environ["LOCALAPPDATA"]) / "OfficeMgr" / "Logs" / LOG_NAME)
    return found


def log_sizes(home: Path) -> dict[Path, int]:
    return {path: path.stat().st_size for path in log_files(home) if path.is_file()}


def new_log_text(home: Path, before: dict[Path, int]) -> str:
    text = []
    for path in log_files(home):
        if path.is_file():
            with path.open("rb") as log:
                log.seek(before.get(path, 0))
                text.append(log.read().decode("utf-8", errors="replace"))
    return "".join(text)


def window(program: Path, company: Path, work: Path, env: dict[str, str], home: Path) -> None:
    before = window_endpoints(env)
    logs_before = log_sizes(home)
    command = [str(program), "--db", str(company)]
    print(f"$ {' '.join(command)}   (offscreen)", flush=True)
    log_path = work / "window-output.txt"
    with log_path.open("w", encoding="utf-8") as output:
        first = subprocess.Popen(
            command,
            env=env,
            cwd=work,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        try:
            started = time.monotonic()
            while not window_endpoints(env) - before:
                if first.poll() is not None:
                    raise SmokeFailure(
                        f"the window exited {first.returncode} before it was up:\n"
                        + log_path.read_text(encoding="utf-8", errors="replace")
                    )
                if time.monotonic() - started > WINDOW_TIMEOUT:
                    raise SmokeFailure(f"the window was not up after {WINDOW_TIMEOUT} s")
                time.sleep(0.2)  # polling another process; nothing to wait on instead
            print(f"  window up in {time.monotonic() - started:.1f} s", flush=True)
            # A second launch on the same file is answered by the running window's event
            # loop and exits 0; were the window not serving, it would open its own and hang.
            run(command, env, work)
            if first.poll() is not None:
                raise SmokeFailure(f"the window exited {first.returncode} after the hand-over")
            log_text = new_log_text(home, logs_before)
            if WINDOW_TOOK_IT not in log_text:
                raise SmokeFailure(
                    f"the second launch exited 0 but the main window did not log {WINDOW_TOOK_IT!r}"
                    f"; its log said:\n{log_text}"
                )
        finally:
            if first.poll() is None:
                first.terminate()
                try:
                    first.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    first.kill()
                    first.wait()
    print("  the second launch handed over to the window; window ended", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("frozen", type=Path, help="dist/OfficeMgr, or dist/OfficeMgr.app")
    parser.add_argument(
        "--skip-window", action="store_true", help="the command line only (no window start)"
    )
    args = parser.parse_args(argv)
    version = read_version()
    try:
        window_program, cli = programs(args.frozen.resolve())
        # A short folder: a Unix socket path must stay under ~100 bytes (macOS's own
        # temp folder is too deep for it).
        short = None if IS_WINDOWS else "/tmp"
        with tempfile.TemporaryDirectory(
            prefix="officemgr-smoke-", dir=short, ignore_cleanup_errors=True
        ) as temp:
            home = Path(temp)
            work = home / "work"
            work.mkdir()
            env = isolated_environment(home)
            company = command_line(cli, version, work, env)
            if not args.skip_window:
                window(window_program, company, work, env, home)
    except SmokeFailure as failure:
        print(f"SMOKE TEST FAILED: {failure}", file=sys.stderr)
        return 1
    print(f"Smoke test passed: OfficeMgr {version} from {args.frozen}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
