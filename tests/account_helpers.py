"""A centre with one account per role, built through the services as an administrator would."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from desktop.rules.passwords import make_hasher
from desktop.services.accounts import AccountService
from desktop.services.audit import AuditFilter, AuditRow, AuditService
from desktop.services.centre_settings import CentreSettingsService
from desktop.services.database import Database
from desktop.services.dto import Actor
from desktop.services.ticket_list import TicketListService
from desktop.services.tickets import TicketService
from tests.helpers import FakeClock

ADMIN_PASSWORD = "desk2023Admin"
PASSWORDS: dict[str, str] = {
    "M001": ADMIN_PASSWORD,
    "S001": "lead2023Shift",
    "A1001": "calls2023Day",
    "M002": "spare2023Admin",
}


@dataclass
class Centre:
    """The services over one database, and an actor for every kind of account."""

    database: Database
    clock: FakeClock
    accounts: AccountService
    audit: AuditService
    centre: CentreSettingsService
    tickets: TicketService
    ticket_list: TicketListService
    admin: Actor
    supervisor: Actor
    agent: Actor
    retired_admin: Actor  # an administrator account that has been deactivated
    stranger: Actor  # a code with no account at all

    def actor(self, kind: str) -> Actor:
        return getattr(self, kind)  # type: ignore[no-any-return]

    def entries(self, action: str | None = None) -> list[AuditRow]:
        """The audit log as the administrator reads it, newest first."""
        return self.audit.page(self.admin, AuditFilter(action=action), limit=1000)

    def raw_count(self, table: str) -> int:
        with self.database.engine.connect() as connection:
            return int(connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())


def account_service(database: Database, clock: FakeClock) -> AccountService:
    return AccountService(database.sessions, clock=clock, hasher=make_hasher(fast=True))


def build_centre(database: Database, clock: FakeClock) -> Centre:
    accounts = account_service(database, clock)
    admin = accounts.create_first_admin("M001", "李主任", ADMIN_PASSWORD)
    supervisor = accounts.save_account(admin, "S001", "周组长", "supervisor", password=PASSWORDS["S001"]).actor()
    agent = accounts.save_account(admin, "A1001", "张敏", "agent", password=PASSWORDS["A1001"]).actor()
    retired = accounts.save_account(admin, "M002", "前管理员", "admin", password=PASSWORDS["M002"]).actor()
    accounts.save_account(admin, "M002", "前管理员", "admin", active=False)
    return Centre(
        database=database,
        clock=clock,
        accounts=accounts,
        audit=AuditService(database.sessions, clock=clock),
        centre=CentreSettingsService(database.sessions, clock=clock),
        tickets=TicketService(database.sessions, clock=clock),
        ticket_list=TicketListService(database.sessions),
        admin=admin,
        supervisor=supervisor,
        agent=agent,
        retired_admin=retired,
        stranger=Actor("Z999", "路人", "admin"),
    )
