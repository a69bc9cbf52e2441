"""Agents: the 工号 and name recorded on every ticket and timeline entry."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.entities import Agent
from desktop.models.get_or_create import get_or_create
from desktop.services.clock import utc_now
from desktop.services.dto import Actor


def agent_for(session: Session, actor: Actor) -> Agent:
    """The agent row for ``actor`` inside the caller's transaction, created on first use;
    a changed display name is kept up to date."""
    agent, created = get_or_create(session, select(Agent).where(Agent.code == actor.code),
                                   lambda: Agent(code=actor.code, name=actor.name, created_at=utc_now()))
    if not created and actor.name and agent.name != actor.name:
        agent.name = actor.name
    return agent
