"""baseline

Revision ID: 0001
Revises: 
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

import desktop.models.base

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('created_at', desktop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agents')),
    sa.UniqueConstraint('code', name=op.f('uq_agents_code'))
    )
    op.create_table('choice_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('list_key', sa.String(length=32), nullable=False),
    sa.Column('code', sa.String(length=48), nullable=False),
    sa.Column('label', sa.String(length=64), nullable=True),
    sa.Column('builtin', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('sort_order', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_choice_items')),
    sa.UniqueConstraint('list_key', 'code', name='uq_choice_items_list_code')
    )
    op.create_table('customers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('phone_last4', sa.String(length=4), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('account_type', sa.String(length=48), nullable=True),
    sa.Column('first_seen_at', desktop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customers')),
    sa.UniqueConstraint('phone', name=op.f('uq_customers_phone'))
    )
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customers_phone_last4'), ['phone_last4'], unique=False)

    op.create_table('departments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('sort_order', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_departments')),
    sa.UniqueConstraint('name', name=op.f('uq_departments_name'))
    )
    op.create_table('ticket_counters',
    sa.Column('prefix', sa.String(length=8), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('last_serial', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('prefix', 'day', name=op.f('pk_ticket_counters'))
    )
    op.create_table('tickets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=24), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=48), nullable=False),
    sa.Column('call_started_at', desktop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('call_ended_at', desktop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('handle_seconds', sa.Integer(), nullable=True),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('phone_last4', sa.String(length=4), nullable=False),
    sa.Column('customer_name', sa.String(length=64), nullable=False),
    sa.Column('customer_type', sa.String(length=16), nullable=False),
    sa.Column('account_type', sa.String(length=48), nullable=False),
    sa.Column('issue_type', sa.String(length=48), nullable=False),
    sa.Column('business_module', sa.String(length=48), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('order_number', sa.String(length=32), nullable=True),
    sa.Column('product', sa.String(length=128), nullable=True),
    sa.Column('emotion', sa.String(length=48), nullable=False),
    sa.Column('priority', sa.String(length=48), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('handler', sa.String(length=64), nullable=True),
    sa.Column('follow_up_owner', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=48), nullable=False),
    sa.Column('solution', sa.Text(), nullable=True),
    sa.Column('promised_feedback_at', desktop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('satisfaction', sa.String(length=48), nullable=True),
    sa.Column('satisfaction_reason', sa.Text(), nullable=True),
    sa.Column('satisfaction_score', sa.Integer(), nullable=True),
    sa.Column('callback_at', desktop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('callback_result', sa.Text(), nullable=True),
    sa.Column('remark', sa.Text(), nullable=True),
    sa.Column('archived_at', desktop.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', desktop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agent_id'], ['agents.id'], name=op.f('fk_tickets_agent_id_agents')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_tickets_customer_id_customers')),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_tickets_department_id_departments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tickets')),
    sa.UniqueConstraint('number', name=op.f('uq_tickets_number'))
    )
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.create_index('ix_tickets_customer_started', ['customer_id', 'call_started_at'], unique=False)
        batch_op.create_index('ix_tickets_issue_type_started', ['issue_type', 'call_started_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_tickets_phone_last4'), ['phone_last4'], unique=False)
        batch_op.create_index('ix_tickets_started_id', ['call_started_at', 'id'], unique=False)
        batch_op.create_index('ix_tickets_status_started', ['status', 'call_started_at'], unique=False)

    op.create_table('timeline_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('at', desktop.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('changes', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['agent_id'], ['agents.id'], name=op.f('fk_timeline_entries_agent_id_agents')),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], name=op.f('fk_timeline_entries_ticket_id_tickets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timeline_entries'))
    )
    with op.batch_alter_table('timeline_entries', schema=None) as batch_op:
        batch_op.create_index('ix_timeline_ticket_at', ['ticket_id', 'at', 'id'], unique=False)

    _timeline_append_only()


APPEND_ONLY_MESSAGE = "timeline entries are append-only"


def _timeline_append_only() -> None:
    """The timeline cannot be edited or deleted after the fact, whatever client writes to it."""
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER timeline_no_{action.lower()} BEFORE {action} ON timeline_entries "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION timeline_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER timeline_append_only BEFORE UPDATE OR DELETE ON timeline_entries "
            "FOR EACH ROW EXECUTE FUNCTION timeline_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS timeline_no_update")
        op.execute("DROP TRIGGER IF EXISTS timeline_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS timeline_append_only ON timeline_entries")
        op.execute("DROP FUNCTION IF EXISTS timeline_append_only()")
    with op.batch_alter_table('timeline_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_timeline_ticket_at')

    op.drop_table('timeline_entries')
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_index('ix_tickets_status_started')
        batch_op.drop_index('ix_tickets_started_id')
        batch_op.drop_index(batch_op.f('ix_tickets_phone_last4'))
        batch_op.drop_index('ix_tickets_issue_type_started')
        batch_op.drop_index('ix_tickets_customer_started')

    op.drop_table('tickets')
    op.drop_table('ticket_counters')
    op.drop_table('departments')
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customers_phone_last4'))

    op.drop_table('customers')
    op.drop_table('choice_items')
    op.drop_table('agents')
