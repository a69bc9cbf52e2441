"""The FAQ: searched with 2-, 3- and 4-character Chinese words, made from resolved tickets."""

from __future__ import annotations

import pytest

from desktop.services.aids_dto import FaqInput
from desktop.services.database import Database
from desktop.services.dto import Actor
from desktop.services.errors import NotFound, ServiceError, ValidationFailed
from desktop.services.faq import FaqService
from desktop.services.tickets import TicketService
from tests.helpers import AGENT, FakeClock, make_draft


@pytest.fixture
def faq(database: Database, clock: FakeClock) -> FaqService:
    return FaqService(database.sessions, clock=clock)


@pytest.fixture
def entries(faq: FaqService, clock: FakeClock) -> dict[str, int]:
    made = {}
    for key, question, answer, tags, kind in (
        ("refund", "如何申请退款到账？", "在APP“我的订单”里提交退款申请，原路退回。", "退款, 账单", "billing"),
        ("power", "新买的手机无法开机怎么办？", "先充电半小时，再长按电源键十秒。", "开机", "tech_support"),
        ("apart", "智能门锁无法开门怎么办？", "手机能开机就用APP远程开锁。", "", "tech_support"),
        ("parcel", "Parcel shows delivered but not received", "Check with the courier first.", "logistics", None),
    ):
        made[key] = faq.save(None, FaqInput(question, answer, tags, kind), AGENT).id
        clock.advance(minutes=1)
    return made


def _ids(rows: list) -> set[int]:  # type: ignore[type-arg]
    return {row.id for row in rows}


def test_two_three_and_four_character_terms(faq: FaqService, entries: dict[str, int]) -> None:
    assert _ids(faq.search("退款")) == {entries["refund"]}
    assert _ids(faq.search("申请退")) == {entries["refund"]}
    assert _ids(faq.search("无法开机")) == {entries["power"]}  # "apart" has every pair of it, not together
    assert _ids(faq.search("开机")) == {entries["power"], entries["apart"]}


def test_answers_tags_and_english_are_searched_too(faq: FaqService, entries: dict[str, int]) -> None:
    assert _ids(faq.search("原路退回")) == {entries["refund"]}
    assert _ids(faq.search("账单")) == {entries["refund"]}
    assert _ids(faq.search("deliv")) == {entries["parcel"]}
    assert _ids(faq.search("courier PARCEL")) == {entries["parcel"]}


def test_no_query_lists_newest_first_and_type_filters(faq: FaqService, entries: dict[str, int]) -> None:
    assert [row.id for row in faq.search("")][0] == entries["parcel"]
    assert _ids(faq.search("", problem_type="tech_support")) == {entries["power"], entries["apart"]}
    assert len(faq.search("", limit=2)) == 2


def test_changes_record_who_and_when(faq: FaqService, entries: dict[str, int], clock: FakeClock) -> None:
    clock.advance(hours=1)
    other = Actor("A1002", "李娜")
    changed = FaqInput("如何申请退款到账？", "三个工作日内原路退回。", "退款", "billing")
    row = faq.save(entries["refund"], changed, other)
    assert (row.changed.updated_by_code, row.changed.updated_by_name, row.changed.updated_at) == \
        ("A1002", "李娜", clock.now)
    assert row.created_at < row.changed.updated_at
    assert _ids(faq.search("三个工作日")) == {entries["refund"]}
    assert faq.search("我的订单") == []


def test_a_repeated_question_is_refused(faq: FaqService, entries: dict[str, int]) -> None:
    with pytest.raises(ValidationFailed) as refused:
        faq.save(None, FaqInput(" 如何申请退款到账？ ", "另一个答案"), AGENT)
    assert "question" in refused.value.report.errors
    with pytest.raises(ValidationFailed) as unknown:
        faq.save(None, FaqInput("新问题", "答案", problem_type="no_such_module"), AGENT)
    assert "problem_type" in unknown.value.report.errors


def test_tags_are_tidied(faq: FaqService) -> None:
    row = faq.save(None, FaqInput("标签？", "答案", " 退款，账单 ,, 物流 "), AGENT)
    assert row.tags == "退款, 账单, 物流"


def test_save_as_faq_from_a_resolved_ticket(faq: FaqService, database: Database, clock: FakeClock) -> None:
    tickets = TicketService(database.sessions, clock=clock)
    detail = tickets.create(make_draft(status="resolved", solution="确认主板故障，已换新机"), AGENT)
    draft = faq.draft_from_ticket(detail.id)
    assert (draft.question, draft.answer) == ("当天购买的产品无法开机", "确认主板故障，已换新机")
    assert (draft.problem_type, draft.source_ticket) == ("tech_support", detail.number)
    row = faq.save(None, draft, AGENT)
    assert row.source_ticket == detail.number
    assert _ids(faq.search("主板")) == {row.id}


def test_an_open_ticket_cannot_become_a_faq_entry(faq: FaqService, database: Database, clock: FakeClock) -> None:
    detail = TicketService(database.sessions, clock=clock).create(make_draft(), AGENT)
    with pytest.raises(ServiceError, match="已解决或已关闭"):
        faq.draft_from_ticket(detail.id)
    with pytest.raises(NotFound):
        faq.draft_from_ticket(detail.id + 100)


def test_delete(faq: FaqService, entries: dict[str, int]) -> None:
    faq.delete(entries["refund"])
    assert faq.search("退款") == []
    with pytest.raises(NotFound):
        faq.get(entries["refund"])
    with pytest.raises(NotFound):
        faq.delete(entries["refund"])
