"""A real crash: the window's process is killed (SIGKILL) a moment after the agent typed; the next
start offers the draft with the typed text."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.app import HotlineDesk
from desktop.config import WorkstationConfig
from desktop.services.database import open_database
from desktop.ui.messages import RecordingMessages

ROOT = Path(__file__).resolve().parents[2]

TYPIST = """
import sys
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
from desktop.app import HotlineDesk
from desktop.config import WorkstationConfig
from desktop.services.database import open_database

app = QApplication([])
desk = HotlineDesk(open_database(sys.argv[1]), WorkstationConfig(agent_code="A1001", agent_name="张敏"))
desk.window.show()
desk.window.new_call()
form = desk.window.form
QTest.keyClicks(form.phone, "13912345678")  # typed, as an agent does
form.description.setPlainText("客户说快递显示已签收但未收到，要求今天回电")
print("typed", flush=True)
app.exec()  # runs until killed: no close, no save
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is a POSIX signal")
def test_the_next_start_offers_what_was_typed_before_the_kill(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "centre.sqlite3"
    open_database(str(path)).close()
    env = dict(os.environ, HOTLINE_DESK_HOME=os.environ["HOTLINE_DESK_HOME"], QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    with subprocess.Popen([sys.executable, "-c", TYPIST, str(path)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "typed"
        time.sleep(2.0)  # "a moment after every change" (the form stores its draft 0.8 s after typing)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    database = open_database(str(path))
    try:
        desk = HotlineDesk(database, WorkstationConfig(agent_code="A1001", agent_name="张敏"),
                           messages=RecordingMessages(confirm_answer=True))
        qtbot.addWidget(desk.window)
        desk.window.offer_saved_draft()
        form = desk.window.form
        assert form.description.toPlainText() == "客户说快递显示已签收但未收到，要求今天回电"
        assert form.phone.number() == "13912345678"
    finally:
        database.close()
