"""Driving the settings dialog in tests as a user does: open it, pick a preset, type, save."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import qasync
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QWidget

from desktop_app.core.chat import make_client
from desktop_app.core.money.prices import CatalogLookup
from desktop_app.core.settings.keys import KeyResolver
from desktop_app.core.settings.presets import Preset
from desktop_app.core.settings.providers_file import ModelPrice, Provider
from desktop_app.ui.settings.price_rows import Figure
from desktop_app.ui.settings.price_table import SOURCE_COLUMN, PriceTable, figure_column
from desktop_app.ui.settings.settings_dialog import SettingsDialog
from tests.support.waiting import until

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

Body = Callable[[httpx.AsyncClient], Awaitable[None]]


def no_catalog(model: str, base_url: str) -> tuple[ModelPrice, str] | None:
    """A price catalog that knows no model: only the user's and the relay's prices count."""
    return None


def run(loop: qasync.QEventLoop, body: Body) -> None:
    """Run a test body on the qasync loop with a real HTTP client, closed afterwards."""

    async def main() -> None:
        async with make_client() as client:
            await body(client)

    loop.run_until_complete(main())


async def opened(
    providers: list[Provider],
    keys: KeyResolver,
    client: httpx.AsyncClient,
    path: Path,
    *,
    settings_path: Path | None = None,
    catalog: CatalogLookup | None = no_catalog,
) -> SettingsDialog:
    """A shown dialog whose keyring check has finished."""
    dialog = SettingsDialog(
        providers, keys, client, path, settings_path=settings_path, catalog=catalog
    )
    dialog.show()
    await until(lambda: dialog.tasks["keys"].done())
    return dialog


async def opened_from(window: MainWindow) -> SettingsDialog:
    """Settings opened from the window, as the toolbar does, once its keyring check is done."""
    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    assert isinstance(dialog, SettingsDialog)
    await until(lambda: dialog.tasks["keys"].done())
    return dialog


def add(dialog: SettingsDialog, preset: Preset) -> None:
    """Pick a preset from the Add… menu, as the user does."""
    (action,) = [a for a in dialog.providers_page.add_menu.actions() if a.data() == preset.id]
    action.trigger()


def type_text(edit: QWidget, text: str) -> None:
    """Type text as key presses (QTest.keyClicks aborts on characters beyond Latin-1)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(edit, event)


def retype(edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    type_text(edit, text)


def click_save(dialog: SettingsDialog) -> None:
    QTest.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


async def saved(dialog: SettingsDialog) -> None:
    await until(lambda: dialog.tasks["save"].done())
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.message.text()


def files_containing(folder: Path, secret: str) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]


def cell_text(prices: PriceTable, number: int, column: int) -> str:
    item = prices.table.item(number, column)
    assert item is not None
    return item.text()


def sources(prices: PriceTable) -> dict[str, str]:
    """Each model's "Price from" column, as shown."""
    return {row.model: cell_text(prices, n, SOURCE_COLUMN) for n, row in enumerate(prices.rows)}


def shown(prices: PriceTable, model: str, name: Figure) -> str:
    """The text of one figure's cell."""
    number = [row.model for row in prices.rows].index(model)
    return cell_text(prices, number, figure_column(name))


async def type_in_cell(prices: PriceTable, model: str, name: Figure, text: str) -> None:
    """Open a figure's cell editor, type over it and press Enter, as a user does."""
    view = prices.table
    number = [row.model for row in prices.rows].index(model)
    index = view.model().index(number, figure_column(name))
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    editor.del_()
    type_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    await until(lambda: view.indexWidget(index) is None)  # the delegate commits on a later turn


async def money_tab(client: httpx.AsyncClient, data_dir: Path) -> SettingsDialog:
    """The dialog opened on its Money tab, with no providers."""
    dialog = await opened(
        [],
        KeyResolver(),
        client,
        data_dir / "providers.toml",
        settings_path=data_dir / "settings.toml",
    )
    dialog.tabs.setCurrentWidget(dialog.money_page)
    return dialog
