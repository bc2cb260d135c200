"""Real file systems for tests of a full disk and a read-only folder: a small tmpfs, mounted
for the test and gone after it. Mounting needs root (or CAP_SYS_ADMIN); without it the tests
that need one are skipped, saying why."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_tmpfs(where: Path, size_kib: int) -> Iterator[Path]:
    """A tmpfs of `size_kib` KiB mounted at `where` (created), unmounted afterwards."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def remount_read_only(where: Path) -> None:
    """Make a mounted small_tmpfs() read-only."""
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A data folder on a file system mounted read-only (root ignores permission bits, so a
    chmod would not do)."""
    with small_tmpfs(tmp_path / "read-only", 1024) as folder:
        remount_read_only(folder)
        yield folder


def fill(folder: Path) -> Path:
    """Fill the file system of `folder` to the last byte with one file; returns it (delete it
    and the space is back)."""
    filler = folder / "filler"
    block = b"\0" * 65536
    with filler.open("wb", buffering=0) as file:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    file.write(block[:size])
            except OSError:
                continue
    return filler


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB file system of its own, to fill up."""
    with small_tmpfs(tmp_path / "small-disk", 2048) as folder:
        yield folder
