#!/usr/bin/env bash
# Re-extract the messages from the code and merge them into every catalog.
# Run from the project root after changing user-facing strings; then translate the
# new entries (the test suite fails while any entry is untranslated or fuzzy).
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=${PYBABEL:-pybabel}
"$PYBABEL" extract -F i18n/babel.cfg -k _ -k N_ -k ngettext:1,2 -k pgettext:1c,2 \
  --no-location --sort-output --no-wrap --project "Hotline Desk" --copyright-holder "Hotline Desk" \
  -o i18n/hotline-desk.pot desktop
for lang in zh_CN zh_TW en; do
  po="i18n/$lang/LC_MESSAGES/hotline-desk.po"
  if [ -f "$po" ]; then
    "$PYBABEL" update -D hotline-desk -d i18n -l "$lang" -i i18n/hotline-desk.pot --no-fuzzy-matching --ignore-obsolete --no-wrap
  else
    "$PYBABEL" init -D hotline-desk -d i18n -l "$lang" -i i18n/hotline-desk.pot --no-wrap
  fi
done
# The compiled catalogs the program reads (tests/test_i18n_catalogs.py checks they match the .po files).
"$PYBABEL" compile -D hotline-desk -d i18n --statistics
