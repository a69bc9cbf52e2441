"""View → Dashboard… (Ctrl+Shift+D) on the hand-counted week of tests/services/figure_data.py: the figures
beside each chart, the series against the service, an empty period, the drill-down into the main table
(a click on a bar and the keyboard path), and an agent refused."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCharts import QBarSet, QChart, QLineSeries, QStackedBarSeries
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QProgressDialog, QToolTip
from shiboken6 import Shiboken
from sqlalchemy import or_, select

from desktop import i18n
from desktop.i18n import format_date, format_number, format_percent, to_local
from desktop.models.entities import Ticket
from desktop.rules.periods import LAST_30_DAYS, period_days
from desktop.rules.permissions import Permission, refusal
from desktop.services.database import Database
from desktop.services.demo import generate_demo
from desktop.services.figures import FigureService
from desktop.ui.dashboard import Dashboard
from desktop.ui.dashboard_charts import seconds_text
from desktop.ui.dashboard_wiring import DashboardTools
from desktop.ui.main_window import MainWindow
from desktop.ui.messages import RecordingMessages
from tests.helpers import FakeClock
from tests.services.figure_data import MONDAY, build_week, now

SUNDAY = MONDAY + timedelta(days=6)


@pytest.fixture
def tools(shanghai: None, window: MainWindow, database: Database) -> DashboardTools:
    build_week(database)
    tools: DashboardTools = window.dashboard_tools  # type: ignore[attr-defined]
    tools.figures._clock = FakeClock(now())  # type: ignore[attr-defined]
    return tools


def show_week(qtbot, tools: DashboardTools, first=MONDAY, last=SUNDAY) -> Dashboard:  # type: ignore[no-untyped-def]
    dashboard = tools.open()
    assert dashboard is not None
    dashboard.set_days(first, last)
    qtbot.waitUntil(lambda: dashboard.task is None and dashboard.figures is not None
                    and dashboard.figures.first == first, timeout=20000)
    return dashboard


def service_week(database: Database, first=MONDAY, last=SUNDAY):  # type: ignore[no-untyped-def]
    return FigureService(database.sessions, clock=FakeClock(now())).period(first, last + timedelta(days=1))


def table_ids(window: MainWindow) -> set[int]:
    model = window.model
    return {model.row_id(row) for row in range(model.rowCount())}  # type: ignore[misc]


def ids_where(database: Database, *conditions) -> set[int]:  # type: ignore[no-untyped-def]
    with database.sessions() as session:
        return set(session.scalars(select(Ticket.id).where(*conditions)))


def test_the_menu_entry_and_its_shortcut(window: MainWindow, tools: DashboardTools) -> None:
    action = tools.action
    assert action.shortcut().toString() == "Ctrl+Shift+D" and "Ctrl+Shift+D" in action.toolTip()
    view = next(a.menu() for a in window.menuBar().actions() if a.menu() and action in a.menu().actions())
    assert tools.action in view.actions() and window.report_tools.weekly_action in view.actions()  # type: ignore[attr-defined]


def test_the_figures_beside_the_charts(qtbot, tools: DashboardTools) -> None:  # type: ignore[no-untyped-def]
    dashboard = show_week(qtbot, tools)
    calls = dashboard.calls_panel.figures.text()
    assert "5" in calls.splitlines()[0]  # tickets 1–5: 6 is void, 7 and 8 outside the week
    assert "33.3%" in dashboard.on_time_panel.figures.text()  # kept 1 of judged 1, 2, 3
    assert "1" in dashboard.on_time_panel.figures.text().splitlines()[1]
    csat = dashboard.csat_panel.figures.text()
    assert "50.0%" in csat and "4.5" in csat and "NPS" in csat  # 2 of 4 surveyed; (5 + 4) / 2; no NPS data
    agents = dashboard.agents_panel.figures.text().splitlines()
    assert "200" in agents[0]  # the period: (120 + 180 + 300 + 200) / 4
    assert agents[1].startswith("A1001 张敏") and "167" in agents[1]  # (120 + 180 + 200) / 3 = 166.7
    assert agents[2].startswith("A1002 李强") and "300" in agents[2]  # ticket 4 has no handle time
    types = dashboard.types_panel.figures.text().splitlines()
    assert types[0] == "咨询：60.0%（3）"  # consult 3 of 5
    assert "20.0%" in types[1] and "20.0%" in types[2]
    assert dashboard.state.text() == ""


def test_the_series_hold_the_service_figures(qtbot, tools: DashboardTools,  # type: ignore[no-untyped-def]
                                             database: Database) -> None:
    dashboard = show_week(qtbot, tools)
    expected = service_week(database)
    stacked = dashboard.calls_panel.chart.series()[0]
    assert isinstance(stacked, QStackedBarSeries)
    sets: list[QBarSet] = stacked.barSets()
    per_day = [sum(s.at(i) for s in sets) for i in range(len(expected.days))]
    assert per_day == [d.tally.calls for d in expected.days] == [2, 2, 1, 0, 0, 0, 0]
    on_time = dashboard.on_time_panel.chart.series()[0]
    assert isinstance(on_time, QLineSeries)
    assert [(p.x(), p.y()) for p in on_time.points()] == [
        (i, d.tally.on_time_rate * 100) for i, d in enumerate(expected.days) if d.tally.on_time_rate is not None]
    aht = dashboard.agents_panel.chart.series()[0].barSets()[0]
    assert [aht.at(i) for i in range(aht.count())][::-1] == pytest.approx([a.tally.aht for a in expected.agents])
    shares = dashboard.types_panel.chart.series()[0].barSets()[0]
    # most calls drawn at the top, i.e. last
    assert [shares.at(i) for i in range(shares.count())][::-1] == pytest.approx(
        [t.share * 100 for t in expected.top_types])


def test_an_empty_period_shows_dashes(qtbot, tools: DashboardTools) -> None:  # type: ignore[no-untyped-def]
    dashboard = show_week(qtbot, tools, MONDAY + timedelta(days=3), MONDAY + timedelta(days=5))
    assert "0" in dashboard.calls_panel.figures.text()
    for panel in (dashboard.on_time_panel, dashboard.csat_panel, dashboard.agents_panel, dashboard.types_panel):
        assert "—" in panel.figures.text()
        assert not panel.list_button.isEnabled()
    assert dashboard.calls_panel.chart.series()[0].count() == 0
    assert dashboard.state.text()  # "no calls in this period", not an error


def test_clicking_a_bar_lists_its_tickets(qtbot, window: MainWindow, tools: DashboardTools,  # type: ignore[no-untyped-def]
                                          database: Database) -> None:
    dashboard = show_week(qtbot, tools)
    dashboard.show()
    qtbot.waitExposed(dashboard)
    panel = dashboard.calls_panel
    stacked = panel.chart.series()[0]
    complaint = next(s for s in stacked.barSets() if s.label() == window.ctx.label("issue_type", "complaint"))
    row = stacked.barSets().index(complaint)
    below = sum(stacked.barSets()[i].at(0) for i in range(row))
    point = panel.chart.mapToPosition(QPointF(0, below + 0.5), stacked)  # Monday's complaint segment
    where = panel.view.mapFromScene(panel.chart.mapToScene(point))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: window.filter_bar.current().issue_type == "complaint", timeout=5000)
    flt = window.filter_bar.current()
    assert (flt.date_from, flt.date_to, flt.counted_only) == (MONDAY, MONDAY, True)
    assert table_ids(window) == ids_where(database, Ticket.handle_seconds == 120)  # ticket 1 only


def test_the_keyboard_path_lists_an_agents_calls(qtbot, window: MainWindow, tools: DashboardTools,  # type: ignore[no-untyped-def]
                                                 database: Database) -> None:
    dashboard = show_week(qtbot, tools)
    panel = dashboard.agents_panel
    entry = next(a for a in panel.list_menu.actions() if a.text().startswith("A1001"))
    entry.trigger()
    flt = window.filter_bar.current()
    assert (flt.date_from, flt.date_to, flt.agent_code, flt.issue_type) == (MONDAY, SUNDAY, "A1001", None)
    assert window.filter_bar.agent.text() == "A1001" and window.filter_bar.counted.isVisibleTo(window.filter_bar)
    assert window.form.ticket_id is None  # listed, not opened: a call being typed in the form is left alone
    assert "A1001" in window.statusBar().currentMessage()
    # tickets 1, 2 and 5: not 6 (void) nor 7 (the Sunday before)
    assert table_ids(window) == ids_where(database, Ticket.handle_seconds.in_((120, 180, 200)))
    window.filter_bar.clear_counted()
    assert len(table_ids(window)) == 4  # the void ticket 6 is listed again


def test_top_type_drill_and_periods(qtbot, window: MainWindow, tools: DashboardTools,  # type: ignore[no-untyped-def]
                                    database: Database) -> None:
    dashboard = show_week(qtbot, tools)
    dashboard.types_panel.list_menu.actions()[0].trigger()  # consult, the top type
    # tickets 2, 4 and 5 (7 and 8, consults too, are outside the week)
    assert table_ids(window) == ids_where(database, Ticket.issue_type == "consult", or_(
        Ticket.handle_seconds.in_((180, 200)), Ticket.handle_seconds.is_(None)))
    dashboard.period.setCurrentIndex(dashboard.period.findData("last_week"))
    first, end = dashboard.days()
    assert end - first == timedelta(days=7) and first.weekday() == 0


def test_an_agent_is_refused(window: MainWindow, tools: DashboardTools, messages: RecordingMessages,  # type: ignore[no-untyped-def]
                             colleague) -> None:
    window.ctx.signed_in = colleague
    assert tools.open() is None and tools.dashboard is None
    kind, _title, text = messages.shown[-1]
    assert kind == "info" and text == refusal(colleague.role, Permission.VIEW_REPORTS)


def test_the_charts_follow_a_dark_palette(qtbot, tools: DashboardTools) -> None:  # type: ignore[no-untyped-def]
    dashboard = show_week(qtbot, tools)
    assert dashboard.calls_panel.chart.theme() == QChart.ChartTheme.ChartThemeLight
    palette = dashboard.palette()
    light, dark = QColor(230, 230, 230), QColor(40, 40, 40)
    roles = QPalette.ColorRole
    for role, color in ((roles.Window, dark), (roles.WindowText, light), (roles.Text, light), (roles.Base, dark)):
        palette.setColor(role, color)
    dashboard.setPalette(palette)
    for panel in dashboard.panels:
        assert panel.chart.theme() == QChart.ChartTheme.ChartThemeDark
        assert panel.view.renderHints() & QPainter.RenderHint.Antialiasing
        assert all(axis.labelsColor() == light for axis in panel.chart.axes())
    assert "33.3%" in dashboard.on_time_panel.figures.text()  # the same figures, not read again


def test_figures_are_read_in_a_worker_without_a_dialog(qtbot, tools: DashboardTools) -> None:  # type: ignore[no-untyped-def]
    dashboard = show_week(qtbot, tools)
    release = threading.Event()
    real = tools.figures.period
    threads: list[threading.Thread] = []

    def slow(first, end, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        assert release.wait(10)
        return real(first, end, **kwargs)

    tools.figures.period = slow  # type: ignore[method-assign]
    dashboard.set_days(MONDAY, MONDAY + timedelta(days=1))
    dashboard.set_days(MONDAY, MONDAY + timedelta(days=2))  # asked while the first read runs: read after it
    assert dashboard.state.text() == "正在读取指标…" and not dashboard.refresh_button.isEnabled()
    assert not dashboard.findChildren(QProgressDialog)
    qtbot.wait(50)  # the event loop runs meanwhile: the window does not freeze
    assert dashboard.figures is not None and dashboard.figures.first == MONDAY  # the week still shown
    release.set()
    qtbot.waitUntil(lambda: dashboard.task is None and dashboard.figures.last == MONDAY + timedelta(days=2),
                    timeout=20000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert dashboard.state.text() == "" and dashboard.refresh_button.isEnabled()


def test_the_filter_bar_lists_an_agents_tickets(qtbot, window: MainWindow, tools: DashboardTools,  # type: ignore[no-untyped-def]
                                                database: Database) -> None:
    bar = window.filter_bar
    bar.agent.setText("A1002")
    bar.flush()
    assert bar.current().agent_code == "A1002" and not bar.current().counted_only
    assert len(table_ids(window)) == 3  # tickets 3, 4 and 8
    bar.reset()
    assert bar.agent.text() == "" and bar.current().agent_code is None


def test_the_keyboard_reaches_a_bar_through_list_tickets(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                         tools: DashboardTools, database: Database) -> None:
    dashboard = show_week(qtbot, tools)
    dashboard.show()
    qtbot.waitExposed(dashboard)
    button = dashboard.types_panel.list_button
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    menu = dashboard.types_panel.list_menu

    def choose_the_second() -> None:  # fault or complaint: the menu opened under the button
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(200, choose_the_second)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.filter_bar.current().issue_type is not None, timeout=5000)
    chosen = window.filter_bar.current().issue_type
    assert chosen == dashboard.figures.top_types[1].code  # type: ignore[union-attr]
    assert table_ids(window) == ids_where(database, Ticket.issue_type == chosen, Ticket.voided_at.is_(None))


def test_a_period_too_long_is_said_not_raised(qtbot, tools: DashboardTools) -> None:  # type: ignore[no-untyped-def]
    dashboard = show_week(qtbot, tools)
    dashboard.set_days(MONDAY - timedelta(days=4 * 366), SUNDAY)
    qtbot.waitUntil(lambda: dashboard.task is None, timeout=20000)
    assert "三年" in dashboard.state.text()
    assert dashboard.figures is not None and dashboard.figures.first == MONDAY  # the week still shown


def test_on_demo_data_the_dashboard_shows_the_service_figures(qtbot, shanghai: None, window: MainWindow,  # type: ignore[no-untyped-def]
                                                              database: Database, admin) -> None:
    clock = FakeClock(datetime(2023, 11, 20, 4, 0, tzinfo=UTC))
    assert generate_demo(database, 300, actor=admin, seed=7, clock=clock) == 300
    tools: DashboardTools = window.dashboard_tools  # type: ignore[attr-defined]
    tools.figures._clock = clock  # type: ignore[attr-defined]
    first, end = period_days(LAST_30_DAYS, to_local(clock()).date())
    dashboard = show_week(qtbot, tools, first, end - timedelta(days=1))
    expected = FigureService(database.sessions, clock=clock).period(first, end)
    assert expected.total.calls > 30  # a month of the ~4 months of calls
    assert dashboard.figures == expected
    calls = dashboard.calls_panel.figures.text().splitlines()
    assert calls[0] == f"来电：{format_number(expected.total.calls)}"
    assert format_percent(expected.total.on_time_rate) in dashboard.on_time_panel.figures.text()
    assert format_percent(expected.total.csat) in dashboard.csat_panel.figures.text()
    agents = dashboard.agents_panel.figures.text().splitlines()[1:]
    assert [line.split("：")[0] for line in agents] == [f"{a.code} {a.name}" for a in expected.agents]
    for line, agent in zip(agents, expected.agents, strict=True):
        assert seconds_text(agent.tally.aht) in line
    types = dashboard.types_panel.figures.text().splitlines()
    assert [line.split("（")[0].split("：")[1] for line in types] == [format_percent(t.share)
                                                                     for t in expected.top_types]
    stacked = dashboard.calls_panel.chart.series()[0]
    per_day = [sum(s.at(i) for s in stacked.barSets()) for i in range(len(expected.days))]
    assert per_day == [d.tally.calls for d in expected.days]
    busiest = max(expected.days, key=lambda d: d.tally.calls)
    entry = next(a for a in dashboard.calls_panel.list_menu.actions()
                 if a.text().startswith(format_date(busiest.day) + " · "))
    entry.trigger()
    listed = window.filter_bar.current()
    assert (listed.date_from, listed.date_to) == (busiest.day, busiest.day)
    assert window.model.rowCount() == dict(busiest.calls_by_type)[listed.issue_type]


def test_hovering_a_bar_tells_what_it_stands_for(qtbot, tools: DashboardTools) -> None:  # type: ignore[no-untyped-def]
    dashboard = show_week(qtbot, tools)
    dashboard.show()
    qtbot.waitExposed(dashboard)
    shown: list[str] = []
    panel = dashboard.agents_panel
    panel.hover = lambda on, text: shown.append(text) if on else None  # type: ignore[method-assign]
    bars = panel.chart.series()[0].barSets()[0]
    bars.hovered.emit(True, bars.count() - 1)  # the top bar: the first 工号
    assert shown and shown[0].startswith("A1001 张敏") and "167" in shown[0]


def test_the_hover_tip_shows_and_hides(qtbot, tools: DashboardTools) -> None:  # type: ignore[no-untyped-def]
    dashboard = show_week(qtbot, tools)
    dashboard.show()
    qtbot.waitExposed(dashboard)
    panel = dashboard.types_panel
    panel.hover(True, "咨询：60.0%（3）")
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    assert QToolTip.text().startswith("咨询：60.0%（3）\n")
    panel.hover(False, "")
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=3000)


def test_the_entry_opens_one_non_modal_window(qtbot, window: MainWindow, tools: DashboardTools) -> None:  # type: ignore[no-untyped-def]
    tools.action.trigger()
    dashboard = tools.dashboard
    assert dashboard is not None and dashboard.isVisible() and not dashboard.isModal()
    assert dashboard.isWindow() and dashboard.parent() is window
    qtbot.waitUntil(lambda: dashboard.task is None, timeout=20000)
    dashboard.close()
    tools.action.trigger()
    assert tools.dashboard is dashboard and dashboard.isVisible()  # the same window, shown again
    first, end = dashboard.days()  # this week by default
    assert first.weekday() == 0 and (end - first).days == 7
    qtbot.waitUntil(lambda: dashboard.task is None, timeout=20000)
    calls: list[tuple[object, object]] = []
    real = tools.figures.period
    tools.figures.period = lambda a, b, **kw: calls.append((a, b)) or real(a, b, **kw)  # type: ignore[method-assign]
    dashboard.refresh_button.click()  # F5 in the window
    qtbot.waitUntil(lambda: dashboard.task is None and bool(calls), timeout=20000)
    assert calls == [(first, end)]


def test_the_window_going_away_waits_for_a_read(qtbot, window: MainWindow, tools: DashboardTools) -> None:  # type: ignore[no-untyped-def]
    dashboard = show_week(qtbot, tools)
    release = threading.Event()
    started = threading.Event()
    real = tools.figures.period

    def slow(first, end, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        assert release.wait(10)
        return real(first, end, **kwargs)

    tools.figures.period = slow  # type: ignore[method-assign]
    dashboard.set_days(MONDAY, MONDAY + timedelta(days=1))
    assert started.wait(10)
    threading.Timer(0.3, release.set).start()
    thread = dashboard.task._thread  # type: ignore[union-attr]
    Shiboken.delete(tools)  # at once, as the window's deletion deletes its children
    assert release.is_set() and not thread.isRunning()  # it waited for the read to end


def test_a_language_switch_with_the_dashboard_open(qtbot, request, desk,  # type: ignore[no-untyped-def]
                                                  tools: DashboardTools) -> None:
    old = show_week(qtbot, tools)
    old.show()
    desk.ctx.config.language = "en"
    try:
        desk.switch_language()
        qtbot.addWidget(desk.window)
        assert old.parent() is not desk.window  # it goes with the old window
        fresh: DashboardTools = desk.window.dashboard_tools
        assert fresh.dashboard is None and fresh.action.text() == "&Dashboard…"
        assert fresh.open() is not None
        qtbot.waitUntil(lambda: fresh.dashboard.task is None, timeout=20000)  # type: ignore[union-attr]
        assert fresh.dashboard.calls_panel.title() == "Calls per day by issue type"  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: not Shiboken.isValid(old), timeout=5000)  # deleted with the old window
    finally:
        i18n.set_language("zh_CN")
        # pytest-qt would close the old window, which the switch has deleted
        request.node.qt_widgets = [(ref, close) for ref, close in getattr(request.node, "qt_widgets", [])
                                   if ref() is None or Shiboken.isValid(ref())]
