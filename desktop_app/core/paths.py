"""Every path the app uses, under one data directory that --data-dir or TALLY_DATA_DIR overrides."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

APP_NAME = "Tally"
DATA_DIR_ENV = "TALLY_DATA_DIR"


def data_dir() -> Path:
    """The folder for config, history and logs (not created here)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs  # here: with --data-dir or TALLY_DATA_DIR, a command does without it

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def providers_file() -> Path:
    """The providers file, `providers.toml`."""
    return data_dir() / "providers.toml"


def settings_file() -> Path:
    """The app's own settings, `settings.toml`: currency and budgets."""
    return data_dir() / "settings.toml"


def routing_file() -> Path:
    """The routing rules, `routing.toml` (none: the rules Tally ships)."""
    return data_dir() / "routing.toml"


def models_cache_file() -> Path:
    """The models each provider listed when last asked, and the names the user typed."""
    return data_dir() / "models-cache.json"


def log_file() -> Path:
    """The app's log file."""
    return data_dir() / "logs" / "tally.log"


def history_db() -> Path:
    """The SQLite history database."""
    return data_dir() / "history.sqlite3"


def ui_state_file() -> Path:
    """Window size and position, the last model, and other remembered choices."""
    return data_dir() / "window.ini"


def own_files() -> list[Path]:
    """What Tally keeps in the data folder (some may not exist yet): made private at start."""
    history = history_db()
    return [
        providers_file(),
        *data_dir().glob("providers.toml.bak*"),
        settings_file(),
        routing_file(),
        models_cache_file(),
        history,
        history.with_name(history.name + "-wal"),
        history.with_name(history.name + "-shm"),
        history.with_name(history.name + ".checked"),
        data_dir() / "backups",
        ui_state_file(),
        log_file().parent,
    ]


def resources_dir() -> Path:
    """The app's read-only resources (icons, bundled price data): the repository's `resources/`
    in a source checkout, the bundle's copy in a PyInstaller app."""
    bundle = getattr(sys, "_MEIPASS", None) if getattr(sys, "frozen", False) else None
    if bundle is not None:
        return Path(bundle) / "resources"
    return _checkout_resources()


@cache
def _checkout_resources() -> Path:
    """resources/ of the source checkout: resolved once (a system call for each folder up)."""
    return Path(__file__).resolve().parents[2] / "resources"
