"""Reminders of one agent, read from the tickets' due times and the agent's marks (desktop/rules/reminders).

Whose: the tickets an agent logged, handles or follows up (``agent_id``, ``handler``, ``follow_up_owner``
by 工号 or name), so on a shared database every agent is reminded of their own; planned follow-up visits
assigned to the agent, or unassigned on such a ticket. Each kind is one range query on its own partial
index (due time, last progress, a visit's window start); a restart loses nothing because nothing lives
only in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, and_, bindparam, select, text, tuple_, union
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


@dataclass(frozen=True)
class _Owner:
    """Whose reminders: the agent's id and names (as bound parameters), and the condition on their visits."""

    names: tuple[str, ...]
    agent_id: int | None
    visit: ColumnElement[bool]

    def params(self) -> dict[str, Any]:
        return {"agent_id": self.agent_id, **{f"name{i}": name for i, name in enumerate(self.names)}}


def _owner(actor: Actor, agent: Agent | None) -> _Owner:
    names = tuple(sorted(n for n in {actor.code, actor.name, agent.name if agent else ""} if n))
    return _Owner(names, agent.id if agent else None, owned_visits(actor, agent))


# Which rows of a kind are asked for: moments from :low (the agenda) or after it (the next ones) up to
# :high, the next ones past the keyset (:after_moment, :after_id), or the tickets :ids.
FROM, NEXT, AFTER, IDS = "from", "next", "after", "ids"


def _where(shape: str, moment: Any, row_id: Any) -> list[ColumnElement[bool]]:
    if shape == IDS:
        return [Ticket.id.in_(bindparam("ids", expanding=True))]
    low, high = bindparam("low", type_=moment.type), bindparam("high", type_=moment.type)
    conditions = [moment >= low if shape == FROM else moment > low, moment <= high]
    if shape == AFTER:
        after = tuple_(bindparam("after_moment", type_=moment.type), bindparam("after_id", type_=Integer))
        conditions.append(tuple_(moment, row_id) > after)
    return conditions


@lru_cache(maxsize=128)
def _ticket_rows(kind: str, names: int, by_agent: bool, shape: str, batch: int | None) -> Select[Any]:
    """One due-time kind of the tickets an agent owns, asked per owner column and merged (UNION).

    Each way a ticket is the agent's (agent_id, handler or follow_up_owner = one of ``names``) is served
    by its own partial index led by that column (migration 0011); an OR of them is served by none, and
    the rows in the time range would be read one by one, more of them the larger the table. Built once
    per shape (the values are bound parameters): building a compound select costs more than running it.
    """
    column, condition = _COLUMNS[kind]
    arms = [owner == bindparam(f"name{i}") for owner in (Ticket.handler, Ticket.follow_up_owner)
            for i in range(names)]
    if by_agent:
        arms.insert(0, Ticket.agent_id == bindparam("agent_id"))
    parts = []
    for arm in arms:
        part = (select(Ticket.id.label("ticket_id"), Ticket.number, Ticket.phone, Ticket.customer_name,
                       column.label("moment"), Ticket.id.label("row_id"))
                .where(text(condition), arm, *_where(shape, column, Ticket.id)))
        if batch is not None:  # each arm's first rows on its index; the merge keeps the first of all
            part = select(part.order_by(column, Ticket.id).limit(batch).subquery())
        parts.append(part)
    merged = union(*parts).subquery()
    statement = select(*merged.c).order_by(merged.c.moment, merged.c.row_id)
    return statement if batch is None else statement.limit(batch)


def _source(kind: str, owner: _Owner, shape: str, batch: int | None = None) -> Select[Any]:
    """(ticket id, number, phone, name, moment, row id) of one kind's rows of ``owner`` in the ``shape``
    asked (execute with ``owner.params()`` and the shape's values), in (moment, row id) order."""
    if kind != rules.VISIT:
        return _ticket_rows(kind, len(owner.names), owner.agent_id is not None, shape, batch)
    statement = (select(Ticket.id, Ticket.number, Ticket.phone, Ticket.customer_name, Visit.due_from, Visit.id)
                 .join(Ticket, Ticket.id == Visit.ticket_id)
                 .where(Visit.status == PLANNED, owner.visit, *_where(shape, Visit.due_from, Visit.id))
                 .order_by(Visit.due_from, Visit.id))
    return statement if batch is None else statement.limit(batch)


def _distinct(items: list[DueItem]) -> list[DueItem]:
    """One item per key (two visits of one ticket opening at the same moment are one reminder)."""
    seen: set[tuple[int, str, datetime]] = set()
    kept = []
    for item in items:
        if item.key not in seen:
            seen.add(item.key)
            kept.append(item)
    return kept


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
            items = self._items(session, _owner(actor, agent), now - rules.LOOKBACK, now + horizon)
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
            owner = _owner(actor, agent)
            items: list[DueItem] = []
            for kind in rules.KINDS:
                items += self._first_unmarked(session, agent, owner, kind, now, now + horizon)
            if agent is not None:
                items += self._snoozed(session, agent, owner, now, now + horizon)
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

    def _items(self, session: Session, owner: _Owner, start: datetime, end: datetime) -> list[DueItem]:
        items: list[DueItem] = []
        for kind in rules.KINDS:
            low, high = rules.fire_window(kind, start, end, self.lead)
            rows = session.execute(_source(kind, owner, FROM), {**owner.params(), "low": low, "high": high})
            items += [_due_item(kind, *row[:5]) for row in rows]
        return _distinct(items)

    def _first_unmarked(self, session: Session, agent: Agent | None, owner: _Owner, kind: str, start: datetime,
                        end: datetime, batch: int = 8) -> list[DueItem]:
        """The earliest items of ``kind`` firing first after ``start``, up to the first one without a mark."""
        low, high = rules.fire_window(kind, start, end, self.lead)
        taken: list[DueItem] = []
        after: tuple[datetime, int] | None = None
        while True:
            params = {**owner.params(), "low": low, "high": high}
            if after is not None:
                params.update(after_moment=after[0], after_id=after[1])
            rows = session.execute(_source(kind, owner, NEXT if after is None else AFTER, batch), params).all()
            found = [_due_item(kind, *row[:5]) for row in rows]
            taken += found
            states = self._states(session, agent, found)
            if len(rows) < batch or any(item.key not in states for item in found):
                return taken
            after = (rows[-1][4], rows[-1][5])

    def _snoozed(self, session: Session, agent: Agent, owner: _Owner, start: datetime, end: datetime
                 ) -> list[DueItem]:
        """Items whose snooze by ``agent`` runs out after ``start``, if the ticket still has that due time."""
        marks = session.execute(select(ReminderMark.ticket_id, ReminderMark.kind, ReminderMark.due_at).where(
            ReminderMark.agent_id == agent.id, ReminderMark.done_at.is_(None),
            ReminderMark.snoozed_until > start, ReminderMark.snoozed_until <= end)).all()
        items: list[DueItem] = []
        for kind in rules.KINDS:
            ids = sorted({ticket_id for ticket_id, mark_kind, _due in marks if mark_kind == kind})
            if not ids:
                continue
            rows = session.execute(_source(kind, owner, IDS), {**owner.params(), "ids": ids}).all()
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
