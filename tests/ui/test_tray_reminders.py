"""Reminders in the program: the tray menu and notifications, the panel and dialog without a tray,
closing to the tray, one running copy, start at login."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtWidgets import QApplication

from desktop.app import HotlineDesk
from desktop.autostart import RUN_KEY, VALUE_NAME, Autostart
from desktop.config import WorkstationConfig, save_config
from desktop.rules import reminders as rules
from desktop.services.database import Database
from desktop.services.dto import Actor
from desktop.ui.single_instance import SingleInstance, instance_name
from tests.helpers import FakeClock, make_draft
from tests.ui.conftest import RecordingMessages


class FakeRegistry:
    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}

    def get(self, key: str, name: str) -> str | None:
        return self.values.get((key, name))

    def set(self, key: str, name: str, value: str) -> None:
        self.values[(key, name)] = value

    def delete(self, key: str, name: str) -> None:
        self.values.pop((key, name), None)


def _desk(qtbot, database: Database, messages: RecordingMessages, admin: Actor,  # type: ignore[no-untyped-def]
          hasher: PasswordHasher, clock: FakeClock, *, tray: bool, autostart: Autostart | None = None
          ) -> HotlineDesk:
    config = WorkstationConfig(agent_code=admin.code, agent_name=admin.name)
    save_config(config)
    desk = HotlineDesk(database, config, actor=admin, messages=messages, hasher=hasher, clock=clock,
                       tray_available=tray, autostart=autostart)
    qtbot.addWidget(desk.window)
    desk.window.show()
    qtbot.waitExposed(desk.window)
    return desk


@pytest.fixture
def quits(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """QApplication.quit recorded instead of ending the test run."""
    calls: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: calls.append(True)))
    return calls


@pytest.fixture
def tray_desk(qtbot, database, messages, admin, hasher, clock, quits) -> Iterator[HotlineDesk]:  # type: ignore[no-untyped-def]
    desk = _desk(qtbot, database, messages, admin, hasher, clock, tray=True,
                 autostart=Autostart(windows=True, registry=FakeRegistry(), command=["C:\\HotlineDesk\\hd.exe"]))
    yield desk
    desk.scheduler.stop()
    desk.window.close_for_good()


@pytest.fixture
def bare_desk(qtbot, database, messages, admin, hasher, clock) -> Iterator[HotlineDesk]:  # type: ignore[no-untyped-def]
    desk = _desk(qtbot, database, messages, admin, hasher, clock, tray=False)
    yield desk
    desk.scheduler.stop()
    desk.window.close()


def _promise(desk: HotlineDesk, clock: FakeClock, minutes: int = 20) -> tuple[int, str]:
    detail = desk.ctx.tickets.create(make_draft(priority="normal", call_started_at=clock.now,
                                                promised_feedback_at=clock.now + timedelta(minutes=minutes)),
                                     desk.ctx.actor())
    return detail.id, detail.number


def _menu_texts(desk: HotlineDesk) -> list[str]:
    assert desk.tray is not None
    return [action.text() for action in desk.tray.menu.actions()]


def test_the_tray_menu_lists_the_next_reminders(shanghai: None, tray_desk: HotlineDesk, clock: FakeClock) -> None:
    _, number = _promise(tray_desk, clock)
    tray_desk.start_reminders()
    texts = _menu_texts(tray_desk)
    assert any(number in text and "139****5678" in text for text in texts)
    assert texts[-2:] == ["显示 Hotline Desk", "退出"]
    entry = next(a for a in tray_desk.tray.menu.actions() if number in a.text())  # type: ignore[union-attr]
    assert [a.text() for a in entry.menu().actions()][0] == "打开工单"
    # Today (10:00 in Beijing): the feedback at 10:20 and the no-progress flag at 16:00; the deadline is tomorrow.
    assert "今天到期 2 项" in tray_desk.tray.icon.toolTip()  # type: ignore[union-attr]
    # The one timer is armed for 15 minutes before the promised time (5 minutes from now).
    assert tray_desk.scheduler.next_at == clock.now + timedelta(minutes=5)
    assert abs(tray_desk.scheduler.timer.interval() - 5 * 60 * 1000) <= 2


def test_a_fired_reminder_opens_its_ticket_when_clicked(tray_desk: HotlineDesk, clock: FakeClock,
                                                        qtbot) -> None:  # type: ignore[no-untyped-def]
    ticket_id, _ = _promise(tray_desk, clock)
    other_id, _ = _promise(tray_desk, clock, minutes=300)
    tray_desk.start_reminders()
    tray_desk.window.open_ticket(other_id)
    clock.advance(minutes=5)
    with qtbot.waitSignal(tray_desk.scheduler.fired) as fired:
        tray_desk.scheduler.fire_now()
    assert [r.item.ticket_id for r in fired.args[0]] == [ticket_id]
    tray_desk.window.hide()
    tray_desk.tray.icon.messageClicked.emit()  # type: ignore[union-attr]
    assert tray_desk.window.isVisible()
    assert tray_desk.window.form.ticket_id == ticket_id


def test_overdue_shows_on_the_tray_icon(tray_desk: HotlineDesk, clock: FakeClock) -> None:
    _promise(tray_desk, clock)
    tray_desk.start_reminders()
    assert tray_desk.tray.overdue == 0  # type: ignore[union-attr]
    clock.advance(minutes=21)
    tray_desk.scheduler.fire_now()
    assert tray_desk.tray.overdue == 1  # type: ignore[union-attr]
    assert "逾期 1 项" in tray_desk.tray.icon.toolTip()  # type: ignore[union-attr]


def test_snooze_and_done_from_the_tray_menu(tray_desk: HotlineDesk, clock: FakeClock) -> None:
    ticket_id, number = _promise(tray_desk, clock)
    tray_desk.start_reminders()
    clock.advance(minutes=5)
    tray_desk.scheduler.fire_now()
    entry = next(a for a in tray_desk.tray.menu.actions()  # type: ignore[union-attr]
                 if number in a.text() and "承诺反馈" in a.text())
    snooze = next(a for a in entry.menu().actions() if a.menu() is not None)
    snooze.menu().actions()[0].trigger()  # in 5 minutes
    assert tray_desk.scheduler.next_at == clock.now + timedelta(minutes=5)
    entry = next(a for a in tray_desk.tray.menu.actions()  # type: ignore[union-attr]
                 if number in a.text() and "承诺反馈" in a.text())
    next(a for a in entry.menu().actions() if a.text() == "已反馈").trigger()
    assert not any(number in text and "承诺反馈" in text for text in _menu_texts(tray_desk))
    assert any(number in text and "响应时限" in text for text in _menu_texts(tray_desk))  # its deadline remains
    assert tray_desk.ctx.tickets.get(ticket_id).timeline[-1].kind == "feedback_done"


def test_closing_the_window_keeps_the_program_running(tray_desk: HotlineDesk, clock: FakeClock,
                                                      quits: list[bool]) -> None:
    tray_desk.start_reminders()
    tray_desk.window.close()
    assert not tray_desk.window.isVisible()
    assert tray_desk.scheduler.timer.isActive() and quits == []
    tray_desk.tray.show_requested.emit()  # type: ignore[union-attr]
    assert tray_desk.window.isVisible()
    tray_desk.tray.quit_requested.emit()  # type: ignore[union-attr]
    assert quits == [True] and not tray_desk.window.isVisible()
    assert not tray_desk.scheduler.timer.isActive()


def test_the_second_instance_brings_the_window_forward(tray_desk: HotlineDesk, qtbot,  # type: ignore[no-untyped-def]
                                                       tmp_path: Path) -> None:
    name = instance_name(str(tmp_path))
    first = SingleInstance(name)
    assert first.claim()
    first.activated.connect(tray_desk.window_forward)
    tray_desk.window.close()  # hidden to the tray
    try:
        with qtbot.waitSignal(first.activated, timeout=3000):
            assert not SingleInstance(name).claim()  # a second launch: it must end
        assert tray_desk.window.isVisible()
    finally:
        first.release()
    assert SingleInstance(name).notify_running() is False  # nothing running any more


def test_without_a_tray_the_panel_and_a_dialog_show_the_reminder(bare_desk: HotlineDesk, clock: FakeClock) -> None:
    ticket_id, number = _promise(bare_desk, clock)
    bare_desk.start_reminders()
    assert bare_desk.tray is None
    panel = bare_desk.window.reminder_list
    assert [(r.item.number, r.item.kind) for r in panel.reminders()][0] == (number, rules.FEEDBACK)
    clock.advance(minutes=5)
    bare_desk.scheduler.fire_now()
    dialog = bare_desk.reminder_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.list.tree.topLevelItem(0).text(1) == number
    assert "139****5678" in dialog.list.tree.topLevelItem(0).text(2)
    dialog.list.open_button.click()
    assert bare_desk.window.form.ticket_id == ticket_id
    assert dialog.list.done_button.text() == "已反馈"
    dialog.list.done_button.click()
    assert not dialog.isVisible()
    assert rules.FEEDBACK not in {r.item.kind for r in panel.reminders()}
    assert "已按承诺时间反馈客户" in bare_desk.window.timeline.item(bare_desk.window.timeline.count() - 1).text()


def test_missed_while_closed_is_listed_at_start(bare_desk: HotlineDesk, clock: FakeClock) -> None:
    _, number = _promise(bare_desk, clock, minutes=30)
    clock.advance(hours=2)  # the program was not running
    bare_desk.start_reminders()
    dialog = bare_desk.reminder_dialog
    assert dialog is not None and dialog.isVisible()
    assert "关闭期间" in dialog.heading.text()
    numbers = {dialog.list.tree.topLevelItem(i).text(1) for i in range(dialog.list.tree.topLevelItemCount())}
    assert number in numbers


def test_snooze_from_the_panel(bare_desk: HotlineDesk, clock: FakeClock) -> None:
    _promise(bare_desk, clock)
    bare_desk.start_reminders()
    clock.advance(minutes=5)
    bare_desk.scheduler.fire_now()
    panel = bare_desk.window.reminder_list
    panel.snooze_button.menu().actions()[1].trigger()  # in 15 minutes
    assert bare_desk.scheduler.next_at == clock.now + timedelta(minutes=15)
    assert panel.reminders()[0].snoozed


def test_start_at_login_writes_and_removes_the_run_key(tray_desk: HotlineDesk, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui import main_window
    autostart = tray_desk.ctx.autostart
    registry = autostart.registry
    assert isinstance(registry, FakeRegistry)

    def accept(dialog) -> int:  # type: ignore[no-untyped-def]
        assert dialog.start_at_login is not None and not dialog.start_at_login.isChecked()
        dialog.start_at_login.setChecked(True)
        dialog.lead_minutes.setValue(30)
        return main_window.SettingsDialog.DialogCode.Accepted

    monkeypatch.setattr(main_window.SettingsDialog, "exec", accept)
    tray_desk.window.open_settings()
    assert registry.values[(RUN_KEY, VALUE_NAME)] == "C:\\HotlineDesk\\hd.exe"
    assert tray_desk.ctx.config.reminder_lead_minutes == 30
    assert tray_desk.ctx.reminders.lead == timedelta(minutes=30)
    autostart.set_enabled(False)
    assert (RUN_KEY, VALUE_NAME) not in registry.values and not autostart.is_enabled()


def test_autostart_entry_elsewhere(tmp_path: Path) -> None:
    autostart = Autostart(windows=False, autostart_dir=tmp_path, command=["/usr/bin/python3", "-m", "desktop"])
    assert not autostart.is_enabled()
    autostart.set_enabled(True)
    text = (tmp_path / "hotline-desk.desktop").read_text(encoding="utf-8")
    assert "Exec=/usr/bin/python3 -m desktop" in text and autostart.is_enabled()
    autostart.set_enabled(False)
    assert not autostart.is_enabled()


def test_reminder_kinds_have_labels() -> None:
    assert set(rules.KIND_LABELS) == set(rules.KINDS)
