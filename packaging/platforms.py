"""What differs between Linux, Windows and macOS in building, checking and shipping the app: one
table, read by tally.spec, smoke_test.py and release.py, and tested for all three systems on any
one of them (tests/packaging/test_platforms.py).

Load it as `platforms` with this folder on sys.path (a script here has it; the spec puts it
there): the folder's name, `packaging`, is taken by the PyPI package that PyInstaller uses.
"""

from __future__ import annotations

import platform as _platform
import sys
from dataclasses import dataclass

APP = "Tally"
# keyring's own modules that every system's app carries: the chainer keyring picks backends
# with, and the one it falls back to when none is usable (the app then says so).
KEYRING_COMMON = ("keyring.backends.chainer", "keyring.backends.fail")
# platform.machine()'s many names for the two architectures the app is built for.
MACHINES = {"x86_64": "x86_64", "amd64": "x86_64", "arm64": "arm64", "aarch64": "arm64"}


@dataclass(frozen=True)
class Platform:
    """One operating system's build: names are relative to the dist folder (dist/)."""

    name: str  # in the artifacts' names: linux, windows, macos
    sys_platform: str  # what sys.platform starts with there
    program: str  # the program a double click starts
    cli_program: str  # the program for `tally ask ...` in a terminal
    bundle_dir: str  # sys._MEIPASS of the built app: the modules and the data files
    shipped: str  # the folder or bundle the archive holds
    archive: str  # tar.gz, zip or dmg
    icon: str | None  # in resources/icons (Linux: the .desktop entry names the icon)
    keyring_backend: str  # the keyring module that reaches the system's own store
    keyring_name: str  # what the user knows that store as
    console: bool  # the program is a console program (else windowed: no stdout)
    strip_debug: bool  # the build strips debug symbols from its libraries
    desktop_entry: bool  # the applications-menu template and install-desktop ship with it

    @property
    def hidden_imports(self) -> list[str]:
        """The keyring modules PyInstaller must bundle (keyring finds backends through entry
        points, which PyInstaller's import analysis cannot follow)."""
        return [self.keyring_backend, *KEYRING_COMMON]

    @property
    def cli_twin(self) -> str | None:
        """The console twin's name, for a system whose double-click program is windowed."""
        if self.cli_program == self.program:
            return None
        return self.cli_program.rsplit("/", 1)[-1].removesuffix(".exe")

    def artifact(self, version: str, machine: str) -> str:
        """The file name of the archive shipped: Tally-0.1.0-linux-x86_64.tar.gz."""
        arch = MACHINES.get(machine.lower(), machine.lower())
        return f"{APP}-{version}-{self.name}-{arch}.{self.archive}"


LINUX = Platform(
    name="linux",
    sys_platform="linux",
    program=f"{APP}/{APP}",
    cli_program=f"{APP}/{APP}",
    bundle_dir=f"{APP}/_internal",
    shipped=APP,
    archive="tar.gz",
    icon=None,
    keyring_backend="keyring.backends.SecretService",
    keyring_name="Secret Service",
    console=True,  # the flag does nothing on Linux: a terminal sees its output
    strip_debug=True,
    desktop_entry=True,
)
WINDOWS = Platform(
    name="windows",
    sys_platform="win32",
    program=f"{APP}/{APP}.exe",
    cli_program=f"{APP}/{APP}-cli.exe",
    bundle_dir=f"{APP}/_internal",
    shipped=APP,
    archive="zip",
    icon="tally.ico",
    keyring_backend="keyring.backends.Windows",
    keyring_name="Windows Credential Manager",
    console=False,
    strip_debug=False,  # Windows binaries carry no symbols
    desktop_entry=False,
)
MACOS = Platform(
    name="macos",
    sys_platform="darwin",
    program=f"{APP}.app/Contents/MacOS/{APP}",
    cli_program=f"{APP}.app/Contents/MacOS/{APP}",
    bundle_dir=f"{APP}.app/Contents/Frameworks",
    shipped=f"{APP}.app",
    archive="dmg",
    icon="tally.icns",
    keyring_backend="keyring.backends.macOS",
    keyring_name="macOS Keychain",
    console=False,
    strip_debug=False,  # stripping breaks the libraries' signatures
    desktop_entry=False,
)
PLATFORMS = (LINUX, WINDOWS, MACOS)


def for_system(sys_platform: str) -> Platform:
    """The entry for a value of sys.platform; ValueError for a system the app is not built on."""
    for entry in PLATFORMS:
        if sys_platform.startswith(entry.sys_platform):
            return entry
    raise ValueError(f"Tally is not built on {sys_platform!r}")


def current() -> Platform:
    """This system's entry."""
    return for_system(sys.platform)


def machine() -> str:
    """This machine's architecture, as the artifacts name it."""
    return MACHINES.get(_platform.machine().lower(), _platform.machine().lower())
