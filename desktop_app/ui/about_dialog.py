"""Help → About Tally: the version and the commit it was built from, the licence, the notice of
the bundled price data, and the folder that holds the user's conversations, settings and logs."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from pathlib import Path

import PySide6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.core import paths
from desktop_app.ui.app_icon import app_icon
from desktop_app.version import UNKNOWN, commit

# The repository has no LICENSE file yet; this line changes when it gets one.
LICENCE = str(
    QT_TRANSLATE_NOOP("AboutDialog", "Licence: MIT (the LICENSE file, shipped with the app).")
)
PRICES_NOTICE = Path("prices") / "LICENSE-genai-prices"


@dataclass(frozen=True)
class AboutFacts:
    """What the dialog shows, gathered outside the widget (it reads a file)."""

    version: str
    commit: str  # the short hash, or version.UNKNOWN
    data_dir: Path
    prices_notice: str  # genai-prices' MIT notice, which must travel with its data
    runtime: str  # for bug reports


def about_facts() -> AboutFacts:
    """The facts of this installation."""
    notice_file = paths.resources_dir() / PRICES_NOTICE
    try:
        text = notice_file.read_text(encoding="utf-8")
    except OSError as exc:
        notice = QCoreApplication.translate(
            "AboutDialog", "The notice is missing from this installation ({})."
        ).format(exc)
    else:  # one line a paragraph, for the text box to wrap at its own width
        notice = "\n\n".join(" ".join(part.split()) for part in text.split("\n\n"))
    runtime = f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {PySide6.__version__}"
    return AboutFacts(__version__, commit(), paths.data_dir(), notice, runtime)


class AboutDialog(QDialog):
    """Shows `facts`; the data folder can be opened in the file manager."""

    def __init__(self, facts: AboutFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Tally"))
        self.facts = facts
        layout = QVBoxLayout(self)
        layout.addLayout(self._heading())
        layout.addWidget(
            QLabel(self.tr("Your conversations, settings and logs are in this folder:"), self)
        )
        layout.addLayout(self._data_row())
        layout.addWidget(
            QLabel(self.tr("Prices come from a copy of genai-prices, under this licence:"), self)
        )
        self.notice = QPlainTextEdit(facts.prices_notice, self)
        self.notice.setObjectName("aboutPricesNotice")
        self.notice.setReadOnly(True)
        self.notice.setMinimumHeight(self.fontMetrics().lineSpacing() * 9)
        layout.addWidget(self.notice, 1)
        self.runtime = QLabel(facts.runtime, self)
        self.runtime.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.runtime)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 480)

    def _heading(self) -> QHBoxLayout:
        row = QHBoxLayout()
        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(64, 64))
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        # The commit in brackets, as `tally --version` prints it; none said when none is known.
        built = f" ({self.facts.commit})" if self.facts.commit != UNKNOWN else ""
        self.version = QLabel(f"<b>Tally</b> {self.facts.version}{built}", self)
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.version.setObjectName("aboutVersion")
        text.addWidget(self.version)
        text.addWidget(QLabel(self.tr("A desktop chat client for LLM APIs."), self))
        self.licence = QLabel(self.tr(LICENCE), self)
        text.addWidget(self.licence)
        row.addLayout(text, 1)
        return row

    def _data_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.data_dir = QLabel(str(self.facts.data_dir), self)
        self.data_dir.setObjectName("aboutDataDir")
        self.data_dir.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.data_dir, 1)
        self.open_folder = QPushButton(self.tr("Open folder"), self)
        # A first run that has not written anything yet has no folder to open.
        self.open_folder.setEnabled(self.facts.data_dir.is_dir())
        self.open_folder.clicked.connect(self._open_data_dir)
        row.addWidget(self.open_folder)
        return row

    def _open_data_dir(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.facts.data_dir)))


def show_about(parent: QWidget) -> AboutDialog:
    """Open the dialog over `parent`; it is deleted when closed."""
    dialog = AboutDialog(about_facts(), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
