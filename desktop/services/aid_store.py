"""What the phrase, FAQ and guide services share: entity -> plain row, the change stamp, write
errors, and a base class that reads one, saves (adds or changes) one and deletes one.

Each service says how its rows are checked, inserted and changed; the base class keeps the
transaction, the stamp and the "removed meanwhile" message the same for all three.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Generic, TypeVar

from sqlalchemy import ColumnElement, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.i18n import _
from desktop.models import search_index
from desktop.models.aids import ChangedBy, FaqEntry, Phrase, ProblemGuide
from desktop.models.entities import ChoiceItem
from desktop.rules.aids_validation import AidReport
from desktop.rules.choices import BUSINESS_MODULE
from desktop.rules.guide_steps import split_steps
from desktop.rules.ticket_validation import ValidationReport
from desktop.services.aids_dto import ChangeStamp, FaqRow, GuideRow, PhraseRow
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import Actor
from desktop.services.errors import NotFound, StorageError, ValidationFailed, reading

log = logging.getLogger(__name__)


def stamp(row: ChangedBy) -> ChangeStamp:
    return ChangeStamp(row.updated_at, row.updated_by_code, row.updated_by_name)


def touch(row: ChangedBy, actor: Actor | None, now: datetime) -> None:
    """Record who changed the row and when (no actor: the shipped defaults)."""
    row.updated_at = now
    row.updated_by_code = actor.code if actor else ""
    row.updated_by_name = actor.name if actor else ""


def phrase_row(phrase: Phrase) -> PhraseRow:
    return PhraseRow(phrase.id, phrase.category, phrase.text, phrase.language, phrase.builtin, stamp(phrase))


def faq_row(entry: FaqEntry) -> FaqRow:
    return FaqRow(entry.id, entry.question, entry.answer, entry.tags, entry.problem_type, entry.source_ticket,
                  entry.created_at, stamp(entry))


def guide_row(guide: ProblemGuide) -> GuideRow:
    return GuideRow(guide.id, guide.problem_type, guide.language, guide.builtin, guide.typical_case,
                    tuple(split_steps(guide.steps)), guide.min_minutes, guide.max_minutes, guide.cautions,
                    stamp(guide))


def problem_types(session: Session) -> set[str]:
    """Every business-module code (inactive ones too: old entries may use them)."""
    return set(session.scalars(select(ChoiceItem.code).where(ChoiceItem.list_key == BUSINESS_MODULE)))


def refuse_if(report: ValidationReport) -> None:
    if not report.ok:
        raise ValidationFailed(report)


@contextmanager
def writing() -> Iterator[None]:
    """Turn a refused write into a message; nothing was changed."""
    try:
        yield
    except (OperationalError, DBAPIError) as exc:
        log.error("database write failed: %s", type(exc).__name__)
        raise StorageError(
            _("The change could not be saved because the database did not accept it ({reason}). "
              "Nothing was changed; try again in a moment.").format(reason=type(exc).__name__)
        ) from exc


Entity = TypeVar("Entity", bound=ChangedBy)
Input = TypeVar("Input")
Row = TypeVar("Row")


class AidStore(Generic[Entity, Input, Row]):
    entity: type[Entity]
    kind: str | None = None  # the search-index kind, when the rows are searchable

    def __init__(self, sessions: sessionmaker[Session], *, clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    # --- what each service says ----------------------------------------------------------

    def missing(self) -> NotFound:
        raise NotImplementedError

    def to_row(self, entity: Entity) -> Row:
        raise NotImplementedError

    def clean(self, data: Input) -> Input:
        return data

    def check(self, session: Session, entity_id: int | None, data: Input) -> AidReport:
        raise NotImplementedError

    def insert(self, session: Session, data: Input, actor: Actor) -> Entity:
        raise NotImplementedError

    def change(self, session: Session, entity: Entity, data: Input, actor: Actor) -> None:
        raise NotImplementedError

    # --- shared ------------------------------------------------------------------------------

    def taken(self, session: Session, entity_id: int | None, *same: ColumnElement[bool]) -> bool:
        """Whether another row than ``entity_id`` already matches ``same`` (a unique key)."""
        other = session.execute(select(self.entity.id).where(*same)).scalar_one_or_none()  # type: ignore[attr-defined]
        return other is not None and other != entity_id

    def _fetch(self, session: Session, entity_id: int) -> Entity:
        entity = session.get(self.entity, entity_id)
        if entity is None:
            raise self.missing()
        return entity

    def get(self, entity_id: int) -> Row:
        with reading(), self._sessions() as session:
            return self.to_row(self._fetch(session, entity_id))

    def save(self, entity_id: int | None, data: Input, actor: Actor) -> Row:
        """Add (``entity_id`` None) or change one; refused with a report per field; who and when recorded."""
        data = self.clean(data)
        with writing(), self._sessions.begin() as session:
            refuse_if(self.check(session, entity_id, data))
            if entity_id is None:
                entity = self.insert(session, data, actor)
            else:
                entity = self._fetch(session, entity_id)
                self.change(session, entity, data, actor)
            return self.to_row(entity)

    def delete(self, entity_id: int) -> None:
        with writing(), self._sessions.begin() as session:
            entity = self._fetch(session, entity_id)
            if self.kind is not None:
                search_index.unindex(session, self.kind, entity_id)
            session.delete(entity)
