"""The benchmark harness runs end to end on a small database (speed is not asserted: see bench/)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_smoke_run_measures_every_operation_three_ways(tmp_path):
    out = tmp_path / "results.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOTLINE_DESK_HOME=str(tmp_path / "home"))
    done = subprocess.run([sys.executable, "-m", "bench", "--smoke", "--out", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "HD/floor" in done.stdout
    results = json.loads(out.read_text(encoding="utf-8"))
    (size,) = results["sizes"]
    assert size["tickets"] == 10_000
    operations = size["operations"]
    for name in ("cold_start", "first_page", "jump_middle", "jump_end", "search_2_chars", "search_4_chars",
                 "search_ticket_number", "search_phone_last4", "search_2_chars_first_page",
                 "search_phone_last4_first_page", "open_ticket", "save_ticket"):
        assert operations[name]["product"]["runs"] >= 2, name
        assert operations[name]["floor"] is not None or name == "cold_start", name
    assert operations["save_ticket"]["product"]["runs"] >= 150
    assert operations["first_page"]["stock"]["runs"] >= 1
    assert operations["peak_rss_mb"]["product"]["value"] > 0


def test_bad_sizes_are_refused_with_a_message():
    done = subprocess.run([sys.executable, "-m", "bench", "--sizes", "ten"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2
    assert "--sizes takes whole numbers" in done.stderr
