"""The Database page of the settings: is a location usable, and can this workstation reach it?"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError

from desktop.i18n import _
from desktop.models.engine import DatabaseUrlError, describe, make_engine, resolve_url
from desktop.models.schema import current_revision, head_revision
from desktop.services.errors import ServiceError, StorageError
from desktop.services.network_share import ensure_local
from desktop.services.sqlite_safety import cannot_open_message


def location_problem(value: str) -> str | None:
    """What is wrong with a typed database location (None: it can be tried)."""
    value = value.strip()
    if not value:
        return None  # this computer's own file
    try:
        url = resolve_url(value)
    except DatabaseUrlError:
        return _("Give a file path for a database on this computer, or postgresql+psycopg://user@server/database "
                 "for the centre's shared server.")
    if url.get_backend_name() == "sqlite" and url.database:
        try:
            ensure_local(url.database)
        except ServiceError as exc:
            return str(exc)
    elif url.get_backend_name() == "postgresql" and not (url.host and url.database):
        return _("Name the server and the database: postgresql+psycopg://user@server/database.")
    return None


def try_connection(value: str) -> str:
    """Connect, read the server's version and the schema's; the answer in words (StorageError if not)."""
    problem = location_problem(value)
    if problem:
        raise StorageError(problem)
    url = resolve_url(value.strip() or None)
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        return _("There is no database at {path} yet: Hotline Desk creates it there at the next start.").format(
            path=url.database)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            if url.get_backend_name() == "postgresql":
                server = str(connection.execute(text("SHOW server_version")).scalar_one())
                kind = _("PostgreSQL {version}").format(version=server.split()[0])
            else:
                server = str(connection.execute(text("SELECT sqlite_version()")).scalar_one())
                kind = _("SQLite {version}").format(version=server)
        revision = current_revision(engine)
    except (OperationalError, DBAPIError) as exc:
        raise StorageError(cannot_open_message(describe(url), str(exc.orig or exc).strip())) from exc
    finally:
        engine.dispose()
    if revision is None:
        schema = _("it holds no Hotline Desk tables yet: they are created at the next start")
    elif revision == head_revision():
        schema = _("its tables are up to date")
    else:
        schema = _("its tables are updated at the next start")
    return _("Connected to {kind} at {location}; {schema}.").format(kind=kind, location=describe(url), schema=schema)
