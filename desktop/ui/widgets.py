"""Small input widgets the form is built from."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.i18n import _
from desktop.rules.phone import mask_phone
from desktop.services.dto import ChoiceOption, DepartmentOption

DATETIME_FORMAT = "yyyy-MM-dd HH:mm"


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000))


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toMSecsSinceEpoch() / 1000, tz=UTC).replace(microsecond=0)


class PhoneEdit(QLineEdit):
    """Holds the full number; shows it masked (139****5678) whenever the field is not focused."""

    number_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._number = ""
        self._revealed = False
        self.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.setMaxLength(32)
        self.textEdited.connect(self._edited)

    def number(self) -> str:
        return self._number

    def set_number(self, number: str) -> None:
        self._number = number
        self._revealed = False
        self._show()
        self.number_changed.emit(number)

    def reveal(self, number: str) -> None:
        """Show ``number`` unmasked (a permitted, audited reveal) until another number is set."""
        self._number = number
        self._revealed = True
        self._show()

    def _edited(self, text: str) -> None:
        self._number = text
        self.number_changed.emit(text)

    def _show(self) -> None:
        self.blockSignals(True)
        plain = self.hasFocus() or self._revealed or "*" in self._number  # a stored number arrives masked
        self.setText(self._number if plain else mask_phone(self._number))
        self.blockSignals(False)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._show()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._show()


class ChoiceCombo(QComboBox):
    """A list of coded options; ``blank`` adds an empty first entry meaning "not set"."""

    def __init__(self, options: list[ChoiceOption], *, blank: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if blank is not None:
            self.addItem(blank, None)
        for option in options:
            self.addItem(option.label, option.code)

    def code(self) -> str | None:
        value = self.currentData()
        return str(value) if value is not None else None

    def set_code(self, code: str | int | None) -> None:
        index = self.findData(code)
        if index < 0 and code is not None:
            # An entry removed from the list since: keep showing it rather than losing it.
            self.addItem(str(code), code)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))


class OptionalDateTime(QWidget):
    """A date and time that may be left unset (a tick box switches it on)."""

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled_box = QCheckBox(label, self)
        self.editor = QDateTimeEdit(self)
        self.editor.setDisplayFormat(DATETIME_FORMAT)
        self.editor.setCalendarPopup(True)
        self.editor.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled_box)
        layout.addWidget(self.editor, 1)
        self.enabled_box.toggled.connect(self._toggled)
        self.editor.dateTimeChanged.connect(lambda _value: self.changed.emit())
        self.setFocusProxy(self.enabled_box)

    def _toggled(self, on: bool) -> None:
        self.editor.setEnabled(on)
        if on:
            self.editor.setFocus()
        self.changed.emit()

    def value(self) -> datetime | None:
        return from_qdatetime(self.editor.dateTime()) if self.enabled_box.isChecked() else None

    def set_value(self, moment: datetime | None, *, default: datetime | None = None) -> None:
        self.blockSignals(True)
        self.enabled_box.setChecked(moment is not None)
        shown = moment or default
        if shown is not None:
            self.editor.setDateTime(to_qdatetime(shown))
        self.editor.setEnabled(moment is not None)
        self.blockSignals(False)


class FieldMessage(QLabel):
    """The inline message under a field: an error (blocks saving) or a hint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()
        self.kind = ""

    def show_message(self, text: str | None, *, error: bool) -> None:
        if not text:
            self.kind = ""
            self.clear()
            self.hide()
            return
        self.kind = "error" if error else "warning"
        if error:
            colour = alert_colour(self).name()
            symbol = "✖"
        else:
            colour = "#ffd180" if is_dark(self) else "#8a5300"
            symbol = "⚠"
        self.setStyleSheet(f"color: {colour};")
        self.setText(f"{symbol} {text}")
        self.show()


class DepartmentCombo(ChoiceCombo):
    """Departments by id (they are rows, not list codes)."""

    def __init__(self, departments: list[DepartmentOption], blank: str, parent: QWidget | None = None) -> None:
        super().__init__([], blank=blank, parent=parent)
        for department in departments:
            self.addItem(department.name, department.id)

    def department_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None

    def set_department_id(self, department_id: int | None) -> None:
        self.setCurrentIndex(max(self.findData(department_id), 0))


def close_and_copy_buttons(dialog: QDialog, details: Callable[[], str]) -> tuple[QDialogButtonBox, QPushButton]:
    """Close, and "Copy details" that puts ``details()`` on the clipboard and says it did."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    copy = QPushButton(_("&Copy details"))
    buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)

    def copied() -> None:
        QGuiApplication.clipboard().setText(details())
        copy.setText(_("Copied"))

    copy.clicked.connect(copied)
    buttons.rejected.connect(dialog.reject)
    return buttons, copy


def is_dark(widget: QWidget) -> bool:
    """Whether ``widget`` is drawn on a dark palette (the system's dark mode)."""
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def alert_colour(widget: QWidget) -> QColor:
    """The red of errors and overdue items, readable on the widget's light or dark palette."""
    return QColor("#ff8a80" if is_dark(widget) else "#b3261e")
