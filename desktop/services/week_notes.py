"""The supervisor's notes on the agent weekly sheet: points to improve and next week's target, per agent and
ISO week. Anyone may read them (they print on the weekly report); saving needs a supervisor and is audited."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.i18n import _
from desktop.models.entities import Agent, WeekNote
from desktop.rules.permissions import Permission
from desktop.rules.weeks import parse_week
from desktop.services.audit import record
from desktop.services.authorization import authorize
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import Actor
from desktop.services.errors import NotFound, ServiceError, reading

MAX_NOTE = 500


@dataclass(frozen=True)
class AgentNote:
    points: str = ""
    target: str = ""


class WeekNotesService:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    def notes(self, week: str) -> dict[int, AgentNote]:
        """The notes of ISO week ``week`` by agent id (agents without notes are absent)."""
        parse_week(week)
        with reading(), self._sessions() as session:
            rows = session.execute(select(WeekNote.agent_id, WeekNote.points, WeekNote.target)
                                   .where(WeekNote.week == week)).all()
        return {int(row[0]): AgentNote(row[1] or "", row[2] or "") for row in rows}

    def save(self, week: str, notes: dict[int, AgentNote], actor: Actor) -> int:
        """Keep the notes given (by agent id) for ``week``; returns how many changed. Supervisors only."""
        parse_week(week)
        for note in notes.values():
            if len(note.points) > MAX_NOTE or len(note.target) > MAX_NOTE:
                raise ServiceError(_("A note is longer than {count} characters: shorten it.").format(count=MAX_NOTE))
        changed = 0
        now = self._clock()
        with self._sessions.begin() as session:
            authorize(session, actor, Permission.VIEW_REPORTS)
            known = {row[0]: row[1] for row in session.execute(
                select(Agent.id, Agent.code).where(Agent.id.in_(list(notes))))} if notes else {}
            stored = {n.agent_id: n for n in session.scalars(
                select(WeekNote).where(WeekNote.week == week, WeekNote.agent_id.in_(list(notes))))}
            for agent_id, note in notes.items():
                if agent_id not in known:
                    raise NotFound(_("There is no agent with id {id}.").format(id=agent_id))
                points, target = note.points.strip(), note.target.strip()
                row = stored.get(agent_id)
                if row is None:
                    if not points and not target:
                        continue
                    row = WeekNote(agent_id=agent_id, week=week)
                    session.add(row)
                elif (row.points, row.target) == (points, target):
                    continue
                row.points, row.target, row.updated_at, row.updated_by = points, target, now, actor.code
                changed += 1
                record(session, actor, "week_note", now, target_kind="agent", target_id=agent_id,
                       target_label=known[agent_id], details={"week": week, "points": points, "target": target})
        return changed
