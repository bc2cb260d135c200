"""`tally search` lists matching messages under their conversations' full ids, and `tally export
--conversation` takes those ids or the 8 characters an export's file name holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core import paths
from desktop_app.core.history.store import HistoryStore
from tests.support.history.history_samples import fill


@pytest.fixture
def history(data_dir: Path) -> dict[str, str]:
    with HistoryStore(paths.history_db()) as store:
        return fill(store)


def test_search_prints_each_match_under_its_conversations_full_id(
    history: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "排序"]) == 0
    out, err = capsys.readouterr()
    heading, snippet = out.splitlines()
    assert heading.startswith(f"{history['sorting']}  ")
    assert heading.endswith("  Sorting in Python")
    assert snippet.strip() == "用 sorted() 排序"
    assert err == "tally: 1 message found\n"


def test_search_with_nothing_found_or_nothing_asked(
    history: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "no such words anywhere"]) == 1  # as grep: nothing found
    assert capsys.readouterr() == ("", "tally: 0 messages found\n")
    assert main(["search", "  "]) == 2
    assert "give words to search for" in capsys.readouterr().err


def test_search_prints_no_control_characters_an_answer_or_a_title_holds(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A model's answer, or a title from an imported file, with ESC's sequence to clear the
    # terminal and a mark that turns text around: printed, they would act on the terminal.
    with HistoryStore(paths.history_db()) as store:
        conversation = store.create_conversation("Cats\x1b[2J\u202e")
        store.add_message(conversation.id, role="assistant", content="cats \x1b[31mred\x07 here")
    assert main(["search", "cats"]) == 0
    out = capsys.readouterr().out
    assert out.isascii()
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "cats [31mred here" in out


def test_export_takes_the_short_id_of_a_file_name(
    history: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    short = history["sorting"][:8]
    assert main(["export", "--conversation", short]) == 0
    (conversation,) = json.loads(capsys.readouterr().out)["conversations"]
    assert conversation["id"] == history["sorting"]
    assert main(["export", "--conversation", "zz-not-an-id"]) == 2
    assert "No conversation with id 'zz-not-an-id'" in capsys.readouterr().err


def test_a_short_id_two_conversations_share_is_refused(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with HistoryStore(paths.history_db()) as store:
        for suffix in ("a", "b"):
            store.create_conversation(f"Twin {suffix}", id=f"0123abcd-{suffix}")
    assert main(["export", "--conversation", "0123abcd"]) == 2
    assert "More than one conversation has an id starting with '0123abcd'" in (
        capsys.readouterr().err
    )
    assert main(["export", "--conversation", "0123abcd-b"]) == 0
