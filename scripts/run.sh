#!/usr/bin/env bash
# Install (first time) and start Hotline Desk. Any arguments go to the program:
#   scripts/run.sh --demo     opens on a fresh demo database full of sample calls
source "$(dirname "$0")/setup.sh"
install_system_packages $QT_LIBS $X11_LIBS
make_venv ""
exec "$VENV/bin/hotline-desk" "$@"
