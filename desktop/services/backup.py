"""Backups of the SQLite database: online copies into the backup folder, verified, the last N kept;
restore of a verified backup, with the current file kept aside.

A PostgreSQL database is backed up on the server (pg_dump, see the README), not here.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.i18n import _
from desktop.models import sqlite_file
from desktop.paths import data_dir
from desktop.rules.backup_schedule import DEFAULT_KEEP, SUFFIX, backup_due, backup_name, parse_backup_name, to_prune
from desktop.services.clock import Clock, utc_now
from desktop.services.errors import BackupError
from desktop.services.sqlite_safety import SIDE_FILES, set_aside

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
# A ``.partial`` file this old is what a killed backup left behind (a running one is never this old).
STALE_PARTIAL_SECONDS = 3600


def default_backup_folder() -> Path:
    return data_dir() / "backups"


def configured_backups(database: Path, folder: str = "", keep: int = DEFAULT_KEEP) -> BackupService:
    """The backups of ``database`` in the workstation's backup folder (``""``: the default one)."""
    return BackupService(database, Path(folder).expanduser() if folder.strip() else None, keep=keep)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # aware
    size: int


def backup_problem(path: Path) -> str | None:
    """Why ``path`` is not a usable Hotline Desk backup (in words a user can act on), or None."""
    if not path.is_file():
        return _("there is no file at {path}").format(path=path)
    try:
        damaged = sqlite_file.integrity_check(path, read_only=True)
        if damaged is not None:
            return _("it is not a sound SQLite database ({reason})").format(reason=damaged)
        missing = sqlite_file.missing_tables(path, read_only=True)
        if missing or sqlite_file.revision(path, read_only=True) is None:
            return _("it is a SQLite database, but not one of Hotline Desk (missing: {tables})").format(
                tables=", ".join(sorted(missing)) or "alembic_version")
    except (sqlite3.Error, OSError) as exc:
        return _("it cannot be read ({reason})").format(reason=exc)
    return None


def _remove(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError:
            log.exception("could not remove %s%s", path, suffix)


class BackupService:
    """Backups of the SQLite file ``database`` into ``folder`` (default: data folder/backups)."""

    def __init__(self, database: Path, folder: Path | None = None, *, keep: int = DEFAULT_KEEP,
                 clock: Clock = utc_now) -> None:
        self.database = Path(database)
        self.folder = Path(folder) if folder else default_backup_folder()
        self.keep = max(1, keep)
        self.clock = clock

    @property
    def stem(self) -> str:
        return self.database.stem

    def backups(self) -> list[BackupInfo]:
        """The backups of this database in the folder, newest first (unverified)."""
        found: list[BackupInfo] = []
        try:
            entries = list(self.folder.iterdir())
        except OSError:
            return []
        for entry in entries:
            taken = parse_backup_name(self.stem, entry.name)
            if taken is not None and entry.is_file():
                found.append(BackupInfo(entry, taken, entry.stat().st_size))
        found.sort(key=lambda info: (info.taken_at, len(info.path.name), info.path.name), reverse=True)
        return found

    def newest(self) -> BackupInfo | None:
        listed = self.backups()
        return listed[0] if listed else None

    def newest_good(self) -> BackupInfo | None:
        """The newest backup that passes verification (a damaged one is skipped, and logged)."""
        for info in self.backups():
            problem = backup_problem(info.path)
            if problem is None:
                return info
            log.warning("backup %s skipped: %s", info.path, problem)
        return None

    def is_due(self) -> bool:
        newest = self.newest()
        return backup_due(newest.taken_at if newest else None, self.clock())

    # --- taking a backup ----------------------------------------------------------------

    def create(self, out: Path | None = None, progress: Progress | None = None) -> BackupInfo:
        """Copy the live database (safe while it is in use) to ``out`` or a new file in the folder,
        verify the copy and, for the folder, keep the last N. A failure leaves no file behind."""
        if not self.database.is_file():
            raise BackupError(_("There is no database at {path} to back up.").format(path=self.database))
        target = Path(out) if out else self._new_name()
        if out is not None:
            self._refuse_overwrite(target)
        partial = target.with_name(target.name + ".partial")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _remove(partial)  # a half file of the same name, left by a killed run
            sqlite_file.online_copy(self.database, partial, progress)
            problem = backup_problem(partial)
            if problem is not None:
                raise BackupError(_("The backup did not pass its check: {reason}. The database itself was not "
                                    "changed; run hotline-desk check.").format(reason=problem))
            os.replace(partial, target)
        except (OSError, sqlite3.Error) as exc:
            log.exception("backup to %s failed", target)
            raise BackupError(_("The backup could not be written to {path}: {reason}. Free some disk space or "
                                "choose another backup folder, then try again. The database itself was not "
                                "changed.").format(path=target, reason=exc)) from exc
        finally:
            _remove(partial)
        log.info("backup written: %s", target)
        info = BackupInfo(target, self.clock(), target.stat().st_size)
        if out is None:
            self.prune()
        return info

    def _refuse_overwrite(self, target: Path) -> None:
        """``--out`` never replaces the database itself, nor an existing file that is not a backup."""
        if target.resolve() == self.database.resolve() or target.name.startswith(self.database.name + "-"):
            raise BackupError(_("{path} is the database itself: give the backup another file name.").format(
                path=target))
        if target.exists() and backup_problem(target) is not None:
            raise BackupError(_("{path} already exists and is not a Hotline Desk backup: give the backup another "
                                "file name (nothing was written).").format(path=target))

    def _new_name(self) -> Path:
        now = self.clock()
        counter = 0
        while (path := self.folder / backup_name(self.stem, now, counter)).exists():
            counter += 1
        return path

    def prune(self) -> list[Path]:
        """Delete the backups beyond the newest ``keep`` and half files left by a crash an hour ago or
        more; returns what was deleted."""
        listed = self.backups()
        removed = []
        for partial in self.folder.glob(f"{self.stem}-*{SUFFIX}.partial*"):
            try:
                if time.time() - partial.stat().st_mtime > STALE_PARTIAL_SECONDS:
                    partial.unlink()
                    removed.append(partial)
            except OSError:
                log.exception("could not delete the left-over %s", partial)
        for index in to_prune([info.taken_at for info in listed], self.keep):
            try:
                listed[index].path.unlink()
                removed.append(listed[index].path)
            except OSError:
                log.exception("could not delete the old backup %s", listed[index].path)
        return removed

    # --- restoring ----------------------------------------------------------------------

    def restore(self, source: Path, *, reason: str = "before-restore") -> Path | None:
        """Replace the database with a verified copy of ``source``; the current file (if any) is kept aside
        as ``NAME.REASON-TIMESTAMP`` and its new path returned. A refusal or failure leaves it in place."""
        source = Path(source)
        problem = backup_problem(source)
        if problem is not None:
            raise BackupError(_("{path} cannot be restored: {reason}. Choose a backup file made by Hotline Desk "
                                "(hotline-desk check lists them). The current database was not changed.").format(
                path=source, reason=problem))
        if self.database.exists() and sqlite_file.open_elsewhere(self.database):
            raise BackupError(_("{path} is in use: Hotline Desk (or another program) has it open, on this "
                                "computer or another. Close it everywhere, then restore again. The current "
                                "database was not changed.").format(path=self.database))
        staging = self.database.with_name(self.database.name + ".restoring")
        aside: Path | None = None
        try:
            self.database.parent.mkdir(parents=True, exist_ok=True)
            _remove(staging)
            sqlite_file.online_copy(source, staging)
            if sqlite_file.quick_check(staging) is not None:
                raise sqlite3.DatabaseError("the copy failed its check")
            if self.database.exists():
                aside = set_aside(self.database, reason)
            os.replace(staging, self.database)
        except (OSError, sqlite3.Error) as exc:
            log.exception("restore of %s failed", source)
            if aside is not None and not self.database.exists():
                try:
                    self._put_back(aside)
                except OSError:
                    log.exception("could not put %s back", aside)
                    raise BackupError(_("{path} could not be restored: {reason}. The database was kept as {aside}: "
                                        "rename it back to {name} before starting Hotline Desk.").format(
                        path=source, reason=exc, aside=aside, name=self.database.name)) from exc
                aside = None
            raise BackupError(_("{path} could not be restored: {reason}. The current database was not changed. "
                                "Close Hotline Desk on this computer, free some disk space and try again.").format(
                path=source, reason=exc)) from exc
        finally:
            _remove(staging)
        log.warning("database %s restored from %s (previous file kept as %s)", self.database, source, aside)
        return aside

    def _put_back(self, aside: Path) -> None:
        for suffix in ("", *SIDE_FILES):
            moved = Path(f"{aside}{suffix}")
            if moved.exists():
                os.replace(moved, Path(f"{self.database}{suffix}"))
