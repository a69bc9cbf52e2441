"""A guide's steps typed as a numbered list, and the call time against the expected minutes."""

from __future__ import annotations

from desktop import i18n
from desktop.rules.guide_steps import Timing, elapsed_text, expected_text, join_steps, split_steps, timing


def test_steps_lose_the_numbering_typed_in_front() -> None:
    typed = "1 调取账单\n2. 核对明细\n3、解释说明\n(4) 需退款则转财务\n\n  \nStep 5: call back"
    assert split_steps(typed) == ["调取账单", "核对明细", "解释说明", "需退款则转财务", "call back"]


def test_text_that_only_starts_with_a_number_is_kept() -> None:
    assert split_steps("5G套餐说明\n10分钟内回电\n24小时内回访") == ["5G套餐说明", "10分钟内回电", "24小时内回访"]


def test_join_is_one_step_per_line() -> None:
    assert join_steps([" 调取账单 ", "", "核对明细"]) == "调取账单\n核对明细"
    assert split_steps(join_steps(["a", "b"])) == ["a", "b"]


def test_timing_against_the_range() -> None:
    assert timing(4 * 60 + 59, 5, 8) is Timing.EARLY
    assert timing(5 * 60, 5, 8) is Timing.WITHIN
    assert timing(8 * 60, 5, 8) is Timing.WITHIN
    assert timing(8 * 60 + 1, 5, 8) is Timing.OVER


def test_elapsed_text_in_chinese_warns_in_words_past_the_upper_bound() -> None:
    assert elapsed_text(372, 5, 8) == "已用 6:12 / 预计 5–8 分钟"
    over = elapsed_text(9 * 60, 5, 8)
    assert over.startswith("⚠") and "已超时" in over and "9:00" in over
    assert elapsed_text(None, 5, 8) == "预计 5–8 分钟"
    assert expected_text(3, 3) == "预计 3 分钟"


def test_elapsed_text_in_english() -> None:
    i18n.set_language("en")
    assert elapsed_text(372, 5, 8) == "6:12 used / expected 5–8 min"
    assert elapsed_text(None, 5, 8) == "Expected 5–8 min"
    assert "Over time" in elapsed_text(600, 5, 8)
