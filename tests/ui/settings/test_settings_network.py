"""The provider form's Network page and Thinking field, driven as a user does: a proxy whose
password goes to the keyring (never to a file), a CA bundle, a thinking budget; each checked
with a clear message beside the field; Test connection through the proxy as typed."""

from __future__ import annotations

import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import keyring
import pytest
import qasync
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from desktop_app.core.network.clients import ClientPool
from desktop_app.core.settings.keys import SERVICE, KeyResolver, KeyStore, proxy_entry
from desktop_app.core.settings.presets import CUSTOM
from desktop_app.core.settings.providers_file import Provider, load_providers
from desktop_app.simulator import Simulator
from desktop_app.ui.settings.network_fields import MASK
from desktop_app.ui.settings.settings_dialog import SettingsDialog
from tests.support.memory_keyring import MemoryKeyring
from tests.support.servers.proxy_servers import SIMULATOR_HOST, HttpProxy, clear_proxy_variables
from tests.support.servers.tls_certs import make_certificates
from tests.support.ui.settings_helpers import (
    add,
    click_save,
    files_containing,
    no_catalog,
    retype,
    saved,
    type_text,
)
from tests.support.waiting import until

PASSWORD = "pr0xy-Pa55word"


@pytest.fixture(autouse=True)
def quiet_network(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No proxy of the machine's; closing a dialog must not quit Qt mid-test."""
    clear_proxy_variables(monkeypatch)
    monkeypatch.setattr(urllib.request, "getproxies", urllib.request.getproxies_environment)
    before = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(before)


def run_with_pool(loop: qasync.QEventLoop, body: Callable[[ClientPool], Awaitable[None]]) -> None:
    """Run a test body with the app's client pool (per-provider proxies apply), closed after."""

    async def main() -> None:
        async with ClientPool(KeyResolver().proxy_password) as pool:
            await body(pool)

    loop.run_until_complete(main())


async def opened(
    providers: list[Provider], keys: KeyResolver, pool: ClientPool, path: Path
) -> SettingsDialog:
    """A shown dialog, with the app's client pool, whose keyring check has finished."""
    dialog = SettingsDialog(providers, keys, pool, path, catalog=no_catalog)
    dialog.show()
    await until(lambda: dialog.tasks["keys"].done())
    return dialog


def open_network(dialog: SettingsDialog) -> None:
    """Click the Network tab beside the prices."""
    tabs = dialog.form.extras
    bar = tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert tabs.currentWidget() is dialog.form.network


def test_proxy_password_ca_bundle_and_thinking_are_saved_in_their_places(
    qloop: qasync.QEventLoop, data_dir: Path, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    path = data_dir / "providers.toml"
    bundle = make_certificates(tmp_path / "tls", "relay.example").ca_file

    async def body(pool: ClientPool) -> None:
        dialog = await opened([], KeyResolver(), pool, path)
        add(dialog, CUSTOM)
        form = dialog.form
        type_text(form.name_edit, "Corp relay")
        type_text(form.base_url_edit, "https://relay.example/v1")
        assert form.extras.tabText(1) == "Network"
        open_network(dialog)
        fields = form.network
        assert fields.proxy_edit.placeholderText() == "System settings"
        type_text(fields.proxy_edit, "socks5://alice@proxy.corp.example:1080")
        type_text(fields.password_edit, PASSWORD)
        assert fields.password_edit.echoMode() == QLineEdit.EchoMode.Password
        fields.choose_file = lambda: str(bundle)  # what the file dialog would answer
        QTest.mouseClick(fields.browse_button, Qt.MouseButton.LeftButton)
        assert fields.ca_edit.text() == str(bundle)
        assert form.extras.tabText(1) == "Network (socks, CA bundle)"
        assert not fields.problem.isVisible()
        assert not form.thinking.budget.isEnabled()
        form.thinking.check.click()
        assert form.thinking.budget.isEnabled()
        form.thinking.budget.setValue(4096)
        click_save(dialog)
        await saved(dialog)

    run_with_pool(qloop, body)
    (provider,) = load_providers(path)
    assert provider.proxy == "socks5://alice@proxy.corp.example:1080"
    assert provider.ca_bundle == str(bundle)
    assert provider.thinking_budget == 4096
    assert memory_keyring.passwords == {(SERVICE, "corp-relay/proxy"): PASSWORD}
    assert files_containing(data_dir, PASSWORD) == []


def test_a_stored_password_shows_masked_and_goes_when_the_proxy_is_cleared(
    qloop: qasync.QEventLoop, data_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    path = data_dir / "providers.toml"
    relay = Provider(
        id="relay",
        name="Relay",
        kind="openai",
        base_url="https://relay.example/v1",
        proxy="http://alice@proxy.corp.example:3128",
        thinking_budget=2048,
    )
    KeyStore().set(proxy_entry("relay"), PASSWORD)

    async def body(pool: ClientPool) -> None:
        dialog = await opened([relay], KeyResolver(), pool, path)
        form = dialog.form
        assert form.extras.tabText(1) == "Network (proxy)"
        assert form.thinking.check.isChecked()
        assert form.thinking.budget.value() == 2048
        open_network(dialog)
        fields = form.network
        assert fields.password_edit.text() == ""
        assert fields.password_edit.placeholderText() == f"{MASK} (stored in the keyring)"
        fields.proxy_edit.selectAll()
        QTest.keyClick(fields.proxy_edit, Qt.Key.Key_Delete)
        assert fields.password_edit.placeholderText() == "Needs a user name in the proxy URL"
        form.thinking.check.click()  # thinking off
        click_save(dialog)
        await saved(dialog)

    run_with_pool(qloop, body)
    (saved_relay,) = load_providers(path)
    assert saved_relay.proxy is None
    assert saved_relay.thinking_budget is None
    assert memory_keyring.passwords == {}


@pytest.mark.parametrize(
    ("proxy", "password", "said"),
    [
        ("proxy.corp.example:3128", "", "must be a URL such as http://proxy.example.com:3128"),
        (f"http://alice:{PASSWORD}@proxy:3128", "", "Leave the password out of the proxy URL"),
        ("socks5://proxy.corp.example", "", "A SOCKS proxy needs its port"),
        ("http://proxy.corp.example:3128", PASSWORD, "Put the proxy's user name in its URL"),
    ],
)
def test_a_proxy_that_cannot_be_used_is_said_beside_it_and_not_saved(
    qloop: qasync.QEventLoop, data_dir: Path, proxy: str, password: str, said: str
) -> None:
    path = data_dir / "providers.toml"
    relay = Provider(id="relay", name="Relay", kind="openai", base_url="https://relay.example/v1")

    async def body(pool: ClientPool) -> None:
        dialog = await opened([relay], KeyResolver(), pool, path)
        fields = dialog.form.network
        open_network(dialog)
        type_text(fields.proxy_edit, proxy)
        type_text(fields.password_edit, password)
        assert fields.problem.isVisible()  # said while typing
        assert said in fields.problem.text()
        dialog.form.extras.setCurrentIndex(0)  # back to the prices: Save brings the page back
        click_save(dialog)
        assert said in dialog.message.text()
        assert dialog.form.extras.currentWidget() is fields
        assert fields.proxy_edit.hasFocus()
        assert dialog.isVisible()
        assert PASSWORD not in dialog.message.text()

    run_with_pool(qloop, body)
    assert not path.exists()


def test_a_ca_bundle_that_is_not_certificates_is_refused(
    qloop: qasync.QEventLoop, data_dir: Path, tmp_path: Path
) -> None:
    path = data_dir / "providers.toml"
    notes = tmp_path / "notes.txt"
    notes.write_text("not a certificate")
    relay = Provider(id="relay", name="Relay", kind="openai", base_url="https://relay.example/v1")

    async def body(pool: ClientPool) -> None:
        dialog = await opened([relay], KeyResolver(), pool, path)
        fields = dialog.form.network
        type_text(fields.ca_edit, str(notes))
        click_save(dialog)
        assert f"The CA bundle {notes} cannot be used" in dialog.message.text()
        assert fields.problem.isVisible()
        assert "PEM certificates" in fields.problem.text()
        assert fields.ca_edit.hasFocus()
        retype(fields.ca_edit, str(tmp_path / "missing.pem"))
        click_save(dialog)
        assert "missing.pem cannot be used (No such file or directory)" in dialog.message.text()

    run_with_pool(qloop, body)
    assert not path.exists()


def test_anthropic_needs_a_thinking_budget_of_1024(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    path = data_dir / "providers.toml"
    claude = Provider(
        id="claude", name="Claude", kind="anthropic", base_url="https://api.anthropic.com"
    )

    async def body(pool: ClientPool) -> None:
        dialog = await opened([claude], KeyResolver(), pool, path)
        thinking = dialog.form.thinking
        assert "Anthropic needs 1,024 at least" in thinking.hint.text()
        thinking.check.click()
        thinking.budget.setValue(512)
        assert thinking.problem.isVisible()
        assert thinking.problem.text() == "Anthropic needs at least 1,024 tokens."
        click_save(dialog)
        assert "Anthropic needs a thinking budget of at least 1024 tokens" in dialog.message.text()
        assert thinking.budget.hasFocus()
        thinking.budget.setValue(1024)
        assert not thinking.problem.isVisible()
        click_save(dialog)
        await saved(dialog)

    run_with_pool(qloop, body)
    assert load_providers(path)[0].thinking_budget == 1024


def test_test_connection_goes_through_the_proxy_with_the_typed_password(
    qloop: qasync.QEventLoop, simulator: Simulator, data_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    path = data_dir / "providers.toml"
    relay = Provider(
        id="relay",
        name="Relay",
        kind="openai",
        base_url=f"http://{SIMULATOR_HOST}:{simulator.port}/v1",  # only the proxy knows it
    )
    key = simulator.api_key
    assert key is not None
    KeyStore().set("relay", key)

    async def body(pool: ClientPool) -> None:
        with HttpProxy(credentials=("alice", PASSWORD)) as proxy:
            dialog = await opened([relay], KeyResolver(), pool, path)
            form = dialog.form
            type_text(form.network.proxy_edit, f"http://alice@{proxy.url_host}")
            type_text(form.network.password_edit, "not-" + PASSWORD)
            form.test_button.click()
            await until(lambda: "proxy" in form.result_label.text())
            result = form.result_label.text()
            assert f"the proxy at {proxy.url_host} (set in Settings) asked for" in result
            assert PASSWORD not in result
            retype(form.network.password_edit, PASSWORD)
            form.test_button.click()
            await until(lambda: form.result_label.text().startswith("Connected"))
            assert [(f.method, f.user, f.allowed) for f in proxy.forwarded] == [
                ("GET", "alice", False),
                ("GET", "alice", True),
            ]
        assert memory_keyring.passwords == {(SERVICE, "relay"): key}  # a test saves nothing

    run_with_pool(qloop, body)


def test_removing_a_provider_forgets_its_proxy_password(
    qloop: qasync.QEventLoop,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = data_dir / "providers.toml"
    relay = Provider(
        id="relay",
        name="Relay",
        kind="openai",
        base_url="https://relay.example/v1",
        proxy="http://alice@proxy.corp.example:3128",
    )
    KeyStore().set(proxy_entry("relay"), PASSWORD)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    async def body(pool: ClientPool) -> None:
        dialog = await opened([relay], KeyResolver(), pool, path)
        dialog.providers_page.remove_button.click()
        click_save(dialog)
        await saved(dialog)

    run_with_pool(qloop, body)
    assert memory_keyring.passwords == {}


def test_without_a_keyring_the_proxy_password_is_kept_for_this_session(
    qloop: qasync.QEventLoop, data_dir: Path
) -> None:
    keyring.set_keyring(fail.Keyring())
    path = data_dir / "providers.toml"
    keys = KeyResolver()
    relay = Provider(id="relay", name="Relay", kind="openai", base_url="https://relay.example/v1")

    async def body(pool: ClientPool) -> None:
        dialog = await opened([relay], keys, pool, path)
        form = dialog.form
        type_text(form.network.proxy_edit, "http://alice@proxy.corp.example:3128")
        type_text(form.network.password_edit, PASSWORD)
        assert form.session_only_check.isVisible()
        form.session_only_check.click()
        click_save(dialog)
        await saved(dialog)

    run_with_pool(qloop, body)
    (saved_relay,) = load_providers(path)
    assert keys.session_keys == {"relay/proxy": PASSWORD}
    assert keys.proxy_password(saved_relay) == PASSWORD
    assert files_containing(data_dir, PASSWORD) == []
