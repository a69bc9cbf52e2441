"""Backup file names, which backups to keep, when the next one is due. Pure: times come in as arguments.

A backup is named after the database and the local time it was taken, so a folder shared by several
databases (the demo, a test file) keeps them apart: ``hotline-desk-20261203-093005.sqlite3``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta

SUFFIX = ".sqlite3"
DEFAULT_KEEP = 30
# ``hotline-desk check`` complains when the newest SQLite backup is older than this.
MAX_AGE = timedelta(days=2)
_STAMP = "%Y%m%d-%H%M%S"


def backup_name(stem: str, taken_at: datetime, counter: int = 0) -> str:
    """The file name for a backup of the database ``stem`` taken at ``taken_at`` (aware)."""
    local = taken_at.astimezone()
    extra = f"-{counter}" if counter else ""
    return f"{stem}-{local.strftime(_STAMP)}{extra}{SUFFIX}"


def parse_backup_name(stem: str, name: str) -> datetime | None:
    """When a backup named ``name`` was taken (aware, local time), or None when it is not one of ``stem``'s."""
    match = re.fullmatch(re.escape(stem) + r"-(\d{8}-\d{6})(?:-\d+)?" + re.escape(SUFFIX), name)
    if match is None:
        return None
    try:
        return datetime.strptime(match.group(1), _STAMP).astimezone()
    except ValueError:
        return None


def to_prune(taken: Sequence[datetime], keep: int) -> list[int]:
    """Indexes into ``taken`` of the backups beyond the newest ``keep`` (at least one is always kept)."""
    order = sorted(range(len(taken)), key=lambda index: taken[index], reverse=True)
    return sorted(order[max(1, keep):])


def backup_due(newest: datetime | None, now: datetime) -> bool:
    """A daily backup is due when none was taken on today's local date."""
    return newest is None or newest.astimezone().date() < now.astimezone().date()


def backup_too_old(newest: datetime | None, now: datetime, max_age: timedelta = MAX_AGE) -> bool:
    return newest is None or now - newest > max_age
