"""What the main window is given to work with, made once by the app (or a test)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import httpx

from desktop_app.core import paths
from desktop_app.core.history import HistoryStore
from desktop_app.core.keys import KeyResolver
from desktop_app.demo import Demo


@dataclass
class Services:
    """The core objects the window works with, made once by the app."""

    client: httpx.AsyncClient
    keys: KeyResolver
    providers_path: Path
    state_path: Path
    demo: Demo
    store: HistoryStore
    settings_path: Path = field(default_factory=paths.settings_file)
