"""Status moves, routing, escalation and reopening: checked by the status machine, one transaction each.

Every move writes its timeline entry (what changed, and a line such as “分派至技术部李工”) in the
same transaction as the change. Moves use the ticket's version like a save: a form that read an
older version is refused with the usual conflict message.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from desktop.i18n import _
from desktop.models.entities import Department, Ticket, TimelineEntry
from desktop.models.ticket_queries import index_ticket
from desktop.rules.status_machine import ESCALATE, IN_PROGRESS, PENDING, check_move, is_reopen
from desktop.services import lifecycle
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import Actor, TicketDetail
from desktop.services.errors import ConflictError, ServiceError, TransitionRefused
from desktop.services.tickets import TicketService, _detail, _json_value


@dataclass(frozen=True)
class Move:
    """A status move and what the target state asks for (None: keep what the ticket holds)."""

    target: str
    handler: str | None = None
    department_id: int | None = None
    coordinator: str | None = None
    coordinator_reply_at: datetime | None = None
    escalated_to: str | None = None
    final_position: str | None = None
    plan: str | None = None
    solution: str | None = None
    satisfaction: str | None = None
    satisfaction_reason: str | None = None
    note: str = ""


_SET_BY_MOVE = tuple(f.name for f in fields(Move) if f.name not in ("target", "note"))


class LifecycleService:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    def move(self, ticket_id: int, move: Move, expected_version: int, actor: Actor) -> TicketDetail:
        """Move the ticket to ``move.target``; refused (TransitionRefused) when the machine does not allow it."""
        kind = "reopened" if move.target == IN_PROGRESS else ("escalated" if move.target == ESCALATE else "status")
        return self._apply(ticket_id, move, expected_version, actor, kind, move.note.strip() or None)

    def route(self, ticket_id: int, department_id: int, handler: str, expected_version: int,
              actor: Actor) -> TicketDetail:
        """分派: give the ticket to a department and a handler; a pending ticket starts being worked on."""
        handler = handler.strip()
        if not handler:
            raise TransitionRefused(_("Name the handler who takes the ticket on."),
                                    {"handler": _("Name the handler who takes the ticket on.")})
        with self._sessions() as session:
            department = session.get(Department, department_id)
            if department is None:
                raise ServiceError(_("Choose the department the ticket goes to."))
            name = department.name
            status = session.get(Ticket, ticket_id)
            target = IN_PROGRESS if status is not None and status.status == PENDING else None
        note = _("Routed to {department} {handler}").format(department=name, handler=handler)
        move = Move(target or "", handler=handler, department_id=department_id)
        return self._apply(ticket_id, move, expected_version, actor, "routed", note)

    def escalate(self, ticket_id: int, supervisor: str, final_position: str, expected_version: int,
                 actor: Actor, *, note: str = "") -> TicketDetail:
        """需升级: to a supervisor, with the customer's final position recorded (and the agent's ``note``)."""
        move = Move(ESCALATE, escalated_to=supervisor.strip(), final_position=final_position.strip())
        note = " — ".join(part for part in (_("Escalated to {supervisor}").format(supervisor=supervisor.strip()),
                                            note.strip()) if part)
        return self._apply(ticket_id, move, expected_version, actor, "escalated", note)

    def reopen(self, ticket_id: int, plan: str, expected_version: int, actor: Actor,
               handler: str | None = None) -> TicketDetail:
        """A second round for a resolved ticket the customer is not satisfied with, with its own plan."""
        move = Move(IN_PROGRESS, plan=plan.strip(), handler=handler)
        return self._apply(ticket_id, move, expected_version, actor, "reopened", None)

    def _apply(self, ticket_id: int, move: Move, expected_version: int, actor: Actor, kind: str,
               note: str | None) -> TicketDetail:
        now = self._clock()
        try:
            with self._sessions.begin() as session:
                ticket = TicketService._ticket(session, ticket_id)
                if ticket.version != expected_version:
                    raise ConflictError(ticket.number)
                if ticket.voided_at is not None:
                    raise ServiceError(_("Ticket {number} is void and cannot be changed.").format(number=ticket.number))
                target = move.target or ticket.status
                given = {name: getattr(move, name) for name in _SET_BY_MOVE if getattr(move, name) is not None}
                facts = lifecycle.facts_of(ticket)
                facts.update(given)
                if target != ticket.status:
                    check = check_move(ticket.status, target, facts)
                    if not check.ok:
                        raise TransitionRefused(check.reason or "", check.missing)
                agent = TicketService._working_agent(session, actor)
                reopening = is_reopen(ticket.status, target)
                if reopening and kind != "reopened":
                    kind = "reopened"
                changes = []
                for name, value in (("status", target), *given.items()):
                    old = getattr(ticket, name)
                    if old != value:
                        changes.append({"field": name, "old": _json_value(old), "new": _json_value(value)})
                        setattr(ticket, name, value)
                if reopening:
                    changes.append({"field": "handling_round", "old": ticket.handling_round,
                                    "new": (ticket.handling_round or 1) + 1})
                if not changes and not note:
                    return _detail(session, ticket, now)
                old_status = next((c["old"] for c in changes if c["field"] == "status"), ticket.status)
                ticket.updated_at = now
                lifecycle.on_change(session, ticket, str(old_status), ticket.priority, now)
                session.add(TimelineEntry(ticket_id=ticket.id, at=now, agent=agent, kind=kind,
                                          changes=json.dumps(changes, ensure_ascii=False), note=note))
                session.flush()
                session.expire(ticket, ["department"])  # the name of a newly set department
                index_ticket(session, ticket)
                return _detail(session, ticket, now)
        except StaleDataError as exc:
            raise ConflictError(str(ticket_id)) from exc
