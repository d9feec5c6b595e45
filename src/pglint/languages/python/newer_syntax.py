"""Is a Python syntax error really syntax newer than the interpreter pglint runs on?

pglint parses Python with the running interpreter's ``ast``. A file written for
a newer Python (``type X = int`` on 3.11) fails to parse with a generic
"invalid syntax". :func:`newer_syntax` tells those apart: at the error's line
it tries, for each feature newer than the running Python (newest first), a
rewrite of the construct into syntax every supported Python has (``type X =
int`` → ``X = int``, ``except*`` → ``except``, an f-string → ``""``) and parses
again. A feature counts when, with its rewrite (and those of the features found
before it), the file parses or the error moves to a later line; then the next
error is explained the same way, a few times at most. An error no rewrite moves
is an ordinary syntax error. Rewrites keep line numbers.
"""

from __future__ import annotations

import ast
import re
import sys
import warnings
from dataclasses import dataclass
from typing import Callable

MAX_STEPS = 8  # features explained per file, at most
MAX_FIELD_TEXT = 100_000  # characters of replacement fields checked per f-string, at most


@dataclass(frozen=True, slots=True)
class NewerSyntax:
    version: tuple[int, int]
    feature: str  # "`type` alias"
    line: int

    @property
    def version_text(self) -> str:
        return f"{self.version[0]}.{self.version[1]}"


# ---------------------------------------------------------------------------
# String literals, f-strings and t-strings (PEP 701 rules: any quotes, comments and
# backslashes inside replacement fields)

_STRING_START = re.compile(r"""#[^\n]*|(?:(?<!\w)([rRbBuUfFtT]{1,2}))?('''|\"\"\"|'|")""")
_PREFIX_CHARS = frozenset("rRbBuUfFtT")


def _is_prefix(word: str) -> bool:
    w = word.lower()
    return len(w) <= 2 and len(set(w)) == len(w) and all(c in "rbuft" for c in w) \
        and not ({"b", "f"} <= set(w) or {"b", "t"} <= set(w) or {"f", "t"} <= set(w) or ("u" in w and len(w) > 1))


Fields = list[tuple[int, int]]  # (start, end) of replacement-field expressions, as scanned


def _scan_string(text: str, i: int, prefix: str, quote: str, fields: Fields) -> int | None:
    """The end (exclusive) of the literal whose quote starts at ``i``, or ``None`` if unterminated.
    The expressions of its replacement fields (and of nested ones) are added to ``fields``."""
    p = prefix.lower()
    formatted = "f" in p or "t" in p  # (in a raw string too, a backslash keeps the quote after it)
    j = i + len(quote)
    n = len(text)
    while j < n:
        c = text[j]
        if text.startswith(quote, j):
            return j + len(quote)
        if c == "\\":
            j += 2
            continue
        if c == "\n" and len(quote) == 1:
            return None
        if formatted and c == "{":
            if text.startswith("{{", j):
                j += 2
                continue
            end = _scan_field(text, j + 1, quote, fields)
            if end is None:
                return None
            j = end
            continue
        if formatted and c == "}" and text.startswith("}}", j):
            j += 2
            continue
        j += 1
    return None


def _scan_field(text: str, j: int, quote: str, fields: Fields) -> int | None:
    """The end (just past ``}``) of the replacement field whose body starts at ``j``."""
    depth = 0
    n = len(text)
    start = j
    while j < n:
        c = text[j]
        if c in "([{":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "}":
            if depth == 0:
                fields.append((start, j))
                return j + 1
            depth -= 1
        elif c == "#":
            nl = text.find("\n", j)
            if nl < 0:
                return None
            j = nl
            continue
        elif c == ":" and depth == 0:
            fields.append((start, j))
            return _scan_spec(text, j + 1, quote, fields)
        elif c in "'\"":
            q = text[j:j + 3] if text[j:j + 3] in ("'''", '"""') else c
            word_start = j
            while word_start > 0 and text[word_start - 1] in _PREFIX_CHARS:
                word_start -= 1
            prefix = text[word_start:j]
            end = _scan_string(text, j, prefix if _is_prefix(prefix) else "", q, fields)
            if end is None:
                return None
            j = end
            continue
        elif c == "\\":
            j += 2
            continue
        elif c == "\n" and len(quote) == 1:
            return None
        j += 1
    return None


def _scan_spec(text: str, j: int, quote: str, fields: Fields) -> int | None:
    """The end (just past ``}``) of a format spec starting at ``j`` (nested fields allowed)."""
    n = len(text)
    while j < n:
        c = text[j]
        if c == "}":
            return j + 1
        if c == "{":
            end = _scan_field(text, j + 1, quote, fields)
            if end is None:
                return None
            j = end
            continue
        if text.startswith(quote, j) or (c == "\n" and len(quote) == 1):
            return None
        j += 1
    return None


def _literals(text: str, stop: int) -> list[tuple[int, int, str, Fields]]:
    """``(start, end, prefix, fields)`` of the string literals of ``text`` that start before ``stop``;
    the scan ends at an unterminated one."""
    out: list[tuple[int, int, str, Fields]] = []
    pos = 0
    while pos <= stop:
        m = _STRING_START.search(text, pos)
        if m is None or m.start() > stop:
            break
        if m.group(0).startswith("#"):
            pos = m.end()
            continue
        prefix = m.group(1) or ""
        if prefix and not _is_prefix(prefix):
            prefix = ""
        fields: Fields = []
        end = _scan_string(text, m.start(2), prefix, m.group(2), fields)
        if end is None:
            break
        out.append((m.start(), end, prefix, fields))
        pos = end
    return out


def _blank_formatted(text: str) -> str:
    """``text`` with every f- and t-string replaced by ``""`` (``\"\"\"…\"\"\"`` keeping its newlines)."""
    for start, end, prefix, _ in reversed(_literals(text, len(text))):
        if {"f", "t"} & set(prefix.lower()):
            newlines = text.count("\n", start, end)
            text = text[:start] + ('"""' + "\n" * newlines + '"""' if newlines else '""') + text[end:]
    return text


_FIELD_TAIL = re.compile(r"(?:(?<![=!<>])=\s*)?(?:![rsa]\s*)?$")


def _fields_parse(text: str, fields: Fields) -> bool:
    """Whether every replacement field is a valid expression on its own (nested f-strings blanked):
    then the literal is broken only under the old f-string rules. (Not answered, ``False``, for
    fields nested so deep that checking them would take quadratic time.)"""
    if sum(end - start for start, end in fields) > MAX_FIELD_TEXT:
        return False
    for start, end in fields:
        expr = _FIELD_TAIL.sub("", text[start:end])
        if not expr.strip():
            return False
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ast.parse("(" + _blank_formatted(expr) + "\n)", mode="eval")
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
    return True


def _formatted_literals(text: str, line: int) -> list[tuple[int, int, str]]:
    """``(start, end, prefix)`` of the f- and t-strings that span ``line`` (1-based) and whose
    replacement fields are valid expressions."""
    line_start = 0
    for _ in range(line - 1):
        nl = text.find("\n", line_start)
        if nl < 0:
            return []
        line_start = nl + 1
    line_end = text.find("\n", line_start)
    line_end = len(text) if line_end < 0 else line_end
    return [(start, end, prefix) for start, end, prefix, fields in _literals(text, line_end)
            if end > line_start and ({"f", "t"} & set(prefix.lower())) and _fields_parse(text, fields)]


# ---------------------------------------------------------------------------
# Rewrites: (text, error line) -> (version, feature, rewritten text) or None

Rewrite = Callable[[list[str], int], "tuple[tuple[int, int], str, list[str]] | None"]


def _balanced(line: str, i: int) -> int | None:
    """The index just past the bracket opened at ``line[i]``, on the same line."""
    depth = 0
    for j in range(i, len(line)):
        if line[j] in "([{":
            depth += 1
        elif line[j] in ")]}":
            depth -= 1
            if depth == 0:
                return j + 1
    return None


_TYPE_PARAMS = re.compile(r"^(\s*(?:(?:async\s+)?def|class|type)\s+[A-Za-z_]\w*)\s*\[")


def _type_params(lines: list[str], line: int) -> tuple[tuple[int, int], str, list[str]] | None:
    text = lines[line - 1]
    m = _TYPE_PARAMS.match(text)
    if m is None:
        return None
    end = _balanced(text, m.end() - 1)
    if end is None:
        return None
    params = text[m.end():end - 1]
    is_alias = m.group(1).lstrip().startswith("type")
    head = m.group(1)
    if is_alias:
        head = re.sub(r"^(\s*)type\s+", r"\1", head)
    out = list(lines)
    out[line - 1] = head + text[end:]
    if re.search(r"=", params):
        return (3, 13), "a type parameter default `[T = int]`", out
    return (3, 12), "`type` alias" if is_alias else "type parameters `def f[T]` (PEP 695)", out


_TYPE_ALIAS = re.compile(r"^(\s*)type\s+([A-Za-z_]\w*\s*=)")


def _type_alias(lines: list[str], line: int) -> tuple[tuple[int, int], str, list[str]] | None:
    text = lines[line - 1]
    m = _TYPE_ALIAS.match(text)
    if m is None:
        return None
    out = list(lines)
    out[line - 1] = m.group(1) + m.group(2) + text[m.end():]
    return (3, 12), "`type` alias", out


_EXCEPT_STAR = re.compile(r"^(\s*)except\s*\*")


def _except_star(lines: list[str], line: int) -> tuple[tuple[int, int], str, list[str]] | None:
    text = lines[line - 1]
    m = _EXCEPT_STAR.match(text)
    if m is None:
        return None
    out = list(lines)
    out[line - 1] = m.group(1) + "except " + text[m.end():]
    return (3, 11), "`except*`", out


_STAR_UNPACK = re.compile(r"(?<=[\[,])(\s*)\*(?=\s*[A-Za-z_])|(\*\s*[A-Za-z_]\w*\s*:\s*)\*(?=\s*[A-Za-z_])")


def _star_unpack(lines: list[str], line: int) -> tuple[tuple[int, int], str, list[str]] | None:
    text = lines[line - 1]
    new = _STAR_UNPACK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    if new == text:
        return None
    out = list(lines)
    out[line - 1] = new
    return (3, 11), "star unpacking in a subscript or annotation (`*Ts`)", out


_EXCEPT_LIST = re.compile(r"^(\s*except\*?)(\s+)([^(\s:][^:]*,[^:]*?)(\s*:)")


def _except_without_parens(lines: list[str], line: int) -> tuple[tuple[int, int], str, list[str]] | None:
    text = lines[line - 1]
    m = _EXCEPT_LIST.match(text)
    if m is None or re.search(r"\bas\b", m.group(3)):
        return None
    out = list(lines)
    out[line - 1] = f"{m.group(1)}{m.group(2)}({m.group(3)}){m.group(4)}{text[m.end():]}"
    return (3, 14), "`except A, B:` without parentheses (PEP 758)", out


def _formatted(kind: str) -> Rewrite:
    def rewrite(lines: list[str], line: int) -> tuple[tuple[int, int], str, list[str]] | None:
        text = "\n".join(lines)
        found = [(s, e) for s, e, prefix in _formatted_literals(text, line) if kind in prefix.lower()]
        if not found:
            return None
        for start, end in reversed(found):
            newlines = text.count("\n", start, end)
            text = text[:start] + ('"""' + "\n" * newlines + '"""' if newlines else '""') + text[end:]
        if kind == "t":
            return (3, 14), 'a template string `t"…"`', text.split("\n")
        return (3, 12), "an f-string with quotes, backslashes or comments inside `{}` (PEP 701)", text.split("\n")
    return rewrite


#: newest first: a construct two features share is reported as the newer one's
REWRITES: tuple[tuple[tuple[int, int], Rewrite], ...] = (
    ((3, 14), _formatted("t")),
    ((3, 14), _except_without_parens),
    ((3, 13), _type_params),
    ((3, 12), _type_params),
    ((3, 12), _type_alias),
    ((3, 12), _formatted("f")),
    ((3, 11), _except_star),
    ((3, 11), _star_unpack),
)


def _error(text: str) -> SyntaxError | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text)
    except SyntaxError as exc:
        return exc
    except (ValueError, RecursionError, MemoryError):
        return None
    return None


def newer_syntax(source: str, error: SyntaxError,
                 running: tuple[int, int] | None = None) -> list[NewerSyntax]:
    """The features newer than ``running`` (default: this interpreter) that explain ``error``.

    Empty when ``error`` is an ordinary syntax error (or the newer features found
    do not account for it).
    """
    running = running or (sys.version_info[0], sys.version_info[1])
    rewrites = [rw for version, rw in REWRITES if version > running]
    if not rewrites:
        return []
    try:
        return _explain(source, error, running, rewrites)
    except RecursionError:  # f-strings nested thousands deep: an ordinary error will do
        return []


def _explain(source: str, error: SyntaxError, running: tuple[int, int],
             rewrites: list[Rewrite]) -> list[NewerSyntax]:
    lines = source.split("\n")
    found: list[NewerSyntax] = []
    current: SyntaxError | None = error
    for _ in range(MAX_STEPS):
        if current is None or not current.lineno or current.lineno > len(lines):
            break
        line = current.lineno
        for rewrite in rewrites:
            result = rewrite(lines, line)
            if result is None or result[0] <= running:
                continue
            version, feature, new_lines = result
            new_error = _error("\n".join(new_lines))
            if new_error is not None and (new_error.lineno, new_error.offset, new_error.msg) == \
                    (current.lineno, current.offset, current.msg):
                continue  # no change: not this feature
            found.append(NewerSyntax(version, feature, line))
            lines, current = new_lines, new_error
            break
        else:
            break
    if current is not None:  # what is left unexplained must come after every feature found
        last = current.lineno or 0
        found = [f for f in found if f.line < last]
    return found


def newer_syntax_message(features: list[NewerSyntax], running: tuple[int, int] | None = None) -> tuple[str, str]:
    """(message, fix) for PG001 when ``features`` explain a syntax error."""
    running = running or (sys.version_info[0], sys.version_info[1])
    newest = max(features, key=lambda f: f.version)
    first = features[0]
    where = f", line {newest.line}" if newest.line != first.line else ""
    needed = newest.version_text
    message = (f"uses syntax from Python {needed} ({newest.feature}{where}); pglint runs on Python "
               f"{running[0]}.{running[1]} — run pglint with Python {needed} or newer")
    fix = f"Install pglint with Python {needed} or newer (e.g. `pipx install --python python{needed} pglint`)"
    return message, fix
