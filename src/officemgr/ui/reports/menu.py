"""The Reports menu: a submenu per category, an item per report, the Report Navigator."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from officemgr.reports import catalog

if TYPE_CHECKING:
    from officemgr.company import Company
    from officemgr.ui.reports.options_dialog import ReportOptionsDialog


def make_report_dialog(key: str, company: Company, parent: QWidget | None) -> ReportOptionsDialog:
    """The options dialog of the report called ``key`` (a plain one for a report without)."""
    # Imported here: the dialogs load the reports (reportlab), which start-up need not.
    from officemgr.reports import registry
    from officemgr.ui.reports.options_dialog import (
        ContactListOptionsDialog,
        ContactLogOptionsDialog,
        OpenBalancesOptionsDialog,
        ReportOptionsDialog,
    )

    if key == "contact-log":
        return ContactLogOptionsDialog(company, parent)
    if key == "open-balances":
        return OpenBalancesOptionsDialog(company, parent)
    if key == "customer-contact-list":
        return ContactListOptionsDialog(company, parent)
    entry = catalog.ENTRIES.get(key)
    if entry is not None and entry.options:
        from officemgr.ui.reports.catalog_options import CatalogOptionsDialog

        return CatalogOptionsDialog.for_entry(entry)(company, parent)
    return ReportOptionsDialog(registry.get(key), company, parent)


def open_report_dialog(key: str, company: Company, parent: QWidget | None) -> ReportOptionsDialog:
    """Make and show (non-modal) the options dialog of ``key``; non-modal, kept by its parent."""
    dialog = make_report_dialog(key, company, parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def fill_reports_menu(
    menu: QMenu, open_report: Callable[[str], Any], open_navigator: Callable[[], Any]
) -> dict[str, QAction]:
    """Add the category submenus and the Report Navigator to ``menu``; actions by key."""
    actions: dict[str, QAction] = {}
    taken = {"n"}  # Report &Navigator…
    for category, reports in catalog.by_category().items():
        submenu = menu.addMenu(_with_mnemonic(category, taken))
        submenu.setObjectName(f"reportsMenu:{category}")
        for info in reports:
            action = submenu.addAction(f"{info.name.replace('&', '&&')}…")
            action.setObjectName(f"reportAction:{info.key}")
            action.setStatusTip(info.description)
            action.triggered.connect(lambda _checked=False, key=info.key: open_report(key))
            actions[info.key] = action
    menu.addSeparator()
    navigator = menu.addAction("Report &Navigator…")
    navigator.setObjectName("reportNavigatorAction")
    navigator.setStatusTip("Every report, by category, with what it shows")
    navigator.triggered.connect(lambda _checked=False: open_navigator())
    actions["navigator"] = navigator
    return actions


def _with_mnemonic(text: str, taken: set[str]) -> str:
    """``text`` as a menu title: a literal "&" doubled, "&" before its first free letter."""
    for i, char in enumerate(text):
        if char.isalpha() and char.lower() not in taken:
            taken.add(char.lower())
            return text[:i].replace("&", "&&") + "&" + text[i:].replace("&", "&&")
    return text.replace("&", "&&")
