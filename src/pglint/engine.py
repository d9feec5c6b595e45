"""The pipeline: discover → parse → index → gate → lower → analyse → rules → filter.

``run(paths, options)`` is the one entry point the CLI, the tests and the
benchmark use. Every file is processed in isolation behind a guard: a file that
does not parse becomes a ``parse-error`` finding, a crash inside pglint on one
file becomes an ``internal-error`` finding naming that file, and the run goes on.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field
from typing import Iterable

from .analysis.resources import ResourceFinding, analyse_resources
from .diagnostics import Diagnostic
from .discovery import discover
from .drivers import DriverRegistry, default_registry
from .ir.cfg import Span
from .languages import adapters, language_for
from .languages.base import LanguageAdapter, LoweredFile, ParsedFile, ParseError, ProjectIndex
from .rules import ENGINE_RULES, all_rules
from .rules.base import Rule

MAX_FILE_BYTES = 2_000_000


@dataclass(slots=True)
class Options:
    select: frozenset[str] | None = None  # rule codes; None = all
    ignore: frozenset[str] = frozenset()
    gate: bool = True  # skip files that cannot involve PostgreSQL


@dataclass(slots=True)
class RunResult:
    diagnostics: list[Diagnostic]
    files: list[str]  # every file looked at
    analysed: list[str]  # files that passed the gate and were fully analysed


class FileContext:
    """What rules see of one file: its lowered functions, its text, and shared analyses (computed once)."""

    def __init__(self, lowered: LoweredFile, source: bytes, registry: DriverRegistry) -> None:
        self.lowered = lowered
        self.path = lowered.path
        self.language = lowered.language
        self.source = source
        self.registry = registry
        self._lines: list[str] | None = None
        self._resources: list[ResourceFinding] | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.source.decode("utf-8", "replace").splitlines()
        return self._lines

    def line_text(self, line: int) -> str:
        lines = self.lines
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""

    @property
    def resource_findings(self) -> list[ResourceFinding]:
        if self._resources is None:
            self._resources = [f for fn in self.lowered.functions for f in analyse_resources(fn)]
        return self._resources


def _engine_diag(code: str, path: str, message: str, line: int = 1, column: int = 1,
                 fix: str = "") -> Diagnostic:
    meta = next(m for m in ENGINE_RULES if m.code == code)
    return Diagnostic(rule=meta.name, code=meta.code, severity=meta.severity, message=message,
                      path=path, span=Span(line, column, line, column), fix=fix or meta.fix)


def enabled_rules(options: Options) -> list[Rule]:
    out = []
    for cls in all_rules():
        code = cls.meta.code
        if options.select is not None and code not in options.select:
            continue
        if code in options.ignore:
            continue
        out.append(cls())
    return out


def _read(path: str) -> bytes:
    size = os.path.getsize(path)
    if size > MAX_FILE_BYTES:
        raise ParseError(f"file is too large to analyse ({size} bytes; the limit is {MAX_FILE_BYTES})",
                         fix="Exclude the file (generated or bundled code) with `extend-exclude`")
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(f"file is not valid UTF-8 (byte {exc.start})",
                         fix="Save the file as UTF-8 (or exclude it)") from None
    return data


def parse_file(path: str, adapter: LanguageAdapter) -> ParsedFile:
    return adapter.parse(path, _read(path))


def check_file(parsed: ParsedFile, project: ProjectIndex, rules: Iterable[Rule],
               registry: DriverRegistry) -> list[Diagnostic]:
    adapter = project.adapters[parsed.language]
    lowered = adapter.lower(parsed, project, registry)
    ctx = FileContext(lowered, parsed.source, registry)
    out: list[Diagnostic] = []
    for rule in rules:
        if parsed.language in rule.meta.languages:
            out.extend(rule.check(ctx))
    return out


def run(paths: list[str], options: Options | None = None,
        registry: DriverRegistry | None = None) -> RunResult:
    options = options or Options()
    registry = registry or default_registry()
    files = discover(paths)
    langs = adapters()
    project = ProjectIndex(dict(langs))
    diags: list[Diagnostic] = []
    parsed: dict[str, ParsedFile] = {}
    for path in files:
        lang = language_for(path)
        if lang is None:
            continue
        adapter = langs[lang]
        try:
            pf = parse_file(path, adapter)
            project.add(adapter.index(pf, registry))
            parsed[path] = pf
        except ParseError as exc:
            diags.append(_engine_diag("PG001", path, exc.message, exc.line, exc.column, exc.fix))
        except OSError as exc:
            diags.append(_engine_diag("PG001", path, f"cannot read file: {exc.strerror or exc}",
                                      fix="Check the file's permissions (or exclude it)"))
        except Exception as exc:  # noqa: BLE001 - one file's crash must not stop the run
            diags.append(_internal(path, exc))
    rules = enabled_rules(options)
    analysed: list[str] = []
    for path, pf in parsed.items():
        if options.gate and not project.involves_postgres(path):
            continue
        analysed.append(path)
        try:
            diags.extend(check_file(pf, project, rules, registry))
        except Exception as exc:  # noqa: BLE001
            diags.append(_internal(path, exc))
    diags = [d for d in diags if _selected(d, options)]
    diags.sort(key=Diagnostic.sort_key)
    return RunResult(diags, files, analysed)


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
