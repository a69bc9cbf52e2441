"""The row with a unique key, created when missing, safe against another station creating it at once.

Two workstations of a shared database may both find no customer for a new caller's number (or no
agent row for a first sign-in) and both insert it: the second insert breaks the unique key. The
insert runs in a savepoint; when it loses that race, the row the other station committed is read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

Row = TypeVar("Row")


def get_or_create(session: Session, lookup: Select[Any], make: Callable[[], Row]) -> tuple[Row, bool]:
    """(row, created): the row ``lookup`` finds, or a new one from ``make`` added and flushed."""
    found = session.execute(lookup).scalar_one_or_none()
    if found is not None:
        return found, False
    try:
        with session.begin_nested():
            row = make()
            session.add(row)
            session.flush()
    except IntegrityError:
        return session.execute(lookup).scalar_one(), False  # another station's insert won the race
    return row, True
