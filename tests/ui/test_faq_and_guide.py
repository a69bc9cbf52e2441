"""The FAQ panel and the problem guide beside the form: search as typed, copy, save a ticket as FAQ,
tick guide steps into the timeline, the call time against the expected minutes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.services.aids_dto import ChangeStamp, FaqInput, GuideRow
from desktop.ui.aids_dialogs import FaqDialog
from desktop.ui.guide_panel import GuidePanel
from tests.helpers import AGENT, make_draft
from tests.ui.conftest import type_text

BILLING_STEPS = ["调取账单", "核对明细", "解释说明", "需退款则转财务"]


def _accept_at_once(dialog: FaqDialog) -> int:
    dialog.accept()
    return dialog.result()


def _ticket(window, **values):  # type: ignore[no-untyped-def]
    detail = window.ctx.tickets.create(make_draft(**values), window.ctx.actor())
    window.refresh()
    assert window.open_ticket(detail.id)
    return detail


def test_faq_is_searched_as_the_agent_types_and_copied_with_enter(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    aids = window.aids
    for question, answer in (("如何申请退款到账？", "三个工作日内原路退回。"), ("新手机无法开机", "先充电半小时。"),
                             ("屏幕无法点亮", "开机后黑屏请送修。")):
        aids.faq.save(None, FaqInput(question, answer), AGENT)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert aids.faq_panel.search.hasFocus() and aids.faq_dock.isVisible()
    type_text(qtbot, aids.faq_panel.search, "退款")
    qtbot.waitUntil(lambda: aids.faq_panel.questions() == ["如何申请退款到账？"])
    aids.faq_panel.search.clear()
    type_text(qtbot, aids.faq_panel.search, "无法开机")
    qtbot.waitUntil(lambda: aids.faq_panel.questions() == ["新手机无法开机"])
    assert aids.faq_panel.answer.toPlainText() == "先充电半小时。"
    assert "张敏（A1001）修改于" in aids.faq_panel.details.text()

    qtbot.keyClick(aids.faq_panel.search, Qt.Key.Key_Return)
    assert aids.faq_panel.results.hasFocus()
    QApplication.clipboard().clear()
    qtbot.keyClick(aids.faq_panel.results, Qt.Key.Key_Return)
    assert QApplication.clipboard().text() == "先充电半小时。"
    assert "已复制" in window.statusBar().currentMessage()


def test_save_a_resolved_ticket_as_faq(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    aids = window.aids
    _ticket(window)
    assert not aids.save_as_faq_action.isEnabled()  # still open: no answer yet
    detail = _ticket(window, status="resolved", solution="确认主板故障，已换新机", description="新买的产品无法开机")
    assert aids.save_as_faq_action.isEnabled()
    assert aids.save_as_faq_action.toolTip().endswith("(Ctrl+Shift+F)")

    seen: list[FaqDialog] = []

    def check_and_accept(dialog: FaqDialog) -> int:
        seen.append(dialog)
        assert dialog.question.toPlainText() == "新买的产品无法开机"
        assert dialog.answer.toPlainText() == "确认主板故障，已换新机"
        assert dialog.problem_type.code() == "tech_support"
        return _accept_at_once(dialog)

    monkeypatch.setattr(FaqDialog, "exec", check_and_accept)
    aids.save_as_faq_action.trigger()
    assert len(seen) == 1
    assert aids.faq_panel.current() is not None
    assert aids.faq_panel.current().source_ticket == detail.number
    assert aids.faq.search("主板故障")[0].question == "新买的产品无法开机"
    assert window.statusBar().currentMessage() == "常见问题已保存。"


def test_a_refused_faq_entry_keeps_the_dialog_open(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.aids.faq.save(None, FaqInput("如何退款？", "提交申请"), AGENT)
    dialog = FaqDialog(FaqInput("如何退款？", "另一个答案"), [], lambda value: window.aids.faq.save(None, value, AGENT),
                       window.ctx.messages, window)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != FaqDialog.DialogCode.Accepted
    assert "已有相同问题" in dialog.message("question")


def test_faq_entries_are_edited_and_deleted_from_the_panel(qtbot, window, monkeypatch, messages) -> None:  # type: ignore[no-untyped-def]
    aids = window.aids
    aids.faq.save(None, FaqInput("如何退款？", "提交申请"), AGENT)
    aids.faq_panel.reload()

    def change(dialog: FaqDialog) -> int:
        dialog.answer.setPlainText("在APP里提交退款申请")
        return _accept_at_once(dialog)

    monkeypatch.setattr(FaqDialog, "exec", change)
    aids.faq_panel.edit_button.click()
    assert aids.faq_panel.answer.toPlainText() == "在APP里提交退款申请"
    aids.faq_panel.delete_button.click()
    assert messages.shown[-1][0] == "confirm"
    assert aids.faq_panel.questions() == []


def test_picking_a_module_shows_its_guide_and_ticked_steps_reach_the_timeline(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    aids = window.aids
    detail = _ticket(window, business_module="billing", description="本月账单多扣了20元")
    panel = aids.guide_panel
    assert aids.guide_dock.isVisible()
    assert panel.title.text() == "账单"
    assert [check.accessibleName() for check in panel.checks] == [f"{n}. {s}" for n, s in
                                                                  enumerate(BILLING_STEPS, start=1)]
    assert panel.cautions_label.text() == "不承诺退款到账时间。"
    assert panel.timing_label.text() == "预计 5–8 分钟"  # a saved ticket: no call running

    before = window.timeline.count()
    panel.checks[0].click()
    qtbot.waitUntil(lambda: window.timeline.count() == before + 1)
    assert "调取账单" in window.timeline.entries()[-1]
    assert not panel.checks[0].isEnabled()  # on record: it cannot be unticked
    stored = window.ctx.tickets.get(detail.id).timeline[-1]
    assert stored.kind == "process" and stored.note.endswith(" 调取账单") and stored.agent_code == "A1001"


def test_steps_ticked_during_a_new_call_are_saved_with_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    form = window.form
    panel = window.aids.guide_panel
    window.new_call()
    form.business_module.set_code("billing")
    qtbot.waitUntil(lambda: len(panel.checks) == 4)
    assert panel.timing_label.text().startswith("已用 0:")
    panel.checks[0].click()
    panel.checks[1].click()
    note = form.process_note.text()
    assert "调取账单" in note and "; " in note and note.endswith("核对明细")

    type_text(qtbot, form.phone, "13912345678")
    type_text(qtbot, form.description, "账单疑问")
    assert form.save()
    qtbot.waitUntil(lambda: form.ticket_id is not None)
    assert "核对明细" in window.timeline.entries()[-1]
    qtbot.wait(10)
    assert panel.ticked_steps() == BILLING_STEPS[:2]  # the same call, still ticked

    panel.checks[2].click()
    qtbot.waitUntil(lambda: "解释说明" in window.timeline.entries()[-1])
    window.new_call()
    form.business_module.set_code("billing")
    qtbot.waitUntil(lambda: panel.ticked_steps() == [])


def test_opening_another_ticket_clears_the_ticks(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    first = _ticket(window, business_module="billing", description="账单一")
    window.aids.guide_panel.checks[0].click()
    second = window.ctx.tickets.create(make_draft(business_module="billing", description="账单二", phone="13800001111"),
                                       window.ctx.actor())
    window.refresh()
    assert window.open_ticket(second.id)
    qtbot.waitUntil(lambda: window.aids.guide_panel.ticked_steps() == [])
    assert first.id != second.id


def test_a_module_without_a_guide_says_how_to_add_one(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    for guide in window.aids.guides.list():
        if guide.problem_type == "logistics":
            window.aids.guides.delete(guide.id)
    window.new_call()
    window.form.business_module.set_code("logistics")
    assert "暂无问题指引" in window.aids.guide_panel.title.text()
    assert window.aids.guide_panel.checks == []


@pytest.fixture
def billing() -> GuideRow:
    stamp = ChangeStamp(datetime(2023, 10, 15, tzinfo=UTC), "", "")
    return GuideRow(1, "billing", "zh_CN", True, "账单疑问", tuple(BILLING_STEPS), 5, 8, "不承诺退款到账时间", stamp)


def test_the_call_time_turns_into_a_warning_past_the_upper_bound(qtbot, billing: GuideRow) -> None:  # type: ignore[no-untyped-def]
    elapsed = {"seconds": 372.0}
    panel = GuidePanel(lambda: elapsed["seconds"])
    qtbot.addWidget(panel)
    panel.show_guide(billing, "账单")
    assert panel.timing_label.text() == "已用 6:12 / 预计 5–8 分钟"
    assert panel.timing_label.property("over") is False and panel.timing_label.styleSheet() == ""
    elapsed["seconds"] = 8 * 60 + 5
    qtbot.waitUntil(lambda: "已超时" in panel.timing_label.text(), timeout=2500)  # updated every second
    assert panel.timing_label.text() == "⚠ 已超时：已用 8:05 / 预计 5–8 分钟"
    assert panel.timing_label.property("over") is True and "color" in panel.timing_label.styleSheet()
