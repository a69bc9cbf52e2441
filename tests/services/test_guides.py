"""Problem guides through the service: one per type and language, the current language first."""

from __future__ import annotations

import pytest

from desktop.services.aids_dto import GuideInput
from desktop.services.database import Database
from desktop.services.errors import NotFound, ValidationFailed
from desktop.services.guides import GuideService
from tests.helpers import AGENT, FakeClock


@pytest.fixture
def guides(database: Database, clock: FakeClock) -> GuideService:
    return GuideService(database.sessions, clock=clock)


def test_the_guide_in_the_asked_language(guides: GuideService) -> None:
    billing = guides.for_problem_type("billing", "zh_CN")
    assert billing is not None and billing.steps == ("调取账单", "核对明细", "解释说明", "需退款则转财务")
    english = guides.for_problem_type("billing", "en")
    assert english is not None and english.language == "en" and english.steps[0] == "Pull up the bill"
    assert guides.for_problem_type(None, "zh_CN") is None
    assert guides.for_problem_type("no_such_type", "zh_CN") is None


def test_another_language_stands_in_when_there_is_none(guides: GuideService, database: Database) -> None:
    from desktop.models.entities import ChoiceItem

    with database.sessions.begin() as session:
        session.add(ChoiceItem(list_key="business_module", code="membership", label="会员积分"))
    guides.save(None, GuideInput("membership", "zh_CN", "积分查询", "查询积分\n说明规则", 2, 3), AGENT)
    stand_in = guides.for_problem_type("membership", "en")
    assert stand_in is not None and stand_in.language == "zh_CN"


def test_save_tidies_steps_and_records_who(guides: GuideService, clock: FakeClock) -> None:
    billing = guides.for_problem_type("billing", "zh_CN")
    assert billing is not None and billing.changed.updated_by_code == ""
    clock.advance(days=1)
    saved = guides.save(billing.id, GuideInput("billing", "zh_CN", "账单疑问", "1 调取账单\n\n2. 核对明细\n", 4, 6,
                                               "不承诺退款到账时间"), AGENT)
    assert saved.steps == ("调取账单", "核对明细")
    assert (saved.min_minutes, saved.max_minutes) == (4, 6)
    assert (saved.changed.updated_by_code, saved.changed.updated_at) == ("A1001", clock.now)


def test_one_guide_per_type_and_language(guides: GuideService) -> None:
    with pytest.raises(ValidationFailed) as refused:
        guides.save(None, GuideInput("billing", "zh_CN", "", "一步", 1, 2), AGENT)
    assert "problem_type" in refused.value.report.errors
    with pytest.raises(ValidationFailed) as bad:
        guides.save(None, GuideInput("billing", "zh_CN", "", "", 9, 2), AGENT)
    assert {"steps", "max_minutes"} <= set(bad.value.report.errors)


def test_list_and_delete(guides: GuideService) -> None:
    listed = guides.list("zh_TW")
    assert listed and {row.language for row in listed} == {"zh_TW"}
    guides.delete(listed[0].id)
    assert len(guides.list("zh_TW")) == len(listed) - 1
    with pytest.raises(NotFound):
        guides.get(listed[0].id)
    with pytest.raises(NotFound):
        guides.delete(listed[0].id)
