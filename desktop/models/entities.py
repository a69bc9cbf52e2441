"""The entities: tickets, customers, agents, departments, timeline, choice lists, counters."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import Base, UTCDateTime

# A ticket still to be worked on: not resolved or closed, not void (partial indexes use it).
OPEN_CONDITION = "status NOT IN ('resolved', 'closed') AND voided_at IS NULL"
# A callback still to be made: a time is set and no result recorded yet.
CALLBACK_CONDITION = "callback_at IS NOT NULL AND COALESCE(callback_result, '') = '' AND voided_at IS NULL"
# The ways a ticket is an agent's, and the due moments reminders look at (partial indexes per pair).
REMINDER_OWNERS = {"agent": "agent_id", "handler": "handler", "follower": "follow_up_owner"}
REMINDER_MOMENTS = {"due": ("response_due_at", OPEN_CONDITION), "progress": ("last_progress_at", OPEN_CONDITION),
                    "feedback": ("promised_feedback_at", OPEN_CONDITION),
                    "callback": ("callback_at", CALLBACK_CONDITION)}
# What the figures read, call time first (the covering index ix_tickets_figures).
FIGURE_COLUMNS = ("call_started_at", "issue_type", "agent_id", "voided_at", "handle_seconds", "satisfaction",
                  "satisfaction_score", "first_contact_resolved", "response_due_at", "responded_at",
                  "resolved_at")
# A deadline not answered: the on-time figure counts it late once the deadline has passed (a partial index).
UNANSWERED_CONDITION = "responded_at IS NULL AND response_due_at IS NOT NULL AND voided_at IS NULL"


class Agent(Base):
    """Who takes calls and signs in: 工号, name, role and the Argon2 hash of the password."""

    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    role: Mapped[str] = mapped_column(String(16), default="agent", server_default="agent")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Department(Base):
    """Where tickets are routed: 技术部, 售后部 …"""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class ChoiceItem(Base):
    """One entry of a configurable list (channels, issue types, priorities …).

    Built-in entries carry a stable ``code`` and are labelled by the translation
    catalogs; entries a centre adds carry their own ``label``.
    """

    __tablename__ = "choice_items"
    __table_args__ = (UniqueConstraint("list_key", "code", name="uq_choice_items_list_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    list_key: Mapped[str] = mapped_column(String(32))
    code: Mapped[str] = mapped_column(String(48))
    label: Mapped[str | None] = mapped_column(String(64))
    builtin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    sort_order: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class Customer(Base):
    """A caller, known by the full phone number (E.164); shown masked everywhere."""

    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(32), unique=True)
    phone_last4: Mapped[str] = mapped_column(String(4), index=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    account_type: Mapped[str | None] = mapped_column(String(48))
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())


class TicketCounter(Base):
    """The last serial handed out per prefix and day; bumped inside the saving transaction."""

    __tablename__ = "ticket_counters"

    prefix: Mapped[str] = mapped_column(String(8), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer)


class Ticket(Base):
    """A call record / work order (接听记录 · 工单)."""

    __tablename__ = "tickets"
    __table_args__ = (
        Index("ix_tickets_started_id", "call_started_at", "id"),
        Index("ix_tickets_customer_started", "customer_id", "call_started_at"),
        Index("ix_tickets_status_started", "status", "call_started_at"),
        Index("ix_tickets_issue_type_started", "issue_type", "call_started_at"),
        # Other orders of the table: by customer (name, then id) and by priority (urgency groups, newest first).
        Index("ix_tickets_customer_name_id", "customer_name", "id"),
        Index("ix_tickets_priority_started", "priority", "call_started_at", "id"),
        # Open tickets only (partial): the next deadline and stale progress are one index step away.
        Index("ix_tickets_open_due", "response_due_at", "id",
              sqlite_where=text(OPEN_CONDITION), postgresql_where=text(OPEN_CONDITION)),
        Index("ix_tickets_open_progress", "last_progress_at", "id",
              sqlite_where=text(OPEN_CONDITION), postgresql_where=text(OPEN_CONDITION)),
        # The reminders' next-due queries: promised feedback of open tickets, callbacks not yet recorded.
        Index("ix_tickets_open_feedback", "promised_feedback_at", "id",
              sqlite_where=text(OPEN_CONDITION), postgresql_where=text(OPEN_CONDITION)),
        Index("ix_tickets_callback", "callback_at", "id",
              sqlite_where=text(CALLBACK_CONDITION), postgresql_where=text(CALLBACK_CONDITION)),
        # The same four, led by each column that makes a ticket an agent's (reminders: one index step per owner).
        *(Index(f"ix_tickets_{owner}_{moment}", column, moment_column, "id",
                sqlite_where=text(condition), postgresql_where=text(condition))
          for owner, column in REMINDER_OWNERS.items()
          for moment, (moment_column, condition) in REMINDER_MOMENTS.items()),
        # The figures (SPEC §4) over a period: covering, so a year's aggregation never reads the table rows.
        Index("ix_tickets_figures", *FIGURE_COLUMNS),
        # Visit proposals look at the tickets resolved in the last two weeks.
        Index("ix_tickets_resolved_at", "resolved_at", "id"),
        # The one figure that moves with the clock: deadlines passed without an answer (figure_day_cells).
        Index("ix_tickets_unanswered", "call_started_at", "response_due_at", "issue_type", "agent_id",
              sqlite_where=text(UNANSWERED_CONDITION), postgresql_where=text(UNANSWERED_CONDITION)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    channel: Mapped[str] = mapped_column(String(48))
    call_started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    call_ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    handle_seconds: Mapped[int | None] = mapped_column(Integer)

    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    phone: Mapped[str] = mapped_column(String(32))
    phone_last4: Mapped[str] = mapped_column(String(4), index=True)
    customer_name: Mapped[str] = mapped_column(String(64), default="")
    customer_type: Mapped[str] = mapped_column(String(16))
    account_type: Mapped[str] = mapped_column(String(48))

    issue_type: Mapped[str] = mapped_column(String(48))
    business_module: Mapped[str | None] = mapped_column(String(48))
    description: Mapped[str] = mapped_column(Text)
    order_number: Mapped[str | None] = mapped_column(String(32))
    product: Mapped[str | None] = mapped_column(String(128))
    emotion: Mapped[str] = mapped_column(String(48))
    priority: Mapped[str] = mapped_column(String(48))

    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    handler: Mapped[str | None] = mapped_column(String(64))
    follow_up_owner: Mapped[str | None] = mapped_column(String(64))

    status: Mapped[str] = mapped_column(String(48))
    solution: Mapped[str | None] = mapped_column(Text)
    promised_feedback_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    satisfaction: Mapped[str | None] = mapped_column(String(48))
    satisfaction_reason: Mapped[str | None] = mapped_column(Text)
    satisfaction_score: Mapped[int | None] = mapped_column(Integer)
    callback_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    callback_result: Mapped[str | None] = mapped_column(Text)
    remark: Mapped[str | None] = mapped_column(Text)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    identity_method: Mapped[str | None] = mapped_column(String(48))
    identity_note: Mapped[str | None] = mapped_column(String(128))
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    void_reason: Mapped[str | None] = mapped_column(Text)
    voided_by: Mapped[str | None] = mapped_column(String(32))

    # Lifecycle (SPEC §2): the response deadline from the level and the centre's policy, the first
    # response (left 待处理), the last progress update, resolution and closing, coordination (协调中),
    # escalation with the customer's final position, the handling round (2 after a reopen) and its plan,
    # and whether the call was resolved on the first contact (FCR).
    response_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_progress_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    coordinator: Mapped[str | None] = mapped_column(String(64))
    coordinator_reply_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    escalated_to: Mapped[str | None] = mapped_column(String(64))
    final_position: Mapped[str | None] = mapped_column(Text)
    plan: Mapped[str | None] = mapped_column(Text)
    handling_round: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    first_contact_resolved: Mapped[bool | None] = mapped_column(Boolean)

    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    customer: Mapped[Customer] = relationship(lazy="joined")
    agent: Mapped[Agent] = relationship(lazy="joined", foreign_keys=[agent_id])
    department: Mapped[Department | None] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": version}


class TimelineEntry(Base):
    """One append-only line of a ticket's history: who, when, what changed or was done."""

    __tablename__ = "timeline_entries"
    __table_args__ = (Index("ix_timeline_ticket_at", "ticket_id", "at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    kind: Mapped[str] = mapped_column(String(16))
    changes: Mapped[str | None] = mapped_column(Text)  # JSON list of {"field", "old", "new"}
    note: Mapped[str | None] = mapped_column(Text)

    agent: Mapped[Agent] = relationship(lazy="joined")


class ReminderMark(Base):
    """What one agent did with one reminder (ticket, kind, due time): shown, snoozed, done.

    The reminders themselves are derived from the tickets' due times; only these marks are stored.
    A ``done`` mark ends the reminder for everyone who follows the ticket.
    """

    __tablename__ = "reminder_marks"
    __table_args__ = (
        UniqueConstraint("agent_id", "ticket_id", "kind", "due_at", name="uq_reminder_marks_key"),
        Index("ix_reminder_marks_ticket", "ticket_id", "kind", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    kind: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    shown_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    snoozed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ImportKey(Base):
    """The natural key of a call brought in from a spreadsheet, so importing the same file again adds nothing.

    ``key`` is a hash of the call time, the phone and the description (see rules/call_log_layout.py).
    """

    __tablename__ = "import_keys"
    __table_args__ = (UniqueConstraint("key", name="uq_import_keys_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    source: Mapped[str] = mapped_column(String(255))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())


class WeekNote(Base):
    """A supervisor's words on one agent's weekly sheet: points to improve and next week's target."""

    __tablename__ = "week_notes"
    __table_args__ = (UniqueConstraint("agent_id", "week", name="uq_week_notes_agent_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"))
    week: Mapped[str] = mapped_column(String(8))  # ISO week, "2026-W47"
    points: Mapped[str] = mapped_column(Text, default="")
    target: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[str] = mapped_column(String(32))


class PurgeMark(Base):
    """A ticket being removed by the retention purge, inside its transaction only: the timeline's
    append-only triggers let exactly these tickets' entries go (migration 0010)."""

    __tablename__ = "purge_marks"

    ticket_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class FigureDayCell(Base):
    """A cache of the figures' cells (desktop/models/figure_queries.py) of one past local day × issue type ×
    agent, and per cached day a marker row (issue type '', agent 0, zeros) so a day without calls is known.

    Only what the clock cannot change is kept: ``judged_answered`` counts the deadlines answered; the ones
    still unanswered are counted live. Triggers on tickets (migration 0011) delete a day's rows when a ticket
    of [utc_start, utc_end) is inserted, changed or deleted; a day computed with another UTC offset is
    computed again.
    """

    __tablename__ = "figure_day_cells"
    __table_args__ = (Index("ix_figure_day_cells_utc_start", "utc_start"),)

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    issue_type: Mapped[str] = mapped_column(String(48), primary_key=True)
    agent_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    utc_start: Mapped[datetime] = mapped_column(UTCDateTime())
    utc_end: Mapped[datetime] = mapped_column(UTCDateTime())
    offset_seconds: Mapped[int] = mapped_column(Integer)
    calls: Mapped[int] = mapped_column(Integer)
    surveyed: Mapped[int] = mapped_column(Integer)
    satisfied: Mapped[int] = mapped_column(Integer)
    scored: Mapped[int] = mapped_column(Integer)
    score_total: Mapped[int] = mapped_column(Integer)
    problems: Mapped[int] = mapped_column(Integer)
    problems_resolved: Mapped[int] = mapped_column(Integer)
    fcr_recorded: Mapped[int] = mapped_column(Integer)
    fcr_yes: Mapped[int] = mapped_column(Integer)
    timed: Mapped[int] = mapped_column(Integer)
    handle_total: Mapped[int] = mapped_column(BigInteger)
    judged_answered: Mapped[int] = mapped_column(Integer)
    kept: Mapped[int] = mapped_column(Integer)


class TicketTotal(Base):
    """How many tickets there are: one row (id 1), moved by triggers on every insert and delete of a
    ticket (migration 0013), so the unfiltered table is counted without reading the tickets."""

    __tablename__ = "ticket_totals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    tickets: Mapped[int] = mapped_column(BigInteger)
