"""UI fixtures: the whole desk on a temporary database, messages recorded instead of shown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.app import HotlineDesk
from desktop.config import WorkstationConfig, save_config
from desktop.services.database import Database
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


@pytest.fixture
def messages() -> RecordingMessages:
    return RecordingMessages()


@pytest.fixture
def desk(qtbot, database: Database, messages: RecordingMessages) -> Iterator[HotlineDesk]:  # type: ignore[no-untyped-def]
    config = WorkstationConfig(agent_code="A1001", agent_name="张敏")
    save_config(config)
    app = HotlineDesk(database, config, messages=messages)
    qtbot.addWidget(app.window)
    app.window.show()
    qtbot.waitExposed(app.window)
    yield app
    app.window.close()


@pytest.fixture
def window(desk: HotlineDesk) -> MainWindow:
    return desk.window
