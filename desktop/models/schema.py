"""Creating and migrating the schema with the Alembic scripts shipped in the package.

Alembic (with Mako and Pygments behind it, ~0.5 s to import) is loaded only when a migration
has to run: the start-up check compares the version row with the newest script by plain reads.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from desktop.models.engine import writing

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"  # Alembic's default, the one env.py keeps
_ASSIGNED = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.*)$", re.MULTILINE)
_QUOTED = re.compile(r"""["']([^"']+)["']""")


def _config() -> Config:
    from alembic.config import Config  # only when Alembic is asked (see the module's note)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest revision, as Alembic reads the scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


@cache
def script_head() -> str | None:
    """The newest revision from the scripts' ``revision`` / ``down_revision`` lines, without Alembic;
    None when they do not name exactly one head (Alembic then decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        for name, value in _ASSIGNED.findall(script.read_text(encoding="utf-8")):
            (revisions if name == "revision" else parents).update(_QUOTED.findall(value))
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


def current_revision(engine: Engine) -> str | None:
    """The revision recorded in the database; None for a database without the version table."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(rows) > 1:  # branches: Alembic's own reading says what is wrong
        from alembic.runtime.migration import MigrationContext

        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    return str(rows[0]) if rows else None


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema; cheap (no Alembic) when it is already there."""
    head = script_head()
    if head is not None and current_revision(engine) == head:
        return
    from alembic import command

    if current_revision(engine) == head_revision():
        return
    config = _config()
    # A write transaction from the start: two stations opening a new file migrate one after the other.
    with writing(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
