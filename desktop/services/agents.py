"""Agents: the 工号 and name recorded on every ticket and timeline entry."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.entities import Agent
from desktop.services.clock import utc_now
from desktop.services.dto import Actor


def agent_for(session: Session, actor: Actor) -> Agent:
    """The agent row for ``actor`` inside the caller's transaction, created on first use;
    a changed display name is kept up to date."""
    agent = session.execute(select(Agent).where(Agent.code == actor.code)).scalar_one_or_none()
    if agent is None:
        agent = Agent(code=actor.code, name=actor.name, created_at=utc_now())
        session.add(agent)
        session.flush()
    elif actor.name and agent.name != actor.name:
        agent.name = actor.name
    return agent
