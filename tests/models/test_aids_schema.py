"""Migration 0002 builds exactly the tables the aids entities describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Table, inspect

from desktop.models.base import Base
from desktop.services.database import Database

AIDS_TABLES = {"phrases", "faq_entries", "problem_guides", "search_terms"}


def _tables_of(diff: object) -> set[str]:
    """The table names an autogenerate difference mentions (its shape varies by kind)."""
    names: set[str] = set()
    for item in diff if isinstance(diff, list) else [diff]:
        for part in item[1:]:
            if isinstance(part, str):
                names.add(part)
            elif isinstance(part, Table):
                names.add(part.name)
            elif getattr(part, "table", None) is not None:
                names.add(part.table.name)
    return names


def test_the_migrated_tables_match_the_entities(database: Database) -> None:
    assert AIDS_TABLES <= set(inspect(database.engine).get_table_names())
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = [d for d in compare_metadata(context, Base.metadata) if _tables_of(d) & AIDS_TABLES]
    assert differences == []


def test_the_search_terms_key_serves_lookups_by_term(database: Database) -> None:
    key = inspect(database.engine).get_pk_constraint("search_terms")
    assert key["constrained_columns"] == ["kind", "term", "owner_id"]
    indexes = {index["name"]: index["column_names"] for index in inspect(database.engine).get_indexes("search_terms")}
    assert indexes["ix_search_terms_kind_owner"] == ["kind", "owner_id"]
