"""Errors nobody expected: ``sys.excepthook`` (an exception escaping a Qt slot or event handler lands
here), ``threading.excepthook`` and Qt's critical/fatal messages.

Each one goes to the rotating log file (desktop/logs.py) with its traceback; then the open form's draft
is written and a dialog apologises, names the log file and offers the details to copy. A worker
thread's error is handed to the UI thread before any widget is touched.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtCore import QMessageLogContext, QObject, Qt, QtMsgType, Signal, qInstallMessageHandler, qVersion
from PySide6.QtWidgets import QApplication, QWidget

from desktop import __version__
from desktop.logs import configure_logging, log_file, redact
from desktop.ui.error_dialog import ErrorDialog

log = logging.getLogger("desktop.errors")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def error_details(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                  where: str = "") -> str:
    """The text of the dialog's details and of "copy details": version, system, traceback (phones masked)."""
    lines = [f"Hotline Desk {__version__}; Python {platform.python_version()}; Qt {qVersion()}; "
             f"{platform.platform()}"]
    if where:
        lines.append(where)
    lines.append("".join(traceback.format_exception(exc_type, exc, tb)).rstrip())
    return redact("\n".join(lines))


class ErrorReporter(QObject):
    """Installs the hooks; ``keep_draft`` (set by the program once the window is up) saves the form."""

    _from_thread = Signal(str)

    def __init__(self, keep_draft: Callable[[], None] | None = None, parent: QObject | None = None,
                 dialog_parent: Callable[[], QWidget | None] | None = None) -> None:
        super().__init__(parent)
        self.keep_draft = keep_draft
        self.dialog_parent = dialog_parent or (lambda: QApplication.activeWindow())
        self.dialog: ErrorDialog | None = None
        self._previous_excepthook: Callable[..., Any] | None = None
        self._previous_threading_hook: Callable[..., Any] | None = None
        self._installed_messages = False
        self._previous_messages: Callable[..., Any] | None = None
        self._from_thread.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # --- installing ----------------------------------------------------------------------

    def install(self, *, qt_messages: bool = True) -> None:
        configure_logging()
        self._previous_excepthook = sys.excepthook
        self._previous_threading_hook = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self.threading_excepthook
        if qt_messages:
            self._previous_messages = qInstallMessageHandler(self.qt_message)
            self._installed_messages = True

    def uninstall(self) -> None:
        if self._previous_excepthook is not None:
            sys.excepthook = self._previous_excepthook
        if self._previous_threading_hook is not None:
            threading.excepthook = self._previous_threading_hook
        if self._installed_messages:
            qInstallMessageHandler(self._previous_messages)
            self._installed_messages = False

    # --- the hooks -----------------------------------------------------------------------

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        log.critical("unexpected error", exc_info=(exc_type, exc, tb))
        details = error_details(exc_type, exc, tb)
        if threading.current_thread() is threading.main_thread():
            self._show(details)
        else:
            self._from_thread.emit(details)

    def threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        log.critical("unexpected error in thread %s", name, exc_info=(args.exc_type, args.exc_value,
                                                                     args.exc_traceback))
        self._from_thread.emit(error_details(args.exc_type, args.exc_value, args.exc_traceback,
                                             f"thread {name}"))

    def qt_message(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        """Qt's own messages into the log (and on to the handler before, if any); a fatal one is logged
        and flushed before Qt ends the process."""
        if self._previous_messages is not None:
            self._previous_messages(kind, context, message)
        where = f" ({context.file}:{context.line})" if context.file else ""
        if kind == QtMsgType.QtFatalMsg:
            log.critical("Qt fatal error: %s%s", message, where)
            for handler in logging.getLogger().handlers:
                handler.flush()
        elif kind == QtMsgType.QtCriticalMsg:
            log.error("Qt: %s%s", message, where)
        elif kind == QtMsgType.QtWarningMsg:
            log.warning("Qt: %s%s", message, where)

    # --- telling the user ----------------------------------------------------------------

    def _store_draft(self) -> bool:
        if self.keep_draft is None:
            return False
        try:
            self.keep_draft()
        except Exception:  # the form itself may be what failed: the error is already logged
            log.exception("the draft could not be kept after the error")
            return False
        return True

    def _show(self, details: str) -> None:
        kept = self._store_draft()
        if self.dialog is not None and self.dialog.isVisible():
            # One dialog at a time: an error repeating in a loop must not bury the window in dialogs.
            self.dialog.details += "\n\n" + details
            self.dialog.text.setPlainText(self.dialog.details)
            return
        self.dialog = ErrorDialog(details, str(log_file()), draft_kept=kept, parent=self.dialog_parent())
        self.dialog.setModal(True)
        self.dialog.show()
