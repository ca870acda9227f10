"""Make the application icons from resources/icons/officemgr.svg at build time.

    python packaging/build_icons.py [OUT_DIR]        (default: build/icons)

writes ``officemgr.png`` (1024 px), ``officemgr.ico`` (Windows: 16–256 px) and
``officemgr.icns`` (macOS: 16–1024 px, Retina sizes included). Qt renders the SVG (the
same renderer the window uses) and Pillow, which reportlab already brings, writes the
icon containers, so no binary icon is kept in the repository and none can go stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_SVG = ROOT / "resources" / "icons" / "officemgr.svg"
DEFAULT_OUT = ROOT / "build" / "icons"
MASTER_SIZE = 1024
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def render_png(svg: Path, out: Path, size: int = MASTER_SIZE) -> Path:
    """``svg`` drawn on a transparent ``size``×``size`` square, saved as PNG."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out), "PNG"):
        raise OSError(f"cannot write {out}")
    return out


def build_icons(out_dir: Path = DEFAULT_OUT, svg: Path = SOURCE_SVG) -> dict[str, Path]:
    """Write the PNG, ICO and ICNS icons into ``out_dir``; their paths by extension."""
    from PIL import Image

    out_dir.mkdir(parents=True, exist_ok=True)
    png = render_png(svg, out_dir / "officemgr.png")
    with Image.open(png) as master:
        master.load()
        ico = out_dir / "officemgr.ico"
        master.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES])
        icns = out_dir / "officemgr.icns"
        master.save(icns, format="ICNS")  # every size up to 512@2x from the 1024 master
    return {"png": png, "ico": ico, "icns": icns}


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else DEFAULT_OUT
    for path in build_icons(out_dir).values():
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
