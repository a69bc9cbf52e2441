"""How long tickets are kept: the forms keep two years of call records; a centre may keep longer.

Tickets of a day before :func:`first_kept_day` may be purged (exported first, audited); none younger.
"""

from __future__ import annotations

from datetime import date

MINIMUM_YEARS = 2
MAXIMUM_YEARS = 30


def first_kept_day(today: date, years: int) -> date:
    """The oldest call day that must still be kept: the same date ``years`` back (28 Feb for a 29 Feb)."""
    years = max(years, MINIMUM_YEARS)
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February in a year without one
        return today.replace(year=today.year - years, day=28)
