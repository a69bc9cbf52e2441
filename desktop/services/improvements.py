"""Improvement actions (SPEC §3): created by a supervisor from the tickets or visits that raised them,
moved open → in progress → done, listed with the overdue ones marked; every change is audited."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.i18n import _, to_local
from desktop.models.entities import Department, Ticket
from desktop.models.visits import ImprovementAction, ImprovementLink, Visit
from desktop.rules import improvements as rules
from desktop.rules.permissions import Permission
from desktop.services import audit
from desktop.services.authorization import authorize
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import Actor
from desktop.services.errors import NotFound, ServiceError, StorageError, reading
from desktop.services.visits import RecordRefused


@dataclass(frozen=True)
class ActionRow:
    id: int
    problem: str
    action: str
    department_id: int
    department: str
    deadline: date
    status: str
    overdue: bool
    closed_at: datetime | None
    ticket_numbers: tuple[str, ...]
    visit_ids: tuple[int, ...]


class ImprovementService:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    def _today(self) -> date:
        return to_local(self._clock()).date()

    def create(self, actor: Actor, draft: rules.ActionDraft) -> ActionRow:
        report = rules.validate_action(draft, self._today())
        if not report.ok:
            raise RecordRefused(report.errors)
        now = self._clock()
        with self._writing() as session:
            authorize(session, actor, Permission.PLAN_QUALITY)
            if session.get(Department, draft.department_id) is None:
                raise RecordRefused({"department": _("Choose the department responsible for the action.")})
            item = ImprovementAction(problem=draft.problem.strip(), action=draft.action.strip(),
                                     department_id=draft.department_id, deadline=draft.deadline, status=draft.status,
                                     created_at=now, created_by=actor.code, updated_at=now,
                                     closed_at=now if draft.status == rules.DONE else None)
            session.add(item)
            session.flush()
            self._link(session, item.id, draft.ticket_ids, draft.visit_ids)
            audit.record(session, actor, "improvement_created", now, target_kind="improvement", target_id=item.id,
                         target_label=item.problem[:64], details={"deadline": draft.deadline.isoformat(),
                                                                   "tickets": list(draft.ticket_ids),
                                                                   "visits": list(draft.visit_ids)})
            item_id = item.id
        return self.get(item_id)

    def set_status(self, actor: Actor, action_id: int, status: str) -> ActionRow:
        if status not in rules.STATUSES:
            raise RecordRefused({"status": _("Choose a status: open, in progress or done.")})
        now = self._clock()
        with self._writing() as session:
            authorize(session, actor, Permission.PLAN_QUALITY)
            item = self._item(session, action_id)
            old = item.status
            item.status = status
            item.updated_at = now
            item.closed_at = now if status == rules.DONE else None
            audit.record(session, actor, "improvement_changed", now, target_kind="improvement", target_id=item.id,
                         target_label=item.problem[:64], details={"status": [old, status]})
        return self.get(action_id)

    def link(self, actor: Actor, action_id: int, ticket_ids: Iterable[int] = (),
             visit_ids: Iterable[int] = ()) -> ActionRow:
        now = self._clock()
        tickets, visits = tuple(ticket_ids), tuple(visit_ids)
        with self._writing() as session:
            authorize(session, actor, Permission.PLAN_QUALITY)
            item = self._item(session, action_id)
            self._link(session, item.id, tickets, visits)
            item.updated_at = now
            audit.record(session, actor, "improvement_changed", now, target_kind="improvement", target_id=item.id,
                         target_label=item.problem[:64], details={"linked_tickets": list(tickets),
                                                                   "linked_visits": list(visits)})
        return self.get(action_id)

    def get(self, action_id: int) -> ActionRow:
        rows = self._rows(ImprovementAction.id == action_id)
        if not rows:
            raise NotFound(_("Improvement action {id} does not exist.").format(id=action_id))
        return rows[0]

    def list(self, *, include_done: bool = True) -> list[ActionRow]:
        """Open and in-progress actions first by deadline, then the done ones (newest closed first)."""
        condition = None if include_done else ImprovementAction.status != rules.DONE
        rows = self._rows(condition)
        return sorted(rows, key=lambda r: (r.status == rules.DONE, r.deadline, r.id))

    # --- internals -------------------------------------------------------------------

    def _rows(self, condition: object) -> list[ActionRow]:
        today = self._today()
        statement = select(ImprovementAction, Department.name).join(
            Department, Department.id == ImprovementAction.department_id)
        if condition is not None:
            statement = statement.where(condition)  # type: ignore[arg-type]
        with reading(), self._sessions() as session:
            found = session.execute(statement).all()
            ids = [item.id for item, _name in found]
            links: dict[int, tuple[list[str], list[int]]] = {i: ([], []) for i in ids}
            if ids:
                for action_id, number, visit_id in session.execute(
                        select(ImprovementLink.action_id, Ticket.number, ImprovementLink.visit_id)
                        .outerjoin(Ticket, Ticket.id == ImprovementLink.ticket_id)
                        .where(ImprovementLink.action_id.in_(ids)).order_by(ImprovementLink.id)):
                    if number:
                        links[action_id][0].append(number)
                    if visit_id:
                        links[action_id][1].append(visit_id)
            return [ActionRow(item.id, item.problem, item.action, item.department_id, name, item.deadline,
                              item.status, rules.is_overdue(item.status, item.deadline, today), item.closed_at,
                              tuple(links[item.id][0]), tuple(links[item.id][1])) for item, name in found]

    @staticmethod
    def _item(session: Session, action_id: int) -> ImprovementAction:
        item = session.get(ImprovementAction, action_id)
        if item is None:
            raise NotFound(_("Improvement action {id} does not exist.").format(id=action_id))
        return item

    @staticmethod
    def _link(session: Session, action_id: int, ticket_ids: Iterable[int], visit_ids: Iterable[int]) -> None:
        present = {(t, v) for t, v in session.execute(select(ImprovementLink.ticket_id, ImprovementLink.visit_id)
                                                      .where(ImprovementLink.action_id == action_id))}
        for ticket_id in sorted(set(ticket_ids)):
            if session.get(Ticket, ticket_id) is None:
                raise NotFound(_("Ticket {id} does not exist.").format(id=ticket_id))
            if (ticket_id, None) not in present:
                session.add(ImprovementLink(action_id=action_id, ticket_id=ticket_id))
        for visit_id in sorted(set(visit_ids)):
            if session.get(Visit, visit_id) is None:
                raise NotFound(_("Visit {id} does not exist.").format(id=visit_id))
            if (None, visit_id) not in present:
                session.add(ImprovementLink(action_id=action_id, visit_id=visit_id))

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        try:
            with self._sessions.begin() as session:
                yield session
        except (OperationalError, DBAPIError) as exc:
            raise StorageError(_("The improvement action could not be saved: the database is not reachable "
                                 "({reason}). Your entries are still in the form; try again.").format(
                reason=exc.orig or exc)) from exc


__all__ = ["ActionRow", "ImprovementService", "RecordRefused", "ServiceError"]
