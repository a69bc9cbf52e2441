"""Backup names, pruning and the daily schedule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.rules.backup_schedule import backup_due, backup_name, backup_too_old, parse_backup_name, to_prune

MOMENT = datetime(2026, 12, 3, 9, 30, 5, tzinfo=UTC)


def test_a_name_reads_back_as_the_moment_it_was_taken() -> None:
    name = backup_name("hotline-desk", MOMENT)
    assert name.startswith("hotline-desk-") and name.endswith(".sqlite3")
    assert parse_backup_name("hotline-desk", name) == MOMENT
    assert parse_backup_name("hotline-desk", backup_name("hotline-desk", MOMENT, 2)) == MOMENT


def test_other_files_are_not_backups() -> None:
    name = backup_name("hotline-desk", MOMENT)
    assert parse_backup_name("demo", name) is None
    assert parse_backup_name("hotline-desk", name + ".partial") is None
    assert parse_backup_name("hotline-desk", "hotline-desk-notes.sqlite3") is None
    assert parse_backup_name("hotline-desk", "hotline-desk-20261399-250000.sqlite3") is None


def test_pruning_keeps_the_newest() -> None:
    taken = [MOMENT - timedelta(days=days) for days in (3, 0, 5, 1, 4, 2)]
    assert to_prune(taken, 3) == [0, 2, 4]  # 3, 5 and 4 days old
    assert to_prune(taken, 6) == []
    assert to_prune(taken, 0) == [0, 2, 3, 4, 5]  # never every backup


def test_a_backup_is_due_once_per_local_day() -> None:
    now = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
    assert backup_due(None, now)
    assert not backup_due(now - timedelta(minutes=5), now)
    assert backup_due(now - timedelta(days=1), now)


def test_a_backup_is_too_old_after_two_days() -> None:
    assert backup_too_old(None, MOMENT)
    assert not backup_too_old(MOMENT - timedelta(days=1, hours=23), MOMENT)
    assert backup_too_old(MOMENT - timedelta(days=2, minutes=1), MOMENT)
