#!/usr/bin/env bash
# Install what the tests need (first time) and run the whole suite, lint included.
# Arguments go to pytest, e.g. scripts/test.sh tests/rules -x
source "$(dirname "$0")/setup.sh"
install_system_packages $QT_LIBS xvfb poppler-utils
# A real PostgreSQL server for the shared-database tests (tests/pg_server.py starts its own
# throwaway cluster on loopback); without it those tests are skipped and say why.
( install_system_packages postgresql ) || echo "PostgreSQL could not be installed: its tests will be skipped." >&2
make_venv "test"
cd "$ROOT"
"$VENV/bin/ruff" check desktop tests bench
exec "$VENV/bin/python" -m pytest "$@"
