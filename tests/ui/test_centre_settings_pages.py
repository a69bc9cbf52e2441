"""The administrator's settings pages: deadline policy, the centre's own days off, departments with their
handlers, and the choice lists; what is saved shows on the form at once, the typed form is kept."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox

from desktop.app import HotlineDesk
from desktop.rules.centre_options import DEADLINE_PRESET, EXTRA_HOLIDAYS, HANDLERS
from desktop.rules.choices import ISSUE_TYPE
from desktop.services.audit import AuditFilter
from desktop.services.dto import Actor
from desktop.ui import main_window
from desktop.ui.move_dialog import ROUTE, MoveDialog
from desktop.ui.settings_dialog import SettingsDialog
from tests.helpers import make_draft
from tests.ui.conftest import type_text


def _settings(desk: HotlineDesk, monkeypatch: pytest.MonkeyPatch, edit) -> None:  # type: ignore[no-untyped-def]
    def accept(dialog: SettingsDialog) -> int:
        edit(dialog)
        assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        return SettingsDialog.DialogCode.Accepted

    monkeypatch.setattr(main_window.SettingsDialog, "exec", accept)
    desk.window.open_settings()


def _labels(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_departments_handlers_lists_and_policy_are_saved_and_offered(  # type: ignore[no-untyped-def]
        qtbot, desk: HotlineDesk, admin: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    old_window = desk.window
    type_text(qtbot, old_window.form.description, "客户说物流三天没动")
    rebuilds: list[bool] = []
    old_window.language_changed.disconnect()
    old_window.language_changed.connect(lambda: rebuilds.append(True))

    def edit(dialog: SettingsDialog) -> None:
        assert dialog.tabs is not None
        assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
            "本工作站", "数据库", "中心", "部门与处理人", "选项列表"]
        # Centre: form 002 and a day off of the centre's own.
        assert dialog.deadline_preset is not None and dialog.holidays is not None
        dialog.deadline_preset.setCurrentIndex(dialog.deadline_preset.findData("form_002"))
        dialog.holidays.date.setDate(QDate(2026, 12, 24))
        dialog.holidays.add_button.click()
        assert dialog.holidays.dates() == ["2026-12-24"]
        # Departments: add 质检部 with two handlers, hide 财务部.
        assert dialog.departments is not None
        editor = dialog.departments.departments
        item = editor.add_entry()
        item.setText("质检部")
        type_text(qtbot, dialog.departments.handlers, "王工")
        qtbot.keyClick(dialog.departments.handlers, Qt.Key.Key_Return)
        type_text(qtbot, dialog.departments.handlers, "赵工")
        rows = [editor.list.item(r) for r in range(editor.list.count())]
        next(i for i in rows if i.text() == "财务部").setCheckState(Qt.CheckState.Unchecked)
        # Lists: a centre's own issue type.
        issue_types = dialog.lists[ISSUE_TYPE]
        dialog.list_choice.setCurrentIndex(dialog.list_choice.findData(ISSUE_TYPE))
        issue_types.add_entry().setText("催单")

    _settings(desk, monkeypatch, edit)
    assert rebuilds == [True]  # new lists: the window is built again, as after a language switch
    desk.switch_language()
    window = desk.window
    qtbot.addWidget(window)
    assert window is not old_window
    form = window.form
    assert form.description.toPlainText() == "客户说物流三天没动"  # the typed form survived the rebuild
    departments = _labels(form.department)
    assert "质检部" in departments and "财务部" not in departments
    assert "催单" in _labels(form.issue_type)
    assert desk.ctx.centre.get(DEADLINE_PRESET) == "form_002"
    assert desk.ctx.centre.get(EXTRA_HOLIDAYS) == ["2026-12-24"]
    audit = {row.action for row in desk.ctx.audit.page(admin, AuditFilter(), limit=100)}
    assert {"setting_changed", "departments_changed", "list_changed"} <= audit

    # Form 002: an urgent call gets 2 hours.
    detail = desk.ctx.tickets.create(make_draft(priority="urgent"), admin)
    assert detail.lifecycle is not None and detail.lifecycle.response_due_at is not None
    assert detail.lifecycle.response_due_at - detail.draft.call_started_at == timedelta(hours=2)

    # Routing to 质检部 offers its handlers.
    quality = next(d.id for d in desk.ctx.departments if d.name == "质检部")
    assert desk.ctx.centre.get(HANDLERS) == {str(quality): ["王工", "赵工"]}
    window.refresh()
    assert window.open_ticket(detail.id)
    offered: list[list[str]] = []

    def route(dialog: MoveDialog) -> bool:
        department = dialog.widgets["department_id"]
        handler = dialog.widgets["handler"]
        assert isinstance(department, QComboBox) and isinstance(handler, QComboBox)
        department.setCurrentIndex(department.findData(quality))
        offered.append(_labels(handler))
        handler.setCurrentIndex(1)
        return True

    form.ask_move = route
    assert form.move_to(ROUTE)
    assert offered == [["王工", "赵工"]]
    assert form.ticket is not None and form.ticket.lifecycle is not None
    assert form.ticket.lifecycle.handler == "赵工"


def test_a_list_that_cannot_be_saved_keeps_ok_disabled_and_marks_its_page(qtbot, desk: HotlineDesk) -> None:  # type: ignore[no-untyped-def]
    window = desk.window
    dialog = SettingsDialog(desk.ctx.config, window, centre=desk.ctx.centre.all(),
                            modules=desk.ctx.options["business_module"],
                            departments=desk.ctx.centre_lists.departments(), today=date(2026, 12, 2))
    qtbot.addWidget(dialog)
    assert dialog.departments is not None and dialog.tabs is not None
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    editor = dialog.departments.departments
    first = editor.list.item(0).text()
    editor.add_entry().setText(first)
    assert not ok.isEnabled()
    assert "两次" in dialog.messages["departments"].text()
    assert not dialog.tabs.tabIcon(3).isNull() and dialog.tabs.tabIcon(2).isNull()
    editor.list.item(editor.list.count() - 1).setText("质检部")
    assert ok.isEnabled() and dialog.tabs.tabIcon(3).isNull()
    # Reordering by keyboard: Alt+Up moves the new department above the one before it.
    editor.list.setCurrentRow(editor.list.count() - 1)
    editor.up_button.click()
    assert editor.list.item(editor.list.count() - 2).text() == "质检部"
    assert [e.label for e in dialog.result_departments() or []][-2] == "质检部"


def test_an_agent_sees_only_the_workstation_settings(qtbot, desk: HotlineDesk) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(desk.ctx.config, desk.window)
    qtbot.addWidget(dialog)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["本工作站", "数据库"]
    assert dialog.departments is None and dialog.lists == {}
    assert dialog.result_centre() == {} and dialog.result_departments() is None


def test_the_database_page_judges_tests_and_saves_the_location(  # type: ignore[no-untyped-def]
        qtbot, desk: HotlineDesk, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.config import load_config

    window = desk.window
    target = tmp_path / "other.sqlite3"

    def edit(dialog: SettingsDialog) -> None:
        fields = dialog.database
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        type_text(qtbot, fields.location, "mysql://server/db")
        assert not ok.isEnabled() and "postgresql+psycopg://" in dialog.messages["database"].text()
        assert not dialog.tabs.tabIcon(1).isNull()  # the Database tab says it has a problem
        fields.location.clear()
        type_text(qtbot, fields.location, str(target))
        assert ok.isEnabled()
        fields.test_button.click()
        qtbot.waitUntil(lambda: fields.test_button.isEnabled(), timeout=5000)
        assert "下次启动" in fields.result.text()  # nothing there yet: created at the next start
        assert not target.exists()
        fields.backup_keep.setValue(12)

    _settings(desk, monkeypatch, edit)
    saved = load_config()
    assert saved.database == str(target) and saved.backup_keep == 12
    [(kind, _title, text)] = [m for m in window.ctx.messages.shown if m[0] == "info"]  # type: ignore[attr-defined]
    assert str(target) in text and "Ctrl+Q" in text
