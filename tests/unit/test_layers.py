"""The layers hold, read from the import graph of ``src/officemgr``.

Every ``import`` and ``from … import`` in every module is read with ``ast`` — at module
level, inside functions (they run when called: still a dependency) and under ``if
TYPE_CHECKING:`` — and these rules are asserted:

``qt``                Qt (PySide6, shiboken6) is imported only by ``ui/`` and ``app.py``:
                      never by ``core/``, ``reports/``, the facades or the command line.
``ui-imports``        ``ui/`` imports from officemgr only ``ui/`` itself and `UI_ALLOWED`
                      (the facades, the errors, the records and a few Qt-free helpers,
                      each with its reason); never the services, the ORM models,
                      SQLAlchemy, sqlite3 or Alembic (`UI_FORBIDDEN`).
``ui-database``       ``ui/`` code touches no database API by attribute either
                      (``.engine``, ``.execute(…)``, ``.exec_driver_sql(…)``, ``.session``).
``cli-imports``       ``cli.py`` imports from officemgr only `CLI_ALLOWED`: the facades, the
                      errors, the sample companies and ``app`` (to open the window).
``reports-imports``   ``reports/`` imports only ``reports/``, ``officemgr.errors`` and public
                      ``core`` modules: no private (``_``) module, no ui, cli, app or facade.
``private-services``  Nothing outside ``core.services`` imports its private ``_`` modules
                      (what the reports share with the services is public: ``core.inputs``,
                      ``core.tree_queries``).
``cycles``            No import cycles anywhere in the package (strongly connected
                      components of the module graph), counting module-level and
                      function-level imports.
``dynamic-import``    An ``importlib.import_module`` of a computed name is invisible to
                      the graph: only the reviewed ones in `DYNAMIC_IMPORTS` may exist.

TYPE_CHECKING imports never run; they name types only. So they are exempt from the rules
about run-time coupling — the allow-lists of ``ui-imports``, ``cli-imports`` and
``reports-imports``, and the ``cycles`` rule (a cycle only through TYPE_CHECKING
imports, such as ``company`` ↔ ``namespaces``, is allowed) — but not from the rules about
what a layer may know at all: a Qt-free module never names Qt, a ui module never names
the ORM, SQLAlchemy or sqlite3 (a widget that needs a Session's type is holding one), and
nothing outside the services names their private modules.

`test_the_checker_reports_what_is_pasted_in` proves the checker can fail: it copies the
package into a temporary folder, pastes an ORM update into a ui module, closes a cycle,
and names Qt under TYPE_CHECKING in core, and checks each is reported with its file,
line and rule.

The subprocess tests below check the same promise from the other side: importing ``core``,
``reports``, the facades and the command line loads no Qt.
"""

from __future__ import annotations

import ast
import itertools
import json
import pkgutil
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import officemgr

SRC = Path(officemgr.__file__).parent
PACKAGE = "officemgr"

# ----------------------------------------------------------------------------- rules

QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
QT_SIDE = ("officemgr.ui", "officemgr.app")  # the only modules that may import Qt

# What ui/ may import from officemgr at run time, besides ui/ itself.
UI_ALLOWED: dict[str, str] = {
    "officemgr": "the public API: Company (loaded lazily) and __version__ for About",
    "officemgr.company": "the Company facade itself",
    "officemgr.namespaces": "the facade's typed namespaces (co.customers, co.jobs, …)",
    "officemgr.files": "the company-files facade: backups, restore, Verify Data, repair",
    "officemgr.logs": "where the log file is, named in the unexpected-error dialog",
    "officemgr.errors": "the domain errors the facade raises, caught and shown",
    "officemgr.core.records": "the plain records the facade returns",
    "officemgr.core.first_look": "the list's first page, read before the program has loaded "
    "(plain sqlite3 and records; the window shows it, then opens the file through Company)",
    "officemgr.core.choices": "the fixed choices and lengths (ORM-free): combos, max lengths",
    "officemgr.core.keys": "how two names compare (the name key the services keep unique)",
    "officemgr.importing": "the imports facade: reading a file, saved column mappings",
    "officemgr.exporting": "the exports facade: what an export wrote",
    "officemgr.core.exports.choices": "the lists and formats an export offers (ORM-free)",
    "officemgr.core.imports.records": "what a file was read into, and an import's report",
    "officemgr.core.imports.mapping": "the fields a column can go to, guessed from headers",
    "officemgr.core.changes": "the change notices the facade sends after a write",
    "officemgr.core.numbers": "numbers read and written as the office types them",
    "officemgr.core.validation": "field checks as the user types (phone, email, card data)",
    "officemgr.core.paths": "the program's folders, its name and the company-file suffix",
    "officemgr.core.location": "a company's file or server address: told apart, named, keyed",
    "officemgr.core.passwords": "server passwords in the OS password store (keyring), never "
    "in files",
    "officemgr.core.server_address": "a server company's URL built from the Connect "
    "dialog's fields (no password)",
    "officemgr.handoff": "the hand-off protocol and the windows' notes (Qt-free, stdlib)",
    "officemgr.samples": "the first run's sample company, made behind a progress dialog",
    "officemgr.core.outputs": "the output guard: Save as PDF never writes over company data",
    "officemgr.reports": "ReportCancelled, raised when the user stops a report",
    "officemgr.reports.catalog": "the Reports menu's keys and titles, without reportlab",
    "officemgr.reports.registry": "each report's ReportInfo, for its options dialog",
    "officemgr.reports.base": "ReportInfo, the type of the registry's entries",
    "officemgr.reports.contact_log": "the Contact Log options the dialog fills in",
    "officemgr.reports.open_balances": "the Open Balances options the dialog fills in",
    "officemgr.reports.customer_contact_list": "the Contact List options the dialog fills in",
}
# Never in ui/: widgets never build SQL. Not even under TYPE_CHECKING (a widget that
# names a Session or an ORM row holds one) — but for the services, whose modules still
# define some records the facade returns (OfficeSettingsRecord, TreeRow): those may be
# named as types.
UI_FORBIDDEN: dict[str, str] = {
    "officemgr.core.services": "a service (the facade runs them: use co.<namespace>)",
    "officemgr.core.models": "the ORM models (widgets never build SQL)",
    "sqlalchemy": "SQLAlchemy (widgets never build SQL)",
    "sqlite3": "the database driver (widgets never build SQL)",
    "alembic": "the migrations (Company.open upgrades a file)",
}
UI_TYPES_FROM = ("officemgr.core.services",)  # forbidden at run time, types allowed
UI_DATABASE_ATTRIBUTES = ("engine", "execute", "executemany", "exec_driver_sql", "session")


# What the command line may import from officemgr at run time.
CLI_ALLOWED: dict[str, str] = {
    "officemgr": "Company, which every command opens",
    "officemgr.company": "the Company facade itself",
    "officemgr.namespaces": "the facade's typed namespaces",
    "officemgr.files": "check, backup and restore: the company-files facade",
    "officemgr.samples": "demo and --sample: the sample companies",
    "officemgr.importing": "import --mapping: the saved column mapping",
    "officemgr.app": "run_gui, when no command is given",
    "officemgr.errors": "the one-sentence failures it prints",
    "officemgr._version": "--version",
    "officemgr.core.inputs": "invoice --number checked as the services check an id",
    "officemgr.core.location": "--db: a server's URL told from a file's path (no imports)",
    "officemgr.handoff": "--incoming-call handed to a running window before anything loads",
    "officemgr.reports.catalog": "each report's command and choices, without reportlab",
}
CLI_SIDE = ("officemgr.cli", "officemgr.__main__")

# Computed imports the graph cannot follow, reviewed: importer -> what it loads.
DYNAMIC_IMPORTS: dict[str, str] = {
    "officemgr.reports.registry": "one report module of reports/ by its catalog entry",
    "officemgr.ui.reports": "its own submodules, lazily (module __getattr__)",
}


# --------------------------------------------------------------------- the import graph


@dataclass(frozen=True)
class Import:
    importer: str  # the module with the import statement
    target: str  # the module it imports (officemgr's resolved; others as written)
    path: str  # the importer's file, relative to the folder holding the package
    line: int
    type_checking: bool  # under `if TYPE_CHECKING:`: names types only, never runs
    deferred: bool  # inside a function: runs when the function is called

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Violation:
    rule: str
    path: str
    line: int
    message: str
    importer: str = ""
    target: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.rule}] {self.message}"


@dataclass
class Graph:
    modules: dict[str, Path]  # module name -> file
    imports: list[Import]
    attributes: list[tuple[str, str, int, str]]  # module, path, line, attribute name
    dynamic: list[tuple[str, str, int]]  # module, path, line: import_module(<computed>)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Reader(ast.NodeVisitor):
    """Collects one module's imports, attribute names and computed imports."""

    def __init__(self, module: str, is_package: bool, path: str, graph: Graph) -> None:
        self.module, self.is_package, self.path, self.graph = module, is_package, path, graph
        self.type_checking = 0
        self.functions = 0

    def _add(self, target: str, node: ast.AST) -> None:
        self.graph.imports.append(
            Import(
                importer=self.module,
                target=target,
                path=self.path,
                line=getattr(node, "lineno", 0),
                type_checking=self.type_checking > 0,
                deferred=self.functions > 0,
            )
        )

    def visit_If(self, node: ast.If) -> None:
        if not _is_type_checking(node.test):
            self.generic_visit(node)
            return
        self.type_checking += 1
        for statement in node.body:
            self.visit(statement)
        self.type_checking -= 1
        for statement in node.orelse:  # `else:` runs
            self.visit(statement)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for expression in [*node.decorator_list, *node.args.defaults, *node.args.kw_defaults]:
            if expression is not None:
                self.visit(expression)  # evaluated when the function is defined
        self.functions += 1
        for statement in node.body:
            self.visit(statement)
        self.functions -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            parts = self.module.split(".")
            package = parts if self.is_package else parts[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join(package + ([node.module] if node.module else []))
        else:
            base = node.module or ""
        targets = []  # one import of each module per statement
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            target = submodule if submodule in self.graph.modules else base
            if target not in targets:
                targets.append(target)
        for target in targets:
            self._add(target, node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        self.graph.attributes.append((self.module, self.path, node.lineno, node.attr))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in ("import_module", "__import__") and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                self._add(first.value, node)
            else:
                self.graph.dynamic.append((self.module, self.path, node.lineno))
        self.generic_visit(node)


def read_graph(root: Path) -> Graph:
    """The import graph of the ``officemgr`` package found in ``root``."""
    graph = Graph(modules={}, imports=[], attributes=[], dynamic=[])
    for path in sorted((root / PACKAGE).rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        graph.modules[".".join(parts)] = path
    for module, path in graph.modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        shown = path.relative_to(root).as_posix()
        _Reader(module, path.name == "__init__.py", shown, graph).visit(tree)
    return graph


def _within(module: str, *layers: str) -> bool:
    return any(module == layer or module.startswith(layer + ".") for layer in layers)


def _is_private(module: str) -> bool:
    """A module named with a leading underscore, or inside one (``core.services._nodes``)."""
    return any(part.startswith("_") for part in module.split(".")[1:])


# ------------------------------------------------------------------------ the checker


def check_package(root: Path) -> list[Violation]:
    """Every broken rule in the package found in ``root``, with file, line and rule."""
    graph = read_graph(root)
    found: list[Violation] = []

    def broken(rule: str, imp: Import, message: str) -> None:
        found.append(Violation(rule, imp.path, imp.line, message, imp.importer, imp.target))

    for imp in graph.imports:
        importer, target = imp.importer, imp.target
        inside = _within(target, PACKAGE)
        # qt: always, TYPE_CHECKING too.
        if target.split(".")[0] in QT and not _within(importer, *QT_SIDE):
            broken("qt", imp, f"{importer} imports {target}: only ui/ and app.py use Qt")
        # private-services: always.
        if (
            _within(target, "officemgr.core.services")
            and _is_private(target)
            and not _within(importer, "officemgr.core.services")
        ):
            broken(
                "private-services",
                imp,
                f"{importer} imports {target}, private to the services; "
                "what others need belongs in a public core module",
            )
        if _within(importer, "officemgr.ui"):
            forbidden = next((f for f in UI_FORBIDDEN if _within(target, f)), None)
            if forbidden is not None and not (imp.type_checking and forbidden in UI_TYPES_FROM):
                broken(
                    "ui-imports",
                    imp,
                    f"{importer} imports {target}: the window never uses {UI_FORBIDDEN[forbidden]}",
                )
            elif (
                inside
                and not imp.type_checking
                and not _within(target, "officemgr.ui")
                and target not in UI_ALLOWED
            ):
                broken(
                    "ui-imports",
                    imp,
                    f"{importer} imports {target}, which is not a facade or an allowed "
                    "Qt-free helper of the window (see UI_ALLOWED); go through Company or "
                    "officemgr.files",
                )
        if (
            importer in CLI_SIDE
            and inside
            and not imp.type_checking
            and target not in CLI_ALLOWED
            and target not in CLI_SIDE
        ):
            broken(
                "cli-imports",
                imp,
                f"{importer} imports {target}: the command line goes through Company and "
                "the facades (see CLI_ALLOWED)",
            )
        if _within(importer, "officemgr.reports") and inside and not imp.type_checking:
            allowed = _within(target, "officemgr.reports", "officemgr.errors") or (
                _within(target, "officemgr.core") and not _is_private(target)
            )
            if not allowed:
                broken(
                    "reports-imports",
                    imp,
                    f"{importer} imports {target}: a report uses only reports/, "
                    "officemgr.errors and public core modules",
                )

    for module, path, line, attribute in graph.attributes:
        if _within(module, "officemgr.ui") and attribute in UI_DATABASE_ATTRIBUTES:
            found.append(
                Violation(
                    "ui-database",
                    path,
                    line,
                    f"{module} uses .{attribute}: the window reaches the data only "
                    "through the facade's namespaces (widgets never build SQL)",
                    module,
                )
            )

    for module, path, line in graph.dynamic:
        if module not in DYNAMIC_IMPORTS:
            found.append(
                Violation(
                    "dynamic-import",
                    path,
                    line,
                    f"{module} imports a computed module name, which this test cannot "
                    "follow; import it by name, or review it into DYNAMIC_IMPORTS",
                    module,
                )
            )

    found += _cycles(graph)
    return sorted(found, key=lambda v: (v.path, v.line, v.rule, v.message))


def _cycles(graph: Graph) -> list[Violation]:
    """One violation per strongly connected component, showing one cycle through it."""
    edges: dict[str, dict[str, Import]] = defaultdict(dict)
    for imp in graph.imports:
        if imp.type_checking or imp.target not in graph.modules or imp.target == imp.importer:
            continue
        edges[imp.importer].setdefault(imp.target, imp)  # the first import of it
    violations = []
    for component in _strongly_connected(graph.modules, edges):
        if len(component) < 2:
            continue
        start = min(component)
        cycle = _shortest_cycle(start, component, edges)
        hops = [edges[a][b] for a, b in itertools.pairwise(cycle)]
        chain = " → ".join(cycle)
        detail = "; ".join(
            f"{hop.where} {hop.importer} imports {hop.target}"
            + (" (in a function)" if hop.deferred else "")
            for hop in hops
        )
        others = sorted(component - set(cycle))
        also = f" (the cycle's component also holds {', '.join(others)})" if others else ""
        first = hops[0]
        violations.append(
            Violation(
                "cycles",
                first.path,
                first.line,
                f"import cycle {chain}: {detail}{also}",
                first.importer,
                first.target,
            )
        )
    return violations


def _strongly_connected(
    nodes: Iterable[str], edges: dict[str, dict[str, Import]]
) -> Iterator[set[str]]:
    """Tarjan's algorithm, iterative."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    counter = 0
    for root in sorted(nodes):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = counter
                    counter += 1
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(edges[successor]))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    yield component


def _shortest_cycle(
    start: str, component: set[str], edges: dict[str, dict[str, Import]]
) -> list[str]:
    """``start`` → … → ``start`` by the fewest imports, within ``component``."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for successor in sorted(edges[node]):
                if successor not in component:
                    continue
                if successor == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if successor not in came_from:
                    came_from[successor] = node
                    following.append(successor)
        frontier = following
    raise AssertionError(f"{start} is in a component without a cycle")


# ----------------------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def violations() -> list[Violation]:
    return check_package(SRC.parent)


def _of(violations: list[Violation], rule: str) -> list[str]:
    return [str(v) for v in violations if v.rule == rule]


def test_the_graph_is_read_whole() -> None:
    graph = read_graph(SRC.parent)
    assert len(graph.modules) > 100
    imported = {(i.importer, i.target) for i in graph.imports}
    # a module-level, a function-level, a relative-free `from pkg import module`, and a
    # TYPE_CHECKING import are all seen
    assert ("officemgr.company", "officemgr.namespaces") in imported
    assert ("officemgr.cli", "officemgr.app") in imported  # inside main()
    assert ("officemgr.reports.contact_log", "officemgr.reports.template") in imported
    assert any(
        i.importer == "officemgr.namespaces" and i.target == "officemgr.company" and i.type_checking
        for i in graph.imports
    )


def test_qt_is_imported_only_by_the_window(violations: list[Violation]) -> None:
    assert _of(violations, "qt") == []


def test_the_window_imports_only_the_facades_and_allowed_helpers(
    violations: list[Violation],
) -> None:
    new = [str(v) for v in violations if v.rule == "ui-imports"]
    assert new == [], "\n".join(new)


def test_the_allowed_modules_exist() -> None:
    modules = read_graph(SRC.parent).modules
    named = [*UI_ALLOWED, *CLI_ALLOWED, *DYNAMIC_IMPORTS]
    assert [name for name in named if name not in modules] == []


def test_the_window_touches_no_database_api(violations: list[Violation]) -> None:
    assert _of(violations, "ui-database") == []


def test_the_command_line_imports_only_the_facades(violations: list[Violation]) -> None:
    assert _of(violations, "cli-imports") == []


def test_reports_import_only_public_core_modules(violations: list[Violation]) -> None:
    assert _of(violations, "reports-imports") == []


def test_only_the_services_import_their_private_modules(violations: list[Violation]) -> None:
    assert _of(violations, "private-services") == []


def test_there_are_no_import_cycles(violations: list[Violation]) -> None:
    assert _of(violations, "cycles") == []


def test_computed_imports_are_reviewed(violations: list[Violation]) -> None:
    assert _of(violations, "dynamic-import") == []
    graph = read_graph(SRC.parent)
    assert sorted({module for module, _path, _line in graph.dynamic}) == sorted(DYNAMIC_IMPORTS)


def _paste(path: Path, text: str) -> int:
    """Append ``text`` to ``path``; the line number of its first line."""
    before = path.read_text(encoding="utf-8")
    path.write_text(before.rstrip("\n") + "\n\n\n" + text, encoding="utf-8")
    return len(before.rstrip("\n").splitlines()) + 3


def test_the_checker_reports_what_is_pasted_in(tmp_path: Path) -> None:
    shutil.copytree(SRC, tmp_path / PACKAGE, ignore=shutil.ignore_patterns("__pycache__"))
    pkg = tmp_path / PACKAGE
    before = {str(v) for v in check_package(tmp_path)}
    assert before == {str(v) for v in check_package(SRC.parent)}  # the copy is faithful

    # An ORM update pasted into a widget.
    orm = _paste(
        pkg / "ui" / "verify_dialog.py",
        "def _mark_all_checked(company):\n"
        "    from sqlalchemy import update\n"
        "\n"
        "    from officemgr.core import models as m\n"
        "\n"
        "    with company.engine.begin() as conn:\n"
        "        conn.execute(update(m.CustomerJob).values(active=True))\n",
    )
    # A function-level import closing a cycle: core.backup imports core.paths.
    cycle = _paste(
        pkg / "core" / "paths.py",
        "def _newest_backup_folder():\n    from officemgr.core import backup\n",
    )
    # Qt named only for a type, in core: still refused.
    qt = _paste(
        pkg / "core" / "records.py",
        "import typing\n\nif typing.TYPE_CHECKING:\n    from PySide6.QtCore import QObject\n",
    )
    # A cycle only through TYPE_CHECKING (core.search imports core.keys): allowed.
    _paste(
        pkg / "core" / "keys.py",
        "from typing import TYPE_CHECKING\n\n"
        "if TYPE_CHECKING:\n    from officemgr.core import search\n",
    )

    new = sorted(str(v) for v in check_package(tmp_path) if str(v) not in before)
    backup_imports_paths = _line_of(pkg / "core" / "backup.py", "from officemgr.core import paths")
    assert new == [
        f"officemgr/core/backup.py:{backup_imports_paths}: [cycles] import cycle "
        "officemgr.core.backup → officemgr.core.paths → officemgr.core.backup: "
        f"officemgr/core/backup.py:{backup_imports_paths} officemgr.core.backup imports "
        f"officemgr.core.paths; officemgr/core/paths.py:{cycle + 1} officemgr.core.paths "
        "imports officemgr.core.backup (in a function) (the cycle's component also holds "
        "officemgr.core.company_file, officemgr.core.copying, officemgr.core.desks, "
        "officemgr.core.file_header, officemgr.core.outputs, officemgr.core.server)",
        f"officemgr/core/records.py:{qt + 3}: [qt] officemgr.core.records imports "
        "PySide6.QtCore: only ui/ and app.py use Qt",
        f"officemgr/ui/verify_dialog.py:{orm + 1}: [ui-imports] officemgr.ui.verify_dialog "
        "imports sqlalchemy: the window never uses SQLAlchemy (widgets never build SQL)",
        f"officemgr/ui/verify_dialog.py:{orm + 3}: [ui-imports] officemgr.ui.verify_dialog "
        "imports officemgr.core.models: the window never uses the ORM models (widgets "
        "never build SQL)",
        f"officemgr/ui/verify_dialog.py:{orm + 5}: [ui-database] officemgr.ui.verify_dialog "
        "uses .engine: the window reaches the data only through the facade's namespaces "
        "(widgets never build SQL)",
        f"officemgr/ui/verify_dialog.py:{orm + 6}: [ui-database] officemgr.ui.verify_dialog "
        "uses .execute: the window reaches the data only through the facade's namespaces "
        "(widgets never build SQL)",
    ]


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(text))


# ------------------------------------------------- the same promise, by importing


def _modules_under(package: str) -> list[str]:
    root = SRC.joinpath(*package.split(".")[1:])
    names = [package]
    for info in pkgutil.walk_packages([str(root)], prefix=package + "."):
        names.append(info.name)
    return names


def test_core_reports_cli_and_api_import_no_qt() -> None:
    modules = [
        *_modules_under("officemgr.core"),
        *_modules_under("officemgr.reports"),
        "officemgr.company",
        "officemgr.namespaces",
        "officemgr.files",
        "officemgr.logs",
        "officemgr.samples",
        "officemgr.cli",
        "officemgr.errors",
    ]
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "import officemgr.files\n"
        "officemgr.files.CheckReport, officemgr.files.RepairResult\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'PyQt5', 'PyQt6', 'shiboken6'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(result.stdout) == []
    assert len(modules) > 10  # the walk really found the modules


def test_cli_help_starts_without_qt_or_the_orm() -> None:
    code = (
        "import sys\n"
        "from officemgr.cli import _parser\n"
        "_parser().format_help()\n"
        "print(any(m.startswith(('PySide6', 'sqlalchemy.orm')) for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"
