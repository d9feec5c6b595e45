"""What a rule is: metadata, documentation and a ``check`` over one analysed file.

Each rule lives in its own module under ``rules/`` and defines one subclass of
:class:`Rule`. Its docstring is its documentation, in Ruff's sections
(``What it does``, ``Why is this bad?``, ``Example``, ``Use instead``,
``Known problems``, ``References``); the code blocks under ``Example`` must make
the rule fire and those under ``Use instead`` must not (``tests/test_rule_docs.py``).
Rules never import each other: shared logic lives in ``analysis/`` and ``drivers/``.
"""

from __future__ import annotations

import inspect
import sys
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Mapping

from ..diagnostics import Diagnostic

if TYPE_CHECKING:
    from ..analysis.context import FileContext
    from ..ir.cfg import Span


@dataclass(frozen=True, slots=True)
class RuleMeta:
    code: str  # PG101
    name: str  # no-missing-client-release
    severity: str  # default severity: error | warning | info
    summary: str  # one line for `pglint rules`
    fix: str  # the Fix: line
    cwe: str | None = None  # "CWE-772"
    languages: tuple[str, ...] = ("python", "javascript")
    kind: str = "flow"  # "flow" (witness path) or "pattern"


class Rule:
    meta: ClassVar[RuleMeta]
    #: This run's values of the options the rule declares (``[tool.pglint.rules.<name>]`` over
    #: the declared defaults); the engine sets it on each instance before ``check``.
    settings: Mapping[str, Any] = MappingProxyType({})

    def check(self, ctx: "FileContext") -> Iterable[Diagnostic]:
        raise NotImplementedError

    def diagnostic(self, ctx: "FileContext", span: "Span", message: str, fix: str | None = None,
                   function: str = "") -> Diagnostic:
        """A pattern finding at ``span`` with this rule's metadata."""
        meta = self.meta
        return Diagnostic(rule=meta.name, code=meta.code, severity=meta.severity, message=message,
                          path=ctx.path, span=span, fix=fix if fix is not None else meta.fix,
                          cwe=meta.cwe, function=function, snippet=ctx.line_text(span.line))

    @classmethod
    def doc(cls) -> str:
        """The rule's documentation: the class docstring, else its module's docstring."""
        text = cls.__doc__
        if not text:
            module = sys.modules.get(cls.__module__)
            text = getattr(module, "__doc__", None) or ""
        return inspect.cleandoc(text)
