"""`tally export` and `tally import` from a terminal: files, folders, stdout, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli.main import main
from desktop_app.core import paths
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.transfer.export import export_json
from tests.support.history.export_stores import without_row_ids
from tests.support.history.history_samples import broken, fill, message_at


def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in data["conversations"]}


@pytest.fixture
def history(data_dir: Path) -> dict[str, str]:
    """The app's own history (in the test's data directory), filled."""
    with HistoryStore(paths.history_db()) as store:
        return fill(store)


def test_cli_exports_json_to_stdout(
    history: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["format"] == "tally-export"
    assert set(by_id(data)) == set(history.values())
    assert err == "tally: exported 3 conversations (9 messages)\n"


def test_cli_exports_to_a_file_and_markdown_to_one_file(
    history: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "backup" / "tally.json"
    assert main(["export", "--conversation", history["sorting"], "--output", str(target)]) == 0
    assert capsys.readouterr().err == f"tally: exported 1 conversation (5 messages) to {target}\n"
    assert [c["id"] for c in json.loads(target.read_text("utf-8"))["conversations"]] == [
        history["sorting"]
    ]
    assert not list(target.parent.glob("*.part"))

    document = tmp_path / "all.md"
    assert main(["export", "--output", str(document)]) == 0, "an .md output means Markdown"
    text = document.read_text("utf-8")
    assert text.startswith("# 置顶: notes\n"), "newest first"
    assert text.count("\n---\n") == 2
    assert "# Sorting in Python" in text
    assert "# Cancelled and failed" in text


def test_cli_exports_markdown_one_file_per_conversation(
    history: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "notes"
    assert main(["export", "--format", "markdown", "--output", str(folder)]) == 0
    names = sorted(path.name for path in folder.iterdir())
    assert names == sorted(
        [
            f"sorting-in-python-{history['sorting'][:8]}.md",
            f"cancelled-and-failed-{history['failing'][:8]}.md",
            f"置顶-notes-{history['pinned'][:8]}.md",
        ]
    )
    sorting = (folder / f"sorting-in-python-{history['sorting'][:8]}.md").read_text("utf-8")
    assert sorting.startswith("# Sorting in Python\n")
    err = capsys.readouterr().err
    assert err == f"tally: exported 3 conversations (9 messages) to {folder}{os.sep} as 3 files\n"


def test_cli_exports_one_conversation_as_markdown_to_stdout(
    history: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "markdown", "--conversation", history["failing"]]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("# Cancelled and failed\n")
    assert "Sorting" not in out


def test_cli_imports_and_skips_what_is_there(
    history: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file = tmp_path / "export.json"
    assert main(["export", "--output", str(file)]) == 0
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "elsewhere"))
    capsys.readouterr()
    assert main(["import", str(file)]) == 0
    assert capsys.readouterr().err == "tally: imported 3 conversations (9 messages)\n"
    assert main(["import", str(file)]) == 0
    assert capsys.readouterr().err == (
        "tally: imported 0 conversations (0 messages); skipped 3 already present\n"
    )
    with HistoryStore(paths.history_db()) as store:
        assert len(store.messages(history["sorting"])) == 5


def test_cli_rejects_a_bad_file_with_exit_2(
    history: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "bad.json"
    file.write_text(broken(lambda d: message_at(d, 1, 0).update(role="bot")), encoding="utf-8")
    assert main(["import", str(file)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"tally: error: {file}: conversations[1].messages[0]: 'role' must be user, assistant "
        "or system, not 'bot'\n"
    )


def test_cli_rejects_an_unknown_conversation_and_a_json_folder(
    history: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--conversation", "nope"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "tally: error: No conversation with id 'nope' in the history.\n"
    assert main(["export", "--output", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["export", "import"])
def test_cli_help_says_what_the_commands_do(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "ChatGPT" in out if command == "import" else "--format {json,markdown}" in out


def test_python_m_desktop_app_exports_and_imports(history: dict[str, str], tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop(paths.DATA_DIR_ENV)
    exported = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(paths.data_dir()), "export"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )
    assert exported.returncode == 0, exported.stderr
    assert exported.stderr == "tally: exported 3 conversations (9 messages)\n"
    file = tmp_path / "export.json"
    file.write_text(exported.stdout, encoding="utf-8")
    other = tmp_path / "other"
    imported = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(other), "import", str(file)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    assert imported.stderr == "tally: imported 3 conversations (9 messages)\n"
    with HistoryStore(other / "history.sqlite3") as store:
        assert without_row_ids(export_json(store)["conversations"]) == without_row_ids(
            json.loads(exported.stdout)["conversations"]
        )


def test_export_to_a_reader_that_stops_early_ends_quietly(
    history: dict[str, str], data_dir: Path
) -> None:
    with HistoryStore(paths.history_db()) as store:
        long = store.create_conversation("Long").id
        store.add_message(long, role="assistant", content="word " * 200_000)
    with subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), "export"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.read(10) == b'{\n "format'
        process.stdout.close()  # like `tally export | head -c 10`
        err = process.stderr.read()
        assert process.wait(timeout=60) == 0
    assert err == b""
