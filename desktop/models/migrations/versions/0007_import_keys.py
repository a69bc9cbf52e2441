"""import keys: the natural key of every call imported from a spreadsheet (no duplicates on a second import)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

import desktop.models.base

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(255), nullable=False),
        sa.Column("imported_at", desktop.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name="fk_import_keys_ticket_id_tickets"),
        sa.PrimaryKeyConstraint("id", name="pk_import_keys"),
        sa.UniqueConstraint("key", name="uq_import_keys_key"),
    )


def downgrade() -> None:
    op.drop_table("import_keys")
