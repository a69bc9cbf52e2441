"""What a long export reports and how it is stopped, without reportlab (the window imports these at start-up)."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], bool]


class Cancelled(Exception):
    """The user stopped the PDF before it was finished; no file was written."""
