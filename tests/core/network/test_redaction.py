"""The key is hidden in whatever a server sent, however the server wrote it."""

from __future__ import annotations

import pytest

from desktop_app.core.errors import StreamErrorEvent
from desktop_app.core.network.redaction import HIDDEN, redact, redact_error

KEY = "sk-Live_7f3a9c/Q+x"


@pytest.mark.parametrize(
    "echo",
    [
        KEY,
        KEY.upper(),
        KEY.lower(),
        "sk-Live_7f3a9c%2FQ%2Bx",  # the reserved characters encoded, as in a query string
        "sk-Live_7f3a9c%2fQ%2bx",
        "".join(f"%{byte:02X}" for byte in KEY.encode()),  # every byte
        "%73K-lIVE_7F3A9C/q+X",  # some encoded, the rest in other letter cases
    ],
)
def test_every_form_of_the_key_is_hidden(echo: str) -> None:
    said = f"Invalid token Bearer {echo} for this account"
    assert redact(said, KEY) == f"Invalid token Bearer {HIDDEN} for this account"


def test_every_copy_is_hidden_and_the_rest_kept() -> None:
    assert redact(f"{KEY},{KEY.upper()}!", KEY) == f"{HIDDEN},{HIDDEN}!"
    assert redact("nothing here", KEY) == "nothing here"
    assert redact("nothing here", None) == "nothing here"


def test_the_start_of_a_key_cut_off_by_a_shortened_text_is_hidden() -> None:
    assert redact('{"error": "bad key sk-Live_7f…', KEY) == '{"error": "bad key ' + HIDDEN + "…"
    assert redact("key: SK-LIVE_7", KEY) == "key: " + HIDDEN
    assert redact("ends with sk-", KEY) == "ends with sk-"  # under 4 characters: no telling


def test_short_keys_are_hidden_too() -> None:
    assert redact("the key abc was refused", "abc") == f"the key {HIDDEN} was refused"
    assert redact("key=x1", "x1") == f"key={HIDDEN}"


def test_an_errors_message_is_redacted_in_place() -> None:
    error = StreamErrorEvent(f"Relay said: Bearer {KEY.upper()}", provider="Relay", status=401)
    assert redact_error(error, KEY) is error
    assert str(error) == f"Relay said: Bearer {HIDDEN}"
    assert error.args == (f"Relay said: Bearer {HIDDEN}",)
    assert error.status == 401
