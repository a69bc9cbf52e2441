"""The foundation's story: Ctrl+N, type the call, see errors inline, Ctrl+S, reopen, edit."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.rules.ticket_draft import TicketDraft
from desktop.services.dto import Actor
from desktop.ui.ticket_table_model import COL_CUSTOMER_TYPE, COL_NUMBER, COL_PHONE
from tests.helpers import make_draft
from tests.ui.conftest import search_for, type_text


def _cell(window, row: int, column: int) -> str:  # type: ignore[no-untyped-def]
    return window.model.data(window.model.index(row, column))


def test_ctrl_n_starts_a_call_focused_on_the_phone(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = window.form
    assert form.ticket_id is None
    assert form.phone.hasFocus()
    assert form.phone.number() == ""
    assert form.timer_label.text() == "通话中 0:00"
    assert not form.save_button.isEnabled()
    assert form.save_reason.text() != ""  # the reason Save is disabled is shown


def test_log_a_call_end_to_end(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = window.form

    type_text(qtbot, form.phone, "1391234567")  # 10 digits: one short
    qtbot.waitUntil(lambda: form.message("phone") != "")
    assert "11" in form.message("phone")
    assert not form.save_button.isEnabled()

    type_text(qtbot, form.phone, "8")
    qtbot.waitUntil(lambda: form.message("phone") == "")
    type_text(qtbot, form.customer_name, "王先生")
    form.issue_type.set_code("fault")
    type_text(qtbot, form.description, "当天购买的产品无法开机")
    form.priority.set_code("urgent")
    form.emotion.set_code("anxious")
    type_text(qtbot, form.order_number, "DD2023101500123")
    assert form.report.ok, dict(form.report.errors)
    assert form.save_button.isEnabled()

    # Leaving the phone field masks it.
    form.customer_name.setFocus()
    qtbot.waitUntil(lambda: form.phone.text() == "139****5678")
    assert form.phone.number() == "13912345678"

    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: form.ticket_id is not None)

    number = _cell(window, 0, COL_NUMBER)
    assert number.startswith("CS") and len(number) == len("CS20231015001")
    assert number.endswith("001")
    assert _cell(window, 0, COL_PHONE) == "139****5678"
    assert _cell(window, 0, COL_CUSTOMER_TYPE) == "新客户"
    assert form.number_label.text() == number
    assert window.timeline.count() == 1

    # Reopen from the table, edit, save again: the timeline grows with who and what.
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert form.ticket_id is None
    window.table.setFocus()
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: form.ticket_id is not None)
    assert form.description.toPlainText() == "当天购买的产品无法开机"
    form.description.selectAll()
    form.description.clear()
    type_text(qtbot, form.description, "产品无法开机，已确认主板故障")
    type_text(qtbot, form.process_note, "10:15 分派至技术部李工")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.timeline.count() == 2)
    last = window.timeline.entries()[-1]
    assert "张敏" in last and "A1001" in last
    assert "问题描述" in last and "主板故障" in last
    assert "10:15 分派至技术部李工" in last
    assert window.model.rowCount() == 1


def test_invalid_fields_show_inline_and_block_save(qtbot, window, messages) -> None:  # type: ignore[no-untyped-def]
    window.new_call()
    form = window.form
    type_text(qtbot, form.phone, "abc")
    qtbot.waitUntil(lambda: form.message("phone") != "")
    form.promised.enabled_box.setChecked(True)
    form.promised.editor.setDateTime(form.promised.editor.dateTime().addDays(-1))
    qtbot.waitUntil(lambda: form.message("promised_feedback_at") != "")
    assert not form.save()
    # A required field left empty gets its own message once a save was tried.
    assert form.message("description") != ""
    assert window.model.rowCount() == 0
    assert messages.shown == []


def test_returning_customer_and_history_appear_while_typing(qtbot, window, desk, colleague) -> None:  # type: ignore[no-untyped-def]
    desk.ctx.tickets.create(make_draft(phone="13800138000", description="上次咨询物流"), colleague)
    window.refresh()
    window.new_call()
    form = window.form
    type_text(qtbot, form.phone, "13800138000")
    qtbot.waitUntil(lambda: window.history.list.count() == 1, timeout=2000)
    assert form.customer_type_label.text() == "老客户"
    assert "上次咨询物流" in window.history.list.item(0).text()

    form.phone.clear()
    type_text(qtbot, form.phone, "13700137000")
    qtbot.waitUntil(lambda: form.customer_type_label.text() == "新客户", timeout=2000)
    assert window.history.list.count() == 0


def test_conflicting_save_keeps_the_typed_text(qtbot, window, desk, messages, colleague) -> None:  # type: ignore[no-untyped-def]
    saved = desk.ctx.tickets.create(make_draft(), Actor("A1001", "张敏"))
    window.refresh()
    window.open_ticket(saved.id)
    # Another workstation saves first.
    other = TicketDraft(**{**saved.draft.__dict__, "remark": "另一坐席的备注"})
    desk.ctx.tickets.update(saved.id, other, saved.version, colleague)
    type_text(qtbot, window.form.solution, "更换新机")
    assert not window.form.save()
    assert messages.shown and messages.shown[-1][0] == "error"
    assert window.form.solution.toPlainText() == "更换新机"


def test_call_timer_records_handle_time(qtbot, window, desk, clock) -> None:  # type: ignore[no-untyped-def]
    window.form._services.clock = clock  # the form reads time through the injected clock
    window.new_call()
    form = window.form
    type_text(qtbot, form.phone, "13912345678")
    type_text(qtbot, form.description, "咨询退款进度")
    clock.advance(seconds=95)
    form._tick()
    assert form.timer_label.text().endswith("1:35")
    assert form.save()
    assert desk.ctx.tickets.get(form.ticket_id).handle_seconds == 95
    assert desk.ctx.tickets.get(form.ticket_id).draft.call_started_at == clock.now - timedelta(seconds=95)


def test_escape_clears_search_then_returns_to_table(qtbot, window, desk) -> None:  # type: ignore[no-untyped-def]
    desk.ctx.tickets.create(make_draft(description="物流延迟"), Actor("A1001", "张敏"))
    desk.ctx.tickets.create(make_draft(phone="13700137000", description="账单疑问"), Actor("A1001", "张敏"))
    window.refresh()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_bar.search.hasFocus()
    search_for(qtbot, window, "物流")
    assert window.model.rowCount() == 1
    QTest.keyClick(window.filter_bar.search, Qt.Key.Key_Escape)
    assert window.filter_bar.search.text() == ""
    assert window.model.rowCount() == 2
