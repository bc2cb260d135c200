"""Searching the history: any typed text is safe, and FTS5 and the LIKE fallback agree."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core import paths
from desktop_app.core.history.search import MAX_QUERY_LENGTH, like_snippet, query_terms
from desktop_app.core.history.store import HistoryStore

CORPUS = [
    "How do I sort a list in Python?",
    "Use sorted(items) or items.sort(); sorted returns a new list.",
    "What does the price list say about the deluxe plan?",
    "The deluxe plan costs $20 a month; 100% of features, no_limits.",
    "请把价格表发给我",
    "价格表如下：基础版每月十元。",
    "价格很贵吗？",
    "Party time 🎉🎉🎉 with the team",
    'He said "quoted words" and left',
    "Sorting algorithms: quicksort, mergesort, heapsort",
]


@pytest.fixture(params=[True, False], ids=["fts5", "like"])
def corpus(request: pytest.FixtureRequest) -> Iterator[tuple[HistoryStore, list[int]]]:
    with HistoryStore(paths.history_db(), fts=request.param) as opened:
        conversation = opened.create_conversation("Corpus")
        ids = [opened.add_message(conversation.id, role="user", content=text).id for text in CORPUS]
        yield opened, ids


HOSTILE = [
    '"',
    '"unbalanced',
    'unbalanced"',
    '""',
    '"" ""',
    "AND",
    "OR NOT",
    "a OR b NOT c",
    "a*",
    "*",
    "^",
    "^start",
    "-x",
    "col:val",
    "content:price",
    "NEAR(a b)",
    "NEAR(price list, 2)",
    "()",
    "(price",
    "price)",
    "{content}: x",
    "+",
    "%",
    "_",
    "\\",
    "'; DROP TABLE messages; --",
    "价格",
    "价格表",
    "价",
    "🎉",
    "🎉🎉🎉",
    "👩‍👩‍👧",
    "\x00",
    "a\x00b",
    "\ud800 lone surrogate",
    "",
    "   ",
    "\t\n",
    "x" * 10_000,
    "word " * 2_000,
    "价格表" * 3_000,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_any_text_can_be_searched(corpus: tuple[HistoryStore, list[int]], query: str) -> None:
    store, _ids = corpus
    hits = store.search(query)
    assert isinstance(hits, list)
    for hit in hits:
        assert hit.conversation_title == "Corpus"


def test_blank_queries_find_nothing(corpus: tuple[HistoryStore, list[int]]) -> None:
    store, _ids = corpus
    assert store.search("") == store.search("  \n ") == store.search('""') == []


def found(store: HistoryStore, query: str) -> list[int]:
    return [hit.message_id for hit in store.search(query)]


def test_search_finds_words_phrases_and_chinese_substrings_newest_first(
    corpus: tuple[HistoryStore, list[int]],
) -> None:
    store, ids = corpus
    assert found(store, "deluxe") == [ids[3], ids[2]]
    assert found(store, "DELUXE plan") == [ids[3], ids[2]]
    assert found(store, '"price list"') == [ids[2]]
    assert found(store, "list price") == [ids[2]]  # words in any order
    assert found(store, '"list price"') == []
    assert found(store, "sort") == [ids[9], ids[1], ids[0]]  # substrings, as LIKE would
    assert found(store, "价格表") == [ids[5], ids[4]]
    assert found(store, "价格") == [ids[6], ids[5], ids[4]]  # 2 characters: LIKE
    assert found(store, "价格 基础版") == [ids[5]]  # one short and one indexed term
    assert found(store, "🎉🎉") == [ids[7]]
    assert found(store, '"quoted words"') == [ids[8]]
    assert found(store, "100%") == [ids[3]]
    assert found(store, "no_limits") == [ids[3]]
    assert found(store, "%") == [ids[3]]  # LIKE wildcards are plain characters
    assert found(store, "_") == [ids[3]]
    assert found(store, "OR") == [ids[9], ids[8], ids[1], ids[0]]  # a word, not an operator
    assert found(store, "NOT sorted") == []


def test_search_results_carry_snippets_and_respect_the_limit(
    corpus: tuple[HistoryStore, list[int]],
) -> None:
    store, ids = corpus
    (hit,) = store.search("deluxe plan costs")
    assert "[[" in hit.snippet
    assert "]]" in hit.snippet
    assert "[[costs]]" in hit.snippet
    assert hit.created_at.tzinfo is not None
    assert [h.message_id for h in store.search("e", limit=2)] == [ids[9], ids[8]]
    assert store.search("e", limit=0) == []


def test_like_search_finds_what_fts5_finds(data_dir: Path) -> None:
    path = data_dir / "history.sqlite3"
    with HistoryStore(path) as store:
        conversation = store.create_conversation("Corpus")
        for text in CORPUS * 3:
            store.add_message(conversation.id, role="assistant", content=text)
        queries = ["sort", "price list", '"price list"', "价格表", "价格", "🎉", "plan $20", "é"]
        with_fts = {q: found(store, q) for q in queries}
    with HistoryStore(path, fts=False) as fallback:
        assert not fallback.uses_fts
        assert {q: found(fallback, q) for q in queries} == with_fts


def test_query_terms_are_cut_to_length_and_kept_once() -> None:
    assert query_terms("x" * 10_000) == ["x" * MAX_QUERY_LENGTH]
    assert query_terms('say "hello  world" "open') == ["say", "hello world", "open"]
    assert query_terms('a"b') == ["a", "b"]
    assert query_terms("the the there The") == ["there", "The"]


def test_the_python_snippet_marks_matches_around_the_first_one() -> None:
    text = "alpha " * 20 + "The Price of tea, the price of coffee. " + "omega " * 20
    snippet = like_snippet(text, ["price"])
    assert snippet.startswith("…")
    assert snippet.endswith("…")
    assert "[[Price]] of tea, the [[price]]" in snippet
    assert like_snippet("short text", ["text"]) == "short [[text]]"
    assert like_snippet("aaaa", ["aa"]) == "[[aaaa]]"


def test_archived_conversations_are_searched_deleted_ones_are_not(
    corpus: tuple[HistoryStore, list[int]],
) -> None:
    store, ids = corpus
    (conversation,) = store.conversations()
    store.set_archived(conversation.id, True)
    assert found(store, "deluxe") == [ids[3], ids[2]]
    store.delete(conversation.id)
    assert found(store, "deluxe") == found(store, "价格") == []
