"""An error nobody expected: logged with its traceback, the draft kept, a dialog that says where the log is.
And Help → About: version, folders, licences, copy to the clipboard."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QMessageLogContext, Qt, QtMsgType
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from desktop import __version__
from desktop.drafts import DraftStore
from desktop.logs import log_file
from desktop.paths import data_dir, log_dir
from desktop.ui.about_dialog import AboutDialog
from desktop.ui.error_reporter import ErrorReporter, error_details
from tests.ui.conftest import type_text


@pytest.fixture
def reporter(desk) -> Iterator[ErrorReporter]:  # type: ignore[no-untyped-def]
    """The hooks as the program installs them, wired to the desk's draft; the log handler removed after."""
    root = logging.getLogger()
    before = list(root.handlers)
    errors = ErrorReporter(keep_draft=desk.store_draft, dialog_parent=lambda: desk.window)
    errors.install(qt_messages=False)
    yield errors
    errors.uninstall()
    if errors.dialog is not None:
        errors.dialog.close()
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def _failing_button(qtbot, message: str) -> QPushButton:  # type: ignore[no-untyped-def]
    button = QPushButton("fail")
    qtbot.addWidget(button)

    def slot() -> None:
        raise RuntimeError(message)

    button.clicked.connect(slot)
    return button


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_the_draft_kept_and_a_dialog_shown(qtbot, desk, reporter, english) -> None:  # type: ignore[no-untyped-def]
    window = desk.window
    window.new_call()
    type_text(qtbot, window.form.description, "客户来电咨询物流")
    button = _failing_button(qtbot, "lookup failed for 13912345678")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    dialog = reporter.dialog
    assert dialog is not None and dialog.isVisible()
    assert str(log_file()) in dialog.log_label.text()
    assert str(log_dir()) in dialog.log_label.text()
    assert "kept as a draft" in dialog.apology.text()
    assert "RuntimeError" in dialog.details and __version__ in dialog.details
    assert "13912345678" not in dialog.details  # phone numbers masked, as in the log

    saved = DraftStore().load("A1001")
    assert saved is not None and saved.draft.description == "客户来电咨询物流"

    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_file().read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged
    assert "RuntimeError: lookup failed for 139****5678" in logged
    assert "in slot" in logged

    dialog.copy_details()
    assert QGuiApplication.clipboard().text() == dialog.details


@pytest.mark.qt_no_exception_capture
def test_a_second_error_joins_the_open_dialog(qtbot, desk, reporter) -> None:  # type: ignore[no-untyped-def]
    first = _failing_button(qtbot, "first failure")
    second = _failing_button(qtbot, "second failure")
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    dialog = reporter.dialog
    qtbot.mouseClick(second, Qt.MouseButton.LeftButton)
    assert reporter.dialog is dialog
    assert "first failure" in dialog.text.toPlainText() and "second failure" in dialog.text.toPlainText()


def test_an_error_in_a_worker_thread_reaches_the_dialog_on_the_ui_thread(qtbot, desk, reporter) -> None:  # type: ignore[no-untyped-def]
    def work() -> None:
        raise ValueError("worker broke")

    thread = threading.Thread(target=work, name="export-worker")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert "worker broke" in reporter.dialog.details and "export-worker" in reporter.dialog.details
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "ValueError: worker broke" in log_file().read_text(encoding="utf-8")


def test_a_failing_draft_store_does_not_stop_the_dialog(qtbot, desk, reporter, english) -> None:  # type: ignore[no-untyped-def]
    def broken() -> None:
        raise OSError("disk gone")

    reporter.keep_draft = broken
    try:
        raise KeyError("x")
    except KeyError as exc:
        reporter.excepthook(KeyError, exc, exc.__traceback__)
    assert reporter.dialog is not None and reporter.dialog.isVisible()
    assert "draft" not in reporter.dialog.apology.text()


def test_qt_critical_and_fatal_messages_go_to_the_log(desk, reporter) -> None:  # type: ignore[no-untyped-def]
    reporter.qt_message(QtMsgType.QtFatalMsg, QMessageLogContext(), "cannot create the GL context")
    reporter.qt_message(QtMsgType.QtCriticalMsg, QMessageLogContext(), "painter not active")
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_file().read_text(encoding="utf-8")
    assert "Qt fatal error: cannot create the GL context" in logged
    assert "Qt: painter not active" in logged


def test_the_details_name_the_version_and_the_place() -> None:
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError as exc:
        text = error_details(ZeroDivisionError, exc, exc.__traceback__, "thread t1")
    assert text.startswith(f"Hotline Desk {__version__}; Python ")
    assert "thread t1" in text and "ZeroDivisionError: boom" in text


def test_about_shows_version_folders_and_licences(qtbot, window, english) -> None:  # type: ignore[no-untyped-def]
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    info = dialog.info
    assert info.version == __version__
    assert info.database == window.ctx.database.location
    assert info.data_folder == str(data_dir()) and info.log_folder == str(log_dir())
    rows = {dialog.components.item(row, 0).text(): dialog.components.item(row, 2).text()
            for row in range(dialog.components.rowCount())}
    assert "LGPL-3.0" in rows["PySide6-Essentials"]
    assert rows["SQLAlchemy"] == "MIT"
    assert {"reportlab", "openpyxl", "babel", "alembic"} <= rows.keys()
    dialog.copy_details()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"Hotline Desk {__version__}")
    assert f"Database: {window.ctx.database.location}" in copied
    assert "PySide6-Essentials" in copied
    dialog.close()


def test_the_program_installs_the_hooks_while_it_runs_and_removes_them_after(qtbot, monkeypatch, db_path) -> None:  # type: ignore[no-untyped-def]
    import argparse
    import sys

    from PySide6.QtWidgets import QApplication

    from desktop import app as app_module
    from desktop.config import WorkstationConfig, save_config
    from desktop.services.dto import Actor

    save_config(WorkstationConfig(agent_code="A1001", agent_name="张敏"))
    monkeypatch.setattr(app_module, "sign_in", lambda *_args, **_kw: Actor("A1001", "张敏", "admin"))
    seen: dict[str, object] = {}
    before = sys.excepthook

    def fake_exec(*_args: object) -> int:
        hook = sys.excepthook
        seen["reporter"] = getattr(hook, "__self__", None)
        seen["thread_hook"] = threading.excepthook
        seen["keep_draft"] = getattr(seen["reporter"], "keep_draft", None)
        for widget in QApplication.topLevelWidgets():
            widget.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        assert app_module.run_gui(argparse.Namespace(db=str(db_path), lang=None, demo=False)) == 0
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
    reporter = seen["reporter"]
    assert isinstance(reporter, ErrorReporter)
    assert seen["thread_hook"] == reporter.threading_excepthook
    keep_draft = seen["keep_draft"]
    assert getattr(keep_draft, "__name__", "") == "store_draft"  # the desk's: the open form is saved first
    assert sys.excepthook is before  # put back when the program ends
