"""Reminders in the window: a list with Open / Snooze / Done, as a dock panel and as a dialog.

The panel is always there (it is where reminders show on a desktop without a system tray); the dialog
pops up for reminders that fall due when there is no tray, and at start-up for those missed while the
program was closed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, format_datetime, ngettext
from desktop.rules import reminders as rules
from desktop.rules.reminders import Reminder
from desktop.services.clock import Clock

COL_WHEN, COL_TICKET, COL_CUSTOMER, COL_WHAT = range(4)


def snooze_menu(parent: QWidget, choose: Callable[[int], None]) -> QMenu:
    """"In 5 / 15 / 60 minutes": the snooze choices, shared by the list, the dialog and the tray."""
    menu = QMenu(_("Remind me again"), parent)
    for minutes in rules.SNOOZE_MINUTES:
        action = menu.addAction(_("In {minutes} minutes").format(minutes=minutes))
        action.triggered.connect(lambda _checked=False, m=minutes: choose(m))
    return menu


def reminder_title(reminder: Reminder) -> str:
    """One line: ticket number, masked customer, what is due."""
    item = reminder.item
    return f"{item.number} · {item.customer} · {_(rules.KIND_LABELS[item.kind])}"


class ReminderList(QWidget):
    """The reminders with the actions on the selected one; the caller decides what the actions do."""

    open_requested = Signal(int)
    snooze_requested = Signal(object, int)
    done_requested = Signal(object)

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._reminders: list[Reminder] = []
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels([_("When"), _("Ticket"), _("Customer"), _("What is due")])
        self.tree.setAccessibleName(_("Reminders"))
        self.tree.itemActivated.connect(lambda *_args: self._open())
        self.tree.currentItemChanged.connect(lambda *_args: self._update_buttons())
        self.empty_label = QLabel(_("No reminders."), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.open_button = QPushButton(_("&Open ticket"), self)
        self.open_button.setToolTip(_("Open the ticket in the form (Enter)"))
        self.open_button.clicked.connect(self._open)
        self.snooze_button = QPushButton(_("Remind me a&gain"), self)
        self.snooze_button.setToolTip(_("Snooze the reminder for 5, 15 or 60 minutes"))
        self.snooze_button.setMenu(snooze_menu(self, self._snooze))
        self.done_button = QPushButton(_("&Done"), self)
        self.done_button.setToolTip(_("The callback or feedback is done (recorded on the timeline); "
                                      "other reminders are dismissed"))
        self.done_button.clicked.connect(self._done)

        buttons = QHBoxLayout()
        for button in (self.open_button, self.snooze_button, self.done_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        self.show_reminders([])

    def show_reminders(self, reminders: Sequence[Reminder]) -> None:
        kept = self.current()
        self._reminders = list(reminders)
        now = self._clock()
        warning = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.tree.clear()
        for reminder in self._reminders:
            item = QTreeWidgetItem([format_datetime(reminder.fire_at), reminder.item.number, reminder.item.customer,
                                    rules.describe(reminder, now)])
            if reminder.is_overdue(now) or reminder.fire_at <= now:
                item.setIcon(COL_WHEN, warning)
                item.setToolTip(COL_WHEN, _("Due now"))
            self.tree.addTopLevelItem(item)
            if kept is not None and reminder.key == kept.key:
                self.tree.setCurrentItem(item)
        if self.tree.currentItem() is None and self._reminders:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        for column in range(COL_WHAT):
            self.tree.resizeColumnToContents(column)
        self.tree.setVisible(bool(self._reminders))
        self.empty_label.setVisible(not self._reminders)
        self._update_buttons()

    def reminders(self) -> list[Reminder]:
        return list(self._reminders)

    def current(self) -> Reminder | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        row = self.tree.indexOfTopLevelItem(item)
        return self._reminders[row] if 0 <= row < len(self._reminders) else None

    def _update_buttons(self) -> None:
        current = self.current()
        for button in (self.open_button, self.snooze_button, self.done_button):
            button.setEnabled(current is not None)
        self.done_button.setText(rules.done_label(current.item.kind) if current else _("&Done"))

    def _open(self) -> None:
        current = self.current()
        if current is not None:
            self.open_requested.emit(current.item.ticket_id)

    def _snooze(self, minutes: int) -> None:
        current = self.current()
        if current is not None:
            self.snooze_requested.emit(current, minutes)

    def _done(self) -> None:
        current = self.current()
        if current is not None:
            self.done_requested.emit(current)


class ReminderDialog(QDialog):
    """Reminders that need the agent now (no tray to pop up from, or missed while closed); not modal."""

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Reminders"))
        self.setModal(False)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.list = ReminderList(clock, self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(close)
        self.resize(720, 320)

    def present(self, reminders: Sequence[Reminder], *, missed: bool, now: datetime) -> None:
        """Add ``reminders`` to what the dialog lists and bring it forward."""
        listed = self.list.reminders() if self.isVisible() else []
        known = {r.key for r in listed}
        merged = listed + [r for r in reminders if r.key not in known]
        if missed:
            self.heading.setText(ngettext("While Hotline Desk was closed, {count} reminder fell due (as of {time}):",
                                          "While Hotline Desk was closed, {count} reminders fell due (as of {time}):",
                                          len(merged)).format(count=len(merged), time=format_datetime(now)))
        else:
            self.heading.setText(_("Due now:"))
        self.list.show_reminders(merged)
        self.show()
        self.raise_()
        self.activateWindow()

    def forget(self, reminder: Reminder) -> None:
        """Drop a reminder the agent dealt with; close when none is left."""
        left = [r for r in self.list.reminders() if r.key != reminder.key]
        self.list.show_reminders(left)
        if not left:
            self.accept()

