"""Quick phrases: listed for the panel, searched, added, edited and removed in settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import search_index
from desktop.models.aids import Phrase
from desktop.rules.aids_validation import CATEGORIES, AidReport, validate_phrase
from desktop.services.aid_store import AidStore, phrase_row, touch
from desktop.services.aids_dto import PhraseInput, PhraseRow
from desktop.services.dto import Actor
from desktop.services.errors import NotFound, reading

KIND = "phrase"
_CATEGORY_ORDER = {code: order for order, code in enumerate(CATEGORIES)}


def _sort_key(row: Phrase) -> tuple[int, int, int]:
    return _CATEGORY_ORDER.get(row.category, len(_CATEGORY_ORDER)), row.sort_order, row.id


class PhraseService(AidStore[Phrase, PhraseInput, PhraseRow]):
    entity = Phrase
    kind = KIND

    def list(self, language: str | None = None, query: str = "") -> list[PhraseRow]:
        """Phrases by category: ``language``'s own plus every phrase an agent added (any
        language); all of them when ``language`` is None. ``query`` narrows to matches."""
        statement = search_index.matching(select(Phrase), KIND, query, Phrase.id, Phrase.text)
        if language is not None:
            statement = statement.where(or_(Phrase.language == language, Phrase.builtin.is_(False)))
        with reading(), self._sessions() as session:
            return [phrase_row(p) for p in sorted(session.scalars(statement), key=_sort_key)]

    def missing(self) -> NotFound:
        return NotFound(_("This quick phrase no longer exists; it may have been removed at another workstation."))

    def to_row(self, entity: Phrase) -> PhraseRow:
        return phrase_row(entity)

    def clean(self, data: PhraseInput) -> PhraseInput:
        return PhraseInput(data.category, data.text.strip(), data.language)

    def check(self, session: Session, entity_id: int | None, data: PhraseInput) -> AidReport:
        return validate_phrase(data.category, data.text, data.language)

    def insert(self, session: Session, data: PhraseInput, actor: Actor) -> Phrase:
        return add_phrase(session, data, actor, self._clock())

    def change(self, session: Session, entity: Phrase, data: PhraseInput, actor: Actor) -> None:
        entity.category, entity.text, entity.language = data.category, data.text, data.language
        touch(entity, actor, self._clock())
        search_index.index(session, KIND, entity.id, entity.text)


def add_phrase(session: Session, data: PhraseInput, actor: Actor | None, now: datetime, *,
               builtin: bool = False) -> Phrase:
    """Insert a checked phrase inside the caller's transaction (imports, defaults), last in its list."""
    last = session.execute(select(func.max(Phrase.sort_order))).scalar_one_or_none() or 0
    phrase = Phrase(category=data.category, text=data.text, language=data.language, builtin=builtin,
                    sort_order=last + 1)
    touch(phrase, actor, now)
    session.add(phrase)
    session.flush()
    search_index.index(session, KIND, phrase.id, phrase.text)
    return phrase
