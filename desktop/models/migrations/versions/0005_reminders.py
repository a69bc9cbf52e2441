"""reminders: marks (shown, snoozed, done) per agent and due time; indexes for the next-due queries

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

import desktop.models.base

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OPEN_CONDITION = "status NOT IN ('resolved', 'closed') AND voided_at IS NULL"
CALLBACK_CONDITION = "callback_at IS NOT NULL AND COALESCE(callback_result, '') = '' AND voided_at IS NULL"


def upgrade() -> None:
    op.create_table(
        "reminder_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("due_at", desktop.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("shown_at", desktop.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("snoozed_until", desktop.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("done_at", desktop.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], name="fk_reminder_marks_agent_id_agents"),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name="fk_reminder_marks_ticket_id_tickets"),
        sa.PrimaryKeyConstraint("id", name="pk_reminder_marks"),
        sa.UniqueConstraint("agent_id", "ticket_id", "kind", "due_at", name="uq_reminder_marks_key"),
    )
    op.create_index("ix_reminder_marks_ticket", "reminder_marks", ["ticket_id", "kind", "due_at"])
    op.create_index("ix_tickets_open_feedback", "tickets", ["promised_feedback_at", "id"],
                    sqlite_where=sa.text(OPEN_CONDITION), postgresql_where=sa.text(OPEN_CONDITION))
    op.create_index("ix_tickets_callback", "tickets", ["callback_at", "id"],
                    sqlite_where=sa.text(CALLBACK_CONDITION), postgresql_where=sa.text(CALLBACK_CONDITION))


def downgrade() -> None:
    op.drop_index("ix_tickets_callback", "tickets")
    op.drop_index("ix_tickets_open_feedback", "tickets")
    op.drop_index("ix_reminder_marks_ticket", "reminder_marks")
    op.drop_table("reminder_marks")
