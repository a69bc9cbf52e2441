"""File → Print daily archive…: which day, which orientation."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialogButtonBox, QRadioButton, QVBoxLayout, QWidget

from desktop.i18n import _, format_date
from desktop.ui.settings_dialog import ValidatedDialog


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ArchiveDayDialog(ValidatedDialog):
    """Asks for the day (``today`` by default) and the orientation (landscape by default)."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Print daily archive"))
        self.today = today
        self.date_edit = QDateEdit(to_qdate(today), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setToolTip(_("The day whose calls are printed (Alt+Down opens the calendar)"))
        self.date_edit.dateChanged.connect(self._check)
        self.landscape = QRadioButton(_("&Landscape (A4, wide tables)"), self)
        self.portrait = QRadioButton(_("&Portrait (A4)"), self)
        self.landscape.setChecked(True)
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.landscape)
        column.addWidget(self.portrait)
        self.add_row("day", _("Day"), self.date_edit)
        self.add_row("orientation", _("Orientation"), holder)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Pre&view…"))
        ok.setToolTip(_("Make the PDF and show it before printing (Enter)"))
        self.date_edit.setFocus()
        self._check()

    def day(self) -> date:
        value = self.date_edit.date()
        return date(value.year(), value.month(), value.day())

    def set_day(self, day: date) -> None:
        self.date_edit.setDate(to_qdate(day))

    def is_landscape(self) -> bool:
        return self.landscape.isChecked()

    def _check(self) -> None:
        problems = {}
        if self.day() > self.today:
            problems["day"] = _("{day} has not come yet: choose today ({today}) or an earlier day.").format(
                day=format_date(self.day()), today=format_date(self.today))
        self.show_problems(problems)
