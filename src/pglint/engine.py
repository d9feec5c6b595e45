"""The pipeline: discover → parse → index → gate → lower → analyse → rules → filter.

``run(paths, options)`` is the one entry point the CLI, the tests and the
benchmark use. Every file is processed in isolation behind a guard: a file that
does not parse becomes a ``parse-error`` finding, a crash inside pglint on one
file becomes an ``internal-error`` finding naming that file, and the run goes on.
"""

from __future__ import annotations

import math
import os
import pickle
import re
import signal
import tempfile
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Iterator, Mapping

from .analysis.context import FileContext
from .analysis.summaries import FileSummaries, summarise_file, summarise_project, summary_findings, summary_paths
from .cache import Cache, Entry, config_digest, index_key, valid_summary_table
from .diagnostics import Diagnostic
from .digest import content_hash, digest
from .discovery import ExcludePatterns, FileTooLargeError, NotRegularFileError, discover, read_regular_file
from .drivers import DriverRegistry, default_registry
from .sniff import may_hold_database_code, module_names
from .ir.cfg import Span
from .languages import adapters, language_for
from .languages.javascript import tsconfig
from .languages.base import (LanguageAdapter, ModuleIndex, NewerSyntaxError, ParsedFile, ParseError,
                             ProjectIndex)
from .rules import ENGINE_RULES, all_rules
from .rules.base import Rule

MAX_FILE_BYTES = 2_000_000


@dataclass(slots=True)
class Options:
    select: frozenset[str] | None = None  # rule codes; None = all
    ignore: frozenset[str] = frozenset()
    gate: bool = True  # skip files that cannot involve PostgreSQL
    function_gate: bool = True  # in a checked file, lower only the top-level functions that may involve it
    jobs: int = 1  # worker processes, capped at the core count; 0 = one per core (small runs stay in this process)
    cache_dir: str | None = None  # per-file result cache; None = no cache
    progress: Callable[[str, int, int], None] | None = None  # (phase, done, total), e.g. a ProgressBar
    # configuration (pglint.config.Config): per-rule option values by code, and the
    # exclude/extend-exclude test discovery applies (force: to files named explicitly too)
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    exclude: ExcludePatterns | None = None
    force_exclude: bool = False


@dataclass(slots=True)
class RunResult:
    diagnostics: list[Diagnostic]
    files: list[str]  # every file looked at
    analysed: list[str]  # files that passed the gate and were fully analysed
    warnings: list[str] = field(default_factory=list)  # one line each, for stderr (cache trouble, ...)
    stats: "RunStats" = field(default_factory=lambda: RunStats())
    #: files not fully read that hold no database code (a JS/TS file read in part, a file over the
    #: size limit): not findings, see :func:`_partial_parse_diag`; ``(path, why)``
    not_read: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class RunStats:
    """What a run did itself, as opposed to taking from the cache."""

    parsed: list[str] = field(default_factory=list)  # files parsed and indexed in this run
    checked: list[str] = field(default_factory=list)  # files lowered and checked in this run
    # files whose first round of function summaries was computed in this run (not from the cache)
    summarised: list[str] = field(default_factory=list)
    workers: int = 0  # worker processes started (0: all in this process)


def _engine_diag(code: str, path: str, message: str, line: int = 1, column: int = 1,
                 fix: str = "") -> Diagnostic:
    meta = next(m for m in ENGINE_RULES if m.code == code)
    return Diagnostic(rule=meta.name, code=meta.code, severity=meta.severity, message=message,
                      path=path, span=Span(line, column, line, column), fix=fix or meta.fix)


def _partial_parse_diag(project: ProjectIndex, registry: DriverRegistry, mod: ModuleIndex) -> Diagnostic | None:
    """The PG001 warning of a file analysed in part, or None when the file holds no database code.

    A file matters when it reaches a driver (it imports one, or a project module that does,
    transitively: the import gate's test), names a driver or such a module in the part that did
    not parse, or holds SQL: otherwise nothing pglint checks can be in what was not read, and a
    finding would only be noise (the run lists it among the files not fully read).
    """
    problem = mod.parse_problem
    assert problem is not None
    specs = set(problem.specifiers) | {r.module for r in mod.imports}

    def database_module(spec: str) -> bool:
        if registry.is_driver_module(mod.language, spec):
            return True
        target = project.resolve(mod.path, spec)
        return target is not None and target != mod.path and project.involves_postgres(target)

    matters = (mod.imports_driver or problem.mentions_sql or project.involves_postgres(mod.path)
               or any(database_module(s) for s in specs))
    if not matters:
        return None
    d = _engine_diag("PG001", mod.path, problem.message, problem.line, problem.column, PARTIAL_PARSE_FIX)
    return replace(d, severity="warning")


#: ``Diagnostic.extra`` key of a PG001 that is dropped when the file holds no database code, and its reason
NOT_READ = "not-read"
NEWER_SYNTAX = "in syntax newer than this Python"


def _newer_syntax_matters(project: ProjectIndex, registry: DriverRegistry, path: str, data: bytes) -> bool:
    """Whether a Python file written for a newer Python than this one may hold database code: it names
    a driver, a project module that reaches one (the import gate's test), or holds SQL."""
    if may_hold_database_code(data, "python", registry.is_driver_module):
        return True
    for name in module_names(data, "python"):
        target = project.resolve_in("python", path, name)
        if target is not None and target != path and project.involves_postgres(target):
            return True
    return False


#: A file over :data:`MAX_FILE_BYTES` is read up to this size to tell whether it holds database code.
SNIFF_MAX_BYTES = 64 * 1024 * 1024


def _large_file_matters(path: str, registry: DriverRegistry) -> bool:
    """Whether a file over the size limit may hold database code (a driver named, SQL): it is reported;
    a bundle or generated file that holds none is not (the run lists it among the files not fully read)."""
    lang = language_for(path)
    if lang is None:
        return True
    try:
        data = read_regular_file(path, SNIFF_MAX_BYTES)[0]
    except (OSError, FileTooLargeError, NotRegularFileError):
        return True  # cannot tell: reported
    return may_hold_database_code(data, lang, registry.is_driver_module)


#: What to do about a PG001 warning (the grammar rejected valid code; the rest of the file was analysed).
PARTIAL_PARSE_FIX = ("Nothing, if the code is valid (the functions with the construct were not checked); "
                     "otherwise fix the syntax error")


def enabled_rules(options: Options) -> list[Rule]:
    out = []
    for cls in all_rules():
        code = cls.meta.code
        if options.select is not None and code not in options.select:
            continue
        if code in options.ignore:
            continue
        rule = cls()
        settings = options.rule_options.get(code)
        if settings:
            rule.settings = settings
        out.append(rule)
    return out


def _read(path: str) -> bytes:
    """The file's bytes, or :class:`ParseError` when it is too large or not UTF-8."""
    return _read_snapshot(path)[0]


def parse_file(path: str, adapter: LanguageAdapter) -> ParsedFile:
    return adapter.parse(path, _read(path))


def check_file(parsed: ParsedFile, project: ProjectIndex, rules: Iterable[Rule],
               registry: DriverRegistry, function_gate: bool = False) -> list[Diagnostic]:
    adapter = project.adapters[parsed.language]
    lowered = adapter.lower(parsed, project, registry, function_gate)
    ctx = FileContext(lowered, parsed.source, registry)
    ctx.extra_findings = summary_findings(parsed, project, registry, lowered.functions)
    out: list[Diagnostic] = []
    for rule in rules:
        if parsed.language in rule.meta.languages:
            out.extend(rule.check(ctx))
    if parsed.renamed:
        out = [restore_names(d, parsed.renamed) for d in out]
    return out


def restore_names(d: Diagnostic, renamed: dict[str, str]) -> Diagnostic:
    """``d`` with the names the grammar gap repair renamed (``usin$``) spelt as in the file (``using``).

    The new spellings occur nowhere in the file, so each one in a message comes from the renaming.
    """
    pattern = re.compile(r"(?<![\w$])(" + "|".join(re.escape(k) for k in renamed) + r")(?![\w$])")

    def fix(text: str) -> str:
        return pattern.sub(lambda m: renamed[m.group(1)], text) if text else text

    steps = tuple(replace(s, message=fix(s.message)) for s in d.steps)
    return replace(d, message=fix(d.message), fix=fix(d.fix), function=fix(d.function), steps=steps)


#: A phase with fewer files than this to parse or check runs in this process:
#: starting workers (~0.2 s each: interpreter, pglint, tree-sitter) would cost
#: more than it saves. Above it, each worker gets at least half that many files.
PARALLEL_MIN_FILES = 48


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int) -> int:
    """``jobs`` worker processes, at most one per available core; 0 or less means one per core.

    More workers than cores only cost memory (each holds an interpreter, the
    parsers and the project index) without making anything faster.
    """
    cores = available_cores()
    return cores if jobs <= 0 else min(jobs, cores)


class _Analyser:
    """Parses, indexes and checks files. One lives in the main process, one in each worker."""

    def __init__(self, options: Options, registry: DriverRegistry,
                 project: ProjectIndex | None = None) -> None:
        self.registry = registry
        self.rules = enabled_rules(options)
        self.function_gate = options.function_gate
        self.langs = adapters()
        self.project = project
        self.project_id = ""
        self.summaries_id = ""

    def adapter(self, path: str) -> LanguageAdapter:
        lang = language_for(path)
        if lang is None:  # pragma: no cover - discovery only yields known languages
            raise ParseError("not a Python or JavaScript/TypeScript file")
        return self.langs[lang]

    def index(self, path: str, data: bytes) -> ModuleIndex | Diagnostic:
        """The file's module index, or its PG001/PG002 finding."""
        try:
            adapter = self.adapter(path)
            return adapter.index(adapter.parse(path, data), self.registry)
        except NewerSyntaxError as exc:
            d = _engine_diag("PG001", path, exc.message, exc.line, exc.column, exc.fix)
            return replace(d, extra=((NOT_READ, NEWER_SYNTAX),))
        except ParseError as exc:
            return _engine_diag("PG001", path, exc.message, exc.line, exc.column, exc.fix)
        except Exception as exc:  # noqa: BLE001 - one file's crash must not stop the run
            return _internal(path, exc)

    def summarise(self, path: str, data: bytes) -> FileSummaries:
        """Round 0 of the summary pass for one file (see :func:`summarise_file`)."""
        assert self.project is not None
        try:
            parsed = self.adapter(path).parse(path, data)
            return summarise_file(self.project, parsed, self.registry)
        except Exception:  # noqa: BLE001 - a file that does not parse or lower has no summaries
            return FileSummaries(path, False)

    def check(self, path: str, data: bytes) -> tuple[list[Diagnostic], bool]:
        """The file's findings, and whether they may be cached (not when pglint crashed)."""
        assert self.project is not None
        try:
            parsed = self.adapter(path).parse(path, data)
            return check_file(parsed, self.project, self.rules, self.registry, self.function_gate), True
        except ParseError as exc:
            return [_engine_diag("PG001", path, exc.message, exc.line, exc.column, exc.fix)], False
        except Exception as exc:  # noqa: BLE001
            return [_internal(path, exc)], False


_WORKER: _Analyser | None = None


def _init_worker(options: Options, registry: DriverRegistry) -> None:
    global _WORKER
    # The main process decides when a run stops: Ctrl-C (sent to the whole terminal process
    # group) is its to handle, and it ends workers with SIGTERM, whose default action (exit)
    # is restored here in place of the CLI's handler inherited through fork.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER = _Analyser(options, registry)


def _worker_index(batch: list[tuple[str, bytes]]) -> list[tuple[str, ModuleIndex | Diagnostic]]:
    assert _WORKER is not None
    return [(path, _WORKER.index(path, data)) for path, data in batch]


_SUMMARY_FIELDS = ("summaries", "summary_deps", "summary_param_deps", "summary_received")


def _worker_project(snapshot: str, summaries: str = "") -> _Analyser:
    """The worker's analyser with the project index pickled in the file ``snapshot`` and, from
    the file ``summaries``, its function summaries (each loaded once per worker)."""
    assert _WORKER is not None
    if _WORKER.project_id != snapshot:
        with open(snapshot, "rb") as fh:
            _WORKER.project = pickle.load(fh)
        _WORKER.project_id = snapshot
        _WORKER.summaries_id = ""
    if _WORKER.summaries_id != summaries and summaries:
        assert _WORKER.project is not None
        with open(summaries, "rb") as fh:
            values = pickle.load(fh)
        for name, value in zip(_SUMMARY_FIELDS, values):
            setattr(_WORKER.project, name, value)
        _WORKER.summaries_id = summaries
    return _WORKER


def _worker_summarise(snapshot: str, batch: list[tuple[str, bytes]]) -> list[tuple[str, FileSummaries]]:
    """Round 0 of the summary pass for ``batch`` against the project index in ``snapshot`` (no summaries)."""
    worker = _worker_project(snapshot)
    return [(path, worker.summarise(path, data)) for path, data in batch]


def _worker_check(snapshot: str, summaries: str,
                  batch: list[tuple[str, bytes]]) -> list[tuple[str, list[Diagnostic], bool]]:
    """Check ``batch`` against the project index in ``snapshot`` with the summaries in ``summaries``."""
    worker = _worker_project(snapshot, summaries)
    return [(path, *worker.check(path, data)) for path, data in batch]


class _Snapshots:
    """The project index as the workers get it: pickled once (before the function summaries,
    which only the summary pass adds), and the summaries in a second, small file."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.structure = ""

    def project(self, project: ProjectIndex) -> str:
        if not self.structure:
            saved = {name: getattr(project, name) for name in _SUMMARY_FIELDS}
            empties: tuple[object, ...] = ({}, {}, {}, set())
            for name, empty in zip(_SUMMARY_FIELDS, empties):
                setattr(project, name, empty)
            try:
                self.structure = self._write(project)
            finally:
                for name, value in saved.items():
                    setattr(project, name, value)
        return self.structure

    def summaries(self, project: ProjectIndex) -> str:
        return self._write(tuple(getattr(project, name) for name in _SUMMARY_FIELDS))

    def _write(self, value: object) -> str:
        fd, path = tempfile.mkstemp(prefix="pglint-index-", suffix=".pickle")
        self.files.append(path)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return path

    def remove(self) -> None:
        for path in self.files:
            try:
                os.unlink(path)
            except OSError:
                pass
        self.files.clear()


class _PoolFailed(Exception):
    def __init__(self, left: list[tuple[str, bytes]]) -> None:
        super().__init__("worker pool failed")
        self.left = left


class _Pool:
    """The worker processes of one run, started on first use and only for phases worth it."""

    def __init__(self, jobs: int, options: Options, registry: DriverRegistry) -> None:
        self.jobs = jobs
        self.options = replace(options, progress=None)  # callbacks stay in this process
        self.registry = registry
        self.executor: ProcessPoolExecutor | None = None
        self.workers = 0
        self.failed = ""

    def wanted(self, work: int) -> bool:
        if self.failed or self.jobs < 2:
            return False
        return work >= PARALLEL_MIN_FILES or (self.executor is not None and work >= 8)

    def map(self, fn: Callable[..., list[Any]], items: list[tuple[str, bytes]], *args: Any,
            on_done: Callable[[int], None]) -> Iterator[Any]:
        """Results of ``fn(*args, batch)`` over batches of ``items``, as they complete.

        Raises :class:`_PoolFailed` with the items not done when the pool breaks.
        """
        if self.executor is None:
            self.workers = min(self.jobs, max(2, math.ceil(len(items) / (PARALLEL_MIN_FILES // 2))))
            self.executor = ProcessPoolExecutor(self.workers, initializer=_init_worker,
                                                initargs=(self.options, self.registry))
        items = sorted(items, key=lambda item: -len(item[1]))  # largest first: better balance
        size = max(1, min(64, len(items) // (self.workers * 8)))
        batches = [items[i:i + size] for i in range(0, len(items), size)]
        pending: dict[Any, list[tuple[str, bytes]]] = {}
        finished: set[int] = set()
        try:
            for batch in batches:
                pending[self.executor.submit(fn, *args, batch)] = batch
            for future in as_completed(list(pending)):
                result = future.result()
                batch = pending.pop(future)
                finished.add(id(batch))
                on_done(len(batch))
                yield from result
        except (BrokenProcessPool, OSError, pickle.PicklingError, EOFError, RuntimeError) as exc:
            self.failed = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            self.close()
            raise _PoolFailed([item for batch in batches if id(batch) not in finished
                               for item in batch]) from None

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None

    def terminate(self) -> None:
        """Stop the workers now, whatever they are doing (the run was interrupted): cancel what
        is queued, send each worker SIGTERM (SIGKILL if it does not end) and reap it."""
        executor, self.executor = self.executor, None
        if executor is None:
            return
        # the executor's processes: no public accessor before Python 3.14 (terminate_workers)
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(5)
            if process.is_alive():
                process.kill()
                process.join()


@dataclass(slots=True)
class _File:
    content: str  # content hash ("" without a cache)
    data: bytes
    stat: tuple[int, int]  # (mtime_ns, size) when read
    entry: Entry | None  # the cache entry, when its index is still valid
    summary: tuple[str, FileSummaries] | None = None  # (key, round 0 of the summary pass), to cache


class _LazyParsed(dict[str, ParsedFile]):
    """Parsed files on demand (the summary pass asks for some; most are never parsed twice)."""

    def __init__(self, analyser: "_Analyser", sources: dict[str, bytes]) -> None:
        super().__init__()
        self.analyser = analyser
        self.sources = sources

    def __contains__(self, key: object) -> bool:
        return key in self.sources

    def __iter__(self) -> Iterator[str]:
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)

    def __missing__(self, key: str) -> ParsedFile:
        parsed = self.analyser.adapter(key).parse(key, self.sources[key])
        self[key] = parsed
        return parsed


class TooLargeError(ParseError):
    """The file is over :data:`MAX_FILE_BYTES`."""


def _read_snapshot(path: str) -> tuple[bytes, tuple[int, int]]:
    """The file's bytes and the (mtime, size) they were read at.

    Only a regular file is read, and never more than :data:`MAX_FILE_BYTES` + 1
    bytes of it (:func:`~pglint.discovery.read_regular_file`): a FIFO or a device
    (swapped in after discovery) raises :class:`~pglint.discovery.NotRegularFileError`.
    """
    try:
        data, st = read_regular_file(path, MAX_FILE_BYTES)
    except FileTooLargeError as exc:
        raise TooLargeError(f"file is too large to analyse ({exc.size} bytes; the limit is {MAX_FILE_BYTES})",
                            fix="Exclude the file (generated or bundled code) with `extend-exclude`") from None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(f"file is not valid UTF-8 (byte {exc.start})",
                         fix="Save the file as UTF-8 (or exclude it)") from None
    return data, (st.st_mtime_ns, st.st_size)


def _stat_key(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def _names(paths: list[str], limit: int = 3) -> str:
    shown = ", ".join(paths[:limit])
    return shown + (f" and {len(paths) - limit} more" if len(paths) > limit else "")


def run(paths: list[str], options: Options | None = None,
        registry: DriverRegistry | None = None) -> RunResult:
    """Discover, index, gate and check ``paths``; see the module docstring.

    With ``options.jobs`` > 1, parsing and checking run in worker processes
    (for phases with at least :data:`PARALLEL_MIN_FILES` files); with
    ``options.cache_dir`` set, per-file results are read from and written to
    that cache. Neither changes the result: diagnostics come out identical, in
    the same order, for any ``jobs``, with or without a cache.
    """
    options = options or Options()
    registry = registry or default_registry()
    warnings: list[str] = []
    tsconfig.forget()  # path aliases are read afresh for each run
    files = discover(paths, exclude=options.exclude, force_exclude=options.force_exclude, warnings=warnings)
    progress = options.progress
    stats = RunStats()
    cache = Cache(options.cache_dir) if options.cache_dir else None
    if cache is not None and not cache.usable:
        cache_warning = cache.warning()
        if cache_warning:
            warnings.append(cache_warning)
        cache = None
    ikey = index_key(registry) if cache is not None else ""
    analyser = _Analyser(options, registry)
    pool = _Pool(resolve_jobs(options.jobs), options, registry)
    snapshots = _Snapshots()
    project = ProjectIndex(dict(analyser.langs))
    analyser.project = project

    errors: dict[str, Diagnostic] = {}  # PG001/PG002 from reading, parsing or indexing
    partial: dict[str, Diagnostic] = {}  # PG001 warnings: files analysed in part (their index has a parse problem)
    not_read: list[tuple[str, str]] = []  # files not fully read that hold no database code
    cacheable_errors: set[str] = set()
    state: dict[str, _File] = {}
    vanished: list[str] = []
    to_index: list[tuple[str, bytes]] = []
    done = 0
    total = len(files)

    def advance(phase: str, n: int, of: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(phase, done, of)

    try:
        # ---- phase 1: read, hash, index (from the cache when the content is unchanged)
        for path in files:
            try:
                data, stat = _read_snapshot(path)
            except FileNotFoundError:
                vanished.append(path)
                continue
            except TooLargeError as exc:
                if _large_file_matters(path, registry):
                    errors[path] = _engine_diag("PG001", path, exc.message, exc.line, exc.column, exc.fix)
                else:
                    not_read.append((path, "over the size limit"))
                continue
            except ParseError as exc:
                errors[path] = _engine_diag("PG001", path, exc.message, exc.line, exc.column, exc.fix)
                continue
            except NotRegularFileError as exc:
                errors[path] = _engine_diag("PG001", path, f"not read: {exc.strerror}",
                                            fix="Replace it with a regular file (or exclude it)")
                continue
            except OSError as exc:
                errors[path] = _engine_diag("PG001", path, f"cannot read file: {exc.strerror or exc}",
                                            fix="Check the file's permissions (or exclude it)")
                continue
            content = content_hash(data) if cache is not None else ""
            entry = cache.load(path) if cache is not None else None
            if entry is not None and (entry.content != content or entry.index_key != ikey):
                entry = None
            state[path] = _File(content, data, stat, entry)
            if entry is not None and entry.error is not None:
                errors[path] = entry.error
                cacheable_errors.add(path)
            elif entry is not None and entry.index is not None:
                project.add(entry.index)
            else:
                to_index.append((path, data))
                continue
            done += 1
        if progress and files:
            progress("indexing", done, total)

        def indexed(path: str, outcome: ModuleIndex | Diagnostic) -> None:
            stats.parsed.append(path)
            if isinstance(outcome, Diagnostic):
                errors[path] = outcome
                if outcome.code == "PG001":
                    cacheable_errors.add(path)
            else:
                project.add(outcome)

        left = to_index
        if pool.wanted(len(left)):
            try:
                for path, outcome in pool.map(_worker_index, left,
                                              on_done=lambda n: advance("indexing", n, total)):
                    indexed(path, outcome)
                left = []
            except _PoolFailed as failed:
                left = failed.left
        for path, data in left:
            indexed(path, analyser.index(path, data))
            advance("indexing", 1, total)

        # ---- files in syntax newer than this Python: reported only when they may hold database code
        for path in files:
            d = errors.get(path)
            if d is not None and (NOT_READ, NEWER_SYNTAX) in d.extra and path in state \
                    and not _newer_syntax_matters(project, registry, path, state[path].data):
                del errors[path]
                not_read.append((path, NEWER_SYNTAX))

        # ---- files analysed in part (JS/TS the grammar reads only in part): one PG001 warning each
        for path in files:
            mod = project.modules.get(path)
            if mod is not None and mod.parse_problem is not None:
                warning = _partial_parse_diag(project, registry, mod)
                if warning is not None:
                    partial[path] = warning
                else:
                    not_read.append((path, "read in part"))

        # ---- function summaries (helpers that hand out, give back or take over a connection)
        sources = {p: state[p].data for p in files if p in project.modules}
        _summaries(project, _LazyParsed(analyser, sources), registry, options, cache, ikey, state, pool, stats,
                   snapshots)

        # ---- gate, then phase 2: check (from the cache when nothing it depends on changed)
        cfg = config_digest(options, registry, [r.meta.code for r in analyser.rules]) if cache else ""
        analysed: list[str] = []
        results: dict[str, list[Diagnostic]] = {}
        result_keys: dict[str, str] = {}
        to_check: list[tuple[str, bytes]] = []
        for path in files:
            if path not in project.modules:
                continue
            if options.gate and not project.passes_gate(path):
                continue
            analysed.append(path)
            f = state[path]
            if cache is not None:
                key = digest(f.content, cfg, ikey, project.dependency_digest(path))
                result_keys[path] = key
                if f.entry is not None and f.entry.result_key == key and f.entry.diagnostics is not None:
                    results[path] = f.entry.diagnostics
                    continue
            to_check.append((path, f.data))
        uncacheable: set[str] = set()
        done = len(analysed) - len(to_check)
        if progress and analysed:
            progress("analysing", done, len(analysed))

        def checked(path: str, found: list[Diagnostic], ok: bool) -> None:
            stats.checked.append(path)
            results[path] = found
            if not ok:
                uncacheable.add(path)

        left = to_check
        if pool.wanted(len(left)):
            try:
                snapshot, summaries = snapshots.project(project), snapshots.summaries(project)
                for path, found, ok in pool.map(_worker_check, left, snapshot, summaries,
                                                on_done=lambda n: advance("analysing", n, len(analysed))):
                    checked(path, found, ok)
                left = []
            except _PoolFailed as failed:
                left = failed.left
        for path, data in left:
            checked(path, *analyser.check(path, data))
            advance("analysing", 1, len(analysed))
    except BaseException:  # Ctrl-C, SIGTERM (the CLI raises for it), a crash: no worker outlives the run
        pool.terminate()
        raise
    finally:
        pool.close()
        snapshots.remove()
    stats.workers = pool.workers
    stats.checked.sort()
    stats.parsed.sort()
    if pool.failed:
        warnings.append(f"the worker processes failed ({pool.failed}); the run finished in one process")

    # ---- files that changed under us: their findings are for what was read; not cached
    changed = [p for p, f in state.items() if _stat_key(p) != f.stat]
    if cache is not None:
        changed_set = set(changed)
        for path, f in state.items():
            if path in changed_set:
                continue
            entry = Entry(path, f.content, ikey)
            if path in errors:
                if path not in cacheable_errors:
                    continue
                entry.error = errors[path]
            else:
                entry.index = project.modules[path]
            if path in results and path not in uncacheable:
                entry.result_key = result_keys[path]
                entry.diagnostics = results[path]
            if f.summary is not None:
                entry.summary_key, entry.summary = f.summary
            old = f.entry
            if (old is not None and old.result_key == entry.result_key
                    and (old.diagnostics is None) == (entry.diagnostics is None)
                    and old.summary_key == entry.summary_key):
                continue  # unchanged
            cache.store(entry)
        cache_warning = cache.warning()
        if cache_warning:
            warnings.append(cache_warning)
    warnings.extend(tsconfig.problems())  # a tsconfig that is not JSONC: its aliases were not used
    if vanished:
        warnings.append(f"{len(vanished)} file(s) disappeared during the run and were skipped: {_names(vanished)}")
    if changed:
        warnings.append(f"{len(changed)} file(s) changed during the run: {_names(changed)}; their findings are "
                        "for the content read at the start and were not cached (run again)")

    diags: list[Diagnostic] = [errors[p] for p in files if p in errors]
    diags.extend(partial[p] for p in files if p in partial)
    for path in analysed:
        diags.extend(results[path])
    diags = [d for d in diags if _selected(d, options)]
    diags.sort(key=Diagnostic.sort_key)
    gone = set(vanished)
    return RunResult(diags, [p for p in files if p not in gone], analysed, warnings, stats, sorted(not_read))


def _summaries(project: ProjectIndex, parsed: dict[str, ParsedFile], registry: DriverRegistry,
               options: Options, cache: Cache | None, ikey: str, state: dict[str, _File],
               pool: "_Pool", stats: RunStats, snapshots: _Snapshots) -> None:
    """Compute the project's function summaries, or take them from the cache.

    Round 0 of the pass (each file lowered on its own, no summaries known) runs
    in the worker processes when there are enough files, and is cached per file
    (``Entry.summary``) under a key of the file's content, pglint + registry and
    its dependency digest *before* summaries (the exports, imports and
    resolution of every module it reaches): an unchanged file is not lowered
    again for it. The later rounds (only the files that call a summarised
    function) run here. The whole table is also cached as one blob keyed by
    every file's round-0 key: a warm run with nothing changed does no work.
    """
    paths = summary_paths(project, parsed, options.gate)
    first: dict[str, FileSummaries] = {}
    keys: dict[str, str] = {}
    table_key = ""
    if cache is not None:
        project.summaries = {}
        project.reset_digests()  # structural digests: no summaries in them yet
        keys = {p: digest("summary-round0", state[p].content, ikey, project.dependency_digest(p)) for p in paths}
        project.reset_digests()
        table_key = digest("summaries", ikey, sorted(keys.items()))
        for p in paths:
            entry = state[p].entry
            if entry is not None and entry.summary_key == keys[p] and isinstance(entry.summary, FileSummaries):
                first[p] = entry.summary
                state[p].summary = (keys[p], entry.summary)
        table = cache.load_blob("summaries", table_key, valid=valid_summary_table)
        if table is not None:
            project.summaries, project.summary_deps = table
            project.reset_digests()
            return
    todo = [(p, state[p].data) for p in paths if p not in first]
    stats.summarised = sorted(p for p, _ in todo)
    if pool.wanted(len(todo)):
        try:
            for path, result in pool.map(_worker_summarise, todo, snapshots.project(project),
                                         on_done=lambda n: None):
                first[path] = result
        except _PoolFailed:
            pass  # what is left is computed here
    summarise_project(project, parsed, registry, paths, first)
    project.reset_digests()
    if cache is not None:
        for p in paths:
            if p in first and first[p].ok:
                state[p].summary = (keys[p], first[p])
        cache.store_blob("summaries", table_key, (project.summaries, project.summary_deps))


def _selected(d: Diagnostic, options: Options) -> bool:
    if d.code in ("PG001", "PG002"):
        return True
    if options.select is not None and d.code not in options.select:
        return False
    return d.code not in options.ignore


def _internal(path: str, exc: BaseException) -> Diagnostic:
    tb = traceback.extract_tb(exc.__traceback__)
    where = f" at {os.path.basename(tb[-1].filename)}:{tb[-1].lineno}" if tb else ""
    return _engine_diag("PG002", path, f"internal error: {type(exc).__name__}: {exc}{where}")
