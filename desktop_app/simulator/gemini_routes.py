"""Routes the simulator's /v1beta paths: Gemini's model list and its generate methods.

The key is read from `x-goog-api-key` only. The real API also takes `?key=`, but Tally must never
put a key in a URL (URLs get logged), so here a key there counts as no key at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, unquote

from desktop_app.simulator import gemini_payloads as payloads
from desktop_app.simulator.gemini_scenarios import (
    LISTED_MODELS,
    GeminiContext,
    Mode,
    find_scenario,
)
from desktop_app.simulator.http_connection import BodyReply, RecordedRequest, Reply, json_bytes

DEFAULT_PAGE_SIZE = 50
_GENERATE = re.compile(r"/v1beta/models/([^/:]+):(streamGenerateContent|generateContent)")
_VALID_ROLES = ("user", "model")
# What Google's front end answers for a path the API does not have: a web page, not JSON.
_NOT_FOUND_PAGE = (
    "<!DOCTYPE html>\n<html lang=en>\n<meta charset=utf-8>\n"
    "<title>Error 404 (Not Found)!!1</title>\n"
    "<p><b>404.</b> <ins>That's an error.</ins>\n"
    "<p>The requested URL <code>{path}</code> was not found on this server. "
    "<ins>That's all we know.</ins>\n"
)


def _json(status: int, body: object) -> BodyReply:
    return BodyReply(status, json_bytes(body), content_type="application/json; charset=UTF-8")


async def route_gemini(
    request: RecordedRequest,
    api_key: str | None,
    token_delay: float,
    count_attempt: Callable[[str], int],
) -> Reply:
    """Answer one request under /v1beta as the Gemini API would."""
    path, _, query = request.path.partition("?")
    params = parse_qs(query)
    generate = _GENERATE.fullmatch(path)
    wanted = "POST" if generate else "GET"
    if (generate is None and path != "/v1beta/models") or request.method != wanted:
        page = _NOT_FOUND_PAGE.format(path=path).encode()
        return BodyReply(404, page, content_type="text/html; charset=UTF-8")
    sent_key = request.headers.get("x-goog-api-key")
    if api_key is not None and sent_key != api_key:
        return _json(*_key_error(sent_key))
    if generate is None:
        return _model_list(params)
    body = request.body
    problem = _body_problem(body)
    if body is None or problem:
        return _json(400, payloads.error_body(400, problem or "Invalid JSON payload received."))
    model = unquote(generate[1])
    scenario = find_scenario(model)
    if scenario is None:
        return _json(404, payloads.unknown_model_error(model))
    mode: Mode = "whole"
    if generate[2] == "streamGenerateContent":
        mode = "sse" if params.get("alt") == ["sse"] else "array"
    context = GeminiContext(body, model, sent_key, count_attempt(model), token_delay, mode)
    return await scenario(context)


def _key_error(sent_key: str | None) -> tuple[int, dict[str, object]]:
    if sent_key is None:
        return 403, payloads.missing_key_error()
    return 400, payloads.wrong_key_error()


def _model_list(params: dict[str, list[str]]) -> BodyReply:
    size_text = params.get("pageSize", [""])[0]
    size = int(size_text) if size_text.isdigit() and int(size_text) > 0 else DEFAULT_PAGE_SIZE
    token = params.get("pageToken", [None])[0]
    entries = [payloads.model_entry(*listed) for listed in LISTED_MODELS]
    return _json(200, payloads.model_page(entries, size, token))


def _body_problem(body: dict[str, object] | None) -> str | None:
    """What the real API says about a request body it refuses, or None if it takes it."""
    if body is None:
        return None
    contents = body.get("contents")
    if not isinstance(contents, list) or not contents:
        return "* GenerateContentRequest.contents: contents is not specified\n"
    for content in contents:
        role = content.get("role") if isinstance(content, dict) else None
        if role not in _VALID_ROLES:
            return "Please use a valid role: user, model."
        parts = content.get("parts") if isinstance(content, dict) else None
        if not isinstance(parts, list) or not parts:
            return "* GenerateContentRequest.contents.parts: contents.parts must not be empty.\n"
    return None
