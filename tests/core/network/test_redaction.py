"""The key is hidden in whatever a server sent, however the server wrote it."""

from __future__ import annotations

import base64
import random
from collections.abc import Callable

import pytest

from desktop_app.core.errors import StreamErrorEvent
from desktop_app.core.events import Finish, ReasoningDelta, TextDelta
from desktop_app.core.network.redaction import (
    HIDDEN,
    AnswerRedaction,
    StreamRedaction,
    redact,
    redact_error,
    secret_in,
)
from desktop_app.core.settings.providers_file import Provider

KEY = "sk-Live_7f3a9c/Q+x"
LOCAL = Provider(id="ollama", name="Ollama", kind="openai", base_url="http://localhost:11434/v1")
REMOTE = Provider(id="sf", name="SiliconFlow", kind="openai", base_url="https://api.example.cn/v1")


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
        "\\u0073" + KEY[1:],  # a JSON escape in text that was not read as JSON
        "".join(f"\\u{ord(char):04X}" for char in KEY),
        "".join(f"&#{ord(char)};" for char in KEY),  # HTML character references
        "".join(f"&#x{ord(char):x};" for char in KEY),
        KEY.encode().hex(),
        KEY.encode().hex().upper(),
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


@pytest.mark.parametrize("before", ["", "B", "Be", "Bearer ", "user:"])
@pytest.mark.parametrize("alphabet", [base64.b64encode, base64.urlsafe_b64encode])
def test_the_key_inside_base64_is_hidden_whatever_came_before_it(
    before: str, alphabet: Callable[[bytes], bytes]
) -> None:
    encoded = alphabet(f"{before}{KEY}!".encode()).decode()
    said = redact(f"Authorization: Basic {encoded}", KEY)
    assert HIDDEN in said
    # What is left around it holds at most the bits of a character or two of the key.
    assert len(said) - len("Authorization: Basic ") - len(HIDDEN) <= len(before) * 4 // 3 + 6


def test_a_key_cut_where_a_quoted_part_was_shortened_is_hidden() -> None:
    said = f"Relay sent a chunk that is not valid JSON ('debug {KEY[:9]}…'); the answer was cut."
    assert redact(said, KEY) == (
        f"Relay sent a chunk that is not valid JSON ('debug {HIDDEN}…'); the answer was cut."
    )


TEXT = f"Your key is {KEY} and again {KEY.upper()}; sk- is how keys start. The end sk-Li"
SHOWN = f"Your key is {HIDDEN} and again {HIDDEN}; sk- is how keys start. The end {HIDDEN}"


def streamed(pieces: list[str]) -> list[str]:
    hiding = StreamRedaction(KEY)
    return [hiding.add(piece) for piece in pieces] + [hiding.end()]


def test_a_streamed_text_hides_the_key_wherever_the_pieces_cut_it() -> None:
    for cut in range(1, len(TEXT)):
        assert "".join(streamed([TEXT[:cut], TEXT[cut:]])) == SHOWN
    rng = random.Random(7)
    for _ in range(200):
        cuts = sorted(rng.sample(range(1, len(TEXT)), 8))
        pieces = [TEXT[a:b] for a, b in zip([0, *cuts], [*cuts, len(TEXT)], strict=True)]
        assert "".join(streamed(pieces)) == SHOWN
    one_at_a_time = streamed(list(TEXT))
    assert "".join(one_at_a_time) == SHOWN


def test_a_streamed_text_is_held_back_only_where_it_could_start_the_key() -> None:
    hiding = StreamRedaction(KEY)
    assert hiding.add("Hello there, ") == "Hello there, "  # nothing like the key: all out
    assert hiding.add("this is") == "this i"  # "s" could start it
    assert hiding.add("n't it") == "sn't it"
    assert hiding.add(" %7") == " "  # the start of "%73", the key's "s" percent-encoded
    assert hiding.add("3k-") == ""
    assert hiding.add("Lime") == "%73k-Lime"
    assert hiding.end() == ""
    hiding.add("ends with sk-L")
    assert hiding.end() == HIDDEN  # four characters of the key: taken for a key cut off


def test_a_start_of_the_key_cut_before_an_ellipsis_is_hidden_in_a_stream_too() -> None:
    assert "".join(streamed(["Your key sk-Live_7f", "3a…", " is wrong"])) == (
        f"Your key {HIDDEN}… is wrong"
    )


def test_a_key_of_thousands_of_characters_is_followed_without_recursion() -> None:
    token = "eyJ" + "a1B2c3D4" * 400  # 3,203 characters: a token used as the key
    hiding = StreamRedaction(token)
    shown = hiding.add("here: " + token[:2000]) + hiding.add(token[2000:] + " done") + hiding.end()
    assert shown == f"here: {HIDDEN} done"


def test_an_answers_events_keep_their_order_and_the_reasoning_ends_when_the_text_begins() -> None:
    hiding = AnswerRedaction(KEY, REMOTE)
    assert hiding.shown(ReasoningDelta("it was")) == [ReasoningDelta("it wa")]  # "s" held
    assert hiding.shown(TextDelta("Yes")) == [ReasoningDelta("s"), TextDelta("Ye")]
    assert hiding.shown(Finish("stop")) == [TextDelta("s"), Finish("stop")]
    assert hiding.held() == []
    plain = AnswerRedaction(None, REMOTE)  # no key: nothing held, nothing changed
    assert plain.shown(TextDelta("sk-")) == [TextDelta("sk-")]


@pytest.mark.parametrize(
    "placeholder",
    ["x", "EMPTY", "ollama", "sk-1234", "lmstudio", "lm-studio", "sk-no-key-required"],
)
def test_a_placeholder_for_a_local_server_is_left_in_an_answer_and_hidden_in_errors(
    placeholder: str,
) -> None:
    # A local server's dummy key: hiding it would cut the word out of the answer ("Install
    # Ollama" for the key "ollama"); an error hides it where it stands alone, as written.
    said = f"Install {placeholder.capitalize()} with `{placeholder} pull`; {placeholder}-community"
    hiding = AnswerRedaction(placeholder, LOCAL)
    assert hiding.shown(TextDelta(said)) == [TextDelta(said)]
    assert hiding.shown(Finish(f"{placeholder}_stop")) == [Finish(f"{placeholder}_stop")]
    assert secret_in(placeholder, LOCAL) is None
    error = f"Bearer {placeholder} refused by {placeholder.upper()}-proxy"
    hidden = f"Bearer {HIDDEN} refused by {placeholder.upper()}-proxy"
    assert redact(error, placeholder, LOCAL) == hidden  # beside "-", it is part of a word
    # The same key sent elsewhere is a secret, hidden everywhere in every form.
    assert secret_in(placeholder, REMOTE) == placeholder
    assert secret_in(placeholder, None) == placeholder
    hiding = AnswerRedaction(placeholder, REMOTE)
    assert hiding.shown(TextDelta(f"{placeholder.upper()}!")) == [TextDelta(f"{HIDDEN}!")]


@pytest.mark.parametrize(
    "key",
    [
        "sk-" + "eszycidpyopumzgdpxlrwhcbqnkatvfj" + "mnbvcxzlkjhgfdsa",  # SiliconFlow's form
        "AIzaSyBkqnCgPxJfJmNaZlPqrStUvWxYzAbCdEf",  # Gemini's, letters alone in mixed case
        "sk-4f1c2a9be07d4c3f8e2b6a1d9c0e7f35",  # DeepSeek's: hex
        "hunter2-local",  # a self-hosted server's own
    ],
)
def test_a_key_for_a_server_elsewhere_is_a_secret_whatever_its_shape(key: str) -> None:
    assert secret_in(key, REMOTE) == key
    assert redact(f"echo {key.upper()}", key, REMOTE) == f"echo {HIDDEN}"
    hiding = AnswerRedaction(key, REMOTE)
    assert hiding.shown(TextDelta(f"your key is {key}. ")) == [TextDelta(f"your key is {HIDDEN}. ")]


def test_a_finish_reason_is_the_servers_word_and_is_redacted_too() -> None:
    hiding = AnswerRedaction(KEY, REMOTE)
    (finish,) = hiding.shown(Finish(f"weird_{KEY}"))
    assert finish == Finish(f"weird_{HIDDEN}")
    (long,) = hiding.shown(Finish("x" * 500))
    assert isinstance(long, Finish)
    assert long.reason == "x" * 40


def test_a_stream_comes_out_the_same_wherever_the_server_split_it() -> None:
    text = f"Wait… the prefix is sk-Li. Then more, and {KEY} at last; sk-Liv…"
    whole = "".join(streamed([text]))
    assert whole == f"Wait… the prefix is sk-Li. Then more, and {HIDDEN} at last; {HIDDEN}…"
    for cut in range(1, len(text)):
        assert "".join(streamed([text[:cut], text[cut:]])) == whole
