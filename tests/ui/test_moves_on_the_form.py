"""The form's lifecycle controls: route a ticket, move it along allowed paths only, see the timeline grow."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from desktop.services.dto import Actor
from desktop.services.tickets import TicketService
from desktop.ui.main_window import MainWindow
from desktop.ui.move_dialog import ROUTE, MoveDialog
from desktop.ui.ticket_form import due_text
from desktop.ui.ticket_table_model import COL_NUMBER, COL_STATUS
from tests.helpers import make_draft
from tests.ui.conftest import type_text


def _open_new_ticket(window: MainWindow, admin: Actor, **values: object) -> int:
    detail = window.ctx.tickets.create(make_draft(**values), admin)
    window.refresh()
    assert window.open_ticket(detail.id)
    return detail.id


def _moves(window: MainWindow) -> list[str]:
    return [action.text() for action in window.form.move_menu.actions()]


def test_route_then_resolve_grows_the_timeline(qtbot, window: MainWindow, admin: Actor) -> None:  # type: ignore[no-untyped-def]
    form = window.form
    _open_new_ticket(window, admin, priority="urgent")
    assert form.due_label.isVisible()
    assert "响应时限" in form.due_label.text() or "逾期" in form.due_label.text()
    assert _moves(window) == ["处理中", "已解决"]  # only what 待处理 may move to
    before = window.timeline.count()

    def route(dialog: MoveDialog) -> bool:
        dialog.widgets["department_id"].setCurrentIndex(1)  # type: ignore[attr-defined]
        handler = dialog.widgets["handler"]
        assert isinstance(handler, QLineEdit)
        handler.clear()
        type_text(qtbot, handler, "李工")
        assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        return True

    form.ask_move = route
    assert form.move_to(ROUTE)
    assert form.ticket is not None and form.ticket.lifecycle is not None
    assert form.ticket.lifecycle.status == "in_progress"
    assert "李工" in form.due_label.text()
    assert window.timeline.count() == before + 1
    assert "李工" in window.timeline.entries()[-1]
    assert "已解决" in _moves(window) and "处理中" not in _moves(window)

    def resolve(dialog: MoveDialog) -> bool:
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        solution = dialog.widgets["solution"]
        assert isinstance(solution, QPlainTextEdit)
        solution.clear()
        assert not ok.isEnabled() and "解决方案" in dialog.reason.text() + dialog.messages["solution"].text()
        type_text(qtbot, solution, "更换电源适配器")
        assert ok.isEnabled()
        return True

    form.ask_move = resolve
    assert form.move_to("resolved")
    assert form.ticket.lifecycle is not None and form.ticket.lifecycle.status == "resolved"
    assert window.timeline.count() == before + 2
    row = next(r for r in range(window.model.rowCount())
               if window.model.index(r, COL_NUMBER).data() == form.ticket.number)
    assert window.model.index(row, COL_STATUS).data() == "已解决"
    assert _moves(window) == ["已关闭", "处理中"]


def test_a_refused_move_says_why_and_changes_nothing(window: MainWindow, admin: Actor, messages) -> None:  # type: ignore[no-untyped-def]
    form = window.form
    _open_new_ticket(window, admin)
    version = form.ticket.version if form.ticket else 0
    # 待处理 cannot be closed: the service refuses even if a dialog asked for it.
    form.ask_move = lambda dialog: True
    assert not form.move_to("closed")
    assert messages.shown and messages.shown[-1][0] == "error" and "待处理" in messages.shown[-1][2]
    assert form.ticket is not None and form.ticket.version == version


def test_overdue_and_stale_on_the_form(window: MainWindow, admin: Actor) -> None:
    past = datetime.now(UTC) - timedelta(days=1)
    detail = TicketService(window.ctx.database.sessions, clock=lambda: past).create(
        make_draft(call_started_at=past, priority="urgent"), admin)
    window.refresh()
    assert window.open_ticket(detail.id)
    text = window.form.due_label.text()
    assert "已逾期" in text and "⚠" in text
    assert "6 小时" in text  # no progress since the call a day ago
    assert window.form.ticket is not None and window.form.ticket.lifecycle is not None
    life = window.form.ticket.lifecycle
    assert "⚠" not in due_text(life, life.response_due_at - timedelta(minutes=5))  # type: ignore[operator]
