"""Tools → Remove old tickets…: the plan, a confirmation, the export file, the purge off the UI thread."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.app import HotlineDesk
from desktop.services.dto import Actor
from tests.helpers import make_draft


def test_an_administrator_removes_the_old_tickets_after_exporting_them(  # type: ignore[no-untyped-def]
        qtbot, desk: HotlineDesk, admin: Actor, tmp_path: Path) -> None:
    now = datetime.now(UTC)
    desk.ctx.tickets.create(make_draft(call_started_at=now - timedelta(days=1100)), admin)
    desk.ctx.tickets.create(make_draft(phone="13800002222"), admin)
    window = desk.window
    tool = window.admin_tools.retention  # type: ignore[attr-defined]
    assert window.admin_tools.purge_action.isVisible()  # type: ignore[attr-defined]
    target = tmp_path / "removed.xlsx"
    tool.ask_export_path = lambda _parent, suggested: str(target) if suggested.startswith("removed-before") else None
    tool.run()
    qtbot.waitUntil(lambda: tool.task is None, timeout=10000)
    shown = desk.ctx.messages.shown  # type: ignore[attr-defined]
    assert shown[-1][0] == "info" and "1" in shown[-1][2] and str(target) in shown[-1][2]
    assert target.exists()
    window.refresh()
    assert window.model.rowCount() == 1
    tool.run()  # nothing older any more: said, nothing asked
    assert "无需删除" in desk.ctx.messages.shown[-1][2]  # type: ignore[attr-defined]
