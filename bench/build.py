"""Realistic benchmark databases of any size, cached between runs.

A template of demo tickets is written through the real ticket service (the demo
generator: validated, numbered, indexed, lifecycle times set), then cloned with plain
SQL into the requested size: each copy moves the calls back by whole demo periods and a
few seconds, so the days fill up to a busy centre's 1,500 calls; phones get other last
digits (new customers), numbers are re-allocated per day, and the timeline and the
bigram search terms are copied with the tickets. The file is cached under bench/.cache
and rebuilt when the schema (the Alembic head) or this builder changes.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from desktop.rules.numbering import format_ticket_number, parse_ticket_number
from desktop.services.database import open_database
from desktop.services.demo import SPAN_DAYS, create_demo_accounts, generate_demo

BUILDER_VERSION = 1
CACHE = Path(__file__).resolve().parent / ".cache"
CALLS_PER_DAY = 1500
DEMO_PASSWORD = "demo1234"
Progress = Callable[[str], None]


def schema_head() -> str:
    from desktop.models.migrations import versions  # noqa: F401  (the package holding the revisions)

    names = sorted(p.stem for p in Path(versions.__file__).parent.glob("[0-9]*.py"))
    return names[-1].split("_", 1)[0]


def database_path(count: int) -> Path:
    return CACHE / f"tickets-{count}-schema{schema_head()}-b{BUILDER_VERSION}.sqlite3"


def ensure_database(count: int, *, template_size: int = 1000, seed: int = 11,
                    say: Progress = print) -> Path:
    """The cached database of ``count`` tickets, built first when missing."""
    path = database_path(count)
    if path.exists():
        say(f"using cached {path.name}")
        return path
    CACHE.mkdir(exist_ok=True)
    for stale in CACHE.glob(f"tickets-{count}-*.sqlite3*"):
        stale.unlink()
    template = min(count, template_size)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "build.sqlite3"
        say(f"building {count:,} tickets: template of {template:,} through the ticket service …")
        database = open_database(str(work))
        try:
            create_demo_accounts(database, DEMO_PASSWORD)
            generate_demo(database, template, seed=seed)
        finally:
            database.close()
        if count > template:
            say(f"cloning to {count:,} …")
            clone(work, count)
        connection = sqlite3.connect(work)
        connection.execute("ANALYZE")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        shutil.move(str(work), path)
    say(f"built {path.name} ({path.stat().st_size / 1e6:,.0f} MB)")
    return path


def _datetime_columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f"PRAGMA table_info({table})") if row[2].upper() == "DATETIME"]


def _shift(value: str | None, delta: timedelta) -> str | None:
    if value is None:
        return None
    return (datetime.fromisoformat(value) - delta).strftime("%Y-%m-%d %H:%M:%S.%f")


def _other_phone(phone: str, copy: int) -> str:
    last4 = (int(phone[-4:]) + copy * 7919) % 10000
    return f"{phone[:-4]}{last4:04d}"


def clone(path: Path, count: int) -> None:
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("PRAGMA cache_size=-400000")
    tickets = [dict(row) for row in connection.execute("SELECT * FROM tickets ORDER BY id")]
    timeline = [dict(row) for row in connection.execute("SELECT * FROM timeline_entries ORDER BY id")]
    terms: dict[int, list[str]] = {}
    for kind_term in connection.execute("SELECT owner_id, term FROM search_terms WHERE kind = 'ticket'"):
        terms.setdefault(kind_term[0], []).append(kind_term[1])
    customers = {row["id"]: dict(row) for row in connection.execute("SELECT * FROM customers")}
    phone_ids = {row["phone"]: row["id"] for row in customers.values()}
    counters = {(row[0], row[1]): row[2]
                for row in connection.execute("SELECT prefix, day, last_serial FROM ticket_counters")}
    ticket_times = _datetime_columns(connection, "tickets")
    customer_times = _datetime_columns(connection, "customers")
    columns = list(tickets[0])
    timeline_columns = [c for c in timeline[0] if c != "id"]
    next_ticket = max(t["id"] for t in tickets) + 1
    next_customer = max(customers) + 1
    template = len(tickets)
    copies = -(-count // template)
    windows = max(1, round(count / CALLS_PER_DAY / SPAN_DAYS))
    by_ticket: dict[int, list[dict[str, object]]] = {}
    for entry in timeline:
        by_ticket.setdefault(int(entry["ticket_id"]), []).append(entry)

    connection.execute("DROP INDEX IF EXISTS ix_search_terms_kind_owner")
    made = template
    insert_ticket = f"INSERT INTO tickets ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    insert_entry = (f"INSERT INTO timeline_entries ({', '.join(timeline_columns)}) "
                    f"VALUES ({', '.join('?' * len(timeline_columns))})")
    for copy in range(1, copies):
        delta = timedelta(days=SPAN_DAYS * (copy % windows), seconds=(copy // windows) * 37 % 3600)
        ticket_rows, entry_rows, term_rows, customer_rows = [], [], [], []
        for ticket in tickets:
            if made >= count:
                break
            row = dict(ticket)
            for column in ticket_times:
                row[column] = _shift(row[column], delta)  # type: ignore[arg-type]
            phone = _other_phone(str(ticket["phone"]), copy)
            customer_id = phone_ids.get(phone)
            if customer_id is None:
                customer = dict(customers[int(ticket["customer_id"])])  # type: ignore[call-overload]
                customer.update(id=next_customer, phone=phone, phone_last4=phone[-4:])
                for column in customer_times:
                    customer[column] = _shift(customer[column], delta)
                customer_rows.append(customer)
                customer_id = phone_ids[phone] = next_customer
                next_customer += 1
            started = datetime.fromisoformat(str(row["call_started_at"])).astimezone()
            parsed = parse_ticket_number(str(ticket["number"]))
            prefix = parsed.prefix if parsed else "CS"
            key = (prefix, started.date().isoformat())
            counters[key] = counters.get(key, 0) + 1
            row.update(id=next_ticket, number=format_ticket_number(prefix, started.date(), counters[key]),
                       customer_id=customer_id, phone=phone, phone_last4=phone[-4:])
            ticket_rows.append(tuple(row[c] for c in columns))
            for entry in by_ticket.get(int(ticket["id"]), ()):  # type: ignore[call-overload]
                moved = dict(entry, ticket_id=next_ticket, at=_shift(str(entry["at"]), delta))
                entry_rows.append(tuple(moved[c] for c in timeline_columns))
            term_rows.extend(("ticket", term, next_ticket) for term in terms.get(int(ticket["id"]), ()))  # type: ignore[call-overload]
            next_ticket += 1
            made += 1
        if customer_rows:
            names = list(customer_rows[0])
            connection.executemany(f"INSERT INTO customers ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                                   [tuple(c[n] for n in names) for c in customer_rows])
        connection.executemany(insert_ticket, ticket_rows)
        connection.executemany(insert_entry, entry_rows)
        connection.executemany("INSERT INTO search_terms (kind, term, owner_id) VALUES (?, ?, ?)", term_rows)
        if copy % 50 == 0:
            connection.commit()
    connection.execute("DELETE FROM ticket_counters")
    connection.executemany("INSERT INTO ticket_counters (prefix, day, last_serial) VALUES (?, ?, ?)",
                           [(p, d, s) for (p, d), s in counters.items()])
    connection.execute("CREATE INDEX ix_search_terms_kind_owner ON search_terms (kind, owner_id)")
    connection.commit()
    connection.close()
