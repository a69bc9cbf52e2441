"""Voiding keeps the ticket and audits it; nothing deletes a ticket; the audit log is append-only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from desktop.models.ticket_queries import TicketFilter
from desktop.services.accounts import AccountService
from desktop.services.audit import AuditFilter, AuditService
from desktop.services.centre_settings import CentreSettingsService
from desktop.services.customers import CustomerService
from desktop.services.database import Database
from desktop.services.errors import ServiceError, ValidationFailed
from desktop.services.ticket_list import TicketListService
from desktop.services.tickets import TicketService
from tests.account_helpers import Centre, build_centre
from tests.helpers import FakeClock, make_draft

REASON = "同一来电重复登记"


@pytest.fixture
def centre(database: Database, clock: FakeClock) -> Centre:
    return build_centre(database, clock)


@pytest.fixture
def ticket_id(centre: Centre) -> int:
    ticket_id = centre.tickets.create(make_draft(), centre.agent).id
    centre.clock.advance(minutes=3)
    return ticket_id


def test_void_keeps_the_ticket_and_records_who_why_and_when(centre: Centre, ticket_id: int) -> None:
    voided = centre.tickets.void(ticket_id, f"  {REASON} ", centre.supervisor)
    assert (voided.voided_at, voided.void_reason, voided.voided_by) == (centre.clock.now, REASON, "S001")
    again = centre.tickets.find_by_number(voided.number)
    assert (again.id, again.voided_at, again.void_reason, again.voided_by) == (
        ticket_id, centre.clock.now, REASON, "S001")
    assert again.draft.description == make_draft().description
    rows = centre.ticket_list.page(TicketFilter(), 50)
    assert [row.id for row in rows] == [ticket_id]
    assert centre.ticket_list.count(TicketFilter()) == 1


def test_void_writes_a_timeline_entry(centre: Centre, ticket_id: int) -> None:
    detail = centre.tickets.void(ticket_id, REASON, centre.supervisor)
    last = detail.timeline[-1]
    assert (last.kind, last.note, last.agent_code, last.at) == ("voided", REASON, "S001", centre.clock.now)
    assert [item.kind for item in detail.timeline] == ["created", "voided"]


def test_void_writes_an_audit_entry(centre: Centre, ticket_id: int) -> None:
    number = centre.tickets.void(ticket_id, REASON, centre.admin).number
    entries = centre.entries("void_ticket")
    assert [(e.actor_code, e.target_kind, e.target_id, e.target_label, e.details) for e in entries] == [
        ("M001", "ticket", ticket_id, number, {"reason": REASON})]
    assert entries[0].at == centre.clock.now


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_void_needs_a_reason(centre: Centre, ticket_id: int, reason: str) -> None:
    audited = centre.raw_count("audit_log")
    with pytest.raises(ValidationFailed) as refused:
        centre.tickets.void(ticket_id, reason, centre.supervisor)
    assert set(refused.value.report.errors) == {"void_reason"}
    assert centre.tickets.get(ticket_id).voided_at is None
    assert centre.raw_count("audit_log") == audited


def test_a_void_ticket_cannot_be_voided_again(centre: Centre, ticket_id: int) -> None:
    centre.tickets.void(ticket_id, REASON, centre.supervisor)
    with pytest.raises(ServiceError):
        centre.tickets.void(ticket_id, "再作废一次", centre.admin)
    assert centre.tickets.get(ticket_id).void_reason == REASON
    assert len(centre.entries("void_ticket")) == 1


def test_a_void_ticket_cannot_be_updated(centre: Centre, ticket_id: int) -> None:
    detail = centre.tickets.void(ticket_id, REASON, centre.supervisor)
    draft = detail.draft
    draft.description = "改过的描述"
    with pytest.raises(ServiceError, match=detail.number):
        centre.tickets.update(ticket_id, draft, detail.version, centre.supervisor)
    assert centre.tickets.get(ticket_id).draft.description == make_draft().description


def test_voiding_an_unknown_ticket_is_refused(centre: Centre) -> None:
    with pytest.raises(ServiceError):
        centre.tickets.void(999, REASON, centre.supervisor)
    assert centre.entries("void_ticket") == []


# --- nothing deletes ----------------------------------------------------------------------------

@pytest.mark.parametrize("service", [TicketService, TicketListService, CustomerService, AuditService,
                                     AccountService, CentreSettingsService])
def test_no_service_offers_to_delete_or_remove(service: type) -> None:
    names = [name for name in dir(service) if not name.startswith("__")]
    assert names, "the service has methods"
    assert [n for n in names if any(word in n.lower() for word in ("delete", "remove", "purge", "erase"))] == []


# --- the audit log is append-only ------------------------------------------------------------

@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET actor_code = 'X' WHERE action = 'account_created'",
    "UPDATE audit_log SET details = NULL",
    "DELETE FROM audit_log WHERE action = 'account_created'",
    "DELETE FROM audit_log",
])
def test_the_audit_log_refuses_changes_at_the_database_level(centre: Centre, statement: str) -> None:
    before = centre.entries()
    assert before
    with pytest.raises(DBAPIError, match="append-only"), centre.database.engine.begin() as connection:
        connection.execute(text(statement))
    assert centre.entries() == before


def test_the_audit_log_still_takes_new_entries(centre: Centre) -> None:
    before = centre.raw_count("audit_log")
    centre.audit.log(centre.agent, "print", target_kind="ticket", target_label="CS20231015001",
                     details={"pages": 2})
    assert centre.raw_count("audit_log") == before + 1
    newest = centre.entries("print")[0]
    assert (newest.actor_code, newest.target_label, newest.details) == ("A1001", "CS20231015001", {"pages": 2})
    assert newest.workstation


# --- reading the audit log -------------------------------------------------------------------

def test_the_audit_log_pages_newest_first_by_key(centre: Centre) -> None:
    for minute in range(7):
        centre.clock.advance(minutes=1)
        centre.audit.log(centre.agent, "print", target_label=f"P{minute}")
    first = centre.audit.page(centre.admin, AuditFilter(action="print"), limit=3)
    assert [row.target_label for row in first] == ["P6", "P5", "P4"]
    second = centre.audit.page(centre.admin, AuditFilter(action="print"), limit=3,
                               after=(first[-1].at, first[-1].id))
    assert [row.target_label for row in second] == ["P3", "P2", "P1"]
    last = centre.audit.page(centre.admin, AuditFilter(action="print"), limit=3, after=(second[-1].at, second[-1].id))
    assert [row.target_label for row in last] == ["P0"]


def test_entries_at_the_same_moment_page_without_loss(centre: Centre) -> None:
    for index in range(5):
        centre.audit.log(centre.agent, "print", target_label=f"P{index}")
    seen: list[str] = []
    after = None
    while page := centre.audit.page(centre.admin, AuditFilter(action="print"), limit=2, after=after):
        seen += [row.target_label or "" for row in page]
        after = (page[-1].at, page[-1].id)
    assert seen == ["P4", "P3", "P2", "P1", "P0"]


def test_the_audit_log_filters_by_agent_action_and_day(centre: Centre) -> None:
    day = centre.clock.now.astimezone().date()
    centre.audit.log(centre.agent, "print")
    centre.clock.advance(days=2)
    centre.audit.log(centre.supervisor, "print")
    centre.audit.log(centre.supervisor, "export", details={"rows": 3})

    def codes(**values: object) -> list[tuple[str, str]]:
        flt = AuditFilter(**values)  # type: ignore[arg-type]
        return [(row.actor_code, row.action) for row in centre.audit.page(centre.admin, flt)]

    assert codes(actor_code="S001") == [("S001", "export"), ("S001", "print")]
    assert codes(action="print") == [("S001", "print"), ("A1001", "print")]
    assert codes(action="print", date_to=day) == [("A1001", "print")]
    assert codes(action="print", date_from=day + timedelta(days=1)) == [("S001", "print")]
    assert codes(date_from=date(2001, 1, 1), date_to=date(2001, 1, 2)) == []
