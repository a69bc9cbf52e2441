"""Plain rows the services hand to the UI and the command line (no ORM objects leak out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from desktop.models.ticket_queries import TicketFilter as TicketFilter  # re-exported for the filter bar
from desktop.rules.ticket_draft import TicketDraft


@dataclass(frozen=True)
class Actor:
    """Who is working at this workstation: 工号, name and (for showing or hiding things) role.

    Services never trust ``role``: they read the account's role from the database.
    """

    code: str
    name: str
    role: str = "agent"


@dataclass(frozen=True)
class ChoiceOption:
    code: str
    label: str


@dataclass(frozen=True)
class DepartmentOption:
    id: int
    name: str


@dataclass(frozen=True)
class TicketRow:
    """One line of the ticket table; phone already masked."""

    id: int
    number: str
    call_started_at: datetime
    phone_masked: str
    customer_name: str
    customer_type: str
    issue_type: str
    priority: str
    status: str
    agent_name: str
    department_name: str
    description: str
    voided: bool = False
    response_due_at: datetime | None = None
    overdue: bool = False
    stale: bool = False
    handler: str = ""


@dataclass(frozen=True)
class TimelineItem:
    id: int
    at: datetime
    agent_code: str
    agent_name: str
    kind: str
    changes: tuple[tuple[str, object, object], ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class TicketDetail:
    id: int
    number: str
    version: int
    draft: TicketDraft
    customer_type: str
    agent_code: str
    agent_name: str
    department_name: str
    handle_seconds: int | None
    created_at: datetime
    updated_at: datetime
    archived_at: datetime | None
    timeline: tuple[TimelineItem, ...] = field(default=())
    voided_at: datetime | None = None
    void_reason: str | None = None
    voided_by: str | None = None
    lifecycle: Lifecycle | None = None


@dataclass(frozen=True)
class Lifecycle:
    """Where a ticket stands: deadline, times, coordination, escalation, round, and what it may move to."""

    status: str
    handler: str
    response_due_at: datetime | None
    responded_at: datetime | None
    last_progress_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    coordinator: str
    coordinator_reply_at: datetime | None
    escalated_to: str
    final_position: str
    plan: str
    handling_round: int
    first_contact_resolved: bool | None
    overdue: bool
    stale: bool
    allowed_moves: tuple[str, ...]


@dataclass(frozen=True)
class CustomerHistory:
    """What is known of a phone number before this call."""

    phone_masked: str
    customer_type: str  # rules.choices.NEW_CUSTOMER or RETURNING_CUSTOMER
    name: str
    tickets: tuple[TicketRow, ...]  # the latest ones (at most HISTORY_LIMIT)
    customer_id: int | None = None
    total: int = 0  # every ticket of the number, this one included
