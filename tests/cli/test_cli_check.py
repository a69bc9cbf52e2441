"""``hotline-desk check``: what it prints and its exit code, for each thing that can be wrong."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.cli_check import format_age
from desktop.models import schema, sqlite_file
from desktop.services.backup import BackupService
from desktop.services.clock import utc_now
from tests.helpers import FakeClock
from tests.pg_server import PgServer
from tests.safety_helpers import corrupt, make_filled_database


def check(db_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--lang", "en", "--db", str(db_path), "check"])
    return code, capsys.readouterr().out


def test_a_sound_database_with_a_fresh_backup_is_in_order(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_filled_database(db_path, 20)
    backup = BackupService(db_path).create().path
    code, out = check(db_path, capsys)
    assert code == 0, out
    assert f"Database: SQLite {db_path}" in out
    assert f"Schema version: {schema.head_revision()} (the newest)" in out
    assert "Integrity: ok" in out
    assert f"Newest backup: {backup}" in out and "(just now)" in out
    assert f"1 backup in {backup.parent}:" in out
    assert "Everything is in order." in out


def test_no_backup_is_a_problem(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_filled_database(db_path, 5)
    code, out = check(db_path, capsys)
    assert code == 1
    assert "Newest backup: none" in out
    assert "No good backup" in out and "2 days" in out


def test_a_backup_three_days_old_is_a_problem(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_filled_database(db_path, 5)
    BackupService(db_path, clock=FakeClock(utc_now() - timedelta(days=3))).create()
    code, out = check(db_path, capsys)
    assert code == 1
    assert "(3 days ago)" in out
    assert "No good backup" in out


def test_a_damaged_database_fails_the_check_and_lists_the_backups(db_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    make_filled_database(db_path, 120)
    older = BackupService(db_path, clock=FakeClock(utc_now() - timedelta(days=1))).create().path
    newer = BackupService(db_path).create().path
    corrupt(db_path)
    code, out = check(db_path, capsys)
    assert code == 1
    assert "Integrity: FAILED" in out
    assert "hotline-desk restore" in out
    assert f"2 backups in {newer.parent}:" in out
    assert out.index(str(newer)) < out.index(str(older))  # newest first


def test_a_schema_behind_the_newest_fails_the_check(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_filled_database(db_path, 5)
    BackupService(db_path).create()
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0004'")
        connection.commit()
    code, out = check(db_path, capsys)
    assert code == 1
    assert "Schema version: 0004 (behind the newest" in out
    assert "start Hotline Desk once" in out


def test_a_missing_file_fails_the_check_and_is_not_created(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(db_path, capsys)
    assert code == 1
    assert "There is no database file" in out
    assert not db_path.exists()


def test_other_commands_stop_on_a_damaged_database(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_filled_database(db_path, 120)
    corrupt(db_path)
    assert main(["--lang", "en", "--db", str(db_path), "tickets", "--limit", "1"]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "hotline-desk restore" in err


def test_ages_read_naturally(english: None) -> None:
    assert format_age(timedelta(seconds=20)) == "just now"
    assert format_age(timedelta(minutes=1)) == "1 minute ago"
    assert format_age(timedelta(hours=5, minutes=59)) == "5 hours ago"
    assert format_age(timedelta(days=2, hours=3)) == "2 days ago"


def test_an_unreachable_server_fails_the_check(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--lang", "en", "--db", "postgresql+psycopg://desk@127.0.0.1:1/hotline", "check"])
    out = capsys.readouterr().out
    assert code == 1
    assert "Database: PostgreSQL" in out
    assert "cannot be reached" in out



def test_a_postgresql_database_reports_its_schema_and_the_server_side_backup(
        pg_server: PgServer, pg_template: str, capsys: pytest.CaptureFixture[str]) -> None:
    pg_server.execute(f"CREATE DATABASE hotline_check TEMPLATE {pg_template}")
    try:
        code = main(["--lang", "en", "--db", pg_server.url("hotline_check"), "check"])
    finally:
        pg_server.execute("DROP DATABASE hotline_check WITH (FORCE)")
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Database: PostgreSQL postgresql+psycopg://hotline@127.0.0.1" in out
    assert f"Schema version: {schema.head_revision()} (the newest)" in out
    assert "pg_dump" in out


def test_a_locked_database_is_reported_as_not_checked(db_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    make_filled_database(db_path, 5)
    BackupService(db_path).create()
    monkeypatch.setattr(sqlite_file, "BUSY_TIMEOUT", 0.2)
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE departments SET sort_order = sort_order")
        code, out = check(db_path, capsys)
    finally:
        holder.close()
    assert code == 1
    assert "Integrity: not checked (database is locked)" in out
    assert "FAILED" not in out and "cannot be opened" in out
