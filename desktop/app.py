"""The composition root: builds the database, services and main window and runs the program."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from argon2 import PasswordHasher
from PySide6.QtCore import QEventLoop, QObject, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

import desktop.ui  # noqa: F401  (first of the program's modules after Qt: lightens PySide6's per-import check)
from desktop import APP_ID, APP_NAME, __version__
from desktop.autostart import Autostart
from desktop.config import WorkstationConfig, archive_folder, load_config, save_config
from desktop.drafts import DraftStore
from desktop.export.documents import Imprint
from desktop.i18n import _, current_language, ngettext, set_language
from desktop.paths import config_dir, data_dir, resources_dir
from desktop.rules.reminders import Reminder
from desktop.services.accounts import AccountService
from desktop.services.auto_archive import AutoArchiveService, AutoArchiveSettings
from desktop.services.backup import BackupService, configured_backups
from desktop.services.changes import ChangeService
from desktop.services.clock import Clock, utc_now
from desktop.services.database import Database, open_database, sqlite_path
from desktop.services.dto import Actor
from desktop.services.errors import DatabaseDamaged, ServiceError
from desktop.services.sqlite_safety import deep_check
from desktop.ui.auto_archive_timer import AutoArchiveTimer
from desktop.ui.backup_scheduler import BackupScheduler
from desktop.ui.change_watcher import ChangeWatcher
from desktop.ui.context import AppContext
from desktop.ui.error_reporter import ErrorReporter
from desktop.ui.main_window import MainWindow
from desktop.ui.messages import Messages
from desktop.ui.qt_translations import QtTranslations
from desktop.ui.recovery import offer_restore, waiting
from desktop.ui.reminder_scheduler import ReminderScheduler
from desktop.ui.reminder_views import ReminderDialog
from desktop.ui.sign_in import FirstAdminDialog, SignInDialog
from desktop.ui.single_instance import SingleInstance
from desktop.ui.tray import Tray
from desktop.ui.worker import BackgroundTask

log = logging.getLogger(__name__)

DEMO_TICKETS = 1000
DEMO_PASSWORD = "demo1234"


def app_icon() -> QIcon:
    """The program's icon (window, tray, dialogs): the SVG, plus the rendered PNGs that stay crisp at
    16 and 32 px where the SVG would be scaled down."""
    icons = resources_dir() / "icons"
    icon = QIcon(str(icons / "hotline-desk.svg"))
    for size in (16, 32, 48, 256):
        png = icons / f"hotline-desk-{size}.png"
        if png.exists():
            icon.addFile(str(png), QSize(size, size))
    return icon


class HotlineDesk(QObject):
    """Owns the context, the main window, the tray and the reminders; rebuilds the window when the
    language changes. With a system tray, closing the window hides it and the reminders run on."""

    def __init__(self, database: Database, config: WorkstationConfig, *, actor: Actor | None = None,
                 messages: Messages | None = None, qt_translations: QtTranslations | None = None,
                 hasher: PasswordHasher | None = None, clock: Clock = utc_now,
                 tray_available: bool | None = None, autostart: Autostart | None = None,
                 backups: BackupService | None = None) -> None:
        super().__init__()
        self.qt_translations = qt_translations or QtTranslations()
        self.ctx = AppContext(database=database, config=config, save_config=save_config,
                              settings_path=str(config_dir() / "window.ini"), messages=messages or Messages(),
                              drafts=DraftStore(), signed_in=actor, hasher=hasher, clock=clock,
                              autostart=autostart or Autostart())
        self.scheduler = ReminderScheduler(self.ctx.reminders, self.ctx.actor, self.ctx.clock, self)
        # Other workstations' changes: the table, the open ticket and the reminders follow within seconds.
        self.changes = ChangeWatcher(ChangeService(database.sessions), self)
        self.changes.changed.connect(lambda: self.window.changed_elsewhere())
        self.changes.changed.connect(self.scheduler.rearm)
        self.changes.failed.connect(lambda message: self.window.statusBar().showMessage(message, 15000))
        if tray_available is None:
            tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray: Tray | None = Tray(app_icon(), self) if tray_available else None
        self.reminder_dialog: ReminderDialog | None = None
        self._health_check: BackgroundTask | None = None
        self.auto_archive = AutoArchiveTimer(AutoArchiveService(database.sessions, clock=self.ctx.clock),
                                             self._archive_settings, self._imprint, self.ctx.clock, self)
        self.auto_archive.written.connect(self._archived)
        self.auto_archive.failed.connect(self._archive_failed)
        self._archive_told: set[str] = set()
        self.backups = BackupScheduler(backups, self) if backups is not None else None
        if self.backups is not None:
            self.backups.failed.connect(self._backup_failed)
        self.window = self._make_window()
        self.scheduler.fired.connect(self._fired)
        self.scheduler.missed.connect(self._missed)
        self.scheduler.changed.connect(self._show_agenda)
        self.scheduler.failed.connect(lambda message: self.window.statusBar().showMessage(message, 15000))
        if self.tray is not None:
            self.tray.open_requested.connect(self.open_ticket)
            self.tray.snooze_requested.connect(self.snooze)
            self.tray.done_requested.connect(self.done)
            self.tray.show_requested.connect(self.window_forward)
            self.tray.quit_requested.connect(self.quit)

    def _make_window(self) -> MainWindow:
        window = MainWindow(self.ctx)
        window.setWindowIcon(app_icon())
        window.language_changed.connect(self.switch_language, Qt.ConnectionType.QueuedConnection)
        window.set_close_to_tray(self.tray is not None)
        window.form.saved.connect(lambda _ticket_id: self.scheduler.rearm())
        window.reminders_changed.connect(self.scheduler.rearm)
        window.settings_applied.connect(self.auto_archive.run_now)
        window.hidden_to_tray.connect(self._hidden_to_tray)
        window.quit_requested.connect(self.quit)
        window.reminder_list.open_requested.connect(self.open_ticket)
        window.reminder_list.snooze_requested.connect(self.snooze)
        window.reminder_list.done_requested.connect(self.done)
        window.reminder_list.show_reminders(self.scheduler.agenda())
        return window

    # --- automatic archive ---------------------------------------------------------------

    def start_auto_archive(self) -> None:
        """Write the days missed while closed, then arm for the next working day (when switched on)."""
        self.auto_archive.start()

    def _archive_settings(self) -> AutoArchiveSettings:
        config = self.ctx.config
        return AutoArchiveSettings.of(config.auto_archive, config.auto_archive_time, archive_folder(config),
                                      config.auto_archive_since)

    def _imprint(self) -> Imprint:
        actor = self.ctx.actor()
        return Imprint.of(self.ctx.config.centre_name, actor.name, actor.code)

    def _archived(self, days: list[date]) -> None:
        text = ngettext("Archive PDF written for {days}.", "Archive PDFs written for {days}.", len(days)).format(
            days=", ".join(day.isoformat() for day in days))
        self.window.statusBar().showMessage(text, 30000)

    def _archive_failed(self, message: str) -> None:
        """Told once per problem (the timer wakes every hour); always in the status bar and the log."""
        self.window.statusBar().showMessage(message, 30000)
        if message not in self._archive_told:
            self._archive_told.add(message)
            self.ctx.messages.error(self.window, _("Automatic archive"), message)
    # --- the database's own health --------------------------------------------------------

    def check_in_background(self) -> None:
        """The full integrity check of a big SQLite file, off the UI thread (it only had the header
        check before it was opened: a full one takes seconds there)."""
        path = sqlite_path(self.ctx.database.url)
        if path is None or self.ctx.database.fully_checked:
            return
        task = BackgroundTask(lambda _progress: deep_check(str(path)), label="", parent=self, show_dialog=False)
        task.finished.connect(lambda problem: self._checked(task, problem))
        task.failed.connect(lambda exc: log.warning("background integrity check failed: %s", exc))
        self._health_check = task
        task.start()

    def _checked(self, task: BackgroundTask, problem: object) -> None:
        task.deleteLater()
        if problem is None:
            return
        self.window.form.store_draft()
        self.ctx.messages.error(self.window, APP_NAME, _(
            "The database failed its integrity check: {problem}. Hotline Desk stops using it now; the ticket "
            "being typed is kept as a draft. Start the program again: it will offer to restore the newest good "
            "backup and keep the damaged file aside.").format(problem=problem))
        self.scheduler.stop()
        self.changes.stop()
        QApplication.quit()

    # --- backups ---------------------------------------------------------------------

    def start_backups(self) -> None:
        """The daily backup of a SQLite database: now if none today, then checked every hour."""
        if self.backups is not None:
            self.backups.start()

    def _backup_failed(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 60000)
        if self.tray is not None:
            self.tray.tell(message)

    # --- reminders -------------------------------------------------------------------

    def start_reminders(self) -> None:
        """Show the tray icon, list what was missed while closed, arm the timer."""
        if self.tray is not None:
            self.tray.show()
        self.scheduler.start()

    def open_ticket(self, ticket_id: int) -> None:
        self.window_forward()
        if self.window.open_ticket(ticket_id):
            self.window.form_dock.show()
            self.window.form_dock.raise_()

    def window_forward(self) -> None:
        self.window.bring_forward()

    def store_draft(self) -> None:
        """Keep what the form holds (called before an error dialog shows)."""
        self.window.store_draft()

    def snooze(self, reminder: Reminder, minutes: int) -> None:
        self.scheduler.snooze(reminder, minutes)
        self._forget(reminder)

    def done(self, reminder: Reminder) -> None:
        self.scheduler.done(reminder)
        self._forget(reminder)
        form = self.window.form
        if form.ticket_id == reminder.item.ticket_id and not form.is_dirty():
            try:
                form.open_ticket(reminder.item.ticket_id)  # read again: the timeline shows the new line
            except ServiceError:
                log.warning("could not read the ticket again after a reminder was done")

    def _forget(self, reminder: Reminder) -> None:
        if self.reminder_dialog is not None and self.reminder_dialog.isVisible():
            self.reminder_dialog.forget(reminder)

    def _dialog(self) -> ReminderDialog:
        if self.reminder_dialog is None:
            self.reminder_dialog = ReminderDialog(self.ctx.clock, self.window)
            self.reminder_dialog.list.open_requested.connect(self.open_ticket)
            self.reminder_dialog.list.snooze_requested.connect(self.snooze)
            self.reminder_dialog.list.done_requested.connect(self.done)
        return self.reminder_dialog

    def _fired(self, reminders: list[Reminder]) -> None:
        now = self.ctx.clock()
        if self.tray is not None:
            self.tray.notify(reminders, now)
        else:
            self._dialog().present(reminders, missed=False, now=now)
        QApplication.alert(self.window)

    def _missed(self, reminders: list[Reminder]) -> None:
        self._dialog().present(reminders, missed=True, now=self.ctx.clock())

    def _show_agenda(self) -> None:
        agenda = self.scheduler.agenda()
        self.window.reminder_list.show_reminders(agenda)
        if self.tray is not None:
            self.tray.update(agenda, self.ctx.clock())

    def _hidden_to_tray(self) -> None:
        settings = QSettings(self.ctx.settings_path, QSettings.Format.IniFormat)
        if self.tray is not None and not settings.value("tray/told", False, type=bool):
            self.tray.tell(_("Hotline Desk keeps running in the tray and goes on reminding you of callbacks. "
                             "To end it, choose Quit in the tray menu."))
            settings.setValue("tray/told", True)

    def quit(self) -> None:
        """End the program (Quit in the tray or the File menu); the agent may keep an unsaved ticket."""
        if not self.window.close_for_good():
            self.window_forward()
            return
        self.scheduler.stop()
        self.auto_archive.stop()
        self.changes.stop()
        if self.backups is not None:
            self.backups.stop()
        if self.tray is not None:
            self.tray.hide()
        QApplication.quit()

    def switch_language(self) -> None:
        """Rebuild the window in the new language, carrying over what was being typed."""
        kept = self.window.keep_draft()
        old = self.window
        old.save_geometry()
        set_language(self.ctx.config.language)
        self.qt_translations.install(current_language())
        self.ctx.reload_lists()
        self.window = self._make_window()
        if self.reminder_dialog is not None:
            self.reminder_dialog.close()
            self.reminder_dialog = None
        self._show_agenda()  # the tray menu in the new language
        if kept is not None:
            self.window.form.restore_draft(*kept)
        self.window.show()
        old.hide()
        old.wait_for_background()
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


def _open_or_recover(given: str | None, config: WorkstationConfig, messages: Messages) -> Database | None:
    """Open the database; a damaged SQLite file is offered a restore of its newest good backup."""
    try:
        with waiting():
            return open_database(given)  # the quick_check of a file up to 256 MB takes up to a second
    except DatabaseDamaged as exc:
        backups = configured_backups(Path(exc.path), config.backup_folder, config.backup_keep)
        if not offer_restore(exc, backups, messages):
            return None
    return open_database(given)


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
    errors = ErrorReporter(parent=app)
    errors.install()
    try:
        return _run(app, args, qt_translations, errors)
    finally:
        errors.uninstall()
        errors.deleteLater()


def _run(app: QApplication, args: argparse.Namespace, qt_translations: QtTranslations,
         errors: ErrorReporter) -> int:
    instance = SingleInstance()
    if not instance.claim():
        log.info("already running: asked the running copy to come forward")
        return 0
    config = load_config()
    if args.lang:
        config.language = current_language()
    messages = Messages()
    try:
        database = _demo_database() if args.demo else _open_or_recover(args.db, config, messages)
    except ServiceError as exc:
        messages.error(None, APP_NAME, str(exc))
        database = None
    if database is None:
        instance.release()  # the next start (or the user's second try) must not find a copy "running"
        return 1
    path = sqlite_path(database.url)
    backups = configured_backups(path, config.backup_folder, config.backup_keep) if path and not args.demo else None
    try:
        actor = sign_in(database, config, demo=args.demo)
        if actor is None:
            return 0
        desk = HotlineDesk(database, config, actor=actor, qt_translations=qt_translations, messages=messages,
                           backups=backups)
        instance.activated.connect(desk.window_forward)
        errors.keep_draft = desk.store_draft
        errors.dialog_parent = lambda: desk.window
        app.setQuitOnLastWindowClosed(desk.tray is None)
        desk.window.show()
        desk.window.offer_saved_draft()
        desk.start_reminders()
        desk.changes.start()
        desk.start_auto_archive()
        desk.start_backups()
        desk.check_in_background()
        code = app.exec()
        desk.auto_archive.stop()
        desk.changes.stop()
        if desk.backups is not None:
            desk.backups.stop()
        try:
            desk.ctx.accounts.sign_out(desk.ctx.actor())
        except ServiceError:
            log.warning("sign-out could not be recorded")
        errors.keep_draft = None
        desk.window.deleteLater()
        return code
    finally:
        instance.release()
        database.close()
