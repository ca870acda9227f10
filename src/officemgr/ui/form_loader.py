"""Load the Qt Designer forms of ``forms/`` (shipped as the ``officemgr.forms`` package).

Forms are loaded at run time with QUiLoader from package data, so an editable install,
a wheel and the frozen app all use the same files and nothing is generated.

Widgets use a form through a `DesignerForm` subclass, which declares the form's widgets
as typed attributes; this module is the only place in ``ui/`` that finds a widget by its
object name (``tests/unit/test_forms_rule.py`` holds ``ui/`` to that).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import ClassVar, get_origin, get_type_hints

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget


def form_names() -> list[str]:
    """Every form shipped, without the ``.ui`` suffix."""
    return sorted(
        entry.name.removesuffix(".ui")
        for entry in resources.files("officemgr.forms").iterdir()
        if entry.name.endswith(".ui")
    )


def form_data(name: str) -> bytes:
    """The Designer XML of ``forms/<name>.ui``."""
    return (resources.files("officemgr.forms") / f"{name}.ui").read_bytes()


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """Build the widget tree of ``forms/<name>.ui`` (widgets use it through `DesignerForm`)."""
    data = form_data(name)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    loader = _loader()
    widget = loader.load(buffer, parent)
    buffer.close()
    if widget is None:
        raise RuntimeError(f"The form {name}.ui could not be loaded: {loader.errorString()}")
    return widget


@cache
def _loader() -> QUiLoader:
    """One loader for every form, made without Designer's widget plugins.

    A QUiLoader loads every Designer plugin it finds on the library paths (WebEngine,
    Quick, Qml …: +43 MB and dozens of shared libraries) though the forms use standard
    widgets only; so it is made while the library paths are empty.
    """
    paths = QCoreApplication.libraryPaths()
    QCoreApplication.setLibraryPaths([])
    try:
        loader = QUiLoader()
        loader.clearPluginPaths()
    finally:
        QCoreApplication.setLibraryPaths(paths)
    return loader


def object_name(attribute: str) -> str:
    """The Designer object name of a form attribute: ``bill_to_line1_edit`` is
    ``billToLine1Edit`` (snake_case in Python, lowerCamelCase in the .ui file)."""
    first, *rest = attribute.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


class DesignerForm:
    """The widget tree of one Designer form, its widgets as typed attributes.

    A subclass names its form in ``ui_file`` and annotates each widget it uses, in
    snake_case, with the widget's class; ``root`` may narrow the top-level widget's::

        class StopForm(DesignerForm):
            ui_file = "stop_dialog"
            root: QDialog
            line1_edit: QLineEdit  # the widget called "line1Edit" in stop_dialog.ui

    Making one loads the form (``parent`` becomes the root's parent) and sets every
    annotated attribute to its widget (or layout), checking its class; a widget missing
    from the form, or of another class, raises LookupError naming the form and the widget.
    """

    ui_file: ClassVar[str] = ""
    root: QWidget

    def __init__(self, parent: QWidget | None = None) -> None:
        root = load_form(self.ui_file, parent)
        for attribute, kind in declared_widgets(type(self)).items():
            if attribute == "root":
                found: QObject | None = root
                name = root.objectName()
            else:
                name = object_name(attribute)
                found = root.findChild(QObject, name)
            setattr(self, attribute, self._checked(found, name, kind, attribute))

    def _checked(
        self, found: QObject | None, name: str, kind: type[QObject], attribute: str
    ) -> QObject:
        where = f"The form {self.ui_file}.ui"
        declared = f"({type(self).__name__}.{attribute})"
        if found is None:
            raise LookupError(f"{where} has no widget called {name!r} {declared}.")
        if not isinstance(found, kind):
            actual = found.metaObject().className()
            raise LookupError(f"{where}: {name!r} is a {actual}, not a {kind.__name__} {declared}.")
        return found


_DECLARED: dict[type[DesignerForm], dict[str, type[QObject]]] = {}


def declared_widgets(form_class: type[DesignerForm]) -> dict[str, type[QObject]]:
    """What ``form_class`` declares, ``root`` first: each attribute and its Qt class."""
    known = _DECLARED.get(form_class)
    if known is None:
        known = _DECLARED[form_class] = _read_annotations(form_class)
    return dict(known)


def _read_annotations(form_class: type[DesignerForm]) -> dict[str, type[QObject]]:
    declared: dict[str, type[QObject]] = {}
    for attribute, hint in get_type_hints(form_class).items():
        if get_origin(hint) is ClassVar:
            continue
        if not (isinstance(hint, type) and issubclass(hint, QObject)):
            raise TypeError(
                f"{form_class.__name__}.{attribute}: a form declares only its widgets and "
                f"layouts (Qt classes), not {hint!r}"
            )
        declared[attribute] = hint
    # The root first: a form whose top-level widget is of another class fails there.
    return {"root": declared.pop("root"), **declared}
