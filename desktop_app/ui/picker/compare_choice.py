"""The Compare toggle beside the model picker: the models that answer the next message side by
side with the one picked (two to four in all)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from desktop_app.core.settings.providers_file import Provider

MOST = 4
"""Models in one comparison at most: more columns than this are too narrow to read."""

Choice = tuple[Provider, str]


class CompareChoice(QToolButton):
    """A checkable "Compare" button with a menu of the models to compare with the one picked.

    Checked with two or more models in all, sending asks every one of them at once."""

    changed = Signal()

    def __init__(
        self,
        picked: Callable[[], Choice | None],
        choices: Callable[[], list[Choice]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareButton")
        self.setCheckable(True)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        # The icon (set with the window's others) and the count beside it: "Compare: 3".
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.picked = picked
        self.choices = choices
        self.others: list[tuple[str, str]] = []
        """(provider id, model) of the models ticked besides the one picked, in ticking order."""
        self.menu_of_models = QMenu(self)
        self.menu_of_models.aboutToShow.connect(self._fill_menu)
        self.setMenu(self.menu_of_models)
        self.toggled.connect(self._toggled)
        self._show_count()

    def chosen(self) -> list[Choice]:
        """The models to ask, the picked one first; [] unless comparing two or more."""
        picked = self.picked()
        if not self.isChecked() or picked is None:
            return []
        listed = {(provider.id, model): (provider, model) for provider, model in self.choices()}
        wanted = [picked] + [
            listed[key] for key in self.others if key in listed and key != _key(picked)
        ]
        return wanted[:MOST] if len(wanted) > 1 else []

    def tick(self, provider_id: str, model: str) -> None:
        """Add a model to the comparison (and turn Compare on)."""
        key = (provider_id, model)
        if key not in self.others and len(self.others) < MOST - 1:
            self.others.append(key)
        self.setChecked(True)
        self._show_count()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Down, Alt+Down or F4 open the menu of models, as they open a combo box's list: the
        menu's arrow is a mouse's alone, and Space only turns Compare on or off."""
        opens = event.key() in (Qt.Key.Key_Down, Qt.Key.Key_F4)
        if opens and not event.modifiers() & ~Qt.KeyboardModifier.AltModifier:
            self.showMenu()
            return
        super().keyPressEvent(event)

    def _toggled(self, on: bool) -> None:
        if on and not self.others:
            self.showMenu()  # nothing to compare with yet: offer the models
        self._show_count()

    def _fill_menu(self) -> None:
        self.menu_of_models.clear()
        picked = self.picked()
        title = self.menu_of_models.addAction(
            self.tr("Compare with {}:").format(picked[1]) if picked else ""
        )
        title.setEnabled(False)
        full = len(self.others) >= MOST - 1
        for provider, model in self.choices():
            key = (provider.id, model)
            if picked is not None and key == _key(picked):
                continue
            action = QAction(f"{model} · {provider.name}", self.menu_of_models)
            action.setCheckable(True)
            action.setChecked(key in self.others)
            action.setEnabled(key in self.others or not full)
            action.toggled.connect(lambda on, key=key: self._ticked(key, on))
            self.menu_of_models.addAction(action)

    def _ticked(self, key: tuple[str, str], on: bool) -> None:
        if on and key not in self.others and len(self.others) < MOST - 1:
            self.others.append(key)
        elif not on and key in self.others:
            self.others.remove(key)
        if self.others and not self.isChecked():
            self.setChecked(True)
        self._show_count()

    def _show_count(self) -> None:
        count = len(self.chosen())
        self.setText(self.tr("Compare: {}").format(count) if count else self.tr("Compare"))
        self.setToolTip(
            self.tr(
                "Send to several models at once and see their answers side by side; tick up to"
                " {} models besides the one picked (or Ctrl+click them in the model list)"
            ).format(MOST - 1)
        )
        self.changed.emit()


def _key(choice: Choice) -> tuple[str, str]:
    return (choice[0].id, choice[1])
