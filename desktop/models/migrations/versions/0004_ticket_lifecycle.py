"""ticket lifecycle: response deadline, progress and resolution times, coordination, escalation, rounds, FCR;
search index of existing tickets (bigram terms, kind "ticket")

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

import desktop.models.base
from desktop.rules.search_terms import terms

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_TIMES = ("response_due_at", "responded_at", "last_progress_at", "resolved_at", "closed_at", "coordinator_reply_at")
OPEN_CONDITION = "status NOT IN ('resolved', 'closed') AND voided_at IS NULL"
_BATCH = 2000


def _index_existing_tickets() -> None:
    """Backfill the ticket search terms (the program keeps them in step from now on)."""
    bind = op.get_bind()
    search_terms = sa.table("search_terms", sa.column("kind"), sa.column("term"), sa.column("owner_id"))
    bind.execute(sa.text("DELETE FROM search_terms WHERE kind = 'ticket'"))
    last = 0
    while True:
        rows = bind.execute(sa.text(
            "SELECT id, description, customer_name, remark, solution FROM tickets WHERE id > :last "
            "ORDER BY id LIMIT :batch"), {"last": last, "batch": _BATCH}).all()
        if not rows:
            return
        values = []
        for row in rows:
            found: dict[str, None] = {}
            for text in row[1:]:
                for term in terms(text):
                    found.setdefault(term, None)
            values += [{"kind": "ticket", "term": term, "owner_id": row[0]} for term in found]
        if values:
            bind.execute(search_terms.insert(), values)
        last = rows[-1][0]


def upgrade() -> None:
    for name in _TIMES:
        op.add_column("tickets", sa.Column(name, desktop.models.base.UTCDateTime(timezone=True), nullable=True))
    op.add_column("tickets", sa.Column("coordinator", sa.String(64), nullable=True))
    op.add_column("tickets", sa.Column("escalated_to", sa.String(64), nullable=True))
    op.add_column("tickets", sa.Column("final_position", sa.Text(), nullable=True))
    op.add_column("tickets", sa.Column("plan", sa.Text(), nullable=True))
    op.add_column("tickets", sa.Column("handling_round", sa.Integer(), nullable=False, server_default=sa.text("1")))
    op.add_column("tickets", sa.Column("first_contact_resolved", sa.Boolean(), nullable=True))
    # Existing tickets: their last progress is their last change.
    op.execute("UPDATE tickets SET last_progress_at = updated_at")
    _index_existing_tickets()
    op.create_index("ix_tickets_open_due", "tickets", ["response_due_at", "id"],
                    sqlite_where=sa.text(OPEN_CONDITION), postgresql_where=sa.text(OPEN_CONDITION))
    op.create_index("ix_tickets_open_progress", "tickets", ["last_progress_at", "id"],
                    sqlite_where=sa.text(OPEN_CONDITION), postgresql_where=sa.text(OPEN_CONDITION))


def downgrade() -> None:
    op.execute("DELETE FROM search_terms WHERE kind = 'ticket'")
    op.drop_index("ix_tickets_open_progress", "tickets")
    op.drop_index("ix_tickets_open_due", "tickets")
    with op.batch_alter_table("tickets") as batch:
        for name in ("first_contact_resolved", "handling_round", "plan", "final_position", "escalated_to",
                     "coordinator", *reversed(_TIMES)):
            batch.drop_column(name)
