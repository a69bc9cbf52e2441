"""python -m bench [--smoke] [--sizes 100000,1000000] [--repeat N] [--out bench/results.json]

Builds (or reuses) the databases, measures every operation three ways — Hotline Desk,
the plain-sqlite3 floor, Qt's stock QSqlTableModel — and prints min / median / max with
the ratios. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.timing import Figure

HERE = Path(__file__).resolve().parent
SMOKE_SIZE = 10_000
ORDER = ("cold_start", "first_page", "jump_middle", "jump_end", "sort_customer_name", "sort_priority",
         "search_2_chars_first_page", "search_2_chars", "search_4_chars_first_page", "search_4_chars",
         "search_ticket_number_first_page", "search_ticket_number", "search_phone_last4_first_page",
         "search_phone_last4", "open_ticket",
         "save_ticket", "next_due", "archive_1000_calls", "weekly_report_year_cold", "weekly_report_year",
         "peak_rss_mb")


def _child(path: Path, mode: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # An installed program starts from compiled bytecode (the bundle holds it): let the child
    # write and use __pycache__ even where the shell says not to.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as home:
        env["HOTLINE_DESK_HOME"] = home
        done = subprocess.run([sys.executable, "-m", "bench.gui_child", str(path), mode], env=env,
                              capture_output=True, text=True, timeout=3600, cwd=HERE.parent)
    if done.returncode != 0:
        raise RuntimeError(f"the window process failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _gui_figures(path: Path, repeat: int) -> dict[str, Figure]:
    cold = Figure(note="process start to the first page painted; after one unrecorded start")
    _child(path, "cold")  # compiles the bytecode and reads the files into the system's cache, as a second start
    for _ in range(repeat):
        start = time.time()  # wall clock, as the child reports: it includes the interpreter's own start
        reported = _child(path, "cold")
        cold.times_ms.append((reported["painted_at"] - start) * 1000)
        assert reported["rows"] > 0, "the window showed no tickets"
    memory = _child(path, "scroll")
    return {"cold_start": cold,
            "peak_rss_mb": Figure(value=memory["peak_rss_mb"], note="after scrolling the whole table")}


def _python_speed_ms() -> float:
    """A yardstick of this machine's speed for pure Python: the best of three loops of 5,000,000
    additions. Compare runs on different machines by it."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(5_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 1)


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def run_size(count: int, repeat: int, *, stock: bool, template_size: int) -> dict[str, object]:
    from bench import floor, product
    from bench.build import ensure_database
    from bench.probes import read_probes

    path = ensure_database(count, template_size=template_size)
    probes = read_probes(path)
    print(f"\n== {probes.count:,} tickets ({path.stat().st_size / 1e6:,.0f} MB) ==", flush=True)
    ways: dict[str, dict[str, Figure]] = {}
    ways["product"] = product.run(path, probes, repeat)
    ways["product"].update(_gui_figures(path, repeat))
    ways["floor"] = floor.run(path, probes, repeat)
    if stock:
        from bench import stock as stock_way

        ways["stock"] = stock_way.run(path, probes, repeat)
    rows = []
    print(f"{'operation':32} {'Hotline Desk ms (min/med/max)':>32} {'floor med':>10} {'stock med':>11} "
          f"{'HD/floor':>9} {'stock/HD':>9}")
    result: dict[str, object] = {"tickets": probes.count, "file_mb": round(path.stat().st_size / 1e6), "operations": {}}
    for name in ORDER:
        mine = ways["product"].get(name, Figure(note="not measured"))
        low = ways["floor"].get(name)
        high = ways.get("stock", {}).get(name)
        entry = {"product": mine.summary(), "floor": low.summary() if low else None,
                 "stock": high.summary() if high else None,
                 "product_over_floor": _ratio(mine.median, low.median if low else None),
                 "stock_over_product": _ratio(high.median if high else None, mine.median)}
        result["operations"][name] = entry  # type: ignore[index]
        if mine.value is not None:
            shown = f"{mine.value:,.0f} MB"
        elif mine.times_ms:
            s = mine.summary()
            shown = f"{s['min']:.1f} / {s['median']:.1f} / {s['max']:.1f}"
        else:
            shown = mine.note[:32]
        fmt = lambda f: f"{f.median:.1f}" if f is not None and f.median is not None else "–"  # noqa: E731
        print(f"{name:32} {shown:>32} {fmt(low):>10} {fmt(high):>11} "
              f"{entry['product_over_floor'] or '–':>9} {entry['stock_over_product'] or '–':>9}", flush=True)
        rows.append(entry)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help=f"one small database ({SMOKE_SIZE:,} tickets), 2 runs")
    parser.add_argument("--sizes", default="100000,1000000", help="ticket counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each operation (saves: always 200)")
    parser.add_argument("--no-stock", action="store_true", help="skip the QSqlTableModel way")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("HOTLINE_DESK_HOME", tempfile.mkdtemp(prefix="hotline-bench-"))
    try:
        sizes = [SMOKE_SIZE] if args.smoke else [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    except ValueError:
        parser.error(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
    if any(size < 1 for size in sizes) or args.repeat < 1:
        parser.error("sizes and --repeat must be at least 1")
    repeat = 2 if args.smoke else args.repeat
    results = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
                    "platform": platform.platform(),
                    "load_average_at_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
                    "python_loop_5m_additions_ms": _python_speed_ms()},
        "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "sizes": [run_size(size, repeat, stock=not args.no_stock, template_size=500 if args.smoke else 1000)
                  for size in sizes],
    }
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
