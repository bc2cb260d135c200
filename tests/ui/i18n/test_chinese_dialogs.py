"""The settings dialog and the spending view in Simplified Chinese: every text they show on a
label, a button, a group's title, a tab or a table's header is in Chinese, but for the texts that
are no words of the interface (numbers, amounts, symbols, model and provider names, URLs)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
import qasync
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QTableWidget,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop_app.core.history.store import HistoryStore
from desktop_app.core.settings.app_settings import AppSettings
from desktop_app.core.settings.keys import KeyResolver
from desktop_app.core.settings.presets import HOLYSHEEP
from desktop_app.core.settings.providers_file import ModelPrice, Provider
from desktop_app.ui.spending.spending_dialog import SpendingDialog
from tests.support.history.spending_samples import answer, march_answers, time_zone
from tests.support.ui.settings_helpers import opened, run
from tests.support.ui.spending_view import shown

_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S*")
_SHORTCUT = re.compile(r"\b(?:Ctrl|Alt|Shift|Meta|Esc)\b(?:\+\S+)?")

PROVIDER = Provider(
    "relay",
    "Relay",
    "openai",
    "https://relay.example.com/v1",
    models=("gpt-4.1", "deepseek-chat"),
    prices={"gpt-4.1": ModelPrice(Decimal("2"), Decimal("8"))},
)


def untranslated(texts: Iterable[str], names: Iterable[str]) -> list[str]:
    """The texts that hold no Chinese although they hold words of the interface.

    The rule: a text needs no Chinese when, once the `names` (models, providers: the user's
    data), URLs and keyboard shortcuts are taken out, no Latin letter is left: what is left is
    numbers, amounts with their currency symbols ($, ¥), and signs (≈, +, =, …, brackets).
    """
    longest_first = sorted(names, key=len, reverse=True)
    missing = []
    for text in texts:
        rest = _SHORTCUT.sub(" ", _URL.sub(" ", text))
        for name in longest_first:
            rest = rest.replace(name, " ")
        if not _CHINESE.search(text) and re.search(r"[A-Za-z]", rest):
            missing.append(text)
    return missing


def shown_texts(root: QWidget) -> Iterator[str]:
    """The texts `root` shows now on labels, buttons (push, tool, check, radio), group boxes,
    tabs and table headers (a header's hidden columns too); rich text as it reads."""
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel):
            yield QTextDocumentFragment.fromHtml(widget.text()).toPlainText()
        elif isinstance(widget, QAbstractButton):
            yield widget.text()
        elif isinstance(widget, QGroupBox):
            yield widget.title()
        elif isinstance(widget, QTabWidget):
            yield from (widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QTableWidget):
            items = (widget.horizontalHeaderItem(c) for c in range(widget.columnCount()))
            yield from (item.text() for item in items if item is not None)


def every_tab(root: QWidget, tabs: list[QTabWidget]) -> list[str]:
    """shown_texts() of `root` with each page of each of `tabs` in front in turn (inner tabs
    first: they are seen while the outer ones are on their first page)."""
    texts: list[str] = []
    for tab in tabs:
        for index in range(tab.count()):
            tab.setCurrentIndex(index)
            texts += shown_texts(root)
    return [text for text in dict.fromkeys(texts) if text.strip()]


@pytest.fixture(autouse=True)
def in_utc() -> Iterator[None]:
    with time_zone("UTC0"):
        yield


def test_the_exception_rule() -> None:
    names = ["gpt-4.1", "Relay"]
    exempt = ["¥12.28", "= $1", "≈$0.72", "gpt-4.1", "Relay", "https://a.example/v1", "Ctrl+K"]
    assert untranslated(exempt, names) == []
    words = ["Reset", "Total", "On gpt-4.1", "price unknown", "Relay (no name yet)"]
    assert untranslated(words, names) == words
    assert untranslated(["重置", "换用 gpt-4.1", "≈¥12.28 + 3 unpriced，共 3 条回答"], names) == []


def test_the_settings_dialog_is_in_chinese(
    in_simplified_chinese: None, qloop: qasync.QEventLoop, data_dir: Path, qapp: QApplication
) -> None:
    texts: list[str] = []

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await opened([PROVIDER], KeyResolver(), client, data_dir / "providers.toml")
        try:
            dialog.form.prices.more_check.setChecked(True)  # the cache-write and reasoning too
            texts.extend(every_tab(dialog, [dialog.form.extras, dialog.tabs]))
            texts.append(dialog.form.key_edit.accessibleName())  # what a screen reader says
        finally:
            dialog.close()

    run(qloop, body)
    # A tab, Qt's button, the inner tab's and the last tab's pages, a screen reader's name.
    seen = {"服务商与价格", "保存", "代理(&P)：", "语言：", "API 密钥"}
    assert seen <= set(texts)
    assert untranslated(texts, [*PROVIDER.models, PROVIDER.name, PROVIDER.id]) == []


def test_the_spending_view_is_in_chinese(
    in_simplified_chinese: None, qtbot: QtBot, store: HistoryStore
) -> None:
    answer(store, datetime(2025, 2, 20, 9, tzinfo=UTC), cost="1")
    march_answers(store)
    settings = AppSettings(currency_code="CNY", cny_per_usd=Decimal("7.3"))
    now = datetime(2025, 3, 20, 12, tzinfo=UTC)
    view = SpendingDialog(store, settings, [HOLYSHEEP.provider()], now=now)
    qtbot.addWidget(view)
    shown(qtbot, view)
    assert view.picker.choose("holysheep/gpt-4.1"), "a column re-priced on it"
    texts = [text for text in dict.fromkeys(shown_texts(view)) if text.strip()]
    assert view.daily_chart.accessibleName() == "每日花费", "what a screen reader says"
    assert "费用" in texts, "the table's Cost column"
    picker = view.month_picker
    assert [picker.itemText(i) for i in range(picker.count())] == ["2025年3月", "2025年2月"]
    assert any("日" in bar.label for bar in view.daily_chart.bars), "days named in Chinese"
    models = [view.picker.models.item(i).text() for i in range(view.picker.models.count())]
    names = [*models, *(row.model for row in view.rows), HOLYSHEEP.name]
    assert untranslated(texts, names) == []
