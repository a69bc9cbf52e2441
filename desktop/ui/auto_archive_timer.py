"""One timer for the automatic daily archive; which days and when come from AutoArchiveService.

At start-up it writes the days missed while the program was closed, then it is armed for the set time of
the next working day. It also wakes at least every hour (a clock that jumped, a computer that slept) and
after the settings change. The PDFs are written in a worker thread, without a progress dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop.export.documents import Imprint
from desktop.services.auto_archive import AutoArchiveService, AutoArchiveSettings, RunReport
from desktop.services.clock import Clock
from desktop.services.errors import ServiceError
from desktop.ui.worker import BackgroundTask

log = logging.getLogger(__name__)

RECHECK = timedelta(hours=1)


class AutoArchiveTimer(QObject):
    written = Signal(list)  # the days whose PDF was just written
    failed = Signal(str)  # what went wrong, to tell the user
    idle = Signal()  # a run ended (written or not): tests and the status bar wait for it

    def __init__(self, service: AutoArchiveService, settings: Callable[[], AutoArchiveSettings],
                 imprint: Callable[[], Imprint], clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._settings = settings
        self._imprint = imprint
        self._clock = clock
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self.timer.timeout.connect(self.run_now)
        self.task: BackgroundTask | None = None
        self.next_at: datetime | None = None
        self._stopping = False

    def start(self) -> None:
        """Write what was missed, then arm for the next day (nothing while switched off)."""
        self._stopping = False
        self.run_now()

    def stop(self) -> None:
        """Stop the timer and wait for a run in progress (it stops between two days)."""
        self._stopping = True
        self.timer.stop()
        if self.task is not None:
            self.task.wait()

    def run_now(self) -> None:
        if self.task is not None or self._stopping:
            return
        settings = self._settings()
        if not settings.enabled:
            self.timer.stop()
            self.next_at: datetime | None = None
            self.idle.emit()
            return
        imprint = self._imprint()

        def job(_progress: Callable[[int, int], bool]) -> RunReport:
            return self.service.run(settings, imprint, keep_going=lambda: not self._stopping)

        task = BackgroundTask(job, label="", show_dialog=False)
        task.finished.connect(self._finished)
        task.failed.connect(lambda exc: self._finished(RunReport(problem=str(exc))))
        self.task = task
        task.start()

    def _finished(self, report: RunReport) -> None:
        if self.task is not None:
            self.task.deleteLater()
            self.task = None
        days: list[date] = list(report.written)
        if days:
            self.written.emit(days)
        for message in report.messages():
            self.failed.emit(message)
        self.rearm()
        self.idle.emit()

    def rearm(self) -> None:
        """Arm for the next working day's set time (or the hourly re-check, whichever comes first)."""
        if self._stopping:
            return
        settings = self._settings()
        try:
            self.next_at = self.service.next_run(settings)
        except ServiceError as exc:
            log.warning("automatic archive: %s", exc)
            self.next_at: datetime | None = None
        if not settings.enabled:
            self.timer.stop()
            return
        wait = RECHECK
        if self.next_at is not None:
            wait = min(RECHECK, max(timedelta(0), self.next_at - self._clock()))
        self.timer.start(int(wait.total_seconds() * 1000) + 1000)  # a little after: the day is due then
