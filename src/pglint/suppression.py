"""Inline suppression comments: finding them, applying them, and reporting the ones that do nothing.

Python files use ``# noqa: PG101`` (flake8-compatible: codes only, a bare
``# noqa`` silences every rule on its line) and ``# pglint: ignore[PG101,
no-unsafe-query]`` (codes or names; without brackets: every rule).
JavaScript/TypeScript files use ``// pglint-disable-next-line …``,
``// pglint-disable-line …`` and ``/* pglint-disable … */ … /* pglint-enable … */``
ranges (no rule list = every rule). Any directive may end with ``-- reason``.
A finding is suppressed by a directive at its primary location (``span.line``,
and for ranges its line and column), which for flow findings is the acquire
site. Directives that suppress nothing are reported as ``unused-suppression``
(PG003) findings, like Ruff's RUF100, but only for rules that are enabled;
rule codes or names a directive names that do not exist are always reported.
This module also owns the comment lexers used when a frontend does not hand
the comments over itself: Python's ``tokenize`` and a small JS/TS comment
scanner that skips strings, template literals and regular expressions.
"""

from __future__ import annotations

import bisect
import io
import re
import tokenize
from dataclasses import dataclass, field
from typing import Callable, Iterable, Literal, Mapping, Sequence, Union

from .diagnostics import UNSUPPRESSIBLE, Diagnostic
from .ir.cfg import Span
from .rules import ENGINE_RULES
from .rules.base import RuleMeta
from .sourcelines import count_breaks, text_breaks
from .sourcelines import first_line as first_text_line

_ENGINE_RULES_BY_CODE = {m.code: m for m in ENGINE_RULES}

#: The rule that reports suppressions that suppress nothing (like Ruff's RUF100); registered
#: with the engine's findings in :data:`pglint.rules.ENGINE_RULES`.
UNUSED_SUPPRESSION = _ENGINE_RULES_BY_CODE["PG003"]

#: Its documentation (rendered by ``pglint.docgen``), in the rules' section layout.
UNUSED_SUPPRESSION_DOC = """\
## What it does
Reports suppression comments (`# noqa: PG101`, `# pglint: ignore[...]`,
`// pglint-disable-next-line ...`, `/* pglint-disable ... */`) that suppress
nothing, and rule codes or names in them that do not exist. A directive is only
reported for the rules that are enabled in the run, so narrowing the run with
`--select` does not make every other suppression look unused. A bare `# noqa`
is never reported: it may be there for another linter.

## Why is this bad?
A suppression that outlives the finding it was written for hides the next,
unrelated finding on the same line. A misspelt rule code suppresses nothing at
all, while looking as if it did.

## Example
```python
conn = pool.getconn()  # noqa: PG102
```

```js
// pglint-disable-next-line no-missing-clent-release
const client = await pool.connect();
```

## Use instead
Remove the directive, or correct the code or name it gives.

## Known problems
A file that does not involve PostgreSQL is not analysed, so every coded
directive in it is reported as unused. The directives of a file that does not
parse (PG001) are not checked at all.

## References
- [Suppressing findings](../suppression.md)
- [Ruff: unused-noqa (RUF100)](https://docs.astral.sh/ruff/rules/unused-noqa/)
"""



def known_rules() -> list[RuleMeta]:
    """Every rule a configuration or a suppression may name: the registry's, the engine's and PG003."""
    from .rules import all_metas

    metas = list(all_metas())
    if not any(m.code == UNUSED_SUPPRESSION.code for m in metas):
        metas.append(UNUSED_SUPPRESSION)
    return metas


def lookup_rule(key: str, metas: Sequence[RuleMeta] | None = None) -> RuleMeta | None:
    """The rule with code ``key`` (case-insensitive) or kebab-case name ``key``."""
    k = key.strip()
    for meta in metas if metas is not None else known_rules():
        if k.upper() == meta.code or k.lower() == meta.name:
            return meta
    return None


# --------------------------------------------------------------------------- comments


@dataclass(frozen=True, slots=True)
class Comment:
    """One source comment: 1-based ``line`` and ``column`` of its first character, and its text
    including the markers (``# …``, ``// …``, ``/* … */``)."""

    line: int
    column: int
    text: str

    @property
    def end_line(self) -> int:
        """The line the comment ends on: a ``/* … */`` may span lines (ECMAScript's line terminators);
        a ``#`` comment never does."""
        if self.text.startswith("#"):
            return self.line
        return self.line + count_breaks(self.text, "javascript")


CommentLike = Union[Comment, tuple[int, int, str]]


def as_comment(c: CommentLike) -> Comment:
    return c if isinstance(c, Comment) else Comment(int(c[0]), int(c[1]), str(c[2]))


def comments_from_source(language: str, source: str | bytes) -> list[Comment]:
    """The comments of a ``python`` or ``javascript`` (JS/TS/JSX) source, in order.

    A fallback for frontends that do not hand their comments over: tokens for
    Python (a file that does not tokenise yields the comments before the error),
    a comment scanner for JS/TS.
    """
    text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
    if language == "python":
        return _python_comments(text)
    if language in ("javascript", "typescript"):
        return _js_comments(text)
    raise ValueError(f"no comment lexer for language {language!r}")


def _python_comments(text: str) -> list[Comment]:
    out: list[Comment] = []
    try:
        # newline=None: lines end at \n, \r\n or \r, as Python's (and ``ast``'s) do
        for tok in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
            if tok.type == tokenize.COMMENT:
                out.append(Comment(tok.start[0], tok.start[1] + 1, tok.string))
    except (tokenize.TokenError, SyntaxError):
        pass
    return out


# Keywords after which a `/` starts a regular expression rather than a division.
_REGEX_AFTER_WORDS = frozenset({
    "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case",
    "do", "else", "yield", "await", "extends",
})
_LINE_TERMINATORS = "\n\r\u2028\u2029"


def _js_comments(text: str) -> list[Comment]:
    """Comments of JS/TS source; strings, template literals (with nested ``${}``) and regex literals skipped.

    Whether ``/`` starts a regex is decided by the previous significant token:
    after an identifier, a number, a string, ``)`` or ``]`` it is a division.
    JSX text (``<p>// not a comment</p>``) is not recognised as text.
    """
    n = len(text)
    line_starts = [0] + [m.end() for m in text_breaks("javascript").finditer(text)]
    out: list[Comment] = []

    def add(start: int, end: int) -> None:
        ln = bisect.bisect_right(line_starts, start)
        out.append(Comment(ln, start - line_starts[ln - 1] + 1, text[start:end]))

    i = 0
    if text.startswith("#!"):  # hashbang
        while i < n and text[i] not in _LINE_TERMINATORS:
            i += 1
    depth = 0  # open `{` not belonging to a template substitution
    substitutions: list[int] = []  # depth at which each open `${` closes
    prev = ""  # "" (start) | "word" | "regex-word" | "value" | a punctuator character

    def scan_template(j: int) -> int:
        """From inside a template literal: the index after its closing backtick or after ``${``."""
        nonlocal depth, prev
        while j < n:
            ch = text[j]
            if ch == "\\":
                j += 2
                continue
            if ch == "`":
                prev = "value"
                return j + 1
            if ch == "$" and j + 1 < n and text[j + 1] == "{":
                depth += 1
                substitutions.append(depth)
                prev = "{"
                return j + 2
            j += 1
        return n

    while i < n:
        c = text[i]
        if c.isspace() or c == "\ufeff":
            i += 1
            continue
        nxt = text[i + 1] if i + 1 < n else ""
        if c == "/" and nxt == "/":
            j = i + 2
            while j < n and text[j] not in _LINE_TERMINATORS:
                j += 1
            add(i, j)
            i = j
            continue
        if c == "/" and nxt == "*":
            end = text.find("*/", i + 2)
            j = n if end < 0 else end + 2
            add(i, j)
            i = j
            continue
        if c == "/":
            if prev in ("value", "word", ")", "]"):
                prev = "/"
                i += 1
                continue
            j = _scan_regex(text, i)
            if j < 0:  # not a regex after all (unterminated on this line): a division
                prev = "/"
                i += 1
            else:
                prev = "value"
                i = j
            continue
        if c in "'\"":
            j = i + 1
            while j < n:
                ch = text[j]
                if ch == "\\":
                    j += 2
                    continue
                if ch == c or ch in "\n\r":
                    j += 1
                    break
                j += 1
            prev = "value"
            i = j
            continue
        if c == "`":
            i = scan_template(i + 1)
            continue
        if c == "{":
            depth += 1
            prev = "{"
            i += 1
            continue
        if c == "}":
            if substitutions and substitutions[-1] == depth:
                substitutions.pop()
                depth -= 1
                i = scan_template(i + 1)
                continue
            depth = max(depth - 1, 0)
            prev = "}"
            i += 1
            continue
        if c.isalpha() or c in "_$#" or ord(c) > 127 or c == "\\":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] in "_$\\" or ord(text[j]) > 127):
                j += 1
            prev = "regex-word" if text[i:j] in _REGEX_AFTER_WORDS else "word"
            i = j
            continue
        if c.isdigit() or (c == "." and nxt.isdigit()):
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] in "._"):
                j += 1
            prev = "value"
            i = j
            continue
        prev = c
        i += 1
    return out


def _scan_regex(text: str, i: int) -> int:
    """The index after the regex literal starting at ``text[i] == '/'``, or -1 if none ends on this line."""
    n = len(text)
    j = i + 1
    in_class = False
    while j < n:
        ch = text[j]
        if ch in _LINE_TERMINATORS:
            return -1
        if ch == "\\":
            j += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
        elif ch == "/":
            j += 1
            while j < n and (text[j].isalnum() or text[j] in "_$"):
                j += 1
            return j
        j += 1
    return -1


_PG_CODE = re.compile(rb"(?<![a-z0-9_])pg\d{3}(?![0-9])")


def collect_comments(paths: Iterable[str], with_findings: Iterable[str] | None = None) -> dict[str, list[Comment]]:
    """Comments of the files in ``paths`` that may hold a directive that matters.

    A file is lexed only when it mentions ``pglint``, or mentions ``noqa`` and
    either has findings (``with_findings``; ``None``: assume every file has) or
    names a pglint code or rule (a ``# noqa: E501`` that names none can neither
    suppress a finding nor be an unused pglint suppression). Unreadable files
    and files of unknown languages are left out; other files get an empty list
    without being lexed.
    """
    from .discovery import read_regular_file
    from .engine import MAX_FILE_BYTES
    from .languages import language_for

    findings = None if with_findings is None else set(with_findings)
    names = [m.name.encode() for m in known_rules()]
    out: dict[str, list[Comment]] = {}
    for path in paths:
        language = language_for(path)
        if language is None:
            continue
        try:
            data = read_regular_file(path, MAX_FILE_BYTES)[0]
        except OSError:
            continue
        lowered = data.lower()
        relevant = b"pglint" in lowered or (
            b"noqa" in lowered and (findings is None or path in findings
                                    or _PG_CODE.search(lowered) is not None
                                    or any(name in lowered for name in names)))
        if not relevant:
            out[path] = []
            continue
        out[path] = comments_from_source(language, data)
    return out


# --------------------------------------------------------------------------- directives

DirectiveKind = Literal["noqa", "ignore", "disable-line", "disable-next-line", "disable", "enable"]

_NAMES: dict[str, str] = {
    "noqa": "noqa", "ignore": "pglint: ignore", "disable-line": "pglint-disable-line",
    "disable-next-line": "pglint-disable-next-line", "disable": "pglint-disable",
    "enable": "pglint-enable",
}

_NOQA = re.compile(r"#\s*noqa(?![\w-])(?P<colon>\s*:\s*(?P<codes>[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*))?",
                   re.IGNORECASE)
_PGLINT_IGNORE = re.compile(r"#\s*pglint\s*:\s*ignore(?![\w-])(?:\s*\[(?P<rules>[^\]]*)\])?"
                            r"(?:\s*--\s*(?P<reason>.*))?")
_JS_DIRECTIVE = re.compile(r"^\s*pglint-(?P<kind>disable-next-line|disable-line|disable|enable)(?![\w-])"
                           r"(?P<rest>.*)$", re.DOTALL)
_OUR_CODE = re.compile(r"PG[0-9]+", re.IGNORECASE)
_SPLIT = re.compile(r"[\s,]+")


@dataclass(slots=True)
class Directive:
    """One parsed suppression comment."""

    kind: DirectiveKind
    line: int  # where the directive is written
    column: int
    end_column: int  # end of the directive's text on its line (exclusive)
    target: int | None  # the line a line directive applies to; None for ranges
    rules: tuple[str, ...] | None  # rule codes; None = every rule
    written: tuple[str, ...] = ()  # as written, parallel to ``rules``
    unknown: tuple[str, ...] = ()  # names/codes that are no rule
    reason: str = ""
    text: str = ""
    used: set[str] = field(default_factory=set)  # codes it suppressed
    used_blanket: bool = False

    @property
    def label(self) -> str:
        return _NAMES[self.kind]

    def covers(self, code: str) -> bool:
        return self.rules is None or code in self.rules


def _resolve(tokens: Iterable[str], metas: Sequence[RuleMeta]) -> tuple[tuple[str, ...], tuple[str, ...],
                                                                        tuple[str, ...]]:
    codes: list[str] = []
    written: list[str] = []
    unknown: list[str] = []
    for tok in tokens:
        if not tok:
            continue
        meta = lookup_rule(tok, metas)
        if meta is None:
            unknown.append(tok)
        elif meta.code not in codes:
            codes.append(meta.code)
            written.append(tok)
    return tuple(codes), tuple(written), tuple(unknown)


def parse_directives(comment: CommentLike, metas: Sequence[RuleMeta] | None = None) -> list[Directive]:
    """The suppression directives in one comment (none for an ordinary comment)."""
    c = as_comment(comment)
    metas = metas if metas is not None else known_rules()
    text = c.text
    first_line = first_text_line(text, "python" if text.startswith("#") else "javascript")
    out: list[Directive] = []
    if text.startswith("#"):
        for m in _NOQA.finditer(text):
            codes_text = m.group("codes")
            if m.group("colon") is None or codes_text is None:
                rules: tuple[str, ...] | None = None
                written: tuple[str, ...] = ()
                unknown: tuple[str, ...] = ()
            else:
                ours = [t for t in _SPLIT.split(codes_text) if _OUR_CODE.fullmatch(t)]
                if not ours:
                    continue  # only other tools' codes (`# noqa: E501`): not a pglint directive
                rules, written, unknown = _resolve(ours, metas)
            out.append(Directive("noqa", c.line, c.column + m.start(), c.column + m.end(), c.line,
                                 rules, written, unknown, text=m.group(0)))
        for m in _PGLINT_IGNORE.finditer(text):
            inside = m.group("rules")
            if inside is None or not inside.strip():
                rules, written, unknown = None, (), ()
            else:
                rules, written, unknown = _resolve(_SPLIT.split(inside.strip()), metas)
            out.append(Directive("ignore", c.line, c.column + m.start(), c.column + len(first_line), c.line,
                                 rules, written, unknown, reason=(m.group("reason") or "").strip(),
                                 text=m.group(0).strip()))
        return out
    if text.startswith("//"):
        body = text[2:]
    elif text.startswith("/*"):
        body = text[2:-2] if text.endswith("*/") and len(text) >= 4 else text[2:]
    else:
        return out
    jm = _JS_DIRECTIVE.match(body)
    if jm is None:
        return out
    kind: DirectiveKind = jm.group("kind")  # type: ignore[assignment]
    rest = jm.group("rest")
    reason = ""
    if "--" in rest:
        rest, reason = rest.split("--", 1)
    tokens = [t for t in _SPLIT.split(rest.strip()) if t]
    if tokens:
        rules, written, unknown = _resolve(tokens, metas)
    else:
        rules, written, unknown = None, (), ()
    end_line = c.end_line
    target = {"disable-line": c.line, "disable-next-line": end_line + 1}.get(kind)
    out.append(Directive(kind, c.line, c.column, c.column + len(first_line), target, rules, written, unknown,
                         reason=reason.strip(), text=text.strip()))
    return out


# --------------------------------------------------------------------------- applying


@dataclass(slots=True)
class _FileDirectives:
    by_line: dict[int, list[Directive]]
    ranges: list[Directive]  # disable / enable, in source order
    all: list[Directive]


def _index(comments: Iterable[CommentLike], metas: Sequence[RuleMeta], noqa: bool = True) -> _FileDirectives:
    by_line: dict[int, list[Directive]] = {}
    ranges: list[Directive] = []
    everything: list[Directive] = []
    for comment in comments:
        for d in parse_directives(comment, metas):
            if d.kind == "noqa" and not noqa:
                continue
            everything.append(d)
            if d.target is not None:
                by_line.setdefault(d.target, []).append(d)
            else:
                ranges.append(d)
    ranges.sort(key=lambda d: (d.line, d.column))
    return _FileDirectives(by_line, ranges, everything)


def _range_suppressors(ranges: Sequence[Directive], code: str, line: int, column: int) -> list[Directive]:
    """The ``pglint-disable`` directives in force for ``code`` at ``(line, column)``."""
    everything: Directive | None = None
    exceptions: set[str] = set()
    per_rule: dict[str, Directive] = {}
    for d in ranges:
        if (d.line, d.column) > (line, column):
            break
        if d.kind == "disable":
            if d.rules is None:
                everything, exceptions = d, set()
            else:
                for r in d.rules:
                    per_rule[r] = d
                    exceptions.discard(r)
        else:  # enable
            if d.rules is None:
                everything, exceptions, per_rule = None, set(), {}
            else:
                for r in d.rules:
                    per_rule.pop(r, None)
                    if everything is not None:
                        exceptions.add(r)
    out: list[Directive] = []
    if code in per_rule:
        out.append(per_rule[code])
    if everything is not None and code not in exceptions:
        out.append(everything)
    return out


def _mark(d: Directive, code: str) -> None:
    if d.rules is None:
        d.used_blanket = True
    else:
        d.used.add(code)


EnabledCodes = Union[frozenset[str], set[str], Callable[[str], "frozenset[str] | set[str]"]]


def apply_suppressions(
    diagnostics: Sequence[Diagnostic],
    comments_by_path: Mapping[str, Iterable[CommentLike]],
    enabled_codes: EnabledCodes,
    *,
    noqa: bool = True,
) -> tuple[list[Diagnostic], int, list[Diagnostic]]:
    """Drop the findings a directive suppresses; report the directives that suppress nothing.

    ``comments_by_path`` maps a file path (as in ``Diagnostic.path``) to its
    comments; ``enabled_codes`` is the set of rule codes the run reported, or a
    function from a path to that set (per-file ignores). Returns the findings
    kept, how many were suppressed, and the ``unused-suppression`` findings
    (empty when PG003 itself is not enabled). ``noqa=False`` leaves ``# noqa``
    comments to someone else (the flake8 plugin: flake8 applies them itself).
    """
    metas = known_rules()
    files = {path: _index(comments, metas, noqa) for path, comments in comments_by_path.items()}
    kept: list[Diagnostic] = []
    suppressed = 0
    for diag in diagnostics:
        fd = files.get(diag.path)
        if fd is None or diag.code in UNSUPPRESSIBLE:
            kept.append(diag)
            continue
        hits = [d for d in fd.by_line.get(diag.span.line, ()) if d.covers(diag.code)]
        hits += _range_suppressors(fd.ranges, diag.code, diag.span.line, diag.span.column)
        if not hits:
            kept.append(diag)
            continue
        for d in hits:
            _mark(d, diag.code)
        suppressed += 1
    extra: list[Diagnostic] = []
    broken = {d.path for d in diagnostics if d.code in UNSUPPRESSIBLE}  # not analysed: nothing to judge by
    for path, fd in files.items():
        enabled = enabled_codes(path) if callable(enabled_codes) else enabled_codes
        if UNUSED_SUPPRESSION.code not in enabled or path in broken:
            continue
        for d in fd.all:
            if d.rules is not None and UNUSED_SUPPRESSION.code in d.rules:
                continue  # `# noqa: PG101, PG003`: the directive silences its own report
            report = _unused_report(d, enabled)
            if report is None:
                continue
            silenced = any(o is not d and o.covers(UNUSED_SUPPRESSION.code) for o in fd.by_line.get(d.line, ()))
            if silenced:
                continue
            extra.append(_unused_diagnostic(path, d, report))
    extra.sort(key=Diagnostic.sort_key)
    return kept, suppressed, extra


def _unused_report(d: Directive, enabled: frozenset[str] | set[str]) -> str | None:
    if d.kind == "enable":
        return None
    if d.rules is None:
        if d.kind == "noqa" or d.used_blanket:
            return None
        return f"Unused blanket `{d.label}` directive"
    unused = [w for code, w in zip(d.rules, d.written) if code not in d.used and code in enabled]
    parts = []
    if unused:
        parts.append("unused: " + ", ".join(unused))
    if d.unknown:
        parts.append("unknown: " + ", ".join(d.unknown))
    if not parts:
        return None
    return f"Unused `{d.label}` directive ({'; '.join(parts)})"


def _unused_diagnostic(path: str, d: Directive, message: str) -> Diagnostic:
    meta = UNUSED_SUPPRESSION
    return Diagnostic(rule=meta.name, code=meta.code, severity=meta.severity, message=message, path=path,
                      span=Span(d.line, d.column, d.line, max(d.end_column, d.column)), fix=meta.fix,
                      snippet=d.text)


__all__ = ["UNSUPPRESSIBLE", "UNUSED_SUPPRESSION", "Comment", "Directive", "apply_suppressions", "collect_comments",
           "comments_from_source", "known_rules", "lookup_rule", "parse_directives"]
