"""accounts (role, password, lockout), audit log, centre settings, identity check and void on tickets

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

import desktop.models.base

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

APPEND_ONLY_MESSAGE = "audit entries are append-only"


def upgrade() -> None:
    op.add_column("agents", sa.Column("role", sa.String(16), nullable=False, server_default="agent"))
    op.add_column("agents", sa.Column("password_hash", sa.String(255), nullable=True))
    op.add_column("agents", sa.Column("failed_sign_ins", sa.Integer(), nullable=False, server_default=sa.text("0")))
    op.add_column("agents", sa.Column("locked_until", desktop.models.base.UTCDateTime(timezone=True), nullable=True))

    op.add_column("tickets", sa.Column("identity_method", sa.String(48), nullable=True))
    op.add_column("tickets", sa.Column("identity_note", sa.String(128), nullable=True))
    op.add_column("tickets", sa.Column("voided_at", desktop.models.base.UTCDateTime(timezone=True), nullable=True))
    op.add_column("tickets", sa.Column("void_reason", sa.Text(), nullable=True))
    op.add_column("tickets", sa.Column("voided_by", sa.String(32), nullable=True))

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", desktop.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_code", sa.String(32), nullable=False),
        sa.Column("actor_name", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("target_kind", sa.String(16), nullable=True),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("target_label", sa.String(64), nullable=True),
        sa.Column("details", sa.Text(), nullable=True),
        sa.Column("workstation", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at", "id"])
    op.create_index("ix_audit_log_actor_at", "audit_log", ["actor_code", "at"])
    op.create_index("ix_audit_log_action_at", "audit_log", ["action", "at"])

    op.create_table(
        "centre_settings",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", desktop.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_centre_settings")),
    )

    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_no_{action.lower()} BEFORE {action} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_append_only()")
    op.drop_table("centre_settings")
    op.drop_index("ix_audit_log_action_at", "audit_log")
    op.drop_index("ix_audit_log_actor_at", "audit_log")
    op.drop_index("ix_audit_log_at", "audit_log")
    op.drop_table("audit_log")
    with op.batch_alter_table("tickets") as batch:
        for column in ("voided_by", "void_reason", "voided_at", "identity_note", "identity_method"):
            batch.drop_column(column)
    with op.batch_alter_table("agents") as batch:
        for column in ("locked_until", "failed_sign_ins", "password_hash", "role"):
            batch.drop_column(column)
