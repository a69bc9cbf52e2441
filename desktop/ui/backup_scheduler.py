"""The daily backup while the program runs: at start-up when none was taken today, then checked every
hour for long sessions; the copy runs in a worker thread so the window never freezes."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.i18n import _
from desktop.services.backup import BackupInfo, BackupService
from desktop.services.errors import ServiceError
from desktop.ui.worker import BackgroundTask

log = logging.getLogger(__name__)

HOUR_MS = 60 * 60 * 1000


class BackupScheduler(QObject):
    """``succeeded`` carries the BackupInfo, ``failed`` a message saying what to do."""

    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, service: BackupService, parent: QObject | None = None, *, interval_ms: int = HOUR_MS) -> None:
        super().__init__(parent)
        self.service = service
        self._task: BackgroundTask | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.run_if_due)

    @property
    def running(self) -> bool:
        return self._task is not None

    def start(self) -> None:
        self.run_if_due()
        self._timer.start()

    def stop(self) -> None:
        """Stop the timer and let a backup under way finish (never cut a copy in half)."""
        self._timer.stop()
        if self._task is not None:
            self._task.wait()
            self._task = None

    def run_if_due(self) -> bool:
        """Start a backup in the background when one is due; False when none was started."""
        if self._task is not None:
            return False
        try:
            due = self.service.is_due()
        except OSError:
            log.exception("could not look at the backup folder")
            due = True
        if not due:
            return False
        task = BackgroundTask(lambda _progress: self.service.create(), label=_("Backing up the database…"),
                              show_dialog=False)
        task.finished.connect(self._succeeded)
        task.failed.connect(self._failed)
        self._task = task
        task.start()
        return True

    def _succeeded(self, info: BackupInfo) -> None:
        self._task = None
        log.info("daily backup written: %s", info.path)
        self.succeeded.emit(info)

    def _failed(self, exc: object) -> None:
        self._task = None
        message = str(exc) if isinstance(exc, ServiceError) else _(
            "The daily backup failed ({reason}). Run hotline-desk check, or tell your administrator.").format(
            reason=type(exc).__name__)
        self.failed.emit(message)
