"""Checks run before a SQLite file is used: on this computer's own disk, and not damaged."""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from desktop.i18n import _
from desktop.models.sqlite_file import quick_check
from desktop.services.errors import DatabaseDamaged, StorageError
from desktop.services.network_share import ensure_local

log = logging.getLogger(__name__)

SIDE_FILES = ("-wal", "-shm", "-journal")


def check_sqlite_file(path: str) -> None:
    """Refuse a file on a network share; run ``PRAGMA quick_check`` on an existing one."""
    ensure_local(path)
    file = Path(path)
    if not file.exists() or file.stat().st_size == 0:
        return  # a new database: created and migrated by open_database
    try:
        problem = quick_check(file)
    except sqlite3.Error as exc:  # locked by another station, unreadable: not damage
        log.warning("database %s could not be checked: %s", path, exc)
        raise StorageError(cannot_open_message(path, str(exc))) from exc
    if problem is not None:
        log.error("database %s failed its integrity check: %s", path, problem)
        raise DatabaseDamaged(damaged_message(path), path=path, detail=problem)


def cannot_open_message(location: str, reason: str) -> str:
    return _("The database at {location} cannot be opened: {reason}. Check that the file or server is reachable "
             "and not used by another program, then start again.").format(location=location, reason=reason)


def damaged_message(path: str) -> str:
    return _("The database {path} is damaged (or is not a Hotline Desk database) and will not be used as it "
             "is. Restore the newest good backup: hotline-desk restore BACKUP_FILE (the backups are listed by "
             "hotline-desk check). The damaged file is kept aside, never deleted.").format(path=path)


def set_aside(path: Path, reason: str, now: datetime | None = None) -> Path:
    """Rename the database and its -wal/-shm files to ``NAME.REASON-YYYYMMDD-HHMMSS`` beside it
    (kept, never deleted); returns the new name of the main file."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.{reason}-{stamp}")
    counter = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.{reason}-{stamp}-{counter}")
        counter += 1
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in ("", *SIDE_FILES):
            source = Path(f"{path}{suffix}")
            if source.exists():
                target = Path(f"{aside}{suffix}")
                os.replace(source, target)
                moved.append((source, target))
    except OSError:
        for source, target in reversed(moved):  # all or nothing: a -wal must stay with its file
            os.replace(target, source)
        raise
    log.warning("database %s set aside as %s", path, aside)
    return aside
