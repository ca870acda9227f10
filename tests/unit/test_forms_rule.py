"""One rule for the forms and dialogs of ``ui/``, read from the source with ``ast``.

A Designer form is used through a `DesignerForm` subclass (``ui/form_loader.py``), which
loads it and sets each widget it declares as a typed attribute. So outside form_loader.py:

``name-lookup``    no ``findChild`` / ``findChildren`` is given an object name (a string,
                   or anything else: a name in a variable is still a lookup by name);
``w-helper``       no class has a ``w(name)`` method handing out widgets by name;
``raw-load``       no ``load_form(...)``: a form is loaded by its `DesignerForm` class.

Everything not in a Designer form is a small layout in code:

``long-function``  no function (``__init__`` included) is longer than `LIMIT` lines.

No Qt is needed. The checker is also run on small sources with one breach each, so it is
known to fail when it should; tests/ui/test_forms.py loads every form class.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import officemgr

LIMIT = 60  # lines, from the ``def`` line to the last line of the body
UI = Path(officemgr.__file__).parent / "ui"
LOADER = "ui/form_loader.py"
NAME_LOOKUPS = ("findChild", "findChildren")


@dataclass(frozen=True)
class Breach:
    path: str  # relative to the package folder: "ui/main_window.py"
    line: int
    rule: str
    function: str  # the qualified name of the function it is in ("<module>" if none)
    message: str

    @property
    def key(self) -> str:
        return f"{self.path} {self.rule} {self.function}"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.rule}] {self.function}: {self.message}"


class _Checker(ast.NodeVisitor):
    def __init__(self, path: str) -> None:
        self.path = path
        self.scope: list[tuple[str, bool]] = []  # (name, is a class)
        self.found: list[Breach] = []

    @property
    def function(self) -> str:
        return ".".join(name for name, _ in self.scope) or "<module>"

    def _add(self, node: ast.AST, rule: str, message: str, function: str | None = None) -> None:
        where = function if function is not None else self.function
        self.found.append(Breach(self.path, getattr(node, "lineno", 0), rule, where, message))

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.scope.append((node.name, True))
        self.generic_visit(node)
        self.scope.pop()

    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        in_class = bool(self.scope) and self.scope[-1][1]
        self.scope.append((node.name, False))
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        if length > LIMIT:
            self._add(node, "long-function", f"{length} lines (at most {LIMIT})")
        if in_class and node.name == "w":
            self._add(node, "w-helper", "a widget by name: declare it on a DesignerForm")
        self.generic_visit(node)
        self.scope.pop()

    visit_FunctionDef = _visit_function
    visit_AsyncFunctionDef = _visit_function

    def visit_Call(self, node: ast.Call) -> None:
        if self.path != LOADER:
            called = node.func
            name = called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", "")
            named = len(node.args) >= 2 or any(k.arg == "name" for k in node.keywords)
            if name in NAME_LOOKUPS and named:
                self._add(node, "name-lookup", f"{name} by object name: use a DesignerForm")
            if name == "load_form":
                self._add(node, "raw-load", "load_form: load it by its DesignerForm class")
        self.generic_visit(node)


def breaches(source: str, path: str) -> list[Breach]:
    """What in ``source`` (the module at ``path``, e.g. "ui/x.py") breaks the rule."""
    checker = _Checker(path)
    checker.visit(ast.parse(source))
    return checker.found


def ui_breaches() -> list[Breach]:
    found: list[Breach] = []
    for file in sorted(UI.rglob("*.py")):
        path = file.relative_to(UI.parent).as_posix()
        found += breaches(file.read_text(encoding="utf-8"), path)
    return found


# ------------------------------------------------------------------------------- ui/


def test_ui_reaches_form_widgets_only_by_typed_attributes_in_short_functions() -> None:
    breaches = [str(b) for b in ui_breaches()]
    assert not breaches, "\n".join(breaches)


# ------------------------------------------------------------------ the checker itself


def _rules(source: str, path: str = "ui/example.py") -> list[tuple[str, str]]:
    return [(b.rule, b.function) for b in breaches(source, path)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "class Tab:\n    def fill(self):\n        self.ui.findChild(QLineEdit, 'phoneEdit')\n",
            [("name-lookup", "Tab.fill")],
        ),
        (
            "def labels(form):\n    return form.findChildren(QLabel, name='hint')\n",
            [("name-lookup", "labels")],
        ),
        (
            "def find(form, which):\n    return form.findChild(QWidget, which)\n",
            [("name-lookup", "find")],
        ),
        (
            "class Tab:\n    def w(self, name):\n        return self.ui.findChild(QWidget, name)\n",
            [("w-helper", "Tab.w"), ("name-lookup", "Tab.w")],
        ),
        ("ui = load_form('stop_dialog')\n", [("raw-load", "<module>")]),
        (
            "class Big:\n    def __init__(self):\n"
            + "        x = 1\n" * LIMIT,  # the def line and LIMIT lines: one too many
            [("long-function", "Big.__init__")],
        ),
    ],
    ids=["findChild", "findChildren-name=", "name-in-a-variable", "w-helper", "raw-load", "long"],
)
def test_the_checker_finds_each_kind_of_breach(
    source: str, expected: list[tuple[str, str]]
) -> None:
    assert _rules(source) == expected


def test_the_checker_passes_lookups_by_type_and_functions_at_the_limit() -> None:
    source = (
        "class Tab:\n    def fill(self):\n"
        + "        x = 1\n" * (LIMIT - 2)
        + "        return self.root.findChildren(QLineEdit), self.edit.findChild(QLineEdit)\n"
    )
    assert _rules(source) == []


def test_the_loader_may_look_up_by_name() -> None:
    source = "def find(root, name):\n    return root.findChild(QObject, name)\n"
    assert _rules(source, LOADER) == []
    assert _rules(source) == [("name-lookup", "find")]
