"""Backups of the SQLite file: online copy, verification, keep-N, full disk, restore and its refusals."""

from __future__ import annotations

import errno
import os
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.models import sqlite_file
from desktop.services.backup import BackupService, backup_problem
from desktop.services.database import open_database
from desktop.services.demo import generate_demo
from desktop.services.errors import BackupError, DatabaseDamaged
from tests.helpers import FakeClock
from tests.safety_helpers import corrupt, digest, make_filled_database, tickets


@pytest.fixture
def day_clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))


@pytest.fixture
def service(db_path: Path, tmp_path: Path, day_clock: FakeClock) -> BackupService:
    make_filled_database(db_path, 60)
    return BackupService(db_path, tmp_path / "backups", keep=3, clock=day_clock)


def test_a_backup_of_a_database_in_use_is_verified_and_complete(service: BackupService, db_path: Path) -> None:
    database = open_database(str(db_path))  # the program is running and has just saved more
    try:
        generate_demo(database, 5, seed=9, include_examples=False)
        info = service.create()
    finally:
        database.close()
    assert info.path.parent == service.folder and info.path.name.startswith("tickets-")
    assert backup_problem(info.path) is None
    assert tickets(info.path) == tickets(db_path) == 65
    assert [entry.path for entry in service.backups()] == [info.path]
    assert sorted(p.name for p in service.folder.iterdir()) == [info.path.name]  # no -wal, no .partial


def test_only_the_last_n_backups_are_kept(service: BackupService, day_clock: FakeClock) -> None:
    made = []
    for _day in range(5):
        made.append(service.create().path)
        day_clock.advance(days=1)
    assert [info.path for info in service.backups()] == made[:-4:-1]  # the newest three, newest first
    assert not made[0].exists() and not made[1].exists()


def test_a_backup_is_due_once_a_day(service: BackupService, day_clock: FakeClock) -> None:
    assert service.is_due()
    service.create()
    assert not service.is_due()
    day_clock.advance(days=1)
    assert service.is_due()


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"),
                                     sqlite3.OperationalError("database or disk is full")])
def test_a_full_disk_leaves_no_half_backup(service: BackupService, db_path: Path, english: None,
                                           monkeypatch: pytest.MonkeyPatch, failure: Exception) -> None:
    before = digest(db_path)
    real_copy = sqlite_file.online_copy

    def copy_until_the_disk_is_full(source: Path, target: Path, progress: object = None) -> None:
        real_copy(source, target)
        with target.open("r+b") as handle:
            handle.truncate(target.stat().st_size // 2)  # what was written before the disk filled
        raise failure

    monkeypatch.setattr(sqlite_file, "online_copy", copy_until_the_disk_is_full)
    with pytest.raises(BackupError) as caught:
        service.create()
    assert "Free some disk space" in str(caught.value)
    assert "not changed" in str(caught.value)
    assert list(service.folder.iterdir()) == []
    assert digest(db_path) == before
    out = service.folder / "elsewhere.sqlite3"
    with pytest.raises(BackupError):
        service.create(out)
    assert not out.exists() and not Path(f"{out}.partial").exists()


def test_a_damaged_database_is_restored_from_the_newest_good_backup(service: BackupService, db_path: Path,
                                                                   day_clock: FakeClock) -> None:
    service.create()
    day_clock.advance(days=1)
    newest = service.create().path
    day_clock.advance(days=1)
    broken_backup = service.create().path
    broken_backup.write_bytes(b"not a database any more")  # the newest backup itself is bad
    count = tickets(db_path)
    corrupt(db_path)
    damaged_bytes = db_path.read_bytes()
    with pytest.raises(DatabaseDamaged):
        open_database(str(db_path))

    good = service.newest_good()
    assert good is not None and good.path == newest
    aside = service.restore(good.path, reason="damaged")
    assert aside is not None and aside.name.startswith("tickets.sqlite3.damaged-")
    assert aside.read_bytes() == damaged_bytes  # kept, never deleted
    database = open_database(str(db_path))
    database.close()
    assert tickets(db_path) == count


@pytest.mark.parametrize("kind", ["text", "foreign", "damaged", "missing"])
def test_restore_refuses_what_is_not_a_hotline_desk_backup(service: BackupService, db_path: Path,
                                                           tmp_path: Path, english: None, kind: str) -> None:
    candidate = tmp_path / f"{kind}.sqlite3"
    if kind == "text":
        candidate.write_text("name,phone\n王先生,13912345678\n", encoding="utf-8")
    elif kind == "foreign":
        with closing(sqlite3.connect(candidate)) as connection:
            connection.execute("CREATE TABLE songs (title TEXT)")
            connection.execute("INSERT INTO songs VALUES ('月亮代表我的心')")
            connection.commit()
    elif kind == "damaged":
        candidate = service.create().path
        corrupt_backup = candidate.read_bytes()
        candidate.write_bytes(corrupt_backup[: len(corrupt_backup) // 3])
    before = digest(db_path)
    with pytest.raises(BackupError) as caught:
        service.restore(candidate)
    assert str(candidate) in str(caught.value)
    assert "current database was not changed" in str(caught.value)
    if kind == "foreign":
        assert "not one of Hotline Desk" in str(caught.value)
    assert digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith("tickets.sqlite3")) == [
        "tickets.sqlite3"]


def test_a_failed_replace_leaves_the_current_database_in_place(service: BackupService, db_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    backup = service.create().path
    before = digest(db_path)
    real_replace = os.replace

    def refuse_the_last_step(source: object, target: object) -> None:
        if str(source).endswith(".restoring"):
            raise PermissionError(errno.EACCES, "in use by another program")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", refuse_the_last_step)
    with pytest.raises(BackupError, match=r"Hotline Desk|热线"):
        service.restore(backup)
    assert digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith("tickets.sqlite3")) == [
        "tickets.sqlite3"]


def test_restore_is_refused_while_the_database_is_open(service: BackupService, db_path: Path,
                                                       english: None) -> None:
    backup = service.create().path
    running = open_database(str(db_path))  # Hotline Desk running on this database
    try:
        with running.sessions() as session:
            session.connection()  # the pool keeps the file open, as the window does
        before = digest(db_path)
        with pytest.raises(BackupError) as caught:
            service.restore(backup)
        assert "is in use" in str(caught.value) and "Close it everywhere" in str(caught.value)
        assert digest(db_path) == before
    finally:
        running.close()
    assert service.restore(backup) is not None  # closed: restore goes ahead


def test_half_files_left_by_a_killed_backup_are_cleared_after_an_hour(service: BackupService) -> None:
    service.folder.mkdir(parents=True)
    old = service.folder / "tickets-20261101-020000.sqlite3.partial"
    fresh = service.folder / "tickets-20261119-235959.sqlite3.partial"
    other = service.folder / "notes.txt.partial"
    for path in (old, fresh, other):
        path.write_bytes(b"half")
    hours_ago = old.stat().st_mtime - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    os.utime(other, (hours_ago, hours_ago))
    service.create()
    assert not old.exists()
    assert fresh.exists() and other.exists()


def test_a_half_file_of_the_same_name_does_not_stop_the_backup(service: BackupService, day_clock: FakeClock) -> None:
    from desktop.rules.backup_schedule import backup_name

    service.folder.mkdir(parents=True)
    left = service.folder / (backup_name(service.stem, day_clock()) + ".partial")
    left.write_bytes(b"half of a killed backup")
    info = service.create()
    assert backup_problem(info.path) is None
    assert not left.exists()


def test_backup_out_never_overwrites_the_database_or_a_foreign_file(service: BackupService, db_path: Path,
                                                                   tmp_path: Path, english: None) -> None:
    before = digest(db_path)
    with pytest.raises(BackupError, match="the database itself"):
        service.create(db_path)
    assert digest(db_path) == before
    letter = tmp_path / "letter.sqlite3"
    letter.write_text("Dear customer", encoding="utf-8")
    with pytest.raises(BackupError, match="already exists and is not a Hotline Desk backup"):
        service.create(letter)
    assert letter.read_text(encoding="utf-8") == "Dear customer"
    old = service.create(tmp_path / "usb.sqlite3").path
    assert service.create(old).path == old  # an older backup may be replaced by a new one
