"""Whether the tickets changed since the last look: how other workstations' work reaches this one.

Every change to a ticket writes a timeline entry (creation, edit, move, note, void) in the same
transaction, so the newest ticket id and the newest timeline id together change whenever any ticket
does; each is one step on a primary key, cheap on SQLite and over the LAN to PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.models.entities import Ticket, TimelineEntry
from desktop.services.errors import reading

Stamp = tuple[int, int]


class ChangeService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def stamp(self) -> Stamp:
        """(newest ticket id, newest timeline id): different after any ticket changed anywhere."""
        with reading(), self._sessions() as session:
            tickets = session.execute(select(func.max(Ticket.id))).scalar_one()
            entries = session.execute(select(func.max(TimelineEntry.id))).scalar_one()
        return int(tickets or 0), int(entries or 0)
