"""A reopened conversation's files: read when a thumbnail, the estimate or a request needs
them, on a worker, and never on the GUI thread."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from httpx import _content
from PySide6.QtWidgets import QLabel

from desktop_app.core.attachments import tokens
from desktop_app.core.attachments.attachment import Attachment, StoredBytes
from desktop_app.core.history.store import HistoryStore
from desktop_app.simulator import Simulator
from desktop_app.ui.chat import message_files
from desktop_app.ui.conversation_opening import _warm_up
from desktop_app.ui.main_window import MainWindow
from tests.support.attachment_files import image_bytes
from tests.support.threads import threads_calling
from tests.support.ui.window_actions import attach_and_wait, send_and_wait
from tests.support.ui.window_helpers import Run
from tests.support.waiting import until


def asked_with_a_photo(window: MainWindow, run: Run, tmp_path: Path) -> tuple[str, Attachment]:
    """A question sent with a 1200 x 900 photo: its conversation's id and the photo sent."""
    photo = tmp_path / "photo.png"
    photo.write_bytes(image_bytes(1200, 900))
    attach_and_wait(window, run, photo)
    assert window.picker.select("sim", "sim-normal")
    send_and_wait(window, run, "What is this?")
    conversation_id = window.recorder.conversation_id
    assert conversation_id is not None
    (sent,) = window.conversation.messages[-2].attachments
    return conversation_id, sent


def reopen(window: MainWindow, run: Run, conversation_id: str) -> None:
    async def reopened() -> None:  # in the loop, as the app always is
        window.new_conversation()
        window.open_conversation(conversation_id)

    run(reopened)


def test_files_read_ahead_after_the_history_closed_are_left_to_the_estimate(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def closed() -> bytes:  # what a reader says once the window has closed the history
        raise sqlite3.ProgrammingError("Cannot operate on a closed database.")

    photo = Attachment("photo.png", "image/png", StoredBytes(2048, closed), None, "ab" * 32)
    with caplog.at_level(logging.INFO):
        _warm_up([photo])  # on its thread, an exception would print a traceback at quit
    assert "not measured ahead: Cannot operate on a closed database." in caplog.text


def test_a_conversation_opened_has_its_files_measured_off_the_gui_thread(
    window: MainWindow,
    run: Run,
    simulator: Simulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    conversation_id, sent = asked_with_a_photo(window, run, tmp_path)
    tokens._measures.pop(sent.sha256, None)  # as on a later start: nothing measured yet
    measured_on = threads_calling(monkeypatch, tokens, "image_size")
    reopen(window, run, conversation_id)

    async def measured() -> None:
        await until(lambda: sent.sha256 in tokens._measures)

    run(measured)
    assert measured_on == ["files"], "read on the thread of its own, not the GUI thread"
    assert tokens.measured(sent) == (1200, 900)


def test_a_reopened_conversation_reads_its_files_off_the_gui_thread_and_sends_them_again(
    window: MainWindow,
    run: Run,
    simulator: Simulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    conversation_id, sent = asked_with_a_photo(window, run, tmp_path)
    message_files._kept.pop(sent.sha256, None)  # as on a later start: nothing decoded yet
    tokens._measures.pop(sent.sha256, None)
    read_on = threads_calling(monkeypatch, HistoryStore, "attachment_data")
    reopen(window, run, conversation_id)
    (kept,) = window.conversation.messages[-2].attachments
    assert isinstance(kept.content, StoredBytes), "its bytes stay in the history"
    assert "MainThread" not in read_on, "opening it read no file on the GUI thread"
    widget = window.chat_view.widget_for(window.conversation.messages[-2])
    assert widget is not None
    (label,) = widget.findChildren(QLabel, "messageFile")

    async def thumbnail() -> None:
        await until(lambda: not label.pixmap().isNull())

    run(thumbnail)
    before = len(simulator.received_files)
    send_and_wait(window, run, "And again?")

    resent = [f.data for f in simulator.received_files[before:] if f.part == "image_url"]
    assert resent == [sent.data], "the photo goes with the conversation again"
    assert len(read_on) >= 2  # the thumbnail's and the request's
    assert "MainThread" not in read_on, read_on


def test_a_request_with_files_is_encoded_off_the_gui_thread(
    window: MainWindow,
    run: Run,
    simulator: Simulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    encoded: list[tuple[str, int]] = []  # (thread, characters) of each body httpx encodes
    real = getattr(_content, "json_dumps")  # noqa: B009 (httpx does not export it)

    def watched(value: object, **options: Any) -> str:
        text: str = real(value, **options)
        encoded.append((threading.current_thread().name, len(text)))
        return text

    monkeypatch.setattr(_content, "json_dumps", watched)
    asked_with_a_photo(window, run, tmp_path)

    (arrived,) = [f.data for f in simulator.received_files if f.part == "image_url"]
    assert arrived == window.conversation.messages[-2].attachments[0].data
    large = len(arrived)  # its base64 is a third larger still
    assert [name for name, size in encoded if size > large] == []
