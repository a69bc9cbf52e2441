"""The Database page's checks: a typed location is judged, a connection is tried, the setting is used."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from desktop.config import WorkstationConfig, save_config
from desktop.services.connection import location_problem, try_connection
from desktop.services.database import database_url, open_database
from desktop.services.errors import StorageError
from tests.pg_server import PgServer

pytestmark = pytest.mark.sqlite_only


def test_locations_are_judged_before_any_connection(tmp_path: Path) -> None:
    assert location_problem("") is None
    assert location_problem(str(tmp_path / "centre.sqlite3")) is None
    assert location_problem("postgresql+psycopg://hotline@server/hotline") is None
    assert "postgresql+psycopg://" in (location_problem("mysql://server/db") or "")
    assert "服务器" in (location_problem("postgresql+psycopg:///hotline") or "")


def test_a_sqlite_file_is_described_and_a_missing_one_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "new" / "centre.sqlite3"
    assert "下次启动" in try_connection(str(missing))
    assert not missing.exists() and not missing.parent.exists()
    existing = tmp_path / "centre.sqlite3"
    open_database(str(existing)).close()
    answer = try_connection(str(existing))
    assert "SQLite" in answer and str(existing) in answer


def test_the_setting_names_the_database_when_no_db_is_given(tmp_path: Path) -> None:
    save_config(WorkstationConfig(database=str(tmp_path / "shared.sqlite3")))
    assert database_url(None).database == str(tmp_path / "shared.sqlite3")
    assert database_url(str(tmp_path / "given.sqlite3")).database == str(tmp_path / "given.sqlite3")


def test_a_postgresql_server_is_reached_and_an_unreachable_one_is_told_within_seconds(pg_server: PgServer) -> None:
    pg_server.execute("CREATE DATABASE connection_page")
    url = pg_server.url("connection_page")
    empty = try_connection(url)
    assert "PostgreSQL" in empty and "hotline" in empty
    open_database(url).close()
    assert try_connection(url) != empty  # now it holds the tables, up to date
    start = time.monotonic()
    with pytest.raises(StorageError):
        try_connection("postgresql+psycopg://hotline@10.255.255.1:5432/hotline")  # nothing answers there
    assert time.monotonic() - start < 15
