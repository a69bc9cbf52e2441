"""The shipped quick phrases and problem guides, written once into a new database."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from desktop.models.aids import Phrase, ProblemGuide
from desktop.rules.default_aids import default_aids
from desktop.rules.guide_steps import join_steps
from desktop.services.aids_dto import GuideInput, PhraseInput
from desktop.services.clock import Clock, utc_now
from desktop.services.guides import add_guide
from desktop.services.phrases import add_phrase


def seed_aids(session: Session, clock: Clock = utc_now) -> None:
    """Fill the defaults of every language when the database has neither phrases nor guides.

    A centre that has its own set (imported, or edited down) is left alone.
    """
    if session.scalar(select(exists().where(Phrase.id.isnot(None)))) or \
            session.scalar(select(exists().where(ProblemGuide.id.isnot(None)))):
        return
    now = clock()
    for language, aids in default_aids().items():
        for category, text in aids.phrases:
            add_phrase(session, PhraseInput(category, text, language), None, now, builtin=True)
        for guide in aids.guides:
            data = GuideInput(guide.problem_type, language, guide.typical_case, join_steps(list(guide.steps)),
                              guide.min_minutes, guide.max_minutes, guide.cautions)
            add_guide(session, data, None, now, builtin=True)
