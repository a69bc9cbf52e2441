"""One timer armed for the next reminder; the reminders themselves come from ReminderService.

After every change that can move the next moment (a save, a move, a snooze, a done) the timer is armed
again. It also re-reads at least every few minutes: that catches tickets changed on another station of a
shared database and a clock that jumped (sleep, resume). A failed read is logged and retried.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal, SignalInstance

from desktop.rules import reminders as rules
from desktop.rules.reminders import Reminder
from desktop.services.clock import Clock
from desktop.services.dto import Actor
from desktop.services.errors import ServiceError
from desktop.services.reminders import ReminderService

log = logging.getLogger(__name__)

RECHECK = timedelta(minutes=5)
RETRY = timedelta(seconds=30)


class ReminderScheduler(QObject):
    fired = Signal(list)  # reminders that fell due now (each once)
    missed = Signal(list)  # at start: those that fell due while the program was closed
    changed = Signal()  # the agenda may differ: the tray and the panel read it again
    failed = Signal(str)  # a read or a mark the database refused

    def __init__(self, service: ReminderService, actor: Callable[[], Actor], clock: Clock,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._actor = actor
        self._clock = clock
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._fire)
        self.next_at: datetime | None = None
        self._agenda: list[Reminder] = []
        self._retrying = False

    def start(self) -> None:
        """Report what was missed while closed, then arm the timer."""
        self._take(self.missed)

    def stop(self) -> None:
        self.timer.stop()

    def agenda(self) -> list[Reminder]:
        """The reminders as last read (refreshed by every re-arm)."""
        return list(self._agenda)

    def rearm(self) -> None:
        """Read the agenda, arm the timer for the next moment (or the re-check), tell the views."""
        try:
            agenda = self.service.agenda(self._actor())
        except ServiceError as exc:
            self._failed(exc)
            agenda = None
        self._arm(agenda)

    def _arm(self, agenda: list[Reminder] | None) -> None:
        now = self._clock()
        if agenda is None:  # the read failed: try again at the re-check
            self.next_at = None
        else:
            self._agenda = agenda
            self.next_at = rules.next_fire(agenda, now)
            if rules.due_now(agenda, now):
                # Fell due between two reads: show it at once (or shortly, when showing just failed).
                self.next_at = now + RETRY if self._retrying else now
        wait = RECHECK if self.next_at is None else min(RECHECK, max(timedelta(0), self.next_at - now))
        # +1 ms: a timer landing a hair early would find nothing due and re-arm for 0 ms.
        self.timer.start(int(wait.total_seconds() * 1000) + 1)
        self.changed.emit()

    def fire_now(self) -> None:
        """What the timer does when it runs out (tests and "check now" call it directly)."""
        self._fire()

    def snooze(self, reminder: Reminder, minutes: int) -> None:
        self._act(lambda: self.service.snooze(self._actor(), reminder, minutes))

    def done(self, reminder: Reminder) -> None:
        self._act(lambda: self.service.done(self._actor(), reminder))

    def _act(self, action: Callable[[], object]) -> None:
        try:
            action()
        except ServiceError as exc:
            self._failed(exc)
        self.rearm()

    def _fire(self) -> None:
        self._take(self.fired)

    def _take(self, signal: SignalInstance) -> None:
        """Take what is due (one read), report it on ``signal``, arm for the next moment."""
        try:
            due, agenda = self.service.fire(self._actor())
        except ServiceError as exc:
            self._failed(exc)
            self._retrying = True
            self.rearm()
            return
        self._retrying = False
        if due:
            signal.emit(due)
        self._arm(agenda)

    def _failed(self, exc: ServiceError) -> None:
        log.warning("reminders: %s", exc)
        self.failed.emit(str(exc))
