from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.rules.masking import ANONYMOUS, display_name, mask_name

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("王先生", "*先生"),
        ("欧阳女士", "*女士"),
        ("陈小姐", "*小姐"),
        ("刘老师", "*老师"),
        ("赵经理", "*经理"),
        ("王总", "*总"),
        ("黃經理", "*經理"),
        ("李明", "李*"),
        ("张三丰", "张**"),
        (" 李 明 ", "李*"),
        ("John Smith", "J*** S****"),
        ("Mr. Smith", "Mr. S****"),
        ("Ms Lee", "Ms L**"),
        ("Mrs. Mary Jones", "Mrs. M*** J****"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize("name", [None, "", "   "])
def test_missing_name_is_anonymous(name: str | None) -> None:
    assert mask_name(name) == ANONYMOUS == "Anonymous customer"
    assert display_name(name) == "Anonymous customer"


def test_display_name_strips() -> None:
    assert display_name("  王先生 ") == "王先生"


def test_anonymous_is_not_masked_again() -> None:
    assert mask_name("Anonymous customer") == "Anonymous customer"


@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=2, max_size=6))
def test_chinese_name_keeps_one_character_at_most(name: str) -> None:
    masked = mask_name(name)
    assert len(masked) <= len(name)
    assert masked != name
    assert sum(ch != "*" for ch in masked) <= max(1, len(masked) - 1)
