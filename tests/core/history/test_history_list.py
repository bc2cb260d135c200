"""The history's conversation list: its order, and pages that visit every conversation once."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.history.records import ConversationSummary
from desktop_app.core.history.store import HistoryStore
from tests.support.history.history_samples import at


def every_page(store: HistoryStore, size: int, *, archived: bool = False) -> list[list[str]]:
    """The ids of each page, as the sidebar asks for them, up to the first empty page."""
    pages: list[list[ConversationSummary]] = [store.conversations(limit=size, archived=archived)]
    while pages[-1]:
        after = pages[-1][-1]
        pages.append(store.conversations(limit=size, after=after, archived=archived))
    return [[c.id for c in page] for page in pages]


def reread(store: HistoryStore, conversation_id: str) -> ConversationSummary:
    found = store.conversation(conversation_id)
    assert found is not None
    return found


def list_order(conversations: list[ConversationSummary]) -> list[str]:
    """The list's order worked out here: pinned first, newest first, then by id, descending."""
    ordered = sorted(conversations, key=lambda c: (c.pinned, c.updated_at, c.id), reverse=True)
    return [c.id for c in ordered]


def test_the_list_is_pinned_first_then_most_recently_active_first(store: HistoryStore) -> None:
    a = store.create_conversation("a", created_at=at(0))
    b = store.create_conversation("b", created_at=at(1))
    c = store.create_conversation("c", created_at=at(2))
    store.create_conversation("d", created_at=at(3))
    store.add_message(a.id, role="user", content="bump", created_at=at(10))
    store.set_pinned(b.id, True)
    store.set_pinned(c.id, True)
    assert [x.title for x in store.conversations()] == ["c", "b", "a", "d"]
    assert [x.title for x in store.conversations(limit=3)] == ["c", "b", "a"]


def test_keyset_paging_visits_every_conversation_once(store: HistoryStore) -> None:
    made = [store.create_conversation(f"c{i}", created_at=at(i)) for i in range(10)]
    store.set_pinned(made[2].id, True)
    pages = every_page(store, 4)
    titles = [reread(store, i).title for page in pages for i in page]
    assert titles == ["c2", "c9", "c8", "c7", "c6", "c5", "c4", "c3", "c1", "c0"]
    assert [len(page) for page in pages] == [4, 4, 2, 0]


def test_conversations_sharing_one_time_are_each_on_one_page(store: HistoryStore) -> None:
    # An import gives many conversations the same time; paging by time alone lost all but
    # the first page of them.
    made = [store.create_conversation(f"c{i}", created_at=at(0)) for i in range(250)]
    store.create_conversation("older", created_at=at(-1))
    pages = every_page(store, 100)
    ids = [i for page in pages for i in page]
    assert [len(page) for page in pages] == [100, 100, 51, 0]
    assert ids[:-1] == sorted((c.id for c in made), reverse=True)
    assert reread(store, ids[-1]).title == "older"


def test_more_pinned_conversations_than_a_page_are_all_listed_once(store: HistoryStore) -> None:
    made = [store.create_conversation(f"c{i}", created_at=at(i)) for i in range(160)]
    for conversation in made[:130]:
        store.set_pinned(conversation.id, True)
    pages = every_page(store, 100)
    ids = [i for page in pages for i in page]
    pinned = [c.id for c in reversed(made[:130])]
    assert ids == pinned + [c.id for c in reversed(made[130:])]
    assert [len(page) for page in pages] == [100, 60, 0]


def test_the_archive_pages_the_same_way(store: HistoryStore) -> None:
    made = [store.create_conversation(f"c{i}", created_at=at(i % 3)) for i in range(12)]
    for conversation in made[:9]:
        store.set_archived(conversation.id, True)
    store.set_pinned(made[0].id, True)
    archived = [i for page in every_page(store, 4, archived=True) for i in page]
    assert archived == list_order([reread(store, c.id) for c in made[:9]])
    assert store.conversation_count(archived=True) == 9
    assert store.conversation_count() == 3
    store.delete(made[1].id)
    assert store.conversation_count(archived=True) == 8


conversation_specs = st.lists(
    st.tuples(
        st.integers(0, 3),  # few distinct times: many ties at page boundaries
        st.booleans(),  # pinned
        st.booleans(),  # archived
        st.booleans(),  # deleted
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(specs=conversation_specs, size=st.integers(1, 7))
def test_paging_returns_each_listed_conversation_once_in_list_order(
    specs: list[tuple[int, bool, bool, bool]], size: int
) -> None:
    with tempfile.TemporaryDirectory() as folder, HistoryStore(Path(folder) / "h.db") as store:
        expected: dict[bool, set[str]] = {False: set(), True: set()}
        for minutes, pinned, archived, deleted in specs:
            conversation = store.create_conversation("x", created_at=at(minutes))
            store.set_pinned(conversation.id, pinned)
            store.set_archived(conversation.id, archived)
            if deleted:
                store.delete(conversation.id)
            else:
                expected[archived].add(conversation.id)
        for archive in (False, True):
            listed = store.conversations(limit=len(specs) + 1, archived=archive)
            paged = [i for page in every_page(store, size, archived=archive) for i in page]
            assert paged == list_order(listed)
            assert set(paged) == expected[archive]
            assert store.conversation_count(archived=archive) == len(expected[archive])
