from __future__ import annotations

import pytest

from desktop.rules.order_number import check_order_number, normalize_order_number

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    "text",
    [None, "", "   ", "123456", "AB-2023-1015", "jd20231015abcd", " 202310150001 ", "A" * 28 + "1234"],
)
def test_valid_or_empty(text: str | None) -> None:
    assert check_order_number(text) is None


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("１２３４５６", "half-width"),
        ("ＡＢ123456", "half-width"),
        ("123　456", "half-width"),
        ("123 456", "no spaces"),
        ("12345", "this one has 5"),
        ("A" * 29 + "1234", "this one has 33"),
        ("ABCDEF123", "at least 4 digits"),
        ("订单123456", "only letters, digits and dashes"),
        ("1234_5678", "only letters, digits and dashes"),
    ],
)
def test_invalid(text: str, word: str) -> None:
    problem = check_order_number(text)
    assert problem is not None
    assert word in problem


@pytest.mark.parametrize(("text", "normal"), [(" ab-123456 ", "AB-123456"), (None, ""), ("", "")])
def test_normalize(text: str | None, normal: str) -> None:
    assert normalize_order_number(text) == normal
