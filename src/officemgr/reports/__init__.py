"""Qt-free reports: reportlab (platypus) PDFs, one module per report.

    from officemgr.reports import registry
    info = registry.get("contact-log")
    info.render(company, info.options_type(period="last_month"), "out.pdf")

The window previews and prints the same PDF; the command line and ``co.reports`` write it.
The names below load on first use, so that ``reports.catalog`` (the command line's and the
menus' list of reports) costs nothing else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from officemgr.reports.base import ReportCancelled, ReportInfo, ReportResult

__all__ = ["ReportCancelled", "ReportInfo", "ReportResult"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from officemgr.reports import base

        return getattr(base, name)
    raise AttributeError(f"module 'officemgr.reports' has no attribute {name!r}")
