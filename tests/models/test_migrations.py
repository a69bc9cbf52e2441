"""The shipped migrations build exactly the schema the entities describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from desktop.models import aids, audit, entities, visits  # noqa: F401  (registers the tables, as env.py does)
from desktop.models.base import Base


def test_migrated_database_matches_the_entities(database) -> None:  # type: ignore[no-untyped-def]
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
