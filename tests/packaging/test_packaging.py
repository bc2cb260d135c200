"""The packaging files, read without building (`make package-test` builds and runs the app):
the spec's data, excludes and bundle, the icons and their .ico/.icns containers, and the Linux
applications-menu entry that Tally/install-desktop writes."""

from __future__ import annotations

import ast
import os
import re
import runpy
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import desktop_app

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
SPEC = (PACKAGING / "tally.spec").read_text(encoding="utf-8")
SIZES = (16, 32, 48, 64, 128, 256, 512)
# Apple's ICNS types that hold PNG data, and the pixels each holds.
ICNS_TYPES = {
    b"icp4": 16, b"icp5": 32, b"icp6": 64, b"ic07": 128, b"ic08": 256, b"ic09": 512,
    b"ic11": 32, b"ic12": 64, b"ic13": 256, b"ic14": 512,
}  # fmt: skip


def literal(source: str, name: str) -> object:
    """The value of the top-level `name = <literal>` in a Python source."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"no {name} = ... found")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def png(size: int) -> bytes:
    return (ICONS / f"tally-{size}.png").read_bytes()


def test_the_version_is_pyprojects() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert desktop_app.__version__ == project["version"]
    # PyInstaller is for building only: never installed with the app.
    assert any(
        name.startswith("pyinstaller") for name in project["optional-dependencies"]["package"]
    )
    assert not any("pyinstaller" in name.lower() for name in project["dependencies"])


def test_the_spec_builds_one_folder_with_the_data_the_app_reads() -> None:
    # One folder: the executable leaves its libraries to COLLECT (a one-file app would not).
    assert "exclude_binaries=True" in SPEC
    assert "COLLECT(" in SPEC
    assert literal(SPEC, "ICON_SIZES") == SIZES
    for name in ("genai-prices.json", "LICENSE-genai-prices"):
        assert f'"{name}"' in SPEC
        assert (ROOT / "resources" / "prices" / name).is_file()
    assert 'os.path.join("resources", "prices")' in SPEC  # resources_dir() / "prices"
    assert 'copy_metadata("keyring")' in SPEC  # keyring finds its backends by entry points
    assert "SYSTEM.icon" in SPEC  # tally.ico, tally.icns: test_platforms.py


def test_the_spec_excludes_no_qt_module_the_app_imports() -> None:
    excluded = literal(SPEC, "EXCLUDES")
    assert isinstance(excluded, list)
    imported: set[str] = set()
    for source in (ROOT / "desktop_app").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6."):
                imported.add(node.module or "")
    assert {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"} <= imported
    assert not imported & set(excluded)
    assert {"PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick"} <= set(excluded)


def test_the_qt_plugin_hook_keeps_every_desktop_platform() -> None:
    hook = (PACKAGING / "hooks" / "hook-PySide6.QtGui.py").read_text(encoding="utf-8")
    unused = literal(hook, "UNUSED_PLUGINS")
    assert isinstance(unused, dict)
    assert unused["platformthemes"] == {"qgtk3"}  # the one that brings GTK
    kept = {"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa"}
    assert not kept & unused["platforms"]
    assert "qsvg" not in unused["imageformats"]
    assert "xdg-shell" not in unused["wayland-shell-integration"]
    assert "platforminputcontexts" not in unused  # compose keys and input methods (Chinese)


def test_the_macos_bundle_has_its_info_plist() -> None:
    tree = ast.parse(SPEC)
    bundles = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "BUNDLE"
    ]
    assert len(bundles) == 1
    keywords = {keyword.arg: keyword.value for keyword in bundles[0].keywords}
    assert {"icon", "bundle_identifier", "version"} <= set(keywords)
    plist = keywords["info_plist"]
    assert isinstance(plist, ast.Dict)
    keys = {ast.literal_eval(key) for key in plist.keys if key is not None}
    assert {"CFBundleName", "CFBundleShortVersionString", "NSHighResolutionCapable"} <= keys


def test_the_icon_is_drawn_at_every_size() -> None:
    assert (ICONS / "tally.svg").is_file()
    for size in SIZES:
        assert png_size(png(size)) == (size, size)


def test_the_ico_holds_the_pngs() -> None:
    data = (ICONS / "tally.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)  # 1: an icon, not a cursor
    sides = []
    for index in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        side = width or 256  # 0 stands for 256
        assert (height or 256, planes, bits) == (side, 1, 32)
        assert data[offset : offset + length] == png(side)
        sides.append(side)
    assert sides == [16, 32, 48, 64, 128, 256]


def test_the_icns_holds_the_pngs() -> None:
    data = (ICONS / "tally.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    entries, offset = {}, 8
    while offset < len(data):
        kind, length = data[offset : offset + 4], struct.unpack(">I", data[offset + 4 : offset + 8])
        entries[kind] = data[offset + 8 : offset + length[0]]
        offset += length[0]
    assert offset == len(data)
    assert entries == {kind: png(size) for kind, size in ICNS_TYPES.items()}


def fake_built_app(folder: Path) -> Path:
    """dist/Tally as the spec lays it out, with a stand-in for the program."""
    assert 'os.path.join("resources", "linux")' in SPEC  # the template's place in the bundle
    resources = folder / "_internal" / "resources"
    (resources / "linux").mkdir(parents=True)
    shutil.copy(PACKAGING / "linux" / "tally.desktop.in", resources / "linux")
    shutil.copytree(ICONS, resources / "icons")
    program = folder / "Tally"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    shutil.copy(PACKAGING / "linux" / "install-desktop", folder)
    return folder / "install-desktop"


def desktop_entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def exec_argv(value: str) -> list[str]:
    """The command line of an Exec key, as the Desktop Entry Specification reads it: the
    string escapes first (\\\\ is one backslash), then the quoting (inside double quotes a
    backslash takes the next character as it is), then %% is one %."""
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    text = re.sub(r"\\(.)", lambda found: escapes.get(found[1], found[0]), value)
    words, word, quoted, index = [], "", False, 0
    while index < len(text):
        char = text[index]
        if quoted and char == "\\":
            word += text[index + 1]
            index += 1
        elif char == '"':
            quoted = not quoted
        elif char == " " and not quoted:
            words.append(word)
            word = ""
        else:
            word += char
        index += 1
    return [word.replace("%%", "%") for word in [*words, word] if word]


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
def test_install_desktop_adds_the_entry_and_icons(tmp_path: Path) -> None:
    app = tmp_path / 'Apps "quoted", `$x` \\ and 100%' / "Tally"
    app.mkdir(parents=True)
    script = fake_built_app(app)
    data_home = tmp_path / "share"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(data_home)}
    subprocess.run([str(script)], env=env, check=True, capture_output=True)

    entry = desktop_entry(data_home / "applications" / "tally.desktop")
    assert exec_argv(entry["Exec"]) == [str(app / "Tally")]
    # Icon names the icon installed below; the WM class is Qt's, from the application name.
    assert (entry["Name"], entry["Icon"], entry["StartupWMClass"]) == ("Tally", "tally", "Tally")
    assert entry["Type"] == "Application"
    for size in SIZES:
        icon = data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "tally.png"
        assert icon.read_bytes() == png(size)

    subprocess.run([str(script), "--uninstall"], env=env, check=True, capture_output=True)
    assert not (data_home / "applications" / "tally.desktop").exists()
    assert not list((data_home / "icons").rglob("tally.png"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PyInstaller sets it on Linux")
@pytest.mark.parametrize(("users", "after"), [(None, None), ("/opt/mine", "/opt/mine")])
def test_programs_the_built_app_starts_get_the_users_library_path(
    monkeypatch: pytest.MonkeyPatch, users: str | None, after: str | None
) -> None:
    hook = PACKAGING / "rthooks" / "restore_library_path.py"
    assert '"rthooks", "restore_library_path.py"' in SPEC
    # As PyInstaller's bootloader leaves them: the bundle's folder, and the user's value aside.
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/Tally/_internal")
    if users is None:
        monkeypatch.delenv("LD_LIBRARY_PATH_ORIG", raising=False)
    else:
        monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", users)
    runpy.run_path(str(hook))
    assert os.environ.get("LD_LIBRARY_PATH") == after
    assert "LD_LIBRARY_PATH_ORIG" not in os.environ
