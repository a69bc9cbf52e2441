"""Never losing a ticket: a save that was acknowledged survives the process being killed; ticket
numbers stay distinct and gap-free per day with eight stations creating at once on PostgreSQL."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import defaultdict
from contextlib import closing
from pathlib import Path

import pytest

from desktop.models.sqlite_file import quick_check
from desktop.rules.numbering import parse_ticket_number
from desktop.services.database import open_database
from tests.pg_server import PgServer

ROOT = Path(__file__).resolve().parent.parent

SAVER = """
import sys
from desktop.services.database import open_database
from desktop.services.tickets import TicketService
from tests.helpers import AGENT, make_draft

database = open_database(sys.argv[1])
tickets = TicketService(database.sessions)
print("ready", flush=True)
n = 0
while True:
    n += 1
    detail = tickets.create(make_draft(phone=f"139{n % 10**8:08d}", description=f"第{n}次保存"), AGENT)
    print(detail.number, flush=True)  # acknowledged: the commit has returned
"""


def _environment(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["HOTLINE_DESK_HOME"] = str(tmp_path / "home")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("HOTLINE_DESK_DB", None)
    return env


def _numbers(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        return {str(row[0]) for row in connection.execute("SELECT number FROM tickets")}


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is a POSIX signal")
def test_every_acknowledged_ticket_survives_a_kill(tmp_path: Path) -> None:
    path = tmp_path / "centre.sqlite3"
    open_database(str(path)).close()  # created and migrated once, before the children race
    acknowledged: list[str] = []
    rng = random.Random(20261203)
    for _round in range(4):
        with subprocess.Popen([sys.executable, "-c", SAVER, str(path)], cwd=ROOT, env=_environment(tmp_path),
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as child:
            assert child.stdout is not None
            out = child.stdout
            assert out.readline().strip() == "ready"
            lines: list[str] = []
            reader = threading.Thread(target=lambda got=lines, pipe=out: got.extend(line.strip() for line in pipe),
                                      daemon=True)
            reader.start()
            time.sleep(rng.uniform(0.4, 1.2))  # a random moment in the middle of the saves
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
            reader.join(timeout=10)
        acknowledged += [line for line in lines if line]
        assert quick_check(path) is None  # the killed writer left a sound file
        assert set(acknowledged) <= _numbers(path)
    assert len(acknowledged) > 20, "the children saved too little to prove anything"
    database = open_database(str(path))  # and the program opens it as usual
    database.close()


@pytest.mark.slow
def test_eight_stations_on_postgresql_get_distinct_gap_free_numbers(pg_server: PgServer, tmp_path: Path) -> None:
    pg_server.execute("CREATE DATABASE eight_stations")
    url = pg_server.url("eight_stations")
    open_database(url).close()  # the schema, created once as an administrator would
    command = [sys.executable, "-m", "desktop", "--db", url, "demo", "--tickets", "30", "--seed"]
    env = _environment(tmp_path)
    runs = [subprocess.Popen([*command, str(seed)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for seed in range(8)]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        assert "Traceback" not in err
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port={pg_server.port} user=hotline dbname=eight_stations") as connection:
        numbers = [row[0] for row in connection.execute("SELECT number FROM tickets")]
    assert len(numbers) == len(set(numbers)) == 8 * 30
    by_day: dict[object, list[int]] = defaultdict(list)
    for number in numbers:
        parsed = parse_ticket_number(number)
        assert parsed is not None, number
        by_day[parsed.day].append(parsed.serial)
    for day, serials in by_day.items():
        assert sorted(serials) == list(range(1, len(serials) + 1)), day
