"""Language switch, remembered window, and the autosaved draft."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.app import HotlineDesk
from desktop.config import WorkstationConfig, load_config
from desktop.drafts import DraftStore
from desktop.i18n import set_language
from desktop.ui.messages import RecordingMessages
from desktop.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import type_text


def test_window_starts_in_simplified_chinese(window) -> None:  # type: ignore[no-untyped-def]
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[0].startswith("文件")
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "工单编号"
    assert window.new_action.shortcut().toString() == "Ctrl+N"
    assert "Ctrl+N" in window.new_action.toolTip()


def test_switching_to_english_relabels_and_keeps_the_typed_text(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    window = desk.window
    window.new_call()
    type_text(qtbot, window.form.description, "客户来电咨询物流")
    desk.ctx.config.language = "en"
    desk.switch_language()
    new_window = desk.window
    qtbot.addWidget(new_window)
    assert new_window is not window
    assert [a.text() for a in new_window.menuBar().actions()][0] == "&File"
    assert new_window.model.headerData(0, Qt.Orientation.Horizontal) == "Ticket no."
    assert new_window.form.description.toPlainText() == "客户来电咨询物流"
    assert "Phone" in [new_window.form.channel.itemText(i) for i in range(new_window.form.channel.count())]
    set_language("zh_CN")


def test_settings_dialog_validates_and_returns_the_new_config(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(WorkstationConfig(agent_code="A1001", agent_name="张敏"))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    assert dialog.idle_minutes is None  # no centre-wide section for a non-administrator
    dialog.prefix.setText("cs1")
    assert not ok.isEnabled()
    assert dialog.messages["prefix"].text() != ""
    dialog.prefix.setText("GD")
    dialog.language.setCurrentIndex(dialog.language.findData("zh_TW"))
    assert ok.isEnabled()
    config = dialog.result_config()
    assert (config.ticket_prefix, config.language, config.agent_code) == ("GD", "zh_TW", "A1001")


def test_administrator_changes_centre_rules_and_they_apply(qtbot, window, desk, admin) -> None:  # type: ignore[no-untyped-def]
    from desktop.rules.centre_options import IDLE_LOCK_MINUTES, SENSITIVE_MODULES
    from desktop.services.audit import AuditFilter

    dialog = SettingsDialog(desk.ctx.config, window, centre=desk.ctx.centre.all(),
                            modules=desk.ctx.options["business_module"])
    qtbot.addWidget(dialog)
    assert dialog.idle_minutes is not None and dialog.idle_minutes.value() == 10
    dialog.idle_minutes.setValue(3)
    sensitive = dialog.sensitive
    assert sensitive is not None
    for row in range(sensitive.count()):
        item = sensitive.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == "billing":
            item.setCheckState(Qt.CheckState.Checked)
    window.apply_settings(dialog)
    assert desk.ctx.centre.get(IDLE_LOCK_MINUTES) == 3
    assert set(desk.ctx.centre.get(SENSITIVE_MODULES)) == {"refund", "info_change", "billing"}
    changed = desk.ctx.audit.page(admin, AuditFilter(action="setting_changed"))
    assert {row.target_label for row in changed} == {"idle_lock_minutes", "sensitive_modules"}
    # A billing call now needs the identity check before it can be saved.
    window.new_call()
    type_text(qtbot, window.form.phone, "13912345678")
    type_text(qtbot, window.form.description, "申请退还多扣的会员费")
    window.form.business_module.set_code("billing")
    assert "identity_method" in window.form.report.errors
    window.form.identity_method.set_code("sms_code")
    assert window.form.report.ok
    assert window.form.save()


def test_typed_call_survives_a_crash_as_a_draft(qtbot, database, messages) -> None:  # type: ignore[no-untyped-def]
    config = WorkstationConfig(agent_code="A1001", agent_name="张敏")
    first = HotlineDesk(database, config, messages=messages)
    qtbot.addWidget(first.window)
    first.window.new_call()
    type_text(qtbot, first.window.form.phone, "13912345678")
    type_text(qtbot, first.window.form.description, "客户说快递显示已签收但未收到")
    qtbot.waitUntil(lambda: DraftStore().load("A1001") is not None, timeout=3000)
    # The process dies here: no close, no save. A new start offers the draft.
    restarted = HotlineDesk(database, config, messages=RecordingMessages(confirm_answer=True))
    qtbot.addWidget(restarted.window)
    restarted.window.offer_saved_draft()
    form = restarted.window.form
    assert form.description.toPlainText() == "客户说快递显示已签收但未收到"
    assert form.phone.number() == "13912345678"
    assert form.save()
    assert DraftStore().load("A1001") is None


def test_declined_draft_is_discarded(qtbot, database) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers import make_draft

    DraftStore().save("A1001", None, make_draft(description="旧草稿"))
    desk = HotlineDesk(database, WorkstationConfig(agent_code="A1001", agent_name="张敏"),
                       messages=RecordingMessages(confirm_answer=False))
    qtbot.addWidget(desk.window)
    desk.window.offer_saved_draft()
    assert desk.window.form.description.toPlainText() == ""
    assert DraftStore().load("A1001") is None


def test_window_geometry_is_remembered(qtbot, database, messages) -> None:  # type: ignore[no-untyped-def]
    config = WorkstationConfig(agent_code="A1001", agent_name="张敏")
    first = HotlineDesk(database, config, messages=messages)
    qtbot.addWidget(first.window)
    first.window.show()
    first.window.resize(first.window.width(), 520)  # the offscreen screen is 800 × 600
    first.window.timeline_dock.hide()
    first.window.close()
    second = HotlineDesk(database, load_config() if load_config().has_agent else config, messages=messages)
    qtbot.addWidget(second.window)
    assert second.window.height() == 520
    assert second.window.timeline_dock.isHidden()
    assert not second.window.form_dock.isHidden()


def test_qt_standard_buttons_follow_the_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.qt_translations import QtTranslations

    translations = QtTranslations()
    try:
        assert translations.install("zh_CN")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
        assert translations.install("zh_TW")
        box_tw = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box_tw)
        assert box_tw.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    finally:
        translations.install("en")


def test_settings_open_the_quick_phrase_manager(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    opened: list[str] = []
    monkeypatch.setattr(window.aids, "manage_phrases", lambda: opened.append("phrases"))
    window.aids.manage_phrases_action.triggered.disconnect()
    window.aids.manage_phrases_action.triggered.connect(window.aids.manage_phrases)
    dialog = SettingsDialog(window.ctx.config, window, managers=[window.aids.manage_phrases_action])
    qtbot.addWidget(dialog)
    buttons = [b for b in dialog.findChildren(QPushButton) if b.text() == window.aids.manage_phrases_action.text()]
    assert len(buttons) == 1
    buttons[0].click()
    assert opened == ["phrases"]


def test_a_draft_the_disk_refuses_is_reported_and_the_form_kept(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("desktop.drafts.os.fsync", full_disk)
    window.new_call()
    type_text(qtbot, window.form.description, "磁盘已满时输入的内容")
    with qtbot.waitSignal(window.form.draft_failed, timeout=3000):
        window.form.store_draft()
    assert "disk" in window.statusBar().currentMessage() or "磁盘" in window.statusBar().currentMessage()
    assert window.form.description.toPlainText() == "磁盘已满时输入的内容"
