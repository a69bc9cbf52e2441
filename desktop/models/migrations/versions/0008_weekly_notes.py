"""weekly notes: the supervisor's notes on the agent weekly sheet, and a covering index for the figures

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

import desktop.models.base

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

FIGURE_COLUMNS = ["call_started_at", "issue_type", "agent_id", "voided_at", "handle_seconds", "satisfaction",
                  "satisfaction_score", "first_contact_resolved", "response_due_at", "responded_at", "resolved_at"]


def upgrade() -> None:
    op.create_index("ix_tickets_figures", "tickets", FIGURE_COLUMNS)
    op.create_table(
        "week_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(8), nullable=False),
        sa.Column("points", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("updated_at", desktop.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], name="fk_week_notes_agent_id_agents"),
        sa.PrimaryKeyConstraint("id", name="pk_week_notes"),
        sa.UniqueConstraint("agent_id", "week", name="uq_week_notes_agent_id"),
    )


def downgrade() -> None:
    op.drop_table("week_notes")
    op.drop_index("ix_tickets_figures", "tickets")
