"""packaging/release.py and .ci/gate.py, which `make` and the hosted CI share: each system's
archive of a built app, the checksum files, the Windows installer where NSIS is installed, the
changelog's entry for the tag, and the gate's steps as the Makefile names them."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from desktop_app import __version__

ROOT = Path(__file__).resolve().parents[2]


def load(path: Path) -> ModuleType:
    """A script by path under its own name (packaging/'s scripts import `platforms`)."""
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules.setdefault(path.stem, module)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(path.parent))


release = load(ROOT / "packaging" / "release.py")
gate = load(ROOT / ".ci" / "gate.py")
platforms = sys.modules["platforms"]
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def fake_dist(tmp_path: Path, system: ModuleType) -> Path:
    """dist/ with a built app's shape: the programs, a module, a link (Linux, macOS)."""
    dist = tmp_path / "dist"
    for program in {system.program, system.cli_program}:
        (dist / program).parent.mkdir(parents=True, exist_ok=True)
        (dist / program).write_bytes(b"program")
        (dist / program).chmod(0o755)
    build = dist / system.bundle_dir / "desktop_app" / "build.json"
    build.parent.mkdir(parents=True, exist_ok=True)
    build.write_text('{"commit": "abc1234"}', encoding="utf-8")
    if sys.platform != "win32":
        (build.parent / "link.json").symlink_to("build.json")
    return dist


@pytest.mark.parametrize("name", ["linux", "windows"])
def test_the_archive_holds_the_shipped_folder(tmp_path: Path, name: str) -> None:
    system = {"linux": platforms.LINUX, "windows": platforms.WINDOWS}[name]
    dist = fake_dist(tmp_path, system)
    made = release.archive(system, dist, system.artifact("0.1.0", "x86_64"))
    assert made == dist / f"Tally-0.1.0-{name}-x86_64.{system.archive}"
    if system.archive == "tar.gz":
        with tarfile.open(made) as tar:
            members = {member.name: member for member in tar.getmembers()}
            assert members[system.program].mode & 0o111  # still executable
            assert {(m.uid, m.gid) for m in members.values()} == {(0, 0)}
            if sys.platform != "win32":
                assert members["Tally/_internal/desktop_app/link.json"].issym()
            names = list(members)
    else:
        with zipfile.ZipFile(made) as archive:
            names = archive.namelist()
            assert archive.read(system.cli_program) == b"program"
    assert system.program in names
    assert "Tally/_internal/desktop_app/build.json" in names
    assert all(name.split("/")[0] == "Tally" for name in names)


def test_the_dmg_is_made_by_hdiutil_from_the_bundle(tmp_path: Path) -> None:
    command = release.dmg_command(tmp_path / "Tally.app", tmp_path / "Tally.dmg")
    assert command[:2] == ["hdiutil", "create"]
    assert command[command.index("-srcfolder") + 1] == str(tmp_path / "Tally.app")
    assert command[command.index("-format") + 1] == "UDZO"  # compressed, read-only
    assert command[-1] == str(tmp_path / "Tally.dmg")


def test_no_built_app_no_archive(tmp_path: Path) -> None:
    with pytest.raises(release.ReleaseError, match="no built app"):
        release.archive(platforms.LINUX, tmp_path, "Tally.tar.gz")


def test_a_checksum_file_reads_as_sha256sum_writes_it(tmp_path: Path) -> None:
    artifact = tmp_path / f"Tally-{__version__}-linux-x86_64.tar.gz"
    artifact.write_bytes(b"\x00tally" * 100_000)
    (tmp_path / "Tally-0.0.1-linux-x86_64.tar.gz").write_bytes(b"an older version")
    assert release.shipped(tmp_path) == [artifact]
    made = release.checksum(artifact)
    assert made.name == artifact.name + ".sha256"
    digest = hashlib.sha256(artifact.read_bytes()).hexdigest()
    assert made.read_bytes() == f"{digest}  {artifact.name}\n".encode()
    assert release.shipped(tmp_path) == [artifact]  # not the checksum file itself
    if shutil.which("sha256sum"):
        subprocess.run(["sha256sum", "--check", "--quiet", made.name], cwd=tmp_path, check=True)


@pytest.mark.skipif(shutil.which("makensis") is None, reason="NSIS is not installed")
def test_the_windows_installer_is_made_by_nsis(tmp_path: Path) -> None:
    dist = fake_dist(tmp_path, platforms.WINDOWS)
    made = release.installer(dist, "Tally-setup.exe")
    assert made.read_bytes()[:2] == b"MZ"  # a Windows program


def test_the_tag_must_name_the_version_and_the_changelog_its_entry() -> None:
    release.check_tag(f"v{__version__}", __version__, CHANGELOG)
    with pytest.raises(release.ReleaseError, match="not v"):
        release.check_tag("v9.9.9", __version__, CHANGELOG)
    older = "## [Unreleased]\n\n## [0.0.9] - 2026-01-01\n\n- Things.\n"
    with pytest.raises(release.ReleaseError, match=re.escape("top release is 0.0.9")):
        release.check_tag("v0.1.0", "0.1.0", older)


def test_the_changelog_is_keep_a_changelog_with_this_version_on_top() -> None:
    assert CHANGELOG.startswith("# Changelog\n")
    headings = re.findall(r"^## .*$", CHANGELOG, flags=re.MULTILINE)
    assert headings[0] == "## [Unreleased]"
    assert re.fullmatch(rf"## \[{re.escape(__version__)}\] - \d{{4}}-\d{{2}}-\d{{2}}", headings[1])
    top, text = release.releases(CHANGELOG)[0]
    assert top == __version__
    assert "### Added" in text
    assert release.notes(__version__, CHANGELOG) == text
    with pytest.raises(release.ReleaseError, match=re.escape("no entry for 9.9.9")):
        release.notes("9.9.9", CHANGELOG)


def test_the_makefile_runs_the_gates_steps() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    test_target = re.search(r"^test: (.*)$", makefile, flags=re.MULTILINE)
    assert test_target is not None
    assert test_target[1].split() == list(gate.STEPS)
    for step in gate.ORDER:
        assert re.search(rf"^{step}: .*\n\t\$\(GATE\) {step}$", makefile, flags=re.MULTILINE)
    assert gate.main(["no-such-step"]) == 2


def test_the_workflow_runs_the_gate_and_the_release_steps() -> None:
    workflow = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "python .ci/gate.py" in workflow
    assert 'python-version: ["3.11", "3.12", "3.13"]' not in workflow  # a matrix, below
    assert 'python: ["3.11", "3.12", "3.13"]' in workflow
    for command in ("check-tag", "build", "archive", "installer", "checksum", "notes"):
        assert f"packaging/release.py {command}" in workflow
    assert "packaging/smoke_test.py" in workflow
