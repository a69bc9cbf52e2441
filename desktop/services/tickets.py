"""Creating, updating and reading tickets: one transaction each, timeline written alongside."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import fields
from datetime import datetime
from types import MappingProxyType

from sqlalchemy import func, insert, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from desktop.i18n import _
from desktop.models.entities import Agent, ChoiceItem, Customer, Ticket, TimelineEntry
from desktop.models.get_or_create import get_or_create
from desktop.models.numbering import allocate_serial
from desktop.models.ticket_queries import index_ticket, reindex_ticket, searched_texts
from desktop.rules.centre_options import SENSITIVE_MODULES
from desktop.rules.choices import NEW_CUSTOMER, RETURNING_CUSTOMER
from desktop.rules.numbering import DEFAULT_PREFIX, DEFAULT_SERIAL_WIDTH, format_ticket_number
from desktop.rules.order_number import normalize_order_number
from desktop.rules.permissions import Permission
from desktop.rules.phone import mask_phone, national_digits, normalize_phone, phone_last4
from desktop.rules.status_machine import check_move
from desktop.rules.ticket_draft import TRACKED_FIELDS, TicketDraft
from desktop.rules.ticket_validation import ValidationReport, validate_ticket
from desktop.services import lifecycle
from desktop.services.agents import agent_for
from desktop.services.audit import record
from desktop.services.authorization import accounts_set_up, authorize
from desktop.services.centre_settings import CentreSettingsService
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import Actor, Lifecycle, TicketDetail, TimelineItem
from desktop.services.errors import (
    ConflictError,
    NotFound,
    PermissionDenied,
    ServiceError,
    StorageError,
    TransitionRefused,
    ValidationFailed,
    reading,
)

log = logging.getLogger(__name__)

# Draft fields stored on the ticket under the same name.
_COPIED = tuple(f.name for f in fields(TicketDraft) if f.name not in ("phone", "process_note", "order_number"))


def _clean(draft: TicketDraft) -> TicketDraft:
    """Trim text fields so stored values and change detection do not depend on stray spaces."""
    values = {}
    for f in fields(draft):
        value = getattr(draft, f.name)
        values[f.name] = value.strip() if isinstance(value, str) else value
    values["order_number"] = normalize_order_number(draft.order_number)
    values["business_module"] = draft.business_module or None
    return TicketDraft(**values)


def clean_draft(draft: TicketDraft) -> TicketDraft:
    """The draft as it will be stored (trimmed, order number normalised): validate this one."""
    return _clean(draft)


def draft_from_ticket(ticket: Ticket, *, reveal: bool = False) -> TicketDraft:
    """The ticket as a form holds it; the phone masked unless ``reveal`` (service-internal use)."""
    values = {name: getattr(ticket, name) for name in _COPIED}
    for name, value in values.items():
        if value is None and isinstance(getattr(TicketDraft, name, None), str):
            values[name] = ""
    values["business_module"] = ticket.business_module
    phone = national_digits(ticket.phone) if reveal else mask_phone(ticket.phone)
    return TicketDraft(phone=phone, order_number=ticket.order_number or "", **values)


def _comparable(draft: TicketDraft, name: str) -> object:
    value = getattr(draft, name)
    if name == "phone":
        return normalize_phone(value) or value
    if value == "":
        return None
    return value


def _changes(original: TicketDraft, draft: TicketDraft) -> list[dict[str, object]]:
    """The tracked fields the draft changes, as the timeline records them (old and new)."""
    changes = []
    for name in TRACKED_FIELDS:
        if name == "phone" and original.phone == draft.phone:
            continue  # the same digits: no need to parse the number twice
        old, new = _comparable(original, name), _comparable(draft, name)
        if old != new:
            changes.append({"field": name, "old": _json_value(old), "new": _json_value(new)})
    return changes


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else value


def _timeline(session: Session, ticket_id: int) -> tuple[TimelineItem, ...]:
    # Plain rows, not entities: a ticket's timeline is read after every save.
    rows = session.execute(
        select(TimelineEntry.id, TimelineEntry.at, Agent.code, Agent.name, TimelineEntry.kind, TimelineEntry.changes,
               TimelineEntry.note)
        .join(Agent, Agent.id == TimelineEntry.agent_id)
        .where(TimelineEntry.ticket_id == ticket_id).order_by(TimelineEntry.at, TimelineEntry.id)
    ).all()
    return tuple(
        TimelineItem(entry_id, at, code, name, kind,
                     tuple((c["field"], c["old"], c["new"]) for c in json.loads(changes or "[]")), note)
        for entry_id, at, code, name, kind, changes, note in rows)


def _lifecycle(ticket: Ticket, now: datetime) -> Lifecycle:
    overdue, stale, moves = lifecycle.flags(ticket, now)
    return Lifecycle(
        status=ticket.status, handler=ticket.handler or "", response_due_at=ticket.response_due_at,
        responded_at=ticket.responded_at, last_progress_at=ticket.last_progress_at, resolved_at=ticket.resolved_at,
        closed_at=ticket.closed_at, coordinator=ticket.coordinator or "",
        coordinator_reply_at=ticket.coordinator_reply_at, escalated_to=ticket.escalated_to or "",
        final_position=ticket.final_position or "", plan=ticket.plan or "", handling_round=ticket.handling_round or 1,
        first_contact_resolved=ticket.first_contact_resolved, overdue=overdue, stale=stale, allowed_moves=moves)


def _detail(session: Session, ticket: Ticket, now: datetime | None = None) -> TicketDetail:
    return TicketDetail(
        id=ticket.id,
        number=ticket.number,
        version=ticket.version,
        draft=draft_from_ticket(ticket),
        customer_type=ticket.customer_type,
        agent_code=ticket.agent.code,
        agent_name=ticket.agent.name,
        department_name=ticket.department.name if ticket.department else "",
        handle_seconds=ticket.handle_seconds,
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
        archived_at=ticket.archived_at,
        timeline=_timeline(session, ticket.id),
        voided_at=ticket.voided_at,
        void_reason=ticket.void_reason,
        voided_by=ticket.voided_by,
        lifecycle=_lifecycle(ticket, now or utc_now()),
    )


def _sensitive(session: Session) -> list[str]:
    return list(CentreSettingsService.value_in(session, SENSITIVE_MODULES))


def _storage_error(exc: Exception) -> StorageError:
    log.error("database write failed: %s", type(exc).__name__)
    return StorageError(
        _("The ticket could not be saved because the database did not accept it ({reason}). "
          "Your entries are still in the form; try again in a moment.").format(reason=type(exc).__name__)
    )


class TicketService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        clock: Clock = utc_now,
        prefix: str = DEFAULT_PREFIX,
        serial_width: int = DEFAULT_SERIAL_WIDTH,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self.prefix = prefix
        self.serial_width = serial_width

    # --- reading -------------------------------------------------------------------

    def get(self, ticket_id: int) -> TicketDetail:
        with reading(), self._sessions() as session:
            ticket = session.get(Ticket, ticket_id)
            if ticket is None:
                raise NotFound(_("Ticket {id} does not exist.").format(id=ticket_id))
            return _detail(session, ticket, self._clock())

    def find_by_number(self, number: str) -> TicketDetail:
        with reading(), self._sessions() as session:
            ticket = session.execute(select(Ticket).where(Ticket.number == number.strip().upper())).scalar_one_or_none()
            if ticket is None:
                raise NotFound(_("There is no ticket numbered {number}.").format(number=number))
            return _detail(session, ticket, self._clock())

    # --- checking ------------------------------------------------------------------

    def _allowed(self, session: Session) -> dict[str, set[str]]:
        allowed: dict[str, set[str]] = {}
        rows = session.execute(select(ChoiceItem.list_key, ChoiceItem.code).where(ChoiceItem.active.is_(True)))
        for list_key, code in rows:
            allowed.setdefault(list_key, set()).add(code)
        return allowed

    # --- writing -------------------------------------------------------------------

    def create(self, draft: TicketDraft, actor: Actor) -> TicketDetail:
        """Save a new call; the number is allocated in the same transaction."""
        return self.create_many([draft], actor)[0]

    def create_many(self, drafts: Iterable[TicketDraft], actor: Actor) -> list[TicketDetail]:
        """Save several calls in one transaction (imports, demo data): all or none."""
        now = self._clock()
        try:
            with self._sessions.begin() as session:
                allowed = self._allowed(session)
                sensitive = _sensitive(session)
                agent = self._working_agent(session, actor)
                return [self._insert(session, _clean(draft), agent, now, allowed, sensitive) for draft in drafts]
        except (OperationalError, DBAPIError) as exc:
            raise _storage_error(exc) from exc

    def insert_in(self, session: Session, drafts: Iterable[TicketDraft], actor: Actor) -> Iterator[Ticket]:
        """Insert calls inside the caller's transaction (spreadsheet imports), yielding each saved ticket.

        Drafts are validated as ``create`` does; the caller commits or rolls back the whole batch.
        """
        now = self._clock()
        allowed = self._allowed(session)
        sensitive = _sensitive(session)
        agent = self._working_agent(session, actor)
        for draft in drafts:
            yield self._insert_ticket(session, _clean(draft), agent, now, allowed, sensitive)

    def validation_context(self, session: Session) -> tuple[dict[str, set[str]], list[str]]:
        """The allowed choice codes and the sensitive business modules, as ``create`` checks them."""
        return self._allowed(session), _sensitive(session)

    def _insert(
        self, session: Session, draft: TicketDraft, agent: Agent, now: datetime, allowed: dict[str, set[str]],
        sensitive: list[str],
    ) -> TicketDetail:
        return _detail(session, self._insert_ticket(session, draft, agent, now, allowed, sensitive), now)

    def _insert_ticket(
        self, session: Session, draft: TicketDraft, agent: Agent, now: datetime, allowed: dict[str, set[str]],
        sensitive: list[str],
    ) -> Ticket:
        report = validate_ticket(draft, now=now, choices=allowed, sensitive_modules=sensitive)
        if not report.ok:
            raise ValidationFailed(report)
        customer, customer_type = self._customer(session, draft, now)
        started = draft.call_started_at or now
        day = started.astimezone().date()
        serial = allocate_serial(session, self.prefix, day)
        ticket = Ticket(
            number=format_ticket_number(self.prefix, day, serial, self.serial_width),
            customer=customer,
            phone=customer.phone,
            phone_last4=customer.phone_last4,
            customer_type=customer_type,
            agent=agent,
            order_number=draft.order_number or None,
            created_at=now,
            updated_at=now,
            **{name: getattr(draft, name) for name in _COPIED},
        )
        ticket.call_started_at = started
        ticket.handle_seconds = self._handle_seconds(draft)
        lifecycle.on_create(session, ticket, now)
        session.add(ticket)
        session.flush()
        index_ticket(session, ticket)
        session.add(TimelineEntry(ticket_id=ticket.id, at=now, agent=agent, kind="created",
                                  note=draft.process_note or None))
        session.flush()
        return ticket

    def update(self, ticket_id: int, draft: TicketDraft, expected_version: int, actor: Actor) -> TicketDetail:
        """Save edits to a ticket read at ``expected_version``; refuses if it changed since."""
        draft = _clean(draft)
        now = self._clock()
        try:
            with self._sessions.begin() as session:
                ticket = session.get(Ticket, ticket_id)
                if ticket is None:
                    raise NotFound(_("Ticket {id} does not exist.").format(id=ticket_id))
                if ticket.version != expected_version:
                    raise ConflictError(ticket.number)
                if ticket.voided_at is not None:
                    raise ServiceError(_("Ticket {number} is void and cannot be changed.").format(number=ticket.number))
                original = draft_from_ticket(ticket, reveal=True)
                if not draft.phone or draft.phone == mask_phone(ticket.phone):
                    draft.phone = original.phone  # the masked number shown stands for the stored one
                # A draft without call times keeps the recorded ones (a call always has a start).
                draft.call_started_at = draft.call_started_at or original.call_started_at
                draft.call_ended_at = draft.call_ended_at or original.call_ended_at
                report = validate_ticket(draft, now=now, original=original, choices=self._allowed(session),
                                         sensitive_modules=_sensitive(session))
                if not report.ok:
                    raise ValidationFailed(report)
                if draft.status != ticket.status:
                    facts = lifecycle.facts_of(ticket)
                    facts.update({name: getattr(draft, name) for name in facts if hasattr(draft, name)})
                    move = check_move(ticket.status, draft.status, facts)
                    if not move.ok:
                        raise TransitionRefused(move.reason or "", move.missing)
                changes = _changes(original, draft)
                if not changes and not draft.process_note:
                    return _detail(session, ticket, now)
                old_status, old_priority = ticket.status, ticket.priority
                searched = searched_texts(ticket)
                agent = self._working_agent(session, actor)
                if any(change["field"] == "phone" for change in changes):
                    customer, customer_type = self._customer(session, draft, now, exclude_ticket=ticket.id)
                    ticket.customer = customer
                    ticket.phone = customer.phone
                    ticket.phone_last4 = customer.phone_last4
                    ticket.customer_type = customer_type
                for name in _COPIED:
                    setattr(ticket, name, getattr(draft, name))
                ticket.order_number = draft.order_number or None
                ticket.handle_seconds = self._handle_seconds(draft) or ticket.handle_seconds
                ticket.updated_at = now
                lifecycle.on_change(session, ticket, old_status, old_priority, now)
                session.flush()  # the ticket's UPDATE first: a lost race (version) stops here
                session.execute(insert(TimelineEntry.__table__).values(
                    ticket_id=ticket.id, at=now, agent_id=agent.id, kind="updated" if changes else "process",
                    changes=json.dumps(changes, ensure_ascii=False) if changes else None,
                    note=draft.process_note or None))
                reindex_ticket(session, ticket, searched)
                return _detail(session, ticket, now)
        except StaleDataError as exc:
            raise ConflictError(self.get(ticket_id).number) from exc
        except (OperationalError, DBAPIError) as exc:
            raise _storage_error(exc) from exc

    def add_process_entry(self, ticket_id: int, note: str, actor: Actor) -> TicketDetail:
        """Append a line to the ticket's process record (处理过程) without touching its fields."""
        note = note.strip()
        if not note:
            raise ValidationFailed(ValidationReport(MappingProxyType({"process_note": _("Write what was done.")})))
        now = self._clock()
        try:
            with self._sessions.begin() as session:
                ticket = self._ticket(session, ticket_id)
                if ticket.voided_at is not None:
                    raise ServiceError(_("Ticket {number} is void and cannot be changed.").format(number=ticket.number))
                agent = self._working_agent(session, actor)
                # The ticket row is left alone: a form holding this ticket can still save its edits.
                session.add(TimelineEntry(ticket_id=ticket.id, at=now, agent=agent, kind="process", note=note))
                lifecycle.touch_progress(session, ticket, now)
                session.flush()
                return _detail(session, ticket, now)
        except (OperationalError, DBAPIError) as exc:
            raise _storage_error(exc) from exc

    # --- privacy and voiding --------------------------------------------------------------

    def reveal_phone(self, ticket_id: int, actor: Actor, *, copied: bool = False) -> str:
        """The full number of one ticket, for a role that may see it; every reveal (and copy) is audited."""
        with self._sessions.begin() as session:
            authorize(session, actor, Permission.REVEAL_PHONE)
            ticket = self._ticket(session, ticket_id)
            record(session, actor, "copy_phone" if copied else "reveal_phone", self._clock(), target_kind="ticket",
                   target_id=ticket.id, target_label=ticket.number, details={"phone": mask_phone(ticket.phone)})
            return national_digits(ticket.phone)

    def void(self, ticket_id: int, reason: str, actor: Actor) -> TicketDetail:
        """Void a ticket logged by mistake: it stays (and is archived) marked void; never deleted."""
        reason = reason.strip()
        if not reason:
            raise ValidationFailed(ValidationReport(MappingProxyType(
                {"void_reason": _("Say why the ticket is void.")})))
        now = self._clock()
        with self._sessions.begin() as session:
            authorize(session, actor, Permission.VOID_TICKET)
            ticket = self._ticket(session, ticket_id)
            if ticket.voided_at is not None:
                raise ServiceError(_("Ticket {number} is void already.").format(number=ticket.number))
            agent = agent_for(session, actor)
            ticket.voided_at = now
            ticket.void_reason = reason
            ticket.voided_by = agent.code
            session.add(TimelineEntry(ticket_id=ticket.id, at=now, agent=agent, kind="voided", note=reason))
            record(session, actor, "void_ticket", now, target_kind="ticket", target_id=ticket.id,
                   target_label=ticket.number, details={"reason": reason})
            session.flush()
            return _detail(session, ticket)

    @staticmethod
    def _ticket(session: Session, ticket_id: int) -> Ticket:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise NotFound(_("Ticket {id} does not exist.").format(id=ticket_id))
        return ticket

    @staticmethod
    def _working_agent(session: Session, actor: Actor) -> Agent:
        """The active account saving; once accounts are set up, only a known one."""
        known = session.execute(select(Agent).where(Agent.code == actor.code)).scalar_one_or_none()
        if known is None and accounts_set_up(session):
            raise PermissionDenied(_("Account {code} is not active. Sign in again.").format(code=actor.code))
        if known is None:
            agent = agent_for(session, actor)
        else:  # what agent_for does with a known row, without reading it again
            agent = known
            if actor.name and agent.name != actor.name:
                agent.name = actor.name
        if not agent.active:
            raise PermissionDenied(_("Account {code} is not active. Sign in again.").format(code=actor.code))
        return agent

    # --- helpers -------------------------------------------------------------------

    @staticmethod
    def _handle_seconds(draft: TicketDraft) -> int | None:
        if draft.call_started_at and draft.call_ended_at:
            return max(0, int((draft.call_ended_at - draft.call_started_at).total_seconds()))
        return None

    @staticmethod
    def _customer(
        session: Session, draft: TicketDraft, now: datetime, exclude_ticket: int | None = None
    ) -> tuple[Customer, str]:
        """The customer for the draft's phone (created on first call) and 新/老客户 from the records."""
        e164 = normalize_phone(draft.phone)
        assert e164 is not None, "validated before"
        customer, created = get_or_create(
            session, select(Customer).where(Customer.phone == e164),
            lambda: Customer(phone=e164, phone_last4=phone_last4(e164), name=draft.customer_name,
                             account_type=draft.account_type, first_seen_at=now))
        if created:
            return customer, NEW_CUSTOMER
        if draft.customer_name:
            customer.name = draft.customer_name
        customer.account_type = draft.account_type
        earlier = select(func.count()).select_from(Ticket).where(Ticket.customer_id == customer.id)
        if exclude_ticket is not None:
            earlier = earlier.where(Ticket.id != exclude_ticket)
        seen = session.execute(earlier).scalar_one()
        return customer, RETURNING_CUSTOMER if seen else NEW_CUSTOMER

