"""The editors on the centre pages of the settings: an ordered list of entries (add, rename, hide,
move), the handlers of a department, and a list of dates (the centre's own days off and working days)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, format_weekday
from desktop.rules.centre_lists import ListEntry, check_entries, clean_handlers, clean_name

KEY_ROLE = Qt.ItemDataRole.UserRole
BUILTIN_ROLE = Qt.ItemDataRole.UserRole + 1
HANDLERS_ROLE = Qt.ItemDataRole.UserRole + 2


def _button(parent: QWidget, text: str, tip: str, shortcut: str | None = None) -> QPushButton:
    button = QPushButton(text, parent)
    if shortcut:
        sequence = QKeySequence(shortcut)
        QShortcut(sequence, parent, button.click, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        tip = f"{tip} ({sequence.toString(QKeySequence.SequenceFormat.NativeText)})"
    button.setToolTip(tip)
    return button


class EntryListEditor(QWidget):
    """Entries in the order offered; the tick says whether an entry is offered. Built-in entries keep
    their translated name; the centre's own are renamed in place (F2 or a double click)."""

    changed = Signal()
    current_changed = Signal()

    def __init__(self, entries: Sequence[ListEntry], parent: QWidget | None = None, *,
                 default: str | None = None, new_label: str = "") -> None:
        super().__init__(parent)
        self._default = default
        self._new_label = new_label or _("New entry")
        self.list = QListWidget(self)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.list.model().rowsMoved.connect(lambda *_args: self.changed.emit())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        for entry in entries:
            self._add_item(entry)
        self.add_button = _button(self, _("&Add"), _("Add an entry at the end"), "Ctrl+Shift+N")
        self.add_button.clicked.connect(self.add_entry)
        self.rename_button = _button(self, _("Re&name"), _("Rename the selected entry (F2)"))
        self.rename_button.clicked.connect(lambda: self._edit(self.list.currentItem()))
        self.up_button = _button(self, _("Move &up"), _("Move the selected entry up"), "Alt+Up")
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = _button(self, _("Move do&wn"), _("Move the selected entry down"), "Alt+Down")
        self.down_button.clicked.connect(lambda: self.move_current(1))
        buttons = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.list.setToolTip(_("Ticked entries are offered on the form; untick to hide one "
                               "(tickets that use it keep it). Space ticks, F2 renames."))
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _add_item(self, entry: ListEntry) -> QListWidgetItem:
        item = QListWidgetItem(entry.label)
        item.setData(KEY_ROLE, entry.key)
        item.setData(BUILTIN_ROLE, entry.builtin)
        flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled
        if not entry.builtin:
            flags |= Qt.ItemFlag.ItemIsEditable
        item.setFlags(flags & ~Qt.ItemFlag.ItemIsDropEnabled)
        item.setCheckState(Qt.CheckState.Checked if entry.active else Qt.CheckState.Unchecked)
        if entry.builtin:
            item.setToolTip(_("Built in: its name follows the program's language"))
        self.list.addItem(item)
        return item

    def entries(self) -> list[ListEntry]:
        result = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            result.append(ListEntry(item.data(KEY_ROLE), item.text(), item.checkState() == Qt.CheckState.Checked,
                                    bool(item.data(BUILTIN_ROLE))))
        return result

    def problem(self) -> str | None:
        """The first thing wrong with the list, naming its row; None when it can be saved."""
        problems = check_entries(self.entries(), default=self._default)
        if not problems:
            return None
        row = min(problems)
        if row < 0:
            return problems[row]
        return _("Row {row}: {problem}").format(row=row + 1, problem=problems[row])

    def add_entry(self) -> QListWidgetItem:
        item = self._add_item(ListEntry(None, self._new_label))
        self.list.setCurrentItem(item)
        self._edit(item)
        self.changed.emit()
        return item

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.changed.emit()

    def _edit(self, item: QListWidgetItem | None) -> None:
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
            self.list.editItem(item)

    def _update_buttons(self) -> None:
        item = self.list.currentItem()
        row = self.list.currentRow()
        self.rename_button.setEnabled(item is not None and bool(item.flags() & Qt.ItemFlag.ItemIsEditable))
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.list.count() - 1)
        self.current_changed.emit()


class DepartmentsEditor(QWidget):
    """The departments, and for the selected one the handlers offered when a ticket is routed there."""

    changed = Signal()

    def __init__(self, departments: Sequence[ListEntry], handlers: dict[str, list[str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.departments = EntryListEditor(departments, self, new_label=_("New department"))
        for row in range(self.departments.list.count()):
            item = self.departments.list.item(row)
            item.setData(HANDLERS_ROLE, list(handlers.get(str(item.data(KEY_ROLE)), [])))
        self.handlers = QPlainTextEdit(self)
        self.handlers.setTabChangesFocus(True)
        self.handlers.setPlaceholderText(_("One name per line, e.g. 李工"))
        self.handlers.setAccessibleName(_("Handlers of the selected department"))
        self.handlers.setToolTip(_("Offered in the handler field when a ticket is routed to this department; "
                                   "another name can still be typed"))
        self.handlers.setMaximumHeight(110)
        self.handlers.textChanged.connect(self._store_handlers)
        self.departments.current_changed.connect(self._show_handlers)
        self.departments.changed.connect(self.changed.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.departments, 1)
        caption = QLabel(_("Handlers of the selected department"), self)
        caption.setBuddy(self.handlers)
        layout.addWidget(caption)
        layout.addWidget(self.handlers)
        self._show_handlers()

    def _show_handlers(self) -> None:
        item = self.departments.list.currentItem()
        self.handlers.blockSignals(True)
        self.handlers.setPlainText("\n".join(item.data(HANDLERS_ROLE) or []) if item is not None else "")
        self.handlers.blockSignals(False)
        self.handlers.setEnabled(item is not None)

    def _store_handlers(self) -> None:
        item = self.departments.list.currentItem()
        if item is not None:
            item.setData(HANDLERS_ROLE, self.handlers.toPlainText().splitlines())
            self.changed.emit()

    def handlers_by_name(self) -> dict[str, list[str]]:
        """Department name → its handlers (ids of new departments are known only once saved)."""
        result: dict[str, list[str]] = {}
        for row in range(self.departments.list.count()):
            item = self.departments.list.item(row)
            names = clean_handlers(item.data(HANDLERS_ROLE) or [])
            if names:
                result[clean_name(item.text())] = names
        return result


class DatesEditor(QWidget):
    """A list of dates with a date field to add one and a button to remove the selected one."""

    changed = Signal()

    def __init__(self, dates: Sequence[str], today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.add_button = _button(self, _("Add"), _("Add the date on the left"))
        self.add_button.clicked.connect(self.add_date)
        self.remove_button = _button(self, _("Remove"), _("Remove the selected date (Delete)"))
        self.remove_button.clicked.connect(self.remove_current)
        self.list = QListWidget(self)
        self.list.setMaximumHeight(96)
        QShortcut(QKeySequence.StandardKey.Delete, self.list, self.remove_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self._dates: list[str] = []
        self._set(list(dates))
        row = QHBoxLayout()
        row.addWidget(self.date)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)

    def dates(self) -> list[str]:
        return list(self._dates)

    def add_date(self) -> None:
        self._set([*self._dates, self.date.date().toPython().isoformat()])
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._dates):
            self._set(self._dates[:row] + self._dates[row + 1:])
            self.changed.emit()

    def _set(self, dates: list[str]) -> None:
        self._dates = sorted(set(dates))
        self.list.clear()
        for value in self._dates:
            item = QListWidgetItem(f"{value}  {format_weekday(date.fromisoformat(value))}")
            self.list.addItem(item)
        self.remove_button.setEnabled(bool(self._dates))
