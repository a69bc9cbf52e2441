"""The composition root: builds the database, services and main window and runs the program."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from argon2 import PasswordHasher
from PySide6.QtCore import QEventLoop, QObject, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_ID, APP_NAME, __version__
from desktop.config import WorkstationConfig, load_config, save_config
from desktop.drafts import DraftStore
from desktop.i18n import _, current_language, set_language
from desktop.paths import config_dir, data_dir, resources_dir
from desktop.services.accounts import AccountService
from desktop.services.database import Database, open_database
from desktop.services.dto import Actor
from desktop.services.errors import ServiceError
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow
from desktop.ui.messages import Messages
from desktop.ui.qt_translations import QtTranslations
from desktop.ui.sign_in import FirstAdminDialog, SignInDialog
from desktop.ui.worker import BackgroundTask

log = logging.getLogger(__name__)

DEMO_TICKETS = 1000
DEMO_PASSWORD = "demo1234"


def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "hotline-desk.svg"))


class HotlineDesk(QObject):
    """Owns the context and the main window; rebuilds the window when the language changes."""

    def __init__(self, database: Database, config: WorkstationConfig, *, actor: Actor | None = None,
                 messages: Messages | None = None, qt_translations: QtTranslations | None = None,
                 hasher: PasswordHasher | None = None) -> None:
        super().__init__()
        self.qt_translations = qt_translations or QtTranslations()
        self.ctx = AppContext(database=database, config=config, save_config=save_config,
                              settings_path=str(config_dir() / "window.ini"), messages=messages or Messages(),
                              drafts=DraftStore(), signed_in=actor, hasher=hasher)
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


def sign_in(database: Database, config: WorkstationConfig, *, demo: bool = False) -> Actor | None:
    """The first administrator on a new database, else the sign-in dialog; None when cancelled."""
    accounts = AccountService(database.sessions)
    dialog: FirstAdminDialog | SignInDialog
    if accounts.needs_first_admin():
        dialog = FirstAdminDialog(accounts)
    else:
        hint = _("Demo accounts: A1001 (administrator), A1002 (supervisor), A1003 (agent); "
                 "password {password}").format(password=DEMO_PASSWORD) if demo else ""
        dialog = SignInDialog(accounts, code=config.agent_code or ("A1001" if demo else ""), hint=hint)
    dialog.setWindowIcon(app_icon())
    if dialog.exec() != dialog.DialogCode.Accepted or dialog.actor is None:
        return None
    config.agent_code, config.agent_name = dialog.actor.code, dialog.actor.name
    save_config(config)
    return dialog.actor


def _demo_database() -> Database | None:
    """A fresh demo database filled in a worker thread behind a cancellable progress dialog."""
    from desktop.services.demo import create_demo_accounts, generate_demo

    path = data_dir() / "demo.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    database = open_database(str(path))
    def job(progress: Callable[[int, int], bool]) -> int:
        create_demo_accounts(database, DEMO_PASSWORD)
        return generate_demo(database, DEMO_TICKETS, seed=7, progress=progress)

    task = BackgroundTask(job, label=_("Creating demo tickets…"))
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
        actor = sign_in(database, config, demo=args.demo)
        if actor is None:
            return 0
        desk = HotlineDesk(database, config, actor=actor, qt_translations=qt_translations)
        desk.window.show()
        desk.window.offer_saved_draft()
        code = app.exec()
        try:
            desk.ctx.accounts.sign_out(desk.ctx.actor())
        except ServiceError:
            log.warning("sign-out could not be recorded")
        desk.window.deleteLater()
        return code
    finally:
        database.close()
