"""The retention purge: tickets older than the centre keeps them (default 2 years) are removed, after
being exported to a file, in one transaction, with an audit entry. Nothing younger can be removed.

The tickets' follow-up visits and their links to improvement actions go with them (the actions stay);
customers left without any ticket, visit or visit plan are removed too (their numbers are personal
data kept only for those). The audit log itself is never purged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.i18n import _, to_local
from desktop.models.aids import SearchTerm
from desktop.models.entities import (
    Customer,
    ImportKey,
    PurgeMark,
    ReminderMark,
    Ticket,
    TimelineEntry,
)
from desktop.models.ticket_queries import SEARCH_KIND, TicketFilter, local_day_start
from desktop.models.visits import ImprovementLink, Visit, VisitPlan
from desktop.rules.centre_options import RETENTION_YEARS
from desktop.rules.permissions import Permission
from desktop.rules.retention import first_kept_day
from desktop.services.audit import record
from desktop.services.authorization import authorize
from desktop.services.centre_settings import CentreSettingsService
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import Actor
from desktop.services.errors import ServiceError, StorageError, reading
from desktop.services.ticket_export import Progress, TicketExportService


@dataclass(frozen=True)
class PurgePlan:
    years: int
    first_kept: date  # tickets of this day and later stay
    count: int  # tickets before it
    oldest: date | None

    @property
    def last_removed(self) -> date:
        return self.first_kept - timedelta(days=1)


class RetentionService:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    def plan(self) -> PurgePlan:
        """What a purge would remove now, by the centre's retention setting."""
        with reading(), self._sessions() as session:
            years = int(CentreSettingsService.value_in(session, RETENTION_YEARS))
            first_kept = first_kept_day(to_local(self._clock()).date(), years)
            before = Ticket.call_started_at < local_day_start(first_kept)
            count, oldest = session.execute(select(func.count(), func.min(Ticket.call_started_at)).where(before)).one()
        return PurgePlan(years, first_kept, int(count), to_local(oldest).date() if oldest else None)

    def purge(self, actor: Actor, export_to: Path, plan: PurgePlan, progress: Progress | None = None) -> int:
        """Export the tickets of ``plan`` to ``export_to``, then remove them; returns how many went.

        Refused when the setting changed since ``plan`` (the caller shows the plan again), for anyone
        but an administrator, and when the export fails (then nothing is removed)."""
        with reading(), self._sessions() as session:
            authorize(session, actor, Permission.MANAGE_SETTINGS)
        if self.plan() != plan:
            raise ServiceError(_("The tickets to remove have changed since you looked. Look again, then confirm."))
        if plan.count == 0:
            return 0
        flt = TicketFilter(date_to=plan.last_removed)
        exporter = TicketExportService(self._sessions, clock=self._clock)
        exported = exporter.export(export_to, flt, progress) if progress else exporter.export(export_to, flt)
        if exported != plan.count:
            raise ServiceError(_("The export holds {exported} tickets instead of {count}; nothing was removed. "
                                 "Try again.").format(exported=exported, count=plan.count))
        try:
            with self._sessions.begin() as session:
                authorize(session, actor, Permission.MANAGE_SETTINGS)
                removed = self._remove(session, local_day_start(plan.first_kept))
                record(session, actor, "purge", self._clock(), target_kind="setting", target_label="retention",
                       details={"removed": removed, "before": plan.first_kept.isoformat(), "years": plan.years,
                                "export": str(export_to)})
        except (OperationalError, DBAPIError) as exc:
            raise StorageError(_("The old tickets could not be removed: the database refused ({reason}). Nothing "
                                 "was removed; the export is kept.").format(reason=type(exc).__name__)) from exc
        return removed

    @staticmethod
    def _remove(session: Session, before: object) -> int:
        doomed = select(Ticket.id).where(Ticket.call_started_at < before)
        session.execute(insert(PurgeMark).from_select(["ticket_id"], doomed))
        marked = select(PurgeMark.ticket_id)
        visits = select(Visit.id).where(Visit.ticket_id.in_(marked))
        session.execute(delete(ImprovementLink).where(or_(ImprovementLink.ticket_id.in_(marked),
                                                          ImprovementLink.visit_id.in_(visits))))
        session.execute(delete(Visit).where(Visit.ticket_id.in_(marked)))
        session.execute(delete(TimelineEntry).where(TimelineEntry.ticket_id.in_(marked)))
        session.execute(delete(ReminderMark).where(ReminderMark.ticket_id.in_(marked)))
        session.execute(delete(ImportKey).where(ImportKey.ticket_id.in_(marked)))
        session.execute(delete(SearchTerm).where(SearchTerm.kind == SEARCH_KIND, SearchTerm.owner_id.in_(marked)))
        removed = session.execute(delete(Ticket).where(Ticket.id.in_(marked))).rowcount or 0
        still_needed = or_(select(Ticket.id).where(Ticket.customer_id == Customer.id).exists(),
                           select(Visit.id).where(Visit.customer_id == Customer.id).exists(),
                           select(VisitPlan.customer_id).where(VisitPlan.customer_id == Customer.id).exists())
        session.execute(delete(Customer).where(~still_needed))
        session.execute(delete(PurgeMark))
        return int(removed)
