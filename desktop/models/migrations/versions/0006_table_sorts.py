"""table sorts: indexes for ordering the ticket table by customer and by priority

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_tickets_customer_name_id", "tickets", ["customer_name", "id"])
    op.create_index("ix_tickets_priority_started", "tickets", ["priority", "call_started_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_tickets_priority_started", "tickets")
    op.drop_index("ix_tickets_customer_name_id", "tickets")
