"""Due visits feed the reminders: a planned visit pops up when its window opens, for whoever is to make it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.rules import reminders as rules
from desktop.rules import visits as visit_rules
from desktop.rules.visits import VisitRecord
from desktop.services.database import Database
from desktop.services.reminders import ReminderService
from desktop.services.visits import VisitService
from tests.account_helpers import Centre, build_centre
from tests.helpers import FakeClock, make_draft


@pytest.fixture
def centre(database: Database, clock: FakeClock) -> Centre:
    return build_centre(database, clock)


def _visit_reminders(reminders: list[rules.Reminder]) -> list[rules.Reminder]:
    return [r for r in reminders if r.item.kind == rules.VISIT]


def test_a_due_visit_pops_up_when_its_window_opens(centre: Centre, database: Database) -> None:
    clock = centre.clock
    # Returning customer (so only the complaint's visits), resolved on the call; the first call (an hour
    # earlier) brings its own new-customer visit on the next working day, an hour before the complaint's.
    centre.tickets.create(make_draft(issue_type="consult", status="resolved", solution="解答"), centre.agent)
    clock.advance(hours=1)
    ticket = centre.tickets.create(make_draft(issue_type="complaint", priority="normal", status="resolved",
                                              solution="已道歉并补发"), centre.agent)
    visits = VisitService(database.sessions, clock=clock)
    reminders = ReminderService(database.sessions, clock=clock)
    visits.propose(centre.agent)
    opens = clock.now + timedelta(hours=24)  # the 24–48 h visit
    clock.now = opens - timedelta(hours=1)
    [first_call] = _visit_reminders(reminders.take_due(centre.agent))
    assert first_call.item.ticket_id != ticket.id
    assert reminders.next_fire_at(centre.agent) == opens
    clock.now = opens - timedelta(seconds=1)
    assert _visit_reminders(reminders.take_due(centre.agent)) == []
    clock.now = opens
    [due] = _visit_reminders(reminders.take_due(centre.agent))
    assert (due.item.ticket_id, due.item.number, due.item.due_at) == (ticket.id, ticket.number, opens)
    assert "139****5678" in due.item.customer
    assert reminders.take_due(centre.agent) == []  # shown once
    # Another agent is not reminded of it; the agenda of the one who logged the ticket lists it, and the
    # complaint follow-up two days on (working day 3 after Sunday 10-15 is Wednesday 10-18).
    assert _visit_reminders(reminders.agenda(centre.supervisor)) == []
    assert [r.item.due_at for r in _visit_reminders(reminders.agenda(centre.agent))] == [
        opens - timedelta(hours=1), opens, opens + timedelta(days=2)]


def test_a_recorded_visit_is_no_longer_reminded(centre: Centre, database: Database) -> None:
    clock = centre.clock
    centre.tickets.create(make_draft(issue_type="consult", status="resolved", solution="解答"), centre.agent)
    centre.tickets.create(make_draft(issue_type="complaint", status="resolved", solution="补发"), centre.agent)
    visits = VisitService(database.sessions, clock=clock)
    reminders = ReminderService(database.sessions, clock=clock)
    visits.propose(centre.agent)
    clock.advance(hours=24)
    first = next(v for v in visits.due(centre.agent) if v.kind == visit_rules.AFTER_RESOLUTION)
    before = {(r.item.ticket_id, r.item.due_at) for r in _visit_reminders(reminders.agenda(centre.agent))}
    assert (first.ticket_id, first.due_from) in before
    visits.record(centre.agent, first.id, VisitRecord(visited_at=clock.now, status=visit_rules.SKIPPED,
                                                      customer_words="未接通"))
    after = {(r.item.ticket_id, r.item.due_at) for r in _visit_reminders(reminders.agenda(centre.agent))}
    assert after == before - {(first.ticket_id, first.due_from)}


def test_a_visit_assigned_from_the_target_list_reminds_the_assignee(centre: Centre, database: Database) -> None:
    clock = centre.clock
    ticket = centre.tickets.create(make_draft(issue_type="consult", phone="13800000005"), centre.supervisor)
    visits = VisitService(database.sessions, clock=clock)
    reminders = ReminderService(database.sessions, clock=clock)
    start = clock.now + timedelta(hours=3)
    visits.plan(centre.supervisor, [ticket.id], start, start + timedelta(days=2), agent_code="A1001")
    assert [r.item.ticket_id for r in _visit_reminders(reminders.agenda(centre.agent))] == [ticket.id]
    assert _visit_reminders(reminders.agenda(centre.supervisor)) == []
    [coming] = _visit_reminders(reminders.agenda(centre.agent))
    until = reminders.snooze(centre.agent, coming, 60)  # "in an hour", from the menu, before it opens
    assert until < start and reminders.next_fire_at(centre.agent) == until
    clock.now = until
    [again] = _visit_reminders(reminders.take_due(centre.agent))
    assert again.key == coming.key and again.snoozed
