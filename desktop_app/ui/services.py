"""What the main window is given to work with, made once by the app (or a test)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core import paths
from desktop_app.core.history.store import HistoryStore
from desktop_app.core.network.clients import Clients
from desktop_app.core.settings.keys import KeyResolver
from desktop_app.ui.demo import Demo


@dataclass
class Services:
    """The core objects the window works with, made once by the app."""

    client: Clients
    """The app's ClientPool (a plain httpx client in some tests)."""
    keys: KeyResolver
    providers_path: Path
    state_path: Path
    demo: Demo
    store: HistoryStore
    settings_path: Path = field(default_factory=paths.settings_file)
    models_path: Path = field(default_factory=paths.models_cache_file)
