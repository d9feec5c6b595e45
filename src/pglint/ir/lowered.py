"""What a frontend's lowering of one file gives the analysis, and the seam the analysis lowers through.

:class:`LoweredFile` is a file's control-flow graphs and recorded query/connect
sites, the only thing the rules and the resource analysis read of a file.
The summary pass (:mod:`pglint.analysis.summaries`) also needs to lower files
itself, with a registry of its own; it does that through
:class:`LoweringProject` (implemented by
:class:`pglint.languages.base.ProjectIndex`), so that nothing under
``analysis/`` imports a language frontend.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from .cfg import FunctionCFG
from .query import ConnectSite, QuerySite

if TYPE_CHECKING:
    from ..drivers.model import DriverRegistry


@dataclass(slots=True)
class LoweredFile:
    path: str
    language: str
    functions: list[FunctionCFG] = field(default_factory=list)
    queries: list[QuerySite] = field(default_factory=list)  # for the SQL rules (PG105, PG106, PG2xx, PG4xx)
    connects: list[ConnectSite] = field(default_factory=list)  # for PG301/PG302


class SourceFile(Protocol):
    """A parsed file as the analysis sees it (:class:`pglint.languages.base.ParsedFile`): its
    path, language and text; the tree is the frontend's business."""

    @property
    def path(self) -> str: ...

    @property
    def language(self) -> str: ...

    @property
    def source(self) -> bytes: ...


class LoweringProject(Protocol):
    """What the summary pass needs of the project index: the summary tables it fills, the import
    graph, and a way to lower a file (with the frontend of the file's language)."""

    summaries: dict[tuple[str, str], Any]
    summary_deps: dict[str, set[tuple[str, str]]]
    summary_param_deps: dict[str, set[tuple[str, str]]]
    summary_received: set[tuple[str, str]]

    def lower(self, parsed: Any, registry: "DriverRegistry", function_gate: bool = False) -> LoweredFile: ...

    def involves_postgres(self, path: str) -> bool: ...

    def targets(self, path: str) -> list[str]: ...

    def import_targets(self, path: str) -> list[str]: ...
