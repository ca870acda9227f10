"""Load the Qt Designer forms of ``forms/`` (shipped as the ``officemgr.forms`` package).

Forms are loaded at run time with QUiLoader from package data, so an editable install,
a wheel and the frozen app all use the same files and nothing is generated.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget


def form_names() -> list[str]:
    """Every form shipped, without the ``.ui`` suffix."""
    return sorted(
        entry.name.removesuffix(".ui")
        for entry in resources.files("officemgr.forms").iterdir()
        if entry.name.endswith(".ui")
    )


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """Build the widget tree of ``forms/<name>.ui``; children are found by object name."""
    data = (resources.files("officemgr.forms") / f"{name}.ui").read_bytes()
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
