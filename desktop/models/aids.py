"""The agent aids: quick phrases, FAQ entries, problem guides, and the search-term index."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, PrimaryKeyConstraint, String, Text, UniqueConstraint, false
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, UTCDateTime


class ChangedBy:
    """Who changed a row last, and when (the agent's 工号 and name as they were then)."""

    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by_code: Mapped[str] = mapped_column(String(32), default="", server_default="")
    updated_by_name: Mapped[str] = mapped_column(String(64), default="", server_default="")


class Phrase(ChangedBy, Base):
    """A quick phrase (快捷短语) with placeholders such as {centre} and {agent_id}."""

    __tablename__ = "phrases"
    __table_args__ = (Index("ix_phrases_language_order", "language", "sort_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    builtin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    sort_order: Mapped[int] = mapped_column(Integer, default=0, server_default=sql_text("0"))


class FaqEntry(ChangedBy, Base):
    """A question and its answer (常见问题 · 知识库), searchable while the customer talks."""

    __tablename__ = "faq_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    question: Mapped[str] = mapped_column(String(500), unique=True)
    answer: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(String(255), default="", server_default="")
    problem_type: Mapped[str | None] = mapped_column(String(48))  # a business-module code
    source_ticket: Mapped[str | None] = mapped_column(String(24))  # the ticket number it was made from
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProblemGuide(ChangedBy, Base):
    """How to handle one problem type (问题指引): typical case, steps, expected minutes, cautions."""

    __tablename__ = "problem_guides"
    __table_args__ = (UniqueConstraint("problem_type", "language", name="uq_problem_guides_type_language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_type: Mapped[str] = mapped_column(String(48))  # a business-module code
    language: Mapped[str] = mapped_column(String(8))
    builtin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    typical_case: Mapped[str] = mapped_column(Text, default="")
    steps: Mapped[str] = mapped_column(Text)  # one step per line, in order
    min_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default=sql_text("0"))
    max_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default=sql_text("0"))
    cautions: Mapped[str] = mapped_column(Text, default="")


class SearchTerm(Base):
    """One term of one indexed row: ``kind`` names the table ("faq", "phrase", "ticket" …)."""

    __tablename__ = "search_terms"
    __table_args__ = (
        PrimaryKeyConstraint("kind", "term", "owner_id", name="pk_search_terms"),
        Index("ix_search_terms_kind_owner", "kind", "owner_id"),
    )

    kind: Mapped[str] = mapped_column(String(16))
    term: Mapped[str] = mapped_column(String(32))
    owner_id: Mapped[int] = mapped_column(Integer)
