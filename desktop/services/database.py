"""Opening the database: engine, schema migration, built-in lists on a new file."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.config import load_config
from desktop.i18n import _
from desktop.models import schema
from desktop.models.engine import DatabaseUrlError, describe, make_engine, make_session_factory, resolve_url
from desktop.models.entities import ChoiceItem, Department
from desktop.rules.choices import BUILTIN, DEFAULT_DEPARTMENTS
from desktop.services.aids_seed import seed_aids
from desktop.services.errors import StorageError
from desktop.services.sqlite_safety import cannot_open_message, check_sqlite_file

log = logging.getLogger(__name__)


@dataclass
class Database:
    url: URL
    engine: Engine
    sessions: sessionmaker[Session]
    # False for a big SQLite file that only had the header check: run sqlite_safety.deep_check soon.
    fully_checked: bool = True

    @property
    def location(self) -> str:
        return describe(self.url)

    def close(self) -> None:
        self.engine.dispose()


def database_url(given: str | None = None) -> URL:
    """The database named by ``--db``, ``HOTLINE_DESK_DB``, the workstation's setting or the per-user
    default; StorageError if unusable."""
    try:
        return resolve_url(given, load_config().database.strip() or None)
    except DatabaseUrlError as exc:
        raise StorageError(
            _("{value} is not a database this program can use. Give a file path for a local database, "
              "or postgresql+psycopg://user@server/database for a shared one.").format(value=exc)
        ) from exc


def sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite database; None for PostgreSQL or an in-memory database."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def open_database(given: str | None = None) -> Database:
    """Open (creating and migrating as needed) the database named by ``--db``,
    ``HOTLINE_DESK_DB`` or the per-user default.

    A SQLite file on a network share is refused (NetworkShareRefused); an existing one that fails
    its quick integrity check is never used (DatabaseDamaged: offer to restore a backup)."""
    url = database_url(given)
    path = sqlite_path(url)
    fully_checked = check_sqlite_file(str(path)) if path is not None else True
    engine = make_engine(url)
    try:
        schema.upgrade(engine)
        sessions = make_session_factory(engine)
        with sessions.begin() as session:
            seed_defaults(session)
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        log.exception("cannot open database %s", describe(url))
        raise StorageError(cannot_open_message(describe(url), str(exc.orig) if exc.orig else str(exc))) from exc
    return Database(url, engine, sessions, fully_checked)


def seed_defaults(session: Session) -> None:
    """Fill the built-in list entries and departments once, on a new database."""
    present = {(row[0], row[1]) for row in session.execute(select(ChoiceItem.list_key, ChoiceItem.code))}
    for list_key, entries in BUILTIN.items():
        for order, (code, _label) in enumerate(entries):
            if (list_key, code) not in present:
                session.add(ChoiceItem(list_key=list_key, code=code, builtin=True, sort_order=order))
    if session.execute(select(func.count()).select_from(Department)).scalar_one() == 0:
        for order, name in enumerate(DEFAULT_DEPARTMENTS):
            session.add(Department(name=_(name), sort_order=order))
    seed_aids(session)
