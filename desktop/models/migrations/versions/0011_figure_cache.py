"""figure cache: the figures' cells of past local days, forgotten by triggers when a ticket of the day changes

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

import desktop.models.base

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# The advisory lock a filler takes exclusively and every ticket write shares (desktop/models/figure_cache.py).
FILL_LOCK = 7411011
# What the figures read of a ticket (entities.FIGURE_COLUMNS as of this revision): an update of anything else
# leaves the cached day alone.
FIGURE_COLUMNS = ["call_started_at", "issue_type", "agent_id", "voided_at", "handle_seconds", "satisfaction",
                  "satisfaction_score", "first_contact_resolved", "response_due_at", "responded_at", "resolved_at"]
UNANSWERED = "responded_at IS NULL AND response_due_at IS NOT NULL AND voided_at IS NULL"
TALLY = ["calls", "surveyed", "satisfied", "scored", "score_total", "problems", "problems_resolved",
         "fcr_recorded", "fcr_yes", "timed", "handle_total", "judged_answered", "kept"]


def _forget(ticket: str, two_days_before: str) -> str:
    """Delete the cached day that holds ``ticket``'s call time (a local day lasts at most 26 hours, so its
    start is within two days before: the index on utc_start reads that much only)."""
    return (f"DELETE FROM figure_day_cells WHERE utc_start <= {ticket}.call_started_at "
            f"AND utc_end > {ticket}.call_started_at AND utc_start > {two_days_before}")


def _sqlite_triggers() -> None:
    before = "datetime({}.call_started_at, '-2 days')"
    for action, rows in (("insert", ("NEW",)), ("update", ("OLD", "NEW")), ("delete", ("OLD",))):
        event = f"UPDATE OF {', '.join(FIGURE_COLUMNS)}" if action == "update" else action.upper()
        body = "; ".join(_forget(row, before.format(row)) for row in rows)
        op.execute(f"CREATE TRIGGER figure_cells_forget_{action} AFTER {event} ON tickets BEGIN {body}; END")


def _postgresql_trigger() -> None:
    before = "{}.call_started_at - interval '2 days'"
    op.execute(
        "CREATE OR REPLACE FUNCTION figure_cells_forget() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        # Shared with every other ticket write, exclusive for a filler: a day is never filled from tickets
        # a write still in progress is changing (the filler waits for it, or the write waits and then
        # deletes what the filler stored).
        f"PERFORM pg_advisory_xact_lock_shared({FILL_LOCK}); "
        f"IF TG_OP <> 'INSERT' THEN {_forget('OLD', before.format('OLD'))}; END IF; "
        f"IF TG_OP <> 'DELETE' THEN {_forget('NEW', before.format('NEW'))}; END IF; "
        "RETURN NULL; END $$"
    )
    op.execute(
        f"CREATE TRIGGER figure_cells_forget AFTER INSERT OR DELETE OR UPDATE OF {', '.join(FIGURE_COLUMNS)} "
        "ON tickets FOR EACH ROW EXECUTE FUNCTION figure_cells_forget()"
    )


def upgrade() -> None:
    op.create_table(
        "figure_day_cells",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("issue_type", sa.String(48), nullable=False),
        sa.Column("agent_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("utc_start", desktop.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("utc_end", desktop.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("offset_seconds", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.BigInteger() if name == "handle_total" else sa.Integer(), nullable=False)
          for name in TALLY),
        sa.PrimaryKeyConstraint("day", "issue_type", "agent_id", name="pk_figure_day_cells"),
    )
    op.create_index("ix_figure_day_cells_utc_start", "figure_day_cells", ["utc_start"])
    op.create_index("ix_tickets_unanswered", "tickets", ["call_started_at", "response_due_at", "issue_type",
                                                         "agent_id"],
                    sqlite_where=sa.text(UNANSWERED), postgresql_where=sa.text(UNANSWERED))
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_triggers()
    else:
        _postgresql_trigger()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for action in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS figure_cells_forget_{action}")
    else:
        op.execute("DROP TRIGGER IF EXISTS figure_cells_forget ON tickets")
        op.execute("DROP FUNCTION IF EXISTS figure_cells_forget()")
    op.drop_index("ix_tickets_unanswered", "tickets")
    op.drop_table("figure_day_cells")
