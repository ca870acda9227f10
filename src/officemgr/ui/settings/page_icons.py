"""The icons of the settings pages, drawn from SVG kept here.

They live in this module rather than in ``resources/icons/`` because that folder's
contents are pinned to ``ui.icons.ICON_NAMES`` (tests/ui/test_icons.py), which belongs to
the main window. Each is rendered once per size into a QIcon.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">'

SVG = {
    # a two-storey office building
    "office": """
  <rect x="3" y="4" width="12" height="17" rx="1" fill="#7a8796" stroke="#3d4653"/>
  <rect x="15" y="10" width="6" height="11" rx="1" fill="#a3adb9" stroke="#3d4653"/>
  <g fill="#f2c14e">
    <rect x="5.5" y="7" width="2.5" height="2.5"/><rect x="10" y="7" width="2.5" height="2.5"/>
    <rect x="5.5" y="12" width="2.5" height="2.5"/><rect x="10" y="12" width="2.5" height="2.5"/>
    <rect x="17" y="13" width="2" height="2"/>
  </g>
  <rect x="7.8" y="17" width="2.6" height="4" fill="#ffffff"/>""",
    # a handset beside a coin
    "phones-money": """
  <path d="M4.2 2.5h3.2l1.6 4.2-2.1 1.5a11 11 0 0 0 5 5l1.5-2.1 4.2 1.6v3.2a2 2 0 0 1-2 2
    C9.4 17.9 2.2 10.7 2.2 4.5a2 2 0 0 1 2-2z" fill="#2f7d3a" stroke="#1d5426"
    stroke-linejoin="round"/>
  <circle cx="17.5" cy="17.5" r="5" fill="#f2c14e" stroke="#a07d00"/>
  <path d="M19 15.6h-2.2a1.1 1.1 0 0 0 0 2.2h1.4a1.1 1.1 0 0 1 0 2.2H16M17.5 14.6v1M17.5 20v1"
    fill="none" stroke="#5c4600" stroke-width="1.1" stroke-linecap="round"/>""",
    # three sliders
    "preferences": """
  <g stroke="#5f6b7a" stroke-width="2" stroke-linecap="round">
    <path d="M3 6h18M3 12h18M3 18h18"/>
  </g>
  <g stroke="#1f4f86" stroke-width="1.2">
    <circle cx="8" cy="6" r="2.6" fill="#3d8fe0"/>
    <circle cx="16" cy="12" r="2.6" fill="#3d8fe0"/>
    <circle cx="10" cy="18" r="2.6" fill="#3d8fe0"/>
  </g>""",
    # a bulleted list on a page
    "lists": """
  <rect x="2.5" y="2.5" width="19" height="19" rx="2" fill="#ffffff" stroke="#5f6b7a"/>
  <g fill="#2f6db5">
    <circle cx="6.5" cy="7" r="1.5"/><circle cx="6.5" cy="12" r="1.5"/>
    <circle cx="6.5" cy="17" r="1.5"/>
  </g>
  <g stroke="#5f6b7a" stroke-width="1.8" stroke-linecap="round">
    <path d="M10 7h8M10 12h8M10 17h6"/>
  </g>""",
    # a small tree: a type with two sub-types
    "job-types": """
  <path d="M7 7v11.5h5M7 11.5h5" fill="none" stroke="#5f6b7a" stroke-width="1.6"/>
  <rect x="2.5" y="2" width="9" height="5.5" rx="1.2" fill="#e0a930" stroke="#9a7216"/>
  <rect x="12" y="9" width="9.5" height="5" rx="1.2" fill="#f5cd5b" stroke="#9a7216"/>
  <rect x="12" y="16" width="9.5" height="5" rx="1.2" fill="#f5cd5b" stroke="#9a7216"/>""",
    # a form with a plus
    "custom-fields": """
  <rect x="2.5" y="3" width="15" height="18" rx="1.5" fill="#ffffff" stroke="#5f6b7a"/>
  <g fill="#c9d6e6" stroke="#5f6b7a" stroke-width="0.8">
    <rect x="5" y="6" width="10" height="3"/><rect x="5" y="11" width="10" height="3"/>
  </g>
  <circle cx="17.5" cy="17.5" r="5" fill="#2f7d3a" stroke="#1d5426"/>
  <path d="M17.5 14.8v5.4M14.8 17.5h5.4" stroke="#ffffff" stroke-width="1.8"
    stroke-linecap="round"/>""",
}

SIZES = (16, 20, 24, 32, 48, 64)


def svg_text(name: str) -> str:
    return f"{_HEAD}{SVG[name]}\n</svg>\n"


@cache
def page_icon(name: str) -> QIcon:
    """The icon ``name`` (a key of SVG); an empty icon for an unknown name."""
    if name not in SVG:
        return QIcon()
    renderer = QSvgRenderer(QByteArray(svg_text(name).encode()))
    icon = QIcon()
    for size in SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
