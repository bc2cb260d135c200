"""Building and shipping the app, the same way from `make package` and from the hosted CI's
release workflow (.github/workflows/ci.yml), on Linux, Windows and macOS.

Run: python packaging/release.py COMMAND
  build              PyInstaller on packaging/tally.spec: dist/Tally/ (and dist/Tally.app)
  archive            this system's archive of the built app in dist/ (platforms.py names it)
  installer          Windows: the NSIS installer of dist/Tally (packaging/windows/tally.nsi)
  checksum [FILE...] FILE.sha256 beside each file, in the form `sha256sum -c` reads (no FILE:
                     each of dist/Tally-<version>-*, the archives and the installer)
  check-tag TAG      fails unless TAG is v<version> and CHANGELOG.md's top release is it
  notes VERSION      that version's entry of CHANGELOG.md (the release's description)
Each command prints the files it made, one a line.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import platforms  # this folder's platforms.py: the script's folder is first on sys.path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
CHANGELOG = ROOT / "CHANGELOG.md"
NSIS_SCRIPT = ROOT / "packaging" / "windows" / "tally.nsi"
# "## [0.1.0] - 2026-12-07", Keep a Changelog's heading of a release.
RELEASE_HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?\s*$")


class ReleaseError(Exception):
    """A release cannot be made as asked; the message says why."""


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from desktop_app import __version__

    return __version__


def build() -> list[Path]:
    """Run PyInstaller on the spec, as `make package` does."""
    pyinstaller = shutil.which("pyinstaller", path=sysconfig.get_path("scripts"))
    if pyinstaller is None:
        raise ReleaseError("PyInstaller is not installed: pip install -e '.[package]'")
    command = [pyinstaller, "--noconfirm", "--log-level", "WARN", "--distpath", "dist"]
    command += ["--workpath", "build", str(Path("packaging") / "tally.spec")]
    subprocess.run(command, cwd=ROOT, check=True)
    return [DIST / platforms.current().program]


def archive(system: platforms.Platform, dist: Path, name: str) -> Path:
    """The shipped folder or bundle of `dist` as `name` in `dist`, in the system's form."""
    shipped = dist / system.shipped
    if not shipped.exists():
        raise ReleaseError(f"no built app at {shipped}: build it first")
    target = dist / name
    target.unlink(missing_ok=True)
    if system.archive == "tar.gz":
        tar_folder(shipped, target)
    elif system.archive == "zip":
        zip_folder(shipped, target)
    else:
        subprocess.run(dmg_command(shipped, target), check=True)
    return target


def tar_folder(folder: Path, target: Path) -> None:
    """A gzipped tar of `folder` (its own name at the top), names sorted, owned by root, links
    kept as links: the same from one build to the next but for the files' times."""

    def as_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        for path in [folder, *sorted(folder.rglob("*"))]:
            tar.add(
                path,
                arcname=path.relative_to(folder.parent).as_posix(),
                recursive=False,
                filter=as_root,
            )


def zip_folder(folder: Path, target: Path) -> None:
    """A zip of `folder` (its own name at the top), names sorted."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            archive.write(path, path.relative_to(folder.parent).as_posix())


def dmg_command(app: Path, target: Path) -> list[str]:
    """macOS's hdiutil making a compressed disk image that holds Tally.app (a zip made here
    would lose the bundle's symbolic links and extended attributes; ditto or hdiutil keep them)."""
    return ["hdiutil", "create", "-volname", platforms.APP, "-srcfolder", str(app), "-ov",
            "-format", "UDZO", str(target)]  # fmt: skip


def installer(dist: Path, name: str) -> Path:
    """The Windows installer of dist/Tally, made by NSIS's makensis (on Windows or, for a
    check, on Linux: Debian's nsis package makes the same installer)."""
    makensis = shutil.which("makensis")
    if makensis is None:
        raise ReleaseError("makensis (NSIS) is not installed")
    folder = dist / platforms.WINDOWS.shipped
    if not folder.is_dir():
        raise ReleaseError(f"no built app at {folder}: build it first")
    target = dist / name
    icon = ROOT / "resources" / "icons" / "tally.ico"
    defines = {"VERSION": version(), "APP_DIR": folder, "ICON": icon, "OUT_FILE": target}
    command = [makensis, "-V2", *(f"-D{key}={value}" for key, value in defines.items())]
    subprocess.run([*command, str(NSIS_SCRIPT)], check=True)
    return target


def checksum(path: Path) -> Path:
    """PATH.sha256 holding "<hex>  <name>\\n", which `sha256sum -c` and `shasum -a 256 -c` read."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    target = path.with_name(path.name + ".sha256")
    target.write_text(f"{digest.hexdigest()}  {path.name}\n", encoding="utf-8", newline="\n")
    return target


def shipped(dist: Path) -> list[Path]:
    """The files of this version that a release ships: the archives and the installer."""
    found = sorted(dist.glob(f"{platforms.APP}-{version()}-*"))
    return [path for path in found if path.is_file() and path.suffix != ".sha256"]


def releases(changelog: str) -> list[tuple[str, str]]:
    """CHANGELOG.md's entries as (version, text under the heading), newest first; the
    Unreleased entry is not a release."""
    found: list[tuple[str, list[str]]] = []
    for line in changelog.splitlines():
        heading = RELEASE_HEADING.match(line)
        if heading:
            found.append((heading["version"], []))
        elif line.startswith("## "):
            found.append(("", []))  # a heading of another kind ends the entry before it
        elif found:
            found[-1][1].append(line)
    return [
        (name, "\n".join(lines).strip()) for name, lines in found if name != "Unreleased" and name
    ]


def check_tag(tag: str, current: str, changelog: str) -> None:
    """A release from `tag` ships version `current`: the tag must name it, and the changelog's
    top release must be it."""
    if tag != f"v{current}":
        raise ReleaseError(
            f"the tag {tag} is not v{current}, the version in desktop_app/__init__.py"
        )
    entries = releases(changelog)
    if not entries or entries[0][0] != current:
        top = entries[0][0] if entries else "none"
        raise ReleaseError(f"CHANGELOG.md's top release is {top}, not {current}")


def notes(wanted: str, changelog: str) -> str:
    for name, text in releases(changelog):
        if name == wanted:
            return text
    raise ReleaseError(f"CHANGELOG.md has no entry for {wanted}")


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    command, args = argv[0], argv[1:]
    system = platforms.current()
    made: list[Path] = []
    try:
        if command == "build":
            made = build()
        elif command == "archive":
            made = [archive(system, DIST, system.artifact(version(), platforms.machine()))]
        elif command == "installer":
            name = f"{platforms.APP}-{version()}-windows-{platforms.machine()}-setup.exe"
            made = [installer(DIST, name)]
        elif command == "checksum":
            made = [checksum(path) for path in ([Path(arg) for arg in args] or shipped(DIST))]
        elif command == "check-tag":
            check_tag(args[0], version(), CHANGELOG.read_text(encoding="utf-8"))
        elif command == "notes":
            print(notes(args[0], CHANGELOG.read_text(encoding="utf-8")))
        else:
            print(f"release.py: no command {command!r}\n{__doc__}", file=sys.stderr)
            return 2
    except ReleaseError as exc:
        print(f"release.py: {exc}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:  # the tool has said why
        print(
            f"release.py: {command} failed: {exc.cmd[0]} exited {exc.returncode}", file=sys.stderr
        )
        return 1
    for path in made:
        print(os.path.relpath(path, Path.cwd()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
