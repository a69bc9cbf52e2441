"""Another workstation's changes reach this window within seconds, without F5."""

from __future__ import annotations

from dataclasses import replace

from desktop.app import HotlineDesk
from desktop.services.dto import Actor
from desktop.services.tickets import TicketService
from tests.helpers import make_draft


def test_a_ticket_logged_elsewhere_appears_and_the_open_one_follows_its_edit(  # type: ignore[no-untyped-def]
        qtbot, desk: HotlineDesk, colleague: Actor) -> None:
    elsewhere = TicketService(desk.ctx.database.sessions)  # the other station's own service
    first = elsewhere.create(make_draft(description="第一位客户咨询物流"), colleague)
    window = desk.window
    window.refresh()
    assert window.open_ticket(first.id)
    watcher = desk.changes
    watcher.timer.setInterval(50)
    watcher.start()
    try:
        qtbot.waitUntil(lambda: watcher._last is not None, timeout=3000)
        elsewhere.create(make_draft(phone="13800001111", description="另一站登记的来电"), colleague)
        qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=3000)
        # The open ticket is edited elsewhere: the form (not being edited here) shows the new text.
        detail = elsewhere.get(first.id)
        elsewhere.update(first.id, replace(detail.draft, remark="客户改约明天上午"), detail.version, colleague)
        qtbot.waitUntil(lambda: window.form.remark.toPlainText() == "客户改约明天上午", timeout=3000)
        # Scrolled down the list, the table stays put and the status bar says what happened.
        window.ctx.tickets.create_many([make_draft(phone=f"137{n:08d}") for n in range(120)], colleague)
        window.refresh()
        bar = window.table.verticalScrollBar()
        qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=3000)
        bar.setValue(bar.maximum())
        qtbot.wait(200)  # the look at the 120 tickets above has come and gone
        before = window.model.rowCount()
        elsewhere.create(make_draft(phone="13900002222"), colleague)
        qtbot.waitUntil(lambda: "F5" in window.statusBar().currentMessage(), timeout=3000)
        assert window.model.rowCount() == before
    finally:
        watcher.stop()


def test_an_edit_in_progress_is_not_replaced(qtbot, desk: HotlineDesk, colleague: Actor) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import type_text

    elsewhere = TicketService(desk.ctx.database.sessions)
    first = elsewhere.create(make_draft(), colleague)
    window = desk.window
    window.refresh()
    assert window.open_ticket(first.id)
    type_text(qtbot, window.form.remark, "本站正在输入")
    detail = elsewhere.get(first.id)
    elsewhere.update(first.id, replace(detail.draft, remark="另一站的修改"), detail.version, colleague)
    window.changed_elsewhere()
    assert window.form.remark.toPlainText() == "本站正在输入" and window.form.is_dirty()
