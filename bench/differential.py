#!/usr/bin/env python3
"""Differential check at scale: generated programs run against PostgreSQL and linted (issue 17).

    python bench/differential.py                       # 5,000 programs per language, seed 0
    python bench/differential.py --count 20000 --seed 3 --languages js
    python bench/differential.py --dsn "host=... dbname=..."   # an existing server

The generator, runners and reducer are those of ``tests/runtime/leak_programs.py``
(the suite's test runs 600 programs per language with seed 17). The server is
``--dsn`` / ``PGLINT_TEST_DSN``, or a throwaway cluster started as the runtime
tests start it; node-postgres comes from ``tests/runtime/node``. Programs are
checked in batches of ``--batch``; every disagreement is reduced to a minimal
program, and distinct minimal programs are printed once with how many programs
reduced to them. The exit status is 1 when there is a false negative or a false positive
that is not a documented gap (``KNOWN_FALSE_POSITIVES``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNTIME = ROOT / "tests" / "runtime"
sys.path.insert(0, str(RUNTIME))

from conftest import Server, _from_dsn, server_or_reason  # noqa: E402
from leak_programs import Checker, Verdict, generate, known_false_positive, reduce  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=5000, help="programs per language (default 5000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--languages", default="js,py", help="comma-separated: js, py (default both)")
    parser.add_argument("--batch", type=int, default=1000, help="programs per node process / lint run")
    parser.add_argument("--dsn", default=os.environ.get("PGLINT_TEST_DSN"), help="an existing server")
    args = parser.parse_args(argv)
    languages = [x.strip() for x in args.languages.split(",") if x.strip()]
    unknown = [x for x in languages if x not in ("js", "py")]
    if unknown:
        parser.error(f"--languages: unknown language {unknown[0]!r} (js, py)")
    if args.dsn:
        return _check_all(_from_dsn(args.dsn), args, languages)
    with server_or_reason() as server:
        if isinstance(server, str):
            print(f"differential: {server}", file=sys.stderr)
            return 2
        return _check_all(server, args, languages)


def _check_all(server: Server, args: argparse.Namespace, languages: list[str]) -> int:
    failures = 0
    for language in languages:
        failures += _check(server, args, language)
    return 1 if failures else 0


def _check(server: Server, args: argparse.Namespace, language: str) -> int:
    folder = tempfile.mkdtemp(prefix=f"pglint-diff-{language}-")
    if language == "js":
        module = RUNTIME / "node" / "node_modules" / "pg"
        if not module.is_dir():
            print(f"differential: node-postgres is not installed: npm install --prefix {RUNTIME / 'node'}",
                  file=sys.stderr)
            return 0
        checker = Checker("js", folder, pg_module=module, env=server.env("pglint-differential"))
    else:
        checker = Checker("py", folder, dsn=server.dsn())
    started = time.perf_counter()
    programs = generate(args.count, args.seed)
    verdicts: list[Verdict] = []
    try:
        for start in range(0, len(programs), args.batch):
            verdicts += checker.check(programs[start:start + args.batch])
        checked = time.perf_counter() - started
        runs = sum(len(p.inputs()) for p in programs)
        leaked = sum(v.outcome.leaked for v in verdicts)
        disagreements = [v for v in verdicts if v.kind]
        minimal: Counter[tuple[str, str]] = Counter()
        gaps: Counter[str] = Counter()
        for v in disagreements:
            small = reduce(checker, v)
            assert small.kind is not None
            gap = known_false_positive(small.program) if small.kind == "false positive" else None
            label = f"{small.kind}, todo: {gap}" if gap else f"{small.kind}, not a known gap"
            gaps[label] += 1
            minimal[(label, small.source)] += 1
        reduced = time.perf_counter() - started - checked
    finally:
        checker.close()
    fn = sum(v.kind == "false negative" for v in verdicts)
    fp = sum(v.kind == "false positive" for v in verdicts)
    safe = len(verdicts) - leaked
    print(f"{language}: {len(verdicts)} programs (seed {args.seed}), {runs} runs, {leaked} leak at run time; "
          f"{fn} false negatives, {fp} false positives ({100.0 * fp / max(1, safe):.2f}% of the "
          f"{safe} that do not leak); checked in {checked:.1f} s, reduced in {reduced:.1f} s")
    for label, n in gaps.most_common():
        print(f"  {n} {label}")
    for (kind, source), n in minimal.most_common():
        print(f"\n--- {kind}: {n} program(s) reduce to\n{source}")
    return int(fn) + gaps["false positive, not a known gap"]


if __name__ == "__main__":
    sys.exit(main())
