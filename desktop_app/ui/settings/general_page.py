"""Settings → General: the language of the window."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from desktop_app.core.text.language import NAMES, SETTINGS, Setting, chosen


class GeneralPage(QWidget):
    """The language picker: the system's (named with what it is now), or one of Tally's."""

    def __init__(self, setting: Setting, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("generalPage")
        layout = QFormLayout(self)
        self.language_box = QComboBox(self)
        self.language_box.setObjectName("languageBox")
        system = NAMES[chosen("system", QLocale.system().name())]
        for code in SETTINGS:
            name = self.tr("As the system ({})").format(system) if code == "system" else None
            self.language_box.addItem(name or NAMES[code], code)  # type: ignore[index]
        self.language_box.setCurrentIndex(SETTINGS.index(setting))
        layout.addRow(self.tr("Language:"), self.language_box)
        note = QLabel(self.tr("A new language shows the next time Tally starts."), self)
        note.setObjectName("languageNote")
        note.setWordWrap(True)
        layout.addRow("", note)

    def language(self) -> Setting:
        """The language picked."""
        return SETTINGS[self.language_box.currentIndex()]
