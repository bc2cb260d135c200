"""The simulator over real sockets: wire shapes, scenarios and misbehaviour."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop_app.simulator import LISTED_MODELS, Simulator
from desktop_app.simulator.answer_texts import NORMAL_ANSWER, UNICODE_SEPARATOR_TEXT

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def client(simulator: Simulator) -> Iterator[httpx.Client]:
    """An httpx client for the session simulator, sending its key."""
    headers = {"Authorization": f"Bearer {simulator.api_key}"}
    with httpx.Client(base_url=simulator.base_url, headers=headers, timeout=5) as client:
        yield client


def chat(model: str, *, stream: bool = True, **extra: Any) -> dict[str, Any]:
    """A chat request body with one user message."""
    messages = [{"role": "user", "content": "Hello there, simulator"}]
    return {"model": model, "messages": messages, "stream": stream, **extra}


def post(client: httpx.Client, model: str, **extra: Any) -> httpx.Response:
    """POST a chat request for `model` to the simulator."""
    return client.post("/chat/completions", json=chat(model, **extra))


def sse_data(raw: bytes, line_end: bytes = b"\n") -> list[str]:
    """The data values of a simple event stream: one data line per event, no folding."""
    values = []
    for event in raw.split(line_end * 2):
        for line in event.split(line_end):
            if line.startswith(b"data: "):
                values.append(line[len(b"data: ") :].decode())
    return values


def chunks_of(raw: bytes, line_end: bytes = b"\n") -> list[dict[str, Any]]:
    """The JSON chunks of a stream, without the [DONE] marker."""
    return [json.loads(data) for data in sse_data(raw, line_end) if data != "[DONE]"]


def content_of(chunks: list[dict[str, Any]], field: str = "content") -> str:
    """The text of one delta field, joined across the chunks."""
    pieces = [choice["delta"].get(field) for chunk in chunks for choice in chunk["choices"]]
    return "".join(piece for piece in pieces if piece)


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


@pytest.mark.parametrize(
    ("model", "status", "fragment"),
    [
        ("sim-error-400", 400, "messages"),
        ("sim-error-400-context", 400, "maximum context length is 128000"),
        ("sim-error-401", 401, "Incorrect API key provided: sk-sim-0123456789abcdef."),
        ("sim-error-402", 402, "Insufficient Balance"),
        ("sim-error-403", 403, "not allowed"),
        ("sim-error-404", 404, "does not exist"),
        ("sim-error-413", 413, "maximum context length"),
        ("sim-error-422", 422, "Invalid parameter"),
        ("sim-error-500", 500, "error"),
        ("sim-error-503", 503, "Service is too busy"),
        ("sim-error-529", 529, "Overloaded"),
        ("sim-error-418", 418, "Teapot"),
    ],
)
def test_error_scenarios(client: httpx.Client, model: str, status: int, fragment: str) -> None:
    response = post(client, model)
    assert response.status_code == status
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert fragment.lower() in error["message"].lower()
    if "maximum context length" in fragment:
        assert error["code"] == "context_length_exceeded"


def test_rate_limits_say_when_to_retry(client: httpx.Client) -> None:
    response = post(client, "sim-error-429")
    assert response.status_code == 429
    assert response.headers["retry-after-ms"] == "1500"
    assert response.headers["retry-after"] == "2"
    dated = post(client, "sim-error-429-date")
    assert dated.status_code == 429
    ahead = parsedate_to_datetime(dated.headers["retry-after"]).timestamp() - time.time()
    assert 0 < ahead <= 2


def test_flaky_scenarios_fail_then_answer(client: httpx.Client, simulator: Simulator) -> None:
    def status(model: str) -> int:
        return post(client, model).status_code

    # each model name counts its own requests
    order = ["sim-flaky-429-2", "sim-flaky-503-1", "sim-flaky-429-2", "sim-flaky-503-1"]
    assert [status(model) for model in order] == [429, 503, 429, 200]
    assert status("sim-flaky-429-2") == 200
    simulator.reset()
    failed = post(client, "sim-flaky-429-2")
    assert failed.status_code == 429
    assert failed.headers["retry-after-ms"] == "10"
    assert failed.headers["retry-after"] == "0"


def test_flaky_drop_closes_without_a_response(client: httpx.Client) -> None:
    with pytest.raises(httpx.RemoteProtocolError):
        post(client, "sim-flaky-drop-1")
    response = post(client, "sim-flaky-drop-1")
    assert content_of(chunks_of(response.content)) == NORMAL_ANSWER


def test_unknown_models_and_paths_get_404(client: httpx.Client) -> None:
    response = post(client, "gpt-9")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "model_not_found"
    assert "`gpt-9`" in response.json()["error"]["message"]
    assert client.get("/nowhere").status_code == 404
    assert client.post("/chat/completions", content=b"{not json").status_code == 400


def test_html_pages_instead_of_json(client: httpx.Client) -> None:
    error = post(client, "sim-html-error")
    assert error.status_code == 502
    assert error.headers["content-type"].startswith("text/html")
    assert "<html" in error.text
    website = post(client, "sim-html-200")
    assert website.status_code == 200
    assert website.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    ("model", "finish", "done"),
    [("sim-no-done", "stop", False), ("sim-no-finish", None, False), ("sim-normal", "stop", True)],
)
def test_streams_that_end_early(
    client: httpx.Client, model: str, finish: str | None, done: bool
) -> None:
    raw = post(client, model, stream_options={"include_usage": True}).content
    assert (sse_data(raw)[-1] == "[DONE]") is done
    chunks = chunks_of(raw)
    finishes = [choice["finish_reason"] for chunk in chunks for choice in chunk["choices"]]
    assert finishes[-1] == finish
    assert (chunks[-1]["choices"] == []) is (finish is not None)


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


@pytest.mark.parametrize("model", ["sim-midstream-error", "sim-openrouter-error"])
def test_errors_inside_a_200_stream(client: httpx.Client, model: str) -> None:
    response = post(client, model)
    assert response.status_code == 200
    *answer, last = chunks_of(response.content)
    assert content_of(answer)
    assert "[DONE]" not in sse_data(response.content)
    assert "error" in last
    if model == "sim-openrouter-error":
        assert last["error"]["code"] == 502
        assert last["choices"][0]["finish_reason"] == "error"


def test_llamacpp_error_field(client: httpx.Client) -> None:
    raw = post(client, "sim-llamacpp-error").content
    last_event = raw.rstrip(b"\n").rsplit(b"\n\n", 1)[-1]
    assert last_event.startswith(b"error: {")
    assert json.loads(last_event[len(b"error: ") :])["message"] == "context shift failed"


def test_invalid_json_in_the_middle(client: httpx.Client) -> None:
    data = sse_data(post(client, "sim-invalid-json").content)
    broken = [value for value in data if value.startswith('{"id": "x"')]
    assert len(broken) == 1
    with pytest.raises(json.JSONDecodeError):
        json.loads(broken[0])
    assert data.index(broken[0]) == 3
    assert data[-1] == "[DONE]"


def test_drop_cuts_the_body_short(client: httpx.Client) -> None:
    with pytest.raises(httpx.RemoteProtocolError):
        post(client, "sim-drop")


def test_hang_before_headers_times_out(simulator: Simulator) -> None:
    headers = {"Authorization": f"Bearer {simulator.api_key}"}
    timeout = httpx.Timeout(5, read=0.2)
    with (
        httpx.Client(base_url=simulator.base_url, headers=headers, timeout=timeout) as client,
        pytest.raises(httpx.ReadTimeout),
    ):
        post(client, "sim-hang-headers")
    assert simulator.wait_for_disconnect()


@pytest.mark.parametrize("model", ["sim-slow", "sim-hang-midstream", "sim-keepalive-forever"])
def test_a_client_leaving_mid_answer_is_noticed(
    client: httpx.Client, simulator: Simulator, model: str
) -> None:
    with client.stream("POST", "/chat/completions", json=chat(model)) as response:
        first = next(response.iter_raw())
    assert first.startswith((b"data: ", b": keep-alive"))
    assert simulator.wait_for_disconnect()
    assert simulator.client_disconnects == 1


def test_finished_answers_are_not_disconnects(client: httpx.Client, simulator: Simulator) -> None:
    post(client, "sim-normal")
    client.close()
    assert not simulator.wait_for_disconnect(timeout=0.1)


def test_keep_alive_reuses_the_connection(client: httpx.Client, simulator: Simulator) -> None:
    client.get("/models")
    post(client, "sim-normal")
    client.get("/models", headers={"Connection": "close"})
    client.get("/models")
    first, second, closing, after_close = (r.connection_id for r in simulator.requests)
    assert first == second == closing
    assert after_close != closing


def test_stop_ends_a_hung_request() -> None:
    body = json.dumps(chat("sim-hang-headers")).encode()
    with (
        Simulator(api_key=None) as simulator,
        socket.create_connection(("127.0.0.1", simulator.port), timeout=5) as sock,
    ):
        head = b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n"
        sock.sendall(head % len(body) + body)
        assert simulator.wait_for_requests(1)
        simulator.stop()  # the context manager stops it again: that must be harmless
        try:
            received = sock.recv(1024)
        except ConnectionResetError:
            received = b""
    assert received == b""


# the second is the start of a TLS ClientHello: it must be refused without waiting for more
@pytest.mark.parametrize("garbage", [b"NONSENSE\r\n\r\n", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc"])
def test_a_malformed_request_gets_400_at_once(simulator: Simulator, garbage: bytes) -> None:
    with socket.create_connection(("127.0.0.1", simulator.port), timeout=5) as sock:
        sock.sendall(garbage)
        reply = b""
        while chunk := sock.recv(4096):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 400 Bad Request\r\n")


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
