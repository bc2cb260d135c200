"""packaging/platforms.py, the one table of what differs between Linux, Windows and macOS, run for
all three systems here: the programs' paths, the archives' names, the keyring backend each
bundles, and the spec's and the smoke test's use of them."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from desktop_app import __version__, version

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = (PACKAGING / "tally.spec").read_text(encoding="utf-8")


def load(name: str) -> ModuleType:
    """A script of packaging/ by path, under its own name as when it runs (the folder's name is
    the PyPI package `packaging`'s), so that the scripts that import it find this one."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


platforms = load("platforms")
smoke_test = load("smoke_test")

# What each system's build is, written out once more by hand: (program, terminal program,
# archive of 0.1.0 on x86-64, keyring backend module).
EXPECTED = {
    "linux": (
        "Tally/Tally",
        "Tally/Tally",
        "Tally-0.1.0-linux-x86_64.tar.gz",
        "keyring.backends.SecretService",
    ),
    "win32": (
        "Tally/Tally.exe",
        "Tally/Tally-cli.exe",
        "Tally-0.1.0-windows-x86_64.zip",
        "keyring.backends.Windows",
    ),
    "darwin": (
        "Tally.app/Contents/MacOS/Tally",
        "Tally.app/Contents/MacOS/Tally",
        "Tally-0.1.0-macos-x86_64.dmg",
        "keyring.backends.macOS",
    ),
}


@pytest.mark.parametrize("sys_platform", sorted(EXPECTED))
def test_each_systems_programs_archive_and_keyring(tmp_path: Path, sys_platform: str) -> None:
    system = platforms.for_system(sys_platform)
    program, terminal, archive, backend = EXPECTED[sys_platform]
    assert (system.program, system.cli_program) == (program, terminal)
    assert system.artifact("0.1.0", "AMD64") == archive  # Windows' name for x86-64
    assert system.artifact("0.1.0", "x86_64") == archive
    # The smoke test finds the programs where the table says, from a dist folder.
    dist = tmp_path / "dist"
    app = smoke_test.default_app(system, dist)
    assert app == dist / program
    assert smoke_test.cli_app(app, system) == dist / terminal
    assert smoke_test.bundled_build_file(app, system) == (
        dist / system.bundle_dir / "desktop_app" / "build.json"
    )
    # The backend is a module of the installed keyring (found, not imported: each needs its
    # own system), and the common ones come with it.
    assert system.hidden_imports[0] == backend
    for module in system.hidden_imports:
        assert importlib.util.find_spec(module) is not None, module


def test_only_a_windowed_program_has_a_console_twin() -> None:
    twins = {system.name: system.cli_twin for system in platforms.PLATFORMS}
    assert twins == {"linux": None, "windows": "Tally-cli", "macos": None}
    assert [system.console for system in platforms.PLATFORMS] == [True, False, False]
    assert [system.icon for system in platforms.PLATFORMS] == [None, "tally.ico", "tally.icns"]
    for system in platforms.PLATFORMS:
        if system.icon:
            assert (ROOT / "resources" / "icons" / system.icon).is_file()


def test_arm_machines_are_named_alike() -> None:
    assert platforms.LINUX.artifact("1.2.3", "aarch64") == "Tally-1.2.3-linux-arm64.tar.gz"
    assert platforms.MACOS.artifact("1.2.3", "arm64") == "Tally-1.2.3-macos-arm64.dmg"


def test_an_unknown_system_is_refused() -> None:
    with pytest.raises(ValueError, match="freebsd"):
        platforms.for_system("freebsd14")
    assert platforms.current() is platforms.for_system(sys.platform)


def test_the_spec_takes_its_differences_from_the_table() -> None:
    assert "SYSTEM = platforms.current()" in SPEC
    for use in (
        "HIDDEN_IMPORTS = SYSTEM.hidden_imports",
        "SYSTEM.icon",
        "console=SYSTEM.console",
        "SYSTEM.cli_twin",
        "SYSTEM.strip_debug",
        "SYSTEM.desktop_entry",
    ):
        assert use in SPEC
    assert "sys.platform" not in SPEC.split("SYSTEM = platforms.current()")[1]
    # The built app carries build.json beside desktop_app/version.py, which reads it.
    assert '(write_build_file(os.path.join(workpath, "generated")), "desktop_app")' in SPEC


def test_the_smoke_test_expects_this_checkouts_version() -> None:
    commit = version.checkout_commit(ROOT)
    shown = commit[: version.SHORT] if commit else version.UNKNOWN
    assert smoke_test.expected_version() == f"Tally {__version__} ({shown})"


def test_the_build_file_is_what_version_reads(tmp_path: Path) -> None:
    # The spec's write_build_file, run on its own with the names the spec gives it.
    source = SPEC.split("def write_build_file(folder):")[1].split("\n\n\n")[0]
    namespace = {
        "os": __import__("os"),
        "json": json,
        "Path": Path,
        "ROOT": str(tmp_path),  # a str, as in the spec
        "VERSION": __version__,
        "BUILD_FILE": version.BUILD_FILE,
        "SHORT": version.SHORT,
        "checkout_commit": lambda root: (
            root.is_dir() and "0123456789abcdef0123456789abcdef01234567"
        ),
    }
    exec("def write_build_file(folder):" + source, namespace)
    package = tmp_path / "desktop_app"
    written = Path(namespace["write_build_file"](str(package)))  # type: ignore[operator]
    assert written == package / "build.json"
    assert json.loads(written.read_text(encoding="utf-8")) == {
        "version": __version__,
        "commit": "0123456",
    }
    assert version.read_commit(package) == "0123456"
