"""Shared fixtures: offscreen Qt, an isolated home folder, a fresh SQLite file per test."""

from __future__ import annotations

import os

# Before anything imports Qt: without a display, pytest-qt would abort the whole run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from hypothesis import settings  # noqa: E402

# A loaded CI machine must not turn a slow example into a failure: time is measured in bench/.
settings.register_profile("hotline-desk", deadline=None)
settings.load_profile("hotline-desk")

from tests.helpers import *  # noqa: E402,F401,F403  (fixtures)
