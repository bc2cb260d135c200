"""The version people see: the release number and the commit the app was built from.

The commit comes from the built app's `build.json` (packaging/tally.spec writes it beside this
module at build time), else from the git checkout this module sits in, read from the files
under `.git` (no git process: `tally --version` and the log line should not wait for one),
else it is "unknown". It is read once, when first asked for, never at import.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from desktop_app import __version__

BUILD_FILE = "build.json"  # {"version": "0.1.0", "commit": "abc1234"}
UNKNOWN = "unknown"
SHORT = 7  # hex digits of a commit shown, as git shows them
_HASH = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")  # SHA-1, or SHA-256 repositories
_PACKAGE = Path(__file__).resolve().parent


def describe() -> str:
    """ "Tally 0.1.0 (abc1234)", as `tally --version` prints it and the log starts with."""
    return f"Tally {__version__} ({commit()})"


@functools.cache
def commit() -> str:
    """The short hash of the commit this app was built from, or "unknown"."""
    return read_commit(_PACKAGE)


def read_commit(package: Path) -> str:
    """The commit of the app whose `desktop_app` folder is `package`: its build file's, else
    its checkout's (the folder above it), else UNKNOWN."""
    import json  # here: the window's start does not need it before its first frame

    try:
        built = json.loads((package / BUILD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        built = None
    if isinstance(built, dict) and isinstance(built.get("commit"), str) and built["commit"]:
        return str(built["commit"])
    found = checkout_commit(package.parent)
    return found[:SHORT] if found else UNKNOWN


def checkout_commit(root: Path) -> str | None:
    """The full hash HEAD names in the git checkout at `root` (a worktree's too), read from
    its files; None if `root` is no checkout or its HEAD cannot be resolved."""
    try:
        git_dir = _git_dir(root)
        if git_dir is None:
            return None
        head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
        if not head.startswith("ref:"):  # a detached HEAD holds the hash itself
            return head if _HASH.fullmatch(head) else None
        return _resolve(git_dir, head.removeprefix("ref:").strip())
    except (OSError, UnicodeDecodeError):
        return None


def _git_dir(root: Path) -> Path | None:
    """`root/.git`, or the folder a `.git` file points to (a worktree, a submodule)."""
    dot_git = root / ".git"
    if dot_git.is_dir():
        return dot_git
    if not dot_git.is_file():
        return None
    text = dot_git.read_text(encoding="utf-8").strip()
    if not text.startswith("gitdir:"):
        return None
    return root / text.removeprefix("gitdir:").strip()  # relative to root, or absolute


def _resolve(git_dir: Path, ref: str) -> str | None:
    """The hash of `ref`: a loose ref (in a worktree's own folder, then the shared one), else
    a line of packed-refs."""
    common = git_dir
    if (git_dir / "commondir").is_file():  # a worktree shares the main checkout's refs
        common = git_dir / (git_dir / "commondir").read_text(encoding="utf-8").strip()
    for folder in dict.fromkeys((git_dir, common)):
        loose = folder / ref
        if loose.is_file():
            value = loose.read_text(encoding="utf-8").strip()
            return value if _HASH.fullmatch(value) else None
    packed = common / "packed-refs"
    if packed.is_file():
        for line in packed.read_text(encoding="utf-8").splitlines():
            value, _, name = line.partition(" ")
            if name == ref and _HASH.fullmatch(value):
                return value
    return None
