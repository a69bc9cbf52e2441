from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.rules.numbering import (
    DEFAULT_PREFIX,
    TicketNumber,
    format_ticket_number,
    looks_like_ticket_number,
    missing_serials,
    parse_ticket_number,
    validate_prefix,
)

pytestmark = pytest.mark.usefixtures("english")


def test_format() -> None:
    assert format_ticket_number(DEFAULT_PREFIX, date(2023, 10, 15), 1) == "CS20231015001"
    assert format_ticket_number("GD", date(2023, 10, 27), 12) == "GD20231027012"
    assert format_ticket_number("CS", date(2023, 10, 15), 1000) == "CS202310151000"
    assert format_ticket_number("CS", date(2023, 1, 5), 7, width=4) == "CS202301050007"


@pytest.mark.parametrize(("prefix", "serial"), [("CS", 0), ("CS", -1), ("cs", 1), ("C1", 1), ("", 1), ("ABCDEFG", 1)])
def test_format_rejects_bad_input(prefix: str, serial: int) -> None:
    with pytest.raises(ValueError):
        format_ticket_number(prefix, date(2023, 10, 15), serial)


@pytest.mark.parametrize("prefix", ["C", "CS", "GD", "ABCDEF"])
def test_good_prefixes(prefix: str) -> None:
    assert validate_prefix(prefix) is None


@pytest.mark.parametrize(
    ("prefix", "word"),
    [("", "1 to 6"), ("cs", "capital"), ("ABCDEFG", "1 to 6"), ("C-S", "Remove"), ("工单", "Remove"),
     ("CS ", "Remove")],
)
def test_bad_prefixes(prefix: str, word: str) -> None:
    problem = validate_prefix(prefix)
    assert problem is not None
    assert word in problem


def test_parse() -> None:
    assert parse_ticket_number("CS20231015001") == TicketNumber("CS", date(2023, 10, 15), 1)
    assert parse_ticket_number("  gd20231027012 ") == TicketNumber("GD", date(2023, 10, 27), 12)
    assert parse_ticket_number("CS202310151000") == TicketNumber("CS", date(2023, 10, 15), 1000)


@pytest.mark.parametrize(
    "text",
    ["", "CS", "CS20231015", "CS20231345001", "CS20230230001", "20231015001", "CS20231015000", "CS-20231015001",
     "CS20231015001X", "ＣＳ20231015001", "ABCDEFG20231015001", "工单20231015001"],
)
def test_parse_garbage(text: str) -> None:
    assert parse_ticket_number(text) is None


@given(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=6),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(min_value=1, max_value=99_999),
    st.integers(min_value=1, max_value=6),
)
def test_round_trip(prefix: str, day: date, serial: int, width: int) -> None:
    text = format_ticket_number(prefix, day, serial, width)
    assert parse_ticket_number(text) == TicketNumber(prefix, day, serial)
    assert parse_ticket_number(f" {text.lower()} ") == TicketNumber(prefix, day, serial)
    assert looks_like_ticket_number(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("CS2023", True), ("cs20231015001", True), (" CS2 ", True), ("CS", False), ("2023", False),
     ("王先生", False), ("CS 2023", False), ("139****5678", False), ("", False)],
)
def test_looks_like_ticket_number(text: str, expected: bool) -> None:
    assert looks_like_ticket_number(text) is expected


@pytest.mark.parametrize(
    ("serials", "missing"),
    [([], []), ([1, 2, 3], []), ([3], [1, 2]), ([5, 1, 3, 3], [2, 4]), (iter([2, 4]), [1, 3]), ([0, -2], [])],
)
def test_missing_serials(serials: list[int], missing: list[int]) -> None:
    assert missing_serials(serials) == missing
