"""What phrases, FAQ entries and guides must hold, field by field."""

from __future__ import annotations

from desktop.rules.aids_validation import (
    ANSWER_MAX,
    PHRASE_MAX,
    AidReport,
    aid_field_label,
    category_label,
    validate_faq,
    validate_guide,
    validate_phrase,
)


def test_a_good_phrase_passes() -> None:
    assert validate_phrase("greeting", "您好，工号{agent_id}为您服务", "zh_CN").ok


def test_phrase_problems_are_reported_per_field() -> None:
    report = validate_phrase("shouting", "", "fr")
    assert set(report.errors) == {"category", "language", "text"}
    assert "必填" in report.errors["text"]
    assert "zh_CN" in report.errors["language"]


def test_a_phrase_with_an_unknown_placeholder_is_refused_with_the_known_ones_named() -> None:
    report = validate_phrase("custom", "您好{name}", "zh_CN")
    assert "{name}" in report.errors["text"] and "{customer}" in report.errors["text"]


def test_a_long_phrase_is_refused() -> None:
    assert "text" in validate_phrase("custom", "好" * (PHRASE_MAX + 1), "zh_CN").errors


def test_faq_needs_question_and_answer_and_a_known_type() -> None:
    assert validate_faq("如何退款？", "在APP提交", "", None).ok
    report = validate_faq(" ", "", "", "nonsense", {"billing"})
    assert set(report.errors) == {"question", "answer", "problem_type"}
    assert "answer" in validate_faq("q", "a" * (ANSWER_MAX + 1), "", None).errors


def test_guide_checks_steps_and_minutes() -> None:
    assert validate_guide("billing", "zh_CN", "", "1 调取账单", 5, 8, "", {"billing"}).ok
    report = validate_guide("", "zh_CN", "", "\n \n", None, 0, "")
    assert set(report.errors) == {"problem_type", "steps", "min_minutes", "max_minutes"}
    upside_down = validate_guide("billing", "zh_CN", "", "a", 9, 8, "")
    assert set(upside_down.errors) == {"max_minutes"}
    assert "max_minutes" in validate_guide("billing", "zh_CN", "", "a", 5, 10_000, "").errors


def test_the_summary_names_the_field_in_the_current_language() -> None:
    report = validate_faq("", "答案", "", None)
    assert isinstance(report, AidReport)
    assert report.summary().startswith("问题：")
    assert AidReport().summary() == ""
    assert aid_field_label("steps") == "标准步骤" and aid_field_label("unknown") == "unknown"
    assert category_label("calming") == "安抚语" and category_label("odd") == "odd"
