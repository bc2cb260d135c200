"""Providers known by id: a history written when answers recorded the provider's name gets ids
once the providers are known, once; a new history records ids and the name beside them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop_app.core.history.provider_ids import STEP, adopt_provider_ids
from desktop_app.core.history.schema import time_to_text
from desktop_app.core.history.store import MIGRATIONS, HistoryStore
from desktop_app.core.settings.provider_names import DEMO_ID, DEMO_NAME
from desktop_app.core.settings.providers_file import Provider
from tests.support.history.history_samples import at
from tests.support.history.on_disk import sql

HOLYSHEEP = Provider(id="holysheep", name="HolySheep relay", kind="openai", base_url="https://h/v1")
# The same name again, later in the file: the first one is the one the app picked by name.
NAMESAKE = Provider(id="second", name="HolySheep relay", kind="openai", base_url="https://s/v1")
GONE = "Gone relay"  # a provider since removed: its name stays as it is


def previous_version_history(path: Path) -> tuple[str, str]:
    """A history as the version before ids wrote it (steps up to 004), names in the provider
    columns; returns the ids of its two conversations."""
    with HistoryStore(path, migrations=MIGRATIONS[:4]) as old:
        kept = old.create_conversation("Asked HolySheep", created_at=at(0)).id
        gone = old.create_conversation("Asked a relay since removed", created_at=at(0)).id
    rows = [
        (kept, "user", None, None),
        (kept, "assistant", DEMO_NAME, "sim-normal"),
        (kept, "assistant", HOLYSHEEP.name, "deepseek-chat"),
        (gone, "user", None, None),
        (gone, "assistant", GONE, "gpt-4.1"),
    ]
    with sqlite3.connect(path) as conn:  # that version's columns only
        conn.executemany(
            "INSERT INTO messages (conversation_id, role, status, content, provider, model,"
            " created_at, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens,"
            " usage_source, cost_usd) VALUES (?, ?, 'complete', 'text', ?, ?, ?, 10, 5, 0, 0,"
            " 'reported', '0.001')",
            [(*row, time_to_text(at(1))) for row in rows],
        )
        conn.executemany(
            "UPDATE conversations SET last_provider = ?, last_model = ? WHERE id = ?",
            [(HOLYSHEEP.name, "deepseek-chat", kept), (GONE, "gpt-4.1", gone)],
        )
    conn.close()
    return kept, gone


def with_a_ledger(store: HistoryStore) -> None:
    """The `ledger` of step 005_ledger, built from the history's names, where this build does
    not make it (it holds what messages.provider held: the name)."""
    with store.writing() as conn:
        exists = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'ledger'").fetchone()
        if exists is None:
            conn.execute("CREATE TABLE ledger (provider TEXT, model TEXT)")
            conn.execute(
                "INSERT INTO ledger SELECT provider, model FROM messages WHERE role = 'assistant'"
            )


def test_an_older_history_turns_names_into_ids_once_the_providers_are_known(
    data_dir: Path,
) -> None:
    path = data_dir / "history.sqlite3"
    kept, gone = previous_version_history(path)
    with HistoryStore(path) as store:
        with_a_ledger(store)
        answer = store.messages(kept)[2]
        # Before the data step: the name it recorded, which is also its name then.
        assert (answer.provider, answer.provider_name) == (HOLYSHEEP.name, HOLYSHEEP.name)

        assert not adopt_provider_ids(store, []), "no providers file: it waits"
        assert adopt_provider_ids(store, [HOLYSHEEP, NAMESAKE])

        answers = [m for c in (kept, gone) for m in store.messages(c) if m.role == "assistant"]
        assert [(m.provider, m.provider_name, m.model) for m in answers] == [
            (DEMO_ID, DEMO_NAME, "sim-normal"),
            ("holysheep", HOLYSHEEP.name, "deepseek-chat"),
            (GONE, GONE, "gpt-4.1"),
        ]
        assert [m.provider for m in store.messages(kept) if m.role == "user"] == [None]
        summaries = [store.conversation(c) for c in (kept, gone)]
        assert [(s.last_provider, s.last_model) for s in summaries if s] == [
            ("holysheep", "deepseek-chat"),
            (GONE, "gpt-4.1"),
        ]
        ledger = {p for (p,) in sql(path, "SELECT DISTINCT provider FROM ledger")}
        # (005_ledger's own ledger leaves the Demo's answers out: they were never money.)
        assert ledger - {DEMO_ID} == {"holysheep", GONE}

        # Once: a provider that takes the removed one's name later does not claim its answers.
        newcomer = Provider(id="newcomer", name=GONE, kind="openai", base_url="https://n/v1")
        assert not adopt_provider_ids(store, [HOLYSHEEP, newcomer])
        assert store.messages(gone)[1].provider == GONE
    assert sql(path, "SELECT name FROM data_steps") == [(STEP,)]


def test_a_new_history_keeps_ids_that_look_like_another_providers_name(
    store: HistoryStore,
) -> None:
    conversation = store.create_conversation("New").id
    store.add_message(
        conversation, role="assistant", provider="openai", provider_name="OpenAI", model="gpt"
    )
    # Only rows from before ids are names, however a provider is called now.
    confusing = Provider(id="other", name="openai", kind="openai", base_url="https://o/v1")
    assert adopt_provider_ids(store, [confusing])
    (answer,) = store.messages(conversation)
    assert (answer.provider, answer.provider_name) == ("openai", "OpenAI")
    summary = store.conversation(conversation)
    assert summary is not None
    assert summary.last_provider == "openai"
