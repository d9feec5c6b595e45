#!/usr/bin/env python3
"""The cache corruption sweep: damage pglint's cache every way we can think of, compare to ``--no-cache``.

    python bench/cache_sweep.py                   # a small generated project (tests/projects/*-helpers)
    python bench/cache_sweep.py PATH --stride 7   # your project; every 7th byte of each cache file
    python bench/cache_sweep.py --src /tmp/old/src   # sweep another pglint (its ``src`` directory)

It runs ``pglint check --format json --jobs 1`` once with ``--no-cache`` (the
reference) and once to fill a cache, then, for each file of that cache
(entries, ``summaries.pickle``, ``pglint-cache.json``, ``CACHEDIR.TAG``,
``.gitignore``), runs pglint again on a fresh copy of the cache damaged one way:

* ``byte``: each byte in turn XOR-ed with each ``--mask`` (default ``0xff``; ``0x01``
  flips one bit), one run per byte;
* ``truncate``: cut to half its size, and to zero bytes;
* ``fifo`` / ``dir``: replaced by a FIFO (a plain ``open`` of it blocks forever) or by
  a directory;
* ``all-entries``: every entry and blob at once, each with the byte at the same
  relative offset flipped (one run per offset in ``--all-offsets`` steps), then all
  truncated, all FIFOs.

Each run is classified against the reference: **identical** (same JSON, same
exit status; a warning on stderr is expected and counted), **crash** (exit status
not 0/1, ``internal error`` or a traceback), **hang** (not done after
``--timeout`` seconds; killed), **silent diff** (different findings and no
warning: the one outcome that misleads a user) and **warned diff**. Damaged
cases other than ``byte`` are run a second time to check the cache healed
(**not healed**: the second run still warns or differs).

Runs are forked from this process after pglint is imported (``--parallel``
children at a time, each on its own copy of the cache), so thousands of runs
take minutes, not hours. Linux/macOS only (``os.fork``, ``os.mkfifo``). Prints a
table; ``--json FILE`` also writes the counts.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from typing import Callable

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

Mutation = Callable[[str], None]  # damages the cache directory it is given


@dataclass
class Outcome:
    rc: int  # exit status; -1 when killed after the timeout
    stdout: bytes
    stderr: bytes


@dataclass
class Tally:
    cases: int = 0
    identical: int = 0
    warned: int = 0  # identical output, with a warning (expected for anything but .gitignore)
    crash: int = 0
    hang: int = 0
    silent_diff: int = 0
    warned_diff: int = 0
    not_healed: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for name in ("cases", "identical", "warned", "crash", "hang", "silent_diff", "warned_diff", "not_healed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


COLUMNS = ("cases", "identical", "warned", "crash", "hang", "silent_diff", "warned_diff", "not_healed")


# --------------------------------------------------------------------------- running pglint in forked children


class Runner:
    """Runs ``pglint.cli.main`` in forked children, ``parallel`` at a time, each in its own slot."""

    def __init__(self, project: str, work: str, parallel: int, timeout: float) -> None:
        from pglint import cli, report  # noqa: F401 - imported once here, not in every child
        from pglint.engine import Options, run

        self.main = cli.main
        run([project], Options(jobs=1))  # loads the frontends, the rules, pglint's code fingerprint
        self.project = project
        self.work = work
        self.parallel = parallel
        self.timeout = timeout

    def argv(self, cache_dir: str | None) -> list[str]:
        args = ["check", "--format", "json", "--jobs", "1", "--isolated"]
        args += ["--no-cache"] if cache_dir is None else ["--cache-dir", cache_dir]
        return args + [self.project]

    def start(self, slot: int, argv: list[str]) -> int:
        out, err = self._outputs(slot)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: run pglint, exit with its status
            rc = 99
            try:
                for fd, path in ((1, out), (2, err)):
                    target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                    os.dup2(target, fd)
                    os.close(target)
                rc = self.main(argv)
            except BaseException:  # noqa: BLE001 - whatever escapes main() is a crash to count
                traceback.print_exc()
            finally:
                try:
                    sys.stdout.flush()
                    sys.stderr.flush()
                finally:
                    os._exit(rc)
        return pid

    def _outputs(self, slot: int) -> tuple[str, str]:
        return os.path.join(self.work, f"slot{slot}.out"), os.path.join(self.work, f"slot{slot}.err")

    def collect(self, slot: int, status: int | None) -> Outcome:
        out, err = self._outputs(slot)
        with open(out, "rb") as fh:
            stdout = fh.read()
        with open(err, "rb") as fh:
            stderr = fh.read()
        rc = -1 if status is None else (os.waitstatus_to_exitcode(status))
        return Outcome(rc, stdout, stderr)

    def run_one(self, argv: list[str]) -> Outcome:
        pid = self.start(0, argv)
        status = self._wait(pid, time.monotonic() + self.timeout)
        return self.collect(0, status)

    def _wait(self, pid: int, deadline: float) -> int | None:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return status
            if time.monotonic() > deadline:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                return None
            time.sleep(0.002)

    def sweep(self, cases: list[tuple[str, Mutation]], pristine: str, reference: Outcome,
              heal_check: bool, tally_for: Callable[[str], Tally]) -> None:
        """Run every case (label, mutation) on a fresh copy of ``pristine`` and classify it."""
        queue = list(cases)
        running: dict[int, tuple[int, str, float, str]] = {}  # pid -> (slot, label, deadline, cache dir)
        free = list(range(self.parallel))
        second: dict[int, tuple[int, str, float, str, Outcome]] = {}  # heal-check runs
        done = 0
        while queue or running or second:
            while queue and free:
                label, mutate = queue.pop(0)
                slot = free.pop()
                cache_dir = os.path.join(self.work, f"cache{slot}")
                shutil.rmtree(cache_dir, ignore_errors=True)
                shutil.copytree(pristine, cache_dir, symlinks=True)
                mutate(cache_dir)
                pid = self.start(slot, self.argv(cache_dir))
                running[pid] = (slot, label, time.monotonic() + self.timeout, cache_dir)
            time.sleep(0.002)
            for pid in list(running) + list(second):
                if pid in running:
                    slot, label, deadline, cache_dir = running[pid]
                else:
                    slot, label, deadline, cache_dir, _ = second[pid]
                got, status = os.waitpid(pid, os.WNOHANG)
                if not got and time.monotonic() <= deadline:
                    continue
                if not got:
                    os.kill(pid, 9)
                    os.waitpid(pid, 0)
                outcome = self.collect(slot, status if got else None)
                tally = tally_for(label)
                if pid in running:
                    del running[pid]
                    classify(label, outcome, reference, tally)
                    if heal_check and outcome.rc in (0, 1):
                        pid2 = self.start(slot, self.argv(cache_dir))
                        second[pid2] = (slot, label, time.monotonic() + self.timeout, cache_dir, outcome)
                        continue
                else:
                    del second[pid]
                    if (outcome.stdout, outcome.rc) != (reference.stdout, reference.rc) or b"warning" in outcome.stderr:
                        tally.not_healed += 1
                        if len(tally.examples) < 3:
                            why = outcome.stderr.decode(errors="replace")[:200]
                            tally.examples.append(f"{label}: not healed: {why}")
                free.append(slot)
                done += 1
                if done % 500 == 0:
                    print(f"[sweep] {done} runs", file=sys.stderr, flush=True)


def classify(label: str, outcome: Outcome, reference: Outcome, tally: Tally) -> None:
    tally.cases += 1
    err = outcome.stderr.decode("utf-8", "replace")
    same = outcome.stdout == reference.stdout and outcome.rc == reference.rc
    warned = "pglint: warning:" in err
    if outcome.rc == -1:
        tally.hang += 1
        kind = "hang"
    elif outcome.rc not in (0, 1) or "internal error" in err or "Traceback" in err:
        tally.crash += 1
        kind = "crash"
    elif same:
        if warned:
            tally.warned += 1
        else:
            tally.identical += 1
        return
    elif warned:
        tally.warned_diff += 1
        kind = "warned diff"
    else:
        tally.silent_diff += 1
        kind = "silent diff"
    if len(tally.examples) < 3:
        tally.examples.append(f"{label}: {kind} (exit {outcome.rc}) {err.strip()[:200]}")


# --------------------------------------------------------------------------- damage


def flip(rel: str, offset: int, mask: int) -> Mutation:
    def mutate(cache_dir: str) -> None:
        path = os.path.join(cache_dir, rel)
        with open(path, "r+b") as fh:
            fh.seek(offset)
            byte = fh.read(1)
            fh.seek(offset)
            fh.write(bytes([byte[0] ^ mask]))
    return mutate


def truncate(rels: list[str], fraction: float) -> Mutation:
    def mutate(cache_dir: str) -> None:
        for rel in rels:
            path = os.path.join(cache_dir, rel)
            with open(path, "r+b") as fh:
                fh.truncate(int(os.path.getsize(path) * fraction))
    return mutate


def replace_with(rels: list[str], kind: str) -> Mutation:
    def mutate(cache_dir: str) -> None:
        for rel in rels:
            path = os.path.join(cache_dir, rel)
            os.unlink(path)
            if kind == "fifo":
                os.mkfifo(path)
            else:
                os.mkdir(path)
    return mutate


def flip_all(rels: list[str], sizes: dict[str, int], fraction: float, mask: int) -> Mutation:
    def mutate(cache_dir: str) -> None:
        for rel in rels:
            flip(rel, min(sizes[rel] - 1, int(sizes[rel] * fraction)), mask)(cache_dir)
    return mutate


def kind_of(rel: str) -> str:
    return "entry" if rel.startswith("entries" + os.sep) else rel


# --------------------------------------------------------------------------- main


def generated_project(dest: str) -> str:
    """A small project with Python and JS files, findings, imports and helper summaries."""
    for name in ("js-helpers", "py-helpers", "py-imported-pool"):
        shutil.copytree(os.path.join(ROOT, "tests", "projects", name), os.path.join(dest, name))
    with open(os.path.join(dest, "pyproject.toml"), "w") as fh:
        fh.write("")
    return dest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", nargs="?", help="project to check (default: a small generated one)")
    parser.add_argument("--src", help="import pglint from this directory (default: this checkout's src/)")
    parser.add_argument("--mask", action="append", type=lambda v: int(v, 0), default=[],
                        help="XOR mask for the byte sweep (repeatable; default 0xff)")
    parser.add_argument("--stride", type=int, default=1, help="sweep every Nth byte (default: every byte)")
    parser.add_argument("--max-files", type=int, default=0, help="sweep at most this many entries (0: all)")
    parser.add_argument("--all-offsets", type=int, default=64,
                        help="offsets (evenly spread) for flipping every entry at once (default 64)")
    parser.add_argument("--parallel", type=int, default=os.cpu_count() or 2, help="children at a time")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a run counts as hung")
    parser.add_argument("--json", metavar="FILE", help="also write the counts as JSON")
    args = parser.parse_args()
    masks = args.mask or [0xff]

    sys.path.insert(0, os.path.abspath(args.src or os.path.join(ROOT, "src")))
    import pglint

    work = tempfile.mkdtemp(prefix="pglint-sweep-")
    try:
        project = os.path.abspath(args.project) if args.project else generated_project(os.path.join(work, "proj"))
        runner = Runner(project, work, max(1, args.parallel), args.timeout)
        reference = runner.run_one(runner.argv(None))
        if reference.rc not in (0, 1):
            print(f"the --no-cache run failed (exit {reference.rc}): {reference.stderr.decode()}", file=sys.stderr)
            return 2
        pristine = os.path.join(work, "pristine")
        filled = runner.run_one(runner.argv(pristine))
        warm = runner.run_one(runner.argv(pristine))
        if filled.stdout != reference.stdout or warm.stdout != reference.stdout or warm.stderr:
            print("cold/warm cached runs differ from --no-cache before any damage:\n"
                  + warm.stderr.decode(), file=sys.stderr)
            return 2
        files = sorted(os.path.relpath(os.path.join(d, f), pristine)
                       for d, _, names in os.walk(pristine) for f in names)
        sizes = {rel: os.path.getsize(os.path.join(pristine, rel)) for rel in files}
        entries = [rel for rel in files if kind_of(rel) == "entry"]
        blobs = [rel for rel in files if rel.endswith(".pickle")]
        swept = [rel for rel in files if kind_of(rel) != "entry"] + entries[:args.max_files or None]
        findings = len(json.loads(reference.stdout or b"[]")) if reference.stdout.strip().startswith(b"[") else -1
        print(f"pglint {pglint.__version__} from {os.path.dirname(os.path.dirname(pglint.__file__))}\n"
              f"project {project}: reference exit {reference.rc}, {findings} findings; cache: {len(files)} files "
              f"({len(entries)} entries, {sum(sizes.values()):,} bytes); sweeping {len(swept)} of them, "
              f"masks {', '.join(hex(m) for m in masks)}, stride {args.stride}", file=sys.stderr)

        tallies: dict[tuple[str, str], Tally] = {}
        started = time.monotonic()

        def tally_for(label: str) -> Tally:
            kind, mode = label.split("|")[:2]
            return tallies.setdefault((kind, mode), Tally())

        byte_cases = [(f"{kind_of(rel)}|byte {hex(mask)}|{rel}@{off}", flip(rel, off, mask))
                      for mask in masks for rel in swept for off in range(0, sizes[rel], args.stride)]
        runner.sweep(byte_cases, pristine, reference, False, tally_for)
        other: list[tuple[str, Mutation]] = []
        for rel in swept:
            other.append((f"{kind_of(rel)}|truncate|{rel}", truncate([rel], 0.5)))
            other.append((f"{kind_of(rel)}|empty|{rel}", truncate([rel], 0.0)))
            other.append((f"{kind_of(rel)}|fifo|{rel}", replace_with([rel], "fifo")))
            other.append((f"{kind_of(rel)}|dir|{rel}", replace_with([rel], "dir")))
        together = entries + blobs
        for i in range(args.all_offsets):
            for mask in masks:
                other.append((f"all entries|byte {hex(mask)}|@{i}/{args.all_offsets}",
                              flip_all(together, sizes, i / args.all_offsets, mask)))
        other.append(("all entries|truncate|", truncate(together, 0.5)))
        other.append(("all entries|empty|", truncate(together, 0.0)))
        other.append(("all entries|fifo|", replace_with(together, "fifo")))
        other.append(("all entries|dir|", replace_with(together, "dir")))
        runner.sweep(other, pristine, reference, True, tally_for)
        elapsed = time.monotonic() - started

        total = Tally()
        rows = []
        for (kind, mode), t in sorted(tallies.items()):
            total.add(t)
            rows.append([kind, mode] + [str(getattr(t, c)) for c in COLUMNS])
        rows.append(["total", ""] + [str(getattr(total, c)) for c in COLUMNS])
        header = ["cache file", "damage"] + [c.replace("_", " ") for c in COLUMNS]
        widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
        print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
        print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for r in rows:
            print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
        print(f"\n{total.cases} damaged runs in {elapsed:.0f} s", file=sys.stderr)
        for (kind, mode), t in sorted(tallies.items()):
            for ex in t.examples:
                if not ex.startswith("identical"):
                    print(f"  e.g. {ex}", file=sys.stderr)
        if args.json:
            with open(args.json, "w") as fh:
                json.dump({"pglint": pglint.__version__, "project": project, "cache_files": len(files),
                           "cache_bytes": sum(sizes.values()), "masks": masks, "stride": args.stride,
                           "seconds": round(elapsed),
                           "rows": [{"file": k, "damage": m, **{c: getattr(t, c) for c in COLUMNS}}
                                    for (k, m), t in sorted(tallies.items())],
                           "total": {c: getattr(total, c) for c in COLUMNS}}, fh, indent=2)
        bad = total.crash + total.hang + total.silent_diff + total.warned_diff + total.not_healed
        return 1 if bad else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
