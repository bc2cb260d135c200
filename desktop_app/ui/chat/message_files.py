"""The files a question was sent with, under its text: images as thumbnails, other files by
name and size. Thumbnails are decoded on a worker thread and kept, by the file's hash, for the
next time the message is shown: a reopened conversation with many photos neither freezes while
they decode nor decodes them again as the user scrolls."""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget
from shiboken6 import isValid

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.errors import HistoryError
from desktop_app.ui.chat.attachment_tray import as_image, format_size, thumbnail
from desktop_app.ui.named_tasks import NamedTasks

SIDE = 160
"""A thumbnail's longer side in a message, in pixels."""

KEPT = 64
"""Thumbnails kept (about 100 KB each at most)."""

_kept: OrderedDict[str, QImage] = OrderedDict()


def _remember(sha256: str, image: QImage) -> None:
    _kept[sha256] = image
    _kept.move_to_end(sha256)
    while len(_kept) > KEPT:
        _kept.popitem(last=False)


class MessageFiles(QWidget):
    """A row of the files of one message."""

    def __init__(self, attachments: Sequence[Attachment], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageFiles")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(8)
        self.tasks = NamedTasks("message-files")
        self.pictures: dict[str, QLabel] = {}
        for number, attachment in enumerate(attachments):
            label = QLabel(self)
            label.setObjectName("messageFile")
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setToolTip(
                f"{attachment.name}\n{attachment.mime_type}, {format_size(attachment.size)}"
            )
            label.setText(f"\U0001f4ce {attachment.name} · {format_size(attachment.size)}")
            layout.addWidget(label, 0, Qt.AlignmentFlag.AlignBottom)
            if attachment.is_image:
                self._show_picture(label, attachment, number)
        layout.addStretch(1)

    def _show_picture(self, label: QLabel, attachment: Attachment, number: int) -> None:
        kept = _kept.get(attachment.sha256)
        if kept is not None:
            _kept.move_to_end(attachment.sha256)
            label.setPixmap(QPixmap.fromImage(kept))
            return
        label.setFixedHeight(SIDE)  # its room held, so the message does not grow later
        self.tasks.start(f"thumbnail-{number}", self._decode(label, attachment))

    async def _decode(self, label: QLabel, attachment: Attachment) -> None:
        import asyncio

        image = as_image(await asyncio.to_thread(_thumbnail_of, attachment))
        if image is None or not isValid(label):  # not an image, or the message closed
            return  # the name and size stay
        _remember(attachment.sha256, image)
        label.setPixmap(QPixmap.fromImage(image))
        # The room held was SIDE high: a wide picture is less, and would sit in a blank band
        # (as it does not when the thumbnail was kept and shown at once).
        label.setFixedHeight(image.height())


def _thumbnail_of(attachment: Attachment) -> tuple[int, int, bytes] | None:
    """On the worker: the file's bytes read (from the history, for a reopened conversation's)
    and its thumbnail made; None when neither can be (the window closed the history)."""
    try:
        data = attachment.data
    except (KeyError, sqlite3.Error, HistoryError):
        return None
    return thumbnail(data, SIDE)
