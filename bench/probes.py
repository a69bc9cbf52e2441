"""What the operations look for, read off the database once so every way asks the same."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

TWO_CHARS = "物流"
FOUR_CHARS = "无法开机"


@dataclass(frozen=True)
class Probes:
    count: int
    ticket_number: str
    ticket_id: int
    phone_last4: str
    save_ids: tuple[int, ...]  # 200 tickets spread over the table, each edited once

    @property
    def searches(self) -> dict[str, str]:
        return {"search_2_chars": TWO_CHARS, "search_4_chars": FOUR_CHARS,
                "search_ticket_number": self.ticket_number, "search_phone_last4": self.phone_last4}


def read_probes(path: Path) -> Probes:
    connection = sqlite3.connect(path)
    try:
        count = connection.execute("SELECT count(*) FROM tickets").fetchone()[0]
        ticket_id, number, last4 = connection.execute(
            "SELECT id, number, phone_last4 FROM tickets ORDER BY call_started_at, id LIMIT 1 OFFSET ?",
            (count // 2,)).fetchone()
        step = max(1, count // 200)
        save_ids = tuple(row[0] for row in connection.execute(
            "SELECT id FROM tickets WHERE voided_at IS NULL AND id % ? = 0 ORDER BY id LIMIT 200", (step,)))
    finally:
        connection.close()
    return Probes(count=count, ticket_number=number, ticket_id=ticket_id, phone_last4=last4, save_ids=save_ids)
