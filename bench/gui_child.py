"""Run in a fresh process by the harness: the real program (HotlineDesk: context, tray, reminders,
main window) on a database, offscreen, signed in as the demo agent (the sign-in dialog is skipped).

``cold``: prints the wall-clock time (``time.time()``) just after the table's first paint with its
first page of tickets; the harness subtracts the moment it started the process.
``scroll``: then scrolls through the whole table (500 stops at most) and prints the peak RSS.
Output is one JSON line on stdout.
"""

from __future__ import annotations

import json
import os
import sys
import time


def _peak_rss_mb() -> float:
    """This process's own peak resident memory. On Linux VmHWM, which starts afresh with the program;
    not ``ru_maxrss``, which execve keeps from the process that forked it (the harness, holding the
    stock model's million rows, passed on its 540 MB that way)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path, mode = sys.argv[1], sys.argv[2]
    # The program's own import order (desktop/app.py): Qt, then desktop.ui first.
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import HotlineDesk
    from desktop.config import WorkstationConfig
    from desktop.services.database import open_database
    from desktop.services.dto import Actor

    app = QApplication(sys.argv[:1])
    database = open_database(path)
    agent = Actor("A1001", "张敏")  # the demo generator's first agent (desktop/services/demo.py)
    desk = HotlineDesk(database, WorkstationConfig(agent_code=agent.code, agent_name=agent.name), actor=agent,
                       tray_available=False)
    window = desk.window
    result: dict[str, float] = {}
    painted: list[bool] = []

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(True)
                QTimer.singleShot(0, after_paint)  # runs once this paint is done
            return False

    def after_paint() -> None:
        result["painted_at"] = time.time()
        result["rows"] = window.model.rowCount()
        if mode == "scroll":
            bar = window.table.verticalScrollBar()
            # a page at a time up to 50,000 rows, then 500 evenly spread stops (each a fresh page)
            step = max(window.model.PAGE_SIZE, window.model.rowCount() // 500)
            value = 0
            while value < bar.maximum():
                value = min(bar.maximum(), value + step)
                bar.setValue(value)
                window.table.viewport().repaint()
            result["peak_rss_mb"] = _peak_rss_mb()
        app.quit()

    watcher = Painted()
    window.table.viewport().installEventFilter(watcher)
    window.show()
    app.exec()
    window.wait_for_background()
    database.close()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
