"""The permission check every protected service call makes, against the account in the database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models.entities import Agent
from desktop.rules.permissions import Permission, allowed, refusal
from desktop.services.dto import Actor
from desktop.services.errors import PermissionDenied


def current_role(session: Session, actor: Actor) -> str | None:
    """The role the database gives ``actor`` now (None: unknown or deactivated account)."""
    row = session.execute(select(Agent.role, Agent.active).where(Agent.code == actor.code)).one_or_none()
    if row is None or not row.active:
        return None
    return str(row.role)


def accounts_set_up(session: Session) -> bool:
    """True once someone can sign in (before that, tickets may name agents freely: imports, demo data)."""
    return session.execute(select(Agent.id).where(Agent.password_hash.is_not(None)).limit(1)).first() is not None


def authorize(session: Session, actor: Actor, permission: Permission) -> str:
    """Refuse unless the account behind ``actor`` may do ``permission``; returns its role.

    The role is read from the database, not from the caller: a demoted or deactivated
    account loses its rights at once, on every workstation.
    """
    role = current_role(session, actor)
    if role is None:
        raise PermissionDenied(_("Account {code} is not active. Sign in again.").format(code=actor.code))
    if not allowed(role, permission):
        raise PermissionDenied(refusal(role, permission))
    return role
