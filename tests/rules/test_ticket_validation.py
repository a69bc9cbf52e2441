"""Validation of a ticket draft: every problem by field, warnings apart from errors."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from desktop.rules.ticket_draft import TicketDraft
from desktop.rules.ticket_validation import REQUIRED, identity_required, validate_ticket
from tests.helpers import make_draft

NOW = datetime(2023, 10, 15, 2, 0, tzinfo=UTC)
pytestmark = pytest.mark.usefixtures("english")


def test_a_complete_draft_is_valid() -> None:
    report = validate_ticket(make_draft(), now=NOW)
    assert report.ok and dict(report.errors) == {} and report.summary() == ""


@pytest.mark.parametrize("field", REQUIRED)
def test_each_required_field(field: str) -> None:
    report = validate_ticket(replace(make_draft(), **{field: ""}), now=NOW)
    assert set(report.errors) == {field}
    assert "Required" in report.errors[field]


def test_every_problem_is_reported_at_once_with_a_summary() -> None:
    draft = make_draft(phone="1391234567", description="", satisfaction="unsatisfied", satisfaction_score=7,
                       order_number="１２３４５６", promised_feedback_at=NOW - timedelta(minutes=1))
    report = validate_ticket(draft, now=NOW)
    assert set(report.errors) == {"phone", "description", "satisfaction_reason", "satisfaction_score",
                                  "order_number", "promised_feedback_at"}
    assert "11" in report.errors["phone"]
    assert "(and 5 more)" in report.summary()


def test_a_promised_time_kept_from_before_is_not_refused_when_editing() -> None:
    past = NOW - timedelta(days=1)
    original = make_draft(promised_feedback_at=past)
    assert validate_ticket(replace(original, remark="补充"), now=NOW, original=original).ok
    assert "promised_feedback_at" in validate_ticket(make_draft(promised_feedback_at=past), now=NOW).errors


def test_subjective_wording_is_a_warning_not_an_error() -> None:
    report = validate_ticket(make_draft(description="我觉得客户无理取闹"), now=NOW)
    assert report.ok
    assert "description" in report.warnings


def test_too_long_texts() -> None:
    report = validate_ticket(make_draft(description="长" * 4001, customer_name="名" * 65), now=NOW)
    assert set(report.errors) == {"description", "customer_name"}


def test_call_cannot_end_before_it_starts() -> None:
    draft = make_draft(call_started_at=NOW, call_ended_at=NOW - timedelta(seconds=1))
    assert set(validate_ticket(draft, now=NOW).errors) == {"call_ended_at"}


def test_codes_outside_the_lists_are_refused() -> None:
    choices = {"issue_type": {"consult", "fault"}, "priority": {"urgent", "normal"}, "satisfaction": {"satisfied"}}
    report = validate_ticket(make_draft(issue_type="gossip"), now=NOW, choices=choices)
    assert set(report.errors) == {"issue_type"}
    assert validate_ticket(make_draft(), now=NOW, choices=choices).ok  # no satisfaction yet is fine


def test_identity_check_for_sensitive_requests_and_phone_changes() -> None:
    sensitive = ("refund", "info_change")
    refund = make_draft(business_module="refund")
    assert set(validate_ticket(refund, now=NOW, sensitive_modules=sensitive).errors) == {"identity_method"}
    assert validate_ticket(replace(refund, identity_method="sms_code"), now=NOW, sensitive_modules=sensitive).ok
    other = replace(refund, identity_method="other")
    assert set(validate_ticket(other, now=NOW, sensitive_modules=sensitive).errors) == {"identity_note"}
    saved = make_draft(phone="139****5678")
    assert not identity_required(saved, saved, sensitive)
    assert identity_required(replace(saved, phone="13800138000"), saved, sensitive)


def test_an_unchanged_masked_phone_is_not_checked_again() -> None:
    saved = make_draft(phone="139****5678")
    assert validate_ticket(replace(saved, remark="回访"), now=NOW, original=saved).ok


def test_draft_round_trips_through_json() -> None:
    draft = make_draft(promised_feedback_at=NOW, satisfaction_score=4, department_id=3)
    assert TicketDraft.from_json(draft.to_json()) == draft
    with pytest.raises(ValueError):
        TicketDraft.from_json("[1, 2]")
    assert TicketDraft.from_json('{"phone": "1", "from_a_newer_version": true}').phone == "1"
