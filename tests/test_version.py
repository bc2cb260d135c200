"""The version people see (desktop_app/version.py): the commit read from a built app's
build.json, or from a git checkout's files (a worktree's, packed refs, a detached HEAD), or
"unknown"."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop_app import __version__, version

ROOT = Path(__file__).resolve().parents[1]
HASH = "0123456789abcdef0123456789abcdef01234567"
OTHER = "fedcba9876543210fedcba9876543210fedcba98"


def app_in(root: Path) -> Path:
    """root/desktop_app, as a checkout or an unpacked app lays it out."""
    package = root / "desktop_app"
    package.mkdir(parents=True)
    return package


def git_dir(root: Path, head: str) -> Path:
    git = root / ".git"
    (git / "refs" / "heads").mkdir(parents=True)
    (git / "HEAD").write_text(head + "\n", encoding="utf-8")
    return git


def test_a_loose_branch_ref(tmp_path: Path) -> None:
    package = app_in(tmp_path)
    git = git_dir(tmp_path, "ref: refs/heads/main")
    (git / "refs" / "heads" / "main").write_text(HASH + "\n", encoding="utf-8")
    assert version.read_commit(package) == "0123456"
    assert version.checkout_commit(tmp_path) == HASH


def test_a_packed_ref_and_a_detached_head(tmp_path: Path) -> None:
    package = app_in(tmp_path)
    git = git_dir(tmp_path, "ref: refs/heads/release/1")
    (git / "packed-refs").write_text(
        f"# pack-refs with: peeled fully-peeled sorted\n{OTHER} refs/heads/main\n"
        f"{HASH} refs/heads/release/1\n^{OTHER}\n",
        encoding="utf-8",
    )
    assert version.read_commit(package) == "0123456"
    (git / "HEAD").write_text(OTHER + "\n", encoding="utf-8")
    assert version.read_commit(package) == "fedcba9"


def test_a_worktree_reads_its_own_head_and_the_shared_refs(tmp_path: Path) -> None:
    main = tmp_path / "main"
    shared = git_dir(main, "ref: refs/heads/main")
    (shared / "refs" / "heads" / "feature").write_text(HASH + "\n", encoding="utf-8")
    own = shared / "worktrees" / "wt"
    own.mkdir(parents=True)
    (own / "HEAD").write_text("ref: refs/heads/feature\n", encoding="utf-8")
    (own / "commondir").write_text("../..\n", encoding="utf-8")
    worktree = tmp_path / "wt"
    package = app_in(worktree)
    (worktree / ".git").write_text(f"gitdir: {own}\n", encoding="utf-8")
    assert version.read_commit(package) == "0123456"


@pytest.mark.parametrize(
    "damage",
    [
        "no .git",
        "a branch with no commit yet",
        "HEAD is not a hash",
        ".git is a file that points nowhere",
    ],
)
def test_unknown_when_the_checkout_cannot_say(tmp_path: Path, damage: str) -> None:
    package = app_in(tmp_path)
    if damage == "a branch with no commit yet":
        git_dir(tmp_path, "ref: refs/heads/main")
    elif damage == "HEAD is not a hash":
        git_dir(tmp_path, "not a hash at all")
    elif damage == ".git is a file that points nowhere":
        (tmp_path / ".git").write_text("gitdir: missing\n", encoding="utf-8")
    assert version.read_commit(package) == version.UNKNOWN


def test_a_built_apps_file_comes_first(tmp_path: Path) -> None:
    package = app_in(tmp_path)
    git = git_dir(tmp_path, "ref: refs/heads/main")
    (git / "refs" / "heads" / "main").write_text(HASH + "\n", encoding="utf-8")
    built = package / version.BUILD_FILE
    built.write_text(json.dumps({"version": __version__, "commit": "abc1234"}), encoding="utf-8")
    assert version.read_commit(package) == "abc1234"
    built.write_text("{damaged", encoding="utf-8")  # a damaged file: the checkout answers
    assert version.read_commit(package) == "0123456"


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not run from a git checkout")
@pytest.mark.skipif(shutil.which("git") is None, reason="no git to compare with")
def test_this_checkout_is_read_as_git_reads_it() -> None:
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert version.checkout_commit(ROOT) == head
    assert version.describe() == f"Tally {__version__} ({head[: version.SHORT]})"
