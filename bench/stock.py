"""What a quick Qt program would do: QSqlTableModel on the table, QSortFilterProxyModel to sort and filter.

QSqlTableModel fetches 256 rows at a time, so reaching the middle or the end of the table,
sorting and filtering (done by the proxy in memory) first need every row loaded.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtSql import QSqlDatabase, QSqlTableModel
from PySide6.QtWidgets import QApplication, QTableView

from bench.probes import Probes
from bench.timing import Figure, measure


def run(path: Path, probes: Probes, repeat: int) -> dict[str, Figure]:
    app = QApplication.instance() or QApplication([])
    db = QSqlDatabase.addDatabase("QSQLITE", "bench-stock")
    db.setDatabaseName(str(path))
    if not db.open():
        return {"first_page": Figure(note=f"QSQLITE cannot open the file: {db.lastError().text()}")}
    figures: dict[str, Figure] = {}
    try:
        model = QSqlTableModel(None, db)
        model.setTable("tickets")
        model.setSort(model.fieldIndex("call_started_at"), Qt.SortOrder.DescendingOrder)
        proxy = QSortFilterProxyModel()
        proxy.setSourceModel(model)
        proxy.setFilterKeyColumn(model.fieldIndex("description"))
        view = QTableView()
        view.resize(1280, 760)
        view.setModel(proxy)
        view.show()

        def paint() -> None:
            view.viewport().repaint()

        figures["first_page"] = measure(lambda: (model.select(), paint()), repeat)

        def load_all() -> None:
            while model.canFetchMore():
                model.fetchMore()

        def jump(fraction: float) -> None:
            target = int(probes.count * fraction) - 1
            while model.rowCount() <= target and model.canFetchMore():
                model.fetchMore()
            view.scrollTo(proxy.index(max(0, min(target, proxy.rowCount() - 1)), 0))
            paint()

        slow = max(1, min(repeat, 3 if probes.count <= 100_000 else 1))
        figures["jump_middle"] = measure(lambda: jump(0.5), slow, before=model.select)
        figures["jump_end"] = measure(lambda: jump(1.0), slow, before=model.select)
        model.select()
        load_all()
        for name, field in (("sort_customer_name", "customer_name"), ("sort_priority", "priority")):
            column = model.fieldIndex(field)
            figures[name] = measure(lambda column=column: (proxy.sort(column), paint()), slow,
                                    before=lambda: proxy.sort(-1))
            figures[name].note = "all rows loaded first (not timed), sorted by the proxy"
        proxy.sort(-1)
        for name, term in probes.searches.items():
            figures[name] = measure(lambda term=term: (proxy.setFilterFixedString(term), paint()), slow,
                                    before=lambda: proxy.setFilterFixedString(""))
            figures[name].note = "all rows loaded first (not timed), the proxy filters the description column"
        proxy.setFilterFixedString("")
        view.close()
        view.deleteLater()
        app.processEvents()
    finally:
        db.close()
        QSqlDatabase.removeDatabase("bench-stock")
    return figures
