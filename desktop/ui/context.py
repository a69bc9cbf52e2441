"""What the window needs, built once by desktop.app and handed in (no globals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from argon2 import PasswordHasher

from desktop.autostart import Autostart
from desktop.config import WorkstationConfig
from desktop.drafts import DraftStore
from desktop.rules.centre_options import HANDLERS, SENSITIVE_MODULES
from desktop.rules.permissions import Permission, allowed
from desktop.services.accounts import AccountService
from desktop.services.audit import AuditService
from desktop.services.centre_lists import CentreListService
from desktop.services.centre_settings import CentreSettingsService
from desktop.services.choices import ChoiceService
from desktop.services.clock import Clock, utc_now
from desktop.services.customers import CustomerService
from desktop.services.database import Database
from desktop.services.dto import Actor, ChoiceOption, DepartmentOption
from desktop.services.reminders import ReminderService
from desktop.services.ticket_list import TicketListService
from desktop.services.tickets import TicketService
from desktop.services.transitions import LifecycleService
from desktop.ui.messages import Messages


@dataclass
class AppContext:
    database: Database
    config: WorkstationConfig
    save_config: Callable[[WorkstationConfig], None]
    settings_path: str
    messages: Messages = field(default_factory=Messages)
    clock: Clock = utc_now
    drafts: DraftStore | None = None
    signed_in: Actor | None = None
    hasher: PasswordHasher | None = None
    autostart: Autostart = field(default_factory=Autostart)

    def __post_init__(self) -> None:
        sessions = self.database.sessions
        self.tickets = TicketService(sessions, clock=self.clock, prefix=self.config.ticket_prefix)
        self.ticket_list = TicketListService(sessions)
        self.lifecycle = LifecycleService(sessions, clock=self.clock)
        self.customers = CustomerService(sessions)
        self.choices = ChoiceService(sessions)
        self.accounts = AccountService(sessions, clock=self.clock, hasher=self.hasher)
        self.audit = AuditService(sessions, clock=self.clock)
        self.centre = CentreSettingsService(sessions, clock=self.clock)
        self.centre_lists = CentreListService(sessions, clock=self.clock)
        self.reminders = ReminderService(sessions, clock=self.clock,
                                         lead=timedelta(minutes=self.config.reminder_lead_minutes))
        self.reload_lists()

    def reload_lists(self) -> None:
        """Read the lists and departments again (after the language or the lists change)."""
        self.options: dict[str, list[ChoiceOption]] = self.choices.all_options()
        self._labels = self.choices.labels()
        self.departments: list[DepartmentOption] = self.choices.departments()
        self.sensitive_modules: list[str] = list(self.centre.get(SENSITIVE_MODULES))
        self.handlers: dict[str, list[str]] = dict(self.centre.get(HANDLERS))

    def label(self, list_key: str, code: str) -> str:
        return self._labels.get(list_key, {}).get(code, code)

    def department_names(self) -> dict[int, str]:
        return {d.id: d.name for d in self.departments}

    def actor(self) -> Actor:
        """The signed-in account (services check its role in the database on every protected call)."""
        if self.signed_in is not None:
            return self.signed_in
        return Actor(self.config.agent_code, self.config.agent_name)

    def may(self, permission: Permission) -> bool:
        """Whether to show a control: the service refuses regardless, this only keeps the UI honest."""
        return allowed(self.actor().role, permission)
