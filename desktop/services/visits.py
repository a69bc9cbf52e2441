"""Follow-up visits (回访): proposing them by rule, a supervisor's target list, the due list, recording a visit.

Proposing is idempotent: a (ticket, kind, window) already proposed is never added again, and the
unique constraint on the table keeps two workstations proposing at once from doubling a visit.
Recording validates the form (desktop/rules/visits), flags a record saved later than 2 working days
after the visit, and writes the audit log in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.i18n import _
from desktop.models.entities import Agent, Ticket
from desktop.models.ticket_queries import within_local_days
from desktop.models.visits import Visit, VisitPlan
from desktop.rules import visits as rules
from desktop.rules.masking import display_name
from desktop.rules.permissions import Permission
from desktop.rules.phone import mask_phone
from desktop.rules.working_days import WorkCalendar
from desktop.services import audit, lifecycle
from desktop.services.agents import agent_for
from desktop.services.authorization import authorize
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import Actor
from desktop.services.errors import NotFound, ServiceError, StorageError, reading

# Resolved tickets looked at when proposing (older ones had their chance).
PROPOSE_LOOKBACK = timedelta(days=14)
# How far ahead the due list looks by default.
DUE_HORIZON = timedelta(days=7)
TARGET_LIMIT = 500


class RecordRefused(ServiceError):
    """The form has problems; ``errors`` maps each field to what to do. Nothing was saved."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__(next(iter(errors.values()), ""))
        self.errors = dict(errors)


@dataclass(frozen=True)
class VisitRow:
    id: int
    ticket_id: int
    number: str
    customer: str  # masked phone and name
    kind: str
    due_from: datetime
    due_until: datetime
    status: str
    assigned: str
    overdue: bool  # still planned after its window closed
    recorded_late: bool | None = None


@dataclass(frozen=True)
class VisitDetail:
    row: VisitRow
    visited_at: datetime | None
    recorded_at: datetime | None
    recorded_by: str | None
    scores: dict[str, int | None]
    recommendation: int | None
    resolved: bool | None
    customer_words: str
    follow_up_action: str


@dataclass(frozen=True)
class TargetFilter:
    """A supervisor's target list: tickets in the date range matching any chosen group
    (none chosen: every ticket in the range), one line per customer (the newest such ticket)."""

    date_from: date | None = None
    date_to: date | None = None
    past_complaints: bool = False
    low_scores: bool = False
    vip: bool = False
    new_customers: bool = False


@dataclass(frozen=True)
class TargetRow:
    customer_id: int
    ticket_id: int
    number: str
    customer: str
    call_started_at: datetime
    reasons: tuple[str, ...]  # which groups it matched: complaint, low_score, vip, new
    planned: bool  # a visit is already planned for the customer


LOW_SCORE_MAX = 2


def _complaint() -> ColumnElement[bool]:
    return or_(Ticket.issue_type.in_(sorted(rules.COMPLAINT_TYPES)),
               Ticket.business_module.in_(sorted(rules.COMPLAINT_MODULES)))


def _low_score() -> ColumnElement[bool]:
    return or_(Ticket.satisfaction == "unsatisfied", Ticket.satisfaction_score <= LOW_SCORE_MAX)


def _vip() -> ColumnElement[bool]:
    return Ticket.account_type == "vip"


def _new() -> ColumnElement[bool]:
    return Ticket.customer_type == "new"


def owned_visits(actor: Actor, agent: Agent | None) -> ColumnElement[bool]:
    """Visits ``actor`` is to make: assigned to them, or unassigned on a ticket they logged, handle or follow."""
    names = sorted(n for n in {actor.code, actor.name, agent.name if agent else ""} if n)
    ticket_owned = or_(Ticket.handler.in_(names), Ticket.follow_up_owner.in_(names))
    if agent is None:
        return and_(Visit.agent_id.is_(None), ticket_owned)
    return or_(Visit.agent_id == agent.id, and_(Visit.agent_id.is_(None), or_(Ticket.agent_id == agent.id,
                                                                            ticket_owned)))


def _storage(exc: Exception) -> StorageError:
    return StorageError(_("The visit could not be saved: the database is not reachable ({reason}). "
                          "Your entries are still in the form; try again in a moment.").format(
        reason=getattr(exc, "orig", None) or exc))


class VisitService:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    # --- proposing --------------------------------------------------------------------

    def propose(self, actor: Actor, *, ticket_id: int | None = None) -> int:
        """Add the visits the rules call for that are not there yet; returns how many were added.

        With ``ticket_id`` only that ticket's (after a save: cheap); without, every ticket resolved in
        the look-back and the periodic plans (at start-up, in a worker thread: seconds at a million)."""
        now = self._clock()
        try:
            with self._sessions.begin() as session:
                calendar = lifecycle.work_calendar(session)
                found = self._ticket_proposals(session, now, calendar, ticket_id)
                if ticket_id is None:
                    found += self._periodic_proposals(session, now)
                added = self._add(session, actor, found, now)
                if added:
                    audit.record(session, actor, "visits_proposed", now, details={"count": added})
                return added
        except IntegrityError:  # another workstation proposed the same visits at the same moment
            return 0
        except (OperationalError, DBAPIError) as exc:
            raise _storage(exc) from exc

    @staticmethod
    def _ticket_proposals(session: Session, now: datetime, calendar: WorkCalendar,
                          ticket_id: int | None = None) -> list[rules.Proposal]:
        statement = select(
            Ticket.id, Ticket.customer_id, Ticket.issue_type, Ticket.business_module, Ticket.priority,
            Ticket.customer_type, Ticket.resolved_at).where(
            Ticket.resolved_at.is_not(None), Ticket.resolved_at >= now - PROPOSE_LOOKBACK,
            Ticket.voided_at.is_(None))
        if ticket_id is not None:
            statement = statement.where(Ticket.id == ticket_id)
        rows = session.execute(statement).all()
        found: list[rules.Proposal] = []
        for row in rows:
            found += rules.propose_for_ticket(rules.ServedTicket(*row), calendar)
        return found

    @staticmethod
    def _periodic_proposals(session: Session, now: datetime) -> list[rules.Proposal]:
        found: list[rules.Proposal] = []
        for plan in session.scalars(select(VisitPlan)):
            last = session.execute(select(func.max(Visit.due_from)).where(
                Visit.customer_id == plan.customer_id, Visit.kind == rules.PERIODIC)).scalar_one()
            if last is not None and session.execute(select(Visit.id).where(
                    Visit.customer_id == plan.customer_id, Visit.kind == rules.PERIODIC,
                    Visit.status == rules.PLANNED).limit(1)).first():
                continue  # one periodic visit at a time
            ticket_id = session.execute(select(Ticket.id).where(Ticket.customer_id == plan.customer_id)
                                        .order_by(Ticket.call_started_at.desc(), Ticket.id.desc()).limit(1)
                                        ).scalar_one_or_none()
            if ticket_id is None:
                continue
            proposal = rules.propose_periodic(plan.customer_id, ticket_id, plan.period, last or plan.since, now)
            if proposal is not None:
                found.append(proposal)
        return found

    @staticmethod
    def _add(session: Session, actor: Actor, found: Sequence[rules.Proposal], now: datetime,
             agent_id: int | None = None) -> int:
        if not found:
            return 0
        ticket_ids = sorted({p.ticket_id for p in found})
        existing = {(t, k, d) for t, k, d in session.execute(
            select(Visit.ticket_id, Visit.kind, Visit.due_from).where(Visit.ticket_id.in_(ticket_ids)))}
        existing_kinds = {(t, k) for t, k, _d in existing}
        added = 0
        for p in found:
            # A rule's kind is proposed once per ticket; periodic and targeted visits once per window.
            once = p.kind not in (rules.PERIODIC, rules.TARGETED)
            if (p.ticket_id, p.kind, p.due_from) in existing or (once and (p.ticket_id, p.kind) in existing_kinds):
                continue
            session.add(Visit(ticket_id=p.ticket_id, customer_id=p.customer_id, kind=p.kind, due_from=p.due_from,
                              due_until=p.due_until, status=rules.PLANNED, agent_id=agent_id, created_at=now,
                              created_by=actor.code))
            existing.add((p.ticket_id, p.kind, p.due_from))
            existing_kinds.add((p.ticket_id, p.kind))
            added += 1
        return added

    def set_periodic(self, actor: Actor, customer_id: int, period: str | None) -> None:
        """Mark a customer for monthly or quarterly visits (None: no more periodic visits)."""
        now = self._clock()
        if period is not None and period not in rules.PERIODS:
            raise ServiceError(_("Choose monthly or quarterly visits."))
        with self._sessions.begin() as session:
            authorize(session, actor, Permission.PLAN_QUALITY)
            plan = session.get(VisitPlan, customer_id)
            if period is None:
                if plan is not None:
                    session.delete(plan)
            elif plan is None:
                session.add(VisitPlan(customer_id=customer_id, period=period, since=now, set_by=actor.code))
            else:
                plan.period = period
            audit.record(session, actor, "visit_plan_changed", now, target_kind="customer", target_id=customer_id,
                         details={"period": period or ""})

    # --- the target list -------------------------------------------------------------

    def targets(self, actor: Actor, flt: TargetFilter) -> list[TargetRow]:
        groups = [(flt.past_complaints, _complaint()), (flt.low_scores, _low_score()), (flt.vip, _vip()),
                  (flt.new_customers, _new())]
        chosen = [condition for wanted, condition in groups if wanted]
        newest = within_local_days(select(func.max(Ticket.id).label("id")).where(Ticket.voided_at.is_(None)),
                                   Ticket.call_started_at, flt.date_from, flt.date_to)
        if chosen:
            newest = newest.where(or_(*chosen))
        newest_ids = newest.group_by(Ticket.customer_id).subquery()
        statement = (select(Ticket.customer_id, Ticket.id, Ticket.number, Ticket.phone, Ticket.customer_name,
                            Ticket.call_started_at, _complaint(), _low_score(), _vip(), _new())
                     .join(newest_ids, newest_ids.c.id == Ticket.id)
                     .order_by(Ticket.call_started_at.desc(), Ticket.id.desc()).limit(TARGET_LIMIT))
        with reading(), self._sessions() as session:
            authorize(session, actor, Permission.PLAN_QUALITY)
            rows = session.execute(statement).all()
            customer_ids = sorted({row[0] for row in rows})
            planned = set(session.scalars(select(Visit.customer_id).where(
                Visit.customer_id.in_(customer_ids), Visit.status == rules.PLANNED))) if customer_ids else set()
        names = ("complaint", "low_score", "vip", "new")
        return [TargetRow(r[0], r[1], r[2], f"{mask_phone(r[3])} {display_name(r[4])}", r[5],
                          tuple(n for n, flag in zip(names, r[6:10], strict=True) if flag), r[0] in planned)
                for r in rows]

    def plan(self, actor: Actor, ticket_ids: Iterable[int], due_from: datetime, due_until: datetime,
             agent_code: str | None = None) -> int:
        """Plan a targeted visit for each ticket's customer in the given window; returns how many were added."""
        if due_until <= due_from:
            raise RecordRefused({"due_until": _("The window must end after it starts.")})
        now = self._clock()
        try:
            with self._sessions.begin() as session:
                authorize(session, actor, Permission.PLAN_QUALITY)
                agent_id = None
                if agent_code:
                    agent = session.execute(select(Agent).where(Agent.code == agent_code)).scalar_one_or_none()
                    if agent is None:
                        raise NotFound(_("There is no agent {code}.").format(code=agent_code))
                    agent_id = agent.id
                ids = sorted(set(ticket_ids))
                rows = session.execute(select(Ticket.id, Ticket.customer_id).where(Ticket.id.in_(ids))).all()
                found = [rules.Proposal(t, c, rules.TARGETED, due_from, due_until) for t, c in rows]
                added = self._add(session, actor, found, now, agent_id)
                audit.record(session, actor, "visits_planned", now, details={"count": added})
                return added
        except IntegrityError:
            return 0
        except (OperationalError, DBAPIError) as exc:
            raise _storage(exc) from exc

    # --- the due list ----------------------------------------------------------------

    def due(self, actor: Actor, *, horizon: timedelta = DUE_HORIZON, mine_only: bool = False) -> list[VisitRow]:
        """Planned visits whose window opens before ``horizon`` from now, earliest first (overdue ones too)."""
        now = self._clock()
        statement = (self._row_select().where(Visit.status == rules.PLANNED, Visit.due_from <= now + horizon)
                     .order_by(Visit.due_from, Visit.id))
        with reading(), self._sessions() as session:
            if mine_only:
                agent = session.execute(select(Agent).where(Agent.code == actor.code)).scalar_one_or_none()
                statement = statement.where(owned_visits(actor, agent))
            return [self._row(row, now) for row in session.execute(statement)]

    def get(self, visit_id: int) -> VisitDetail:
        now = self._clock()
        with reading(), self._sessions() as session:
            row = session.execute(self._row_select().where(Visit.id == visit_id)).one_or_none()
            visit = session.get(Visit, visit_id)
            if row is None or visit is None:
                raise NotFound(_("Visit {id} does not exist.").format(id=visit_id))
            return VisitDetail(self._row(row, now), visit.visited_at, visit.recorded_at, visit.recorded_by,
                               {name: getattr(visit, name) for name in rules.DIMENSIONS}, visit.recommendation,
                               visit.resolved, visit.customer_words or "", visit.follow_up_action or "")

    @staticmethod
    def _row_select():  # type: ignore[no-untyped-def]
        return (select(Visit.id, Visit.ticket_id, Ticket.number, Ticket.phone, Ticket.customer_name, Visit.kind,
                       Visit.due_from, Visit.due_until, Visit.status, Agent.name, Visit.recorded_late)
                .join(Ticket, Ticket.id == Visit.ticket_id).outerjoin(Agent, Agent.id == Visit.agent_id))

    @staticmethod
    def _row(row: object, now: datetime) -> VisitRow:
        (visit_id, ticket_id, number, phone, name, kind, due_from, due_until, status, assigned,
         late) = row  # type: ignore[misc]
        return VisitRow(visit_id, ticket_id, number, f"{mask_phone(phone)} {display_name(name)}", kind, due_from,
                        due_until, status, assigned or "", status == rules.PLANNED and due_until < now, late)

    # --- recording -------------------------------------------------------------------

    def record(self, actor: Actor, visit_id: int, record: rules.VisitRecord) -> VisitDetail:
        """Save what the visit found. Refused (``RecordRefused``, nothing saved) while the form has problems."""
        now = self._clock()
        report = rules.validate_record(record, now)
        if not report.ok:
            raise RecordRefused(report.errors)
        try:
            with self._sessions.begin() as session:
                authorize(session, actor, Permission.LOG_TICKETS)
                visit = session.get(Visit, visit_id)
                if visit is None:
                    raise NotFound(_("Visit {id} does not exist.").format(id=visit_id))
                if visit.status != rules.PLANNED:
                    raise RecordRefused({"status": _("This visit was already recorded by {code}.").format(
                        code=visit.recorded_by or "")})
                agent_for(session, actor)
                visit.status = record.status
                visit.visited_at = record.visited_at
                visit.recorded_at = now
                visit.recorded_by = actor.code
                visit.recorded_late = rules.is_late(record.visited_at, now, lifecycle.work_calendar(session))
                done = record.status == rules.DONE
                for name in rules.DIMENSIONS:
                    setattr(visit, name, record.scores.get(name) if done else None)
                visit.recommendation = record.recommendation if done else None
                visit.resolved = record.resolved if done else None
                visit.customer_words = record.customer_words.strip() or None
                visit.follow_up_action = record.follow_up_action.strip() or None
                audit.record(session, actor, "visit_recorded", now, target_kind="visit", target_id=visit.id,
                             details={"status": record.status, "late": bool(visit.recorded_late)})
        except ServiceError:
            raise
        except (OperationalError, DBAPIError) as exc:
            raise _storage(exc) from exc
        return self.get(visit_id)
