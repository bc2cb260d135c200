"""The simulator's Gemini dialect over real sockets: wire shapes, keys, the model list."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from desktop_app.simulator import Simulator
from desktop_app.simulator.answer_texts import NORMAL_ANSWER
from tests.support.streams.gemini_helpers import gemini_root

HELLO = {"contents": [{"role": "user", "parts": [{"text": "Hello"}]}]}


@pytest.fixture
def client(simulator: Simulator) -> Iterator[httpx.Client]:
    """An httpx client for the simulator's Gemini paths, sending its key."""
    headers = {"x-goog-api-key": str(simulator.api_key)}
    base = gemini_root(simulator) + "/v1beta"
    with httpx.Client(base_url=base, headers=headers, timeout=5) as client:
        yield client


def stream(client: httpx.Client, model: str, body: dict[str, Any] = HELLO) -> httpx.Response:
    return client.post(f"/models/{model}:streamGenerateContent?alt=sse", json=body)


def chunks_of(response: httpx.Response) -> list[dict[str, Any]]:
    """The JSON of each `data:` event (the simulator sends one line each, CRLF-terminated)."""
    events = response.content.split(b"\r\n\r\n")
    return [json.loads(event.removeprefix(b"data: ")) for event in events if event]


def text_of(chunks: list[dict[str, Any]], *, thought: bool = False) -> str:
    parts = [
        part
        for chunk in chunks
        for candidate in chunk.get("candidates", [])
        for part in candidate.get("content", {}).get("parts", [])
    ]
    return "".join(p["text"] for p in parts if p.get("thought", False) is thought)


def test_a_stream_has_geminis_shape(client: httpx.Client) -> None:
    response = stream(client, "sim-thoughts")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    chunks = chunks_of(response)
    assert b"[DONE]" not in response.content
    assert len({c["responseId"] for c in chunks}) == 1
    assert {c["modelVersion"] for c in chunks} == {"sim-thoughts"}
    assert text_of(chunks) == NORMAL_ANSWER
    assert text_of(chunks, thought=True).startswith("**Planning the answer**")
    *middle, last = chunks
    assert all("finishReason" not in c["candidates"][0] for c in middle)
    assert all("candidatesTokenCount" not in c["usageMetadata"] for c in middle)
    assert last["candidates"][0]["finishReason"] == "STOP"
    usage = last["usageMetadata"]
    thought_chunks = [c for c in chunks if text_of([c], thought=True)]
    assert usage["thoughtsTokenCount"] == len(thought_chunks)
    assert usage["candidatesTokenCount"] == len(chunks) - len(thought_chunks)
    assert usage["totalTokenCount"] == (
        usage["promptTokenCount"] + usage["candidatesTokenCount"] + usage["thoughtsTokenCount"]
    )


def test_cached_tokens_are_part_of_the_prompt_count(client: httpx.Client) -> None:
    usage = chunks_of(stream(client, "sim-cached"))[-1]["usageMetadata"]
    assert 0 < usage["cachedContentTokenCount"] < usage["promptTokenCount"]


def test_safety_finish_has_no_content_and_blocked_ratings(client: httpx.Client) -> None:
    *answer, last = chunks_of(stream(client, "sim-safety"))
    assert text_of(answer)
    candidate = last["candidates"][0]
    assert candidate["finishReason"] == "SAFETY"
    assert "content" not in candidate
    assert any(rating.get("blocked") for rating in candidate["safetyRatings"])


def test_a_blocked_prompt_has_no_candidates(client: httpx.Client) -> None:
    (chunk,) = chunks_of(stream(client, "sim-prompt-blocked"))
    assert "candidates" not in chunk
    assert chunk["promptFeedback"]["blockReason"] == "SAFETY"


def test_without_alt_sse_the_answer_is_one_json_array(client: httpx.Client) -> None:
    response = client.post("/models/sim-normal:streamGenerateContent", json=HELLO)
    assert response.headers["content-type"].startswith("application/json")
    chunks = response.json()
    assert isinstance(chunks, list)
    assert text_of(chunks) == NORMAL_ANSWER


def test_generate_content_is_one_response(client: httpx.Client) -> None:
    body = client.post("/models/sim-thoughts:generateContent", json=HELLO).json()
    parts = body["candidates"][0]["content"]["parts"]
    assert parts[0]["thought"] is True
    assert parts[1] == {"text": NORMAL_ANSWER}
    assert body["usageMetadata"]["thoughtsTokenCount"] > 0


@pytest.mark.parametrize(
    ("key", "status", "words"),
    [
        ("AIza-wrong", 400, "API key not valid. Please pass a valid API key."),
        (None, 403, "Method doesn't allow unregistered callers"),
    ],
)
def test_a_wrong_or_missing_key_gets_geminis_answer(
    simulator: Simulator, key: str | None, status: int, words: str
) -> None:
    headers = {"x-goog-api-key": key} if key else {}
    for method, path in (("GET", "/models"), ("POST", "/models/sim-normal:generateContent")):
        url = gemini_root(simulator) + "/v1beta" + path
        response = httpx.request(method, url, headers=headers, json=HELLO)
        assert response.status_code == status
        error = response.json()["error"]
        assert error["code"] == status
        assert error["message"].startswith(words)
    if status == 400:
        assert error["status"] == "INVALID_ARGUMENT"
        assert error["details"][0]["reason"] == "API_KEY_INVALID"


def test_a_key_in_the_url_is_not_accepted(simulator: Simulator) -> None:
    url = f"{gemini_root(simulator)}/v1beta/models?key={simulator.api_key}"
    assert httpx.get(url).status_code == 403


@pytest.mark.parametrize(
    ("model", "status", "name"),
    [
        ("sim-error-400", 400, "INVALID_ARGUMENT"),
        ("sim-error-400-location", 400, "FAILED_PRECONDITION"),
        ("sim-error-403", 403, "PERMISSION_DENIED"),
        ("sim-error-404", 404, "NOT_FOUND"),
        ("sim-error-429", 429, "RESOURCE_EXHAUSTED"),
        ("sim-error-500", 500, "INTERNAL"),
        ("sim-error-503", 503, "UNAVAILABLE"),
    ],
)
def test_error_statuses_have_geminis_body(
    client: httpx.Client, model: str, status: int, name: str
) -> None:
    response = stream(client, model)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == status
    assert error["status"] == name
    assert error["message"]


def test_a_rate_limit_says_its_wait_in_the_body(client: httpx.Client) -> None:
    details = stream(client, "sim-error-429").json()["error"]["details"]
    retry = [d for d in details if d["@type"].endswith("RetryInfo")]
    assert retry == [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "2s"}]


def test_the_mid_stream_error_is_an_error_object_after_some_text(client: httpx.Client) -> None:
    *answer, last = chunks_of(stream(client, "sim-midstream-error"))
    assert text_of(answer)
    assert last["error"]["code"] == 500
    assert last["error"]["status"] == "INTERNAL"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"contents": []}, "contents is not specified"),
        ({"contents": [{"role": "assistant", "parts": [{"text": "x"}]}]}, "valid role"),
        ({"contents": [{"role": "user", "parts": []}]}, "must not be empty"),
    ],
)
def test_request_bodies_the_api_refuses(
    client: httpx.Client, body: dict[str, Any], words: str
) -> None:
    response = stream(client, "sim-normal", body)
    assert response.status_code == 400
    assert words in response.json()["error"]["message"]


def test_an_unknown_path_is_googles_html_404(client: httpx.Client) -> None:
    response = client.post("/chat/completions", json=HELLO)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "The requested URL <code>/v1beta/chat/completions</code> was not found" in response.text


def test_the_model_list_has_geminis_shape(client: httpx.Client) -> None:
    body = client.get("/models").json()
    assert "nextPageToken" not in body
    names = [model["name"] for model in body["models"]]
    assert "models/sim-normal" in names
    for model in body["models"]:
        assert set(model) >= {
            "name",
            "displayName",
            "supportedGenerationMethods",
            "inputTokenLimit",
            "outputTokenLimit",
        }
    chat = [
        m["name"] for m in body["models"] if "generateContent" in m["supportedGenerationMethods"]
    ]
    assert "models/sim-embedding" in names
    assert "models/sim-embedding" not in chat


def test_the_model_list_pages(client: httpx.Client) -> None:
    first = client.get("/models", params={"pageSize": 3}).json()
    assert len(first["models"]) == 3
    second = client.get("/models", params={"pageSize": 3, "pageToken": first["nextPageToken"]})
    rest = second.json()
    assert "nextPageToken" not in rest
    everything = client.get("/models").json()["models"]
    assert first["models"] + rest["models"] == everything
