#!/usr/bin/env python3
"""Record pglint's findings on the fixtures and the benchmark corpora, and compare two records.

A performance change must not change a result. Before the change::

    python bench/same_findings.py record /tmp/before.json
    # ... change the code ...
    python bench/same_findings.py record /tmp/after.json
    python bench/same_findings.py compare /tmp/before.json /tmp/after.json   # exit 1 on any difference

``record`` runs ``pglint check --no-cache --format json`` (with this interpreter, or ``--python``)
on ``tests/rules`` and ``examples`` (with the gate and with ``--no-gate``) and on the benchmark's
corpora ``bench/.cache/corpus/{py,js}`` when they have been built (``bench/run.py``), and saves
every finding (rule, path, position, message, fingerprint) per target. ``--only`` picks targets.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from typing import Any, Sequence

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
KEYS = ("path", "line", "column", "end_line", "end_column", "code", "severity", "message", "fingerprint")


def targets(cache: str) -> dict[str, list[str]]:
    """Target name -> extra arguments (paths relative to the repository root)."""
    out: dict[str, list[str]] = {
        "fixtures": ["tests/rules"], "fixtures --no-gate": ["--no-gate", "tests/rules"],
        "examples": ["examples"], "examples --no-gate": ["--no-gate", "examples"],
    }
    for lang in ("py", "js"):
        path = os.path.join(cache, "corpus", lang)
        if os.path.isdir(path):
            out[f"corpus {lang}"] = [os.path.relpath(path, ROOT)]
    return out


def findings(python: str, args: Sequence[str], jobs: str) -> tuple[list[dict[str, Any]], float]:
    cmd = [python, "-m", "pglint", "check", "--no-cache", "--isolated", "--format", "json", "--jobs", jobs,
           *args]
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    took = time.monotonic() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)}: exit {proc.returncode}: {proc.stderr.strip()[-500:]}")
    rows = [{k: d.get(k) for k in KEYS} for d in json.loads(proc.stdout or "[]")]
    rows.sort(key=lambda d: json.dumps(d, sort_keys=True))
    return rows, took


def record(out: str, python: str, only: list[str], jobs: str, cache: str) -> int:
    data: dict[str, Any] = {}
    for name, args in targets(cache).items():
        if only and name not in only:
            continue
        rows, took = findings(python, args, jobs)
        print(f"{name}: {len(rows)} findings ({took:.1f} s)", file=sys.stderr)
        data[name] = rows
    with open(out, "w") as fh:
        json.dump(data, fh, indent=0, sort_keys=True)
    return 0


def compare(a_path: str, b_path: str) -> int:
    with open(a_path) as fh:
        a = json.load(fh)
    with open(b_path) as fh:
        b = json.load(fh)
    differ = False
    for name in sorted(set(a) | set(b)):
        if name not in a or name not in b:
            print(f"{name}: only in {'the first' if name in a else 'the second'} record")
            continue
        left = {json.dumps(d, sort_keys=True) for d in a[name]}
        right = {json.dumps(d, sort_keys=True) for d in b[name]}
        gone, new = sorted(left - right), sorted(right - left)
        status = "identical" if not gone and not new and len(a[name]) == len(b[name]) else "DIFFERENT"
        print(f"{name}: {len(a[name])} vs {len(b[name])} findings: {status}")
        for row in gone[:20]:
            print(f"  - {row}")
        for row in new[:20]:
            print(f"  + {row}")
        differ = differ or status != "identical"
    return 1 if differ else 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    rec = sub.add_parser("record", help="run pglint on every target and save the findings")
    rec.add_argument("out")
    rec.add_argument("--python", default=sys.executable, help="the interpreter pglint is installed in")
    rec.add_argument("--only", action="append", default=[], help="a target name (repeatable)")
    rec.add_argument("--jobs", default="0", help="pglint --jobs (the result does not depend on it)")
    rec.add_argument("--cache", default=os.path.join(HERE, ".cache"), help="bench/run.py's --cache")
    cmp_ = sub.add_parser("compare", help="compare two records; exit 1 when they differ")
    cmp_.add_argument("a")
    cmp_.add_argument("b")
    args = ap.parse_args(argv)
    if args.cmd == "record":
        return record(args.out, args.python, args.only, args.jobs, args.cache)
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
