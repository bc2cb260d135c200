"""Listing the models of Anthropic and Gemini, in their own formats: every page, the key in its
own header, the models that can chat; over real sockets (canned answers, and the simulator)."""

from __future__ import annotations

import json

import pytest

from desktop_app.core.errors import AuthenticationError, NotFoundError, UnexpectedResponse
from desktop_app.core.providers.model_list import ListedModel
from desktop_app.core.settings.providers_file import Provider
from desktop_app.simulator import LISTED_MODELS, Simulator
from desktop_app.simulator.gemini_scenarios import LISTED_MODELS as GEMINI_LISTED
from tests.support.servers.local_servers import Canned, Seen, routed_server
from tests.support.streams.anthropic_helpers import anthropic_provider
from tests.support.streams.gemini_helpers import gemini_provider
from tests.support.streams.model_listing import run_discover

# -- Anthropic and Gemini: their own list endpoints, read page by page ---------------------


def claude(model_id: str) -> dict[str, str]:
    name = model_id.replace("-", " ").title()
    return {"type": "model", "id": model_id, "display_name": name, "created_at": "2025-01-01"}


def anthropic_pages(request: Seen) -> Canned:
    """Two pages, as Anthropic sends them: `has_more` and `last_id`, then `after_id`."""
    if request.query.get("after_id") == "claude-b":
        return Canned(body={"data": [claude("claude-c")], "has_more": False, "last_id": "claude-c"})
    page = [claude("claude-b"), claude("claude-a")]
    return Canned(
        body={"data": page, "has_more": True, "first_id": "claude-b", "last_id": "claude-b"}
    )


def test_anthropic_lists_every_page_with_its_headers() -> None:
    with routed_server(anthropic_pages) as (root, seen):
        provider = Provider(id="anthropic", name="Anthropic", kind="anthropic", base_url=root)
        models = run_discover(provider, "sk-ant-test-1234")
    assert models == [
        ListedModel("claude-a", "Claude A"),
        ListedModel("claude-b", "Claude B"),
        ListedModel("claude-c", "Claude C"),
    ]
    first, second = seen
    assert first.path == second.path == "/v1/models"
    assert first.query == {"limit": "1000"}
    assert second.query == {"limit": "1000", "after_id": "claude-b"}
    assert first.headers["x-api-key"] == "sk-ant-test-1234"
    assert first.headers["anthropic-version"] == "2023-06-01"
    assert "authorization" not in first.headers


def gemini_model(name: str, *methods: str) -> dict[str, object]:
    return {
        "name": f"models/{name}",
        "displayName": name.replace("-", " ").title(),
        "supportedGenerationMethods": list(methods),
    }


def gemini_pages(request: Seen) -> Canned:
    """Two pages, as Gemini sends them: `nextPageToken`, then `pageToken`; an embedding model
    and one that says nothing about its methods, which cannot chat."""
    if request.query.get("pageToken") == "page-2":
        return Canned(body={"models": [gemini_model("gemini-2.5-pro", "generateContent")]})
    page = [
        gemini_model("gemini-2.5-flash", "generateContent", "countTokens"),
        gemini_model("text-embedding-004", "embedContent"),
        {"name": "models/aqa", "displayName": "AQA"},
    ]
    return Canned(body={"models": page, "nextPageToken": "page-2"})


def test_gemini_lists_every_page_of_chat_models_with_the_key_in_a_header() -> None:
    key = "AIza-test-key-5678"
    with routed_server(gemini_pages) as (root, seen):
        provider = Provider(id="gemini", name="Gemini", kind="gemini", base_url=root)
        models = run_discover(provider, key)
    assert models == [
        ListedModel("gemini-2.5-flash", "Gemini 2.5 Flash"),
        ListedModel("gemini-2.5-pro", "Gemini 2.5 Pro"),
    ]
    first, second = seen
    assert first.path == second.path == "/v1beta/models"
    assert first.query == {"pageSize": "1000"}
    assert second.query == {"pageSize": "1000", "pageToken": "page-2"}
    assert first.headers["x-goog-api-key"] == key
    assert all(key not in json.dumps(request.query) for request in seen)  # never in the URL


def test_a_server_that_always_has_more_is_not_asked_for_ever() -> None:
    def stuck(request: Seen) -> Canned:
        return Canned(body={"data": [claude("claude-a")], "has_more": True, "last_id": "claude-a"})

    with routed_server(stuck) as (root, seen):
        provider = Provider(id="a", name="Anthropic", kind="anthropic", base_url=root)
        assert [m.id for m in run_discover(provider, "sk-ant-1234")] == ["claude-a"]
    assert len(seen) == 2  # the second page pointed back at itself: stop


def test_gemini_says_a_wrong_key_with_400_and_it_is_an_authentication_error() -> None:
    error = {
        "code": 400,
        "message": "API key not valid. Please pass a valid API key.",
        "status": "INVALID_ARGUMENT",
        "details": [
            {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID"}
        ],
    }
    with routed_server(lambda _: Canned(status=400, body={"error": error})) as (root, _):
        provider = Provider(id="g", name="Gemini", kind="gemini", base_url=root)
        with pytest.raises(AuthenticationError, match="Gemini rejected the API key") as caught:
            run_discover(provider, "AIza-wrong-0000")
    assert "AIza-wrong-0000" not in str(caught.value)


def test_anthropic_errors_name_the_provider() -> None:
    body = {
        "type": "error",
        "error": {"type": "authentication_error", "message": "invalid x-api-key"},
    }
    with routed_server(lambda _: Canned(status=401, body=body)) as (root, _):
        provider = Provider(id="a", name="Anthropic", kind="anthropic", base_url=root)
        with pytest.raises(AuthenticationError, match=r"Anthropic rejected the API key \(401: inv"):
            run_discover(provider, "sk-ant-wrong")


def test_a_wrong_anthropic_base_url_says_how_it_is_written() -> None:
    with routed_server(lambda _: Canned(status=404, body=b"not found")) as (root, _):
        provider = Provider(id="a", name="Anthropic", kind="anthropic", base_url=f"{root}/api")
        with pytest.raises(
            NotFoundError, match=r"/api/v1/models .*such as https://api\.anthropic\.com\)"
        ):
            run_discover(provider, "sk-ant-1234")


@pytest.mark.parametrize(
    ("kind", "written", "asked"),
    [
        ("anthropic", "", "/v1/models"),
        ("anthropic", "/v1", "/v1/models"),
        ("gemini", "", "/v1beta/models"),
        ("gemini", "/v1beta", "/v1beta/models"),
        ("gemini", "/v1", "/v1/models"),
    ],
)
def test_the_list_is_where_the_chat_goes_however_the_base_url_is_written(
    kind: str, written: str, asked: str
) -> None:
    empty = {"data": [], "has_more": False} if kind == "anthropic" else {"models": []}
    with routed_server(lambda _: Canned(body=empty)) as (root, seen):
        base_url = root + written
        provider = Provider(id="x", name="X", kind=kind, base_url=base_url)  # type: ignore[arg-type]
        assert run_discover(provider, "key-1234") == []
    assert [request.path for request in seen] == [asked]


def test_a_web_page_instead_of_the_gemini_api_is_explained() -> None:
    page = Canned(
        body=b"<html><title>Sign in</title></html>", headers={"content-type": "text/html"}
    )
    with routed_server(lambda _: page) as (root, _):
        provider = Provider(id="g", name="Gemini", kind="gemini", base_url=root)
        with pytest.raises(UnexpectedResponse, match=r"Gemini answered 200 with a web page"):
            run_discover(provider, "AIza-1234")


@pytest.mark.parametrize(
    ("kind", "body"),
    [("anthropic", {"models": []}), ("gemini", {"models": {}}), ("gemini", [])],
)
def test_json_in_another_shape_is_not_a_model_list(kind: str, body: object) -> None:
    with routed_server(lambda _: Canned(body=body)) as (root, _):
        provider = Provider(id="x", name="Odd", kind=kind, base_url=root)  # type: ignore[arg-type]
        with pytest.raises(UnexpectedResponse, match="not a model list"):
            run_discover(provider, "key-1234")


@pytest.mark.parametrize(
    ("kind", "body"), [("anthropic", {"data": [], "has_more": False}), ("gemini", {})]
)
def test_no_key_sends_no_key_header(kind: str, body: object) -> None:
    with routed_server(lambda _: Canned(body=body)) as (root, seen):
        provider = Provider(id="x", name="Local", kind=kind, base_url=root)  # type: ignore[arg-type]
        assert run_discover(provider, None) == []
    assert not {"x-api-key", "x-goog-api-key", "authorization"} & set(seen[0].headers)


# -- the simulator's Anthropic and Gemini dialects, end to end -----------------------------


def test_the_simulators_anthropic_list(simulator: Simulator) -> None:
    provider = anthropic_provider(simulator)
    models = run_discover(provider, simulator.api_key)
    assert [model.id for model in models] == sorted(LISTED_MODELS)
    assert all(request.path.startswith("/v1/models") for request in simulator.requests)
    with pytest.raises(AuthenticationError, match="rejected the API key"):
        run_discover(provider, "sk-ant-wrong-0000")


def test_the_simulators_gemini_list(simulator: Simulator) -> None:
    provider = gemini_provider(simulator)
    models = run_discover(provider, simulator.api_key)
    chat = [
        ListedModel(n, shown) for n, methods, shown in GEMINI_LISTED if "generateContent" in methods
    ]
    assert models == sorted(chat, key=lambda model: model.id)
    assert len(chat) < len(GEMINI_LISTED)  # one that cannot chat (an embedder) was left out
    assert all(request.path.startswith("/v1beta/models") for request in simulator.requests)
    with pytest.raises(AuthenticationError, match="rejected the API key"):
        run_discover(provider, "AIza-wrong-0000")
