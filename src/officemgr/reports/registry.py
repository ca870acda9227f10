"""Every report the program offers, by key, and by category for the Report Navigator.

A report's module (and reportlab with it) is imported when the report is asked for;
the names, categories and descriptions come from `catalog`.
"""

from __future__ import annotations

import importlib

from officemgr.reports import catalog
from officemgr.reports.base import ReportInfo

CATEGORIES = catalog.CATEGORIES


def get(key: str) -> ReportInfo:
    """The report called ``key`` ("contact-log"); KeyError for an unknown one."""
    entry = catalog.ENTRIES[key]
    module = importlib.import_module(f"officemgr.reports.{entry.module}")
    # A module of several reports (the two A/R agings) lists them in INFOS, by key.
    info: ReportInfo = module.INFOS[key] if hasattr(module, "INFOS") else module.INFO
    return info


def all_reports() -> list[ReportInfo]:
    """Every report, by category (in menu order) and then by name."""
    return [get(e.key) for entries in catalog.by_category().values() for e in entries]


def by_category() -> dict[str, list[ReportInfo]]:
    return {
        category: [get(e.key) for e in entries]
        for category, entries in catalog.by_category().items()
    }
