"""The system-tray icon: at a glance whether anything is overdue, what is due today, the next reminders.

Notifications pop up from here (ticket number, masked customer, what is due); clicking one opens that
ticket. The menu lists the next reminders, each with Open / Remind me again / Done, then Show and Quit.
Whether a tray exists is decided by the caller (``QSystemTrayIcon.isSystemTrayAvailable()`` in the
program, injected in tests).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop import APP_NAME
from desktop.i18n import _, format_time, ngettext
from desktop.rules import reminders as rules
from desktop.rules.reminders import Reminder
from desktop.ui.reminder_views import reminder_title, snooze_menu

MENU_ITEMS = 8
_BADGE = QColor(220, 38, 38)


def badged(icon: QIcon, size: int = 64) -> QIcon:
    """The icon with a red dot and a white "!" in the corner: something is overdue."""
    pixmap = icon.pixmap(size, size)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    radius = size * 0.24
    centre = QPointF(size - radius - 1, radius + 1)
    painter.setPen(QPen(QColor("white"), size * 0.05))
    painter.setBrush(QBrush(_BADGE))
    painter.drawEllipse(centre, radius, radius)
    painter.setPen(QPen(QColor("white")))
    font = painter.font()
    font.setBold(True)
    font.setPixelSize(int(radius * 1.5))
    painter.setFont(font)
    painter.drawText(QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius),
                     Qt.AlignmentFlag.AlignCenter, "!")
    painter.end()
    return QIcon(pixmap)


class Tray(QObject):
    open_requested = Signal(int)
    snooze_requested = Signal(object, int)
    done_requested = Signal(object)
    show_requested = Signal()
    quit_requested = Signal()

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icon = icon
        self._alert_icon = badged(icon)
        self.overdue = 0
        self.icon = QSystemTrayIcon(icon, self)
        self.menu = QMenu()
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self._message_clicked)
        self._last_shown: int | None = None
        self.update([], datetime.now().astimezone())

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def update(self, agenda: Sequence[Reminder], now: datetime) -> None:
        """Icon, tooltip and menu from the agent's agenda."""
        self.overdue, today = rules.counts(agenda, now)
        self.icon.setIcon(self._alert_icon if self.overdue else self._icon)
        parts = [APP_NAME, ngettext("{count} due today", "{count} due today", today).format(count=today)]
        if self.overdue:
            parts.append(ngettext("{count} overdue", "{count} overdue", self.overdue).format(count=self.overdue))
        self.icon.setToolTip(" · ".join(parts))
        self._build_menu(agenda, now)

    def notify(self, reminders: Sequence[Reminder], now: datetime) -> None:
        """Pop up a notification; clicking it opens the (first) ticket."""
        if not reminders:
            return
        first = reminders[0]
        self._last_shown = first.item.ticket_id
        title = f"{first.item.number} · {first.item.customer}"
        text = rules.describe(first, now)
        if len(reminders) > 1:
            more = len(reminders) - 1
            text += "\n" + ngettext("and {count} more reminder", "and {count} more reminders", more).format(
                count=more)
        self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15000)

    def tell(self, message: str) -> None:
        self._last_shown = None
        self.icon.showMessage(APP_NAME, message, QSystemTrayIcon.MessageIcon.Information, 8000)

    def _build_menu(self, agenda: Sequence[Reminder], now: datetime) -> None:
        self.menu.clear()
        upcoming = list(agenda)
        if not upcoming:
            self.menu.addAction(_("No reminders")).setEnabled(False)
        else:
            self.menu.addSection(_("Next reminders"))
        for reminder in upcoming[:MENU_ITEMS]:
            sub = self.menu.addMenu(f"{format_time(reminder.fire_at)}  {reminder_title(reminder)}")
            sub.setToolTip(rules.describe(reminder, now))
            sub.addAction(_("Open ticket")).triggered.connect(
                lambda _checked=False, r=reminder: self.open_requested.emit(r.item.ticket_id))
            sub.addMenu(snooze_menu(sub, lambda minutes, r=reminder: self.snooze_requested.emit(r, minutes)))
            sub.addAction(rules.done_label(reminder.item.kind)).triggered.connect(
                lambda _checked=False, r=reminder: self.done_requested.emit(r))
        if len(upcoming) > MENU_ITEMS:
            more = len(upcoming) - MENU_ITEMS
            self.menu.addAction(ngettext("{count} more in the Reminders panel", "{count} more in the Reminders panel",
                                         more).format(count=more)).triggered.connect(self.show_requested.emit)
        self.menu.addSeparator()
        self.menu.addAction(_("Show Hotline Desk")).triggered.connect(self.show_requested.emit)
        self.menu.addAction(_("Quit")).triggered.connect(self.quit_requested.emit)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_requested.emit()

    def _message_clicked(self) -> None:
        if self._last_shown is not None:
            self.open_requested.emit(self._last_shown)
        else:
            self.show_requested.emit()
