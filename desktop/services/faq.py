"""The FAQ / knowledge base: searched as the agent types, added to from resolved tickets."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import search_index
from desktop.models.aids import FaqEntry
from desktop.models.entities import Ticket
from desktop.rules.aids_validation import AidReport, validate_faq
from desktop.services.aid_store import AidStore, faq_row, problem_types, touch
from desktop.services.aids_dto import FaqInput, FaqRow
from desktop.services.dto import Actor
from desktop.services.errors import NotFound, ServiceError, reading

KIND = "faq"
SEARCH_LIMIT = 50
FINISHED_STATUSES = frozenset({"resolved", "closed"})


def clean_input(data: FaqInput) -> FaqInput:
    """Trimmed texts; tags as "a, b, c" whether typed with Chinese or Latin commas."""
    tags = ", ".join(tag.strip() for tag in data.tags.replace("，", ",").split(",") if tag.strip())
    return FaqInput(data.question.strip(), data.answer.strip(), tags, data.problem_type or None,
                    (data.source_ticket or "").strip() or None)


class FaqService(AidStore[FaqEntry, FaqInput, FaqRow]):
    entity = FaqEntry
    kind = KIND

    def search(self, query: str = "", *, problem_type: str | None = None, limit: int = SEARCH_LIMIT) -> list[FaqRow]:
        """Entries holding every word of ``query`` (2-character Chinese words too), newest change first."""
        statement = search_index.matching(select(FaqEntry), KIND, query, FaqEntry.id,
                                          FaqEntry.question, FaqEntry.answer, FaqEntry.tags)
        if problem_type:
            statement = statement.where(FaqEntry.problem_type == problem_type)
        statement = statement.order_by(FaqEntry.updated_at.desc(), FaqEntry.id.desc()).limit(limit)
        with reading(), self._sessions() as session:
            return [faq_row(entry) for entry in session.scalars(statement)]

    def draft_from_ticket(self, ticket_id: int) -> FaqInput:
        """A new entry prefilled from a resolved or closed ticket: its description and solution."""
        with reading(), self._sessions() as session:
            ticket = session.get(Ticket, ticket_id)
            if ticket is None:
                raise NotFound(_("Ticket {id} does not exist.").format(id=ticket_id))
            if ticket.status not in FINISHED_STATUSES:
                raise ServiceError(_("Only a resolved or closed ticket can become a FAQ entry: "
                                     "its solution is the answer."))
            return FaqInput(question=ticket.description, answer=ticket.solution or "",
                            problem_type=ticket.business_module, source_ticket=ticket.number)

    def missing(self) -> NotFound:
        return NotFound(_("This FAQ entry no longer exists; it may have been removed at another workstation."))

    def to_row(self, entity: FaqEntry) -> FaqRow:
        return faq_row(entity)

    def clean(self, data: FaqInput) -> FaqInput:
        return clean_input(data)

    def check(self, session: Session, entity_id: int | None, data: FaqInput) -> AidReport:
        """Field problems of ``data``, the question's uniqueness included."""
        report = validate_faq(data.question, data.answer, data.tags, data.problem_type, problem_types(session))
        if report.ok and self.taken(session, entity_id, FaqEntry.question == data.question):
            return AidReport.with_errors(question=_("An entry with this question exists already: edit that one."))
        return report

    def insert(self, session: Session, data: FaqInput, actor: Actor) -> FaqEntry:
        return add_faq(session, data, actor, self._clock())

    def change(self, session: Session, entity: FaqEntry, data: FaqInput, actor: Actor) -> None:
        change_faq(session, entity, data, actor, self._clock())


def add_faq(session: Session, data: FaqInput, actor: Actor, now: datetime) -> FaqEntry:
    """Insert a checked entry inside the caller's transaction (imports)."""
    entry = FaqEntry(question=data.question, answer=data.answer, tags=data.tags, problem_type=data.problem_type,
                     source_ticket=data.source_ticket, created_at=now)
    session.add(entry)
    change_faq(session, entry, data, actor, now)
    return entry


def change_faq(session: Session, entry: FaqEntry, data: FaqInput, actor: Actor, now: datetime) -> None:
    entry.question, entry.answer, entry.tags = data.question, data.answer, data.tags
    entry.problem_type = data.problem_type
    entry.source_ticket = data.source_ticket or entry.source_ticket
    touch(entry, actor, now)
    session.flush()
    search_index.index(session, KIND, entry.id, entry.question, entry.answer, entry.tags)
