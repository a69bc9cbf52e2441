"""Writing and reading the audit log: who did what, when, to which record."""

from __future__ import annotations

import json
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session, sessionmaker

from desktop.i18n import N_, _
from desktop.models.audit import AuditEntry
from desktop.models.ticket_queries import within_local_days
from desktop.rules.permissions import Permission
from desktop.services.authorization import authorize
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import Actor
from desktop.services.errors import reading

# Every action the log knows, with its label for the viewer.
ACTIONS: dict[str, str] = {
    "sign_in": N_("Signed in"),
    "sign_out": N_("Signed out"),
    "sign_in_failed": N_("Failed sign-in"),
    "password_check": N_("Password confirmed"),
    "account_locked": N_("Account locked"),
    "screen_locked": N_("Screen locked"),
    "screen_unlocked": N_("Screen unlocked"),
    "reveal_phone": N_("Full number shown"),
    "copy_phone": N_("Full number copied"),
    "void_ticket": N_("Ticket voided"),
    "account_created": N_("Account created"),
    "account_changed": N_("Account changed"),
    "password_changed": N_("Password changed"),
    "password_reset": N_("Password reset"),
    "setting_changed": N_("Setting changed"),
    "departments_changed": N_("Departments changed"),
    "list_changed": N_("Choice list changed"),
    "export": N_("Export"),
    "print": N_("Print"),
    "audit_export": N_("Audit log exported"),
    "purge": N_("Old tickets removed"),
    "import": N_("Call log imported"),
    "week_note": N_("Weekly sheet notes saved"),
    "visits_proposed": N_("Visits proposed"),
    "visits_planned": N_("Visits planned from a target list"),
    "visit_plan_changed": N_("Periodic visits changed"),
    "visit_recorded": N_("Visit recorded"),
    "improvement_created": N_("Improvement action created"),
    "improvement_changed": N_("Improvement action changed"),
}


def action_label(action: str) -> str:
    return _(ACTIONS[action]) if action in ACTIONS else action


def record(
    session: Session,
    actor: Actor,
    action: str,
    at: datetime,
    *,
    target_kind: str | None = None,
    target_id: int | None = None,
    target_label: str | None = None,
    details: Mapping[str, object] | None = None,
) -> None:
    """Add an entry inside the caller's transaction (so it lands if and only if the action does)."""
    session.add(AuditEntry(
        at=at, actor_code=actor.code, actor_name=actor.name, action=action, target_kind=target_kind,
        target_id=target_id, target_label=target_label,
        details=json.dumps(dict(details), ensure_ascii=False) if details else None,
        workstation=socket.gethostname()[:64],
    ))


@dataclass(frozen=True)
class AuditFilter:
    date_from: date | None = None
    date_to: date | None = None
    actor_code: str | None = None
    action: str | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor_code: str
    actor_name: str
    action: str
    target_kind: str | None
    target_id: int | None
    target_label: str | None
    details: dict[str, object]
    workstation: str | None


class AuditService:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    def log(self, actor: Actor, action: str, **target: object) -> None:
        """Record an action that has no transaction of its own (a print, an export, a copy)."""
        with self._sessions.begin() as session:
            record(session, actor, action, self._clock(), **target)  # type: ignore[arg-type]

    def page(self, actor: Actor, flt: AuditFilter, limit: int = 200,
             after: tuple[datetime, int] | None = None) -> list[AuditRow]:
        """Newest first; ``after`` is the (time, id) of the last row already shown."""
        statement = within_local_days(select(AuditEntry), AuditEntry.at, flt.date_from, flt.date_to)
        if flt.actor_code:
            statement = statement.where(AuditEntry.actor_code == flt.actor_code)
        if flt.action:
            statement = statement.where(AuditEntry.action == flt.action)
        if after is not None:
            statement = statement.where(tuple_(AuditEntry.at, AuditEntry.id) < after)
        statement = statement.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
        with reading(), self._sessions() as session:
            authorize(session, actor, Permission.VIEW_AUDIT)
            return [
                AuditRow(e.id, e.at, e.actor_code, e.actor_name, e.action, e.target_kind, e.target_id,
                         e.target_label, json.loads(e.details) if e.details else {}, e.workstation)
                for e in session.scalars(statement)
            ]
