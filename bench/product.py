"""Hotline Desk's own way: its services, its table model in a real (offscreen) view, repainted."""

from __future__ import annotations

import dataclasses
import sqlite3
import time
from collections.abc import Callable
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QTableView

from bench.probes import Probes
from bench.timing import Figure, measure
from desktop.export.archive_pdf import build_archive
from desktop.models.ticket_queries import TicketFilter
from desktop.services.archive import ArchiveService
from desktop.services.choices import ChoiceService
from desktop.services.database import Database, open_database
from desktop.services.demo import DEMO_ACTOR
from desktop.services.figures import FigureService
from desktop.services.reminders import ReminderService
from desktop.services.ticket_list import TicketListService
from desktop.services.tickets import TicketService
from desktop.ui.ticket_table_model import COL_CUSTOMER, COL_PRIORITY, COL_TIME, TicketTableModel


def _day_near(path: Path, calls: int) -> tuple[date, int]:
    """The local day whose number of calls is nearest ``calls``."""
    connection = sqlite3.connect(path)
    try:
        day, count = connection.execute(
            "SELECT date(call_started_at, 'localtime') AS d, count(*) FROM tickets GROUP BY d "
            "ORDER BY abs(count(*) - ?) LIMIT 1", (calls,)).fetchone()
    finally:
        connection.close()
    return date.fromisoformat(day), int(count)


def _newest_day(path: Path) -> date:
    connection = sqlite3.connect(path)
    try:
        (newest,) = connection.execute("SELECT date(max(call_started_at), 'localtime') FROM tickets").fetchone()
    finally:
        connection.close()
    return date.fromisoformat(newest)


def _forget_figures(path: Path) -> None:
    """Empty the figure cache (figure_day_cells): the next year of figures computes and stores every day."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute("DELETE FROM figure_day_cells")
    finally:
        connection.close()


class _Until(QObject):
    """Runs the event loop until the model says ``done`` after a ``loaded`` signal (a background search
    delivers its first page, then its hit count, through the event loop, as in the window)."""

    def __init__(self, model: TicketTableModel) -> None:
        super().__init__()
        self._loop = QEventLoop()
        self._done: Callable[[], bool] = lambda: True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._loop.quit)
        model.loaded.connect(self._check)

    def _check(self) -> None:
        if self._done():
            self._loop.quit()

    def wait(self, done: Callable[[], bool], timeout_ms: int = 120_000) -> None:
        if done():
            return
        self._done = done
        self._timer.start(timeout_ms)
        self._loop.exec()
        self._timer.stop()
        if not done():
            raise RuntimeError("the search did not finish within two minutes")


def _searches(app: QApplication, database: Database, labels: dict[str, dict[str, str]], probes: Probes,
              repeat: int) -> dict[str, Figure]:
    """Typing a search into the window's table: the model reads on its worker thread (background=True,
    as MainWindow builds it). ``search_*_first_page``: from the filter set to the first page painted;
    ``search_*``: to the hit count shown (the whole search)."""
    model = TicketTableModel(TicketListService(database.sessions),
                             lambda key, code: labels.get(key, {}).get(code, code), background=True)
    view = QTableView()
    view.resize(1280, 760)
    view.setModel(model)
    view.show()
    app.processEvents()
    until = _Until(model)
    figures: dict[str, Figure] = {}
    try:
        for name, term in probes.searches.items():
            flt = TicketFilter(text=term)

            def first_page(flt: TicketFilter = flt) -> None:
                model.set_filter(flt)
                until.wait(lambda: not model.searching)
                view.viewport().repaint()

            def whole(flt: TicketFilter = flt) -> None:
                model.set_filter(flt)
                until.wait(lambda: not model.busy)
                view.viewport().repaint()

            def clear() -> None:
                model.set_filter(TicketFilter())
                # the unfiltered table painted now: the timed event loop then runs this search alone
                # (not the layout and paint the reset left pending, ~30 ms)
                app.processEvents()
                app.processEvents()
                view.viewport().repaint()

            figures[f"{name}_first_page"] = measure(first_page, repeat, before=clear)
            figures[name] = measure(whole, repeat, before=clear)
            figures[name].note = f"{model.rowCount():,} hits"
    finally:
        model.wait_for_search()
        view.close()
        view.deleteLater()
        until.deleteLater()
        app.processEvents()
    return figures


def run(path: Path, probes: Probes, repeat: int) -> dict[str, Figure]:
    app = QApplication.instance() or QApplication([])
    database = open_database(str(path))
    figures: dict[str, Figure] = {}
    try:
        labels = ChoiceService(database.sessions).labels()
        model = TicketTableModel(TicketListService(database.sessions),
                                 lambda key, code: labels.get(key, {}).get(code, code))
        view = QTableView()
        view.resize(1280, 760)
        view.setModel(model)
        view.show()
        app.processEvents()

        def paint() -> None:
            view.viewport().repaint()

        figures["first_page"] = measure(lambda: (model.refresh(), paint()), repeat)
        bar = view.verticalScrollBar()

        def jump(fraction: float) -> None:
            bar.setValue(int(bar.maximum() * fraction))
            paint()

        figures["jump_middle"] = measure(lambda: jump(0.5), repeat, before=lambda: (model.refresh(), bar.setValue(0)))
        figures["jump_end"] = measure(lambda: jump(1.0), repeat, before=lambda: (model.refresh(), bar.setValue(0)))
        for name, column in (("sort_customer_name", COL_CUSTOMER), ("sort_priority", COL_PRIORITY)):
            model.refresh()
            before = model.row_id(0)
            order = view.horizontalHeader().sortIndicatorOrder()
            figure = measure(lambda column=column, order=order: (view.sortByColumn(column, order), paint()), repeat,
                             before=lambda: model.sort(COL_TIME, Qt.SortOrder.DescendingOrder))
            if model.row_id(0) == before:
                figure = Figure(note="not offered: the table is ordered by call time only (the index); "
                                     "other columns keep that order")
            figures[name] = figure
        model.sort(COL_TIME, Qt.SortOrder.DescendingOrder)
        bar.setValue(0)
        figures.update(_searches(app, database, labels, probes, repeat))

        tickets = TicketService(database.sessions)
        figures["open_ticket"] = measure(lambda: tickets.get(probes.ticket_id), repeat)
        saves = Figure(note="200 different tickets, each read then saved with an edited remark")
        run = time.strftime("%Y%m%d%H%M%S")
        for n, ticket_id in enumerate(probes.save_ids):
            detail = tickets.get(ticket_id)
            # the run's own text: on a cached file saved before, the same remark would be no edit at all
            draft = dataclasses.replace(detail.draft, remark=f"bench edit {n} {run}")
            one = measure(lambda draft=draft, detail=detail: tickets.update(
                detail.id, draft, detail.version, DEMO_ACTOR), 1)
            saves.times_ms.extend(one.times_ms)
        figures["save_ticket"] = saves
        reminders = ReminderService(database.sessions)
        figures["next_due"] = measure(lambda: reminders.next_fire_at(DEMO_ACTOR), repeat)
        figures["next_due"].note = ("the timer's next moment for one agent: four range reads on the partial "
                                    "due-time indexes, a week back to two days ahead, and the agent's marks")
        day, calls = _day_near(path, 1000)
        archive = ArchiveService(database.sessions)
        figure = measure(lambda: build_archive(archive.day(day), BytesIO()), min(repeat, 3))
        figure.note = f"{day}: {calls} calls read and laid out on A4 landscape (a PDF in memory)"
        figures["archive_1000_calls"] = figure
        last = _newest_day(path)
        first = last - timedelta(days=364)
        service = FigureService(database.sessions)
        cold = measure(lambda: service.period(first, last + timedelta(days=1)), min(repeat, 3),
                       before=lambda: _forget_figures(path))
        cold.note = (f"{first} to {last} with the figure cache emptied first: every past day aggregated in SQL "
                     "on the covering index ix_tickets_figures and stored in figure_day_cells (once a day)")
        figures["weekly_report_year_cold"] = cold
        figure = measure(lambda: service.period(first, last + timedelta(days=1)), repeat)
        figure.note = (f"{first} to {last}, after the cold runs: past days' cells read from figure_day_cells, "
                       "today aggregated live and the deadlines passed unanswered counted live, rolled up "
                       "into the year, days, agents and types")
        figures["weekly_report_year"] = figure
        view.close()
        view.deleteLater()
        app.processEvents()
    finally:
        database.close()
    return figures
