"""visits: follow-up visits (回访), customers chosen for periodic visits, improvement actions and their links;
an index on the tickets' resolution time (the proposals read the last two weeks)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

import desktop.models.base

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

PLANNED_CONDITION = "status = 'planned'"


def _at(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, desktop.models.base.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        _at("due_from", False),
        _at("due_until", False),
        sa.Column("status", sa.String(16), server_default="planned", nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        _at("created_at", False),
        sa.Column("created_by", sa.String(32), nullable=False),
        _at("visited_at"),
        _at("recorded_at"),
        sa.Column("recorded_by", sa.String(32), nullable=True),
        sa.Column("recorded_late", sa.Boolean(), nullable=True),
        *[sa.Column(name, sa.Integer(), nullable=True) for name in (
            "score_attitude", "score_expertise", "score_timeliness", "score_effect", "score_process", "score_value",
            "recommendation")],
        sa.Column("resolved", sa.Boolean(), nullable=True),
        sa.Column("customer_words", sa.Text(), nullable=True),
        sa.Column("follow_up_action", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name="fk_visits_ticket_id_tickets"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name="fk_visits_customer_id_customers"),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], name="fk_visits_agent_id_agents"),
        sa.PrimaryKeyConstraint("id", name="pk_visits"),
        sa.UniqueConstraint("ticket_id", "kind", "due_from", name="uq_visits_ticket_kind_due"),
    )
    op.create_index("ix_visits_planned_due", "visits", ["due_from", "id"],
                    sqlite_where=sa.text(PLANNED_CONDITION), postgresql_where=sa.text(PLANNED_CONDITION))
    op.create_index("ix_visits_customer_kind", "visits", ["customer_id", "kind", "due_from"])
    op.create_table(
        "visit_plans",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        _at("since", False),
        sa.Column("set_by", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name="fk_visit_plans_customer_id_customers"),
        sa.PrimaryKeyConstraint("customer_id", name="pk_visit_plans"),
    )
    op.create_table(
        "improvement_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), server_default="open", nullable=False),
        _at("created_at", False),
        sa.Column("created_by", sa.String(32), nullable=False),
        _at("updated_at", False),
        _at("closed_at"),
        sa.ForeignKeyConstraint(["department_id"], ["departments.id"],
                                name="fk_improvement_actions_department_id_departments"),
        sa.PrimaryKeyConstraint("id", name="pk_improvement_actions"),
    )
    op.create_index("ix_improvement_actions_status_deadline", "improvement_actions", ["status", "deadline", "id"])
    op.create_table(
        "improvement_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["action_id"], ["improvement_actions.id"],
                                name="fk_improvement_links_action_id_improvement_actions"),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name="fk_improvement_links_ticket_id_tickets"),
        sa.ForeignKeyConstraint(["visit_id"], ["visits.id"], name="fk_improvement_links_visit_id_visits"),
        sa.PrimaryKeyConstraint("id", name="pk_improvement_links"),
        sa.UniqueConstraint("action_id", "ticket_id", "visit_id", name="uq_improvement_links_key"),
    )
    op.create_index("ix_improvement_links_ticket", "improvement_links", ["ticket_id"])
    op.create_index("ix_improvement_links_visit", "improvement_links", ["visit_id"])
    op.create_index("ix_tickets_resolved_at", "tickets", ["resolved_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_tickets_resolved_at", "tickets")
    op.drop_index("ix_improvement_links_visit", "improvement_links")
    op.drop_index("ix_improvement_links_ticket", "improvement_links")
    op.drop_table("improvement_links")
    op.drop_index("ix_improvement_actions_status_deadline", "improvement_actions")
    op.drop_table("improvement_actions")
    op.drop_table("visit_plans")
    op.drop_index("ix_visits_customer_kind", "visits")
    op.drop_index("ix_visits_planned_due", "visits")
    op.drop_table("visits")
