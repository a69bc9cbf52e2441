"""A big database opened after the header check: damage the background check finds stops the program
with a message, keeps the typed ticket as a draft, and the next start refuses the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.app import HotlineDesk
from desktop.config import WorkstationConfig
from desktop.drafts import DraftStore
from desktop.services import sqlite_safety
from desktop.services.database import open_database
from desktop.services.errors import DatabaseDamaged
from desktop.ui.messages import RecordingMessages
from tests.safety_helpers import corrupt, make_filled_database
from tests.ui.conftest import type_text


def test_damage_found_while_open_stops_and_keeps_the_draft(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "centre.sqlite3"
    make_filled_database(path)
    monkeypatch.setattr(sqlite_safety, "FULL_CHECK_BYTES", 4096)
    corrupt(path)
    database = open_database(str(path))
    assert not database.fully_checked
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    messages = RecordingMessages()
    desk = HotlineDesk(database, WorkstationConfig(agent_code="A1001", agent_name="张敏"), messages=messages)
    qtbot.addWidget(desk.window)
    try:
        desk.window.new_call()
        type_text(qtbot, desk.window.form.description, "客户来电说物流停了三天")
        desk.check_in_background()
        qtbot.waitUntil(lambda: quits == [True], timeout=10000)
        [(kind, _title, text)] = messages.shown
        assert kind == "error" and "完整性" in text and "恢复" in text
        assert DraftStore().load("A1001") is not None
    finally:
        database.close()
    with pytest.raises(DatabaseDamaged):
        open_database(str(path))
