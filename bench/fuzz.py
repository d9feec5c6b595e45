#!/usr/bin/env python3
"""Fuzz sweep: mutate pglint's own fixtures and look for crashes, hangs and silent differences.

    python bench/fuzz.py                      # 5,000 mutants, seed 0, 2 workers
    python bench/fuzz.py -n 200 --seed 7 --workers 1
    python bench/fuzz.py --write              # also rewrite the counts in docs/fuzz.md

The seed corpus is every Python/JS/TS file of ``tests/rules``, ``tests/projects``
and ``examples/`` (or the paths given with ``--corpus``). Each mutant is one seed
file (a project's file together with the rest of its project) after one to three
byte or token mutations: lines deleted, duplicated, swapped or spliced in from
another seed; bytes inserted (``\\r``, ``\\x0c``, U+0085, U+2028, NUL, invalid
UTF-8, a BOM, quotes, brackets, …); a byte replaced; the file truncated; a deep
nesting spliced in (brackets, blocks, f-strings); line endings mixed; a token
duplicated, deleted or swapped for a keyword. Everything follows from ``--seed``.

Each mutant is checked in a worker process (``spawn``: every worker has its own
hash seed) through the engine API, and once through the CLI in one of the output
formats, in turn. It counts as

* **crash**: a PG002 (internal error) finding, an exception out of ``run()``, or
  "internal error" from the CLI (tracebacks never reach the user: they are counted);
* **hang**: one run takes more than ``--timeout`` CPU seconds (default 10), or the
  worker does not answer at all for 28 times that (it is killed and replaced);
* **nondeterminism**: two runs in one process, or runs in two processes with
  different hash seeds (the other worker replays every mutant), disagree;
* **gate difference**: ``--no-gate`` finds something else (the gate may change nothing);
* **cache difference**: a cold run filling a cache, or the warm run after it,
  disagrees with the run without a cache.

Every failing mutant is written under ``--out`` (default ``bench/.cache/fuzz``)
with a ``README`` naming the seed, the mutations and the failure; distinct
failures (same kind and message, paths left out) are listed with one reproducer.
It is a benchmark script, not a test: ``tests/engine/test_fuzz_smoke.py`` runs it
on a few mutants.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import multiprocessing
import os
import random
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, Sequence

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DOC = os.path.join(ROOT, "docs", "fuzz.md")
LANG_EXT = (".py", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".mts", ".cts")
FORMATS = ("text", "json", "sarif", "github", "concise", "junit")
KINDS = ("crash", "hang", "nondeterminism", "gate difference", "cache difference")


# --------------------------------------------------------------------------- seeds


@dataclass(frozen=True)
class Seed:
    name: str  # how the report names it: tests/projects/js-helpers/app.js
    files: tuple[tuple[str, bytes], ...]  # (relative path, content): the project, or the one file
    target: str  # the relative path of the file mutated


def load_seeds(corpus: Sequence[str]) -> list[Seed]:
    """One seed per file; a file under ``tests/projects/<p>/`` comes with the rest of ``<p>``."""
    seeds: list[Seed] = []
    for top in corpus:
        top = os.path.abspath(top)
        if os.path.isfile(top):
            with open(top, "rb") as fh:
                seeds.append(Seed(os.path.relpath(top, ROOT), ((os.path.basename(top), fh.read()),),
                                  os.path.basename(top)))
            continue
        projects = os.path.basename(top) == "projects"
        groups = sorted(os.path.join(top, d) for d in os.listdir(top)) if projects else [top]
        for group in groups:
            if not os.path.isdir(group):
                continue
            files: list[tuple[str, bytes]] = []
            for dirpath, dirnames, filenames in os.walk(group):
                dirnames.sort()
                for name in sorted(filenames):
                    if name.endswith(LANG_EXT) and not name.endswith(".d.ts"):
                        path = os.path.join(dirpath, name)
                        with open(path, "rb") as fh:
                            files.append((os.path.relpath(path, group), fh.read()))
            if projects:
                for rel, _ in files:
                    seeds.append(Seed(os.path.relpath(os.path.join(group, rel), ROOT), tuple(files), rel))
            else:
                for rel, data in files:
                    seeds.append(Seed(os.path.relpath(os.path.join(group, rel), ROOT),
                                      ((os.path.basename(rel), data),), os.path.basename(rel)))
    return seeds


# --------------------------------------------------------------------------- mutations

NASTY: tuple[bytes, ...] = (
    b"\r", b"\r\n", b"\n", b"\x0c", b"\x0b", "\x85".encode(), b"\x85", "\u2028".encode(), "\u2029".encode(),
    b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\t", b"\x1b[31m", b"\\", b"'", b'"', b"`",
    b"${", b"{", b"}", b"(", b")", b"[", b"]", b"#", b"//", b"/*", b"*/", b'"""', b"'''", b":", b";", b",",
    b" ", b"    ", "\U0001F600".encode(), "\u00e9".encode(), "\u200b".encode(), b"await ", b"async ",
    b"yield ", b"return ", b"-- ", b"$1", b"%s", b"\\u{110000}", b"\\N{", b"<", b">", b"=>", b"@",
)
KEYWORDS = (b"try", b"finally", b"except", b"catch", b"await", b"async", b"return", b"yield", b"with",
            b"def", b"function", b"class", b"const", b"let", b"if", b"else", b"elif", b"while", b"for",
            b"release", b"close", b"connect", b"query", b"execute", b"cursor", b"commit", b"rollback",
            b"raise", b"throw", b"lambda", b"break", b"continue", b"pass", b"None", b"null", b"this", b"self",
            b"export", b"import", b"from", b"require", b"module", b"match", b"case", b"type", b"in", b"of")
TOKEN = re.compile(rb"\w+|[^\w\s]")


def _nesting(rng: random.Random, python: bool) -> bytes:
    depth = rng.choice((10, 50, 100, 300, 1000, 3000))
    kind = rng.randrange(6)
    if kind == 0:
        return b"x = " + b"(" * depth + b"1" + b")" * depth + b"\n"
    if kind == 1:
        return b"x = " + b"[" * depth + b"]" * depth + b"\n"
    if kind == 2 and python:
        depth = min(depth, 300)
        return b"".join(b" " * i + b"if x:\n" for i in range(depth)) + b" " * depth + b"pass\n"
    if kind == 2:
        return b"function f() {\n" + b"if (x) {\n" * depth + b"y();\n" + b"}\n" * depth + b"}\n"
    if kind == 3 and python:
        return b"x = " + b"f'{" * depth + b"1" + b"}'" * depth + b"\n"
    if kind == 3:
        return b"const x = " + b"`${" * depth + b"1" + b"}`" * depth + b";\n"
    if kind == 4:
        return b"x = " + b"a + " * depth + b"1\n"
    if python:
        return b"x = " + b"not " * depth + b"1\n"
    return b"const x = " + b"(() => " * depth + b"1" + b")" * depth + b";\n"


def mutate(rng: random.Random, data: bytes, python: bool, donors: Sequence[bytes]) -> tuple[bytes, list[str]]:
    """``data`` after one to three mutations, and what they were."""
    done: list[str] = []
    wanted = rng.choice((1, 1, 2, 3))
    for _ in range(wanted * 4):  # a mutation that does not apply (no token to pick) is drawn again
        if len(done) >= wanted:
            break
        lines = data.splitlines(keepends=True) or [b""]
        op = rng.randrange(12)
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        pos = rng.randrange(len(data) + 1)
        if op == 0:
            del lines[i]
            done.append(f"delete line {i + 1}")
        elif op == 1:
            lines.insert(i, lines[i])
            done.append(f"duplicate line {i + 1}")
        elif op == 2:
            lines[i], lines[j] = lines[j], lines[i]
            done.append(f"swap lines {i + 1} and {j + 1}")
        elif op in (3, 4):
            junk = b"".join(rng.choice(NASTY) for _ in range(rng.choice((1, 1, 2, 5))))
            data = data[:pos] + junk + data[pos:]
            done.append(f"insert {junk!r} at byte {pos}")
            continue
        elif op == 5 and data:
            pos = min(pos, len(data) - 1)
            byte = bytes([rng.randrange(256)])
            data = data[:pos] + byte + data[pos + 1:]
            done.append(f"replace byte {pos} with {byte!r}")
            continue
        elif op == 6:
            data = data[:pos]
            done.append(f"truncate at byte {pos}")
            continue
        elif op == 7:
            lines.insert(i, _nesting(rng, python))
            done.append(f"splice deep nesting before line {i + 1}: {lines[i][:24]!r}…")
        elif op == 8:
            ending = rng.choice((b"\r\n", b"\r", b"\x0c\n", "\u2028".encode()))
            lines = [ln[:-1] + ending if ln.endswith(b"\n") and rng.random() < 0.5 else ln for ln in lines]
            done.append(f"mix line endings with {ending!r}")
        elif op == 9 and donors:
            donor = rng.choice(donors).splitlines(keepends=True) or [b""]
            a = rng.randrange(len(donor))
            chunk = donor[a:a + rng.choice((1, 3, 10))]
            lines[i:i] = chunk
            done.append(f"splice {len(chunk)} line(s) of another seed before line {i + 1}")
        else:
            tokens = list(TOKEN.finditer(data))
            if not tokens:
                continue
            tok = rng.choice(tokens)
            how = rng.randrange(3)
            if how == 0:
                data = data[:tok.start()] + data[tok.end():]
                done.append(f"delete token {tok.group()!r} at byte {tok.start()}")
            elif how == 1:
                data = data[:tok.end()] + b" " + tok.group() + data[tok.end():]
                done.append(f"duplicate token {tok.group()!r} at byte {tok.start()}")
            else:
                word = rng.choice(KEYWORDS)
                data = data[:tok.start()] + word + data[tok.end():]
                done.append(f"replace token {tok.group()!r} at byte {tok.start()} with {word.decode()}")
            continue
        data = b"".join(lines)
    return data, done


@dataclass
class Mutant:
    id: int
    seed: Seed
    files: dict[str, bytes]
    mutations: list[str]
    fmt: str


def make_mutants(seeds: list[Seed], count: int, seed: int) -> list[Mutant]:
    rng = random.Random(seed)
    donors = [data for s in seeds for rel, data in s.files if rel == s.target]
    out: list[Mutant] = []
    for n in range(count):
        s = seeds[n % len(seeds)] if n < len(seeds) else rng.choice(seeds)
        files = dict(s.files)
        files[s.target], how = mutate(rng, files[s.target], s.target.endswith(".py"), donors)
        out.append(Mutant(n, s, files, how, FORMATS[n % len(FORMATS)]))
    return out


# --------------------------------------------------------------------------- the worker


def _write_tree(root: str, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)


#: CPU seconds one run of one mutant may take before it counts as a hang (``--timeout``)
RUN_LIMIT = [10.0]
SLOW: list[str] = []  # the runs of the current mutant over the limit


def _outcome(root: str, **options: Any) -> tuple[str, list[str]]:
    """(digest of every finding, with paths relative to ``root``; PG002 messages) of one engine run."""
    from pglint.engine import Options, run

    cpu = time.process_time()
    result = run([root], Options(**options))
    cpu = time.process_time() - cpu
    if cpu > RUN_LIMIT[0]:
        SLOW.append(f"a run ({', '.join(f'{k}={v}' for k, v in options.items() if k != 'cache_dir') or 'plain'})"
                    f" took {cpu:.1f} CPU s")
    prefix = root.rstrip(os.sep) + os.sep
    rows = []
    internal: list[str] = []
    for d in result.diagnostics:
        row = repr((os.path.relpath(d.path, root), d.span, d.code, d.severity, d.message, d.fix, d.steps,
                    d.function, d.snippet, d.extra)).replace(prefix, "")
        rows.append(row)
        if d.code == "PG002":
            internal.append(d.message)
    rows.extend(w.replace(prefix, "") for w in result.warnings if "cache" not in w)
    return hashlib.sha256("\n".join(rows).encode("utf-8", "surrogatepass")).hexdigest(), internal


def _cli(root: str, fmt: str) -> str:
    """"" or the CLI's internal-error line, for one run in ``fmt``."""
    from pglint.cli import main

    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--isolated", "--no-cache", "--format", fmt, root])
    text = err.getvalue()
    if "internal error" in text or "Traceback" in text or code not in (0, 1):
        return f"cli --format {fmt} exit {code}: {text.strip().splitlines()[-1] if text.strip() else ''}"
    return ""


def check(task: tuple[str, int, dict[str, bytes], str], scratch: str) -> dict[str, Any]:
    """What one mutant does; ``task`` is (kind "full" or "replay", id, files, format)."""
    kind, ident, files, fmt = task
    root = os.path.join(scratch, f"m{ident}")
    shutil.rmtree(root, ignore_errors=True)
    _write_tree(root, files)
    found: dict[str, Any] = {"id": ident, "kind": kind}
    SLOW.clear()
    try:
        first, internal = _outcome(root)
        found["digest"] = first
        if kind == "replay":
            return found
        found["crash"] = sorted(set(internal))
        again, _ = _outcome(root)
        if again != first:
            found["nondeterminism"] = "a second run in the same process differs"
        ungated, more = _outcome(root, gate=False)
        found["crash"] = sorted(set(found["crash"]) | set(more))
        if ungated != first:
            found["gate difference"] = "--no-gate differs"
        cache_dir = os.path.join(scratch, f"c{ident}")
        cold, _ = _outcome(root, cache_dir=cache_dir)
        warm, _ = _outcome(root, cache_dir=cache_dir)
        shutil.rmtree(cache_dir, ignore_errors=True)
        if cold != first or warm != first:
            found["cache difference"] = ("cold" if cold != first else "warm") + " run with a cache differs"
        cli = _cli(root, fmt)
        if cli:
            found["crash"].append(cli)
        if SLOW:
            found["hang"] = "; ".join(SLOW)
    except Exception as exc:  # noqa: BLE001 - that is what we are looking for
        found.setdefault("crash", []).append(f"run() raised {type(exc).__name__}: {exc}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return found


def _worker(conn: Connection, scratch: str, limit: float) -> None:
    RUN_LIMIT[0] = limit
    while True:
        task = conn.recv()
        if task is None:
            return
        conn.send(check(task, scratch))


class Worker:
    """One worker process and the mutants it is given, killed and replaced when one hangs."""

    def __init__(self, ctx: Any, scratch: str, limit: float) -> None:
        self.ctx = ctx
        self.scratch = scratch
        self.limit = limit
        self.start()

    def start(self) -> None:
        self.conn, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_worker, args=(child, self.scratch, self.limit), daemon=True)
        self.proc.start()
        child.close()
        self.busy: tuple[str, int] | None = None
        self.started = 0.0

    def send(self, task: tuple[str, int, dict[str, bytes], str]) -> None:
        self.conn.send(task)
        self.busy = (task[0], task[1])
        self.started = time.monotonic()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.conn.close()


# --------------------------------------------------------------------------- the sweep


@dataclass
class Failure:
    kind: str
    detail: str
    mutant: Mutant


@dataclass
class Sweep:
    mutants: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))


def _signature(detail: str) -> str:
    """A failure's message without paths, positions or numbers: one line per distinct cause."""
    detail = re.sub(r"/[^\s:'\"]+", "<path>", detail)
    return re.sub(r"\d+", "N", detail)


def sweep(mutants: list[Mutant], workers: int, timeout: float, progress: bool = True) -> Sweep:
    result = Sweep(len(mutants))
    t0 = time.monotonic()
    ctx = multiprocessing.get_context("spawn")
    scratch = tempfile.mkdtemp(prefix="pglint-fuzz-")
    by_id = {m.id: m for m in mutants}
    # every mutant runs in full on one worker and is replayed (one plain run) on another,
    # whose hash seed differs: the two digests must agree
    queues: list[list[tuple[str, int, dict[str, bytes], str]]] = [[] for _ in range(workers)]
    for m in mutants:
        queues[m.id % workers].append(("full", m.id, m.files, m.fmt))
        if workers > 1:
            queues[(m.id + 1) % workers].append(("replay", m.id, m.files, m.fmt))
    pool = [Worker(ctx, os.path.join(scratch, f"w{n}"), timeout) for n in range(workers)]
    wall = timeout * 7 * 4  # seven runs a mutant; wall time, on a loaded machine: killed only when stuck
    digests: dict[int, dict[str, str]] = {}
    bad: dict[int, set[str]] = {}
    total = sum(len(q) for q in queues)
    done = 0

    def fail(kind: str, ident: int, detail: str) -> None:
        if kind in bad.setdefault(ident, set()):
            return
        bad[ident].add(kind)
        result.counts[kind] += 1
        result.failures.append(Failure(kind, detail, by_id[ident]))

    try:
        for w, q in zip(pool, queues):
            if q:
                w.send(q.pop(0))
        while any(w.busy for w in pool):
            for n, w in enumerate(pool):
                if w.busy is None:
                    continue
                if w.conn.poll(0.05):
                    try:
                        found = w.conn.recv()
                    except (EOFError, OSError):  # the worker died (a crash of the interpreter itself)
                        fail("crash", w.busy[1], "the worker process died")
                        w.kill()
                        w.start()
                        found = None
                else:
                    if time.monotonic() - w.started < wall:
                        continue
                    fail("hang", w.busy[1], f"no answer within {wall:g} s ({w.busy[0]} run): killed")
                    w.kill()
                    w.start()
                    found = None
                if found is not None:
                    ident = found["id"]
                    if "digest" in found:
                        digests.setdefault(ident, {})[found["kind"]] = found["digest"]
                    for message in found.get("crash", ()):
                        fail("crash", ident, message)
                    for kind in ("hang", "nondeterminism", "gate difference", "cache difference"):
                        if kind in found:
                            fail(kind, ident, found[kind])
                    d = digests.get(ident, {})
                    if len(d) == 2 and d["full"] != d["replay"]:
                        fail("nondeterminism", ident, "runs in two processes (different hash seeds) differ")
                w.busy = None
                done += 1
                if queues[n]:
                    w.send(queues[n].pop(0))
                if progress and done % 100 == 0:
                    print(f"\r{done}/{total} runs, {sum(result.counts.values())} failure(s)", end="",
                          file=sys.stderr, flush=True)
    finally:
        for w in pool:
            if w.busy is None and w.proc.is_alive():
                try:
                    w.conn.send(None)
                except OSError:
                    pass
            w.kill()
        shutil.rmtree(scratch, ignore_errors=True)
        if progress:
            print(file=sys.stderr)
    result.seconds = time.monotonic() - t0
    return result


def save_failures(result: Sweep, out: str) -> dict[tuple[str, str], tuple[int, Failure]]:
    """Write every failing mutant under ``out``; the distinct failures, with how often each was seen."""
    distinct: dict[tuple[str, str], tuple[int, Failure]] = {}
    for f in result.failures:
        key = (f.kind, _signature(f.detail))
        seen, first = distinct.get(key, (0, f))
        distinct[key] = (seen + 1, first)
        root = os.path.join(out, f"{f.kind.replace(' ', '-')}-{f.mutant.id}")
        shutil.rmtree(root, ignore_errors=True)
        _write_tree(root, f.mutant.files)
        with open(os.path.join(root, "README"), "w", encoding="utf-8") as fh:
            fh.write(f"{f.kind}: {f.detail}\nseed: {f.mutant.seed.name}\nmutated: {f.mutant.seed.target}\n"
                     f"mutations: {'; '.join(f.mutant.mutations)}\nCLI format: {f.mutant.fmt}\n"
                     f"reproduce: pglint check --isolated --no-cache {root}\n")
    return distinct


def table(result: Sweep, seed: int, seeds: int, workers: int) -> str:
    rows = [f"{result.mutants} mutants of {seeds} seed files (--seed {seed}), {workers} worker(s), "
            f"{result.seconds:.0f} s", "", "| outcome | mutants |", "|---|---:|"]
    rows += [f"| {kind} | {result.counts[kind]} |" for kind in KINDS]
    return "\n".join(rows)


def write_doc(text: str) -> None:
    begin, end = "<!-- fuzz:begin -->", "<!-- fuzz:end -->"
    with open(DOC, encoding="utf-8") as fh:
        doc = fh.read()
    if begin not in doc or end not in doc:
        raise SystemExit(f"{DOC}: no {begin}/{end} markers")
    head, rest = doc.split(begin, 1)
    tail = rest.split(end, 1)[1]
    with open(DOC, "w", encoding="utf-8") as fh:
        fh.write(f"{head}{begin}\n{text}\n{end}{tail}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("-n", "--mutants", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=10.0,
                    help="CPU seconds one run may take before the mutant counts as a hang")
    ap.add_argument("--corpus", nargs="*", default=[os.path.join(ROOT, "tests", "rules"),
                                                    os.path.join(ROOT, "tests", "projects"),
                                                    os.path.join(ROOT, "examples")])
    ap.add_argument("--out", default=os.path.join(HERE, ".cache", "fuzz"), help="where failing mutants go")
    ap.add_argument("--write", action="store_true", help="rewrite the counts in docs/fuzz.md")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    seeds = load_seeds(args.corpus)
    if not seeds:
        print("fuzz: no seed files", file=sys.stderr)
        return 2
    mutants = make_mutants(seeds, args.mutants, args.seed)
    result = sweep(mutants, max(1, args.workers), args.timeout, progress=not args.quiet)
    distinct = save_failures(result, args.out)
    text = table(result, args.seed, len(seeds), args.workers)
    print(text)
    if distinct:
        print(f"\ndistinct failures ({len(distinct)}), one reproducer each (all under {args.out}):")
        for (kind, _), (seen, f) in sorted(distinct.items(), key=lambda kv: (kv[0][0], -kv[1][0])):
            root = os.path.join(args.out, f"{f.kind.replace(' ', '-')}-{f.mutant.id}")
            print(f"- {kind} ×{seen}: {f.detail[:300]}\n    seed {f.mutant.seed.name}; "
                  f"{'; '.join(f.mutant.mutations)[:300]}\n    {root}")
    if args.write:
        write_doc(text)
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
