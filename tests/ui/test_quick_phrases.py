"""Quick phrases in the window: placeholders filled, Alt+1…Alt+9 into the focused field or the clipboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from desktop.ui.aids_dialogs import PhraseDialog
from desktop.ui.aids_manager import PhraseManager
from tests.ui.conftest import type_text

GREETING = "您好，这里是华东客户服务热线，工号A1001为您服务，请问有什么可以帮您？"


@pytest.fixture
def aids(window):  # type: ignore[no-untyped-def]
    window.ctx.config.centre_name = "华东"
    window.aids.phrases_panel.refill()
    return window.aids


def _press_alt(qtbot, widget: QWidget, number: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(widget, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.AltModifier)


def test_the_panel_shows_phrases_with_placeholders_filled(qtbot, window, aids) -> None:  # type: ignore[no-untyped-def]
    shown = aids.phrases_panel.phrases()
    assert shown[0] == GREETING
    assert not any("{" in text for text in shown)
    assert any(text.startswith("尊敬的客户，非常理解您的心情") for text in shown)
    type_text(qtbot, window.form.customer_name, "王先生")
    qtbot.waitUntil(lambda: any(t.startswith("王先生，非常理解您的心情") for t in aids.phrases_panel.phrases()))
    labels = [aids.phrases_panel.list.item(i).text() for i in range(aids.phrases_panel.list.count())]
    assert labels[:2] == ["问候语", "Alt+1  " + GREETING]
    assert "安抚语" in labels and "结束语" in labels


@pytest.mark.parametrize("kind", [QLineEdit, QTextEdit, QPlainTextEdit])
def test_alt_n_inserts_at_the_cursor_of_the_focused_field(qtbot, window, aids, kind) -> None:  # type: ignore[no-untyped-def]
    editor = kind(window)
    editor.show()
    type_text(qtbot, editor, "开头：")
    _press_alt(qtbot, editor, 1)
    text = editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()
    assert text == "开头：" + GREETING


def test_alt_n_in_the_form_fills_the_customer(qtbot, window, aids) -> None:  # type: ignore[no-untyped-def]
    window.new_call()
    type_text(qtbot, window.form.customer_name, "李女士")
    third = aids.phrases_panel.phrase(3)
    assert third is not None and third.startswith("李女士，")
    window.form.description.setFocus()
    qtbot.waitUntil(window.form.description.hasFocus)
    _press_alt(qtbot, window.form.description, 3)
    assert window.form.description.toPlainText() == third


def test_alt_n_copies_when_no_text_field_has_focus(qtbot, window, aids) -> None:  # type: ignore[no-untyped-def]
    QApplication.clipboard().clear()
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    _press_alt(qtbot, window.table, 2)
    second = aids.phrases_panel.phrase(2)
    assert QApplication.clipboard().text() == second
    assert "剪贴板" in window.statusBar().currentMessage()


def test_a_read_only_field_gets_nothing_the_clipboard_does(qtbot, window, aids) -> None:  # type: ignore[no-untyped-def]
    answer = aids.faq_panel.answer
    aids.faq_dock.show()
    aids.faq_dock.raise_()
    answer.setFocus()
    qtbot.waitUntil(answer.hasFocus)
    _press_alt(qtbot, answer, 1)
    assert answer.toPlainText() == ""
    assert QApplication.clipboard().text() == GREETING


def test_a_phrase_picked_in_the_panel_goes_where_the_agent_was_typing(qtbot, window, aids) -> None:  # type: ignore[no-untyped-def]
    window.new_call()
    type_text(qtbot, window.form.remark, "备注：")
    aids.phrases_panel.list.setFocus()
    item = aids.phrases_panel.list.item(1)
    aids.phrases_panel.list.itemActivated.emit(item)
    assert window.form.remark.toPlainText() == "备注：" + GREETING


def test_search_narrows_the_list_and_the_numbers_follow(qtbot, window, aids) -> None:  # type: ignore[no-untyped-def]
    type_text(qtbot, aids.phrases_panel.search, "再见")
    qtbot.waitUntil(lambda: len(aids.phrases_panel.phrases()) == 2)
    assert all("再见" in text for text in aids.phrases_panel.phrases())
    assert aids.phrases_panel.phrase(1) == aids.phrases_panel.phrases()[0]
    assert aids.phrases_panel.phrase(3) is None
    window.table.setFocus()
    _press_alt(qtbot, window.table, 9)
    assert "没有第 9 条快捷短语" in window.statusBar().currentMessage()


def test_f2_toggles_the_panel(qtbot, window, aids) -> None:  # type: ignore[no-untyped-def]
    assert aids.phrases_dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert aids.phrases_panel.search.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert not aids.phrases_dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert aids.phrases_dock.isVisible()


def test_actions_show_their_shortcuts(window, aids) -> None:  # type: ignore[no-untyped-def]
    assert aids.phrases_action.toolTip() == "快捷短语 (F2)"
    assert aids.phrase_actions[0].toolTip() == "插入第 1 条快捷短语 (Alt+1)"
    assert len(aids.phrase_actions) == 9
    tools = next(a.menu() for a in window.menuBar().actions() if a.text() == "工具(&T)")
    texts = [action.text() for action in tools.actions()]
    assert "管理快捷短语…" in texts and "将工单存为常见问题…" in texts and "导入快捷短语、常见问题和问题指引…" in texts


def test_phrases_are_managed_in_settings(qtbot, window, aids, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def fill_in(dialog: PhraseDialog) -> int:
        assert dialog.preview.text() == ""
        dialog.category.set_code("confirming")
        type_text(qtbot, dialog.text, "{customer}，我再确认一下您的地址。")
        assert dialog.preview.text().startswith("尊敬的客户，")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PhraseDialog, "exec", fill_in)
    manager = PhraseManager(aids.phrases, window.ctx.actor, aids.fill_values, window.ctx.messages, window)
    qtbot.addWidget(manager)
    manager.changed.connect(aids.phrases_panel.reload)
    before = manager.list.count()
    manager.new_button.click()
    assert manager.list.count() == before + 1
    assert "我再确认一下您的地址" in manager.list.currentItem().text()
    assert "张敏" in manager.list.currentItem().toolTip()
    assert any("我再确认一下您的地址" in text for text in aids.phrases_panel.phrases())

    type_text(qtbot, manager.search, "地址")
    assert manager.list.count() == 1
    manager.list.setCurrentRow(0)
    manager.delete_button.click()
    assert manager.list.count() == 0
    assert not any("我再确认一下您的地址" in text for text in aids.phrases_panel.phrases())


def test_the_phrase_editor_checks_as_typed(qtbot, window, aids) -> None:  # type: ignore[no-untyped-def]
    saved: list[object] = []
    dialog = PhraseDialog(None, "zh_CN", aids.fill_values(), saved.append, window.ctx.messages, window)
    qtbot.addWidget(dialog)
    save = dialog.buttons.buttons()[0]
    assert not save.isEnabled() and dialog.message("text") == ""  # nothing shouted before typing
    type_text(qtbot, dialog.text, "您好{nmae}")
    assert "{nmae}" in dialog.message("text") and not save.isEnabled()
    dialog.text.setPlainText("您好，{centre}")
    assert save.isEnabled() and dialog.preview.text() == "您好，华东"
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and len(saved) == 1
