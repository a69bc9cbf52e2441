"""Errors a service raises for the caller to show; each carries what the user needs."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, OperationalError

from desktop.i18n import _
from desktop.rules.ticket_validation import ValidationReport


class ServiceError(Exception):
    """A refusal the user can act on; ``str()`` is the translated message."""


class ValidationFailed(ServiceError):
    def __init__(self, report: ValidationReport) -> None:
        super().__init__(report.summary())
        self.report = report


class NotFound(ServiceError):
    pass


class ConflictError(ServiceError):
    """Someone else saved the ticket first; the caller keeps the user's edits."""

    def __init__(self, number: str) -> None:
        super().__init__(
            _("Ticket {number} was changed by someone else while you were editing it. "
              "Your changes are still in the form: reload the ticket, apply them again and save.").format(number=number)
        )
        self.number = number


class PermissionDenied(ServiceError):
    """The signed-in account's role may not do this."""


class StorageError(ServiceError):
    """The database refused or could not be reached; nothing was saved."""


class NetworkShareRefused(StorageError):
    """A SQLite file on a network share: refused, the shared mode is PostgreSQL."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.path = path


class DatabaseDamaged(StorageError):
    """The SQLite file failed its integrity check (or is not a database): never used as it is."""

    def __init__(self, message: str, *, path: str, detail: str) -> None:
        super().__init__(message)
        self.path = path
        self.detail = detail


class BackupError(StorageError):
    """A backup could not be written or read, or a restore was refused; the database is unchanged."""


@contextmanager
def reading() -> Iterator[None]:
    """Turn a failed read (locked, unreachable, damaged) into a message the user can act on."""
    try:
        yield
    except (OperationalError, DBAPIError) as exc:
        logging.getLogger(__name__).error("database read failed: %s", type(exc).__name__)
        raise StorageError(
            _("The tickets cannot be read from the database right now ({reason}). "
              "Wait a moment and press F5; if it keeps happening, tell your administrator.").format(
                reason=type(exc).__name__)
        ) from exc


class TransitionRefused(ValidationFailed):
    """A status move the status machine does not allow, or one missing what the target state needs."""

    def __init__(self, reason: str, missing: Mapping[str, str]) -> None:
        from types import MappingProxyType

        self.report = ValidationReport(MappingProxyType({"status": reason, **missing}))
        self.reason = reason
        ServiceError.__init__(self, reason)
