"""ticket total: the number of tickets, kept by triggers, so the unfiltered table counts in one row

The table's row count is asked on every refresh (start, a save, another workstation's change); at a
million tickets count(*) walks a whole index (~20 ms on the UI thread each time). One row, seeded with
the count at the upgrade and moved by one on every insert and delete of a ticket.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ticket_totals",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("tickets", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ticket_totals"),
    )
    op.execute("INSERT INTO ticket_totals (id, tickets) SELECT 1, count(*) FROM tickets")
    if op.get_bind().dialect.name == "sqlite":
        for event, step in (("INSERT", "+ 1"), ("DELETE", "- 1")):
            op.execute(f"CREATE TRIGGER ticket_totals_{event.lower()} AFTER {event} ON tickets "
                       f"BEGIN UPDATE ticket_totals SET tickets = tickets {step} WHERE id = 1; END")
    else:
        op.execute(
            "CREATE OR REPLACE FUNCTION ticket_totals_follow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "UPDATE ticket_totals SET tickets = tickets + CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END "
            "WHERE id = 1; RETURN NULL; END $$"
        )
        op.execute("CREATE TRIGGER ticket_totals_follow AFTER INSERT OR DELETE ON tickets "
                   "FOR EACH ROW EXECUTE FUNCTION ticket_totals_follow()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("insert", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS ticket_totals_{event}")
    else:
        op.execute("DROP TRIGGER IF EXISTS ticket_totals_follow ON tickets")
        op.execute("DROP FUNCTION IF EXISTS ticket_totals_follow()")
    op.drop_table("ticket_totals")
