"""reminder owners: the next-due indexes led by each owner column (agent, handler, follow-up owner)

An agent's next reminder is asked per owner column and the answers merged (services/reminders): each
question is one step on its own partial index, whatever the size of the table.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

OPEN_CONDITION = "status NOT IN ('resolved', 'closed') AND voided_at IS NULL"
CALLBACK_CONDITION = "callback_at IS NOT NULL AND COALESCE(callback_result, '') = '' AND voided_at IS NULL"
OWNERS = {"agent": "agent_id", "handler": "handler", "follower": "follow_up_owner"}
MOMENTS = {"due": ("response_due_at", OPEN_CONDITION), "progress": ("last_progress_at", OPEN_CONDITION),
           "feedback": ("promised_feedback_at", OPEN_CONDITION), "callback": ("callback_at", CALLBACK_CONDITION)}


def _indexes() -> list[tuple[str, list[str], str]]:
    return [(f"ix_tickets_{owner}_{moment}", [column, moment_column, "id"], condition)
            for owner, column in OWNERS.items() for moment, (moment_column, condition) in MOMENTS.items()]


def upgrade() -> None:
    for name, columns, condition in _indexes():
        op.create_index(name, "tickets", columns, sqlite_where=sa.text(condition),
                        postgresql_where=sa.text(condition))


def downgrade() -> None:
    for name, _columns, _condition in reversed(_indexes()):
        op.drop_index(name, "tickets")
