"""Import ChatGPT's conversations.json: the thread the user saw, titles and times, and a
single conversation on its own. (Malformed ChatGPT files: test_export_import.py.)"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_app.core.errors import ConfigError
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.transfer.import_chatgpt import chatgpt_conversation_id
from desktop_app.core.transfer.import_records import TITLE_LENGTH
from desktop_app.core.transfer.importer import ImportResult, import_file
from tests.support.history.export_stores import (
    fresh as fresh,  # a fixture: pytest finds it by name here
)
from tests.support.history.history_samples import CHATGPT_ID, EPOCH, chatgpt_export


def test_a_chatgpt_export_imports_the_thread_the_user_saw(
    fresh: HistoryStore, tmp_path: Path
) -> None:
    file = tmp_path / "conversations.json"
    file.write_text(json.dumps(chatgpt_export(), ensure_ascii=False), encoding="utf-8")
    result = import_file(fresh, file)
    assert result == ImportResult(conversations_added=2, conversations_skipped=0, messages_added=6)

    conversation = fresh.conversation(chatgpt_conversation_id(CHATGPT_ID))
    assert conversation is not None
    assert conversation.title == "猫的图片"
    assert conversation.created_at == datetime.fromtimestamp(EPOCH, UTC)
    messages = fresh.messages(conversation.id)
    assert [(m.role, m.content) for m in messages] == [
        ("user", "这张图里是什么？"),
        ("assistant", "图里是一只猫。"),
        ("user", "Write Python to count words."),
        ("assistant", "```python\nfrom collections import Counter\nCounter(text.split())\n```"),
    ]
    assert [m.model for m in messages] == [None, "gpt-4o", None, "o3"]
    assert messages[3].reasoning == "Use collections.Counter."
    assert all(m.reasoning == "" for m in messages[:3])
    assert all(m.status == "complete" for m in messages)
    assert all(m.usage is None and m.cost_usd is None and m.provider is None for m in messages)
    assert messages[1].created_at == datetime.fromtimestamp(EPOCH + 180, UTC)

    (untitled,) = fresh.conversations(archived=True)
    assert untitled.id == chatgpt_conversation_id("second-conversation")
    assert untitled.title == "Hello there", "no title: the first line of the first question"
    question, answer = fresh.messages(untitled.id)
    assert question.created_at == answer.created_at == untitled.created_at, (
        "without times of their own, they take the first time the thread has"
    )

    assert import_file(fresh, file) == ImportResult(0, 2, 0), "importing again adds nothing"


def test_one_chatgpt_conversation_on_its_own_imports_too(
    fresh: HistoryStore, tmp_path: Path
) -> None:
    file = tmp_path / "one.json"
    file.write_text(json.dumps(chatgpt_export()[1]), encoding="utf-8")
    assert import_file(fresh, file) == ImportResult(1, 0, 2)


def test_a_title_is_kept_as_the_list_and_a_terminal_can_show_it(
    fresh: HistoryStore, tmp_path: Path
) -> None:
    # ESC's sequences would clear the terminal of `tally search`; U+202E turns the name around.
    export = chatgpt_export()
    export[0]["title"] = "\x1b[2JCats\r\n\u202efdp.exe\x07 " + "x" * 100_000
    file = tmp_path / "conversations.json"
    file.write_text(json.dumps(export), encoding="utf-8")
    import_file(fresh, file)
    conversation = fresh.conversation(chatgpt_conversation_id(CHATGPT_ID))
    assert conversation is not None
    assert conversation.title.startswith("[2JCats fdp.exe xxx")
    assert len(conversation.title) == TITLE_LENGTH
    assert conversation.title.isprintable()


def test_a_time_of_hundreds_of_digits_is_refused_as_no_time(
    fresh: HistoryStore, tmp_path: Path
) -> None:
    export = chatgpt_export()
    export[0]["create_time"] = 10**400
    file = tmp_path / "conversations.json"
    file.write_text(json.dumps(export), encoding="utf-8")
    with pytest.raises(ConfigError, match="'create_time' is not a plausible time"):
        import_file(fresh, file)
