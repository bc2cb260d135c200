"""The sidebar's way into the archive and back out: a toggle under the conversation list, and
the heading that says the list is the archive."""

from __future__ import annotations

from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QLabel, QPushButton, QWidget


class ArchiveToggle(QPushButton):
    """Checked while the sidebar lists the archive. Reads "Archived (N)" from the list and
    "Back to conversations" from the archive; hidden while there is nothing to go to."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("archivedButton")
        self.setCheckable(True)
        self.setFlat(True)
        self.hide()

    def show_state(self, *, archived: bool, count: int) -> None:
        """Show where a click leads: to the `count` archived conversations, or back."""
        self.setChecked(archived)
        if archived:
            # Named here: PySide makes QStyle's Python type (its enums take milliseconds) when
            # it is first named, and a start that shows the list need not.
            from PySide6.QtWidgets import QStyle

            self.setText(self.tr("Back to conversations"))
            self.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
            self.setToolTip(self.tr("Show the conversations that are not archived"))
        else:
            self.setText(self.tr("Archived ({})").format(count))
            self.setIcon(QIcon())
            self.setToolTip(self.tr("Show the archived conversations"))
        self.setVisible(archived or count > 0)


class ArchiveHeading(QLabel):
    """ "Archived conversations" above the list, shown while it lists the archive."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("Archived conversations"))
        self.setObjectName("archivedHeading")
        self.setContentsMargins(4, 4, 4, 0)
        font = self.font()
        font.setWeight(QFont.Weight.DemiBold)
        self.setFont(font)
        self.hide()
