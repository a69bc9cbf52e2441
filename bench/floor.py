"""The floor: the same operations with plain sqlite3, the best query over the same indexes."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from bench.probes import Probes
from bench.timing import Figure, measure

ROW = ("t.id, t.number, t.call_started_at, t.phone, t.customer_name, t.customer_type, t.issue_type, t.priority, "
       "t.status, a.name, d.name, substr(t.description, 1, 120), t.voided_at, t.response_due_at, "
       "t.last_progress_at, t.handler")
FROM = "FROM tickets t JOIN agents a ON a.id = t.agent_id LEFT JOIN departments d ON d.id = t.department_id"
NEWEST = "ORDER BY t.call_started_at DESC, t.id DESC"


def run(path: Path, probes: Probes, repeat: int) -> dict[str, Figure]:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    q = connection.execute
    figures: dict[str, Figure] = {}

    def page_at(offset: int) -> None:
        # the ids of the page through the covering index, then only those rows
        q(f"SELECT {ROW} {FROM} WHERE t.id IN (SELECT id FROM tickets ORDER BY call_started_at DESC, id DESC "
          f"LIMIT 100 OFFSET ?) {NEWEST}", (offset,)).fetchall()

    figures["first_page"] = measure(lambda: (q("SELECT count(*) FROM tickets").fetchone(), page_at(0)), repeat)
    figures["jump_middle"] = measure(lambda: page_at(probes.count // 2), repeat)
    figures["jump_end"] = measure(lambda: page_at(max(0, probes.count - 100)), repeat)
    for column in ("customer_name", "priority"):
        figures[f"sort_{column}"] = measure(
            lambda column=column: q(f"SELECT {ROW} {FROM} ORDER BY t.{column}, t.id LIMIT 100").fetchall(), repeat)
        figures[f"sort_{column}"].note = "no index on the column: a top-100 sort over the table"

    def search(term: str, *, count: bool = True) -> None:
        if term.isdigit() and len(term) == 4:
            where, args = "t.phone_last4 = ?", (term,)
        elif term[:1].isascii():
            where, args = "t.number = ?", (term,)
        else:
            where = ("t.id IN (SELECT owner_id FROM search_terms WHERE kind = 'ticket' AND term = ? INTERSECT "
                     "SELECT owner_id FROM search_terms WHERE kind = 'ticket' AND term = ?) AND "
                     "(t.description LIKE ? OR t.customer_name LIKE ? OR t.remark LIKE ? OR t.solution LIKE ?)")
            pairs = [term[i:i + 2] for i in range(len(term) - 1)]
            like = f"%{term}%"
            args = (pairs[0], pairs[-1], like, like, like, like)
        q(f"SELECT {ROW} {FROM} WHERE {where} {NEWEST} LIMIT 100", args).fetchall()
        if count:
            q(f"SELECT count(*) {FROM} WHERE {where}", args).fetchone()

    for name, term in probes.searches.items():
        figures[f"{name}_first_page"] = measure(lambda term=term: search(term, count=False), repeat)
        figures[name] = measure(lambda term=term: search(term), repeat)

    def open_ticket() -> None:
        q("SELECT * FROM tickets WHERE id = ?", (probes.ticket_id,)).fetchone()
        q("SELECT * FROM timeline_entries WHERE ticket_id = ? ORDER BY at, id", (probes.ticket_id,)).fetchall()

    figures["open_ticket"] = measure(open_ticket, repeat)

    saving = iter(probes.save_ids)

    def save() -> None:
        ticket_id = next(saving)
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        with connection:
            q("UPDATE tickets SET remark = ?, version = version + 1, updated_at = ? WHERE id = ?",
              (f"bench {now}", now, ticket_id))
            q("INSERT INTO timeline_entries (ticket_id, at, agent_id, kind, changes) VALUES (?, ?, 1, 'updated', ?)",
              (ticket_id, now, '[{"field": "remark", "old": "", "new": "bench"}]'))

    figures["save_ticket"] = measure(save, len(probes.save_ids))
    figures["next_due"] = measure(lambda: q(
        "SELECT min(response_due_at) FROM tickets WHERE status NOT IN ('resolved', 'closed') AND voided_at IS NULL "
        "AND response_due_at IS NOT NULL").fetchone(), repeat)
    connection.close()
    return figures
