"""``hotline-desk tickets``: the window's filters and search, headless, as table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from desktop.cli import main
from desktop.models.entities import Ticket
from desktop.services.database import Database
from desktop.services.tickets import TicketService
from tests.helpers import AGENT, FakeClock, make_draft

ROOT = Path(__file__).resolve().parents[2]

TEXTS = (
    ("查询订单物流进度", "", "pending"),
    ("物流显示已签收但未收到包裹", "已联系物流公司补发", "resolved"),
    ("当天购买的产品无法开机", "", "pending"),
    ("申请退款", "客户说物流太慢", "pending"),
    ("咨询发票开具方式", "", "in_progress"),
    ("包裹晚到3天，投诉快递员", "", "pending"),
)


@pytest.fixture
def filled(database: Database, db_path: Path) -> Path:
    service = TicketService(database.sessions, clock=FakeClock(datetime(2023, 10, 15, 2, 0, tzinfo=UTC)))
    ids = []
    for i, (description, remark, status) in enumerate(TEXTS):
        extra = {"solution": "已处理"} if status == "resolved" else {"handler": "李工"} if status != "pending" else {}
        detail = service.create(make_draft(description=description, remark=remark, status=status,
                                           phone=f"1390000{i:04d}", **extra), AGENT)
        ids.append(detail.id)
    # Two open tickets get a deadline far ahead: open, but not overdue.
    with database.sessions.begin() as session:
        session.execute(update(Ticket).where(Ticket.id.in_(ids[2:4]))
                        .values(response_due_at=datetime.now(UTC) + timedelta(days=30)))
    return db_path


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def _scan(database: Database) -> list[Ticket]:
    with database.sessions() as session:
        return list(session.scalars(select(Ticket)))


def test_search_json_returns_exactly_the_matching_tickets(filled: Path, database: Database,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    found = _json(capsys, "--db", str(filled), "tickets", "--search", "物流", "--format", "json")
    expected = {t.number for t in _scan(database)
                if any("物流" in (text or "") for text in (t.description, t.customer_name, t.remark, t.solution))}
    assert len(expected) == 3
    assert {row["number"] for row in found} == expected
    assert len(found) == len(expected)
    first = found[0]
    assert set(first) >= {"number", "phone_masked", "status", "priority", "description", "response_due_at",
                          "overdue"}
    assert "****" in str(first["phone_masked"])
    assert all("13900000" not in json.dumps(row) for row in found)  # phones masked


def test_overdue_returns_exactly_the_overdue_ones(filled: Path, database: Database,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    found = _json(capsys, "--db", str(filled), "tickets", "--overdue", "--format", "json")
    now = datetime.now(UTC)
    expected = {t.number for t in _scan(database) if t.status not in ("resolved", "closed") and t.voided_at is None
                and t.response_due_at is not None and t.response_due_at < now}
    assert len(expected) == 3
    assert {row["number"] for row in found} == expected
    assert all(row["overdue"] is True for row in found)


def test_filters_limit_and_formats(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert len(_json(capsys, "--db", str(filled), "tickets", "--format", "json")) == len(TEXTS)
    assert len(_json(capsys, "--db", str(filled), "tickets", "--limit", "2", "--format", "json")) == 2
    pending = _json(capsys, "--db", str(filled), "tickets", "--status", "pending", "--format", "json")
    assert len(pending) == 4 and {row["status"] for row in pending} == {"pending"}
    assert [row["phone_masked"] for row in _json(capsys, "--db", str(filled), "tickets", "--phone-last4", "0002",
                                                 "--format", "json")] == ["139****0002"]
    assert _json(capsys, "--db", str(filled), "tickets", "--date", "2023-10-14", "--format", "json") == []
    assert main(["--db", str(filled), "tickets", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(TEXTS) and "number" in rows[0]
    assert main(["--db", str(filled), "tickets", "--search", "无法开机"]) == 0
    table = capsys.readouterr().out
    assert "无法开机" in table and "1 " in table.splitlines()[-1]


@pytest.mark.parametrize(("args", "said"), [
    (("--phone-last4", "12a4"), "12a4"), (("--date", "2023-13-01"), "2023-13-01"), (("--limit", "0"), "1"),
    (("--status", "nonsense"), "nonsense"), (("--format", "xml"), "xml"),
])
def test_bad_arguments_say_what_is_wrong(filled: Path, args: tuple[str, ...], said: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(filled), "tickets", *args])
    assert stopped.value.code != 0
    error = capsys.readouterr().err
    assert said in error and "--" in error


def test_from_after_to_is_refused(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(filled), "tickets", "--from", "2023-10-16", "--to", "2023-10-15"]) != 0
    assert "2023-10-16" in capsys.readouterr().err


def test_runs_headless_without_qt(filled: Path) -> None:
    code = ("import sys; from desktop.cli import main; rc = main(['--db', sys.argv[1], 'tickets', '--format', 'json']);"
            " assert 'PySide6' not in sys.modules; sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code, str(filled)], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == len(TEXTS)
