"""Files dropped on the window go to the message being written; and what stops a message with
files from being sent: a file still being read, limits, a model that takes no images."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.errors import TallyError
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import text_of
from desktop_app.ui.chat.attachment_tray import AttachmentTray
from desktop_app.ui.chat.message_input import local_files


class FileDrops(QObject):
    """Watches a window: files dragged onto any part of it are attached."""

    def __init__(self, window: QObject, tray: AttachmentTray) -> None:
        super().__init__(window)
        self.tray = tray
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QDragEnterEvent | QDropEvent):
            mime = event.mimeData()
            files = local_files(mime) if mime is not None else []
            if not files:
                return False
            event.acceptProposedAction()
            if isinstance(event, QDropEvent) and event.type() == QEvent.Type.Drop:
                self.tray.add_files(files)
            return True
        return False


def sending_problem(
    attachments: Sequence[Attachment],
    models: Sequence[tuple[Provider, str]],
    listed: Sequence[tuple[Provider, str]],
) -> str | None:
    """Why a message with these files cannot go to these models (the limits, or a model known
    to take no images, naming listed models of its provider that do), said so the user can
    act; None when it can. Checked before anything is sent, so nothing is billed for it."""
    if not attachments:
        return None
    from desktop_app.core.attachments.reading import check_message
    from desktop_app.core.attachments.vision import check_images

    try:
        check_message(attachments)
        for provider, model in models:
            offered = [name for other, name in listed if other.id == provider.id]
            check_images(provider, model, attachments, offered)
    except TallyError as exc:
        return text_of(exc)
    return None
