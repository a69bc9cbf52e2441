"""Reminders of one agent, read from the tickets' due times and the agent's marks (desktop/rules/reminders).

Whose: the tickets an agent logged, handles or follows up (``agent_id``, ``handler``, ``follow_up_owner``
by 工号 or name), so on a shared database every agent is reminded of their own; planned follow-up visits
assigned to the agent, or unassigned on such a ticket. Each kind is one range query on its own partial
index (due time, last progress, a visit's window start); a restart loses nothing because nothing lives
only in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select, text, tuple_
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.i18n import _
from desktop.models.entities import (
    CALLBACK_CONDITION,
    OPEN_CONDITION,
    Agent,
    ReminderMark,
    Ticket,
    TimelineEntry,
)
from desktop.models.visits import Visit
from desktop.rules import reminders as rules
from desktop.rules.masking import display_name
from desktop.rules.phone import mask_phone
from desktop.rules.reminders import DueItem, Reminder, ReminderState
from desktop.rules.visits import PLANNED
from desktop.services import lifecycle
from desktop.services.agents import agent_for
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import Actor
from desktop.services.errors import NotFound, ServiceError, StorageError, reading
from desktop.services.visits import owned_visits

# How far ahead the agenda (tray menu, panel, the timer's next moment) looks.
HORIZON = timedelta(days=2)

_COLUMNS = {
    rules.FEEDBACK: (Ticket.promised_feedback_at, OPEN_CONDITION),
    rules.DEADLINE: (Ticket.response_due_at, OPEN_CONDITION),
    rules.CALLBACK: (Ticket.callback_at, CALLBACK_CONDITION),
    rules.STALE: (Ticket.last_progress_at, OPEN_CONDITION),
}


def _source(kind: str, owned: ColumnElement[bool], owned_visit: ColumnElement[bool]
            ) -> tuple[Select[Any], Any, Any]:
    """(ticket id, number, phone, name, moment, row id) of one kind's rows, its moment column and row id column."""
    if kind == rules.VISIT:
        return (select(Ticket.id, Ticket.number, Ticket.phone, Ticket.customer_name, Visit.due_from, Visit.id)
                .join(Ticket, Ticket.id == Visit.ticket_id).where(Visit.status == PLANNED, owned_visit),
                Visit.due_from, Visit.id)
    column, condition = _COLUMNS[kind]
    return (select(Ticket.id, Ticket.number, Ticket.phone, Ticket.customer_name, column, Ticket.id)
            .where(text(condition), owned), column, Ticket.id)


def _distinct(items: list[DueItem]) -> list[DueItem]:
    """One item per key (two visits of one ticket opening at the same moment are one reminder)."""
    seen: set[tuple[int, str, datetime]] = set()
    kept = []
    for item in items:
        if item.key not in seen:
            seen.add(item.key)
            kept.append(item)
    return kept


def _owned_by(actor: Actor, agent: Agent | None) -> ColumnElement[bool]:
    names = sorted(n for n in {actor.code, actor.name, agent.name if agent else ""} if n)
    named = or_(Ticket.handler.in_(names), Ticket.follow_up_owner.in_(names))
    return named if agent is None else or_(Ticket.agent_id == agent.id, named)


def _due_item(kind: str, ticket_id: int, number: str, phone: str, name: str | None, moment: datetime) -> DueItem:
    due = rules.stale_due(moment) if kind == rules.STALE else moment
    return DueItem(ticket_id, number, f"{mask_phone(phone)} {display_name(name)}", kind, due)


class ReminderService:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Clock = utc_now,
                 lead: timedelta = rules.DEFAULT_LEAD) -> None:
        self._sessions = sessions
        self._clock = clock
        self.lead = lead

    # --- reading ----------------------------------------------------------------------

    def agenda(self, actor: Actor, *, horizon: timedelta = HORIZON) -> list[Reminder]:
        """Every live reminder of ``actor`` firing from a week back to ``horizon`` ahead, in firing order."""
        now = self._clock()
        with reading(), self._sessions() as session:
            agent = self._agent(session, actor)
            items = self._items(session, _owned_by(actor, agent), owned_visits(actor, agent), now - rules.LOOKBACK,
                                now + horizon)
            states = self._states(session, agent, items)
        return rules.reminders(items, states, self.lead)

    def next_fire_at(self, actor: Actor, *, horizon: timedelta = HORIZON) -> datetime | None:
        """When the next reminder pops up (None: nothing within ``horizon``).

        The same answer as ``rules.next_fire(agenda)`` without reading the agenda: per kind, the
        earliest due times after now in index order (a few at a time, until one is neither shown nor
        done), and the agent's snoozes that run out later.
        """
        now = self._clock()
        with reading(), self._sessions() as session:
            agent = self._agent(session, actor)
            owned, owned_visit = _owned_by(actor, agent), owned_visits(actor, agent)
            items: list[DueItem] = []
            for kind in rules.KINDS:
                items += self._first_unmarked(session, agent, owned, owned_visit, kind, now, now + horizon)
            if agent is not None:
                items += self._snoozed(session, agent, owned, owned_visit, now, now + horizon)
            items = _distinct(items)
            states = self._states(session, agent, items)
        return rules.next_fire(rules.reminders(items, states, self.lead), now)

    def take_due(self, actor: Actor) -> list[Reminder]:
        """The reminders that fell due and were not shown yet (at start-up: those missed while closed),
        marked shown so they pop up once (again after a snooze runs out)."""
        return self.fire(actor)[0]

    def fire(self, actor: Actor, *, horizon: timedelta = HORIZON) -> tuple[list[Reminder], list[Reminder]]:
        """What the timer does: take the due reminders (marked shown) and return them with the agenda
        as it stands after that, from one read."""
        agenda = self.agenda(actor, horizon=horizon)
        due = rules.due_now(agenda, self._clock())
        if due:
            self._mark(actor, due, shown=True)
        return due, rules.after_shown(agenda, due)

    # --- what the agent does ---------------------------------------------------------

    def snooze(self, actor: Actor, reminder: Reminder, minutes: int) -> datetime:
        until = rules.snooze_until(self._clock(), minutes)
        self._mark(actor, [reminder], shown=True, snoozed_until=until)
        return until

    def done(self, actor: Actor, reminder: Reminder) -> None:
        """End the reminder for everyone; a callback or promised feedback is recorded on the timeline."""
        self._mark(actor, [reminder], done=True)

    # --- internals -------------------------------------------------------------------

    @staticmethod
    def _agent(session: Session, actor: Actor) -> Agent | None:
        return session.execute(select(Agent).where(Agent.code == actor.code)).scalar_one_or_none()

    def _items(self, session: Session, owned: ColumnElement[bool], owned_visit: ColumnElement[bool],
               start: datetime, end: datetime) -> list[DueItem]:
        items: list[DueItem] = []
        for kind in rules.KINDS:
            statement, column, _row_id = _source(kind, owned, owned_visit)
            low, high = rules.fire_window(kind, start, end, self.lead)
            rows = session.execute(statement.where(column >= low, column <= high).order_by(column))
            items += [_due_item(kind, *row[:5]) for row in rows]
        return _distinct(items)

    def _first_unmarked(self, session: Session, agent: Agent | None, owned: ColumnElement[bool],
                        owned_visit: ColumnElement[bool], kind: str, start: datetime, end: datetime,
                        batch: int = 8) -> list[DueItem]:
        """The earliest items of ``kind`` firing first after ``start``, up to the first one without a mark."""
        source, column, row_id = _source(kind, owned, owned_visit)
        low, high = rules.fire_window(kind, start, end, self.lead)
        taken: list[DueItem] = []
        after: tuple[datetime, int] | None = None
        while True:
            statement = source.where(column > low, column <= high).order_by(column, row_id).limit(batch)
            if after is not None:
                statement = statement.where(tuple_(column, row_id) > after)
            rows = session.execute(statement).all()
            found = [_due_item(kind, *row[:5]) for row in rows]
            taken += found
            states = self._states(session, agent, found)
            if len(rows) < batch or any(item.key not in states for item in found):
                return taken
            after = (rows[-1][4], rows[-1][5])

    def _snoozed(self, session: Session, agent: Agent, owned: ColumnElement[bool], owned_visit: ColumnElement[bool],
                 start: datetime, end: datetime) -> list[DueItem]:
        """Items whose snooze by ``agent`` runs out after ``start``, if the ticket still has that due time."""
        marks = session.execute(select(ReminderMark.ticket_id, ReminderMark.kind, ReminderMark.due_at).where(
            ReminderMark.agent_id == agent.id, ReminderMark.done_at.is_(None),
            ReminderMark.snoozed_until > start, ReminderMark.snoozed_until <= end)).all()
        items: list[DueItem] = []
        for kind in rules.KINDS:
            ids = sorted({ticket_id for ticket_id, mark_kind, _due in marks if mark_kind == kind})
            if not ids:
                continue
            source, column, _row_id = _source(kind, owned, owned_visit)
            rows = session.execute(source.where(Ticket.id.in_(ids))).all()
            wanted = {(ticket_id, due) for ticket_id, mark_kind, due in marks if mark_kind == kind}
            items += [item for item in (_due_item(kind, *row[:5]) for row in rows if row[4] is not None)
                      if (item.ticket_id, item.due_at) in wanted]
        return items

    @staticmethod
    def _states(session: Session, agent: Agent | None, items: Sequence[DueItem]
                ) -> dict[tuple[int, str, datetime], ReminderState]:
        if not items:
            return {}
        ticket_ids = sorted({item.ticket_id for item in items})
        marks = session.execute(select(ReminderMark).where(ReminderMark.ticket_id.in_(ticket_ids))).scalars()
        done: set[tuple[int, str, datetime]] = set()
        own: dict[tuple[int, str, datetime], ReminderMark] = {}
        for mark in marks:
            key = (mark.ticket_id, mark.kind, mark.due_at)
            if mark.done_at is not None:
                done.add(key)
            if agent is not None and mark.agent_id == agent.id:
                own[key] = mark
        states: dict[tuple[int, str, datetime], ReminderState] = {}
        for key in {item.key for item in items}:
            mark = own.get(key)
            if mark is None and key not in done:
                continue
            states[key] = ReminderState(shown_at=mark.shown_at if mark else None,
                                        snoozed_until=mark.snoozed_until if mark else None,
                                        done=key in done)
        return states

    def _mark(self, actor: Actor, items: Iterable[Reminder], *, shown: bool = False,
              snoozed_until: datetime | None = None, done: bool = False) -> None:
        now = self._clock()
        try:
            with self._sessions.begin() as session:
                agent = agent_for(session, actor)
                for reminder in items:
                    item = reminder.item
                    ticket = session.get(Ticket, item.ticket_id)
                    if ticket is None:
                        raise NotFound(_("Ticket {id} does not exist.").format(id=item.ticket_id))
                    mark = session.execute(select(ReminderMark).where(and_(
                        ReminderMark.agent_id == agent.id, ReminderMark.ticket_id == item.ticket_id,
                        ReminderMark.kind == item.kind, ReminderMark.due_at == item.due_at))).scalar_one_or_none()
                    if mark is None:
                        mark = ReminderMark(agent_id=agent.id, ticket_id=item.ticket_id, kind=item.kind,
                                            due_at=item.due_at)
                        session.add(mark)
                    if shown:
                        mark.shown_at = now
                    if snoozed_until is not None:
                        mark.snoozed_until = snoozed_until
                    if done:
                        mark.done_at = now
                        if item.kind in rules.RECORDED_KINDS:
                            session.add(TimelineEntry(ticket_id=ticket.id, at=now, agent=agent,
                                                      kind=rules.timeline_note(item.kind)))
                            lifecycle.touch_progress(session, ticket, now)
        except ServiceError:
            raise
        except (OperationalError, DBAPIError) as exc:
            raise StorageError(_("The reminder could not be updated: the database is not reachable ({reason}). "
                                 "Try again in a moment.").format(reason=exc.orig or exc)) from exc
