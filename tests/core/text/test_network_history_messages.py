"""The core's messages about a CA bundle, a proxy, a pasted key, a history from a newer Tally and
an export, as the window's banner shows them in Chinese (the CLI keeps the English)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop_app.core.errors import ConfigError, HistoryVersionError, TallyError
from desktop_app.core.history import migrations, schema
from desktop_app.core.network.clients import check_ca_bundle, system_proxy
from desktop_app.core.settings.keys import check_key
from desktop_app.core.text.messages import message_of, text_of

_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_ENGLISH_WORDS = re.compile(r"\b[a-z]{4,}\s+[a-z]{3,}\s+[a-z]{3,}\b")


def _both(error: TallyError) -> tuple[str, str]:
    return text_of(error), message_of(error, "zh_CN")


def test_a_ca_bundle_that_is_not_pem_is_said_in_chinese(tmp_path: Path) -> None:
    bundle = tmp_path / "corp.pem"
    bundle.write_text("not a certificate\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        check_ca_bundle(str(bundle))
    english, chinese = _both(raised.value)
    assert "CA bundle" in english
    assert str(bundle) in chinese
    assert _CHINESE.search(chinese)
    assert "PEM" in chinese


def test_a_key_pasted_with_a_line_break_is_said_in_chinese() -> None:
    with pytest.raises(ConfigError) as raised:
        check_key("sk-abc\ndef")
    english, chinese = _both(raised.value)
    assert "sk-abc" not in english
    assert "sk-abc" not in chinese
    assert _CHINESE.search(chinese)
    assert not _ENGLISH_WORDS.search(chinese)


def test_a_history_upgraded_by_a_newer_tally_is_said_in_chinese() -> None:
    known = [step.name for step in migrations.MIGRATIONS]
    with pytest.raises(HistoryVersionError) as raised:
        schema._pending([*known, "099_from_the_future"], migrations.MIGRATIONS)
    english, chinese = _both(raised.value)
    assert "099_from_the_future" in english
    assert "099_from_the_future" in chinese
    assert _CHINESE.search(chinese)


def test_an_unusable_proxy_scheme_is_said_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "ftp://proxy.example:21")
    with pytest.raises(ConfigError) as raised:
        system_proxy("https://api.example/v1")
    _, chinese = _both(raised.value)
    assert "ftp://" in chinese
    assert "HTTPS_PROXY" in chinese
    assert "环境变量" in chinese, "where it came from, in Chinese too"
