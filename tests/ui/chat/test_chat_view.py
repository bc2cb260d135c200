"""The chat view: messages shown in order, streamed at most once per frame, safe links and copy."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QTextCursor, QTextDocument, QTextFragment
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.core.conversation import ChatMessage, Conversation
from desktop_app.ui.chat import message_widget
from desktop_app.ui.chat.chat_view import ChatView
from desktop_app.ui.chat.message_body import PART_CHARS, MessageBody, MessageBrowser
from desktop_app.ui.chat.message_header import ElidedLabel
from desktop_app.ui.chat.message_widget import MessageWidget
from tests.support.ui.chat_messages import answer, plain, widget_of

ANSWER = """## Plan

1. Read the file
2. Count the words

```python
def count(text: str) -> int:
    return len(text.split())
```

| word | count |
|---|--:|
| 中文 | 2 |

Done 😀 — see [the docs](https://docs.python.org/3/) or [this](javascript:alert(1)).

```sh
wc -w file.txt
```
"""


def html_of_parts(widget: MessageWidget) -> list[str]:
    return [part.document().toHtml() for part in widget.body.parts]


def fragments(browser: MessageBrowser) -> Iterator[QTextFragment]:
    block = browser.document().begin()
    while block.isValid():
        piece = block.begin()
        while not piece.atEnd():
            yield piece.fragment()
            piece += 1
        block = block.next()


def anchor_point(browser: MessageBrowser, href: str) -> QPoint:
    """Where to click, in the browser's viewport, to hit the link to `href`."""
    for fragment in fragments(browser):
        if fragment.charFormat().anchorHref() == href:
            cursor = QTextCursor(browser.document())
            cursor.setPosition(fragment.position() + fragment.length() // 2)
            return browser.cursorRect(cursor).center()
    raise AssertionError(f"no link to {href}")


def click(browser: MessageBrowser, point: QPoint) -> None:
    QTest.mouseClick(
        browser.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
    )


def anchors(browser: MessageBrowser) -> list[str]:
    return [f.charFormat().anchorHref() for f in fragments(browser) if f.charFormat().isAnchor()]


def test_messages_are_shown_in_order_with_who_wrote_them(
    view: ChatView, conversation: Conversation
) -> None:
    question = conversation.add(ChatMessage("user", "How do I count words?"))
    reply = conversation.add(answer(ANSWER))
    assert widget_of(view, question).role.text() == "You"
    assert widget_of(view, reply).role.text() == "deepseek-chat · Relay"
    assert "How do I count words?" in plain(widget_of(view, question))
    assert "Count the words" in plain(widget_of(view, reply))
    assert view.widgets() == [widget_of(view, question), widget_of(view, reply)]
    tops = [w.mapTo(view.content, QPoint(0, 0)).y() for w in view.widgets()]
    assert tops == sorted(set(tops))


def test_a_long_model_name_ends_in_an_ellipsis_where_the_header_has_no_room(
    view: ChatView, conversation: Conversation
) -> None:
    long = "accounts/fireworks/models/llama-v3p1-405b-instruct-long-context-preview-2025-11"
    reply = conversation.add(answer("Hi", model=long))
    role = widget_of(view, reply).role
    assert isinstance(role, ElidedLabel)
    role.resize(200, role.height())
    shown = role.shown_text()
    assert shown.endswith("…")
    assert long.startswith(shown[:-1])  # its start kept, not cut mid-letter at the end
    assert role.text().endswith(" · Relay")  # the whole, in its text and its tooltip
    role.resize(role.fontMetrics().horizontalAdvance(role.text()) + 10, role.height())
    assert role.shown_text() == role.text()


def test_chinese_and_emoji_are_in_the_document(view: ChatView, conversation: Conversation) -> None:
    reply = conversation.add(answer("你好，世界 😀👍🏽"))
    assert "你好，世界 😀👍🏽" in plain(widget_of(view, reply))


def test_many_changes_in_one_frame_make_one_update(
    qtbot: QtBot, view: ChatView, conversation: Conversation, monkeypatch: pytest.MonkeyPatch
) -> None:
    refreshed: Counter[int] = Counter()
    original = MessageWidget.refresh

    def counting(self: MessageWidget) -> None:
        refreshed[self.message.id] += 1
        original(self)

    monkeypatch.setattr(MessageWidget, "refresh", counting)
    reply = conversation.add(answer(status="streaming"))
    refreshed.clear()
    for n in range(500):
        reply.append_text(f"word{n} ")
        conversation.changed(reply)
    assert refreshed[reply.id] == 0  # nothing is drawn per chunk
    qtbot.waitUntil(lambda: refreshed[reply.id] == 1)
    qtbot.wait(60)  # several frames later, still one update
    assert refreshed[reply.id] == 1
    assert "word499" in plain(widget_of(view, reply))


def test_finished_messages_are_not_rendered_again(
    view: ChatView, conversation: Conversation, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered: Counter[int] = Counter()
    for name in ("show_parts", "show_update"):
        original = getattr(MessageBody, name)

        def counting(
            self: MessageBody,
            *html: list[str],
            _original: Callable[..., None] = original,
            **final: bool,
        ) -> None:
            rendered[id(self)] += 1
            _original(self, *html, **final)

        monkeypatch.setattr(MessageBody, name, counting)
    conversation.add(ChatMessage("user", "first"))
    done = conversation.add(answer(ANSWER))
    conversation.add(ChatMessage("user", "second"))
    streaming = conversation.add(answer(status="streaming"))
    before = rendered[id(widget_of(view, done).body)]
    for piece in ANSWER.split(" "):
        streaming.append_text(piece + " ")
        conversation.changed(streaming)
        view.flush()
    streaming.status = "complete"
    conversation.changed(streaming)
    view.flush()
    assert rendered[id(widget_of(view, done).body)] == before == 1
    assert rendered[id(widget_of(view, streaming).body)] > 10


def long_answer(size: int) -> str:
    """Sections of ANSWER, numbered, until `size` characters."""
    sections: list[str] = []
    length = 0
    while length < size:
        section = f"## Section {len(sections)}\n\n{ANSWER}\n"
        sections.append(section)
        length += len(section)
    return "".join(sections)


def stream_into(view: ChatView, conversation: Conversation, text: str, step: int) -> ChatMessage:
    streaming = conversation.add(answer(status="streaming"))
    for start in range(0, len(text), step):
        streaming.append_text(text[start : start + step])
        conversation.changed(streaming)
        view.flush()
    streaming.status = "complete"
    conversation.changed(streaming)
    view.flush()
    return streaming


def whole_render(qtbot: QtBot, text: str) -> MessageWidget:
    other = Conversation([answer(text)])
    whole = ChatView(other)
    qtbot.addWidget(whole)
    whole.resize(760, 560)
    whole.show()
    # shown, a tall message may be made again (from the render cache) after a pass
    qtbot.waitUntil(lambda: whole.widget_for(other.messages[0]) is not None)
    return widget_of(whole, other.messages[0])


@pytest.mark.parametrize("size", [1, 3 * PART_CHARS])
def test_a_streamed_answer_ends_as_a_whole_render_would(
    qtbot: QtBot, view: ChatView, conversation: Conversation, size: int
) -> None:
    text = long_answer(size)
    streamed = widget_of(view, stream_into(view, conversation, text, 37 if size == 1 else 211))
    single = whole_render(qtbot, text)
    assert len(streamed.body.parts) == (1 if size == 1 else 3)
    assert html_of_parts(streamed) == html_of_parts(single)
    assert plain(streamed) == plain(single)
    assert streamed.code_blocks == single.code_blocks
    assert streamed.body.size() == single.body.size()
    assert [p.geometry() for p in streamed.body.parts] == [p.geometry() for p in single.body.parts]


def test_reasoning_is_open_while_thinking_and_folds_when_the_answer_starts(
    view: ChatView, conversation: Conversation
) -> None:
    reply = conversation.add(answer(status="streaming"))
    widget = widget_of(view, reply)
    assert widget.reasoning_toggle.isHidden()
    reply.append_reasoning("Let me think about word counting.")
    conversation.changed(reply)
    view.flush()
    assert widget.reasoning.isVisible()
    assert "word counting" in widget.reasoning.document().toPlainText()
    assert widget.reasoning_toggle.text() == "Reasoning ▾"
    reply.append_text("The answer.")
    conversation.changed(reply)
    view.flush()
    assert not widget.reasoning.isVisible()
    assert widget.reasoning_toggle.text() == "Reasoning ▸"
    widget.reasoning_toggle.click()
    assert widget.reasoning.isVisible()
    reply.append_text(" More.")
    conversation.changed(reply)
    view.flush()
    assert widget.reasoning.isVisible()  # the user opened it: it stays open


def test_a_finished_answer_with_reasoning_shows_it_folded(
    view: ChatView, conversation: Conversation
) -> None:
    reply = conversation.add(answer("Four.", "2 + 2 is four."))
    widget = widget_of(view, reply)
    assert widget.reasoning_toggle.isVisible()
    assert not widget.reasoning.isVisible()
    assert widget.body.isVisible()


@pytest.mark.parametrize(
    ("status", "error", "note"),
    [
        ("cancelled", None, "Stopped"),
        ("partial", "the connection dropped", "Cut off: the connection dropped"),
        ("error", "The key was refused (401).", "The key was refused (401)."),
        ("complete", None, ""),
    ],
)
def test_status_notes(
    view: ChatView, conversation: Conversation, status: str, error: str | None, note: str
) -> None:
    reply = conversation.add(answer("Partial text", status="streaming"))
    reply.status = status  # type: ignore[assignment]
    reply.error = error
    conversation.changed(reply)
    view.flush()
    widget = widget_of(view, reply)
    assert widget.status.text() == note
    assert widget.status.isVisible() == bool(note)
    if status == "error":
        role = widget.status.foregroundRole()
        assert widget.status.palette().color(role) != QApplication.palette().color(role)


def test_copy_puts_the_markdown_on_the_clipboard(
    view: ChatView, conversation: Conversation
) -> None:
    reply = conversation.add(answer(ANSWER))
    widget_of(view, reply).copy_button.click()
    assert QApplication.clipboard().text() == ANSWER


def test_a_code_copy_link_copies_just_that_code(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    reply = conversation.add(answer(ANSWER))
    body = widget_of(view, reply).body.parts[0]
    view.scroll_area.ensureWidgetVisible(body)
    click(body, anchor_point(body, "copy-code:1"))
    assert QApplication.clipboard().text() == "wc -w file.txt"


def test_clicking_a_web_link_opens_it_and_other_links_are_not_links(
    qtbot: QtBot, view: ChatView, conversation: Conversation, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    class Services:
        @staticmethod
        def openUrl(url: QUrl) -> bool:
            opened.append(url.toString())
            return True

    monkeypatch.setattr(message_widget, "QDesktopServices", Services)
    reply = conversation.add(answer(ANSWER))
    body = widget_of(view, reply).body.parts[0]
    assert opened == []  # nothing opens by itself
    view.scroll_area.ensureWidgetVisible(body)
    point = anchor_point(body, "https://docs.python.org/3/")
    click(body, point)
    assert opened == ["https://docs.python.org/3/"]
    assert not [href for href in anchors(body) if not href.startswith(("https:", "copy-code:"))]
    assert "[this](javascript:alert(1))" in plain(widget_of(view, reply))
    for url in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x"):
        body.anchorClicked.emit(QUrl(url))
    assert opened == ["https://docs.python.org/3/"]


def test_no_resource_is_ever_loaded(view: ChatView, conversation: Conversation) -> None:
    urls = [
        "http://example.com/x.png",
        "file:///etc/passwd",
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
        "/etc/hostname",
    ]
    reply = conversation.add(answer("text"))
    body = widget_of(view, reply).body.parts[0]
    # an <img> can never come out of the markdown renderer; put some in by hand
    body.show_html("".join(f'<img src="{url}">' for url in urls) + " after")
    body.grab()  # painting is when images are asked for
    document = body.document()
    for url in urls:
        assert document.resource(QTextDocument.ResourceType.ImageResource, QUrl(url)) is None
        assert body.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(url)) is None


def test_a_reset_shows_the_new_messages(view: ChatView, conversation: Conversation) -> None:
    old = conversation.add(ChatMessage("user", "old"))
    conversation.replace_all([ChatMessage("user", "new one"), answer("new answer")])
    assert view.widget_for(old) is None
    assert [plain(widget_of(view, m)) for m in conversation.messages] == ["new one", "new answer"]


def test_the_view_follows_a_streaming_answer_unless_scrolled_up(
    qtbot: QtBot, view: ChatView, conversation: Conversation
) -> None:
    bar = view.scroll_area.verticalScrollBar()
    reply = conversation.add(answer(status="streaming"))

    def grow() -> None:
        reply.append_text("A paragraph of text.\n\n" * 60)
        conversation.changed(reply)
        view.flush()

    grow()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    bar.setValue(0)
    grow()
    qtbot.waitUntil(lambda: bar.maximum() > 500)
    assert bar.value() == 0


def test_a_streaming_text_replaced_by_a_shorter_one_is_shown_afresh(
    view: ChatView, conversation: Conversation
) -> None:
    reply = conversation.add(answer(status="streaming"))
    reply.append_text("First paragraph.\n\nSecond paragraph.\n\nThird")
    conversation.changed(reply)
    view.flush()
    reply.content = "Other"
    conversation.changed(reply)
    view.flush()
    assert plain(widget_of(view, reply)) == "Other"
