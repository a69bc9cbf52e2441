"""On-time rate and satisfied share (SPEC §4) as pure formulas."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.rules.on_time import Share, is_satisfied, on_time, on_time_share, satisfied_share

DUE = datetime(2023, 10, 15, 11, 0, tzinfo=UTC)
BEFORE, AFTER = DUE - timedelta(minutes=1), DUE + timedelta(minutes=1)


@pytest.mark.parametrize(("due", "responded", "now", "expected"), [
    (DUE, BEFORE, AFTER, True),
    (DUE, DUE, AFTER, True),
    (DUE, AFTER, AFTER, False),
    (DUE, None, AFTER, False),
    (DUE, None, BEFORE, None),
    (None, BEFORE, AFTER, None),
])
def test_on_time_verdict(due: datetime | None, responded: datetime | None, now: datetime,
                         expected: bool | None) -> None:
    assert on_time(due, responded, now) is expected


def test_on_time_share_leaves_out_the_unknown() -> None:
    share = on_time_share([(DUE, BEFORE), (DUE, AFTER), (DUE, None), (None, None)], now=AFTER)
    assert share == Share(1, 3)
    assert share.ratio == pytest.approx(1 / 3)
    assert on_time_share([(DUE, None)], now=BEFORE).ratio is None


def test_satisfied_share_counts_only_satisfied_and_high_scores() -> None:
    assert is_satisfied("basic", 5) is False
    assert is_satisfied(None, 4) is True and is_satisfied(None, 3) is False
    assert is_satisfied(None, None) is None
    share = satisfied_share([("satisfied", None), ("basic", None), ("unsatisfied", 1), (None, 5), (None, None)])
    assert share == Share(2, 4)
    assert share.ratio == 0.5
