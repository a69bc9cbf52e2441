"""Alembic environment: runs on the connection handed in by desktop.models.schema."""

from alembic import context

from desktop.models import aids, audit, entities, visits  # noqa: F401  (registers the tables)
from desktop.models.base import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
