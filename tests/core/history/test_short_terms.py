"""Terms of one CJK character or two characters: found through their own index, the same
messages as a scan of every message finds; kept in step by writes, edits, deletes and
streaming; and filled for a history written before the index, newest first."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from desktop_app.core.history import short_fill, short_terms
from desktop_app.core.history.migrations import MIGRATIONS
from desktop_app.core.history.store import HistoryStore

TEXTS = [
    "我想养一只鹦鹉",
    "鹦鹉会说话吗？",
    "猫和狗",
    "The zq-key on a Dvorak layout",
    "GPT-4o or 4o-mini?",
    "nothing here",
    "養鸚鵡的人",
]
QUERIES = ["鹦鹉", "鹦", "猫", "zq", "ZQ", "4o", "鹉 猫", "鸚鵡", "xy", "狗 zq"]


_BEFORE = MIGRATIONS[: [step.name for step in MIGRATIONS].index("007_short_terms")]
"""The steps of a history written before the index."""


def _titles_hit(store: HistoryStore, query: str) -> list[int]:
    return [hit.message_id for hit in store.search(query, limit=50)]


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    opened = HistoryStore(tmp_path / "history.sqlite3")
    conversation = opened.create_conversation("Pets")
    for text in TEXTS:
        opened.add_message(conversation.id, role="user", content=text)
    return opened


def test_the_terms_of_a_text() -> None:
    assert set(short_terms.short_terms("Zq 鹦鹉, GPT-4o").split()) == {
        "zq", "鹦鹉", "鹦", "鹉", "gp", "pt", "4o",
        "zq_鹦鹉", "鹦鹉_gpt", "gpt_4o",  # the word pairs
    }  # fmt: skip
    long_word = "a" * 40
    pairs = short_terms.short_terms(f"x {long_word} y").split()
    assert f"x_{'a' * short_terms.PAIR_HEAD}" in pairs
    assert f"{'a' * short_terms.PAIR_WORD}_y" in pairs
    assert short_terms.short_terms("") == ""
    assert short_terms.term_of("ZQ") == "zq"
    assert short_terms.term_of("鹦") == "鹦"
    assert short_terms.term_of("a") is None  # one Latin letter: too common to index
    assert short_terms.term_of("c#") is None


@pytest.mark.parametrize("query", QUERIES)
def test_the_index_finds_what_a_scan_finds(store: HistoryStore, tmp_path: Path, query: str) -> None:
    with HistoryStore(tmp_path / "history.sqlite3", fts=False) as scanning:
        expected = _titles_hit(scanning, query)
    assert _titles_hit(store, query) == expected


def test_the_search_goes_through_the_index(store: HistoryStore) -> None:
    with store.reading() as conn:
        plan = " ".join(
            row[3]
            for row in conn.execute(
                "EXPLAIN QUERY PLAN SELECT rowid FROM messages_short WHERE messages_short MATCH ?",
                ("鹦鹉",),
            )
        )
    assert "VIRTUAL TABLE INDEX" in plan
    assert len(_titles_hit(store, "鹦鹉")) == 2


def test_streaming_edits_and_deletes_keep_the_index_in_step(store: HistoryStore) -> None:
    conversation = store.create_conversation("Later")
    answer = store.add_message(conversation.id, role="assistant", content="", status="streaming")
    store.update_message(answer.id, content="斑马")  # still streaming: not yet searchable
    assert _titles_hit(store, "斑马") == []
    store.update_message(answer.id, content="斑马和长颈鹿", status="complete")
    assert _titles_hit(store, "斑马") == [answer.id]
    store.update_message(answer.id, content="只有长颈鹿")
    assert _titles_hit(store, "斑马") == []
    assert _titles_hit(store, "颈鹿") == [answer.id]
    store.delete_messages_from(answer.id)
    assert _titles_hit(store, "颈鹿") == []
    with store.reading() as conn:  # the delete took its terms out, not only the row
        (left,) = conn.execute(
            "SELECT count(*) FROM messages_short WHERE messages_short MATCH '颈鹿'"
        ).fetchone()
    assert left == 0


def test_a_history_from_before_is_filled_newest_first(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    before = _BEFORE
    with HistoryStore(path, migrations=before) as old:
        conversation = old.create_conversation("Old")
        ids = [old.add_message(conversation.id, role="user", content=t).id for t in TEXTS * 3]
    with HistoryStore(path) as store:  # the upgrade: nothing indexed yet, search still right
        with store.reading() as conn:
            assert short_terms.filled_below(conn) == max(ids) + 1
        expected = [i for i in reversed(ids) if "鹦鹉" in TEXTS[ids.index(i) % len(TEXTS)]]
        assert _titles_hit(store, "鹦鹉") == expected
        conn = sqlite3.connect(path)
        short_terms.register(conn)
        assert not short_fill.fill_step(conn, batch=5)  # the newest five
        conn.close()
        assert _titles_hit(store, "鹦鹉") == expected  # half from the index, half scanned
        assert short_fill.fill(path, threading.Event(), batch=4)
        with store.reading() as conn:
            assert short_terms.filled_below(conn) == 1
        assert _titles_hit(store, "鹦鹉") == expected
        added = store.add_message(conversation.id, role="user", content="又一只鹦鹉")
        assert _titles_hit(store, "鹦鹉") == [added.id, *expected]


def test_a_stopped_fill_goes_on_where_it_stopped(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    before = _BEFORE
    with HistoryStore(path, migrations=before) as old:
        conversation = old.create_conversation("Old")
        for text in TEXTS:
            old.add_message(conversation.id, role="user", content=text)
    HistoryStore(path).close()
    stop = threading.Event()
    stop.set()
    assert not short_fill.fill(path, stop)
    assert short_fill.fill(path, threading.Event(), batch=3)
    with HistoryStore(path) as store:
        assert len(_titles_hit(store, "鹦鹉")) == 2
        with store.reading() as conn:
            assert short_terms.filled_below(conn) == 1


def test_the_fill_merges_in_steps_and_gives_fts5_its_merging_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.sqlite3"
    before = _BEFORE
    with HistoryStore(path, migrations=before) as old:
        conversation = old.create_conversation("Old")
        for text in TEXTS * 4:
            old.add_message(conversation.id, role="user", content=text)

    def automerge() -> object:
        conn = sqlite3.connect(path)
        row = conn.execute("SELECT v FROM messages_short_config WHERE k = 'automerge'").fetchone()
        conn.close()
        return None if row is None else row[0]

    HistoryStore(path).close()
    assert automerge() is None  # FTS5's default
    stop = threading.Event()
    stepped = 0
    original = short_fill.fill_step

    def one_batch_then_stop(conn: sqlite3.Connection, batch: int = short_fill.BATCH) -> bool:
        nonlocal stepped
        stepped += 1
        stop.set()
        return original(conn, 5)

    monkeypatch.setattr(short_fill, "fill_step", one_batch_then_stop)
    assert not short_fill.fill(path, stop)
    monkeypatch.undo()
    assert stepped == 1
    assert automerge() == 0  # off while a fill is under way
    assert short_fill.fill(path, threading.Event(), batch=5)
    assert automerge() == short_fill.AUTOMERGE


@pytest.mark.parametrize(
    ("phrase", "whole", "prefix"),
    [
        ("at the end of the", ["the_end", "end_of", "of_the"], None),  # "at" may end "that"
        ("(at the end", ["at_the", "the_end"], None),
        ("The End of", [], "end_of"),  # "of" may start "often"
        ("the answer is", [], "answer_is"),
        ("the end", [], None),  # both words may be parts of longer ones
        ("价格 system", [], None),
        ("one two three fourteen", ["two_thr", "three_fou"], None),
    ],
)
def test_the_word_pairs_of_a_phrase(phrase: str, whole: list[str], prefix: str | None) -> None:
    assert short_terms.pairs_of(phrase) == (whole, prefix)


PHRASE_TEXTS = [
    "We met at the end of the day.",
    "Look at the end of them all",  # "the" starts "them"
    "That the end of the story?",  # "at" ends "That"
    "AT THE END OF THE ROAD",
    "at the end. Of the rest",  # every pair, but not the phrase
    "the end of the line, at last",
    "at the  end of the week",  # two spaces: not the phrase either
    "Übung at the end of the day",
]
PHRASES = [
    '"at the end of the"',
    '"the end of"',
    '"end of the line"',
    '"END OF" day',
    '"of the r"',
    '"the day"',
    '"ÜBUNG AT THE"',
]


@pytest.fixture
def phrases(tmp_path: Path) -> HistoryStore:
    opened = HistoryStore(tmp_path / "history.sqlite3")
    conversation = opened.create_conversation("Phrases")
    for text in PHRASE_TEXTS * 2:
        opened.add_message(conversation.id, role="user", content=text)
    return opened


@pytest.mark.parametrize("query", PHRASES)
def test_phrases_through_word_pairs_find_what_a_scan_finds(
    phrases: HistoryStore, tmp_path: Path, query: str
) -> None:
    with HistoryStore(tmp_path / "history.sqlite3", fts=False) as scanning:
        expected = _titles_hit(scanning, query)
    assert expected  # each phrase is in some of the texts
    assert _titles_hit(phrases, query) == expected


def test_phrases_through_word_pairs_fold_case_in_any_script(phrases: HistoryStore) -> None:
    upper = [hit.message_id for hit in phrases.search('"ÜBUNG AT THE"', limit=50)]
    lower = [hit.message_id for hit in phrases.search('"übung at the"', limit=50)]
    assert len(upper) == 2  # LIKE would find "Übung" only as typed: it folds ASCII alone
    assert lower == upper


def test_a_phrase_of_common_words_goes_through_the_word_pairs(phrases: HistoryStore) -> None:
    statements: list[str] = []
    with phrases.reading() as conn:
        conn.set_trace_callback(statements.append)
    try:
        hits = phrases.search('"at the end of the"', limit=50)
    finally:
        with phrases.reading() as conn:
            conn.set_trace_callback(None)
    assert [h.snippet for h in hits[:1]] == ["Übung [[at the end of the]] day"]
    assert len(hits) == 10  # all but texts 5 to 7 ("them", "That" hold it), twice over
    searched = [s for s in statements if "MATCH" in s]
    assert len(searched) == 1
    assert "FROM messages_short" in searched[0]


def test_phrases_are_found_while_the_pairs_are_filled(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore(path, migrations=_BEFORE) as old:
        conversation = old.create_conversation("Old")
        ids = [
            old.add_message(conversation.id, role="user", content=text).id
            for text in PHRASE_TEXTS * 3
        ]
    with HistoryStore(path, fts=False) as scanning:
        expected = {q: _titles_hit(scanning, q) for q in PHRASES}
    with HistoryStore(path) as store:
        conn = sqlite3.connect(path)
        short_terms.register(conn)
        assert not short_fill.fill_step(conn, batch=len(PHRASE_TEXTS) + 3)
        conn.close()
        with store.reading() as reading:
            below = short_terms.filled_below(reading)
        assert below is not None
        assert min(ids) < below <= max(ids)
        for query, hits in expected.items():  # part from the pairs, the rest the old way
            assert _titles_hit(store, query) == hits
        assert short_fill.fill(path, threading.Event())
        for query, hits in expected.items():
            assert _titles_hit(store, query) == hits


def test_the_word_pairs_step_starts_the_index_again(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    names = [step.name for step in MIGRATIONS]
    with HistoryStore(path, migrations=MIGRATIONS[: names.index("008_word_pairs")]) as old:
        conversation = old.create_conversation("Old")
        ids = [old.add_message(conversation.id, role="user", content=t).id for t in PHRASE_TEXTS]
        with old.reading() as conn:
            assert short_terms.filled_below(conn) == 1  # written with the index: all in it
    with HistoryStore(path) as store:
        with store.reading() as conn:
            assert short_terms.filled_below(conn) == max(ids) + 1  # to be filled again
        assert short_fill.fill(path, threading.Event())
        with store.reading() as conn:
            (paired,) = conn.execute(
                "SELECT count(*) FROM messages_short WHERE messages_short MATCH '\"the_day\"'"
            ).fetchone()
        assert paired == 2  # "the day" in texts 1 and 8
