"""A query that may take a while, run on a pool thread while the window stays live: the latest request wins.

Typing 物 then 物流 runs the search for 物 (if it already started) and then only 物流: a request made
while a job runs waits, replacing any request still waiting, so a fast typist never queues stale work.
A job is a generator run on Qt's global thread pool; each value it yields reaches :attr:`LatestJob.result`
in the UI thread, in order, tagged with the request's number, so the receiver can drop what an earlier
request yields. Call :meth:`LatestJob.wait` before the owner goes (a closing window).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Job = Callable[[], Iterator[object]]


class _Relay(QObject):
    """Carries what a pool thread yields to the UI thread (queued: the relay lives in the UI thread)."""

    value = Signal(int, object)
    error = Signal(int, object)
    done = Signal(int)


class _Run(QRunnable):
    def __init__(self, relay: _Relay, number: int, job: Job, finished: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._relay, self._number, self._job, self._finished = relay, number, job, finished

    def run(self) -> None:
        try:
            for value in self._job():
                if not self._tell("value", self._number, value):
                    return  # the owner went: nobody wants the rest
        except Exception as exc:  # reported to the UI thread; logged with its traceback
            log.exception("background query failed")
            self._tell("error", self._number, exc)
        finally:
            self._tell("done", self._number)
            self._finished.set()

    def _tell(self, signal: str, *args: object) -> bool:
        """Emit on the relay; False when its owner has been deleted meanwhile (a model dropped mid-search)."""
        try:
            getattr(self._relay, signal).emit(*args)
        except RuntimeError:  # "Signal source has been deleted" / "C++ object already deleted"
            return False
        return True


class LatestJob(QObject):
    """One job at a time on a pool thread; at most one more waits, and a newer request replaces it."""

    result = Signal(int, object)  # (request number, a value the job yielded)
    failed = Signal(int, object)  # (request number, the exception)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._relay.value.connect(self.result)
        self._relay.error.connect(self.failed)
        self._relay.done.connect(self._done)
        self._number = 0
        self._running: int | None = None
        self._waiting: tuple[int, Job] | None = None
        self._finished = threading.Event()
        self._finished.set()

    @property
    def latest(self) -> int:
        """The number of the newest request (what a receiver keeps)."""
        return self._number

    @property
    def busy(self) -> bool:
        return self._running is not None or self._waiting is not None

    def request(self, job: Job) -> int:
        self._number += 1
        if self._running is None:
            self._start(self._number, job)
        else:
            self._waiting = (self._number, job)
        return self._number

    def _start(self, number: int, job: Job) -> None:
        self._running = number
        self._finished.clear()
        QThreadPool.globalInstance().start(_Run(self._relay, number, job, self._finished))

    @Slot(int)
    def _done(self, number: int) -> None:
        if number != self._running:
            return
        self._running = None
        if self._waiting is not None:
            waiting, self._waiting = self._waiting, None
            self._start(*waiting)

    def drop(self) -> None:
        """Forget the requests made so far: what waits never runs, what runs is ignored when it yields."""
        self._waiting = None
        self._number += 1

    def wait(self, timeout_s: float = 30.0) -> None:
        """Drop the requests and let the running job finish (before the owner goes)."""
        self.drop()
        self._finished.wait(timeout_s)
