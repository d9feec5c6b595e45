"""A long-lived analysis of one workspace, updated file by file (what the language server runs).

:func:`pglint.engine.run` analyses a set of paths from scratch (with the cache
to skip work). A :class:`Session` keeps what a run builds — the project index,
each file's module index and round-0 function summaries, the summary table —
in memory, and :meth:`Session.update` changes one file (an unsaved editor
buffer, a file changed on disk): that file is indexed again, the round-0
summaries of the files that reach it through imports are dropped, the summary
pass runs again (only the dropped files are lowered for round 0), and the files
whose findings may have changed — the file and every module importing it,
transitively — are returned so the caller can check them again.
:meth:`Session.check` gives one file's findings exactly as ``pglint check``
reports them: select/ignore, per-file ignores and severities of the
configuration, then the file's suppression comments.
"""

from __future__ import annotations

import os
from typing import Iterable, Sequence

from .analysis.summaries import FileSummaries, summarise_project, summary_paths
from .config import Config, load_config
from .diagnostics import Diagnostic
from .discovery import discover
from .engine import (_Analyser, _engine_diag, _LazyParsed, _partial_parse_diag, _read_snapshot, _selected,
                     default_registry)
from .languages import language_for
from .languages.base import ParseError, ProjectIndex
from .suppression import apply_suppressions, comments_from_source


class Session:
    """The workspace under ``root`` (``None``: no workspace, only the files given to :meth:`update`)."""

    def __init__(self, root: str | None, *, config_file: str | None = None,
                 select: Sequence[str] | None = None, ignore: Sequence[str] | None = None,
                 isolated: bool = False, warnings: list[str] | None = None) -> None:
        self.root = os.path.abspath(root) if root else None
        self.warnings: list[str] = warnings if warnings is not None else []
        paths = [self.root] if self.root else []
        # a ConfigError (one line naming the file and key) is for the caller to report
        config: Config = load_config(paths, config_file, isolated)
        self.config = config.override(select=list(select) if select else None,
                                      ignore=list(ignore) if ignore else None)
        self.warnings.extend(self.config.warnings())
        self.options = self.config.engine_options(gate=True)
        self.registry = self.config.resources.registry() if self.config.resources else default_registry()
        self.analyser = _Analyser(self.options, self.registry)
        self.project = ProjectIndex(dict(self.analyser.langs))
        self.analyser.project = self.project
        self.sources: dict[str, bytes] = {}
        self.errors: dict[str, Diagnostic] = {}  # PG001/PG002 of reading, parsing or indexing
        self.first: dict[str, FileSummaries] = {}  # round 0 of the summary pass, per file
        if self.root:
            for path in discover([self.root], exclude=self.options.exclude, warnings=self.warnings):
                data = self._read(path)
                if data is not None:
                    self.sources[path] = data
                    self._index(path)
        self._summarise()

    # ---- building
    def _read(self, path: str) -> bytes | None:
        try:
            return _read_snapshot(path)[0]
        except ParseError as exc:
            self.errors[path] = _engine_diag("PG001", path, exc.message, exc.line, exc.column, exc.fix)
        except OSError:
            pass
        return None

    def _index(self, path: str) -> None:
        data = self.sources.get(path)
        outcome = self.analyser.index(path, data) if data is not None else None
        if isinstance(outcome, Diagnostic) or outcome is None:
            if outcome is not None:
                self.errors[path] = outcome
            self.project.remove(path)
            return
        self.errors.pop(path, None)
        self.project.add(outcome)

    def _summarise(self) -> None:
        sources = {p: self.sources[p] for p in self.sources if p in self.project.modules}
        parsed = _LazyParsed(self.analyser, sources)
        paths = summary_paths(self.project, parsed, self.options.gate)
        for stale in set(self.first) - set(paths):
            del self.first[stale]
        summarise_project(self.project, parsed, self.registry, paths, self.first)
        self.project.reset_digests()

    def dependents(self, path: str) -> set[str]:
        """The modules that import ``path``, directly or through other modules."""
        importers: dict[str, set[str]] = {}
        for p in self.project.modules:
            for target in self.project.targets(p):
                importers.setdefault(target, set()).add(p)
        seen: set[str] = set()
        stack = [path]
        while stack:
            for p in importers.get(stack.pop(), ()):
                if p not in seen:
                    seen.add(p)
                    stack.append(p)
        seen.discard(path)
        return seen

    # ---- changes
    def update(self, path: str, data: bytes | None) -> set[str]:
        """``path`` now holds ``data`` (``None``: read it from disk; gone when it cannot be read).

        Returns the files to check again: ``path`` and the modules importing it (before and after).
        """
        path = os.path.abspath(path)
        if language_for(path) is None:
            return set()
        if data is not None and data == self.sources.get(path) and path not in self.errors:
            return {path}  # nothing changed (opened as it is on disk, saved as analysed)
        before = self.dependents(path) if path in self.project.modules else set()
        self.errors.pop(path, None)
        if data is None:
            data = self._read(path)
        if data is None:
            self.sources.pop(path, None)
        else:
            self.sources[path] = data
        self._index(path)
        affected = before | self.dependents(path) | {path}
        for p in affected:
            self.first.pop(p, None)
        self._summarise()
        return affected

    def update_many(self, changes: Iterable[tuple[str, bytes | None]]) -> set[str]:
        affected: set[str] = set()
        for path, data in changes:
            affected |= self.update(path, data)
        return affected

    # ---- findings
    def check(self, path: str) -> list[Diagnostic]:
        """``path``'s findings as ``pglint check`` reports them (configuration and suppressions applied)."""
        path = os.path.abspath(path)
        language = language_for(path)
        data = self.sources.get(path)
        if path in self.errors:
            found = [self.errors[path]]
        elif data is None or language is None:
            return []
        else:
            found = []
            mod = self.project.modules.get(path)
            if mod is not None and mod.parse_problem is not None:
                partial = _partial_parse_diag(self.project, self.registry, mod)
                if partial is not None:  # None: nothing with database code was lost (not a finding)
                    found.append(partial)
            if not self.options.gate or self.project.passes_gate(path):
                found.extend(self.analyser.check(path, data)[0])
        found = self.config.apply([d for d in found if _selected(d, self.options)])
        if data is None or language is None:
            return sorted(found, key=Diagnostic.sort_key)
        comments = {path: comments_from_source(language, data)}
        kept, _suppressed, unused = apply_suppressions(found, comments, self.config.enabled_codes_for)
        return sorted(kept + self.config.apply(unused), key=Diagnostic.sort_key)


__all__ = ["Session"]
