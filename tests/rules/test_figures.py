"""Each SPEC §4 formula on hand-counted numbers; nothing to divide gives None."""

from __future__ import annotations

import pytest

from desktop.rules.figures import (
    Tally,
    aht,
    csat,
    fcr,
    nps,
    nps_of_scores,
    on_time_rate,
    resolution_rate,
    top_shares,
)


def test_csat_is_satisfied_over_surveyed() -> None:
    assert csat(7, 10) == pytest.approx(0.7)  # 7 / 10
    assert csat(0, 0) is None


def test_nps_promoters_minus_detractors() -> None:
    # scores 10, 9, 8, 7, 6, 0: promoters 2, passives 2, detractors 2 → (2 − 2) / 6 × 100 = 0
    assert nps_of_scores([10, 9, 8, 7, 6, 0]) == pytest.approx(0)
    # 10, 10, 9, 3: (3 − 1) / 4 × 100 = 50
    assert nps_of_scores([10, 10, 9, 3]) == pytest.approx(50)
    assert nps(0, 0, 0) is None and nps_of_scores([]) is None


def test_resolution_fcr_aht_on_time() -> None:
    assert resolution_rate(3, 4) == pytest.approx(0.75)
    assert fcr(1, 3) == pytest.approx(1 / 3)
    assert aht(600, 4) == pytest.approx(150)  # (120 + 180 + 100 + 200) / 4
    assert on_time_rate(4, 5) == pytest.approx(0.8)
    assert resolution_rate(0, 0) is None and fcr(0, 0) is None and aht(0, 0) is None and on_time_rate(0, 0) is None


def test_tallies_add_up_and_keep_the_formulas() -> None:
    monday = Tally(calls=3, surveyed=2, satisfied=1, timed=3, handle_total=300, judged=2, kept=2)
    tuesday = Tally(calls=1, surveyed=2, satisfied=2, timed=1, handle_total=100, judged=2, kept=0)
    week = Tally.total([monday, tuesday])
    assert week.calls == 4
    assert week.csat == pytest.approx(0.75)  # (1 + 2) / (2 + 2)
    assert week.aht == pytest.approx(100)  # (300 + 100) / 4
    assert week.on_time_rate == pytest.approx(0.5)  # 2 / 4
    assert Tally().csat is None and Tally().aht is None and Tally().fcr is None


def test_top_shares_most_calls_first() -> None:
    shares = top_shares({"consult": 3, "complaint": 5, "fault": 2, "other": 0}, limit=2)
    assert [(s.code, s.calls) for s in shares] == [("complaint", 5), ("consult", 3)]
    assert shares[0].share == pytest.approx(0.5)  # 5 / 10
    assert top_shares({}) == ()
