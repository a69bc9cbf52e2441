"""The automatic daily archive: writes the due days' archive PDFs into the archive folder, named by date.

Which days are due and when it runs next are the pure rules of :mod:`desktop.rules.auto_archive`; this
service reads what they need (the centre's working-day calendar, the days that had calls, the files already
in the folder) with an injected clock, and writes the files. No Qt: the window only arms one timer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.export.documents import Imprint, OutputError, write_day_archive
from desktop.i18n import _
from desktop.models.entities import Ticket
from desktop.models.ticket_queries import local_day_start
from desktop.rules.auto_archive import DEFAULT_TIME, due_days, file_name, next_run, parse_time, window, written_days
from desktop.rules.working_days import WorkCalendar
from desktop.services.archive import ArchiveService
from desktop.services.clock import Clock, utc_now
from desktop.services.errors import ServiceError, reading
from desktop.services.lifecycle import work_calendar

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AutoArchiveSettings:
    enabled: bool
    at: time
    folder: Path
    since: date | None = None
    is_landscape: bool = True

    @classmethod
    def of(cls, enabled: bool, at: str, folder: Path, since: str = "") -> AutoArchiveSettings:
        try:
            first = date.fromisoformat(since) if since else None
        except ValueError:
            first = None
        return cls(enabled, parse_time(at) or DEFAULT_TIME, folder, first)


@dataclass
class RunReport:
    written: list[date] = field(default_factory=list)
    failed: list[tuple[date, str]] = field(default_factory=list)
    problem: str = ""  # what stopped the whole run (the folder, the database), to tell the user

    def messages(self) -> list[str]:
        return ([self.problem] if self.problem else []) + [message for _day, message in self.failed]


class AutoArchiveService:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock
        self.archive = ArchiveService(sessions, clock=clock)

    def _now(self) -> datetime:
        return self._clock().astimezone()  # local time: the set time of day is the workstation's

    def _calendar(self) -> WorkCalendar:
        with reading(), self._sessions() as session:
            return work_calendar(session)

    def days_with_calls(self, first: date, last: date) -> set[date]:
        """The local days from ``first`` to ``last`` on which at least one call started."""
        with reading(), self._sessions() as session:
            starts = session.scalars(
                select(Ticket.call_started_at).where(Ticket.call_started_at >= local_day_start(first),
                                                     Ticket.call_started_at < local_day_start(last + timedelta(1)))
            ).all()
        return {moment.astimezone().date() for moment in starts}

    @staticmethod
    def written(folder: Path) -> set[date]:
        try:
            return written_days(entry.name for entry in folder.iterdir() if entry.is_file())
        except FileNotFoundError:
            return set()
        except OSError as exc:
            raise OutputError(_("The archive folder {folder} cannot be read: {reason}. Choose another folder in "
                                "the settings.").format(folder=folder, reason=exc.strerror or exc)) from exc

    def due(self, settings: AutoArchiveSettings) -> list[date]:
        """The days whose archive PDF should be in the folder by now and is not, oldest first."""
        if not settings.enabled:
            return []
        now = self._now()
        span = window(now.replace(tzinfo=None), settings.at, settings.since)
        if span is None:
            return []
        return due_days(now.replace(tzinfo=None), settings.at, written=self.written(settings.folder),
                        is_working_day=self._calendar().is_working_day,
                        days_with_calls=self.days_with_calls(*span), since=settings.since)

    def next_run(self, settings: AutoArchiveSettings) -> datetime | None:
        """When the next day's archive falls due (aware, local); None when switched off."""
        if not settings.enabled:
            return None
        return next_run(self._now(), settings.at, self._calendar().is_working_day)

    def run(self, settings: AutoArchiveSettings, imprint: Imprint | None = None,
            keep_going: Callable[[], bool] = lambda: True) -> RunReport:
        """Write every due day's PDF; a day that fails is reported and the others are still written."""
        report = RunReport()
        try:
            days = self.due(settings)
        except ServiceError as exc:
            report.problem = str(exc)
            return report
        if not days:
            return report
        try:
            settings.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            report.problem = _("The archive folder {folder} cannot be created: {reason}. Choose another folder in "
                               "the settings.").format(folder=settings.folder, reason=exc.strerror or exc)
            return report
        for day in days:
            if not keep_going():
                break
            try:
                write_day_archive(self.archive, day, settings.folder / file_name(day), imprint=imprint or Imprint(),
                                  is_landscape=settings.is_landscape)
            except ServiceError as exc:
                log.warning("automatic archive of %s failed: %s", day, exc)
                report.failed.append((day, str(exc)))
            else:
                report.written.append(day)
        return report
