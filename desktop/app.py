"""The composition root: builds the database, services and main window and runs the program."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_ID, APP_NAME, __version__
from desktop.config import WorkstationConfig, load_config, save_config
from desktop.drafts import DraftStore
from desktop.i18n import _, current_language, set_language
from desktop.paths import config_dir, data_dir, resources_dir
from desktop.services.database import Database, open_database
from desktop.services.errors import ServiceError
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow
from desktop.ui.messages import Messages
from desktop.ui.qt_translations import QtTranslations
from desktop.ui.settings_dialog import AgentDialog
from desktop.ui.worker import BackgroundTask

log = logging.getLogger(__name__)

DEMO_TICKETS = 1000


def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "hotline-desk.svg"))


class HotlineDesk(QObject):
    """Owns the context and the main window; rebuilds the window when the language changes."""

    def __init__(self, database: Database, config: WorkstationConfig, *, messages: Messages | None = None,
                 qt_translations: QtTranslations | None = None) -> None:
        super().__init__()
        self.qt_translations = qt_translations or QtTranslations()
        self.ctx = AppContext(database=database, config=config, save_config=save_config,
                              settings_path=str(config_dir() / "window.ini"), messages=messages or Messages(),
                              drafts=DraftStore())
        self.window = self._make_window()

    def _make_window(self) -> MainWindow:
        window = MainWindow(self.ctx)
        window.setWindowIcon(app_icon())
        window.language_changed.connect(self.switch_language, Qt.ConnectionType.QueuedConnection)
        return window

    def switch_language(self) -> None:
        """Rebuild the window in the new language, carrying over what was being typed."""
        kept = self.window.keep_draft()
        old = self.window
        old.save_geometry()
        set_language(self.ctx.config.language)
        self.qt_translations.install(current_language())
        self.ctx.reload_lists()
        self.window = self._make_window()
        if kept is not None:
            self.window.form.restore_draft(*kept)
        self.window.show()
        old.hide()
        old.deleteLater()


def _ask_agent(config: WorkstationConfig) -> WorkstationConfig | None:
    dialog = AgentDialog()
    dialog.setWindowIcon(app_icon())
    if dialog.exec() != AgentDialog.DialogCode.Accepted:
        return None
    config.agent_code = dialog.code.text().strip()
    config.agent_name = dialog.name.text().strip()
    save_config(config)
    return config


def _demo_database() -> Database | None:
    """A fresh demo database filled in a worker thread behind a cancellable progress dialog."""
    from desktop.services.demo import generate_demo

    path = data_dir() / "demo.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    database = open_database(str(path))
    task = BackgroundTask(lambda progress: generate_demo(database, DEMO_TICKETS, seed=7, progress=progress),
                          label=_("Creating demo tickets…"))
    outcome: dict[str, object] = {}
    loop = QEventLoop()

    def finish(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    task.finished.connect(lambda result: finish("done", result))
    task.failed.connect(lambda exc: finish("failed", exc))
    task.start()
    loop.exec()  # the window stays responsive; the progress dialog can cancel
    if "failed" in outcome:
        database.close()
        QMessageBox.critical(None, APP_NAME, _("The demo data could not be created: {reason}").format(
            reason=outcome["failed"]))
        return None
    return database


def run_gui(args: argparse.Namespace) -> int:
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_ID)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    qt_translations = QtTranslations()
    qt_translations.install(current_language())

    config = load_config()
    if args.lang:
        config.language = current_language()
    try:
        database = _demo_database() if args.demo else open_database(args.db)
    except ServiceError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    if database is None:
        return 1
    try:
        if not config.has_agent:
            asked = _ask_agent(config)
            if asked is None:
                return 0
            config = asked
        desk = HotlineDesk(database, config, qt_translations=qt_translations)
        desk.window.show()
        desk.window.offer_saved_draft()
        code = app.exec()
        desk.window.deleteLater()
        return code
    finally:
        database.close()
