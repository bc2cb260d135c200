"""The simulator reads the files in a request as the APIs do: it decodes them for tests to
compare, and answers 400 to a malformed data URL or bad base64, in each dialect's words."""

from __future__ import annotations

import base64

import httpx
import pytest

from desktop_app.simulator import Simulator


def _openai(
    simulator: Simulator, part: dict[str, object], model: str = "sim-normal"
) -> httpx.Response:
    body = {"model": model, "messages": [{"role": "user", "content": [part]}]}
    headers = {"Authorization": f"Bearer {simulator.api_key}"}
    return httpx.post(f"{simulator.base_url}/chat/completions", json=body, headers=headers)


def test_an_image_url_is_decoded_and_kept(simulator: Simulator) -> None:
    data = b"\x89PNG\r\n\x1a\nnot really"
    url = "data:image/png;base64," + base64.b64encode(data).decode()
    response = _openai(simulator, {"type": "image_url", "image_url": {"url": url}})
    assert response.status_code == 200
    (received,) = simulator.received_files
    assert (received.dialect, received.part, received.mime_type, received.data) == (
        "openai",
        "image_url",
        "image/png",
        data,
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/cat.png",  # not a data URL: the simulator fetches nothing
        "data:image/png;base64,@@not base64@@",
        "data:image/png,plain",
        "data:text/plain;base64,aGk=",
    ],
)
def test_a_malformed_image_url_gets_a_400(simulator: Simulator, url: str) -> None:
    response = _openai(simulator, {"type": "image_url", "image_url": {"url": url}})
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "invalid_request_error"
    assert simulator.received_files == []


def test_sim_no_images_refuses_an_image_as_relays_do(simulator: Simulator) -> None:
    url = "data:image/png;base64," + base64.b64encode(b"png").decode()
    response = _openai(simulator, {"type": "image_url", "image_url": {"url": url}}, "sim-no-images")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "image_url is not supported"


def test_bad_base64_in_an_anthropic_image_gets_its_400(simulator: Simulator) -> None:
    source = {"type": "base64", "media_type": "image/png", "data": "!!"}
    body = {
        "model": "sim-normal",
        "max_tokens": 10,
        "messages": [{"role": "user", "content": [{"type": "image", "source": source}]}],
    }
    headers = {"x-api-key": str(simulator.api_key), "anthropic-version": "2023-06-01"}
    root = simulator.base_url.removesuffix("/v1")
    response = httpx.post(f"{root}/v1/messages", json=body, headers=headers)
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "invalid_request_error"


def test_bad_base64_in_gemini_inline_data_gets_its_400(simulator: Simulator) -> None:
    part = {"inline_data": {"mime_type": "image/png", "data": "%%%"}}
    body = {"contents": [{"role": "user", "parts": [part]}]}
    root = simulator.base_url.removesuffix("/v1")
    response = httpx.post(
        f"{root}/v1beta/models/sim-normal:generateContent",
        json=body,
        headers={"x-goog-api-key": str(simulator.api_key)},
    )
    assert response.status_code == 400
    assert response.json()["error"]["status"] == "INVALID_ARGUMENT"
