"""Attaching files in the window as a user does: the paperclip's files, a pasted screenshot, files
dropped on the window; chips that can be taken off; the estimate counting them; the files sent
in the request, kept with the question, and shown again when the conversation is reopened."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage
from PySide6.QtWidgets import QLabel

from desktop_app.core.settings.providers_file import Provider
from desktop_app.simulator import Simulator
from desktop_app.ui.chat.attaching import FileDrops, sending_problem
from desktop_app.ui.chat.message_files import MessageFiles
from desktop_app.ui.main_window import MainWindow
from tests.support.attachment_files import image_bytes, pdf_bytes
from tests.support.ui.window_actions import attach_and_wait
from tests.support.ui.window_helpers import Run
from tests.support.waiting import until


def test_an_attached_image_and_pdf_go_with_the_question_and_come_back_when_reopened(
    window: MainWindow, run: Run, simulator: Simulator, tmp_path: Path
) -> None:
    photo = tmp_path / "photo.png"
    photo.write_bytes(image_bytes(3000, 2000))
    report = tmp_path / "report.pdf"
    report.write_bytes(pdf_bytes("Quarterly figures are up"))
    assert window.picker.select("sim", "sim-normal")
    window.input.setPlainText("What do these show?")
    window.estimate.refresh()
    typed_only = window.estimate.text()
    attach_and_wait(window, run, photo, report)

    tray = window.composer.tray
    names = [chip.label.text() for chip in tray.chips]
    assert names[0].startswith("photo.png · ")
    assert names[1].startswith("report.pdf · ")
    image, document = tray.attachments()
    assert (image.mime_type, document.mime_type) == ("image/png", "application/pdf")
    assert max(_size(image.data)) == 2048, "scaled down before sending, on the worker"
    assert "Quarterly figures are up" in (document.text or "")
    assert not tray.chips[0].picture.pixmap().isNull()  # the image's thumbnail
    assert not tray.chips[0].picture.isHidden()
    assert tray.chips[1].picture.isHidden()  # a PDF: its name and size
    window.estimate.refresh()
    assert _tokens(window.estimate.text()) > _tokens(typed_only) + 500  # the image's tiles

    async def send() -> None:
        window.send()
        await until(lambda: not window.session.busy, within=20)

    run(send)
    assert tray.chips == [], "the files went with the message"
    assert tray.isHidden()
    sent = [f for f in simulator.received_files if f.part == "image_url"]
    assert [hashlib.sha256(f.data).hexdigest() for f in sent] == [image.sha256]
    body = simulator.requests[-1].body or {}
    texts = [p.get("text", "") for p in body["messages"][-1]["content"] if p["type"] == "text"]
    assert any("report.pdf" in text and "Quarterly figures are up" in text for text in texts)
    question = window.conversation.messages[-2]
    assert [a.name for a in question.attachments] == ["photo.png", "report.pdf"]

    conversation_id = window.recorder.conversation_id
    assert conversation_id is not None

    async def reopen() -> None:  # in the loop, as the app always is
        window.new_conversation()
        window.open_conversation(conversation_id)

    run(reopen)
    reopened = window.conversation.messages[-2]
    assert [a.sha256 for a in reopened.attachments] == [image.sha256, document.sha256]
    widget = window.chat_view.widget_for(reopened)
    assert widget is not None
    files = widget.findChild(MessageFiles, "messageFiles")
    assert files is not None
    labels = files.findChildren(QLabel, "messageFile")
    assert "report.pdf" in labels[1].text()

    async def thumbnail() -> None:
        await until(lambda: not labels[0].pixmap().isNull())

    run(thumbnail)
    assert max(labels[0].pixmap().width(), labels[0].pixmap().height()) == 160


def test_a_pasted_screenshot_is_attached_not_typed(window: MainWindow, run: Run) -> None:
    screenshot = QImage(1200, 800, QImage.Format.Format_RGB32)
    screenshot.fill(QColor("steelblue"))
    mime = QMimeData()
    mime.setImageData(screenshot)
    tray = window.composer.tray

    async def read() -> None:  # in the loop, as the app always is
        window.input.insertFromMimeData(mime)
        await until(lambda: bool(tray.chips) and not tray.reading())

    run(read)
    (pasted,) = tray.attachments()
    assert pasted.mime_type == "image/png"
    assert pasted.name.endswith(".png")
    assert _size(pasted.data) == (1200, 800)
    assert window.input.toPlainText() == ""


def test_files_dropped_on_the_window_are_attached_and_a_chip_takes_one_off(
    window: MainWindow, run: Run, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Plan\n- ship it\n", encoding="utf-8")
    code = tmp_path / "main.py"
    code.write_text("print('hi')\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(notes)), QUrl.fromLocalFile(str(code))])
    drop = QDropEvent(
        QPointF(QPoint(200, 200)),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tray = window.composer.tray

    async def read() -> None:
        # Qt delivers a drop only inside a real drag: the window's filter is given it as Qt would
        drops = window.findChild(FileDrops)
        assert drops is not None
        assert drops.eventFilter(window, drop)
        await until(lambda: len(tray.attachments()) == 2)

    run(read)
    assert [a.text for a in tray.attachments()] == ["# Plan\n- ship it\n", "print('hi')\n"]
    tray.chips[0].remove.click()
    assert [a.name for a in tray.attachments()] == ["main.py"]


def test_a_file_that_cannot_be_attached_is_said_in_the_banner(
    window: MainWindow, run: Run, tmp_path: Path
) -> None:
    program = tmp_path / "tool.exe"
    program.write_bytes(b"MZ\x90\x00" + bytes(range(256)) * 40)
    tray = window.composer.tray

    async def read() -> None:
        tray.add_files([program])
        await until(lambda: not tray.chips)

    run(read)
    assert not window.banner.isHidden()
    assert "tool.exe" in window.banner.label.text()


def test_an_image_for_a_model_known_to_take_none_is_stopped_before_sending(
    tmp_path: Path,
) -> None:
    relay = Provider(id="relay", name="Relay", kind="openai", base_url="https://relay.invalid/v1")
    from desktop_app.core.attachments.reading import attachment_from_bytes

    picture = attachment_from_bytes("chart.png", image_bytes(64, 64))
    listed = [(relay, "deepseek-chat"), (relay, "gpt-4.1")]
    problem = sending_problem([picture], [(relay, "deepseek-chat")], listed)
    assert problem is not None
    assert "deepseek-chat" in problem
    assert "gpt-4.1" in problem
    assert "chart.png" in problem
    assert sending_problem([picture], [(relay, "gpt-4.1")], listed) is None


def test_a_model_that_refuses_images_gets_a_clear_error_and_the_question_stays(
    window: MainWindow, run: Run, simulator: Simulator, tmp_path: Path
) -> None:
    picture = tmp_path / "chart.png"
    picture.write_bytes(image_bytes(64, 64))
    assert window.picker.select("sim", "sim-normal")
    window.picker.use_name("sim-no-images")  # typed: Tally's table does not know it
    assert window.picker.current()[1] == "sim-no-images"  # type: ignore[index]
    attach_and_wait(window, run, picture)
    window.input.setPlainText("Read this chart")

    async def send() -> None:
        window.send()
        await until(lambda: not window.session.busy, within=20)

    run(send)
    assert not window.banner.isHidden()
    assert "image" in window.banner.label.text().lower()
    question = window.conversation.messages[-2]
    assert [a.name for a in question.attachments] == ["chart.png"]


def _size(data: bytes) -> tuple[int, int]:
    image = QImage.fromData(data)
    return image.width(), image.height()


def _tokens(estimate: str) -> int:
    digits = estimate.split("≈", 1)[1].split(" ", 1)[0].replace(",", "")
    return int(digits)


def test_a_pdf_can_go_as_itself_and_a_scanned_one_goes_so_at_once(
    window: MainWindow, run: Run, simulator: Simulator, tmp_path: Path
) -> None:
    report = tmp_path / "report.pdf"
    report.write_bytes(pdf_bytes("Quarterly figures are up"))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_bytes(None))  # a drawing, no text: as a scanned page
    attach_and_wait(window, run, report, scan)
    tray = window.composer.tray
    first, second = tray.chips
    assert not first.native.isHidden(), "a PDF chip offers to send the PDF itself"
    assert not first.native.isChecked()
    assert tray.attachments()[0].text is not None, "a PDF goes as its text by default"
    assert second.native.isChecked(), "a scan has no text: it goes as the PDF itself"
    assert tray.attachments()[1].text is None

    async def as_document() -> None:
        first.native.click()
        await until(lambda: not tray.reading())

    run(as_document)
    assert [a.text for a in tray.attachments()] == [None, None]
    assert first.native.isChecked()
    assert window.picker.select("sim", "sim-normal")
    window.input.setPlainText("Summarise both")

    async def send() -> None:
        window.send()
        await until(lambda: not window.session.busy, within=20)

    run(send)
    documents = [f for f in simulator.received_files if f.part == "file"]
    assert [f.data for f in documents] == [report.read_bytes(), scan.read_bytes()]


def test_editing_a_question_keeps_a_pdf_sent_as_itself(
    window: MainWindow, run: Run, simulator: Simulator, tmp_path: Path
) -> None:
    report = tmp_path / "report.pdf"
    report.write_bytes(pdf_bytes("Quarterly figures are up"))
    attach_and_wait(window, run, report)
    tray = window.composer.tray

    async def as_document() -> None:
        tray.chips[0].native.click()
        await until(lambda: not tray.reading())

    run(as_document)
    assert window.picker.select("sim", "sim-normal")
    window.input.setPlainText("Summarise it")

    async def send() -> None:
        window.send()
        await until(lambda: not window.session.busy, within=20)

    run(send)
    question = window.conversation.messages[-2]

    async def edit() -> None:
        window.edit(question)
        await until(lambda: bool(tray.chips) and not tray.reading())

    run(edit)
    (kept,) = tray.attachments()
    assert kept.text is None, "still the PDF itself"
    assert tray.chips[0].native.isChecked()
