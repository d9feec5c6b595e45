#!/usr/bin/env python3
"""Count the file lowerings one ``pglint check`` run does (issue 14), by purpose.

    python bench/lowerings.py PATH [PATH ...]

Runs :func:`pglint.engine.run` in this process (``jobs=1``, no cache) with every language
adapter's ``lower`` wrapped by a counter, and prints how many times a file was lowered for
the function-summary pass (a registry with parameter wildcards; and the files each round of
it lowered) and for checking, the number of distinct files lowered, and the wall time (in all,
and inside each purpose's lowerings). Counting work is what to compare on a shared machine;
the time is only indicative.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from typing import Any

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src"))

from pglint import engine  # noqa: E402
from pglint.analysis import summaries  # noqa: E402
from pglint.languages import adapters  # noqa: E402


def count(paths: list[str]) -> dict[str, Any]:
    """The lowerings of one in-process run over ``paths`` (see the module docstring)."""
    by_purpose: Counter[str] = Counter()
    seconds_by: Counter[str] = Counter()
    files: set[str] = set()
    originals: list[tuple[type, Any]] = []
    for adapter in adapters().values():
        cls = type(adapter)
        if any(c is cls for c, _ in originals):
            continue
        original = cls.lower
        originals.append((cls, original))

        def counted(self: Any, parsed: Any, project: Any, registry: Any, *args: Any,
                    _original: Any = original, **kwargs: Any) -> Any:
            purpose = "summary" if registry.param_values else "check"
            by_purpose[purpose] += 1
            files.add(parsed.path)
            t0 = time.perf_counter()
            try:
                return _original(self, parsed, project, registry, *args, **kwargs)
            finally:
                seconds_by[purpose] += time.perf_counter() - t0

        cls.lower = counted  # type: ignore[method-assign]
    rounds: list[int] = []
    summarise_project = engine.summarise_project

    def recorded(*args: Any, **kwargs: Any) -> summaries.SummaryStats:
        stats = summarise_project(*args, **kwargs)
        rounds.extend(stats.per_round)
        return stats

    engine.summarise_project = recorded  # type: ignore[assignment]
    try:
        t0 = time.perf_counter()
        result = engine.run(paths, engine.Options(jobs=1))
        seconds = time.perf_counter() - t0
    finally:
        engine.summarise_project = summarise_project  # type: ignore[assignment]
        for cls, original in originals:
            cls.lower = original  # type: ignore[method-assign]
    return {"paths": paths, "files": len(result.files), "analysed": len(result.analysed),
            "lowerings": sum(by_purpose.values()), "summary": by_purpose["summary"],
            "check": by_purpose["check"], "files_lowered": len(files), "summary_rounds": rounds,
            "findings": len(result.diagnostics), "seconds": round(seconds, 2),
            "summary_seconds": round(seconds_by["summary"], 2), "check_seconds": round(seconds_by["check"], 2)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    out = count(args.paths)
    if args.json:
        print(json.dumps(out))
    else:
        print(f"{out['files']} files, {out['analysed']} checked, {out['files_lowered']} lowered: "
              f"{out['lowerings']} lowerings ({out['summary']} for summaries, in rounds of {out['summary_rounds']}; "
              f"{out['check']} for checks), "
              f"{out['findings']} findings, {out['seconds']} s (lowering: {out['summary_seconds']} s "
              f"for summaries, {out['check_seconds']} s for checks)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
