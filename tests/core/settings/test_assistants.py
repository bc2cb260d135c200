"""assistants.toml: Default always first, the shipped ones until the user saves, a hand-edited
file read as it is (a bad one named by line), and import and export in TOML or JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desktop_app.core.errors import ConfigError
from desktop_app.core.parameters import Parameters
from desktop_app.core.settings.assistants import (
    DEFAULT,
    Assistant,
    duplicate_assistant,
    export_assistants,
    find_assistant,
    import_assistants,
    load_assistants,
    save_assistants,
    with_assistant,
    without_assistant,
)
from desktop_app.core.text.messages import shown

SHIPPED = [
    "Translator 中英互译",
    "Code reviewer 代码审查",
    "Summariser 总结摘要",
    "Writing polish 润色改写",
]


def test_with_no_file_default_and_the_shipped_ones_are_listed(tmp_path: Path) -> None:
    english = load_assistants(tmp_path, "en")
    assert [a.name for a in english] == ["Default", *SHIPPED]
    assert english[0] == DEFAULT
    assert english[0].parameters() == Parameters()
    chinese = load_assistants(tmp_path, "zh_CN")
    translator = find_assistant(english, "translator 中英互译")
    assert translator is not None
    assert "Chinese and English" in translator.system
    assert "中英互译" in chinese[1].system
    assert "繁體中文" in load_assistants(tmp_path, "zh_TW")[1].system
    assert translator.parameters() == Parameters(
        system=translator.system, temperature=0.3, context_turns=2
    )


def test_once_saved_the_file_is_the_list(tmp_path: Path) -> None:
    listed = load_assistants(tmp_path, "en")
    mine = Assistant("Pirate", "Talk like a pirate.", provider="sim", model="m", top_p=0.5)
    changed = without_assistant(with_assistant(listed, mine), SHIPPED[1])
    assert save_assistants(tmp_path, changed) is None
    again = load_assistants(tmp_path, "zh_CN")
    assert again == [a for a in changed]  # the language no longer matters: the file is read
    assert find_assistant(again, SHIPPED[1]) is None
    if os.name == "posix":
        assert (tmp_path / "assistants.toml").stat().st_mode & 0o077 == 0


def test_a_hand_written_file_with_multi_line_prompts_reads_back(tmp_path: Path) -> None:
    (tmp_path / "assistants.toml").write_text(
        '[[assistant]]\nname = "Poet"\nsystem = """\nWrite verse.\nShort "lines".\n"""\n'
        "temperature = 1\nmax_tokens = 300\ncontext_turns = 3\nthinking_budget = 2048\n",
        encoding="utf-8",
    )
    (poet,) = load_assistants(tmp_path)[1:]
    assert poet == Assistant(
        "Poet",
        'Write verse.\nShort "lines".\n',
        temperature=1.0,
        max_tokens=300,
        context_turns=3,
        thinking_budget=2048,
    )
    save_assistants(tmp_path, [poet])
    assert load_assistants(tmp_path)[1:] == [poet]
    assert 'Short \\"lines\\".' in (tmp_path / "assistants.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('[[assistant]]\nname = "A"\n\n[[assistant]]\nname = "B"\ntemperature = 3\n', "line 6"),
        ('[[assistant]]\nname = "A"\ntop_p = 1.5\n', "top_p must be a number from 0 to 1"),
        ('[[assistant]]\nname = "A"\ncontext_turns = 0\n', "line 3 (assistant 1)"),
        ('[[assistant]]\nname = "A"\ncolour = "red"\n', "unknown setting colour"),
        ('[[assistant]]\nsystem = "x"\n', "an assistant needs a name"),
        (
            '[[assistant]]\nname = "A"\n[[assistant]]\nname = "a"\n',
            "line 4 (assistant 2): the name A is used twice",
        ),
        ('[[assistant]]\nname = "default"\n', "Tally's own"),
        ('[[assistant]]\nname = "A"\nmodel = 4\n', "model must be text"),
        ("[assistant]\nname = 'A'\n", "[[assistant]] table"),
        ('[[assistant]]\nname = "A\n', "line 2"),
    ],
)
def test_a_bad_file_is_named_by_line_never_a_crash(tmp_path: Path, text: str, said: str) -> None:
    (tmp_path / "assistants.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_assistants(tmp_path)
    assert said in str(caught.value)
    assert str(tmp_path / "assistants.toml") in str(caught.value)


def test_a_bad_file_is_kept_aside_before_it_is_written_over(tmp_path: Path) -> None:
    path = tmp_path / "assistants.toml"
    path.write_text("[[assistant]]\nname = 3\n", encoding="utf-8")
    kept = save_assistants(tmp_path, [Assistant("A", "a")])
    assert kept == tmp_path / "assistants.toml.bak"
    assert kept.read_text(encoding="utf-8") == "[[assistant]]\nname = 3\n"
    assert load_assistants(tmp_path)[1:] == [Assistant("A", "a")]


def test_errors_are_translated_where_shown(tmp_path: Path) -> None:
    (tmp_path / "assistants.toml").write_text('[[assistant]]\nname = "A"\ntemperature = 9\n')
    with pytest.raises(ConfigError) as caught:
        load_assistants(tmp_path)
    chinese = shown(caught.value.args[0], "zh_CN")
    assert "第 3 行" in chinese
    assert "temperature 必须是 0 到 2 之间的数" in chinese


def test_values_are_checked_when_an_assistant_is_made() -> None:
    with pytest.raises(ConfigError, match="temperature must be a number from 0 to 2"):
        Assistant("Hot", "", temperature=2.1)
    with pytest.raises(ConfigError, match="needs a name"):
        Assistant("  ")


def test_names_are_unique_whatever_their_case() -> None:
    listed = [DEFAULT, Assistant("Tutor", "Teach.")]
    with pytest.raises(ConfigError, match="used twice"):
        with_assistant(listed, Assistant("TUTOR", "x"))
    with pytest.raises(ConfigError, match="Tally's own"):
        with_assistant(listed, Assistant("Default", "x"))
    renamed = with_assistant(listed, Assistant("Teacher", "Teach well."), replacing="tutor")
    assert [a.name for a in renamed] == ["Default", "Teacher"]
    assert without_assistant(renamed, "default") == renamed  # Default stays


def test_duplicate_gives_a_free_name() -> None:
    listed = [DEFAULT, Assistant("Tutor", "Teach.", temperature=0.5)]
    copy = duplicate_assistant(listed, "tutor")
    assert copy == Assistant("Tutor (copy)", "Teach.", temperature=0.5)
    second = duplicate_assistant([*listed, copy], "Tutor")
    assert second.name == "Tutor (copy 2)"


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_export_and_import_round_trip(tmp_path: Path, suffix: str) -> None:
    mine = [
        DEFAULT,
        Assistant("Tutor", "Teach.\nSlowly.", model="gpt-4.1", temperature=0.5, top_p=0.9),
        Assistant("Terse", "One line.", context_turns=1, max_tokens=50),
    ]
    path = tmp_path / f"mine{suffix}"
    export_assistants(path, mine)
    assert import_assistants(path) == mine[1:]
    if suffix == ".json":
        document = json.loads(path.read_text(encoding="utf-8"))
        assert document["format"] == "tally-assistants"
        assert document["assistants"][1] == {
            "name": "Terse",
            "system": "One line.",
            "max_tokens": 50,
            "context_turns": 1,
        }


def test_a_bad_json_import_names_the_assistant(tmp_path: Path) -> None:
    path = tmp_path / "theirs.json"
    path.write_text(json.dumps([{"name": "A"}, {"name": "B", "top_p": 2}]), encoding="utf-8")
    with pytest.raises(ConfigError, match="assistant 2: top_p must be"):
        import_assistants(path)
    path.write_text('{"assistants": 3}', encoding="utf-8")
    with pytest.raises(ConfigError, match="a list of assistants"):
        import_assistants(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot be read"):
        import_assistants(path)
