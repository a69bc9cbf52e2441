"""A new database starts with the shipped phrases and guides of every language, once."""

from __future__ import annotations

from sqlalchemy import delete, func, select

from desktop.models.aids import Phrase, ProblemGuide, SearchTerm
from desktop.rules.default_aids import default_aids
from desktop.services.database import Database, open_database


def _count(database: Database, entity: type) -> int:
    with database.sessions() as session:
        return session.execute(select(func.count()).select_from(entity)).scalar_one()


def test_a_new_database_has_every_language_s_defaults(database: Database) -> None:
    shipped = default_aids()
    assert _count(database, Phrase) == sum(len(aids.phrases) for aids in shipped.values())
    assert _count(database, ProblemGuide) == sum(len(aids.guides) for aids in shipped.values())
    with database.sessions() as session:
        languages = set(session.scalars(select(Phrase.language)))
        assert languages == {"zh_CN", "zh_TW", "en"}
        assert all(session.scalars(select(Phrase.builtin)))
        assert session.scalar(select(func.count()).select_from(SearchTerm).where(SearchTerm.kind == "phrase")) > 0


def test_opening_again_adds_nothing(database: Database) -> None:
    before = (_count(database, Phrase), _count(database, ProblemGuide))
    again = open_database(database.url.render_as_string(hide_password=False))
    try:
        assert (_count(again, Phrase), _count(again, ProblemGuide)) == before
    finally:
        again.close()


def test_a_centre_that_keeps_only_its_guides_is_left_alone(database: Database) -> None:
    with database.sessions.begin() as session:
        session.execute(delete(SearchTerm))
        session.execute(delete(Phrase))
    again = open_database(database.url.render_as_string(hide_password=False))
    try:
        assert _count(again, Phrase) == 0
    finally:
        again.close()
