from __future__ import annotations

import re

import phonenumbers
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from desktop.rules.phone import (
    PHONE_EMPTY,
    PHONE_INTERNATIONAL,
    PHONE_INVALID,
    PHONE_LANDLINE,
    PHONE_MOBILE,
    check_phone,
    mask_phone,
    national_digits,
    normalize_phone,
    phone_last4,
)

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("text", "kind", "e164"),
    [
        ("13912345678", PHONE_MOBILE, "+8613912345678"),
        ("+86 139 1234 5678", PHONE_MOBILE, "+8613912345678"),
        ("+8613912345678", PHONE_MOBILE, "+8613912345678"),
        ("008613912345678", PHONE_MOBILE, "+8613912345678"),
        ("86 13912345678", PHONE_MOBILE, "+8613912345678"),
        ("139-1234-5678", PHONE_MOBILE, "+8613912345678"),
        ("  139 1234 5678 ", PHONE_MOBILE, "+8613912345678"),
        ("１３９１２３４５６７８", PHONE_MOBILE, "+8613912345678"),
        ("010-12345678", PHONE_LANDLINE, "+861012345678"),
        ("(010) 12345678", PHONE_LANDLINE, "+861012345678"),
        ("0755-12345678", PHONE_LANDLINE, "+8675512345678"),
        ("021 12345678", PHONE_LANDLINE, "+862112345678"),
        ("+86 10 12345678", PHONE_LANDLINE, "+861012345678"),
        ("+44 20 7946 0958", PHONE_INTERNATIONAL, "+442079460958"),
        ("0044 20 7946 0958", PHONE_INTERNATIONAL, "+442079460958"),
        ("+1 650-253-0000", PHONE_INTERNATIONAL, "+16502530000"),
    ],
)
def test_valid_numbers(text: str, kind: str, e164: str) -> None:
    check = check_phone(text)
    assert (check.kind, check.e164, check.problem, check.ok) == (kind, e164, None, True)
    assert check.text == text.strip()
    assert normalize_phone(text) == e164


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1391234567", ("11 digits", "has 10")),
        ("139123456789", ("11 digits", "has 12")),
        ("+86 1391234567", ("11 digits", "has 10")),
        ("12345678", ("area code",)),
        ("1234567", ("area code",)),
        ("139abc45678", ("letters",)),
        ("call me", ("letters",)),
        ("12345", ("5 digits",)),
        ("1", ("1 digit.",)),
        ("11012345678", ("not a valid mobile number",)),
        ("019-1234", ("not valid",)),
        ("+999 123456789", ("country code",)),
        ("139#1234#5678", ("only digits",)),
        ("1391234567813912345678", ("too long",)),
    ],
)
def test_invalid_numbers_say_what_is_wrong(text: str, words: tuple[str, ...]) -> None:
    check = check_phone(text)
    assert check.kind == PHONE_INVALID
    assert check.e164 is None
    assert not check.ok
    assert check.problem is not None
    for word in words:
        assert word in check.problem
    assert normalize_phone(text) is None


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_is_not_a_problem(text: str) -> None:
    check = check_phone(text)
    assert (check.kind, check.e164, check.problem, check.ok) == (PHONE_EMPTY, None, None, False)


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("+86 139 1234 5678", "13912345678"),
        ("010-12345678", "01012345678"),
        ("+86 10 12345678", "01012345678"),
        ("0755 1234 5678", "075512345678"),
        ("+44 20 7946 0958", "+442079460958"),
        ("12-34 ab", "1234"),
        ("", ""),
    ],
)
def test_national_digits(text: str, digits: str) -> None:
    assert national_digits(text) == digits


@pytest.mark.parametrize(
    ("text", "last4"),
    [("139 1234 5678", "5678"), ("010-12345678", "5678"), ("+44 20 7946 0958", "0958"), ("123", ""), ("", "")],
)
def test_phone_last4(text: str, last4: str) -> None:
    assert phone_last4(text) == last4


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("13912345678", "139****5678"),
        ("+86 139 1234 5678", "139****5678"),
        ("010-12345678", "010-****5678"),
        ("0755-12345678", "0755-****5678"),
        ("+44 20 7946 0958", "+44 ****0958"),
        ("139 1234 567", "139****4567"),  # invalid, 10 digits
        ("123456", "****56"),
        ("1234", "****"),
        ("no number", "****"),
        ("", ""),
        ("   ", ""),
        (None, ""),
    ],
)
def test_mask_phone(text: str | None, masked: str) -> None:
    assert mask_phone(text) == masked


def test_mask_phone_survives_huge_input() -> None:
    assert mask_phone("13912345678" * 10_000) == "139****5678"
    assert mask_phone("😀" * 10_000) == "****"


@given(st.one_of(st.none(), st.text()))
def test_mask_phone_never_raises(text: str | None) -> None:
    masked = mask_phone(text)
    assert isinstance(masked, str)
    if text is not None and text.strip():
        assert "****" in masked


@given(st.sampled_from("3456789"), st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_mask_of_any_valid_mobile(second: str, rest: str) -> None:
    number = "1" + second + rest
    assume(phonenumbers.is_valid_number(phonenumbers.parse(number, "CN")))
    masked = mask_phone(number)
    assert masked == number[:3] + "****" + number[-4:]
    assert masked.replace("*", "") == number[:3] + number[-4:]
    assert check_phone(number).kind == PHONE_MOBILE


@given(st.text(alphabet="0123456789", min_size=8, max_size=20))
def test_mask_hides_the_middle_of_any_digit_string(digits: str) -> None:
    masked = mask_phone(digits)
    runs = re.findall(r"[0-9]+", masked)
    assert "****" in masked
    assert all(len(run) <= 4 for run in runs)
    assert sum(len(run) for run in runs) <= min(8, len(digits) - 1)
    middle = digits[3:-4]
    if len(middle) >= 4 and middle in masked:
        # Only possible when the middle happens to equal a part that is shown anyway (e.g. the last four).
        assert middle in runs


def test_stored_mobile_numbers_mask_like_typed_ones():
    # the table masks stored E.164 numbers on a fast path; it must agree with the full check
    import random

    rng = random.Random(5)
    for _ in range(300):
        national = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
        typed = f"{national[:3]} {national[3:7]} {national[7:]}"
        assert mask_phone("+86" + national) == mask_phone(typed)
        assert mask_phone("+86" + national) == national[:3] + "****" + national[-4:]
