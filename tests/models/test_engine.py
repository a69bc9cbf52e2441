"""Engine set-up: WAL, foreign keys, writes that lock up front, reads that never wait."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import text

from desktop.models import schema
from desktop.models.engine import DatabaseUrlError, make_engine, make_session_factory, resolve_url


@pytest.mark.sqlite_only
def test_sqlite_pragmas(database) -> None:  # type: ignore[no-untyped-def]
    with database.sessions() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_schema_is_at_head_and_upgrade_is_idempotent(database) -> None:  # type: ignore[no-untyped-def]
    assert schema.current_revision(database.engine) == schema.head_revision()
    schema.upgrade(database.engine)
    assert schema.current_revision(database.engine) == schema.head_revision()


def test_the_start_up_check_reads_the_head_alembic_reads() -> None:
    # upgrade() skips Alembic when the version row names this head: it must be Alembic's own
    assert schema.script_head() == schema.head_revision()


def test_a_database_without_tables_has_no_revision_and_is_migrated(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    try:
        assert schema.current_revision(engine) is None
        schema.upgrade(engine)
        assert schema.current_revision(engine) == schema.head_revision()
    finally:
        engine.dispose()


@pytest.mark.sqlite_only
def test_a_write_locks_at_begin_and_reads_still_run(database, db_path) -> None:  # type: ignore[no-untyped-def]
    reader = make_session_factory(make_engine(f"sqlite:///{db_path}"))
    outcome: dict[str, object] = {}

    def second_station() -> None:
        with reader() as session:  # a read on another station while the write is open
            outcome["read"] = session.execute(text("SELECT count(*) FROM tickets")).scalar()
        writer = sqlite3.connect(db_path, timeout=0.1, isolation_level=None)
        try:
            writer.execute("BEGIN IMMEDIATE")
            outcome["write"] = "acquired"
        except sqlite3.OperationalError as exc:
            outcome["write"] = str(exc)
        finally:
            writer.close()

    with database.sessions.begin() as session:
        session.execute(text("SELECT 1"))
        thread = threading.Thread(target=second_station)
        thread.start()
        thread.join(timeout=30)
    assert outcome["read"] == 0
    assert outcome["write"] == "database is locked"


@pytest.mark.parametrize("given, backend", [
    ("/tmp/x/hotline.sqlite3", "sqlite"),
    ("sqlite:////tmp/y.sqlite3", "sqlite"),
    ("postgresql://desk@server/hotline", "postgresql"),
])
def test_database_locations(given: str, backend: str) -> None:
    url = resolve_url(given)
    assert url.get_backend_name() == backend
    if backend == "postgresql":
        assert url.drivername == "postgresql+psycopg"


def test_environment_variable_chooses_the_database(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOTLINE_DESK_DB", str(tmp_path / "env.sqlite3"))
    assert resolve_url(None).database == str(tmp_path / "env.sqlite3")
    assert resolve_url(str(tmp_path / "cli.sqlite3")).database == str(tmp_path / "cli.sqlite3")


def test_unsupported_database_is_refused() -> None:
    with pytest.raises(DatabaseUrlError):
        resolve_url("mysql://user@host/db")
