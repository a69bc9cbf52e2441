"""Managing problem guides, a new FAQ entry from the panel, and the aids after a language switch."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from desktop.ui.aids_dialogs import FaqDialog, GuideDialog
from desktop.ui.aids_manager import GuideManager
from tests.ui.conftest import type_text


def test_a_guide_edited_in_settings_shows_beside_the_form(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    aids = window.aids

    def edit(dialog: GuideDialog) -> int:
        assert dialog.problem_type.code() == "logistics" and dialog.min_minutes.value() == 4
        dialog.steps.setPlainText("1 核实订单号\n2 查询物流轨迹\n3 联系快递站点")
        dialog.max_minutes.setValue(7)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(GuideDialog, "exec", edit)
    window.new_call()
    window.form.business_module.set_code("logistics")
    manager = GuideManager(aids.guides, window.ctx.actor, window.ctx.options["business_module"], window.ctx.messages,
                           window)
    qtbot.addWidget(manager)
    manager.changed.connect(aids.follower.show_guide)
    row = next(i for i in range(manager.list.count()) if manager.list.item(i).text().startswith("物流 · 简体中文"))
    manager.list.setCurrentRow(row)
    manager.edit_button.click()
    assert "3 个步骤，预计 4–7 分钟" in manager.list.currentItem().text()
    assert "张敏（A1001）修改于" in manager.list.currentItem().toolTip()
    assert [check.accessibleName() for check in aids.guide_panel.checks] == [
        "1. 核实订单号", "2. 查询物流轨迹", "3. 联系快递站点"]


def test_the_guide_editor_refuses_an_upside_down_range(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.aids_dto import GuideInput

    saved: list[object] = []
    dialog = GuideDialog(None, GuideInput("billing", "zh_CN"), window.ctx.options["business_module"], saved.append,
                         window.ctx.messages, window)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.steps, "调取账单")
    dialog.min_minutes.setValue(9)
    dialog.max_minutes.setValue(5)
    assert "上限不能小于下限" in dialog.message("max_minutes")
    dialog.accept()
    assert saved == [] and dialog.result() != QDialog.DialogCode.Accepted


def test_a_new_faq_entry_from_the_panel(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def write(dialog: FaqDialog) -> int:
        type_text(qtbot, dialog.question, "发票怎么开？")
        type_text(qtbot, dialog.answer, "在订单详情页申请电子发票。")
        dialog.tags.setText("发票，账单")
        dialog.problem_type.set_code("billing")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FaqDialog, "exec", write)
    window.aids.faq_panel.new_button.click()
    row = window.aids.faq_panel.current()
    assert row is not None and row.question == "发票怎么开？" and row.tags == "发票, 账单"
    assert "问题类型：账单" in window.aids.faq_panel.details.text()


def test_the_aids_follow_a_language_switch(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    desk.ctx.config.language = "en"
    desk.switch_language()
    window = desk.window
    qtbot.addWidget(window)
    assert window.aids.phrases_panel.phrases()[0].startswith("Hello, thank you for calling our company.")
    assert window.aids.phrases_dock.windowTitle() == "Quick phrases"
    window.new_call()
    window.form.business_module.set_code("billing")
    assert window.aids.guide_panel.title.text() == "Billing"
    assert window.aids.guide_panel.checks[0].accessibleName() == "1. Pull up the bill"
