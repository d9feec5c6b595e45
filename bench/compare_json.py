#!/usr/bin/env python3
"""Compare the findings of two pglint builds (or two saved results), target by target.

    python bench/compare_json.py --before "/work/main/.venv/bin/pglint" --after ".venv/bin/pglint" \\
        tests/rules /tmp/corpus/brianc+node-postgres ...
    python bench/compare_json.py --before-file a.json --after-file b.json
    python bench/compare_json.py --after ".venv/bin/pglint" --warm tests/rules   # cold vs warm cache

Each target is checked on its own with ``check --format json --no-cache`` (``--warm``: cold
into a fresh cache directory, then again from it, and the two are compared). Findings are
compared as whole JSON objects (message, steps, fix ...) in order; every difference is
printed, and the exit status is 1 when there is one. ``--save DIR`` keeps each output.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from typing import Any


def run_pglint(command: str, target: str, extra: list[str]) -> tuple[list[dict[str, Any]], float]:
    """The findings of ``command check --format json`` on ``target``, and the wall time."""
    cmd = [*shlex.split(command), "check", "--format", "json", *extra, target]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"compare_json: {' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()[:500]}")
    return json.loads(proc.stdout or "[]"), seconds


def diff(name: str, before: list[dict[str, Any]], after: list[dict[str, Any]]) -> int:
    """Print what differs between two finding lists; the number of differences."""
    key = lambda d: json.dumps(d, sort_keys=True)  # noqa: E731
    b, a = [key(d) for d in before], [key(d) for d in after]
    if b == a:
        print(f"{name}: identical ({len(a)} findings)")
        return 0
    only_b = sorted(set(b) - set(a))
    only_a = sorted(set(a) - set(b))
    print(f"{name}: DIFFERENT ({len(b)} before, {len(a)} after; {len(only_b)} only before, "
          f"{len(only_a)} only after{'; same set, other order' if not only_a and not only_b else ''})")
    for d in only_b[:20]:
        print("  - " + d[:400])
    for d in only_a[:20]:
        print("  + " + d[:400])
    return max(1, len(only_a) + len(only_b))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("targets", nargs="*", help="directories or files to check, each on its own")
    ap.add_argument("--before", help="the pglint command of the old build")
    ap.add_argument("--after", help="the pglint command of the new build")
    ap.add_argument("--before-file")
    ap.add_argument("--after-file")
    ap.add_argument("--warm", action="store_true", help="compare --after cold against --after warm")
    ap.add_argument("--jobs", default="1", help="-j for both runs (default 1)")
    ap.add_argument("--save", help="write each output as JSON into this directory")
    args = ap.parse_args()
    if args.before_file and args.after_file:
        with open(args.before_file) as fb, open(args.after_file) as fa:
            return 1 if diff("files", json.load(fb), json.load(fa)) else 0
    if not args.targets or not args.after or not (args.before or args.warm):
        ap.error("give targets, --after and --before (or --warm), or --before-file and --after-file")
    differences = 0
    for target in args.targets:
        name = os.path.basename(os.path.normpath(target))
        if args.warm:
            with tempfile.TemporaryDirectory(prefix="pglint-compare-") as cache:
                flags = ["--cache-dir", cache, "-j", args.jobs]
                before, tb = run_pglint(args.after, target, flags)
                after, ta = run_pglint(args.after, target, flags)
        else:
            flags = ["--no-cache", "-j", args.jobs]
            before, tb = run_pglint(args.before, target, flags)
            after, ta = run_pglint(args.after, target, flags)
        print(f"[{tb:.2f} s → {ta:.2f} s] ", end="")
        differences += diff(name, before, after)
        if args.save:
            os.makedirs(args.save, exist_ok=True)
            for tag, found in (("before", before), ("after", after)):
                with open(os.path.join(args.save, f"{name}.{tag}.json"), "w") as fh:
                    json.dump(found, fh, indent=1)
    print(f"{differences} difference(s)")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
