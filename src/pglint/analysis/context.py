"""What a rule sees of one file: :class:`FileContext`.

The engine builds one per checked file from the frontend's
:class:`~pglint.ir.lowered.LoweredFile` and hands it to every rule. It lives
here, below the engine and beside the analyses it caches, so that the rules
and :mod:`pglint.analysis.lifecycle` depend on the analysis layer only (the
engine imports the rules; the rules never import the engine).
"""

from __future__ import annotations

from ..drivers.model import DriverRegistry
from ..ir.lowered import LoweredFile
from ..sourcelines import split_lines
from .resources import ResourceFinding, analyse_resources


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
        # findings of the function summaries: class fields never given back, partial releases of parameters
        self.extra_findings: list[ResourceFinding] = []

    @property
    def lines(self) -> list[str]:
        """The file's lines as the language counts them (:mod:`pglint.sourcelines`), without terminators."""
        if self._lines is None:
            self._lines = [raw.decode("utf-8", "replace") for raw in split_lines(self.source, self.language)]
        return self._lines

    def line_text(self, line: int) -> str:
        """Line ``line`` (1-based), stripped: the source line of a finding's fingerprint."""
        lines = self.lines
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""

    @property
    def resource_findings(self) -> list[ResourceFinding]:
        if self._resources is None:
            self._resources = [f for fn in self.lowered.functions for f in analyse_resources(fn)]
            self._resources.extend(self.extra_findings)
        return self._resources
