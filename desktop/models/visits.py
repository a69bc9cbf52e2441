"""Follow-up visits (回访), customers chosen for periodic visits, and improvement actions with their links."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, UTCDateTime

# A visit still to be made (partial index: the due list and the reminders' next-due query).
PLANNED_CONDITION = "status = 'planned'"


class Visit(Base):
    """One follow-up visit of a customer about a ticket: planned in a due window, then done or skipped."""

    __tablename__ = "visits"
    __table_args__ = (
        # One proposal per ticket, kind and window: proposing again adds nothing.
        UniqueConstraint("ticket_id", "kind", "due_from", name="uq_visits_ticket_kind_due"),
        Index("ix_visits_planned_due", "due_from", "id",
              sqlite_where=text(PLANNED_CONDITION), postgresql_where=text(PLANNED_CONDITION)),
        Index("ix_visits_customer_kind", "customer_id", "kind", "due_from"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    kind: Mapped[str] = mapped_column(String(24))
    due_from: Mapped[datetime] = mapped_column(UTCDateTime())
    due_until: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default="planned", server_default="planned")
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))  # who is to make it (None: ticket owner)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(32))

    visited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    recorded_by: Mapped[str | None] = mapped_column(String(32))
    recorded_late: Mapped[bool | None] = mapped_column(Boolean)
    score_attitude: Mapped[int | None] = mapped_column(Integer)
    score_expertise: Mapped[int | None] = mapped_column(Integer)
    score_timeliness: Mapped[int | None] = mapped_column(Integer)
    score_effect: Mapped[int | None] = mapped_column(Integer)
    score_process: Mapped[int | None] = mapped_column(Integer)
    score_value: Mapped[int | None] = mapped_column(Integer)
    recommendation: Mapped[int | None] = mapped_column(Integer)
    resolved: Mapped[bool | None] = mapped_column(Boolean)
    customer_words: Mapped[str | None] = mapped_column(Text)
    follow_up_action: Mapped[str | None] = mapped_column(Text)


class VisitPlan(Base):
    """A customer chosen for periodic (monthly or quarterly) visits, since when."""

    __tablename__ = "visit_plans"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    period: Mapped[str] = mapped_column(String(16))
    since: Mapped[datetime] = mapped_column(UTCDateTime())
    set_by: Mapped[str] = mapped_column(String(32))


class ImprovementAction(Base):
    """A problem found (in tickets or visits), the action, who is responsible, by when, and its status."""

    __tablename__ = "improvement_actions"
    __table_args__ = (Index("ix_improvement_actions_status_deadline", "status", "deadline", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    problem: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    deadline: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open", server_default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ImprovementLink(Base):
    """A ticket or a visit that raised an improvement action."""

    __tablename__ = "improvement_links"
    __table_args__ = (
        UniqueConstraint("action_id", "ticket_id", "visit_id", name="uq_improvement_links_key"),
        Index("ix_improvement_links_ticket", "ticket_id"),
        Index("ix_improvement_links_visit", "visit_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("improvement_actions.id"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id"))
