"""A look every few seconds, off the UI thread, at whether another workstation changed the tickets.

On a shared PostgreSQL database that is how a ticket logged or moved elsewhere reaches this window
without F5; on SQLite it also catches a second program on the same file. A slow or unreachable
server never blocks the window: the read runs in a worker thread and one look waits for the last.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.services.changes import ChangeService, Stamp
from desktop.services.errors import ServiceError
from desktop.ui.worker import BackgroundTask

log = logging.getLogger(__name__)

INTERVAL_MS = 3000


class ChangeWatcher(QObject):
    changed = Signal()  # the tickets differ from the last look
    failed = Signal(str)  # the look failed (said once until a look succeeds again)

    def __init__(self, service: ChangeService, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS
                 ) -> None:
        super().__init__(parent)
        self._service = service
        self._last: Stamp | None = None
        self._task: BackgroundTask | None = None
        self._failing = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.look)

    def start(self) -> None:
        self.look()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self._task is not None:
            self._task.wait()

    def look(self) -> None:
        """Read the stamp in a worker thread (skipped while the previous look is still out)."""
        if self._task is not None:
            return
        task = BackgroundTask(lambda _progress: self._service.stamp(), label="", parent=self, show_dialog=False)
        task.finished.connect(self._looked)
        task.failed.connect(self._look_failed)
        self._task = task
        task.start()

    def _looked(self, stamp: object) -> None:
        self._done()
        self._failing = False
        if not isinstance(stamp, tuple):
            return
        if self._last is not None and stamp != self._last:
            self.changed.emit()
        self._last = stamp  # type: ignore[assignment]

    def _look_failed(self, exc: object) -> None:
        self._done()
        if not self._failing:
            self._failing = True
            log.warning("change look failed: %s", exc)
            self.failed.emit(str(exc) if isinstance(exc, ServiceError) else type(exc).__name__)

    def _done(self) -> None:
        if self._task is not None:
            self._task.deleteLater()
            self._task = None
