"""Render the app icon: resources/icons/tally.svg (tally-small.svg for 16 and 32 pixels, where the
full drawing blurs) to tally-<size>.png, and pack those PNGs into tally.ico (Windows) and
tally.icns (macOS). Also the window's action icons, resources/icons/ui/<name>.svg, each in the
light and the dark theme's colour at 16 and 32 pixels (<name>-<theme>-<size>.png: PNGs cost the
window a fraction of a millisecond each to load, an SVG the SVG plugin's 7 ms). The outputs
are committed: run this after changing an SVG.

Run: .venv/bin/python packaging/render_icons.py

Qt draws the SVGs (QtSvg is in PySide6-Essentials). The two containers are written here rather
than with Pillow, which is not a dependency: both are a small header and a table of PNGs.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)
SMALL = 32  # at this size and below, tally-small.svg
ICO_SIZES = (16, 32, 48, 64, 128, 256)  # 256 is the largest an .ico entry can say
# ICNS entry types holding PNG data, with the pixel size each holds (the @2x types hold twice the
# size of the point size they are named for).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic11", 32),  # 16 pt @2x
    (b"ic12", 64),  # 32 pt @2x
    (b"ic13", 256),  # 128 pt @2x
    (b"ic14", 512),  # 256 pt @2x
)


def png_name(size: int) -> str:
    return f"tally-{size}.png"


UI_ICONS = ICONS / "ui"
UI_COLOURS = {"light": "#57606a", "dark": "#9aa5b1"}
"""The action icons' stroke in each theme: the dim text colour of core/text/palette.py."""
UI_SIZES = (16, 32)


def render(svg: Path, size: int, colour: str | None = None) -> bytes:
    """The SVG drawn on a transparent square of `size` pixels, as PNG bytes; `colour` replaces
    the black its strokes are drawn in."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    text = svg.read_text(encoding="utf-8")
    if colour is not None:
        text = text.replace("#000000", colour)
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    if not renderer.isValid():
        sys.exit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An .ico file of PNG entries (read by Windows Vista and later): ICONDIR, one 16-byte
    ICONDIRENTRY per image (0 stands for 256 in the width and height bytes), then the PNGs."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        side = size % 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns(pngs: dict[int, bytes]) -> bytes:
    """An .icns file: 'icns' and the file's length, then for each entry its type, its length
    (8 header bytes included) and a PNG; all lengths big-endian."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841  # QtSvg needs one for its fonts
    pngs = {}
    for size in SIZES:
        svg = ICONS / ("tally-small.svg" if size <= SMALL else "tally.svg")
        pngs[size] = render(svg, size)
        (ICONS / png_name(size)).write_bytes(pngs[size])
    (ICONS / "tally.ico").write_bytes(ico({size: pngs[size] for size in ICO_SIZES}))
    (ICONS / "tally.icns").write_bytes(icns(pngs))
    print(f"wrote {len(SIZES)} PNGs, tally.ico and tally.icns to {ICONS}")
    written = 0
    for svg in sorted(UI_ICONS.glob("*.svg")):
        for theme, colour in UI_COLOURS.items():
            for size in UI_SIZES:
                png = UI_ICONS / f"{svg.stem}-{theme}-{size}.png"
                png.write_bytes(render(svg, size, colour))
                written += 1
    print(f"wrote {written} action icons to {UI_ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
