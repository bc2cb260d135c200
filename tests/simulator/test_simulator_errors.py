"""The simulator's misbehaviour over real sockets: error statuses and HTML pages, flaky
scenarios, streams that break or end early, hangs, drops and clients that leave."""

from __future__ import annotations

import json
import socket
import time
from email.utils import parsedate_to_datetime

import httpx
import pytest

from desktop_app.simulator import Simulator
from desktop_app.simulator.answer_texts import NORMAL_ANSWER
from tests.support.servers.simulator_client import chat, chunks_of, content_of, post, sse_data
from tests.support.servers.simulator_client import (
    client as client,  # a fixture: pytest finds it by name here
)

# -- Error statuses and pages -----------------------------------------------------------------


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


# the second is the start of a TLS ClientHello: it must be refused without waiting for more
@pytest.mark.parametrize("garbage", [b"NONSENSE\r\n\r\n", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc"])
def test_a_malformed_request_gets_400_at_once(simulator: Simulator, garbage: bytes) -> None:
    with socket.create_connection(("127.0.0.1", simulator.port), timeout=5) as sock:
        sock.sendall(garbage)
        reply = b""
        while chunk := sock.recv(4096):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 400 Bad Request\r\n")


def test_html_pages_instead_of_json(client: httpx.Client) -> None:
    error = post(client, "sim-html-error")
    assert error.status_code == 502
    assert error.headers["content-type"].startswith("text/html")
    assert "<html" in error.text
    website = post(client, "sim-html-200")
    assert website.status_code == 200
    assert website.headers["content-type"].startswith("text/html")


# -- Streams that break or end early ----------------------------------------------------------


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


# -- Hangs and disconnects --------------------------------------------------------------------


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
