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
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Iterable

if TYPE_CHECKING:
    from ..engine import FileContext
    from ..diagnostics import Diagnostic


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

    def check(self, ctx: "FileContext") -> Iterable["Diagnostic"]:
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")
