"""A damaged SQLite file is detected when it is opened and never used as it is."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from desktop.models.sqlite_file import quick_check
from desktop.services.database import open_database
from desktop.services.errors import DatabaseDamaged
from desktop.services.sqlite_safety import set_aside
from tests.safety_helpers import corrupt, make_filled_database


def test_a_sound_file_passes_and_a_corrupted_one_is_refused(db_path: Path, english: None) -> None:
    make_filled_database(db_path)
    assert quick_check(db_path) is None
    open_database(str(db_path)).close()
    corrupt(db_path)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(str(db_path))
    assert caught.value.path == str(db_path)
    assert caught.value.detail
    assert "damaged" in str(caught.value) and "hotline-desk restore" in str(caught.value)
    assert db_path.read_bytes() == before  # nothing written to the damaged file


def test_a_file_that_is_not_a_database_is_refused(db_path: Path) -> None:
    db_path.write_text("these are my notes, not a database\n" * 200, encoding="utf-8")
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(str(db_path))
    assert "not a database" in caught.value.detail
    assert db_path.read_text(encoding="utf-8").startswith("these are my notes")


def test_set_aside_moves_the_file_with_its_wal_and_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "hotline-desk.sqlite3"
    moment = datetime(2026, 12, 3, 9, 30, 5)
    for round_ in range(2):
        path.write_bytes(b"main %d" % round_)
        Path(f"{path}-wal").write_bytes(b"wal %d" % round_)
        aside = set_aside(path, "damaged", moment)
        assert not path.exists() and not Path(f"{path}-wal").exists()
        assert aside.read_bytes() == b"main %d" % round_
        assert Path(f"{aside}-wal").read_bytes() == b"wal %d" % round_
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == ["hotline-desk.sqlite3.damaged-20261203-093005", "hotline-desk.sqlite3.damaged-20261203-093005-1",
                    "hotline-desk.sqlite3.damaged-20261203-093005-1-wal",
                    "hotline-desk.sqlite3.damaged-20261203-093005-wal"]


def test_set_aside_puts_everything_back_when_a_rename_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "hotline-desk.sqlite3"
    path.write_bytes(b"main")
    Path(f"{path}-wal").write_bytes(b"wal")
    real_replace = os.replace

    def failing_replace(source: object, target: object) -> None:
        if str(source).endswith("-wal"):
            raise PermissionError("in use")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(PermissionError):
        set_aside(path, "damaged")
    assert path.read_bytes() == b"main" and Path(f"{path}-wal").read_bytes() == b"wal"


def test_a_locked_database_is_not_taken_for_a_damaged_one(db_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          english: None) -> None:
    import sqlite3

    from desktop.models import sqlite_file
    from desktop.services.errors import StorageError

    make_filled_database(db_path, 5)
    monkeypatch.setattr(sqlite_file, "BUSY_TIMEOUT", 0.2)
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")  # another program keeps the file to itself
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE departments SET sort_order = sort_order")
        before = db_path.read_bytes()
        with pytest.raises(StorageError) as caught:
            open_database(str(db_path))
        assert not isinstance(caught.value, DatabaseDamaged)  # no restore is offered over a sound file
        assert "cannot be opened" in str(caught.value) and "locked" in str(caught.value)
        assert db_path.read_bytes() == before
    finally:
        holder.close()
    open_database(str(db_path)).close()  # free again: opens normally
