"""The administrators' tools: accounts, the audit log viewer and its export, changing one's password,
and the menus that show them only to a role that may use them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QMenu
from sqlalchemy import text

from desktop.app import HotlineDesk
from desktop.export.audit_export import COL_ACTION, COL_DETAILS, COL_TIME, export_cells
from desktop.rules.permissions import ADMIN, AGENT, SUPERVISOR
from desktop.services.accounts import SignInRefused
from desktop.services.audit import AuditFilter, action_label
from desktop.services.dto import Actor
from desktop.ui.accounts_dialog import COL_CODE, COL_LOCKED, COL_ROLE, AccountsDialog
from desktop.ui.admin_wiring import AdminTools, install_admin_tools, refresh_admin_tools
from desktop.ui.audit_dialog import AuditDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.messages import RecordingMessages
from desktop.ui.password_dialog import PasswordDialog
from tests.ui.conftest import PASSWORD, type_text

NEW_PASSWORD = "night2023Shift"


@pytest.fixture
def tools(window: MainWindow) -> AdminTools:
    install_admin_tools(window)  # a no-op refresh once the main window installs them itself
    return window.admin_tools  # type: ignore[attr-defined,no-any-return]


def sign_in_as(desk: HotlineDesk, actor: Actor | None) -> None:
    desk.ctx.signed_in = actor
    refresh_admin_tools(desk.window)


def menu_actions(window: MainWindow) -> list[QAction]:
    found: list[QAction] = []

    def walk(actions: list[QAction]) -> None:
        for action in actions:
            found.append(action)
            menu = action.menu()
            if isinstance(menu, QMenu):
                walk(menu.actions())

    walk(window.menuBar().actions())
    return found


# --- the menus ------------------------------------------------------------------------------


def test_the_admin_tools_are_in_the_menus_once(window: MainWindow, tools: AdminTools) -> None:
    install_admin_tools(window)
    texts = [a.text() for a in menu_actions(window)]
    for action in (tools.accounts_action, tools.audit_action, tools.password_action):
        assert texts.count(action.text()) == 1
    file_menus = [o for o in window.quit_action.associatedObjects() if isinstance(o, QMenu)]
    assert file_menus and tools.password_action in file_menus[0].actions()


@pytest.mark.parametrize(("role", "visible"), [(AGENT, False), (SUPERVISOR, False), (ADMIN, True)])
def test_admin_menu_items_follow_the_role(desk: HotlineDesk, tools: AdminTools, role: str, visible: bool) -> None:
    sign_in_as(desk, Actor("A1001", "张敏", role))
    for action in (tools.accounts_action, tools.audit_action):
        assert action.isVisible() is visible
        assert action.isEnabled() is visible
    assert tools.password_action.isVisible()


def test_switching_users_applies_the_new_role(desk: HotlineDesk, tools: AdminTools, admin: Actor) -> None:
    assert tools.accounts_action.isVisible()
    sign_in_as(desk, Actor("A1003", "王芳", AGENT))
    assert not tools.accounts_action.isVisible() and not tools.audit_action.isVisible()
    sign_in_as(desk, admin)
    assert tools.accounts_action.isVisible() and tools.audit_action.isVisible()


def test_without_a_signed_in_account_nothing_is_offered(desk: HotlineDesk, tools: AdminTools) -> None:
    sign_in_as(desk, None)
    assert not any(a.isVisible() for a in (tools.accounts_action, tools.audit_action, tools.password_action))


def test_no_menu_item_deletes_anything(window: MainWindow, tools: AdminTools) -> None:
    texts = [a.text().lower() for a in [*menu_actions(window), *window.findChildren(QAction)]]
    assert len(texts) > 10
    removing = {t for t in texts if any(word in t for word in ("delete", "删除", "刪除", "remove"))}
    # The one removal is the retention purge: tickets past the years the centre keeps, exported first.
    assert removing == {tools.purge_action.text().lower()}


# --- accounts -------------------------------------------------------------------------------


def shown(qtbot, dialog: QDialog) -> None:  # type: ignore[no-untyped-def]
    """Wait until ``dialog`` is on screen and active (its shortcuts work only then)."""
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)


def open_accounts(qtbot, tools: AdminTools) -> AccountsDialog:  # type: ignore[no-untyped-def]
    dialog = tools.open_accounts()
    assert isinstance(dialog, AccountsDialog)
    shown(qtbot, dialog)
    return dialog


def test_the_accounts_dialog_adds_an_account_that_can_sign_in(qtbot, desk: HotlineDesk, tools: AdminTools) -> None:  # type: ignore[no-untyped-def]
    dialog = open_accounts(qtbot, tools)
    assert [dialog.model.account(r).code for r in range(dialog.model.rowCount())] == ["A1001"]  # type: ignore[union-attr]
    type_text(qtbot, dialog.code, "A2002")
    type_text(qtbot, dialog.name, "夜班李娜")
    dialog.role.setCurrentIndex(dialog.role.findData(SUPERVISOR))
    type_text(qtbot, dialog.password, NEW_PASSWORD)
    type_text(qtbot, dialog.repeat, NEW_PASSWORD)
    assert dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.model.row_of("A2002") is not None, timeout=2000)  # a shortcut animates the click

    row = dialog.model.row_of("A2002")
    assert row is not None
    assert dialog.model.index(row, COL_ROLE).data() == "主管"
    assert "A2002" in dialog.status.text()
    assert dialog.editing is not None and dialog.editing.code == "A2002"
    actor = desk.ctx.accounts.sign_in("A2002", NEW_PASSWORD)
    assert (actor.name, actor.role) == ("夜班李娜", SUPERVISOR)


def test_a_bad_password_shows_an_inline_message_and_saves_nothing(  # type: ignore[no-untyped-def]
        qtbot, desk: HotlineDesk, tools: AdminTools, admin: Actor) -> None:
    dialog = open_accounts(qtbot, tools)
    assert not dialog.messages["password"].isVisible()  # nothing said before anything is typed
    type_text(qtbot, dialog.code, "A2002")
    type_text(qtbot, dialog.name, "夜班李娜")
    type_text(qtbot, dialog.password, "short1")
    assert dialog.messages["password"].isVisible()
    assert "8" in dialog.messages["password"].text()
    assert not dialog.ok_button.isEnabled()
    assert dialog.ok_button.toolTip() == dialog.messages["password"].text()[2:]
    dialog.accept()
    assert [a.code for a in desk.ctx.accounts.accounts(admin)] == ["A1001"]


def test_the_repeat_must_match(qtbot, tools: AdminTools) -> None:  # type: ignore[no-untyped-def]
    dialog = open_accounts(qtbot, tools)
    type_text(qtbot, dialog.password, NEW_PASSWORD)
    type_text(qtbot, dialog.repeat, NEW_PASSWORD + "x")
    assert dialog.messages["repeat"].isVisible()
    assert not dialog.ok_button.isEnabled()


def test_a_new_account_may_not_take_an_existing_id(qtbot, tools: AdminTools) -> None:  # type: ignore[no-untyped-def]
    dialog = open_accounts(qtbot, tools)
    type_text(qtbot, dialog.code, "A1001")
    assert dialog.messages["code"].isVisible()
    assert not dialog.ok_button.isEnabled()


def test_editing_an_account_keeps_its_password_and_guards_your_own(  # type: ignore[no-untyped-def]
        qtbot, desk: HotlineDesk, tools: AdminTools, admin: Actor) -> None:
    desk.ctx.accounts.save_account(admin, "A1003", "王芳", AGENT, password=NEW_PASSWORD)
    dialog = open_accounts(qtbot, tools)
    dialog.select("A1001")
    assert dialog.code.isReadOnly()
    assert not dialog.role.isEnabled() and not dialog.active.isEnabled()
    dialog.select("A1003")
    assert dialog.role.isEnabled() and dialog.code.text() == "A1003"
    dialog.role.setCurrentIndex(dialog.role.findData(SUPERVISOR))
    dialog.active.setChecked(False)
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    changed = {a.code: a for a in desk.ctx.accounts.accounts(admin)}["A1003"]
    assert (changed.role, changed.active) == (SUPERVISOR, False)
    with pytest.raises(SignInRefused, match="停用"):
        desk.ctx.accounts.sign_in("A1003", NEW_PASSWORD)


def test_the_service_refusal_is_shown_under_its_field(  # type: ignore[no-untyped-def]
        qtbot, desk: HotlineDesk, tools: AdminTools, admin: Actor) -> None:
    desk.ctx.accounts.save_account(admin, "A1003", "王芳", AGENT, password=NEW_PASSWORD)
    with desk.ctx.database.engine.begin() as connection:
        connection.execute(text("UPDATE agents SET role = 'auditor' WHERE code = 'A1003'"))
    dialog = open_accounts(qtbot, tools)
    dialog.select("A1003")
    assert dialog.role.currentData() == "auditor"
    dialog.accept()
    assert dialog.messages["role"].isVisible()
    assert dialog.messages["role"].kind == "error"
    assert not dialog.ok_button.isEnabled()


def test_a_locked_account_shows_until_when(qtbot, desk: HotlineDesk, tools: AdminTools, admin: Actor) -> None:  # type: ignore[no-untyped-def]
    desk.ctx.accounts.save_account(admin, "A1003", "王芳", AGENT, password=NEW_PASSWORD)
    for _attempt in range(5):
        with pytest.raises(SignInRefused):
            desk.ctx.accounts.sign_in("A1003", "wrong2023pass")
    dialog = open_accounts(qtbot, tools)
    locked = dialog.model.index(dialog.model.row_of("A1003"), COL_LOCKED).data()  # type: ignore[arg-type]
    assert locked and dialog.model.index(dialog.model.row_of("A1001"), COL_LOCKED).data() == ""  # type: ignore[arg-type]


def test_a_refused_role_gets_a_message_and_an_empty_dialog(qtbot, desk: HotlineDesk, admin: Actor) -> None:  # type: ignore[no-untyped-def]
    messages = RecordingMessages()
    dialog = AccountsDialog(desk.ctx.accounts, Actor("A1001", "张敏", ADMIN), messages)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    desk.ctx.accounts.save_account(admin, "A1003", "王芳", AGENT, password=NEW_PASSWORD)
    refused = AccountsDialog(desk.ctx.accounts, Actor("A1003", "王芳", ADMIN), messages)
    qtbot.addWidget(refused)
    assert refused.model.rowCount() == 0
    assert [kind for kind, _title, _text in messages.shown] == ["error"]
    assert "客服" in messages.shown[0][2]
    assert not refused.ok_button.isEnabled() and not refused.code.isEnabled()


def test_a_save_refused_by_role_is_said_in_a_message(  # type: ignore[no-untyped-def]
        qtbot, desk: HotlineDesk, tools: AdminTools, admin: Actor, messages: RecordingMessages) -> None:
    dialog = open_accounts(qtbot, tools)
    second = desk.ctx.accounts.save_account(admin, "M002", "周主任", ADMIN, password=NEW_PASSWORD).actor()
    desk.ctx.accounts.save_account(second, "A1001", "张敏", AGENT)  # demoted while the dialog is open
    type_text(qtbot, dialog.code, "A2002")
    type_text(qtbot, dialog.name, "夜班李娜")
    type_text(qtbot, dialog.password, NEW_PASSWORD)
    type_text(qtbot, dialog.repeat, NEW_PASSWORD)
    dialog.accept()
    assert messages.shown[-1][0] == "error"
    assert "客服" in messages.shown[-1][2]
    assert dialog.model.row_of("A2002") is None
    assert "A2002" not in [a.code for a in desk.ctx.accounts.accounts(second)]


def test_the_account_model_passes_the_model_tester(qtbot, qtmodeltester, tools: AdminTools) -> None:  # type: ignore[no-untyped-def]
    dialog = open_accounts(qtbot, tools)
    assert dialog.model.index(0, COL_CODE).data() == "A1001"
    qtmodeltester.check(dialog.model)


# --- changing one's password ------------------------------------------------------------------


def test_changing_the_password_needs_the_current_one(  # type: ignore[no-untyped-def]
        qtbot, desk: HotlineDesk, tools: AdminTools, messages: RecordingMessages) -> None:
    dialog = tools.change_password()
    assert isinstance(dialog, PasswordDialog)
    type_text(qtbot, dialog.old, "not2023mine")
    type_text(qtbot, dialog.new, NEW_PASSWORD)
    type_text(qtbot, dialog.repeat, NEW_PASSWORD)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.messages["old"].isVisible() and dialog.isVisible()
    dialog.old.setText(PASSWORD)
    dialog.touch("old")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert messages.shown[-1][0] == "info"
    assert desk.ctx.accounts.sign_in("A1001", NEW_PASSWORD).code == "A1001"


def test_the_new_password_must_differ_and_meet_the_rules(qtbot, tools: AdminTools) -> None:  # type: ignore[no-untyped-def]
    dialog = tools.change_password()
    type_text(qtbot, dialog.old, PASSWORD)
    type_text(qtbot, dialog.new, PASSWORD)
    assert dialog.messages["new"].isVisible()
    dialog.new.setText("A1001night1")
    dialog.touch("new")
    assert "工号" in dialog.messages["new"].text()
    assert not dialog.ok_button.isEnabled()  # type: ignore[attr-defined]


# --- the audit log ----------------------------------------------------------------------------


@pytest.fixture
def logged(desk: HotlineDesk, admin: Actor) -> list[str]:
    """A few actions of different kinds, oldest first."""
    audit = desk.ctx.audit
    for index in range(3):
        audit.log(admin, "print", target_kind="ticket", target_label=f"CS2023101500{index}", details={"pages": 1})
    audit.log(admin, "export", details={"rows": 12, "format": "xlsx"})
    audit.log(admin, "setting_changed", target_label="idle_lock_minutes", details={"old": 10, "new": 15})
    return ["print", "print", "print", "export", "setting_changed"]


def open_audit(qtbot, tools: AdminTools) -> AuditDialog:  # type: ignore[no-untyped-def]
    dialog = tools.open_audit()
    assert isinstance(dialog, AuditDialog)
    shown(qtbot, dialog)
    return dialog


def test_the_audit_dialog_lists_entries_newest_first(qtbot, tools: AdminTools, logged: list[str]) -> None:  # type: ignore[no-untyped-def]
    dialog = open_audit(qtbot, tools)
    rows = dialog.model.rows()
    assert [(r.at, r.id) for r in rows] == sorted(((r.at, r.id) for r in rows), reverse=True)
    assert [r.action for r in rows[:5]] == list(reversed(logged))
    assert dialog.model.index(0, COL_ACTION).data() == action_label("setting_changed") != "setting_changed"
    assert dialog.model.index(0, COL_DETAILS).data() == "原值: 10; 新值: 15"
    assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "时间"


def test_the_audit_dialog_filters_by_action_and_agent(qtbot, tools: AdminTools, logged: list[str]) -> None:  # type: ignore[no-untyped-def]
    dialog = open_audit(qtbot, tools)
    dialog.action.setCurrentIndex(dialog.action.findData("print"))
    assert [r.action for r in dialog.model.rows()] == ["print"] * 3
    assert [r.target_label for r in dialog.model.rows()] == ["CS20231015002", "CS20231015001", "CS20231015000"]
    dialog.action.setCurrentIndex(0)
    type_text(qtbot, dialog.agent, "Z999")
    qtbot.keyClick(dialog.agent, Qt.Key.Key_Return)
    assert dialog.model.rowCount() == 0
    assert not dialog.export_button.isEnabled()


def test_load_more_continues_where_the_page_ended(  # type: ignore[no-untyped-def]
        qtbot, tools: AdminTools, logged: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(AuditDialog, "PAGE_SIZE", 2)
    dialog = open_audit(qtbot, tools)
    assert dialog.model.rowCount() == 2 and dialog.more_button.isEnabled()
    every = tools.window.ctx.audit.page(tools.window.ctx.actor(), AuditFilter(), limit=100)
    for _page in range(len(every)):
        if not dialog.more_button.isEnabled():
            break
        before = dialog.model.rowCount()
        qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: dialog.model.rowCount() > before, timeout=2000)  # noqa: B023
    assert [r.id for r in dialog.model.rows()] == [r.id for r in every]


def test_the_export_writes_a_csv_that_reads_back(  # type: ignore[no-untyped-def]
        qtbot, tools: AdminTools, logged: list[str], tmp_path: Path, messages: RecordingMessages) -> None:
    target = tmp_path / "审计.csv"
    dialog = open_audit(qtbot, tools)
    dialog._choose_path = lambda _parent: (target, "csv")
    listed = dialog.model.rows()
    dialog.export_button.click()
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        header, *body = list(csv.reader(handle))
    assert header[:4] == ["时间", "工号", "姓名", "操作"]
    assert body == [export_cells(row) for row in listed]
    assert [line[1] for line in body] == [row.actor_code for row in listed]
    assert body[0][COL_TIME].count(":") == 2
    assert messages.shown[-1][0] == "info"
    recorded = dialog.model.rows()[0]
    assert (recorded.action, recorded.details) == ("audit_export", {"rows": len(listed), "format": "csv"})


def test_the_export_writes_an_xlsx_with_every_matching_entry(  # type: ignore[no-untyped-def]
        qtbot, tools: AdminTools, logged: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(AuditDialog, "PAGE_SIZE", 2)
    target = tmp_path / "audit.xlsx"
    dialog = open_audit(qtbot, tools)
    dialog.action.setCurrentIndex(dialog.action.findData("print"))
    dialog._choose_path = lambda _parent: (target, "xlsx")
    dialog.export()
    sheet = load_workbook(target).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]  # type: ignore[union-attr]
    assert values[0][0] == "时间"
    assert [row[4] for row in values[1:]] == ["CS20231015002", "CS20231015001", "CS20231015000"]


def test_a_failed_export_says_so_and_is_not_audited(  # type: ignore[no-untyped-def]
        qtbot, tools: AdminTools, logged: list[str], tmp_path: Path, messages: RecordingMessages) -> None:
    dialog = open_audit(qtbot, tools)
    dialog._choose_path = lambda _parent: (tmp_path / "missing" / "audit.csv", "csv")
    dialog.export()
    assert messages.shown[-1][0] == "error"
    assert "audit_export" not in [r.action for r in dialog.model.rows()]


def test_the_audit_model_passes_the_model_tester(qtbot, qtmodeltester, tools: AdminTools, logged: list[str]) -> None:  # type: ignore[no-untyped-def]
    dialog = open_audit(qtbot, tools)
    assert dialog.model.rowCount() >= len(logged)
    qtmodeltester.check(dialog.model)


def test_a_supervisor_cannot_read_the_audit_log(qtbot, desk: HotlineDesk, admin: Actor) -> None:  # type: ignore[no-untyped-def]
    desk.ctx.accounts.save_account(admin, "S001", "周组长", SUPERVISOR, password=NEW_PASSWORD)
    messages = RecordingMessages()
    dialog = AuditDialog(desk.ctx.audit, Actor("S001", "周组长", ADMIN), messages)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert messages.shown and messages.shown[0][0] == "error"
