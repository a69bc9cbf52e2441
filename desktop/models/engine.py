"""Engine and session set-up: SQLite (WAL, foreign keys, durable commits) or PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from desktop.paths import default_database_path

DB_ENV = "HOTLINE_DESK_DB"
CONNECT_TIMEOUT = 5  # seconds to reach a PostgreSQL server


class DatabaseUrlError(ValueError):
    """The database location given on the command line or in the environment is unusable."""


def resolve_url(given: str | None = None, configured: str | None = None) -> URL:
    """``--db`` wins, then ``HOTLINE_DESK_DB``, then the workstation's setting, then the per-user SQLite file.

    A plain file path is taken as a SQLite database.
    """
    value = given or os.environ.get(DB_ENV) or configured or str(default_database_path())
    if "://" not in value:
        path = Path(value).expanduser().resolve()
        return URL.create("sqlite+pysqlite", database=str(path))
    try:
        url = make_url(value)
    except Exception as exc:  # sqlalchemy raises ArgumentError with its own wording
        raise DatabaseUrlError(value) from exc
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseUrlError(value)
    if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling is off; we issue BEGIN ourselves (below).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=10000")  # first: the pragmas below may wait for another process
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # an acknowledged save survives a power cut
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def upsert_insert(session: Session) -> Any:
    """The dialect's ``insert`` (with ``on_conflict_do_*``) for the session's database."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


WRITE_OPTION = "hotline_desk_write"


def _sqlite_begin(connection: Any) -> None:
    if connection.get_execution_options().get(WRITE_OPTION):
        # A write takes the lock at the start: savers queue up (busy timeout) instead of
        # failing half-way, and two stations never interleave a number allocation.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        # A read runs beside a writer (WAL) and never waits for it.
        connection.exec_driver_sql("BEGIN")


def make_engine(url: URL | str) -> Engine:
    url = make_url(url) if isinstance(url, str) else url
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # An unreachable server is told within seconds, not after the system's TCP timeout (minutes).
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_TIMEOUT})


class SessionFactory(sessionmaker[Session]):
    """``factory()`` opens a session for reading; ``factory.begin()`` a write transaction."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine, expire_on_commit=False)
        self._writer = writing(engine)

    @contextmanager
    def begin(self) -> Iterator[Session]:
        with self(bind=self._writer) as session, session.begin():
            yield session


def writing(engine: Engine) -> Engine:
    """The engine for a write transaction (on SQLite: BEGIN IMMEDIATE)."""
    return engine.execution_options(**{WRITE_OPTION: True})


def make_session_factory(engine: Engine) -> SessionFactory:
    return SessionFactory(engine)


def describe(url: URL) -> str:
    """The location for messages and the About box, password hidden."""
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)
