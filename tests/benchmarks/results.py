"""What a run found: the scale it ran at, the table it prints, the JSON it writes."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import sys
from pathlib import Path
from typing import Any

from .measure import Metric


def scale_of(conn: sqlite3.Connection, path: Path, *, backend: str = "sqlite") -> dict[str, Any]:
    """The size of the company file measured on (with "postgresql", copied to a server
    and measured there), and the machine measured with."""

    def count(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return {
        "customers": count("SELECT count(*) FROM customer_jobs WHERE parent_id IS NULL"),
        "jobs": count("SELECT count(*) FROM customer_jobs WHERE parent_id IS NOT NULL"),
        "phones": count("SELECT count(*) FROM phones"),
        "contact_log_entries": count("SELECT count(*) FROM contact_log_entries"),
        "file_mb": round(path.stat().st_size / 1_000_000, 1),
        "backend": backend,
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": sys.version.split()[0],
            "sqlite": sqlite3.sqlite_version,
        },
    }


def as_json(
    scale: dict[str, Any], metrics: list[Metric], skipped: dict[str, str] | None = None
) -> dict[str, Any]:
    """``skipped``: the metrics not measured on this backend, each with why."""
    return {
        "scale": scale,
        "metrics": {m.name: m.as_json() for m in metrics},
        "skipped": dict(skipped or {}),
    }


def write(
    out: Path, scale: dict[str, Any], metrics: list[Metric], skipped: dict[str, str] | None = None
) -> None:
    text = json.dumps(as_json(scale, metrics, skipped), indent=2) + "\n"
    out.write_text(text, encoding="utf-8")


def table(
    scale: dict[str, Any], metrics: list[Metric], skipped: dict[str, str] | None = None
) -> str:
    """The printed table: metric, app, floor, ratio, unit, target and whether it is met;
    under it each metric's note, and the metrics skipped on this backend and why."""
    head = ("metric", "app", "floor", "ratio", "unit", "target", "ok?")
    rows = [
        (
            m.name,
            f"{m.app:,.3f}" if m.app < 10 else f"{m.app:,.1f}",
            f"{m.floor:,.3f}" if m.floor < 10 else f"{m.floor:,.1f}",
            f"{m.ratio:,.1f}",
            m.unit,
            m.target,
            {True: "ok", False: "MISSED", None: ""}[m.ok],
        )
        for m in metrics
    ]
    widths = [max(len(str(r[i])) for r in (head, *rows)) for i in range(len(head))]
    lines = [
        f"Scale: {scale['customers']:,} customers, {scale['jobs']:,} jobs, "
        f"{scale['contact_log_entries']:,} contact log entries, {scale['file_mb']:,} MB; "
        f"{scale['machine']['cpus']} CPUs, Python {scale['machine']['python']}, "
        f"SQLite {scale['machine']['sqlite']}"
        + (
            f"; backend postgresql (PostgreSQL {scale['machine'].get('postgresql', '?')})"
            if scale.get("backend") == "postgresql"
            else ""
        ),
        "  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)),
    ]
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) if i < 3 else c.ljust(w)
            for i, (c, w) in enumerate(zip(row[1:], widths[1:], strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    lines += [f"  {m.name}: {m.note}" for m in metrics if m.note]
    backend = scale.get("backend", "sqlite")
    by_reason: dict[str, list[str]] = {}
    for name, reason in (skipped or {}).items():
        by_reason.setdefault(reason, []).append(name)
    lines += [
        f"Skipped on {backend}: {', '.join(names)} ({reason})"
        for reason, names in by_reason.items()
    ]
    return "\n".join(lines)
