"""The settings dialog's providers: add from a preset, test, save, edit, remove; keys only in a
keyring. Prices: test_settings_prices.py; currency and budgets: test_money_page.py."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import keyring
import pytest
import qasync
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMessageBox,
)

from desktop_app.core.settings.keys import SERVICE, KeyResolver
from desktop_app.core.settings.presets import CUSTOM, OLLAMA
from desktop_app.core.settings.providers_file import Provider, Timeouts, load_providers
from desktop_app.simulator import LISTED_MODELS, Simulator
from desktop_app.ui.settings.provider_form import MASK
from desktop_app.ui.settings.settings_dialog import NO_KEYRING
from tests.support.memory_keyring import MemoryKeyring
from tests.support.secret_service import secret_service_or_skip
from tests.support.servers.local_servers import full_backlog_port
from tests.support.ui.settings_helpers import (
    add,
    click_save,
    files_containing,
    opened,
    retype,
    run,
    saved,
    type_text,
)
from tests.support.waiting import until


@pytest.fixture(autouse=True)
def app_outlives_dialogs(qapp: QApplication) -> Iterator[None]:
    """Closing the last dialog must not quit Qt (and stop the loop) mid-test, as in the app."""
    before = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(before)


def test_add_test_save_edit_and_remove(
    qloop: qasync.QEventLoop,
    simulator: Simulator,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = data_dir / "providers.toml"
    keys = KeyResolver()
    key = simulator.api_key
    assert key is not None
    emitted: list[list[Provider]] = []

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await opened([], keys, client, path)
        assert dialog.objectName() == "settingsDialog"
        assert dialog.windowTitle() == "Settings"
        assert not dialog.message.isVisible()
        dialog.providersChanged.connect(emitted.append)
        add(dialog, OLLAMA)
        form = dialog.form
        assert form.name_edit.text() == "Ollama (local)"
        retype(form.base_url_edit, simulator.base_url)
        type_text(form.key_edit, key)
        assert form.key_edit.echoMode() == QLineEdit.EchoMode.Password
        kinds = form.kind_combo.model()
        assert isinstance(kinds, QStandardItemModel)
        assert [kinds.item(row).isEnabled() for row in range(3)] == [True, True, True]
        assert form.kind_combo.itemData(1) == "anthropic"
        QTest.mouseClick(form.test_button, Qt.MouseButton.LeftButton)
        await until(lambda: "Connected" in form.result_label.text())
        result = form.result_label.text()
        assert f"{len(LISTED_MODELS)} models" in result
        assert all(name in result for name in LISTED_MODELS)
        assert simulator.requests[-1].headers["authorization"] == f"Bearer {key}"
        QTest.mouseClick(form.use_models_button, Qt.MouseButton.LeftButton)
        assert form.models_edit.toPlainText().split("\n") == sorted(LISTED_MODELS)
        click_save(dialog)
        await saved(dialog)

        (provider,) = load_providers(path)
        assert (provider.id, provider.name, provider.base_url) == (
            "ollama",
            "Ollama (local)",
            simulator.base_url,
        )
        assert provider.models == tuple(sorted(LISTED_MODELS))
        assert emitted == [[provider]]
        assert memory_keyring.passwords == {(SERVICE, "ollama"): key}
        assert files_containing(data_dir, key) == []

        # Opened again: the key is stored, so the field is empty with a masked hint.
        again = await opened([provider], keys, client, path)
        assert again.form.key_edit.text() == ""
        assert again.form.key_edit.placeholderText() == f"{MASK} (stored in the keyring)"
        again.form.show_key_button.click()
        await until(lambda: again.form.key_edit.text() == key)
        assert again.form.key_edit.echoMode() == QLineEdit.EchoMode.Normal
        retype(again.form.base_url_edit, simulator.base_url.replace("127.0.0.1", "localhost"))
        click_save(again)
        await saved(again)
        (edited,) = load_providers(path)
        assert edited.base_url.startswith("http://localhost:")
        assert memory_keyring.passwords == {(SERVICE, "ollama"): key}  # revealing is no change

        # Removing asks first; Save then drops the provider and its key.
        asked: list[str] = []

        def answer_yes(*args: object, **_: object) -> QMessageBox.StandardButton:
            asked.append(str(args[2]))
            return QMessageBox.StandardButton.Yes

        monkeypatch.setattr(QMessageBox, "question", answer_yes)
        last = await opened([edited], keys, client, path)
        last.providers_page.remove_button.click()
        assert asked == ["Remove Ollama (local)? Its stored API key is deleted too when you save."]
        assert last.provider_list.count() == 0
        assert not last.form.isVisible()
        assert last.providers_page.empty_hint.isVisible()
        click_save(last)
        await saved(last)
        assert load_providers(path) == []
        assert memory_keyring.passwords == {}

    run(qloop, body)


def test_a_wrong_key_is_explained_and_a_stored_key_can_be_removed(
    qloop: qasync.QEventLoop,
    simulator: Simulator,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    path = data_dir / "providers.toml"
    relay = Provider(id="relay", name="Relay", kind="openai", base_url=simulator.base_url)
    keyring.set_password(SERVICE, "relay", "sk-stored-relay-key")
    wrong = "sk-typed-but-wrong-31337"

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await opened([relay], KeyResolver(), client, path)
        form = dialog.form
        type_text(form.key_edit, wrong)
        form.test_button.click()
        await until(lambda: "rejected" in form.result_label.text())
        assert form.result_label.text().startswith("Relay rejected the API key (401")
        assert wrong not in form.result_label.text()
        assert not form.use_models_button.isVisible()
        form.remove_key_button.click()  # clears the typed key and marks the stored one
        assert form.key_edit.text() == ""
        assert "deleted when you save" in form.key_edit.placeholderText()
        click_save(dialog)
        await saved(dialog)

    run(qloop, body)
    assert memory_keyring.passwords == {}
    assert load_providers(path) == [relay]


def test_save_refuses_what_cannot_be_saved(qloop: qasync.QEventLoop, data_dir: Path) -> None:
    path = data_dir / "providers.toml"

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await opened([], KeyResolver(), client, path)
        add(dialog, CUSTOM)
        assert dialog.form.name_edit.text() == ""
        click_save(dialog)
        assert dialog.message.text() == "Give the provider a name."
        type_text(dialog.form.name_edit, "My relay")
        type_text(dialog.form.base_url_edit, "relay.example/v1")
        click_save(dialog)
        assert "must start with http:// or https://" in dialog.message.text()
        assert dialog.form.base_url_edit.hasFocus()
        assert dialog.provider_list.item(0).text() == "My relay\nrelay.example/v1"
        assert dialog.isVisible()
        assert not path.exists()

    run(qloop, body)


def test_without_a_keyring_a_key_is_kept_for_this_session_only(
    qloop: qasync.QEventLoop, simulator: Simulator, data_dir: Path
) -> None:
    keyring.set_keyring(fail.Keyring())
    path = data_dir / "providers.toml"
    keys = KeyResolver()
    key = "sk-session-only-5b1f0c"

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await opened([], keys, client, path)
        assert dialog.message.isVisible()
        assert dialog.message.text() == NO_KEYRING
        add(dialog, CUSTOM)
        form = dialog.form
        assert form.session_only_check.isVisible()
        type_text(form.name_edit, "Relay “Ω”")
        type_text(form.base_url_edit, simulator.base_url)
        type_text(form.key_edit, key)
        click_save(dialog)
        await until(lambda: dialog.tasks["save"].done())
        assert dialog.isVisible()  # the keyring refused the key: nothing was saved
        assert dialog.message.text() == NO_KEYRING
        assert not path.exists()
        form.session_only_check.click()
        click_save(dialog)
        await saved(dialog)

    run(qloop, body)
    (provider,) = load_providers(path)
    assert provider.id == "relay"
    assert provider.name == "Relay “Ω”"
    assert keys.session_keys == {"relay": key}
    assert keys.resolve(provider) == key
    assert files_containing(data_dir, key) == []


def test_closing_cancels_a_running_test(qloop: qasync.QEventLoop, data_dir: Path) -> None:
    async def body(client: httpx.AsyncClient) -> None:
        with full_backlog_port() as port:
            stuck = Provider(
                id="stuck",
                name="Stuck",
                kind="openai",
                base_url=f"http://127.0.0.1:{port}/v1",
                timeouts=Timeouts(connect=60),
            )
            dialog = await opened([stuck], KeyResolver(), client, data_dir / "providers.toml")
            first = dialog.test_connection()
            second = dialog.test_connection()  # a re-run replaces the first
            assert first is not None
            assert second is not None
            await asyncio.sleep(0.2)
            assert first.cancelled()
            assert not second.done()
            assert dialog.form.result_label.text() == "Testing…"
            dialog.reject()
            await until(second.done)
            assert second.cancelled()

    run(qloop, body)


def test_a_key_saved_through_the_real_secret_service(
    qloop: qasync.QEventLoop, simulator: Simulator, data_dir: Path
) -> None:
    store = secret_service_or_skip()
    keys = KeyResolver(store)
    path = data_dir / "providers.toml"
    key = "sk-dialog-secret-service-42"

    async def body(client: httpx.AsyncClient) -> None:
        dialog = await opened([], keys, client, path)
        assert not dialog.message.isVisible()
        add(dialog, CUSTOM)
        type_text(dialog.form.name_edit, "Secret Service test")
        type_text(dialog.form.base_url_edit, simulator.base_url)
        type_text(dialog.form.key_edit, key)
        click_save(dialog)
        await saved(dialog)

    try:
        run(qloop, body)
        assert store.get("secret-service-test") == key
        assert files_containing(data_dir, key) == []
    finally:
        store.delete("secret-service-test")
    assert store.get("secret-service-test") is None
