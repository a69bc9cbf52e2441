"""Shared fixtures: offscreen Qt, an isolated home folder, a fresh SQLite file per test."""

from __future__ import annotations

import os

# Before anything imports Qt: without a display, pytest-qt would abort the whole run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from tests.helpers import *  # noqa: E402,F401,F403  (fixtures)
