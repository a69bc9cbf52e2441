"""retention: purge marks; the timeline stays append-only except for the entries of tickets being purged

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

MESSAGE = "timeline entries are append-only"


def _sqlite_triggers(delete_when: str) -> None:
    op.execute("DROP TRIGGER IF EXISTS timeline_no_update")
    op.execute("DROP TRIGGER IF EXISTS timeline_no_delete")
    op.execute(f"CREATE TRIGGER timeline_no_update BEFORE UPDATE ON timeline_entries "
               f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
    op.execute(f"CREATE TRIGGER timeline_no_delete BEFORE DELETE ON timeline_entries {delete_when}"
               f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")


def upgrade() -> None:
    op.create_table(
        "purge_marks",
        sa.Column("ticket_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("ticket_id", name="pk_purge_marks"),
    )
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_triggers("WHEN NOT EXISTS (SELECT 1 FROM purge_marks WHERE ticket_id = OLD.ticket_id) ")
    else:
        op.execute(
            "CREATE OR REPLACE FUNCTION timeline_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM purge_marks WHERE ticket_id = OLD.ticket_id) THEN "
            f"RETURN OLD; END IF; RAISE EXCEPTION '{MESSAGE}'; END $$"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_triggers("")
    else:
        op.execute("CREATE OR REPLACE FUNCTION timeline_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                   f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$")
    op.drop_table("purge_marks")
