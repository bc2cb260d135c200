"""Dates in the window's language: month names through the translations (strftime would follow
the system's locale, whatever language Tally is set to)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

if TYPE_CHECKING:
    from datetime import date

    from desktop_app.core.money.spending import Month

MONTHS = (
    str(QT_TRANSLATE_NOOP("Dates", "January")),
    str(QT_TRANSLATE_NOOP("Dates", "February")),
    str(QT_TRANSLATE_NOOP("Dates", "March")),
    str(QT_TRANSLATE_NOOP("Dates", "April")),
    str(QT_TRANSLATE_NOOP("Dates", "May")),
    str(QT_TRANSLATE_NOOP("Dates", "June")),
    str(QT_TRANSLATE_NOOP("Dates", "July")),
    str(QT_TRANSLATE_NOOP("Dates", "August")),
    str(QT_TRANSLATE_NOOP("Dates", "September")),
    str(QT_TRANSLATE_NOOP("Dates", "October")),
    str(QT_TRANSLATE_NOOP("Dates", "November")),
    str(QT_TRANSLATE_NOOP("Dates", "December")),
)
"""The months' names in English, marked for translation."""


def month_name(month: int) -> str:
    """A month (1 to 12) by its name in the window's language."""
    return QCoreApplication.translate("Dates", MONTHS[month - 1])


def month_of_year(when: date | Month) -> str:
    """The month and year of `when` ("March 2025") as the window's language writes them."""
    return QCoreApplication.translate("Dates", "{month} {year}").format(
        month=month_name(when.month), year=when.year
    )
