"""Long work off the UI thread, with a progress dialog that can cancel it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.i18n import _

log = logging.getLogger(__name__)

# The job receives a progress callback ``(done, total) -> keep_going`` and returns its result.
Job = Callable[[Callable[[int, int], bool]], Any]


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job
        self.cancelled = False

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self.cancelled

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(self._progress)
        except Exception as exc:  # reported to the UI thread, logged with its traceback
            log.exception("background task failed")
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class BackgroundTask(QObject):
    """Runs ``job`` in a QThread; ``finished`` carries the result, ``failed`` the exception."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Job, *, label: str, parent: QWidget | None = None, show_dialog: bool = True) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._worker = _Worker(job)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.succeeded.connect(self._on_succeeded)
        self._worker.failed.connect(self._on_failed)
        self._dialog: QProgressDialog | None = None
        if show_dialog:
            dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)
            dialog.canceled.connect(self.cancel)
            self._worker.progressed.connect(self._on_progress)
            self._dialog = dialog

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._worker.cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._worker.cancelled

    def wait(self) -> None:
        self._thread.quit()
        self._thread.wait()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self._dialog is not None:
            self._dialog.setMaximum(total)
            self._dialog.setValue(done)

    def _close(self) -> None:
        self.wait()
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.deleteLater()
            self._dialog = None

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self._close()
        self.finished.emit(result)

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        self._close()
        self.failed.emit(exc)
