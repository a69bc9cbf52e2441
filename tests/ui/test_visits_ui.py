"""The Visits dock and visit form, the target list and the improvement actions list, in the window."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.app import HotlineDesk
from desktop.rules import improvements as action_rules
from desktop.rules import visits as rules
from desktop.rules.improvements import ActionDraft
from desktop.services.database import Database
from desktop.services.dto import Actor
from desktop.services.improvements import ImprovementService
from desktop.ui.improvements_ui import ActionsDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.visits_wiring import VisitTools
from desktop.ui.widgets import alert_colour
from tests.helpers import FakeClock, make_draft
from tests.ui.conftest import type_text


def _tools(window: MainWindow) -> VisitTools:
    return window.visit_tools  # type: ignore[attr-defined, no-any-return]


def _complaint(desk: HotlineDesk, admin: Actor) -> int:
    """A returning customer's complaint, resolved on the call (two visits: 24–48 h and 3–5 working days)."""
    desk.ctx.tickets.create(make_draft(issue_type="consult", status="resolved", solution="解答"), admin)
    return desk.ctx.tickets.create(make_draft(issue_type="complaint", status="resolved", solution="补发"), admin).id


def test_the_visits_action_shows_its_shortcut_and_the_dock_lists_due_visits(
        desk: HotlineDesk, window: MainWindow, admin: Actor) -> None:
    tools = _tools(window)
    assert "Ctrl+Shift+V" in tools.visits_action.toolTip()
    assert "Ctrl+Shift+I" in tools.actions_action.toolTip()
    assert tools.menu.menuAction() in window.menuBar().actions()
    ticket_id = _complaint(desk, admin)
    tools.propose(ticket_id)
    tools.visits_action.trigger()
    assert tools.dock.isVisible()
    kinds = {tools.panel.table.item(i, 1).text() for i in range(tools.panel.table.rowCount())}
    assert rules.kind_label(rules.AFTER_RESOLUTION) in kinds
    assert any(row.ticket_id == ticket_id for row in tools.panel.rows)


def test_the_visit_form_refuses_an_out_of_range_score_then_saves_and_reads_back(
        qtbot, desk: HotlineDesk, window: MainWindow, admin: Actor) -> None:  # type: ignore[no-untyped-def]
    tools = _tools(window)
    # Every visit the rules call for, proposed in a worker thread (as at start-up).
    _complaint(desk, admin)
    tools.propose_all()
    qtbot.waitUntil(lambda: tools._proposing is None, timeout=5000)
    tools.panel.refresh()
    tools.panel.table.selectRow(0)
    visit_id = tools.panel.current().id  # type: ignore[union-attr]
    tools.panel.record_button.click()
    dialog = tools.dialog
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing typed yet
    typed = dict(zip(rules.DIMENSIONS, ("5", "4", "3", "4", "6", "2"), strict=True))
    for name, text in typed.items():
        qtbot.keyClicks(dialog.scores[name], text)
    qtbot.keyClicks(dialog.recommendation, "9")
    dialog.resolved.setCurrentIndex(dialog.resolved.findData(True))
    message = dialog.messages["score_process"]
    assert message.isVisible() and "6" in message.text() and not ok.isEnabled()
    dialog.accept()  # refused: the dialog stays open with everything typed
    assert dialog.isVisible() and dialog.scores["score_attitude"].text() == "5"
    dialog.scores["score_process"].clear()
    qtbot.keyClicks(dialog.scores["score_process"], "5")
    type_text(qtbot, dialog.words, "换货很快")
    assert ok.isEnabled() and not message.isVisible()
    ok.click()
    assert not dialog.isVisible() and tools.dialog is None
    saved = tools.visits.get(visit_id)
    assert saved.row.status == rules.DONE and saved.recommendation == 9 and saved.resolved is True
    assert saved.scores == dict(zip(rules.DIMENSIONS, (5, 4, 3, 4, 5, 2), strict=True))
    assert saved.customer_words == "换货很快"
    assert visit_id not in {row.id for row in tools.panel.rows}  # no longer due


def test_the_target_list_finds_past_complaints_and_plans_visits(
        desk: HotlineDesk, window: MainWindow, admin: Actor) -> None:
    tools = _tools(window)
    ticket_id = _complaint(desk, admin)
    dialog = tools.open_targets()
    dialog.complaints.setChecked(True)
    dialog.search_button.click()
    assert [row.ticket_id for row in dialog.rows] == [ticket_id]
    assert dialog.table.item(0, 0).checkState() == Qt.CheckState.Checked
    dialog.plan_button.click()
    assert dialog.planned == 1
    assert dialog.rows[0].planned and "1" in dialog.message.text()
    assert any(row.kind == rules.TARGETED for row in tools.visits.due(admin, horizon=timedelta(days=5)))


def test_the_actions_list_marks_overdue_ones_with_a_word_and_closes_them(
        qtbot, database: Database, admin: Actor, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    service = ImprovementService(database.sessions, clock=clock)
    from desktop.services.choices import ChoiceService
    departments = ChoiceService(database.sessions).departments()
    department = departments[0].id
    late = service.create(admin, ActionDraft("物流延误投诉集中", "复核地址校验", department, date(2023, 10, 16)))
    service.create(admin, ActionDraft("话术不统一", "更新快捷短语", department, date(2023, 10, 31)))
    clock.advance(days=3)  # 2023-10-18: the first one is past its deadline
    dialog = ActionsDialog(service, lambda: admin, departments, lambda: clock.now.date())
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    status = dialog.table.item(0, 1)
    assert "Overdue" in status.text() or "逾期" in status.text() or "⚠" in status.text()
    assert "⚠" in status.text()
    assert status.foreground().color() == alert_colour(dialog.table)
    assert "⚠" not in dialog.table.item(1, 1).text()
    dialog.table.selectRow(0)
    assert dialog.start_button.isEnabled()
    dialog.done_button.click()
    assert service.get(late.id).status == action_rules.DONE
    texts = [dialog.table.item(i, 1).text() for i in range(dialog.table.rowCount())]
    assert not any("⚠" in t for t in texts)


def test_a_new_action_from_the_list_keeps_what_was_typed_when_refused(
        qtbot, database: Database, admin: Actor, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.choices import ChoiceService
    service = ImprovementService(database.sessions, clock=clock)
    departments = ChoiceService(database.sessions).departments()
    dialog = ActionsDialog(service, lambda: admin, departments, lambda: clock.now.date())
    qtbot.addWidget(dialog)
    dialog.new_button.click()
    form = dialog.child
    assert form is not None
    type_text(qtbot, form.action, "复核地址校验")
    qtbot.keyClicks(form.tickets, "99999")  # no such ticket
    form.department.setCurrentIndex(1)
    assert form.messages["problem"].isVisible()
    type_text(qtbot, form.problem, "物流延误")
    form.accept()  # the service refuses the missing ticket: the form stays open, text kept
    assert form.isVisible() and form.save_problem.isVisible() and "99999" in form.save_problem.text()
    assert form.problem.toPlainText() == "物流延误"
    form.tickets.clear()
    form.accept()
    assert form.saved is not None and dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == "物流延误"


def test_an_improvement_action_raised_from_a_visit_is_linked_to_it_and_its_ticket(
        qtbot, desk: HotlineDesk, window: MainWindow, admin: Actor) -> None:  # type: ignore[no-untyped-def]
    tools = _tools(window)
    ticket_id = _complaint(desk, admin)
    tools.show_visits()  # proposes the visits the resolved complaint calls for (in a worker thread)
    qtbot.waitUntil(lambda: tools._proposing is None and tools.panel.table.rowCount() > 0, timeout=5000)
    index = next(i for i, row in enumerate(tools.panel.rows) if row.ticket_id == ticket_id)
    tools.panel.table.selectRow(index)
    visit = tools.panel.current()
    assert visit is not None and tools.raise_button.isVisible()
    tools.raise_button.click()
    actions = tools.dialog
    assert isinstance(actions, ActionsDialog) and actions.child is not None
    form = actions.child
    assert form.tickets.text() == str(ticket_id) and form.visits.text() == str(visit.id)
    type_text(qtbot, form.problem, "补发慢")
    type_text(qtbot, form.action, "仓库当日发货")
    form.department.setCurrentIndex(1)
    form.accept()
    [row] = tools.improvements.list()
    assert row.visit_ids == (visit.id,) and len(row.ticket_numbers) == 1


def test_periodic_visits_are_set_from_the_target_list(desk: HotlineDesk, window: MainWindow, admin: Actor) -> None:
    tools = _tools(window)
    desk.ctx.tickets.create(make_draft(issue_type="consult", account_type="vip", phone="13800000066"), admin)
    dialog = tools.open_targets()
    dialog.vip.setChecked(True)
    dialog.search_button.click()
    assert len(dialog.rows) == 1
    dialog.period.setCurrentIndex(dialog.period.findData(rules.QUARTERLY))
    dialog.period_button.click()
    assert "1" in dialog.message.text()
    from desktop.models.visits import VisitPlan
    with desk.ctx.database.sessions() as session:
        plan = session.get(VisitPlan, dialog.rows[0].customer_id)
        assert plan is not None and plan.period == rules.QUARTERLY


def test_a_visit_recorded_late_says_so(qtbot, desk: HotlineDesk, window: MainWindow,  # type: ignore[no-untyped-def]
                                      admin: Actor, english: None) -> None:
    tools = _tools(window)
    _complaint(desk, admin)
    tools.show_visits()
    qtbot.waitUntil(lambda: tools._proposing is None and tools.panel.table.rowCount() > 0, timeout=5000)
    tools.panel.table.selectRow(0)
    visit_id = tools.panel.current().id  # type: ignore[union-attr]
    dialog = tools.record_visit(visit_id)
    assert dialog is not None
    dialog.visited_at.setDateTime(dialog.visited_at.dateTime().addDays(-10))
    dialog.status.setCurrentIndex(dialog.status.findData(rules.SKIPPED))
    assert not dialog.scores["score_attitude"].isEnabled()  # a skipped visit asks only why
    qtbot.keyClicks(dialog.words, "no answer three times")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert tools.visits.get(visit_id).row.recorded_late is True
    assert "late" in window.statusBar().currentMessage()
