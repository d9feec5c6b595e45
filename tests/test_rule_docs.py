"""The rule docs cannot lie: every rule's docstring has Ruff's sections, and its examples are executed.

For every rule class in ``pglint.rules.all_rules()``: the sections ``What it
does``, ``Why is this bad?``, ``Example``, ``Use instead``, ``Known problems``
and ``References`` are all present, in that order; ``Example`` and ``Use
instead`` each hold at least one code block per language the rule supports
(Python, and JavaScript or TypeScript); every block under ``Example`` makes the
rule fire when written to a file and run through the engine, and no block under
``Use instead`` does. No block may fail to parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from pglint.engine import Options, run
from pglint.rules import all_rules
from pglint.rules.base import Rule

SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Known problems", "References")
EXTENSIONS = {"python": ".py", "py": ".py", "js": ".js", "javascript": ".js", "jsx": ".jsx",
              "ts": ".ts", "typescript": ".ts", "tsx": ".tsx"}
LANGUAGE_OF_EXTENSION = {".py": "python", ".js": "javascript", ".jsx": "javascript", ".ts": "javascript",
                         ".tsx": "javascript"}
FENCE = re.compile(r"^```[ \t]*([A-Za-z0-9_+-]*)[ \t]*$")


@dataclass(frozen=True)
class Block:
    rule: type[Rule]
    section: str
    index: int  # 1-based position among the section's runnable blocks
    tag: str
    code: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.tag]

    @property
    def id(self) -> str:
        slug = "example" if self.section == "Example" else "use-instead"
        return f"{self.rule.meta.code}-{slug}-{self.index}-{self.tag}"


def sections(doc: str) -> dict[str, str]:
    """``## Heading`` → body, in order (fences respected: a ``##`` inside a code block is not a heading)."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    in_fence = False
    for line in doc.splitlines():
        if FENCE.match(line.strip()):
            in_fence = not in_fence
        if not in_fence and line.startswith("## "):
            current = out.setdefault(line[3:].strip(), [])
            continue
        if current is not None:
            current.append(line)
    return {k: "\n".join(v) for k, v in out.items()}


def code_blocks(body: str) -> list[tuple[str, str]]:
    """``(language tag, code)`` for every fenced block in ``body``."""
    blocks: list[tuple[str, str]] = []
    tag: str | None = None
    lines: list[str] = []
    for line in body.splitlines():
        m = FENCE.match(line.strip())
        if tag is None:
            if m:
                tag, lines = m.group(1).lower(), []
        elif line.strip() == "```":
            blocks.append((tag, "\n".join(lines) + "\n"))
            tag = None
        else:
            lines.append(line)
    assert tag is None, "unterminated code block"
    return blocks


def runnable_blocks(rule: type[Rule], section: str) -> list[Block]:
    body = sections(rule.doc()).get(section, "")
    runnable = [(tag, code) for tag, code in code_blocks(body) if tag in EXTENSIONS]
    return [Block(rule, section, i, tag, code) for i, (tag, code) in enumerate(runnable, 1)]


RULES = list(all_rules())
BLOCKS = [b for r in RULES for s in ("Example", "Use instead") for b in runnable_blocks(r, s)]


def _rule_id(rule: type[Rule]) -> str:
    return f"{rule.meta.code}-{rule.meta.name}"


@pytest.mark.parametrize("rule", RULES, ids=_rule_id)
def test_docstring_has_every_section_in_order(rule: type[Rule]) -> None:
    found = [name for name in sections(rule.doc()) if name in SECTIONS]
    missing = [s for s in SECTIONS if s not in found]
    assert not missing, f"{rule.meta.code} docs lack: {', '.join('## ' + s for s in missing)}"
    assert found == list(SECTIONS), f"{rule.meta.code} sections out of order: {found}"
    for name in SECTIONS:
        assert sections(rule.doc())[name].strip(), f"{rule.meta.code}: '## {name}' is empty"


@pytest.mark.parametrize("rule", RULES, ids=_rule_id)
@pytest.mark.parametrize("section", ["Example", "Use instead"])
def test_an_example_per_language(rule: type[Rule], section: str) -> None:
    have = {LANGUAGE_OF_EXTENSION[b.extension] for b in runnable_blocks(rule, section)}
    wanted = set(rule.meta.languages)
    missing = wanted - have
    assert not missing, (f"{rule.meta.code} '## {section}' needs a code block for "
                         + " and ".join(sorted("JavaScript/TypeScript" if m == "javascript" else "Python"
                                               for m in missing)))


def _codes(block: Block, tmp_path: Path) -> list[tuple[str, int, str]]:
    path = tmp_path / f"example{block.extension}"
    path.write_text(block.code, encoding="utf-8")
    result = run([str(path)], Options(select=frozenset({block.rule.meta.code})))
    assert str(path) in result.files
    return [(d.code, d.span.line, d.message) for d in result.diagnostics]


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.section == "Example"], ids=lambda b: b.id)
def test_example_fires(block: Block, tmp_path: Path) -> None:
    found = _codes(block, tmp_path)
    broken = [f for f in found if f[0] in ("PG001", "PG002")]
    assert not broken, f"the example does not go through pglint: {broken}"
    assert any(code == block.rule.meta.code for code, _, _ in found), (
        f"{block.rule.meta.code} does not fire on its own example:\n{block.code}")


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.section == "Use instead"], ids=lambda b: b.id)
def test_use_instead_is_clean(block: Block, tmp_path: Path) -> None:
    found = _codes(block, tmp_path)
    broken = [f for f in found if f[0] in ("PG001", "PG002")]
    assert not broken, f"the example does not go through pglint: {broken}"
    fired = [f for f in found if f[0] == block.rule.meta.code]
    assert not fired, f"{block.rule.meta.code} fires on its 'Use instead' code: {fired}\n{block.code}"


def test_the_parser_of_this_test() -> None:
    doc = "intro\n## Example\n```py\nx = 1\n## not a heading\n```\ntext\n```sql\nSELECT 1\n```\n## Use instead\nnone\n"
    secs = sections(doc)
    assert list(secs) == ["Example", "Use instead"]
    assert code_blocks(secs["Example"]) == [("py", "x = 1\n## not a heading\n"), ("sql", "SELECT 1\n")]
