"""Helpers for the SQLite safety tests: a database of many pages, and damage done to it."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

from desktop.services.database import open_database
from desktop.services.demo import generate_demo


def make_filled_database(path: Path, count: int = 120) -> None:
    database = open_database(str(path))
    try:
        generate_demo(database, count, seed=5)
    finally:
        database.close()  # the last connection checkpoints the WAL into the file


def corrupt(path: Path) -> None:
    """Overwrite four pages in the middle of the file with garbage."""
    size = path.stat().st_size
    assert size > 40 * 4096, "the test needs a database of many pages"
    with path.open("r+b") as handle:
        handle.seek(size // 2 // 4096 * 4096)
        handle.write(bytes((i * 37 + 11) % 256 for i in range(4 * 4096)))


def tickets(path: Path) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM tickets").fetchone()[0])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
