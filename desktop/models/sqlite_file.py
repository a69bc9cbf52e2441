"""The SQLite file itself: integrity check, "is this one of ours", online copy.

Plain ``sqlite3`` connections, separate from the engine: they run before the schema is migrated,
on files that may be damaged or foreign, and on backups that the program never opens as its database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

# Tables every Hotline Desk database has had since the first migration.
EXPECTED_TABLES = frozenset({"alembic_version", "tickets", "timeline_entries", "choice_items", "departments"})

Progress = Callable[[int, int], None]

# Seconds a check waits for another station's write lock before giving up (not a sign of damage).
BUSY_TIMEOUT = 10.0
# SQLite's primary result codes that mean the file itself is bad: SQLITE_CORRUPT, SQLITE_NOTADB.
_DAMAGE_CODES = frozenset({11, 26})


def is_damage(exc: sqlite3.Error) -> bool:
    """Does the error say the file is damaged (not merely locked, unreadable or missing)?"""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)
    return (int(code) & 0xFF) in _DAMAGE_CODES


def connect_existing(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection to a file that must already exist (``sqlite3.connect`` would create an empty one)."""
    mode = "ro" if read_only else "rw"
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT,
                           isolation_level=None, check_same_thread=False)


def quick_check(path: Path) -> str | None:
    """None when ``PRAGMA quick_check`` finds the file sound; else what is wrong, in SQLite's words.

    A file that cannot be checked right now (locked by another station, unreadable) raises the
    sqlite3 error instead: that is not damage, and must never lead to a restore over the file.
    """
    try:
        with closing(connect_existing(path)) as connection:
            rows = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:  # "file is not a database", "database disk image is malformed"
        if not is_damage(exc):
            raise
        return str(exc)
    if rows == ["ok"]:
        return None
    return "; ".join(rows[:5]) or "no answer from quick_check"


_MAGIC = b"SQLite format 3\x00"


def header_check(path: Path) -> str | None:
    """The quick look for a big file at start-up: the header and the schema pages read back.

    Catches a file that is not a database, a truncated or overwritten start and a damaged schema in
    milliseconds; damage deeper in the file waits for :func:`quick_check` (run off the UI thread).
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise sqlite3.OperationalError(str(exc)) from exc
    if len(header) < 100 or not header.startswith(_MAGIC):
        return "file is not a database"
    try:
        with closing(connect_existing(path, read_only=True)) as connection:
            connection.execute("SELECT count(*), max(rootpage) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        return str(exc)
    return None


def table_names(path: Path, *, read_only: bool = False) -> set[str]:
    with closing(connect_existing(path, read_only=read_only)) as connection:
        return {str(row[0]) for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def revision(path: Path, *, read_only: bool = False) -> str | None:
    """The Alembic revision recorded in the file, or None without one."""
    with closing(connect_existing(path, read_only=read_only)) as connection:
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:
            return None
    return str(row[0]) if row else None


def missing_tables(path: Path, *, read_only: bool = False) -> set[str]:
    """The Hotline Desk tables the file lacks (all of them for a foreign database)."""
    return set(EXPECTED_TABLES - table_names(path, read_only=read_only))


def online_copy(source: Path, target: Path, progress: Progress | None = None) -> None:
    """Copy a live database page by page with SQLite's backup API (consistent while others write).

    One step (``pages=-1``): a single read transaction, so the copy is one consistent moment and, in WAL
    mode, agents go on saving meanwhile. A copy in many steps would start over after every save made by
    another connection, and might never finish on a busy day. The copy is left in rollback-journal
    mode, one self-contained file.
    """
    with closing(connect_existing(source)) as src, closing(sqlite3.connect(target, isolation_level=None)) as dst:
        src.execute("PRAGMA busy_timeout=10000")

        def step(_status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total)

        src.backup(dst, pages=-1, progress=step)
        dst.execute("PRAGMA journal_mode=DELETE")


def integrity_check(path: Path, *, read_only: bool = False) -> str | None:
    """The full ``PRAGMA integrity_check`` (slower than quick_check; used to verify a backup)."""
    try:
        with closing(connect_existing(path, read_only=read_only)) as connection:
            rows = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        return str(exc)
    return None if rows == ["ok"] else "; ".join(rows[:5]) or "no answer from integrity_check"


def open_elsewhere(path: Path) -> bool:
    """Is a WAL database open in another connection (this program running, here or on another station)?

    SQLite removes the -wal file when the last connection closes; so open, read, close, and look:
    a -wal still there belongs to someone else. A file in another journal mode answers False.
    """
    try:
        with closing(connect_existing(path)) as connection:
            mode = connection.execute("PRAGMA journal_mode").fetchone()
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        return False
    return bool(mode) and str(mode[0]).lower() == "wal" and Path(f"{path}-wal").exists()
