"""The automatic archive in the program: its one timer, its rows in the settings dialog, the desk's wiring."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialogButtonBox

from desktop.app import HotlineDesk
from desktop.config import WorkstationConfig, load_config
from desktop.export.documents import Imprint
from desktop.i18n import to_local
from desktop.services.auto_archive import AutoArchiveService, AutoArchiveSettings
from desktop.services.database import Database
from desktop.ui.auto_archive_timer import RECHECK, AutoArchiveTimer
from desktop.ui.messages import RecordingMessages
from desktop.ui.settings_dialog import SettingsDialog
from tests.export.archive_data import DAY, build_spec_day, local
from tests.export.pdf_text import pages_text
from tests.helpers import AGENT, FakeClock, make_draft

MONDAY = DAY + timedelta(days=1)


def _timer(database: Database, folder: Path, *, enabled: bool = True,
           clock: FakeClock | None = None) -> AutoArchiveTimer:
    clock = clock or FakeClock(local(19, 0, day=MONDAY))
    settings = AutoArchiveSettings(enabled=enabled, at=time(18, 0), folder=folder, since=DAY)
    return AutoArchiveTimer(AutoArchiveService(database.sessions, clock=clock), lambda: settings,
                            lambda: Imprint("星河客服中心", "张敏（A1001）"), clock)


def test_start_writes_the_missed_days_then_arms_for_the_next_working_day(qtbot, database: Database,  # type: ignore[no-untyped-def]
                                                                         tmp_path: Path) -> None:
    numbers = build_spec_day(database)
    folder = tmp_path / "archive"
    clock = FakeClock(local(17, 0, day=MONDAY))
    timer = _timer(database, folder, clock=clock)
    with qtbot.waitSignal(timer.written, timeout=20000) as written:
        timer.start()
    assert written.args == [[DAY]]  # Sunday had calls; Monday is not due before 18:00
    assert all(number in "".join(pages_text(folder / "2023-10-15.pdf")) for number in numbers)
    qtbot.waitUntil(lambda: timer.task is None)
    assert timer.next_at == local(18, 0, day=MONDAY)
    assert timer.timer.isActive() and timer.timer.interval() == RECHECK.total_seconds() * 1000 + 1000  # 17:00 → 18:00
    clock.now = local(18, 0, day=MONDAY)
    with qtbot.waitSignal(timer.written, timeout=20000) as written:
        timer.timer.timeout.emit()  # the set time came
    assert written.args == [[MONDAY]]
    qtbot.waitUntil(lambda: timer.task is None)
    with qtbot.assertNotEmitted(timer.written), qtbot.waitSignal(timer.idle, timeout=20000):
        timer.run_now()  # nothing is written twice
    assert sorted(p.name for p in folder.iterdir()) == ["2023-10-15.pdf", "2023-10-16.pdf"]
    assert timer.next_at == local(18, 0, day=MONDAY + timedelta(days=1))
    timer.stop()
    assert not timer.timer.isActive()


def test_switched_off_writes_nothing_and_arms_nothing(qtbot, database: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build_spec_day(database)
    timer = _timer(database, tmp_path / "archive", enabled=False)
    with qtbot.assertNotEmitted(timer.written), qtbot.waitSignal(timer.idle, timeout=5000):
        timer.start()
    assert timer.task is None and not timer.timer.isActive()
    assert not (tmp_path / "archive").exists()


def test_a_folder_that_cannot_be_used_is_told(qtbot, database: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build_spec_day(database)
    taken = tmp_path / "archive"
    taken.write_text("not a folder")
    timer = _timer(database, taken)
    with qtbot.waitSignal(timer.failed, timeout=20000) as failed:
        timer.start()
    assert str(taken) in failed.args[0]
    qtbot.waitUntil(lambda: timer.task is None)
    assert timer.timer.isActive()  # tried again later
    timer.stop()


# --- settings dialog -----------------------------------------------------------------------------------------------


def test_settings_rows_switch_on_with_time_and_folder(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    today = date(2026, 11, 20)
    dialog = SettingsDialog(WorkstationConfig(), today=today)
    qtbot.addWidget(dialog)
    fields = dialog.archive
    assert not fields.enabled.isChecked() and not fields.folder.isEnabled()
    assert "archive" in fields.folder.placeholderText()
    fields.enabled.setChecked(True)
    assert fields.folder.isEnabled() and fields.time.isEnabled()
    fields.time.setTime(QTime(19, 30))
    fields.ask_folder = lambda _parent, _start: str(tmp_path)
    fields.browse.click()
    assert fields.folder.text() == str(tmp_path)
    config = dialog.result_config()
    assert (config.auto_archive, config.auto_archive_time, config.auto_archive_folder, config.auto_archive_since) == (
        True, "19:30", str(tmp_path), "2026-11-20")
    kept = SettingsDialog(config, today=today + timedelta(days=5))
    qtbot.addWidget(kept)
    assert kept.archive.enabled.isChecked() and kept.archive.time.time() == QTime(19, 30)
    assert kept.result_config().auto_archive_since == "2026-11-20"  # still on: the start day stays


@pytest.mark.parametrize("text", ["relative/folder", "FILE"])
def test_settings_refuse_a_bad_folder(qtbot, tmp_path: Path, text: str) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(WorkstationConfig(auto_archive=True))
    qtbot.addWidget(dialog)
    if text == "FILE":
        text = str(tmp_path / "a-file")
        Path(text).write_text("x")
    dialog.archive.folder.setText(text)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.messages["auto_archive_folder"].text()
    dialog.archive.folder.setText("")
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


# --- the desk ------------------------------------------------------------------------------------------------------


def test_turning_it_on_in_the_settings_writes_today_at_once(qtbot, desk: HotlineDesk, window,  # type: ignore[no-untyped-def]
                                                            messages: RecordingMessages, tmp_path: Path) -> None:
    desk.ctx.tickets.create(make_draft(), AGENT)  # a call today: today's archive is due whatever the calendar
    today = to_local(desk.ctx.clock()).date()
    dialog = SettingsDialog(desk.ctx.config, window, today=today)
    qtbot.addWidget(dialog)
    dialog.archive.enabled.setChecked(True)
    dialog.archive.time.setTime(QTime(0, 0))
    dialog.archive.folder.setText(str(tmp_path / "filed"))
    with qtbot.waitSignal(desk.auto_archive.written, timeout=20000) as written:
        window.apply_settings(dialog)
    assert written.args == [[today]]
    assert (tmp_path / "filed" / f"{today.isoformat()}.pdf").is_file()
    assert today.isoformat() in window.statusBar().currentMessage()
    assert load_config().auto_archive is True  # saved
    qtbot.waitUntil(lambda: desk.auto_archive.task is None)
    desk.auto_archive.stop()


def test_a_broken_folder_is_told_once(qtbot, desk: HotlineDesk, window, messages: RecordingMessages,  # type: ignore[no-untyped-def]
                                      tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("x")
    desk.ctx.config.auto_archive = True
    desk.ctx.config.auto_archive_folder = str(taken)
    for _run in range(2):
        with qtbot.waitSignal(desk.auto_archive.idle, timeout=20000):
            desk.auto_archive.run_now()
    errors = [shown for shown in messages.shown if shown[0] == "error"]
    assert len(errors) == 1 and str(taken) in errors[0][2]
    desk.auto_archive.stop()


def test_the_timer_waits_until_the_set_time_when_it_is_near(qtbot, database: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(local(17, 50, day=MONDAY))
    timer = _timer(database, tmp_path / "archive", clock=clock)
    with qtbot.waitSignal(timer.idle, timeout=20000):
        timer.start()
    assert timer.next_at == local(18, 0, day=MONDAY)
    assert timer.timer.interval() == 10 * 60 * 1000 + 1000
    timer.stop()
