"""Reminders on a fake clock: lead time, snoozing, done on the timeline, missed while closed, whose they are."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from desktop.rules import reminders as rules
from desktop.services.database import Database
from desktop.services.dto import Actor
from desktop.services.reminders import ReminderService
from desktop.services.tickets import TicketService
from tests.helpers import AGENT, FakeClock, make_draft

OTHER = Actor("A1009", "赵强")


@pytest.fixture
def service(database: Database, clock: FakeClock) -> ReminderService:
    return ReminderService(database.sessions, clock=clock)


def _feedback_ticket(tickets: TicketService, clock: FakeClock, minutes: int = 20, **values: object) -> int:
    """A normal-level ticket (deadline a day away) with feedback promised ``minutes`` from now."""
    draft = make_draft(priority="normal", promised_feedback_at=clock.now + timedelta(minutes=minutes),
                       call_started_at=clock.now, **values)
    return tickets.create(draft, AGENT).id


def test_a_feedback_promised_in_20_minutes_fires_15_minutes_before(
        service: ReminderService, tickets: TicketService, clock: FakeClock) -> None:
    ticket_id = _feedback_ticket(tickets, clock)
    start = clock.now
    assert service.next_fire_at(AGENT) == start + timedelta(minutes=5)
    clock.advance(minutes=4, seconds=59)
    assert service.take_due(AGENT) == []
    clock.advance(seconds=1)
    due = service.take_due(AGENT)
    assert [(r.item.ticket_id, r.item.kind) for r in due] == [(ticket_id, rules.FEEDBACK)]
    assert due[0].item.customer.startswith("139****5678")
    assert "5678" in due[0].item.customer and "12345678" not in due[0].item.customer
    # Shown once: it does not pop up again, and the next moment is no longer this one.
    assert service.take_due(AGENT) == []
    assert service.next_fire_at(AGENT) != start + timedelta(minutes=5)


def test_the_lead_time_is_configurable(database: Database, tickets: TicketService, clock: FakeClock) -> None:
    _feedback_ticket(tickets, clock, minutes=60)
    service = ReminderService(database.sessions, clock=clock, lead=timedelta(minutes=30))
    assert service.next_fire_at(AGENT) == clock.now + timedelta(minutes=30)


def test_snoozing_5_minutes_fires_again_5_minutes_later(
        service: ReminderService, tickets: TicketService, clock: FakeClock) -> None:
    _feedback_ticket(tickets, clock)
    clock.advance(minutes=5)
    [reminder] = service.take_due(AGENT)
    until = service.snooze(AGENT, reminder, 5)
    assert until == clock.now + timedelta(minutes=5)
    assert service.next_fire_at(AGENT) == until
    clock.advance(minutes=4)
    assert service.take_due(AGENT) == []
    clock.advance(minutes=1)
    [again] = service.take_due(AGENT)
    assert again.key == reminder.key and again.snoozed


def test_a_reminder_snoozed_from_the_menu_before_it_fired_pops_up_when_the_snooze_runs_out(
        service: ReminderService, tickets: TicketService, clock: FakeClock) -> None:
    """The tray menu lists reminders still to come: "in 5 minutes" on one of those means in 5 minutes."""
    _feedback_ticket(tickets, clock, minutes=120)
    [coming] = [r for r in service.agenda(AGENT) if r.item.kind == rules.FEEDBACK]
    until = service.snooze(AGENT, coming, 5)
    assert service.next_fire_at(AGENT) == until
    clock.advance(minutes=5)
    [due] = service.take_due(AGENT)
    assert due.key == coming.key
    assert service.take_due(AGENT) == []


def test_only_the_offered_snoozes(service: ReminderService, tickets: TicketService, clock: FakeClock) -> None:
    _feedback_ticket(tickets, clock, minutes=0)
    [reminder] = service.take_due(AGENT)
    with pytest.raises(ValueError):
        service.snooze(AGENT, reminder, 7)


def test_marking_a_callback_done_stops_it_and_writes_the_timeline(
        service: ReminderService, tickets: TicketService, clock: FakeClock) -> None:
    created = tickets.create(make_draft(priority="normal", status="resolved", solution="已换新机",
                                        callback_at=clock.now + timedelta(hours=1)), AGENT)
    clock.advance(hours=1)
    [reminder] = [r for r in service.take_due(AGENT) if r.item.kind == rules.CALLBACK]
    assert reminder.item.ticket_id == created.id
    service.done(AGENT, reminder)
    assert [r for r in service.agenda(AGENT) if r.item.kind == rules.CALLBACK] == []
    clock.advance(hours=1)
    assert service.take_due(AGENT) == []
    detail = tickets.get(created.id)
    assert detail.timeline[-1].kind == "callback_done"
    assert detail.timeline[-1].agent_code == AGENT.code
    assert detail.version == created.version  # the form holding the ticket can still save


def test_a_recorded_callback_result_ends_the_callback_reminder(
        service: ReminderService, tickets: TicketService, clock: FakeClock) -> None:
    created = tickets.create(make_draft(priority="normal", status="resolved", solution="已换新机",
                                        callback_at=clock.now + timedelta(hours=1)), AGENT)
    tickets.update(created.id, replace(created.draft, callback_result="客户满意"), created.version, AGENT)
    assert [r for r in service.agenda(AGENT) if r.item.kind == rules.CALLBACK] == []


def test_a_reminder_due_while_closed_is_reported_as_missed_at_the_next_start(
        database: Database, tickets: TicketService, clock: FakeClock) -> None:
    ticket_id = _feedback_ticket(tickets, clock, minutes=30)
    clock.advance(hours=3)  # the program was closed the whole time
    restarted = ReminderService(database.sessions, clock=clock)
    missed = restarted.take_due(AGENT)
    assert (ticket_id, rules.FEEDBACK) in [(r.item.ticket_id, r.item.kind) for r in missed]
    assert all(r.fire_at < clock.now for r in missed)
    assert ReminderService(database.sessions, clock=clock).take_due(AGENT) == []  # reported once


def test_deadline_and_stale_reminders(service: ReminderService, tickets: TicketService, clock: FakeClock) -> None:
    urgent = tickets.create(make_draft(priority="urgent", call_started_at=clock.now), AGENT)
    assert service.next_fire_at(AGENT) == clock.now + timedelta(hours=1)
    clock.advance(hours=1)
    assert [r.item.kind for r in service.take_due(AGENT)] == [rules.DEADLINE]
    clock.advance(hours=5)
    [stale] = service.take_due(AGENT)
    assert (stale.item.ticket_id, stale.item.kind) == (urgent.id, rules.STALE)
    assert rules.counts(service.agenda(AGENT), clock.now)[0] == 2  # both overdue: the tray shows it
    service.done(AGENT, stale)  # acknowledged; no timeline line for a stale flag
    assert tickets.get(urgent.id).timeline[-1].kind == "created"


def test_each_agent_is_reminded_of_their_own_tickets(
        service: ReminderService, tickets: TicketService, clock: FakeClock) -> None:
    mine = _feedback_ticket(tickets, clock)
    followed = tickets.create(make_draft(priority="normal", follow_up_owner="赵强",
                                         promised_feedback_at=clock.now + timedelta(minutes=20)), AGENT).id
    theirs = [r.item.ticket_id for r in service.agenda(OTHER)]
    assert followed in theirs and mine not in theirs
    assert {mine, followed} <= {r.item.ticket_id for r in service.agenda(AGENT)}


def test_done_by_one_follower_ends_it_for_the_other(
        service: ReminderService, tickets: TicketService, clock: FakeClock) -> None:
    tickets.create(make_draft(priority="normal", follow_up_owner="A1009",
                              promised_feedback_at=clock.now + timedelta(minutes=20)), AGENT)
    tickets.create(make_draft(priority="normal"), OTHER)  # makes A1009 a known agent
    [mine] = [r for r in service.agenda(AGENT) if r.item.kind == rules.FEEDBACK]
    service.done(AGENT, mine)
    assert [r for r in service.agenda(OTHER) if r.item.kind == rules.FEEDBACK] == []


def test_a_moved_promise_is_a_new_reminder(service: ReminderService, tickets: TicketService,
                                           clock: FakeClock) -> None:
    created = tickets.create(make_draft(priority="normal", promised_feedback_at=clock.now + timedelta(minutes=20)),
                             AGENT)
    clock.advance(minutes=5)
    [first] = service.take_due(AGENT)
    later = clock.now + timedelta(hours=2)
    tickets.update(created.id, replace(created.draft, promised_feedback_at=later), created.version, AGENT)
    assert service.next_fire_at(AGENT) == later - rules.DEFAULT_LEAD
    assert first.key not in {r.key for r in service.agenda(AGENT)}


def test_describe_says_what_is_due_and_when(english: None, service: ReminderService, tickets: TicketService,
                                            clock: FakeClock) -> None:
    _feedback_ticket(tickets, clock)
    [reminder] = [r for r in service.agenda(AGENT) if r.item.kind == rules.FEEDBACK]
    assert rules.describe(reminder, clock.now).startswith("Promised feedback ")
    assert rules.describe(reminder, clock.now).endswith("(in 20 min)")
    assert rules.describe(reminder, clock.now + timedelta(hours=2, minutes=25)).endswith("(2 h 5 min ago)")


def test_the_next_moment_matches_the_agenda_through_shown_snoozed_and_done_reminders(
        service: ReminderService, tickets: TicketService, clock: FakeClock) -> None:
    """next_fire_at reads only the first due times per kind; it must agree with the whole agenda."""
    for minutes in (16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 40, 90):
        _feedback_ticket(tickets, clock, minutes=minutes)

    def agrees() -> None:
        assert service.next_fire_at(AGENT) == rules.next_fire(service.agenda(AGENT), clock.now)

    agrees()
    for step in range(12):
        clock.advance(minutes=1)
        due = service.take_due(AGENT)
        if due and step == 3:
            service.snooze(AGENT, due[0], 15)
        if due and step == 5:
            service.done(AGENT, due[0])
        agrees()
    clock.advance(minutes=20)
    service.take_due(AGENT)
    agrees()
