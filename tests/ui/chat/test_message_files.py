"""A question's files under its text: a wide picture's thumbnail takes its own height once
decoded, not the room held for it while it was."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.ui.chat.message_files import SIDE, MessageFiles
from tests.support.attachment_files import image_bytes
from tests.support.ui.window_helpers import Run
from tests.support.waiting import until


def test_a_wide_thumbnail_leaves_no_blank_band_above_it(qtbot: QtBot, run: Run) -> None:
    wide = Attachment("wide-chart.png", "image/png", image_bytes(1601, 1003))  # a fresh hash
    holder: list[MessageFiles] = []

    async def shown() -> None:
        files = MessageFiles([wide])
        qtbot.addWidget(files)
        holder.append(files)
        (label,) = files.findChildren(QLabel, "messageFile")
        assert label.maximumHeight() == SIDE  # its room held while it decodes
        await until(lambda: not label.pixmap().isNull())

    run(shown)
    (label,) = holder[0].findChildren(QLabel, "messageFile")
    assert label.pixmap().width() == SIDE
    assert label.maximumHeight() == label.pixmap().height() == round(SIDE * 1003 / 1601)
