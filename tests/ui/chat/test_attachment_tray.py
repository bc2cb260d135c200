"""The tray of files being attached, alone: a pasted image is converted off the GUI thread and
arrives as the user saw it."""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat.attachment_tray import BAND, AttachmentTray
from tests.support.ui.window_helpers import Run
from tests.support.waiting import until


def _screenshot(width: int, height: int) -> QImage:
    """An image as the clipboard gives one (premultiplied ARGB), a colour per line, half
    transparent on the right: every band and both halves differ."""
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    for y in range(height):
        for x in range(width):
            alpha = 255 if x < width // 2 else 128
            image.setPixelColor(x, y, QColor(y % 256, (3 * y) % 256, x % 256, alpha))
    return image


def test_a_pasted_image_is_sent_with_its_pixels_converted_band_by_band(
    qtbot: QtBot, run: Run
) -> None:
    tray = AttachmentTray()
    qtbot.addWidget(tray)
    pasted = _screenshot(37, 2 * BAND + 5)  # odd width; three bands, the last one short
    expected = pasted.convertToFormat(QImage.Format.Format_RGBA8888)

    async def paste() -> None:
        tray.add_image(pasted)
        pasted.fill(QColor("black"))  # the clipboard's image reused: the attachment keeps its own
        await until(lambda: not tray.reading())

    run(paste)
    (attachment,) = tray.attachments()
    assert attachment.mime_type == "image/png"
    with Image.open(io.BytesIO(attachment.data)) as png:
        assert png.size == (37, 2 * BAND + 5)
        assert png.convert("RGBA").tobytes() == bytes(expected.constBits())
    assert not tray.chips[0].picture.isHidden()  # its thumbnail
