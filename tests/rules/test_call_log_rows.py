"""Call log rows: layouts recognised, times read the ways the forms write them, choices, natural keys."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from desktop.rules.call_log_layout import mapping_problem, recognise, signature, target_of
from desktop.rules.call_log_rows import builtin_choices, natural_key, parse_moment, parse_row
from desktop.rules.ticket_draft import TicketDraft

NOW = datetime(2023, 10, 26, 2, 0, tzinfo=UTC)


def _local(*parts: int) -> datetime:
    return datetime(*parts).astimezone()  # type: ignore[misc]


@pytest.mark.parametrize(("value", "day", "expected"), [
    ("2023-10-25 14:30", None, _local(2023, 10, 25, 14, 30)),
    ("2023/10/25 14:30:15", None, _local(2023, 10, 25, 14, 30, 15)),
    ("2023年10月25日 14时30", None, _local(2023, 10, 25, 14, 30)),
    ("2023-10-2618:00前", None, _local(2023, 10, 26, 18, 0)),  # as form 000 writes the promised time
    ("14:30", "2023-10-25", _local(2023, 10, 25, 14, 30)),
    (time(9, 5), date(2023, 10, 25), _local(2023, 10, 25, 9, 5)),
    (datetime(2023, 10, 25, 14, 30), None, _local(2023, 10, 25, 14, 30)),
    (None, datetime(2023, 10, 25), _local(2023, 10, 25, 0, 0)),
    (None, None, None),
])
def test_call_times_are_read_the_ways_the_forms_write_them(value: object, day: object, expected: object) -> None:
    assert parse_moment(value, day) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("value", "day"), [("下午", None), ("14:30", None), ("2023-10-25", "昨天")])
def test_unreadable_times_raise(value: str, day: str | None) -> None:
    with pytest.raises(ValueError):
        parse_moment(value, day)


def test_the_seed_layouts_are_recognised_and_a_foreign_one_is_not() -> None:
    seed = recognise(["来电日期", "来电时间", "客户联系方式", "客户姓名", "客户类型", "问题类型", "问题描述"])
    assert seed.complete and seed.mapping["phone"] == 2 and "customer_type" not in seed.mapping
    assert recognise(["工单编号", "客户姓名", "联系方式", "问题等级", "问题描述"]).mapping["original_number"] == 0
    assert target_of("聯繫電話") == "phone" and target_of(" 问题描述： ") == "description"
    foreign = recognise(["Tel", "When", "What"])
    assert not foreign.complete and foreign.mapping == {}
    half = recognise(["联系电话", "问题描述", "x", "y", "z"])  # the required two, but most columns unknown
    assert not half.complete


def test_signatures_ignore_spacing_and_case_but_not_the_columns() -> None:
    assert signature(["Tel", "When"]) == signature([" tel ", "WHEN"])
    assert signature(["Tel", "When"]) != signature(["When", "Tel"])


def test_a_mapping_needs_the_phone_and_the_description() -> None:
    assert mapping_problem({"phone": 0}, 3) is not None
    assert mapping_problem({"phone": 0, "description": 5}, 3) is not None
    assert mapping_problem({"phone": 0, "description": 1}, 3) is None


def test_choice_cells_take_labels_codes_and_form_words() -> None:
    choices = builtin_choices()
    row = parse_row({"priority": "高", "status": "已解决", "emotion": "焦急", "satisfaction": "一般",
                     "issue_type": "complaint", "description": "x", "phone": "13912345678"}, choices, now=NOW)
    draft = row.draft
    assert (draft.priority, draft.status, draft.emotion, draft.satisfaction, draft.issue_type) == (
        "urgent", "resolved", "anxious", "basic", "complaint")
    assert row.problems == {}
    assert parse_row({"satisfaction": "4"}, choices, now=NOW).draft.satisfaction_score == 4
    bad = parse_row({"priority": "超级", "issue_type": "吐槽"}, choices, now=NOW)
    assert set(bad.problems) == {"priority", "issue_type"} and "超级" in bad.problems["priority"]


def test_a_promise_long_past_goes_to_the_remarks_one_ahead_stays() -> None:
    choices = builtin_choices()
    past = parse_row({"promised_feedback_at": "2023-10-20 18:00", "remark": "老问题"}, choices, now=NOW).draft
    assert past.promised_feedback_at is None and past.remark.startswith("老问题\n") and "18:00" in past.remark
    ahead = parse_row({"promised_feedback_at": "2023-10-27 18:00"}, choices, now=NOW).draft
    assert ahead.promised_feedback_at == _local(2023, 10, 27, 18, 0)


def test_excel_numbers_read_as_phone_text() -> None:
    assert parse_row({"phone": 13912345678.0}, builtin_choices(), now=NOW).draft.phone == "13912345678"


def test_the_natural_key_is_the_call_not_its_spelling() -> None:
    at = _local(2023, 10, 25, 14, 30)
    key = natural_key(TicketDraft(phone="139 1234 5678", call_started_at=at, description="无法  开机"))
    assert key == natural_key(TicketDraft(phone="+86 13912345678", call_started_at=at, description="无法 开机"))
    assert key != natural_key(TicketDraft(phone="13912345678", call_started_at=at, description="无法开机了"))
    assert key != natural_key(TicketDraft(phone="13912345678", call_started_at=_local(2023, 10, 25, 14, 31),
                                          description="无法 开机"))


def test_identity_and_dissatisfaction_columns_are_read() -> None:
    mapping = recognise(["联系电话", "问题描述", "客户满意度", "不满意原因", "身份核验", "核验说明"]).mapping
    assert {"satisfaction_reason", "identity_method", "identity_note"} <= set(mapping)
    row = parse_row({"satisfaction": "不满意", "satisfaction_reason": "等太久", "identity_method": "短信验证码",
                     "identity_note": ""}, builtin_choices(), now=NOW)
    assert (row.draft.satisfaction, row.draft.satisfaction_reason) == ("unsatisfied", "等太久")
    assert row.draft.identity_method == "sms_code" and row.problems == {}
