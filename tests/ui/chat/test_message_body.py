"""A message's text in parts: laid out as one document would be, links and selection per part."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QImage, QKeySequence, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.core.text.markdown import IncrementalMarkdown, render_markdown
from desktop_app.ui.chat.message_body import MessageBody, MessageBrowser

# every kind of block before a part's start: a paragraph or a heading starts each part
MIXED = """# Title

A paragraph with *emphasis* and a [link](https://example.com/a).

## A heading after a paragraph

- a list
- of two items

Paragraph after a list.

1. ordered
2. list

### Heading after a list

```python
print("code")
```

After code.

> a quote
> on two lines

After a quote.

---

After a rule.

| a | b |
|---|---|
| 1 | 2 |

After a table: this one stays in the table's part.

中文段落，检查宽字符。

    indented code

The end.
"""


def grab(widget: QWidget) -> QImage:
    return widget.grab().toImage()


@pytest.fixture
def holder(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(640, 400)
    widget.show()
    return widget


@pytest.mark.parametrize("dark", [False, True])
def test_parts_look_exactly_like_one_document(holder: QWidget, dark: bool) -> None:
    rendered = render_markdown(MIXED, dark=dark, part_chars=1)
    assert len(rendered.parts) > 8
    body = MessageBody(holder)
    body.resize(600, 10)
    body.show_parts(rendered.parts)
    one = MessageBrowser(holder)
    one.resize(600, 10)
    one.show_html(rendered.html)
    assert body.size() == one.size()
    assert grab(body) == grab(one)
    assert body.to_plain_text() == one.document().toPlainText()


def test_a_stream_in_parts_ends_as_its_whole_render(holder: QWidget) -> None:
    text = MIXED * 3
    streamed = MessageBody(holder)
    streamed.resize(600, 10)
    stream = IncrementalMarkdown(part_chars=200)
    tails = 0
    for end in range(1, len(text), 29):
        update = stream.update(text[:end])
        streamed.show_update(update.stable_parts, update.tail_parts, final=False)
        tails += len(streamed.browsers()) - len(streamed.parts)  # the tail's own browser
    assert tails > len(text) // 29 // 2
    update = stream.update(text, final=True)
    streamed.show_update(update.stable_parts, update.tail_parts, final=True)
    single = MessageBody(holder)
    single.resize(600, 10)
    single.show_parts(render_markdown(text, part_chars=200).parts)
    assert streamed.browsers() == streamed.parts  # no tail left beside the parts
    assert [p.document().toHtml() for p in streamed.parts] == [
        p.document().toHtml() for p in single.parts
    ]
    assert grab(streamed) == grab(single)


def test_a_new_width_lays_every_part_out_again(holder: QWidget) -> None:
    body = MessageBody(holder)
    body.resize(600, 10)
    body.show()
    body.show_parts(render_markdown(MIXED, part_chars=1).parts)
    wide = body.height()
    body.resize(200, body.height())
    assert body.height() > wide
    one = MessageBrowser(holder)
    one.resize(200, 10)
    one.show_html(render_markdown(MIXED).html)
    assert body.height() == one.height()
    assert all(part.width() == 200 for part in body.parts)


def test_links_of_every_part_reach_the_body(holder: QWidget) -> None:
    body = MessageBody(holder)
    body.show_parts(render_markdown(MIXED, part_chars=1).parts)
    clicked: list[str] = []
    body.anchorClicked.connect(lambda url: clicked.append(url.toString()))
    body.parts[-1].anchorClicked.emit(QUrl("https://example.com/b"))
    assert clicked == ["https://example.com/b"]


def test_selection_in_any_part_is_seen(holder: QWidget) -> None:
    body = MessageBody(holder)
    body.show_parts(render_markdown(MIXED, part_chars=1).parts)
    assert not body.has_selection()
    part = body.parts[2]
    cursor = part.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(5, cursor.MoveMode.KeepAnchor)
    part.setTextCursor(cursor)
    assert body.has_selection()


def test_showing_fewer_parts_deletes_the_rest(qtbot: QtBot, holder: QWidget) -> None:
    body = MessageBody(holder)
    body.show_parts(render_markdown(MIXED, part_chars=1).parts)
    body.clear()
    assert len(body.parts) == 1
    assert body.to_plain_text() == ""
    assert body.height() == body.parts[0].height()  # an empty text: one empty line


def drag(part: MessageBrowser, to: QPoint, buttons: Qt.MouseButton) -> None:
    """A mouse move over `part`'s viewport to the global point `to`, with `buttons` held."""
    viewport = part.viewport()
    local = QPointF(viewport.mapFromGlobal(to))
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        local,
        QPointF(to),
        Qt.MouseButton.NoButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, event)


def test_a_drag_selects_across_parts_and_copy_takes_it_all(qtbot: QtBot, holder: QWidget) -> None:
    holder.resize(640, 1600)
    body = MessageBody(holder)
    body.resize(600, 10)
    body.show()
    body.show_parts(render_markdown(MIXED, part_chars=1).parts)
    first, middle, last = body.parts[0], body.parts[1], body.parts[3]
    QTest.mousePress(first.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    inside_last = last.viewport().mapToGlobal(QPoint(last.width() - 5, last.height() // 2))
    drag(first, inside_last, Qt.MouseButton.LeftButton)
    QTest.mouseRelease(
        first.viewport(), Qt.MouseButton.LeftButton, pos=first.viewport().mapFromGlobal(inside_last)
    )
    assert first.textCursor().hasSelection()
    whole = middle.document().characterCount() - 1
    assert (middle.textCursor().selectionStart(), middle.textCursor().selectionEnd()) == (0, whole)
    assert last.textCursor().selectionStart() == 0
    assert last.textCursor().hasSelection()
    assert not body.parts[4].textCursor().hasSelection()
    QApplication.clipboard().clear()
    QTest.keySequence(first, QKeySequence(QKeySequence.StandardKey.Copy))
    copied = QApplication.clipboard().text()
    assert copied.startswith("Title\nA paragraph with emphasis")
    assert middle.document().toPlainText() in copied
    assert copied == body.selected_text()
    # a new press in one part clears the others
    QTest.mousePress(middle.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert not first.textCursor().hasSelection()
    assert not last.textCursor().hasSelection()
