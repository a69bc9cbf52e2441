"""Storage: SQLAlchemy entities, engine set-up, migrations and queries."""
