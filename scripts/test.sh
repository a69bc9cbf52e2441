#!/usr/bin/env bash
# Install what the tests need (first time) and run the whole suite, lint included.
# Arguments go to pytest, e.g. scripts/test.sh tests/rules -x
source "$(dirname "$0")/setup.sh"
install_system_packages $QT_LIBS xvfb poppler-utils
make_venv "test"
cd "$ROOT"
"$VENV/bin/ruff" check desktop tests bench
exec "$VENV/bin/python" -m pytest "$@"
