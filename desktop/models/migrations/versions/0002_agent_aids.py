"""agent aids: quick phrases, FAQ entries, problem guides, the bigram search index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

import desktop.models.base

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _changed_by() -> list[sa.Column]:
    return [
        sa.Column("updated_at", desktop.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by_code", sa.String(length=32), server_default="", nullable=False),
        sa.Column("updated_by_name", sa.String(length=64), server_default="", nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "search_terms",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("term", sa.String(length=32), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "term", "owner_id", name=op.f("pk_search_terms")),
    )
    with op.batch_alter_table("search_terms", schema=None) as batch_op:
        batch_op.create_index("ix_search_terms_kind_owner", ["kind", "owner_id"], unique=False)

    op.create_table(
        "phrases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("builtin", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("sort_order", sa.Integer(), server_default=sa.text("0"), nullable=False),
        *_changed_by(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phrases")),
    )
    with op.batch_alter_table("phrases", schema=None) as batch_op:
        batch_op.create_index("ix_phrases_language_order", ["language", "sort_order"], unique=False)

    op.create_table(
        "faq_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(length=500), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("tags", sa.String(length=255), server_default="", nullable=False),
        sa.Column("problem_type", sa.String(length=48), nullable=True),
        sa.Column("source_ticket", sa.String(length=24), nullable=True),
        sa.Column("created_at", desktop.models.base.UTCDateTime(timezone=True), nullable=False),
        *_changed_by(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_faq_entries")),
        sa.UniqueConstraint("question", name=op.f("uq_faq_entries_question")),
    )

    op.create_table(
        "problem_guides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("problem_type", sa.String(length=48), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("builtin", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("typical_case", sa.Text(), nullable=False),
        sa.Column("steps", sa.Text(), nullable=False),
        sa.Column("min_minutes", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("max_minutes", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("cautions", sa.Text(), nullable=False),
        *_changed_by(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_problem_guides")),
        sa.UniqueConstraint("problem_type", "language", name="uq_problem_guides_type_language"),
    )


def downgrade() -> None:
    op.drop_table("problem_guides")
    op.drop_table("faq_entries")
    with op.batch_alter_table("phrases", schema=None) as batch_op:
        batch_op.drop_index("ix_phrases_language_order")
    op.drop_table("phrases")
    with op.batch_alter_table("search_terms", schema=None) as batch_op:
        batch_op.drop_index("ix_search_terms_kind_owner")
    op.drop_table("search_terms")
