"""``hotline-desk purge``: shows what would go, asks the administrator's password and a YES, exports first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.rules.passwords import make_hasher
from desktop.services.accounts import AccountService
from desktop.services.database import open_database
from desktop.services.tickets import TicketService
from tests.helpers import make_draft


@pytest.fixture
def old_db(tmp_path: Path) -> Path:
    path = tmp_path / "centre.sqlite3"
    database = open_database(str(path))
    try:
        admin = AccountService(database.sessions, hasher=make_hasher(fast=True)).create_first_admin(
            "M001", "李主任", "desk2023Admin")
        tickets = TicketService(database.sessions)
        now = datetime.now(UTC)
        tickets.create(make_draft(call_started_at=now - timedelta(days=1100)), admin)
        tickets.create(make_draft(phone="13800001111", call_started_at=now - timedelta(days=1000)), admin)
        tickets.create(make_draft(phone="13800002222"), admin)
    finally:
        database.close()
    return path


def _answers(monkeypatch: pytest.MonkeyPatch, password: str, confirm: str) -> None:
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": password)
    monkeypatch.setattr("builtins.input", lambda _prompt="": confirm)


def test_purge_exports_then_removes_after_yes(old_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "removed.csv"
    _answers(monkeypatch, "desk2023Admin", "no")
    assert main(["--db", str(old_db), "purge", "--export", str(out), "--admin", "M001"]) == 1
    assert "2" in capsys.readouterr().out and not out.exists()
    _answers(monkeypatch, "desk2023Admin", "YES")
    assert main(["--db", str(old_db), "purge", "--export", str(out), "--admin", "M001"]) == 0
    assert out.exists() and "2" in capsys.readouterr().out
    assert main(["--db", str(old_db), "tickets", "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") == 2  # the header and the one kept ticket


def test_a_wrong_password_removes_nothing(old_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    _answers(monkeypatch, "wrong-password", "YES")
    assert main(["--db", str(old_db), "purge", "--export", str(tmp_path / "x.xlsx"), "--admin", "M001"]) != 0
    assert "密码" in capsys.readouterr().err and not (tmp_path / "x.xlsx").exists()
    assert main(["--db", str(old_db), "tickets", "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") == 4
