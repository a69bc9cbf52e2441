"""Shared fixtures: offscreen Qt, an isolated home folder, a fresh SQLite file per test."""

from __future__ import annotations

import os
import sys

import pytest

# Before anything imports Qt: without a display, pytest-qt would abort the whole run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from hypothesis import settings  # noqa: E402

# A loaded CI machine must not turn a slow example into a failure: time is measured in bench/.
settings.register_profile("hotline-desk", deadline=None)
settings.load_profile("hotline-desk")

from tests.helpers import *  # noqa: E402,F401,F403  (fixtures)

BOTH_BACKENDS = ("services", "models")


def pytest_generate_tests(metafunc):  # type: ignore[no-untyped-def]
    """The service and model tests run on SQLite and on a real PostgreSQL server (tests/pg_server.py)."""
    if "db_backend" not in metafunc.fixturenames or metafunc.definition.get_closest_marker("sqlite_only"):
        return
    if metafunc.definition.path.parent.name in BOTH_BACKENDS:
        metafunc.parametrize("db_backend", ["sqlite", "postgresql"], indirect=True)


_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session, exitstatus):  # type: ignore[no-untyped-def]
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):  # type: ignore[no-untyped-def]
    """Leave with pytest's own status once everything is reported.

    After a run that made many widgets, PySide6 can abort while the interpreter tears down
    (shiboken's ``bool_dealloc``), turning a passed run into exit status 134; nothing is left to
    report or clean at this point, so the teardown is skipped.
    """
    if _EXIT_STATUS:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS[-1])
