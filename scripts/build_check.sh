#!/usr/bin/env bash
# Build the one-folder bundle with installer/hotline-desk.spec and run the built program headless,
# so a module or data file the spec forgets fails here (CI runs this after the tests).
#   scripts/build_check.sh            build into build/dist/hotline-desk, then check it
#   scripts/build_check.sh --no-build check the bundle built before
# HOTLINE_DESK_NO_SETUP=1 skips installing packages and the virtual environment (a machine already set
# up, e.g. a shared .venv given with HOTLINE_DESK_VENV that must not be re-pointed at this checkout).
source "$(dirname "$0")/setup.sh"
if [ -z "${HOTLINE_DESK_NO_SETUP:-}" ]; then
  install_system_packages $QT_LIBS binutils
  make_venv "test"
fi
cd "$ROOT"
BUNDLE="$ROOT/build/dist/hotline-desk"

if [ "${1:-}" != "--no-build" ]; then
  start=$(date +%s)
  "$VENV/bin/python" installer/build.py --no-installer
  echo "build time: $(( $(date +%s) - start )) s"
fi
echo "bundle size: $(du -sh "$BUNDLE" | cut -f1) ($BUNDLE)"

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# --- the data files the program reads from disk ---------------------------------------------------
INTERNAL="$BUNDLE/_internal"
for path in \
    resources/icons/hotline-desk.svg resources/icons/hotline-desk-16.png resources/icons/hotline-desk.ico \
    i18n/zh_CN/LC_MESSAGES/hotline-desk.po i18n/zh_TW/LC_MESSAGES/hotline-desk.po i18n/en/LC_MESSAGES/hotline-desk.po \
    i18n/zh_CN/LC_MESSAGES/hotline-desk.mo i18n/zh_TW/LC_MESSAGES/hotline-desk.mo i18n/en/LC_MESSAGES/hotline-desk.mo \
    desktop/models/migrations/env.py \
    PySide6/Qt/translations/qtbase_zh_CN.qm PySide6/Qt/translations/qtbase_zh_TW.qm \
    PySide6/Qt/plugins/platforms/libqoffscreen.so PySide6/Qt/plugins/platforms/libqxcb.so \
    PySide6/Qt/plugins/iconengines/libqsvgicon.so PySide6/Qt/plugins/imageformats/libqsvg.so \
    PySide6/QtPdf.abi3.so PySide6/QtCharts.abi3.so \
    reportlab/fonts; do
  [ -e "$INTERNAL/$path" ] || fail "missing in the bundle: $path"
done
for script in desktop/models/migrations/versions/*.py; do
  [ -e "$INTERNAL/$script" ] || fail "migration missing in the bundle: $script"
done

# --- the commands, on a throwaway home and database --------------------------------------------------
HOME_DIR="$(mktemp -d)"
trap 'rm -rf "$HOME_DIR"' EXIT
export HOTLINE_DESK_HOME="$HOME_DIR" QT_QPA_PLATFORM=offscreen
unset HOTLINE_DESK_DB
DB="$HOME_DIR/check.sqlite3"
CLI="$BUNDLE/hotline-desk-cli"

run() {  # run NAME EXPECTED-TEXT COMMAND...: the command must succeed and print the text
  local name="$1" expected="$2"; shift 2
  local output
  if ! output="$("$@" 2>&1)"; then
    fail "$name exited with an error:"; echo "$output" >&2; return
  fi
  grep -qF -- "$expected" <<<"$output" || { fail "$name did not print '$expected':"; echo "$output" >&2; return; }
  echo "ok: $name"
}
run "--version" "Hotline Desk $("$VENV/bin/python" -c 'import desktop; print(desktop.__version__)')" "$CLI" --version
run "demo --tickets 5 (migrations, zh_CN catalog)" "5 条演示工单" "$CLI" --db "$DB" demo --tickets 5 --seed 3
run "tickets --limit 1" "工单编号" "$CLI" --db "$DB" tickets --limit 1
run "tickets --limit 1 in English" "Ticket no." "$CLI" --lang en --db "$DB" tickets --limit 1
run "tickets in traditional Chinese" "工單" "$CLI" --lang zh_TW --db "$DB" tickets --limit 1
run "archive --date today (reportlab, fonts)" "" "$CLI" --db "$DB" archive --date today --out "$HOME_DIR/archive.pdf"
[ -s "$HOME_DIR/archive.pdf" ] || fail "archive wrote no PDF"
# `check` exits 1 without a backup of the last 2 days: back up first.
run "backup" "" "$CLI" --db "$DB" backup
run "check" "" "$CLI" --db "$DB" check

# --- the window: every Qt module imported, the first-administrator dialog up; it must still be running ---
status=0
timeout 15 "$BUNDLE/hotline-desk" --db "$DB" >"$HOME_DIR/gui.out" 2>&1 || status=$?
if [ "$status" -ne 124 ]; then
  fail "the window ended by itself (status $status) instead of waiting for the sign-in:"; cat "$HOME_DIR/gui.out" >&2
else
  echo "ok: the window starts (stopped after 15 s)"
fi
LOG="$HOME_DIR/logs/hotline-desk.log"
[ -s "$LOG" ] || fail "the program wrote no log file ($LOG)"
if grep -E "Traceback|unexpected error|catalog missing|translations missing" "$LOG" >&2; then
  fail "the log names a problem ($LOG above)"
fi

if [ "$failures" -ne 0 ]; then
  echo "build check: $failures problem(s)" >&2
  exit 1
fi
echo "build check: the bundle runs"
