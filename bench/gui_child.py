"""Run in a fresh process by the harness: the real main window on a database, offscreen.

``cold``: prints the seconds from process start to the table painted with its first page.
``scroll``: then scrolls through the whole table (500 stops at most) and prints the peak RSS.
Output is one JSON line on stdout.
"""

from __future__ import annotations

import json
import os
import sys
import time

STARTED = time.perf_counter()


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path, mode = sys.argv[1], sys.argv[2]
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.config import WorkstationConfig
    from desktop.services.database import open_database
    from desktop.services.demo import DEMO_ACTOR
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    database = open_database(path)
    ctx = AppContext(database=database, config=WorkstationConfig(agent_code=DEMO_ACTOR.code,
                                                                 agent_name=DEMO_ACTOR.name),
                     save_config=lambda config: None, settings_path=os.path.join(os.environ["HOTLINE_DESK_HOME"],
                                                                                 "window.ini"),
                     signed_in=DEMO_ACTOR)
    window = MainWindow(ctx)
    result: dict[str, float] = {}

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and "cold_start_s" not in result:
                QTimer.singleShot(0, after_paint)
            return False

    def after_paint() -> None:
        if "cold_start_s" in result:
            return
        result["cold_start_s"] = time.perf_counter() - STARTED
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
            import resource

            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            result["peak_rss_mb"] = peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024
        app.quit()

    watcher = Painted()
    window.table.viewport().installEventFilter(watcher)
    window.show()
    app.exec()
    database.close()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
