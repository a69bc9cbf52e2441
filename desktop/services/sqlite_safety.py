"""Checks run before a SQLite file is used: on this computer's own disk, and not damaged."""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from desktop.i18n import _
from desktop.models.sqlite_file import header_check, quick_check
from desktop.services.errors import DatabaseDamaged, StorageError
from desktop.services.network_share import ensure_local

log = logging.getLogger(__name__)

SIDE_FILES = ("-wal", "-shm", "-journal")


# Up to this size the whole ``PRAGMA quick_check`` runs before the file is used (about 1 s at 256 MB);
# a bigger file gets the header check at once and the full one in the background (deep_check).
FULL_CHECK_BYTES = 256 * 1024 * 1024
_SUSPECT = ".check-at-start"  # left beside a file the background check found damaged


def check_sqlite_file(path: str) -> bool:
    """Refuse a file on a network share, or an existing one found damaged; True when the full
    ``quick_check`` ran (False: only the header check; call :func:`deep_check` soon)."""
    ensure_local(path)
    file = Path(path)
    if not file.exists() or file.stat().st_size == 0:
        return True  # a new database: created and migrated by open_database
    suspect = _suspect(file)
    full = file.stat().st_size <= FULL_CHECK_BYTES or suspect.exists()
    try:
        problem = quick_check(file) if full else header_check(file)
    except sqlite3.Error as exc:  # locked by another station, unreadable: not damage
        log.warning("database %s could not be checked: %s", path, exc)
        raise StorageError(cannot_open_message(path, str(exc))) from exc
    if problem is not None:
        log.error("database %s failed its integrity check: %s", path, problem)
        raise DatabaseDamaged(damaged_message(path), path=path, detail=problem)
    if full:
        suspect.unlink(missing_ok=True)
    return full


def deep_check(path: str) -> str | None:
    """The full ``quick_check`` of a file already in use (in a worker thread); None when sound.

    Damage found leaves a mark beside the file, so the next start runs the full check before using
    it and offers the restore."""
    file = Path(path)
    try:
        problem = quick_check(file)
    except sqlite3.Error as exc:
        log.warning("database %s could not be checked in the background: %s", path, exc)
        return None  # locked or unreadable now: not damage
    if problem is not None:
        log.error("database %s failed its background integrity check: %s", path, problem)
        try:
            _suspect(file).touch()
        except OSError:
            log.exception("could not mark %s for a check at the next start", path)
    return problem


def _suspect(file: Path) -> Path:
    return file.with_name(file.name + _SUSPECT)


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
