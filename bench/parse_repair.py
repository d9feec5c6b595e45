#!/usr/bin/env python3
"""What the JS/TS grammar gap repair costs and buys: parse every JS/TS file under the given folders
with the repair and without it.

    python bench/parse_repair.py bench/.cache/corpus/kysely-org__kysely bench/.cache/corpus/Unleash__unleash

Prints the files, how many the grammar rejects in part before and after the repair, the parse
time of all files with and without it (median of ``--repeat`` runs), the time the repair adds on
the files it runs on, the slowest file, and the repairs by construct. Not a test: numbers for
docs/performance.md and reviews of :mod:`pglint.languages.javascript.repair`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "src"))

from pglint.languages.javascript import repair as repair_module  # noqa: E402
from pglint.languages.javascript.parsing import parse_source  # noqa: E402

JS_EXT = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")
SKIP_DIRS = {"node_modules", ".git", "dist", "build"}
MAX_BYTES = 2_000_000


def files_under(roots: list[str]) -> list[tuple[str, bytes]]:
    out = []
    for root in roots:
        for folder, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
            for name in names:
                if name.endswith(JS_EXT) and not name.endswith(".min.js"):
                    path = os.path.join(folder, name)
                    if os.path.getsize(path) <= MAX_BYTES:
                        with open(path, "rb") as fh:
                            out.append((path, fh.read()))
    return out


def parse_all(files: list[tuple[str, bytes]], repaired: bool) -> tuple[float, dict[str, float], list]:
    gaps = repair_module.GAPS
    if not repaired:
        repair_module.GAPS = ()
    try:
        times: dict[str, float] = {}
        sources = []
        start = time.perf_counter()
        for path, data in files:
            t = time.perf_counter()
            sources.append(parse_source(path, data))
            times[path] = time.perf_counter() - t
        return time.perf_counter() - start, times, sources
    finally:
        repair_module.GAPS = gaps


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("roots", nargs="+")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = files_under(args.roots)
    runs_off, runs_on = [], []
    for _ in range(args.repeat):
        total, times_off, off = parse_all(files, repaired=False)
        runs_off.append(total)
        total, times_on, on = parse_all(files, repaired=True)
        runs_on.append(total)
    errored = [i for i, s in enumerate(off) if s.problem is not None]
    left = [i for i, s in enumerate(on) if s.problem is not None]
    extra = [times_on[files[i][0]] - times_off[files[i][0]] for i in errored]
    kinds: Counter[str] = Counter()
    for s in on:
        kinds.update(s.repairs)
    lines = sum(data.count(b"\n") for _, data in files)
    print(f"files: {len(files)} ({lines} lines)")
    print(f"rejected in part by the grammar: {len(errored)} before the repair, {len(left)} after")
    print(f"parse time, all files: {statistics.median(runs_off):.2f} s without the repair, "
          f"{statistics.median(runs_on):.2f} s with it")
    if extra:
        slow = max(errored, key=lambda i: times_on[files[i][0]] - times_off[files[i][0]])
        print(f"repair time on the {len(errored)} files it ran on: {sum(extra):.2f} s in all, "
              f"median {statistics.median(extra) * 1000:.1f} ms, slowest {max(extra) * 1000:.0f} ms "
              f"({os.path.relpath(files[slow][0])}, {len(files[slow][1])} bytes)")
    for name, n in kinds.most_common():
        print(f"  {n:5}  {name}")
    for i in left:
        print(f"  still in part: {os.path.relpath(files[i][0])}: {on[i].problem.message[:100]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
