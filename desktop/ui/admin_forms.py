"""What the administrators' dialogs share: password fields, shortcut tooltips, a small table
model over rows handed in, and a form that checks as the user types but speaks up only
about fields already touched."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLineEdit, QWidget

from desktop.i18n import _
from desktop.services.errors import ValidationFailed
from desktop.ui.settings_dialog import ValidatedDialog


def shortcut_tip(text: str, shortcut: QKeySequence) -> str:
    """A tooltip naming the shortcut the way the rest of the program does: "Export… (Ctrl+E)"."""
    return f"{text} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})"


def give_shortcut(button: QAbstractButton, shortcut: str, tip: str) -> None:
    sequence = QKeySequence(shortcut)
    button.setShortcut(sequence)
    button.setToolTip(shortcut_tip(tip, sequence))


def password_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


Row = TypeVar("Row")
AnyIndex = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel, Generic[Row]):
    """A typed table over a small list of rows the caller hands in; subclasses give ``cell()``."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)  # msgids, shown translated
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return _(self._headers[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < len(self._headers):
            return None
        return self.cell(row, index.column(), role)

    def cell(self, row: Row, column: int, role: int) -> Any:
        raise NotImplementedError


class CheckedForm(ValidatedDialog):
    """A ``ValidatedDialog`` whose messages appear field by field as the user gets to them.

    Subclasses give ``problems()``; Save stays disabled while there is any, its tooltip
    saying why, and a refused save shows every message at once.
    """

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._touched: set[str] = set()
        self._extra: dict[str, str] = {}  # what the service said, until the field changes

    @property
    def ok_button(self) -> QAbstractButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def watch(self, key: str, edit: QLineEdit) -> None:
        edit.textEdited.connect(lambda _text: self.touch(key))

    def touch(self, key: str) -> None:
        self._touched.add(key)
        self._extra.pop(key, None)
        self.recheck()

    def forget_touches(self) -> None:
        self._touched.clear()
        self._extra.clear()
        self.recheck()

    def problems(self) -> dict[str, str]:
        raise NotImplementedError

    def recheck(self) -> dict[str, str]:
        """Show the messages of touched fields; returns every problem (shown or not)."""
        problems = {**self.problems(), **self._extra}
        shown = {key: text for key, text in problems.items() if key in self._touched or key in self._extra}
        self.show_problems(shown)
        self.ok_button.setEnabled(not problems)
        self.ok_button.setToolTip(next(iter(problems.values()), self.save_tip()))
        return problems

    def save_tip(self) -> str:
        return ""

    def show_everything(self) -> bool:
        """Before saving: every message shown; True when there is none."""
        self._touched.update(self.messages)
        return not self.recheck()

    def show_refusal(self, exc: ValidationFailed, fields: Mapping[str, str] | None = None) -> None:
        """The service's report, each message under its field (``fields`` renames the service's keys)."""
        fields = fields or {}
        for key, text in exc.report.errors.items():
            shown = fields.get(key, key)
            self._extra[shown if shown in self.messages else next(iter(self.messages))] = text
        self.recheck()
