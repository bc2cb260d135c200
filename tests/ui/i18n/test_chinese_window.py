"""The window in Chinese: every text the translations cover shows in Chinese, Qt's own included,
and the translation sources hold a finished translation of every text the code marks."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop_app.core import paths
from desktop_app.simulator import Simulator
from desktop_app.ui.main_window import MainWindow
from tests.support.ui.window_helpers import Run, make_window, shut_down, sim_key, write_providers
from tests.support.waiting import until

SOURCES = paths.resources_dir() / "translations"
TOOLS = Path(sys.executable).parent
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def window_in_chinese(
    in_simplified_chinese: None, qtbot: QtBot, run: Run, simulator: Simulator, data_dir: Path
) -> Iterator[MainWindow]:
    """The real window in Chinese, with a provider and a conversation of one answer shown."""
    write_providers(data_dir, simulator, key=sim_key(simulator))
    window = make_window(qtbot)

    async def answered() -> None:
        window.input.setPlainText("你好")
        window.send()
        await window.session.wait()

    run(answered)
    QApplication.processEvents()
    yield window
    shut_down(window, run)


def test_the_window_is_in_chinese(in_simplified_chinese: None, qtbot: QtBot, run: Run) -> None:
    window: MainWindow = make_window(qtbot)  # no provider yet: the welcome page
    try:
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus == ["文件(&F)", "视图(&V)", "帮助(&H)"]
        shown = [
            window.send_button.text(),
            window.stop_button.text(),
            window.input.placeholderText(),
            window.sidebar.new_button.text(),
            window.sidebar.search_box.placeholderText(),
            window.compare.text(),
            window.meter.text(),
        ]
        for text in shown:
            assert _CHINESE.search(text), text
        month = window.ledger.month.first_day.month
        assert f"{month}月" in window.meter.text(), "the month by its Chinese name"
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
        window.input.setPlainText("你好")
        window.send()  # no model to send to yet
        assert window.banner.label.text() == "请先选择一个模型，或添加服务商。"
    finally:
        shut_down(window, run)


@pytest.mark.parametrize("language", ["zh_CN", "zh_TW"])
def test_every_marked_text_has_a_finished_translation(language: str, tmp_path: Path) -> None:
    committed = SOURCES / f"tally_{language}.ts"
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    subprocess.run(
        [TOOLS / "pyside6-lupdate", "-extensions", "py", "-no-obsolete", "-locations", "none",
         "-silent", paths.resources_dir().parent / "desktop_app" / "ui", "-ts", fresh],
        check=True,
    )  # fmt: skip
    unfinished = [
        message.findtext("source")
        for message in ET.parse(fresh).getroot().iter("message")
        if (translation := message.find("translation")) is None
        or translation.get("type") in ("unfinished", "vanished", "obsolete")
        or not (translation.text or "").strip()
    ]
    assert unfinished == [], f"translate these in {committed.name} (pyside6-linguist)"
    assert fresh.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), (
        f"{committed.name} is not up to date: run pyside6-lupdate as its test does"
    )


def test_the_language_set_in_the_settings_is_the_windows(data_dir: Path) -> None:
    from desktop_app.ui.app import window_language

    assert window_language() == "en", "no settings file: the system's (English in tests)"
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.toml").write_text('[general]\nlanguage = "zh_TW"\n', encoding="utf-8")
    assert window_language() == "zh_TW"
    (data_dir / "settings.toml").write_text("[general\n", encoding="utf-8")
    assert window_language() == "en", "a broken file: the window starts and says why"


_EXEMPT = re.compile(
    r"^[\s\d.,:;/·+≈%$¥()\[\]<>\u2039\u203a\u00d7\u2715\u27f3-]*$"  # numbers, money, symbols
    r"|^sim-[\w-]+( · [\w ]+)?$|^Tally$|^Ctrl\+|^(HolySheep relay|Simulator)$"  # names, keys
)


def _untranslated(texts: list[str]) -> list[str]:
    """The texts with no Chinese character that are more than names, numbers or symbols."""
    return [
        text
        for text in texts
        if text.strip() and not _CHINESE.search(text) and not _EXEMPT.search(text.strip())
    ]


def test_nothing_visible_in_the_window_is_left_in_english(
    in_simplified_chinese: None, window_in_chinese: MainWindow
) -> None:
    window = window_in_chinese
    texts: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
    for entry in window.menuBar().actions():
        texts.append(entry.text())
        menu = entry.menu()
        assert isinstance(menu, QMenu)
        texts += [action.text() for action in menu.actions() if not action.isSeparator()]
    left = _untranslated(texts)
    assert left == [], "\n".join(left)


def test_a_search_that_finds_nothing_says_so_in_chinese(
    in_simplified_chinese: None, window_in_chinese: MainWindow, qtbot: QtBot
) -> None:
    sidebar = window_in_chinese.sidebar
    sidebar.search_box.setText("zzqqxx")
    sidebar.run_search()
    qtbot.waitUntil(lambda: sidebar.search_done() and sidebar.searching())
    assert sidebar.empty.isVisibleTo(window_in_chinese)
    assert sidebar.empty.text() == "没有消息包含“zzqqxx”。"
    assert _untranslated([sidebar.empty.text()]) == []


def test_a_branch_says_where_it_came_from_in_chinese(
    in_simplified_chinese: None, window_in_chinese: MainWindow, run: Run
) -> None:
    window = window_in_chinese
    original = window.recorder.conversation_id
    assert original is not None

    async def branched() -> None:
        window.branch(window.conversation.messages[-1])
        await until(lambda: window.recorder.conversation_id not in (None, original))

    run(branched)
    assert window.branch_note.text().startswith(f'分支自 <a href="{original}">')
    branch = window.recorder.conversation_id
    assert branch is not None
    titled = window.services.store.conversation(branch)
    assert titled is not None
    assert titled.title.endswith("（分支）")  # titled in the window's language
    window.services.store.delete(original)
    window.new_conversation()
    assert branch is not None
    window.open_conversation(branch)
    assert window.branch_note.text() == "分支自一个已删除的对话"


def test_an_unexpected_error_is_told_in_chinese(
    in_simplified_chinese: None, window_in_chinese: MainWindow
) -> None:
    from desktop_app.ui.app import UnexpectedErrorPresenter

    UnexpectedErrorPresenter(window_in_chinese.banner).show(ZeroDivisionError("boom"))
    text = window_in_chinese.banner.label.text()
    assert text.startswith("发生了意外错误（ZeroDivisionError：boom）。Tally 仍在运行")
    assert "详情见 " in text
    assert text.endswith("tally.log。")


def test_a_small_window_in_chinese_keeps_its_size_and_the_chat(
    window_in_chinese: MainWindow,
) -> None:
    window = window_in_chinese
    for width in range(960, 479, -40):  # a drag of the window's edge, with the answer shown
        window.resize(width, 420)
        QApplication.processEvents()
    assert (window.width(), window.height()) == (480, 420), "nothing in Chinese holds it wider"
    assert window.sidebar.isHidden()
    assert window.send_button.isVisible()
    assert window.send_button.visibleRegion().boundingRect().width() == window.send_button.width()
