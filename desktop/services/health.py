"""What ``hotline-desk check`` reports: database kind, schema version, integrity, newest backup."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from desktop.i18n import _, ngettext
from desktop.models import schema, sqlite_file
from desktop.models.engine import describe, make_engine
from desktop.rules.backup_schedule import MAX_AGE, backup_too_old
from desktop.services.backup import BackupInfo, BackupService
from desktop.services.clock import Clock, utc_now
from desktop.services.database import sqlite_path
from desktop.services.errors import NetworkShareRefused
from desktop.services.network_share import ensure_local
from desktop.services.sqlite_safety import cannot_open_message

log = logging.getLogger(__name__)


@dataclass
class HealthReport:
    kind: str  # "SQLite" or "PostgreSQL"
    location: str
    revision: str | None = None
    head: str = ""
    integrity: str | None = None  # None: sound (or, on PostgreSQL, the server's own business)
    damaged: bool = False
    newest_backup: BackupInfo | None = None
    backup_age: timedelta | None = None
    backup_folder: Path | None = None
    backups: list[BackupInfo] = field(default_factory=list)  # every backup in the folder, newest first
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def schema_is_newest(self) -> bool:
        return self.revision == self.head


def inspect_database(url: URL, backups: BackupService | None = None, clock: Clock = utc_now) -> HealthReport:
    path = sqlite_path(url)
    if path is None:
        return _inspect_server(url)
    return _inspect_file(path, backups or BackupService(path), clock())


def _schema_problem(report: HealthReport) -> None:
    if report.revision is None:
        report.problems.append(_("The database has no schema version: it is not a Hotline Desk database, "
                                 "or it was never opened by the program."))
    elif not report.schema_is_newest:
        report.problems.append(_("The schema is at {revision}, not the newest {head}: start Hotline Desk once "
                                 "on this database to upgrade it.").format(revision=report.revision,
                                                                           head=report.head))


def _integrity_problem(report: HealthReport) -> None:
    if report.integrity is not None:
        report.damaged = True
        report.problems.append(_("The database is damaged ({reason}). Restore the newest good backup with "
                                 "hotline-desk restore FILE.").format(reason=report.integrity))
    else:
        report.revision = sqlite_file.revision(Path(report.location))
        _schema_problem(report)


def _inspect_file(path: Path, backups: BackupService, now: datetime) -> HealthReport:
    report = HealthReport("SQLite", str(path), head=schema.head_revision())
    try:
        ensure_local(str(path))
    except NetworkShareRefused as exc:
        report.problems.append(str(exc))
    if not path.is_file():
        report.integrity = _("no file")
        report.problems.append(_("There is no database file at {path}.").format(path=path))
    else:
        try:
            report.integrity = sqlite_file.quick_check(path)
        except sqlite3.Error as exc:  # locked or unreadable right now: not known to be damaged
            report.integrity = _("not checked ({reason})").format(reason=exc)
            report.problems.append(cannot_open_message(str(path), str(exc)))
        else:
            _integrity_problem(report)
    report.backup_folder = backups.folder
    report.backups = backups.backups()
    report.newest_backup = backups.newest_good()
    if report.newest_backup is not None:
        report.backup_age = now - report.newest_backup.taken_at
    if backup_too_old(report.newest_backup.taken_at if report.newest_backup else None, now):
        report.problems.append(_stale_backup_problem(backups.folder))
    return report


def _stale_backup_problem(folder: Path) -> str:
    days = MAX_AGE.days
    return ngettext("No good backup in {folder} from the last {count} day: run hotline-desk backup, and check "
                    "that the program (or a scheduled task) makes one every day.",
                    "No good backup in {folder} from the last {count} days: run hotline-desk backup, and check "
                    "that the program (or a scheduled task) makes one every day.", days).format(
        folder=folder, count=days)


def _inspect_server(url: URL) -> HealthReport:
    report = HealthReport("PostgreSQL", describe(url), head=schema.head_revision())
    engine = make_engine(url)
    try:
        report.revision = schema.current_revision(engine)
    except SQLAlchemyError as exc:
        log.warning("check: the server cannot be reached: %s", exc)
        report.problems.append(_("The database server cannot be reached ({reason}). Check the address, the "
                                 "network and that the server is running.").format(reason=type(exc).__name__))
        return report
    finally:
        engine.dispose()
    _schema_problem(report)
    return report
