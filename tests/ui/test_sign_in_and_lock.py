"""Signing in, the idle lock, switching agents, revealing a number, voiding a ticket."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.logs import configure_logging, log_file
from desktop.services.accounts import AccountService
from desktop.services.audit import AuditFilter, AuditService
from desktop.services.dto import Actor
from desktop.ui.sign_in import FirstAdminDialog, SignInDialog
from tests.helpers import make_draft
from tests.ui.conftest import PASSWORD, type_text


def _accounts(database, hasher) -> AccountService:  # type: ignore[no-untyped-def]
    return AccountService(database.sessions, hasher=hasher)


def test_first_start_creates_the_administrator(qtbot, database, hasher) -> None:  # type: ignore[no-untyped-def]
    accounts = _accounts(database, hasher)
    assert accounts.needs_first_admin()
    dialog = FirstAdminDialog(accounts)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    type_text(qtbot, dialog.code, "A9001")
    type_text(qtbot, dialog.name, "周主任")
    type_text(qtbot, dialog.password, "short")
    assert not ok.isEnabled() and dialog.messages["password"].text() != ""
    dialog.password.setText("centre2023")
    dialog.repeat.setText("centre2024")
    assert not ok.isEnabled() and dialog.messages["repeat"].text() != ""
    dialog.repeat.setText("centre2023")
    assert ok.isEnabled()
    dialog.accept()
    assert dialog.actor == Actor("A9001", "周主任", "admin")
    assert not accounts.needs_first_admin()


def test_sign_in_refuses_a_wrong_password_then_accepts(qtbot, database, hasher, admin) -> None:  # type: ignore[no-untyped-def]
    dialog = SignInDialog(_accounts(database, hasher), code="A1001")
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.password, "wrong-password1")
    dialog.accept()
    assert dialog.actor is None
    assert "密码" in dialog.messages["password"].text()
    dialog.password.setText(PASSWORD)
    dialog.accept()
    assert dialog.actor is not None and dialog.actor.role == "admin"


def test_idle_lock_keeps_the_typed_call_and_unlocks_with_the_password(qtbot, window, desk) -> None:  # type: ignore[no-untyped-def]
    window.new_call()
    type_text(qtbot, window.form.phone, "13912345678")
    type_text(qtbot, window.form.description, "客户反映账单有一笔不明扣款")
    window.idle.set_minutes(0.001)  # 60 ms without input
    qtbot.waitUntil(lambda: window.lock_overlay.isVisible(), timeout=3000)
    assert not window.new_action.isEnabled()
    assert not window.menuBar().isEnabled()

    type_text(qtbot, window.lock_overlay.password, "not-my-password1")
    qtbot.keyClick(window.lock_overlay.password, Qt.Key.Key_Return)
    assert window.lock_overlay.isVisible()
    assert window.lock_overlay.message.text() != ""

    window.lock_overlay.password.setText(PASSWORD)
    qtbot.keyClick(window.lock_overlay.password, Qt.Key.Key_Return)
    assert not window.lock_overlay.isVisible()
    assert window.new_action.isEnabled()
    assert window.form.description.toPlainText() == "客户反映账单有一笔不明扣款"
    actions = [row.action for row in desk.ctx.audit.page(desk.ctx.actor(), AuditFilter(), 10)]
    assert actions[:3] == ["screen_unlocked", "sign_in_failed", "screen_locked"]


def test_another_agent_signs_in_at_the_lock_without_losing_the_first_draft(  # type: ignore[no-untyped-def]
        qtbot, window, desk, admin) -> None:
    desk.ctx.accounts.save_account(admin, "A1003", "王芳", "agent", password="agent20231")
    window.new_call()
    type_text(qtbot, window.form.description, "张敏未保存的来电记录")
    window.lock_screen()
    window.lock_overlay.switch_button.click()
    type_text(qtbot, window.lock_overlay.code, "A1003")
    window.lock_overlay.password.setText("agent20231")
    window.lock_overlay.unlock_button.click()
    assert desk.ctx.actor().code == "A1003"
    assert window.form.description.toPlainText() == ""
    assert not window.void_action.isVisible()  # an agent may not void
    assert "A1003" in window.agent_label.text()

    window.lock_screen()
    window.lock_overlay.switch_button.click()
    type_text(qtbot, window.lock_overlay.code, "A1001")
    window.lock_overlay.password.setText(PASSWORD)
    window.lock_overlay.unlock_button.click()  # the recording messages answer "yes, restore"
    assert desk.ctx.actor().code == "A1001"
    assert window.form.description.toPlainText() == "张敏未保存的来电记录"


def test_reveal_is_for_permitted_roles_audited_and_never_logged(  # type: ignore[no-untyped-def]
        qtbot, window, desk, admin, isolated_home) -> None:
    configure_logging(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)  # SQL parameters: the worst case
    try:
        saved = desk.ctx.tickets.create(make_draft(phone="13912345678"), admin)
        window.refresh()
        window.open_ticket(saved.id)
        form = window.form
        assert form.phone.text() == "139****5678"
        assert form.reveal_button.isVisible()
        form.reveal_button.click()
        assert form.phone.text() == "13912345678"
        assert not form.is_dirty()  # showing the number is not an edit
        entries = AuditService(desk.ctx.database.sessions).page(admin, AuditFilter(action="reveal_phone"))
        assert [(e.target_label, e.details.get("phone")) for e in entries] == [(saved.number, "139****5678")]
        form.copy_button.click()
        assert AuditService(desk.ctx.database.sessions).page(admin, AuditFilter(action="copy_phone"))
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = log_file().read_text(encoding="utf-8")
        assert "139****5678" in text  # the SQL was logged, masked
        assert "13912345678" not in text and "8613912345678" not in text
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)


def test_an_agent_sees_no_reveal_button(qtbot, window, desk, admin) -> None:  # type: ignore[no-untyped-def]
    desk.ctx.accounts.save_account(admin, "A1003", "王芳", "agent", password="agent20231")
    saved = desk.ctx.tickets.create(make_draft(), admin)
    desk.ctx.signed_in = Actor("A1003", "王芳", "agent")
    window._apply_role()
    window.open_ticket(saved.id)
    assert not window.form.reveal_button.isVisible()
    assert not window.form.copy_button.isVisible()


def test_void_keeps_the_ticket_marked_and_read_only(qtbot, window, desk, admin, messages) -> None:  # type: ignore[no-untyped-def]
    saved = desk.ctx.tickets.create(make_draft(description="误录的来电"), admin)
    window.refresh()
    window.open_ticket(saved.id)
    messages.text_answer = "重复录入"
    window.void_action.trigger()
    assert window.model.rowCount() == 1
    assert window.model.data(window.model.index(0, 7)) == "已作废"
    assert window.form.void_banner.isVisible() and "重复录入" in window.form.void_banner.text()
    assert not window.form.save_button.isEnabled()
    assert "作废" in window.timeline.entries()[-1]
