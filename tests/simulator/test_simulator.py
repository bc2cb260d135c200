"""The simulator over real sockets: its key, the wire shapes of its answers, stream variants,
kept-alive connections and the command line. (Its errors, hangs and drops:
test_simulator_errors.py.)"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from desktop_app.simulator import LISTED_MODELS, Simulator
from desktop_app.simulator.answer_texts import NORMAL_ANSWER, UNICODE_SEPARATOR_TEXT
from tests.support.servers.simulator_client import chat, chunks_of, content_of, post, sse_data
from tests.support.servers.simulator_client import (
    client as client,  # a fixture: pytest finds it by name here
)

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_models_list_the_main_scenarios(client: httpx.Client) -> None:
    response = client.get("/models")
    assert response.status_code == 200
    body = response.json()
    assert body["object"] == "list"
    assert [model["id"] for model in body["data"]] == LISTED_MODELS
    assert all(model["owned_by"] == "tally-simulator" for model in body["data"])


@pytest.mark.parametrize(("method", "path"), [("GET", "/models"), ("POST", "/chat/completions")])
@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("sk-wrong-secret-42", "Incorrect API key provided: sk-wrong-secret-42."),
        (None, "You didn't"),
    ],
)
def test_a_wrong_or_missing_key_gets_401(
    simulator: Simulator, method: str, path: str, key: str | None, message: str
) -> None:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    url = simulator.base_url + path
    response = httpx.request(method, url, headers=headers, json=chat("sim-normal"))
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error"
    assert error["message"].startswith(message)


def test_a_keyless_simulator_accepts_any_key_or_none() -> None:
    with Simulator(api_key=None) as keyless:
        assert httpx.get(keyless.base_url + "/models").status_code == 200
        headers = {"Authorization": "Bearer anything"}
        assert httpx.get(keyless.base_url + "/models", headers=headers).status_code == 200


def test_normal_stream_has_the_openai_shape(client: httpx.Client, simulator: Simulator) -> None:
    response = post(client, "sim-normal")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["transfer-encoding"] == "chunked"
    assert sse_data(response.content)[-1] == "[DONE]"
    chunks = chunks_of(response.content)
    assert chunks[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    assert {chunk["object"] for chunk in chunks} == {"chat.completion.chunk"}
    assert len({chunk["id"] for chunk in chunks}) == 1
    assert all("usage" not in chunk for chunk in chunks)
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"
    assert content_of(chunks) == NORMAL_ANSWER
    pieces = [choice["delta"].get("content", "") for c in chunks for choice in c["choices"]]
    assert max(len(piece) for piece in pieces) <= 4
    (request,) = simulator.requests
    assert request.method == "POST"
    assert request.path == "/v1/chat/completions"
    assert request.body == chat("sim-normal")
    assert request.headers["authorization"] == f"Bearer {simulator.api_key}"


def test_usage_arrives_only_when_asked_for(client: httpx.Client) -> None:
    chunks = chunks_of(post(client, "sim-normal", stream_options={"include_usage": True}).content)
    *answer, last = chunks
    assert last["choices"] == []
    assert all(chunk["usage"] is None for chunk in answer)
    content_pieces = [chunk for chunk in answer if chunk["choices"][0]["delta"].get("content")]
    usage = last["usage"]
    assert usage["completion_tokens"] == len(content_pieces)
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    assert usage["prompt_tokens_details"] == {"cached_tokens": 0}
    assert usage["completion_tokens_details"] == {"reasoning_tokens": 0}
    no_usage = post(client, "sim-no-usage", stream_options={"include_usage": True})
    assert all(chunk["choices"] for chunk in chunks_of(no_usage.content))


def test_a_non_streamed_answer_is_one_completion(client: httpx.Client) -> None:
    body = post(client, "sim-normal", stream=False).json()
    assert body["object"] == "chat.completion"
    assert body["choices"][0]["message"] == {"role": "assistant", "content": NORMAL_ANSWER}
    assert body["usage"]["completion_tokens"] > 0


def test_echo_repeats_the_last_user_message(client: httpx.Client) -> None:
    chunks = chunks_of(post(client, "sim-echo").content)
    assert content_of(chunks) == "You said: Hello there, simulator"


def test_echo_params_reports_what_the_client_sent(client: httpx.Client) -> None:
    messages = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]
    response = post(client, "sim-echo-params", temperature=0.3, max_tokens=50, messages=messages)
    chunks = chunks_of(response.content)
    report = json.loads(content_of(chunks))
    assert report["temperature"] == 0.3
    assert report["max_tokens"] == 50
    assert report["stream_options"] is None
    assert report["roles"] == ["system", "user"]


def test_deepseek_reasoning_comes_before_the_answer(client: httpx.Client) -> None:
    response = post(client, "sim-reasoning", stream_options={"include_usage": True})
    chunks = chunks_of(response.content)
    deltas = [choice["delta"] for chunk in chunks for choice in chunk["choices"]]
    first_content = next(i for i, delta in enumerate(deltas) if delta.get("content"))
    last_reasoning = max(i for i, delta in enumerate(deltas) if delta.get("reasoning_content"))
    assert last_reasoning < first_content
    assert content_of(chunks, "reasoning_content")
    usage = chunks[-1]["usage"]
    hits, misses = usage["prompt_cache_hit_tokens"], usage["prompt_cache_miss_tokens"]
    assert hits > 0
    assert hits + misses == usage["prompt_tokens"]
    assert usage["prompt_tokens_details"]["cached_tokens"] == hits
    assert usage["completion_tokens_details"]["reasoning_tokens"] > 0


def test_ollama_reasoning_uses_the_reasoning_field(client: httpx.Client) -> None:
    chunks = chunks_of(post(client, "sim-reasoning-field").content)
    assert content_of(chunks, "reasoning")
    assert not content_of(chunks, "reasoning_content")
    assert content_of(chunks) == NORMAL_ANSWER


@pytest.mark.parametrize(
    ("model", "comments"),
    [
        ("sim-keepalive", b": keep-alive\n\n" * 5),
        ("sim-openrouter-processing", b": OPENROUTER PROCESSING\n\n" * 3),
    ],
)
def test_comments_precede_the_answer(simulator: Simulator, model: str, comments: bytes) -> None:
    async def stream() -> bytes:
        headers = {"Authorization": f"Bearer {simulator.api_key}"}
        async with (
            httpx.AsyncClient(base_url=simulator.base_url, headers=headers) as client,
            client.stream("POST", "/chat/completions", json=chat(model)) as response,
        ):
            return b"".join([chunk async for chunk in response.aiter_bytes()])

    raw = asyncio.run(stream())
    assert raw.startswith(comments + b"data: ")
    assert content_of(chunks_of(raw)) == NORMAL_ANSWER


def test_the_long_answer_is_big_and_varied(client: httpx.Client) -> None:
    chunks = chunks_of(post(client, "sim-long").content)
    text = content_of(chunks)
    assert len(text.encode()) >= 300_000
    assert text.count("```") % 2 == 0
    assert "```rust" in text
    assert "| x |" in text
    assert "中文" in text
    assert "🚀" in text
    assert max(len(c["choices"][0]["delta"].get("content", "")) for c in chunks) == 20


@pytest.mark.parametrize(("model", "line_end"), [("sim-crlf", b"\r\n"), ("sim-cr", b"\r")])
def test_other_line_endings(client: httpx.Client, model: str, line_end: bytes) -> None:
    raw = post(client, model).content
    assert raw.endswith(b"data: [DONE]" + line_end * 2)
    other_breaks = raw.replace(line_end, b"")
    assert b"\r" not in other_breaks
    assert b"\n" not in other_breaks
    assert content_of(chunks_of(raw, line_end)) == NORMAL_ANSWER


def test_unicode_separators_are_sent_raw(client: httpx.Client) -> None:
    raw = post(client, "sim-unicode-separators").content
    for character in "\u2028\u2029\u0085\x0b\x0c\x1c\x1d\x1e":
        assert character.encode() in raw
    lines = [line for line in raw.split(b"\n") if line.startswith(b"data: {")]
    chunks = [json.loads(line[len(b"data: ") :].decode(), strict=False) for line in lines]
    assert content_of(chunks) == UNICODE_SEPARATOR_TEXT


def test_keep_alive_reuses_the_connection(client: httpx.Client, simulator: Simulator) -> None:
    client.get("/models")
    post(client, "sim-normal")
    client.get("/models", headers={"Connection": "close"})
    client.get("/models")
    first, second, closing, after_close = (r.connection_id for r in simulator.requests)
    assert first == second == closing
    assert after_close != closing


def test_the_command_line_serves_until_terminated() -> None:
    command = [sys.executable, "-m", "desktop_app.simulator", "--port", "0", "--key", "sk-cli"]
    with subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.fullmatch(
            r"Simulator listening on (http://127\.0\.0\.1:\d+/v1) \(key: (.+)\)\n", line
        )
        assert match, line
        assert match[2] == "sk-cli"
        response = httpx.get(match[1] + "/models", headers={"Authorization": "Bearer sk-cli"})
        assert response.status_code == 200
        process.terminate()
        assert process.wait(timeout=10) == 0
