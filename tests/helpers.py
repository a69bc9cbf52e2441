"""Fixtures used across the suite."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop import i18n
from desktop.rules.ticket_draft import TicketDraft
from desktop.services.database import Database, open_database
from desktop.services.dto import Actor
from desktop.services.tickets import TicketService
from tests.pg_server import NO_SERVER, PgServer, find_bin

AGENT = Actor("A1001", "张敏")


class FakeClock:
    """A settable clock for the services."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data, config and log folders and starts in zh_CN."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOTLINE_DESK_HOME", str(home))
    monkeypatch.delenv("HOTLINE_DESK_DB", raising=False)
    i18n.set_language("zh_CN")
    yield home
    i18n.set_language("zh_CN")


@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English (the catalogs' source text) for tests that read them."""
    i18n.set_language("en")
    yield
    i18n.set_language("zh_CN")



def local_zone(name: str) -> Iterator[None]:
    """Run with the process's local time zone set to ``name`` (needs time.tzset: not on Windows)."""
    if not hasattr(time, "tzset"):
        pytest.skip("changing the process time zone needs time.tzset (not on Windows)")
    previous = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


@pytest.fixture
def shanghai() -> Iterator[None]:
    """The workstation's local time zone is China Standard Time (UTC+8): local days differ from UTC days."""
    yield from local_zone("Asia/Shanghai")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tickets.sqlite3"


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    """"sqlite" or "postgresql": tests/services and tests/models run on both (see conftest)."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    found = find_bin()
    if found is None:
        pytest.skip(NO_SERVER)
    server = PgServer(found)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> str:
    """A migrated, seeded database every PostgreSQL test copies (CREATE DATABASE … TEMPLATE)."""
    name = "hotline_template"
    pg_server.execute(f"CREATE DATABASE {name}")
    i18n.set_language("zh_CN")
    open_database(pg_server.url(name)).close()
    return name


_databases = itertools.count(1)


@pytest.fixture
def database(db_backend: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[Database]:
    if db_backend == "sqlite":
        db = open_database(str(db_path))
        yield db
        db.close()
        return
    server: PgServer = request.getfixturevalue("pg_server")
    template = request.getfixturevalue("pg_template")
    name = f"hotline_test_{next(_databases)}"
    server.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    db = open_database(server.url(name))
    try:
        yield db
    finally:
        db.close()
        server.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2023, 10, 15, 2, 0, tzinfo=UTC))


@pytest.fixture
def tickets(database: Database, clock: FakeClock) -> TicketService:
    """The ticket service on the test database and the fake clock."""
    return TicketService(database.sessions, clock=clock)


def make_draft(**values: object) -> TicketDraft:
    """A valid draft of the SPEC §7 first example, with ``values`` overriding fields."""
    base: dict[str, object] = {
        "phone": "13912345678",
        "customer_name": "王先生",
        "issue_type": "fault",
        "business_module": "tech_support",
        "description": "当天购买的产品无法开机",
        "priority": "urgent",
        "emotion": "anxious",
    }
    base.update(values)
    return TicketDraft(**base)  # type: ignore[arg-type]
