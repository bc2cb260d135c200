"""The files attached to the message being written: a row of chips above the message box, each
with a thumbnail (images) or the file's name and size, and a button that takes it off.

Reading a file (an image scaled to what the provider uses, a PDF's text extracted) and drawing
its thumbnail run on a worker thread (asyncio.to_thread on the window's loop): a 20 MB photo
takes a few hundred ms to decode and scale, which on the GUI thread would freeze the window.
A chip shows at once with the name and "…" and is filled in when the file is ready; a file that
cannot be attached is taken off again and `failed` says why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QToolButton, QWidget

from desktop_app.core.attachments.attachment import Attachment
from desktop_app.core.errors import NoTextInDocument, TallyError
from desktop_app.core.text.messages import text_of
from desktop_app.ui.named_tasks import NamedTasks

THUMBNAIL = 40
"""A chip's thumbnail, in pixels (its longer side)."""


def thumbnail(data: bytes, side: int) -> tuple[int, int, bytes] | None:
    """An image's thumbnail as RGBA pixels, made with Pillow: safe on a worker thread, where
    Qt's painting and image code is not to be used."""
    from desktop_app.core.attachments.images import thumbnail_rgba

    return thumbnail_rgba(data, side)


def as_image(pixels: tuple[int, int, bytes] | None) -> QImage | None:
    """The thumbnail's pixels as a QImage (on the GUI thread: a copy of some KB)."""
    if pixels is None:
        return None
    width, height, data = pixels
    return QImage(data, width, height, width * 4, QImage.Format.Format_RGBA8888).copy()


Read = tuple[Attachment, tuple[int, int, bytes] | None]
"""A file as read on the worker: the attachment, and its thumbnail's pixels."""


Source = Callable[[bool], Read]
"""Reads a file on the worker; True: a document as it is (a PDF itself), not its text."""


def _read_file(path: Path, native: bool) -> Read:
    from desktop_app.core.attachments.reading import read_attachment

    attachment = read_attachment(path, native_documents=native)
    return attachment, _thumbnail_of(attachment)


def _read_again(attachment: Attachment, native: bool) -> Read:
    from desktop_app.core.attachments.reading import attachment_from_bytes

    if native == (attachment.text is None):
        return attachment, _thumbnail_of(attachment)
    again = attachment_from_bytes(
        attachment.name, attachment.data, attachment.mime_type, native_documents=native
    )
    return again, _thumbnail_of(again)


def _read_image(name: str, image: QImage, native: bool) -> Read:
    """A pasted image as a PNG attachment, on the worker. QImage, unlike QPixmap and widgets,
    is one of Qt's classes meant for use outside the GUI thread: this one is the worker's own."""
    from desktop_app.core.attachments.images import png_from_rgba
    from desktop_app.core.attachments.reading import attachment_from_bytes

    png = png_from_rgba(image.width(), image.height(), _rgba_pixels(image))
    attachment = attachment_from_bytes(name, png, "image/png")
    return attachment, _thumbnail_of(attachment)


BAND = 64
"""Lines of a pasted image converted at a time. PySide6 keeps the interpreter's lock through a
Qt call: a 4K screen's conversion in one call (13 to 17 ms) kept the GUI thread waiting for the
lock as long; a band of 64 lines takes well under a millisecond."""


def _rgba_pixels(image: QImage) -> bytes:
    """The image's pixels as RGBA, 4 bytes a pixel, converted a band of lines at a time."""
    width, height = image.width(), image.height()
    bands = [
        _packed(
            image.copy(0, top, width, min(BAND, height - top)).convertToFormat(
                QImage.Format.Format_RGBA8888
            )
        )
        for top in range(0, height, BAND)
    ]
    return b"".join(bands)


def _thumbnail_of(attachment: Attachment) -> tuple[int, int, bytes] | None:
    """The chip's thumbnail, on the worker; and the file's size in pixels or pages read there
    too, which the estimate then finds kept instead of reading it on the GUI thread."""
    from desktop_app.core.attachments.tokens import warm_up

    warm_up([attachment])
    return thumbnail(attachment.data, THUMBNAIL) if attachment.is_image else None


class AttachmentChip(QFrame):
    """One file: its thumbnail or its name, its size, and a button to take it off."""

    removeRequested = Signal(object)
    nativeToggled = Signal(object, bool)
    """The user chose to send a PDF itself (True) or its text (False)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name = name
        self.attachment: Attachment | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 2, 2)
        layout.setSpacing(4)
        self.picture = QLabel(self)
        self.picture.setObjectName("attachmentThumbnail")
        self.picture.setVisible(False)
        self.label = QLabel(self)
        self.label.setObjectName("attachmentName")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setText(f"{_short(name)} …")
        self.label.setToolTip(name)
        self.remove = QToolButton(self)
        self.remove.setObjectName("removeAttachment")
        self.remove.setText("\u00d7")
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(self.tr("Remove {}").format(name))
        self.remove.setAccessibleName(self.tr("Remove {}").format(name))
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self))
        self.native = QToolButton(self)
        self.native.setObjectName("sendAsDocument")
        self.native.setText("PDF")
        self.native.setCheckable(True)
        self.native.setAutoRaise(True)
        self.native.setToolTip(
            self.tr(
                "Send the PDF itself, pages and pictures included, instead of its text: Claude,"
                " Gemini and OpenAI's own API read PDFs; other models may refuse it"
            )
        )
        self.native.setVisible(False)
        self.native.toggled.connect(lambda on: self.nativeToggled.emit(self, on))
        layout.addWidget(self.picture)
        layout.addWidget(self.label)
        layout.addWidget(self.native)
        layout.addWidget(self.remove)

    def reading(self) -> None:
        """The file is being read (again): nothing to send yet."""
        self.attachment = None
        self.label.setText(f"{_short(self.name)} …")

    def ready(self, attachment: Attachment, image: QImage | None) -> None:
        """The file was read: show what will be sent."""
        self.attachment = attachment
        self.label.setText(f"{_short(attachment.name)} · {format_size(attachment.size)}")
        is_pdf = attachment.mime_type == "application/pdf"
        self.native.setVisible(is_pdf)
        self.native.blockSignals(True)
        self.native.setChecked(is_pdf and attachment.text is None)
        self.native.blockSignals(False)
        what = self.tr("sent as its text") if attachment.text is not None else ""
        self.label.setToolTip(
            f"{attachment.name}\n{attachment.mime_type}, {format_size(attachment.size)}"
            + (f"\n{what}" if what else "")
        )
        if image is not None and not image.isNull():
            self.picture.setPixmap(QPixmap.fromImage(image))
            self.picture.setVisible(True)


def _short(name: str, most: int = 28) -> str:
    return name if len(name) <= most else name[: most - 9] + "…" + name[-8:]


class AttachmentTray(QScrollArea):
    """The chips in one row that scrolls sideways when it is wider than the window."""

    changed = Signal()
    """A file was added, became ready, or was taken off."""
    failed = Signal(str)
    """A file could not be attached; the text says which and why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentTray")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget(self)
        self.row = QHBoxLayout(inner)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(6)
        self.row.addStretch(1)
        self.setWidget(inner)
        self.inner = inner
        self.chips: list[AttachmentChip] = []
        self.tasks = NamedTasks("attachments")
        self._made = 0
        self.setVisible(False)

    # -- what the composer asks --------------------------------------------------------------

    def attachments(self) -> list[Attachment]:
        """The files read so far, in the order attached."""
        return [chip.attachment for chip in self.chips if chip.attachment is not None]

    def reading(self) -> bool:
        """Whether a file is still being read."""
        return any(chip.attachment is None for chip in self.chips)

    def add_files(self, paths: Sequence[Path]) -> None:
        """Attach these files, each read on a worker thread."""
        for path in paths:
            self._start(path.name, partial(_read_file, path))

    def add_image(self, image: QImage) -> None:
        """Attach an image from the clipboard (a pasted screenshot), as a PNG file, converted
        and encoded on the worker. Converting and copying a 4K screen's pixels here held the
        GUI thread 25 to 240 ms (benchmarks/attach_stall.py); the copy of the QImage taken
        here shares its pixels until the original changes, which costs nothing."""
        name = self.tr("Pasted image {}.png").format(self._made + 1)
        pasted = QImage(image)
        self._start(name, partial(_read_image, name, pasted))

    def add_existing(self, attachments: Sequence[Attachment]) -> None:
        """Show files already read (those of a question being edited)."""
        for attachment in attachments:  # each as it was sent: a PDF itself stays itself
            native = attachment.text is None
            self._start(attachment.name, partial(_read_again, attachment), native=native)

    def clear_all(self) -> None:
        """Take every file off (the message was sent)."""
        self.tasks.cancel_all()
        for chip in list(self.chips):
            self._drop(chip)
        self.changed.emit()

    def sizeHint(self) -> QSize:
        inner = self.inner.sizeHint()
        return QSize(super().sizeHint().width(), inner.height() + 4)

    # -- internals -----------------------------------------------------------------------------

    def _start(self, name: str, source: Source, *, native: bool = False) -> None:
        chip = AttachmentChip(name, self.inner)
        chip.removeRequested.connect(self._remove)
        chip.nativeToggled.connect(self._send_as)
        self.row.insertWidget(self.row.count() - 1, chip)
        self.chips.append(chip)
        self.setVisible(True)
        self.setFixedHeight(self.sizeHint().height())
        self._made += 1
        self.tasks.start(f"read-{self._made}", self._read(chip, source, native=native))
        self.changed.emit()

    def _send_as(self, chip: AttachmentChip, native: bool) -> None:
        """Read a PDF again, to send it itself or its text."""
        attachment = chip.attachment
        if attachment is None:
            return
        chip.reading()
        self._made += 1
        source = partial(_read_again, attachment)
        self.tasks.start(f"read-{self._made}", self._read(chip, source, native=native))
        self.changed.emit()

    async def _read(self, chip: AttachmentChip, source: Source, *, native: bool) -> None:
        import asyncio

        try:
            try:
                attachment, pixels = await asyncio.to_thread(source, native)
            except NoTextInDocument:
                # A scanned PDF has no text to take out: it can only go as it is.
                attachment, pixels = await asyncio.to_thread(source, True)
        except TallyError as exc:
            if chip in self.chips:
                self._remove(chip)
                self.failed.emit(text_of(exc))
            return
        except BaseException:
            if chip in self.chips:  # never a chip left "reading" for ever
                self._remove(chip)
            raise  # a bug or a cancellation: the app's handler of unexpected errors says it
        if chip in self.chips:
            chip.ready(attachment, as_image(pixels))
            self.setFixedHeight(self.sizeHint().height())
            self.changed.emit()

    def _remove(self, chip: AttachmentChip) -> None:
        self._drop(chip)
        self.changed.emit()

    def _drop(self, chip: AttachmentChip) -> None:
        self.chips.remove(chip)
        self.row.removeWidget(chip)
        chip.deleteLater()
        self.setVisible(bool(self.chips))


def format_size(size: int) -> str:
    """A file's size as the user's locale writes it (47 KB, 1.2 MB)."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


def _packed(image: QImage) -> bytes:
    """An RGBA image's pixels without padding at the end of its lines: a 32-bit image's
    lines never have any (Qt pads them to 4 bytes), so the pixels are copied once as they are."""
    row = image.width() * 4
    bits = bytes(image.constBits())
    line = image.bytesPerLine()
    if line == row:
        return bits
    return b"".join(bits[y * line : y * line + row] for y in range(image.height()))
