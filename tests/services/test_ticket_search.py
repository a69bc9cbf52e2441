"""Ticket search through the bigram index: 2-, 3-, 4-character terms, number, phone last 4, edits, backfill."""

from __future__ import annotations

import importlib
from dataclasses import replace

import pytest
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from desktop.models.aids import SearchTerm
from desktop.services.database import Database
from desktop.services.dto import TicketFilter
from desktop.services.ticket_list import TicketListService
from desktop.services.tickets import TicketService
from tests.helpers import AGENT, FakeClock, make_draft


@pytest.fixture
def service(database: Database, clock: FakeClock) -> TicketService:
    return TicketService(database.sessions, clock=clock)


@pytest.fixture
def listing(database: Database) -> TicketListService:
    return TicketListService(database.sessions)


def _found(listing: TicketListService, query: str) -> set[int]:
    rows = listing.page(TicketFilter(text=query), 100)
    assert listing.count(TicketFilter(text=query)) == len(rows)
    return {row.id for row in rows}


def test_terms_of_two_three_and_four_characters(service: TicketService, listing: TicketListService) -> None:
    logistics = service.create(make_draft(description="查询订单物流进度"), AGENT)
    refund = service.create(make_draft(description="申请退款，商品有划痕", phone="13800001111"), AGENT)
    dead = service.create(make_draft(description="当天购买的产品无法开机"), AGENT)
    apart = service.create(make_draft(description="无法联系客服，开机键松动"), AGENT)
    assert _found(listing, "物流") == {logistics.id}
    assert _found(listing, "退款") == {refund.id}
    assert _found(listing, "划痕") == {refund.id}
    assert _found(listing, "产品无") == {dead.id}
    assert _found(listing, "无法开机") == {dead.id}  # 无法 … 开机 apart does not count
    assert _found(listing, "无法") == {dead.id, apart.id}


def test_customer_name_remark_and_solution_are_searched(service: TicketService, listing: TicketListService) -> None:
    by_name = service.create(make_draft(customer_name="欧阳娜娜"), AGENT)
    by_remark = service.create(make_draft(remark="客户要求周末上门"), AGENT)
    by_solution = service.create(make_draft(status="resolved", solution="更换电源适配器"), AGENT)
    assert _found(listing, "欧阳") == {by_name.id}
    assert _found(listing, "周末上门") == {by_remark.id}
    assert _found(listing, "适配器") == {by_solution.id}


def test_ticket_number_and_phone_last4(service: TicketService, listing: TicketListService) -> None:
    first = service.create(make_draft(phone="13912345678"), AGENT)
    second = service.create(make_draft(phone="13700009999"), AGENT)
    assert _found(listing, first.number) == {first.id}
    assert _found(listing, first.number[:-1]) == {first.id, second.id}  # a number prefix
    assert _found(listing, "9999") == {second.id}
    assert _found(listing, "5678") == {first.id}


def test_edited_ticket_is_found_by_its_new_text_only(service: TicketService, listing: TicketListService) -> None:
    created = service.create(make_draft(description="物流显示已签收但未收到包裹"), AGENT)
    assert _found(listing, "签收") == {created.id}
    service.update(created.id, replace(created.draft, description="发票抬头开错需要重开"), created.version, AGENT)
    assert _found(listing, "签收") == set()
    assert _found(listing, "物流") == set()
    assert _found(listing, "发票抬头") == {created.id}


def test_search_uses_the_index_not_a_scan(service: TicketService, database: Database) -> None:
    created = service.create(make_draft(description="查询订单物流进度"), AGENT)
    with database.sessions() as session:
        kinds = session.execute(select(SearchTerm.term).where(SearchTerm.kind == "ticket",
                                                              SearchTerm.owner_id == created.id)).scalars().all()
    assert "物流" in kinds and "订单" in kinds


def test_migration_backfills_the_index(service: TicketService, database: Database,
                                       listing: TicketListService) -> None:
    """Migration 0004's data step indexes tickets saved before the program kept the index."""
    created = service.create(make_draft(description="扫地机器人无法充电"), AGENT)
    migration = importlib.import_module("desktop.models.migrations.versions.0004_ticket_lifecycle")
    with database.engine.begin() as connection:
        connection.execute(text("DELETE FROM search_terms WHERE kind = 'ticket'"))
    assert _found(listing, "充电") == set()
    with database.engine.begin() as connection, Operations.context(MigrationContext.configure(connection)):
        migration._index_existing_tickets()
    with database.sessions() as session:
        count = session.execute(select(func.count()).select_from(SearchTerm).where(SearchTerm.kind == "ticket"))
        assert count.scalar_one() > 0
    assert _found(listing, "充电") == {created.id}
