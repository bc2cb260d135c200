"""A reopened conversation's files: read when a thumbnail, the estimate or a request needs
them, on a worker, and never on the GUI thread."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from desktop_app.core.attachments.attachment import Attachment, StoredBytes
from desktop_app.ui.conversation_opening import _warm_up


def test_files_read_ahead_after_the_history_closed_are_left_to_the_estimate(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def closed() -> bytes:  # what a reader says once the window has closed the history
        raise sqlite3.ProgrammingError("Cannot operate on a closed database.")

    photo = Attachment("photo.png", "image/png", StoredBytes(2048, closed), None, "ab" * 32)
    with caplog.at_level(logging.INFO):
        _warm_up([photo])  # on its thread, an exception would print a traceback at quit
    assert "not measured ahead: Cannot operate on a closed database." in caplog.text
