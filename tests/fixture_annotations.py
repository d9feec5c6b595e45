"""Reads the annotations in fixture files (STYLE.md): what each fixture says must and must not be found.

``# ruleid: a, b`` / ``// ruleid: a`` — findings of these rules on the next code line.
``ok:`` — no finding of these rules there. ``todoruleid:`` — a known miss (the
test fails once it is found, so the annotation gets promoted). ``todook:`` — a
known false alarm (tolerated; the test fails once it disappears). Rules may be
named by kebab-case name or code. Text after `` -- `` is the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pglint.rules import find_rule

_ANNOT = re.compile(r"^\s*(?:#|//|/\*|\{/\*)\s*(ruleid|ok|todoruleid|todook)\s*:\s*(.+?)\s*(?:\*/\}?)?\s*$")
KINDS = ("ruleid", "ok", "todoruleid", "todook")


@dataclass(frozen=True)
class Expectation:
    kind: str  # ruleid | ok | todoruleid | todook
    rule: str  # kebab-case name
    path: str
    line: int  # the code line it is about
    annotation_line: int


def _is_code(line: str) -> bool:
    s = line.strip()
    return bool(s) and not s.startswith(("#", "//", "/*", "*", "{/*"))


def read_expectations(path: str) -> list[Expectation]:
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    out: list[Expectation] = []
    for i, text in enumerate(lines):
        m = _ANNOT.match(text)
        if not m:
            continue
        kind, rest = m.group(1), m.group(2)
        rules_text = rest.split(" -- ")[0]
        target = next((j for j in range(i + 1, len(lines)) if _is_code(lines[j])), None)
        if target is None:
            raise ValueError(f"{path}:{i + 1}: annotation with no code line after it")
        for raw in rules_text.split(","):
            raw = raw.strip()
            if not raw:
                continue
            meta = find_rule(raw)
            if meta is None:
                raise ValueError(f"{path}:{i + 1}: unknown rule {raw!r} in annotation")
            out.append(Expectation(kind, meta.name, path, target + 1, i + 1))
    return out


def compare(expectations: list[Expectation], findings: set[tuple[str, int, str]]) -> list[str]:
    """Problems, as readable lines; ``findings`` holds (path, line, rule name)."""
    problems: list[str] = []
    covered: set[tuple[str, int, str]] = set()
    for e in expectations:
        key = (e.path, e.line, e.rule)
        found = key in findings
        if e.kind == "ruleid":
            covered.add(key)
            if not found:
                problems.append(f"{e.path}:{e.line}: expected {e.rule}, not reported")
        elif e.kind == "ok":
            if found:
                problems.append(f"{e.path}:{e.line}: {e.rule} reported on a line annotated ok")
        elif e.kind == "todoruleid":
            if found:
                problems.append(f"{e.path}:{e.line}: {e.rule} is now reported: promote todoruleid to ruleid")
        elif e.kind == "todook":
            covered.add(key)
            if not found:
                problems.append(f"{e.path}:{e.line}: {e.rule} no longer reported: promote todook to ok")
    for key in sorted(findings - covered):
        problems.append(f"{key[0]}:{key[1]}: unannotated finding {key[2]}")
    return problems
