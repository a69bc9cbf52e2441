"""Allocating the daily serial of a ticket number inside the saving transaction."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from desktop.models.engine import upsert_insert
from desktop.models.entities import TicketCounter


def allocate_serial(session: Session, prefix: str, day: date) -> int:
    """Bump and return the day's serial for ``prefix``.

    One upsert statement: the row lock it takes (PostgreSQL) or the write lock the
    transaction already holds (SQLite, BEGIN IMMEDIATE) serialises concurrent savers,
    and a rolled-back save gives its serial back, so numbers stay unique and gap-free.
    """
    insert = upsert_insert(session)
    statement = (
        insert(TicketCounter)
        .values(prefix=prefix, day=day, last_serial=1)
        .on_conflict_do_update(
            index_elements=["prefix", "day"],
            set_={"last_serial": TicketCounter.last_serial + 1},
        )
        .returning(TicketCounter.last_serial)
    )
    return int(session.execute(statement).scalar_one())

