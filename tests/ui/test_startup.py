"""Starting the program the way the command does: window, language, demo database."""

from __future__ import annotations

import argparse

import pytest
from PySide6.QtWidgets import QApplication

from desktop import app as app_module
from desktop.config import WorkstationConfig, save_config
from desktop.services.dto import Actor
from desktop.ui.main_window import MainWindow


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[MainWindow]:
    """Replace the event loop with a look at the windows that are up, then quit."""
    windows: list[MainWindow] = []

    def fake_exec(*_args: object) -> int:
        windows.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        for window in windows:
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    return windows


@pytest.fixture(autouse=True)
def signed_in(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The sign-in dialog answered as the demo administrator would (its own tests drive it for real)."""
    calls: list[bool] = []

    def fake_sign_in(database, config, *, demo: bool = False) -> Actor:  # type: ignore[no-untyped-def]
        calls.append(demo)
        return Actor("A1001", "张敏", "admin")

    monkeypatch.setattr(app_module, "sign_in", fake_sign_in)
    return calls


def _args(**values: object) -> argparse.Namespace:
    base = {"db": None, "lang": None, "demo": False}
    base.update(values)
    return argparse.Namespace(**base)


def test_run_gui_opens_the_main_window_on_the_given_database(qtbot, seen, db_path) -> None:  # type: ignore[no-untyped-def]
    save_config(WorkstationConfig(agent_code="A1001", agent_name="张敏"))
    assert app_module.run_gui(_args(db=str(db_path))) == 0
    assert len(seen) == 1
    assert seen[0].windowTitle() == "Hotline Desk"
    assert db_path.exists()
    assert seen[0].model.rowCount() == 0


def test_leaving_the_program_records_the_sign_out(qtbot, seen, db_path, hasher) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.accounts import AccountService
    from desktop.services.audit import AuditFilter, AuditService
    from desktop.services.database import open_database

    database = open_database(str(db_path))
    admin = AccountService(database.sessions, hasher=hasher).create_first_admin("A1001", "张敏", "hotline2023")
    database.close()
    save_config(WorkstationConfig(agent_code="A1001", agent_name="张敏"))
    assert app_module.run_gui(_args(db=str(db_path))) == 0
    database = open_database(str(db_path))
    try:
        actions = [row.action for row in AuditService(database.sessions).page(admin, AuditFilter())]
    finally:
        database.close()
    assert actions[0] == "sign_out"


def test_demo_flag_opens_a_fresh_demo_database(qtbot, seen, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    save_config(WorkstationConfig(agent_code="A1001", agent_name="张敏"))
    monkeypatch.setattr(app_module, "DEMO_TICKETS", 40)
    assert app_module.run_gui(_args(demo=True)) == 0
    assert seen[0].model.rowCount() == 40
    seen.clear()
    assert app_module.run_gui(_args(demo=True)) == 0  # fresh again, not 80
    assert seen[0].model.rowCount() == 40


def test_an_unusable_database_is_reported_not_raised(qtbot, seen, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(app_module.QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    save_config(WorkstationConfig(agent_code="A1001", agent_name="张敏"))
    not_a_db = tmp_path / "notes.sqlite3"
    not_a_db.write_bytes(b"this is not a database file" * 100)
    assert app_module.run_gui(_args(db=str(not_a_db))) == 1
    assert shown and str(not_a_db) in shown[0]
    assert seen == []
    assert not_a_db.read_bytes().startswith(b"this is not")  # left untouched
