"""The window's side of safety: the daily backup in the background, and restore offered at start-up."""

from __future__ import annotations

import argparse
import errno
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop import app as app_module
from desktop.config import WorkstationConfig, save_config
from desktop.models import sqlite_file
from desktop.services.backup import BackupService
from desktop.ui.backup_scheduler import BackupScheduler
from desktop.ui.messages import RecordingMessages
from tests.helpers import FakeClock
from tests.safety_helpers import corrupt, make_filled_database, tickets
from tests.ui import test_startup

# The start-up fixtures: the event loop replaced by a look at the open windows, sign-in answered.
seen = test_startup.seen
signed_in = test_startup.signed_in


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> RecordingMessages:
    messages = RecordingMessages(confirm_answer=True)
    monkeypatch.setattr(app_module, "Messages", lambda: messages)
    return messages


def _args(db: Path) -> argparse.Namespace:
    return argparse.Namespace(db=str(db), lang=None, demo=False)


def test_the_daily_backup_runs_in_the_background_once_a_day(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_filled_database(db_path, 10)
    clock = FakeClock(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))
    service = BackupService(db_path, tmp_path / "backups", clock=clock)
    scheduler = BackupScheduler(service, interval_ms=20)
    with qtbot.waitSignal(scheduler.succeeded, timeout=10000) as first:
        scheduler.start()
    assert first.args[0].path.exists()
    assert not scheduler.run_if_due()  # one today already
    clock.advance(days=1)
    with qtbot.waitSignal(scheduler.succeeded, timeout=10000):
        pass  # the timer notices the new day
    scheduler.stop()
    assert len(service.backups()) == 2


def test_a_failed_daily_backup_says_what_to_do(qtbot, db_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch, english: None) -> None:
    make_filled_database(db_path, 5)

    def disk_full(source: Path, target: Path, progress: object = None) -> None:
        target.write_bytes(b"half a page")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sqlite_file, "online_copy", disk_full)
    service = BackupService(db_path, tmp_path / "backups")
    scheduler = BackupScheduler(service)
    with qtbot.waitSignal(scheduler.failed, timeout=10000) as failure:
        assert scheduler.run_if_due()
    scheduler.stop()
    assert "Free some disk space" in failure.args[0]
    assert list((tmp_path / "backups").iterdir()) == []


def test_start_up_takes_the_first_backup_of_the_day(qtbot, seen, db_path: Path, isolated_home: Path) -> None:  # type: ignore[no-untyped-def]
    save_config(WorkstationConfig(agent_code="A1001", agent_name="张敏"))
    make_filled_database(db_path, 5)
    assert app_module.run_gui(_args(db_path)) == 0
    backups = list((isolated_home / "data" / "backups").iterdir())
    assert len(backups) == 1 and backups[0].name.startswith("tickets-")
    assert tickets(backups[0]) == 5


def test_a_damaged_database_is_restored_from_the_newest_backup_at_start_up(  # type: ignore[no-untyped-def]
        qtbot, seen, db_path: Path, recorded: RecordingMessages, english: None) -> None:
    save_config(WorkstationConfig(agent_code="A1001", agent_name="张敏", language="en"))
    make_filled_database(db_path, 120)
    backup = BackupService(db_path).create()
    corrupt(db_path)
    damaged = db_path.read_bytes()
    assert app_module.run_gui(_args(db_path)) == 0
    kinds = [kind for kind, _title, _text in recorded.shown]
    assert kinds[:2] == ["confirm", "info"]
    assert "Restore the newest good backup, taken" in recorded.shown[0][2]
    assert len(seen) == 1  # the window opened on the restored database
    aside = [p for p in db_path.parent.iterdir() if p.name.startswith("tickets.sqlite3.damaged-")]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged
    assert str(aside[0]) in recorded.shown[1][2]
    assert tickets(db_path) == tickets(backup.path) == 120


def test_declining_the_restore_leaves_the_damaged_file_alone(  # type: ignore[no-untyped-def]
        qtbot, seen, db_path: Path, recorded: RecordingMessages) -> None:
    recorded.confirm_answer = False
    make_filled_database(db_path, 120)
    BackupService(db_path).create()
    corrupt(db_path)
    damaged = db_path.read_bytes()
    assert app_module.run_gui(_args(db_path)) == 1
    assert seen == []
    assert db_path.read_bytes() == damaged
    assert [p.name for p in db_path.parent.iterdir() if p.name.startswith("tickets.sqlite3")] == ["tickets.sqlite3"]


def test_without_a_backup_the_damaged_file_is_kept_and_the_user_told(  # type: ignore[no-untyped-def]
        qtbot, seen, db_path: Path, recorded: RecordingMessages, english: None) -> None:
    make_filled_database(db_path, 120)
    corrupt(db_path)
    assert app_module.run_gui(_args(db_path)) == 1
    assert [kind for kind, _title, _text in recorded.shown] == ["error"]
    assert "no good backup" in recorded.shown[0][2]
    assert seen == []
    assert db_path.exists()


def test_a_database_on_a_network_share_is_refused_at_start_up(  # type: ignore[no-untyped-def]
        qtbot, seen, tmp_path: Path, recorded: RecordingMessages, monkeypatch: pytest.MonkeyPatch,
        english: None) -> None:
    from desktop.services import network_share

    share = tmp_path / "share"
    monkeypatch.setattr(network_share, "linux_mounts", lambda: f"/dev/sda1 / ext4 rw 0 0\nnas:/d {share} cifs rw 0 0\n")
    monkeypatch.setattr(network_share.sys, "platform", "linux")
    assert app_module.run_gui(_args(share / "hotline-desk.sqlite3")) == 1
    assert [kind for kind, _title, _text in recorded.shown] == ["error"]
    assert "network share" in recorded.shown[0][2] and "postgresql+psycopg://" in recorded.shown[0][2]
    assert seen == [] and not share.exists()
