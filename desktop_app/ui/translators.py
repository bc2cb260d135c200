"""The window in the user's language: Qt's own texts (standard buttons, file dialogs) and Tally's,
from the compiled translations in resources/translations (`make translations` builds them from
the .ts sources, and copies Qt's qtbase ones beside them)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop_app.core import paths
from desktop_app.core.text.language import Language

log = logging.getLogger(__name__)


def install_translators(
    app: QCoreApplication, language: Language, folder: Path | None = None
) -> list[QTranslator]:
    """Install the translators for `language` (none for English) from `folder` (the app's
    resources/translations by default); returns them, parented to `app`. A missing file is
    logged and the texts stay in English."""
    if language == "en":
        return []
    # Sizes and numbers Qt formats (a file's "7.2 KB") follow the window's language, not the
    # system's, which may be another.
    QLocale.setDefault(QLocale(language))
    folder = folder or paths.resources_dir() / "translations"
    installed = []
    for name in (f"qtbase_{language}", f"tally_{language}"):
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("no translation %s.qm in %s: run make translations", name, folder)
    return installed
