"""The core's messages in the window's language: the error banner and an answer's status."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.core.conversation import ChatMessage
from desktop_app.core.network.status_errors import error_for_status
from desktop_app.core.settings.providers_file import Provider
from desktop_app.core.text.messages import set_language, text_of
from desktop_app.ui.chat.message_widget import MessageWidget
from desktop_app.ui.error_banner import ErrorBanner

RELAY = Provider("relay", "HolySheep relay", "openai", "https://api.example.com/v1")


@pytest.fixture
def in_chinese() -> Iterator[None]:
    set_language("zh_CN")
    yield
    set_language("en")


def test_the_banner_and_the_answer_say_a_core_error_in_chinese(
    in_chinese: None, qtbot: QtBot
) -> None:
    error = error_for_status(RELAY, "gpt-4.1", 429, {"retry-after": "20"}, b"{}", None)
    banner = ErrorBanner()
    qtbot.addWidget(banner)
    banner.show_error(error)
    assert banner.label.text().startswith(
        "HolySheep relay 正在限制请求频率（429）。请等待 20 秒后重试"
    )
    answer = ChatMessage("assistant", status="error", error=text_of(error))
    assert answer.error == str(error), "kept in English, as the history stores it"
    widget = MessageWidget(answer, dark=False)
    qtbot.addWidget(widget)
    widget.refresh()
    assert "正在限制请求频率" in widget.status.text()


def test_the_historys_troubles_show_in_chinese_as_the_unsaved_notice_compares_them(
    in_chinese: None, qtbot: QtBot, tmp_path: Path
) -> None:
    from desktop_app.core.history.failures import disk_full
    from desktop_app.core.text.messages import message_of

    problem = disk_full(tmp_path / "history.sqlite3")
    banner = ErrorBanner()
    qtbot.addWidget(banner)
    banner.show_error(problem)
    assert banner.label.text().startswith("存放历史记录的磁盘")
    assert banner.label.text() == message_of(problem), "what ui/history/unsaved.py compares"
    assert str(problem).startswith("The disk holding the history"), "English for the CLI"


def test_an_answers_code_block_offers_copy_in_the_windows_language(
    in_simplified_chinese: None, qtbot: QtBot
) -> None:
    widget = MessageWidget(ChatMessage("assistant", "```sh\nwc -w file.txt\n```"), dark=False)
    qtbot.addWidget(widget)
    widget.refresh()
    header = widget.body.parts[0].toPlainText().splitlines()[0]
    assert header.split() == ["sh", "复制"]
