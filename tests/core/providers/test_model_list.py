"""Listing a provider's models: against the simulator, and the failures a user can meet."""

from __future__ import annotations

import asyncio
import base64
import socket

import pytest

from desktop_app.core.chat import make_client
from desktop_app.core.errors import (
    AuthenticationError,
    ConfigError,
    ConnectTimeout,
    FirstByteTimeout,
    NotFoundError,
    ProviderUnreachable,
    UnexpectedResponse,
)
from desktop_app.core.providers.model_list import ListedModel, list_models
from desktop_app.core.settings.providers_file import Provider, Timeouts
from desktop_app.simulator import LISTED_MODELS, Simulator
from tests.support.servers.local_servers import Canned, canned_server, full_backlog_port
from tests.support.streams.chat_helpers import sim_provider
from tests.support.streams.model_listing import run_discover


def run_list(provider: Provider, key: str | None) -> list[str]:
    async def main() -> list[str]:
        async with make_client() as client:
            return await list_models(client, provider, key)

    return asyncio.run(main())


def run_with(answer: Canned, key: str = "sk-odd-0000") -> list[str]:
    """List models from a real local server that sends `answer` (bodies the simulator never
    sends)."""
    with canned_server(answer) as base_url:
        provider = Provider(id="odd", name="Odd", kind="openai", base_url=base_url)
        return run_list(provider, key)


def test_lists_the_simulators_models(simulator: Simulator) -> None:
    names = run_list(sim_provider(simulator), simulator.api_key)
    assert names == sorted(LISTED_MODELS)
    (request,) = simulator.requests
    assert request.method == "GET"
    assert request.path == "/v1/models"
    assert request.headers["authorization"] == f"Bearer {simulator.api_key}"
    assert request.headers["accept"] == "application/json"


def test_wrong_key_is_an_authentication_error_without_the_key(simulator: Simulator) -> None:
    wrong = "sk-wrong-key-987654321"
    with pytest.raises(AuthenticationError) as caught:
        run_list(sim_provider(simulator), wrong)
    message = str(caught.value)
    assert message.startswith("Simulator rejected the API key (401")
    assert wrong not in message
    assert "[key hidden]" in message
    assert wrong not in caught.value.detail


def test_wrong_path_is_not_found_and_names_the_url(simulator: Simulator) -> None:
    provider = Provider(
        id="sim", name="Simulator", kind="openai", base_url=f"{simulator.base_url[:-3]}/nothing"
    )
    with pytest.raises(NotFoundError, match=r"no model list at http://127\.0\.0\.1:\d+/nothing"):
        run_list(provider, simulator.api_key)


def test_closed_port_is_unreachable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    provider = Provider(id="x", name="Gone", kind="openai", base_url=f"http://127.0.0.1:{port}/v1")
    with pytest.raises(ProviderUnreachable, match="Could not connect to Gone"):
        run_list(provider, None)


def test_connect_timeout_is_the_providers() -> None:
    with full_backlog_port() as port:
        provider = Provider(
            id="x",
            name="Stuck",
            kind="openai",
            base_url=f"http://127.0.0.1:{port}/v1",
            timeouts=Timeouts(connect=0.3),
        )
        with pytest.raises(ConnectTimeout, match=r"within 0\.3 s"):
            run_list(provider, None)


def test_a_server_that_never_answers_times_out_quickly() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)  # the kernel completes the connection; nobody ever reads or answers
        port = silent.getsockname()[1]
        provider = Provider(
            id="x",
            name="Silent",
            kind="openai",
            base_url=f"http://127.0.0.1:{port}/v1",
            timeouts=Timeouts(connect=0.2, first_byte=0.3),
        )
        with pytest.raises(FirstByteTimeout, match="Silent did not send its model list within"):
            run_list(provider, None)


def test_a_server_without_keys_gets_no_authorization_header() -> None:
    with Simulator(api_key=None) as local:
        names = run_list(sim_provider(local), None)
        assert names == sorted(LISTED_MODELS)
        (request,) = local.requests
        assert "authorization" not in request.headers


def test_a_key_that_cannot_be_sent_is_refused_before_sending(simulator: Simulator) -> None:
    pasted = "sk-pasted-twice\nsk-pasted-twice"
    with pytest.raises(ConfigError, match="Paste it again") as caught:
        run_list(sim_provider(simulator), pasted)
    assert "sk-pasted" not in str(caught.value)
    assert simulator.requests == []


@pytest.mark.parametrize(
    "body",
    [
        {"object": "list", "data": [{"id": "b"}, {"id": "a"}, {"id": "b"}]},
        [{"id": "a"}, "b"],
        {"models": [{"name": "b"}, {"name": "a"}]},
        {"data": [{"id": "models/a"}, {"id": " b "}, {"id": ""}, {"owned_by": "x"}]},
    ],
)
def test_model_list_shapes_servers_send(body: object) -> None:
    assert run_with(Canned(body=body)) == ["a", "b"]


def test_ids_that_hold_the_key_or_are_no_name_are_left_out() -> None:
    # A hostile server's list would put the key in the picker, the models cache, and the
    # history and the log of an answer asked of that "model".
    bearer = base64.b64encode(b"Bearer sk-odd-0000").decode()
    ids = ["a", "gpt-sk-odd-0000", "key=SK-ODD-0000", bearer, "x" * 300, "bad\x1bname", "b"]
    assert run_with(Canned(body={"data": [{"id": name} for name in ids]})) == ["a", "b"]


def test_a_placeholder_key_leaves_the_names_that_hold_it_in() -> None:
    # "x" for a local server that asks for no key: "mixtral" is a model, not a leaked key.
    ids = ["mixtral-8x7b", "qwen", "gpt-x"]
    assert run_with(Canned(body={"data": [{"id": name} for name in ids]}), key="x") == sorted(ids)
    assert run_with(Canned(body={"data": [{"id": "ollama-x"}]}), key="ollama") == ["ollama-x"]
    lm_studio = ["lmstudio-community/Meta-Llama-3-8B-Instruct-GGUF", "qwen2.5-7b-instruct"]
    assert run_with(Canned(body={"data": [{"id": n} for n in lm_studio]}), "lmstudio") == lm_studio


def test_a_web_page_instead_of_the_api_is_explained() -> None:
    page = b"<html><head><title>Just a moment...</title></head><body>challenge</body></html>"
    answer = Canned(body=page, headers={"content-type": "text/html"})
    with pytest.raises(UnexpectedResponse, match=r"Odd answered 200 with a web page"):
        run_with(answer)


def test_json_that_is_not_a_model_list_is_explained() -> None:
    with pytest.raises(UnexpectedResponse, match="not a model list"):
        run_with(Canned(body={"object": "list"}))


def test_a_redirect_names_where_it_goes() -> None:
    answer = Canned(status=301, headers={"location": "https://odd.example/api/v1/models"})
    with pytest.raises(UnexpectedResponse, match=r"redirects .* to https://odd\.example/api/v1"):
        run_with(answer)


def test_a_plain_text_body_is_unexpected() -> None:
    answer = Canned(body=b"OK", headers={"content-type": "text/plain"})
    with pytest.raises(UnexpectedResponse, match="not the API"):
        run_with(answer)


def test_an_empty_list_is_a_model_list() -> None:
    assert run_with(Canned(body={"data": []})) == []


def test_openrouter_names_become_display_names() -> None:
    body = {"data": [{"id": "openai/gpt-4.1", "name": "OpenAI: GPT-4.1"}, {"id": "x/y"}]}
    with canned_server(Canned(body=body)) as base_url:
        provider = Provider(id="or", name="OpenRouter", kind="openai", base_url=base_url)
        models = run_discover(provider, "sk-or-0000")
    assert models == [ListedModel("openai/gpt-4.1", "OpenAI: GPT-4.1"), ListedModel("x/y")]


def test_a_display_name_is_shown_on_one_line_and_never_with_the_key() -> None:
    from desktop_app.core.providers.model_list import _with_shown_name

    key = "sk-odd-0000"
    assert _with_shown_name(ListedModel("a", "Claude sk-odd-0000"), key).display_name is None
    escaped = _with_shown_name(ListedModel("b", "Claude\x1b[2J\nB"), key)
    assert escaped.display_name == "Claude [2J B"
    assert _with_shown_name(ListedModel("c", "C" * 500), key).display_name == "C" * 200
    plain = ListedModel("d", "Claude D")
    assert _with_shown_name(plain, key) is plain
