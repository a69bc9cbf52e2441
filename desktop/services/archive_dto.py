"""Plain rows for the paper archive: one day's calls with their timelines, its summary and number gaps.

Codes stay codes (``labels`` and ``departments`` turn them into words when printing); phones are masked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from desktop.rules.on_time import Share
from desktop.services.dto import TimelineItem


@dataclass(frozen=True)
class ArchiveCall:
    """One call record with every SPEC §1 field the paper copy shows."""

    id: int
    number: str
    channel: str
    call_started_at: datetime
    call_ended_at: datetime | None
    handle_seconds: int | None
    phone_masked: str
    customer_name: str
    customer_type: str
    account_type: str
    issue_type: str
    business_module: str
    description: str
    order_number: str
    product: str
    emotion: str
    priority: str
    agent_code: str
    agent_name: str
    department_name: str
    handler: str
    follow_up_owner: str
    status: str
    solution: str
    promised_feedback_at: datetime | None
    satisfaction: str
    satisfaction_reason: str
    satisfaction_score: int | None
    callback_at: datetime | None
    callback_result: str
    remark: str
    response_due_at: datetime | None
    responded_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    archived_at: datetime | None
    coordinator: str = ""
    escalated_to: str = ""
    voided_at: datetime | None = None
    void_reason: str = ""
    timeline: tuple[TimelineItem, ...] = field(default=())


@dataclass(frozen=True)
class NumberGap:
    """Serials missing from one prefix's sequence of the day, e.g. CS20231015 002 and 004."""

    prefix: str
    missing: tuple[str, ...]  # whole ticket numbers


@dataclass(frozen=True)
class ArchiveSummary:
    total: int
    voided: int
    by_issue_type: tuple[tuple[str, int], ...]
    by_priority: tuple[tuple[str, int], ...]
    by_status: tuple[tuple[str, int], ...]
    on_time: Share
    satisfied: Share


@dataclass(frozen=True)
class DailyArchive:
    day: date
    calls: tuple[ArchiveCall, ...]
    summary: ArchiveSummary
    gaps: tuple[NumberGap, ...]
    labels: dict[str, dict[str, str]]  # list key -> code -> label (custom and built-in entries)
    departments: dict[int, str]
    generated_at: datetime
