"""UI fixtures: the whole desk on a temporary database, messages recorded instead of shown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.app import HotlineDesk
from desktop.config import WorkstationConfig, save_config
from desktop.rules.passwords import make_hasher
from desktop.services.accounts import AccountService
from desktop.services.database import Database
from desktop.services.dto import Actor
from desktop.ui.main_window import MainWindow
from desktop.ui.messages import RecordingMessages


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like an agent: keys for ASCII, an input-method commit for Chinese (as a real IME does)."""
    widget.setFocus()
    for char in text:
        if ord(char) < 128:
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def search_for(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type a search into the window's filter bar and wait for its rows and hit count (read on a pool thread)."""
    type_text(qtbot, window.filter_bar.search, text)
    window.filter_bar.flush()
    qtbot.waitUntil(lambda: not window.model.busy, timeout=10000)


@pytest.fixture
def messages() -> RecordingMessages:
    return RecordingMessages()


PASSWORD = "hotline2023"


@pytest.fixture
def hasher() -> PasswordHasher:
    return make_hasher(fast=True)


@pytest.fixture
def admin(database: Database, hasher: PasswordHasher) -> Actor:
    """The first administrator, A1001 张敏, created the way a new database is set up."""
    return AccountService(database.sessions, hasher=hasher).create_first_admin("A1001", "张敏", PASSWORD)


@pytest.fixture
def colleague(database: Database, admin: Actor, hasher: PasswordHasher) -> Actor:
    """A second agent, A1002 李娜, working on another workstation."""
    account = AccountService(database.sessions, hasher=hasher).save_account(
        admin, "A1002", "李娜", "agent", password="colleague1", create=True)
    return account.actor()


@pytest.fixture
def desk(qtbot, database: Database, messages: RecordingMessages, admin: Actor,  # type: ignore[no-untyped-def]
         hasher: PasswordHasher) -> Iterator[HotlineDesk]:
    config = WorkstationConfig(agent_code="A1001", agent_name="张敏")
    save_config(config)
    app = HotlineDesk(database, config, actor=admin, messages=messages, hasher=hasher)
    qtbot.addWidget(app.window)
    app.window.show()
    qtbot.waitExposed(app.window)
    yield app
    app.window.close()


@pytest.fixture
def window(desk: HotlineDesk) -> MainWindow:
    return desk.window
