"""Sample histories and export files for the export and import tests: a filled store, a
ChatGPT conversations.json, and a valid Tally export to break in one place."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from desktop_app.core.history.records import StoredUsage
from desktop_app.core.history.store import HistoryStore

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
CODE_ANSWER = (
    "Use `sorted()`:\n\n```python\nwords = ['pear', 'fig']\nprint(sorted(words))\n```\n\n"
    "It returns a new list."
)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def fill(store: HistoryStore) -> dict[str, str]:
    """Three conversations covering every status, a system prompt, reasoning, unknown prices,
    an archived and a pinned one; returns their ids by a short name."""
    sorting = store.create_conversation("Sorting in Python", created_at=at(0)).id
    store.add_message(sorting, role="system", content="You are terse.", created_at=at(0))
    store.add_message(sorting, role="user", content="How do I sort a list?", created_at=at(1))
    store.add_message(
        sorting,
        role="assistant",
        content=CODE_ANSWER,
        reasoning="The user wants sorted().\n\n```\nnot code, just thinking\n```",
        provider="holysheep",
        model="deepseek-chat",
        usage=StoredUsage(120, 80, cached_input_tokens=20, reasoning_tokens=30),
        cost_usd=Decimal("0.0000567"),
        first_token_seconds=0.42,
        duration_seconds=1.5,
        created_at=at(2),
    )
    store.add_message(sorting, role="user", content="中文怎么说？", created_at=at(3))
    store.add_message(
        sorting,
        role="assistant",
        content="用 sorted() 排序",
        provider="relay",
        model="mystery-model",
        status="partial",
        usage=StoredUsage(10, 5, source="estimated"),
        cost_usd=None,
        created_at=at(4),
    )
    failing = store.create_conversation("Cancelled and failed", created_at=at(10)).id
    store.add_message(failing, role="user", content="Tell me a long story", created_at=at(10))
    store.add_message(
        failing,
        role="assistant",
        content="Once upon a time",
        provider="holysheep",
        model="gpt-4.1",
        status="cancelled",
        created_at=at(11),
    )
    store.add_message(
        failing,
        role="assistant",
        provider="holysheep",
        model="gpt-4.1",
        status="error",
        error="Authentication failed: check the key for holysheep.",
        created_at=at(12),
    )
    store.set_archived(failing, True)
    pinned = store.create_conversation("置顶: notes", created_at=at(20)).id
    store.add_message(pinned, role="user", content="Remember the milk.", created_at=at(20))
    store.set_pinned(pinned, True)
    return {"sorting": sorting, "failing": failing, "pinned": pinned}


CHATGPT_ID = "67a1b2c3-0d4e-8005-a1b2-c3d4e5f60718"
EPOCH = 1_740_819_600.25  # 2025-03-01 09:00:00.25 UTC


def chatgpt_message(
    node_id: str,
    role: str,
    parts: list[Any] | None,
    *,
    minutes: float,
    content_type: str = "text",
    model: str | None = None,
    recipient: str = "all",
    hidden: bool = False,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    metadata: dict[str, Any] = {}
    if model:
        metadata["model_slug"] = model
        metadata["default_model_slug"] = model
    if hidden:
        metadata["is_visually_hidden_from_conversation"] = True
    content: dict[str, Any] = {"content_type": content_type, **(extra or {})}
    if parts is not None:
        content["parts"] = parts
    return {
        "id": node_id,
        "author": {"role": role, "name": None, "metadata": {}},
        "create_time": EPOCH + minutes * 60,
        "update_time": None,
        "content": content,
        "status": "finished_successfully",
        "end_turn": role == "assistant" or None,
        "weight": 1.0,
        "metadata": metadata,
        "recipient": recipient,
        "channel": None,
    }


def chatgpt_tree(nodes: list[tuple[str, str | None, dict[str, Any] | None]]) -> dict[str, Any]:
    """A mapping from (id, parent, message) triples, with the children filled in."""
    mapping: dict[str, Any] = {
        node_id: {"id": node_id, "message": message, "parent": parent, "children": []}
        for node_id, parent, message in nodes
    }
    for node_id, parent, _ in nodes:
        if parent is not None:
            mapping[parent]["children"].append(node_id)
    return mapping


def chatgpt_export() -> list[dict[str, Any]]:
    """Two conversations as ChatGPT exports them: one with an image, a regenerated answer, an
    edited question, a reasoning model's thoughts and a tool call; one without a title."""
    image = {
        "content_type": "image_asset_pointer",
        "asset_pointer": "file-service://file-Ab12Cd34",
        "size_bytes": 183_204,
        "width": 1024,
        "height": 768,
        "fovea": None,
        "metadata": {"dalle": None, "sanitized": True},
    }
    nodes: list[tuple[str, str | None, dict[str, Any] | None]] = [
        ("root", None, None),
        ("sys", "root", chatgpt_message("sys", "system", [""], minutes=0, hidden=True)),
        (
            "ctx",
            "sys",
            chatgpt_message(
                "ctx",
                "user",
                None,
                minutes=0,
                content_type="user_editable_context",
                hidden=True,
                extra={"user_profile": "I live in Shanghai.", "user_instructions": "Be brief."},
            ),
        ),
        (
            "u1",
            "ctx",
            chatgpt_message(
                "u1", "user", [image, "这张图里是什么？"], minutes=1, content_type="multimodal_text"
            ),
        ),
        (
            "a1-old",
            "u1",
            chatgpt_message("a1-old", "assistant", ["A dog, I think."], minutes=2, model="gpt-4o"),
        ),
        (
            "a1",
            "u1",
            chatgpt_message("a1", "assistant", ["图里是一只猫。"], minutes=3, model="gpt-4o"),
        ),
        ("u2-old", "a1", chatgpt_message("u2-old", "user", ["Count wrds"], minutes=4)),
        (
            "a2-old",
            "u2-old",
            chatgpt_message("a2-old", "assistant", ["Did you mean words?"], minutes=4.5),
        ),
        ("u2", "a1", chatgpt_message("u2", "user", ["Write Python to count words."], minutes=5)),
        (
            "think",
            "u2",
            chatgpt_message(
                "think",
                "assistant",
                None,
                minutes=5.5,
                content_type="thoughts",
                model="o3",
                extra={
                    "thoughts": [
                        {
                            "summary": "Counting",
                            "content": "Use collections.Counter.",
                            "finished": True,
                        }
                    ],
                    "source_analysis_msg_id": "x",
                },
            ),
        ),
        (
            "recap",
            "think",
            chatgpt_message(
                "recap",
                "assistant",
                None,
                minutes=5.6,
                content_type="reasoning_recap",
                model="o3",
                extra={"content": "Thought for 4 seconds"},
            ),
        ),
        (
            "call",
            "recap",
            chatgpt_message(
                "call",
                "assistant",
                None,
                minutes=5.7,
                content_type="code",
                model="o3",
                recipient="python",
                extra={"language": "unknown", "text": "print(1)"},
            ),
        ),
        (
            "out",
            "call",
            chatgpt_message(
                "out",
                "tool",
                None,
                minutes=5.8,
                content_type="execution_output",
                extra={"text": "1"},
            ),
        ),
        (
            "a2",
            "out",
            chatgpt_message(
                "a2",
                "assistant",
                ["```python\nfrom collections import Counter\nCounter(text.split())\n```"],
                minutes=6,
                model="o3",
            ),
        ),
        ("empty", "a2", chatgpt_message("empty", "assistant", [""], minutes=7, model="o3")),
    ]
    untimed = chatgpt_message("q", "user", ["Hello there\nsecond line"], minutes=60)
    untimed["create_time"] = None
    untitled_nodes: list[tuple[str, str | None, dict[str, Any] | None]] = [
        ("r", None, None),
        ("q", "r", untimed),
        ("a", "q", chatgpt_message("a", "assistant", ["General Kenobi!"], minutes=61)),
    ]
    return [
        {
            "title": "猫的图片",
            "create_time": EPOCH,
            "update_time": EPOCH + 420,
            "mapping": chatgpt_tree(nodes),
            "moderation_results": [],
            "current_node": "empty",
            "plugin_ids": None,
            "conversation_id": CHATGPT_ID,
            "conversation_template_id": None,
            "gizmo_id": None,
            "is_archived": False,
            "safe_urls": [],
            "default_model_slug": "gpt-4o",
            "id": CHATGPT_ID,
        },
        {
            "title": None,
            "create_time": None,
            "update_time": None,
            "mapping": chatgpt_tree(untitled_nodes),
            "current_node": "a",
            "id": "second-conversation",
            "is_archived": True,
        },
    ]


def valid_export() -> dict[str, Any]:
    return {
        "format": "tally-export",
        "version": 1,
        "conversations": [
            {
                "id": f"c{n}",
                "title": f"Conversation {n}",
                "created_at": "2025-03-01T09:00:00+00:00",
                "messages": [
                    {
                        "role": role,
                        "content": f"message {i}",
                        "reasoning": "",
                        "provider": None,
                        "model": None,
                        "status": "complete",
                        "error": None,
                        "usage": {
                            "input_tokens": 3,
                            "output_tokens": 4,
                            "cached_input_tokens": 0,
                            "reasoning_tokens": 0,
                            "source": "reported",
                        },
                        "cost_usd": 0.001,
                        "created_at": "2025-03-01T09:00:00+00:00",
                    }
                    for i, role in enumerate(["user", "assistant", "user"])
                ],
            }
            for n in range(3)
        ],
    }


def broken(change: Callable[[dict[str, Any]], object]) -> str:
    data = copy.deepcopy(valid_export())
    change(data)
    return json.dumps(data)


def broken_chatgpt(change: Callable[[list[dict[str, Any]]], object]) -> str:
    data = chatgpt_export()
    change(data)
    return json.dumps(data)


def message_at(data: dict[str, Any], conversation: int, index: int) -> dict[str, Any]:
    found: dict[str, Any] = data["conversations"][conversation]["messages"][index]
    return found
