"""Grammar gap repair: reading valid code that tree-sitter's JavaScript/TypeScript grammars reject.

tree-sitter-typescript 0.23.2 (the newest published grammar) rejects some valid
TypeScript and JSX: ``export type * from`` (TS 5.0), variance annotations
(``<in T, out U>``, TS 4.7), generic tagged templates (``sql<T>`…```), import
types in some positions (``import("m").T``, ``typeof import("m")``), a bare
``&`` in JSX text or attribute strings, escapes in template literal types,
contextual keywords used as names (``using``, ``as``, ``abstract?:``,
``unique:`` as a tuple label, ``(string) => T``), and a line starting with an
identifier such as ``in_corp`` after which its scanner inserts no semicolon.

After a parse with errors, :func:`repair` tries, for the code around each error,
a small set of rewrites of the source text — one :class:`Gap` per construct
above — that keep every byte offset and every line: characters become spaces,
a keyword becomes an identifier of the same length, a space of indentation
becomes the ``;`` the scanner should have inserted. It reparses and keeps a
rewrite only when

* the tree has fewer erroneous bytes than before, and no error outside the
  places that were erroneous before (it does not break what parsed), and
* every rewritten place lands where the construct says it must (the masked
  ``type`` of ``export type *`` inside an ``export_statement``, the masked
  ``<T>`` between a tag and its template, a renamed keyword as an identifier, …):
  a rewrite that would turn a string, an operator or a runtime ``import()``
  into something else is refused.

None of them changes what the analysis sees: what is blanked is type syntax or
JSX text, and a renamed keyword is renamed everywhere in the file's code (the
binding and its uses stay one variable). A renamed keyword's new spelling
(``usin$``, chosen so that it does not occur in the file) is mapped back to the
original in the file's findings (:attr:`Repaired.renamed`). Property names are
not renamed (the grammar reads ``x.using`` and ``{ using: 1 }``), so a member
``using`` stays the same across files; a shorthand ``{ using }`` reads the
renamed variable under the new spelling.

Every reparse is an incremental one (the rewrite keeps lengths, so the old tree
is edited in place of being thrown away), and at most :data:`MAX_ATTEMPTS`
happen per file: a file with a real syntax error costs a few reparses, not a search.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

if TYPE_CHECKING:
    from tree_sitter import Node, Parser, Tree

#: The most reparses one file's repair may do (a file with real syntax errors stops here).
MAX_ATTEMPTS = 40
#: A file with more places in error than this is not repaired: valid code the grammar rejects fails
#: in a few places (a barrel file of `export type *` lines, a few dozen), a file that is not
#: JavaScript, or is broken, in many; looking for gaps there would only cost time.
MAX_SPOTS = 200
#: Lines before the first line of an error region where the construct that caused it may stand
#: (the grammar often fails a token or a line after it).
LINES_BEFORE = 3
LINES_AFTER = 1
#: A keyword this many bytes or fewer before an error may be what the grammar failed on.
FOLLOWING_ERROR = 24


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``len(new)`` bytes at ``start`` by ``new`` (never a line terminator, never a length change)."""

    start: int
    new: bytes

    @property
    def end(self) -> int:
        return self.start + len(self.new)


@dataclass(frozen=True, slots=True)
class Site:
    """One place a gap may be: the edits that repair it, and the gap that knows where they must land."""

    gap: "Gap"
    edits: tuple[Edit, ...]
    word: bytes = b""  # a renamed keyword: its original spelling


@dataclass(slots=True)
class Repaired:
    """The result of :func:`repair`: the text tree-sitter parsed, its tree, and what was rewritten."""

    text: bytes
    tree: "Tree"
    #: construct name -> number of places repaired
    repairs: dict[str, int] = field(default_factory=dict)
    #: new spelling -> original spelling, for the keywords renamed (``usin$`` -> ``using``)
    renamed: dict[str, str] = field(default_factory=dict)
    attempts: int = 0


# --------------------------------------------------------------------------- tree helpers

_NOT_CODE = frozenset({"string", "string_fragment", "template_string", "comment", "regex", "regex_pattern",
                       "html_comment", "escape_sequence", "jsx_text", "hash_bang_line"})
_IDENTIFIERS = frozenset({"identifier", "property_identifier", "shorthand_property_identifier",
                          "shorthand_property_identifier_pattern", "type_identifier"})
_VARIABLES = frozenset({"identifier", "shorthand_property_identifier", "shorthand_property_identifier_pattern"})
#: What a renamed keyword may become: a name, never a type name.
_NAMES = _VARIABLES | {"property_identifier"}


def error_regions(root: "Node") -> list[tuple[int, int]]:
    """``(start, end)`` byte ranges of the maximal ``ERROR`` and ``MISSING`` nodes under ``root``."""
    out: list[tuple[int, int]] = []
    stack = [root]
    while stack:
        n = stack.pop()
        if n.is_error or n.is_missing:
            out.append((n.start_byte, n.end_byte))
            continue
        stack.extend(reversed([c for c in n.children if c.has_error or c.is_missing]))
    return out


def error_spots(root: "Node") -> list[tuple[int, int]]:
    """``(start, end)`` of the innermost ``ERROR`` and ``MISSING`` nodes: where the grammar failed (a
    maximal ``ERROR`` may wrap the whole file; the constructs that failed are near its inner errors)."""
    out: list[tuple[int, int]] = []
    stack = [root]
    while stack:
        n = stack.pop()
        inner = [c for c in n.children if c.has_error or c.is_missing or c.is_error]
        if (n.is_error or n.is_missing) and not inner:
            out.append((n.start_byte, n.end_byte))
        stack.extend(reversed(inner))
    return out


def _weight(regions: Sequence[tuple[int, int]]) -> int:
    """How much of the file is in error (a ``MISSING`` node counts as one byte)."""
    return sum(max(1, e - s) for s, e in regions)


def _within(new: Sequence[tuple[int, int]], old: Sequence[tuple[int, int]]) -> bool:
    """Whether every range of ``new`` lies inside a range of ``old`` (no new place in error).

    ``old`` is in document order and its ranges do not overlap (maximal error nodes)."""
    starts = [s for s, _ in old]
    for s, e in new:
        i = bisect_right(starts, s) - 1
        if i < 0 or e > old[i][1]:
            return False
    return True


def _ancestors(node: "Node | None") -> Iterator["Node"]:
    while node is not None:
        yield node
        node = node.parent


def _in_code(root: "Node", start: int, end: int) -> bool:
    """Whether bytes ``start:end`` are code in ``root``'s tree (not a string, comment, regex or JSX text)."""
    leaf = root.descendant_for_byte_range(start, end)
    for a in _ancestors(leaf):
        if a.type == "template_substitution":
            return True
        if a.is_named and a.type in _NOT_CODE:  # (an anonymous `string` is the predefined type)
            return False
    return True


def _near_error(root: "Node", start: int, end: int, regions: Sequence[tuple[int, int]], ends: Sequence[int],
                depth: int = 3) -> bool:
    """Whether the token at ``start:end`` is touched by an error: it is in an error region or just before
    one (the grammar fails on the next token), or one of its ``depth`` nearest ancestors contains one
    (a token of a well-formed construct far from any error is not a candidate)."""
    i = bisect_left(ends, start)  # the first region ending at or after the token (``ends``: the regions' ends)
    if i < len(regions) and regions[i][0] - FOLLOWING_ERROR <= end:
        return True
    node = root.descendant_for_byte_range(start, end)
    for _ in range(depth + 1):
        if node is None:
            return False
        if node.is_error or node.has_error or node.is_missing:
            return True
        node = node.parent
    return False


# --------------------------------------------------------------------------- the gaps


@dataclass(frozen=True, slots=True)
class Gap:
    """One construct the grammar rejects: where it may stand, and where a repair of it must land."""

    name: str
    #: (text, old tree, windows, dialect) -> sites
    find: Callable[[bytes, "Tree", "Windows", str], list[Site]]
    #: (new tree, site) -> the repaired place reads as the construct says
    holds: Callable[["Tree", Site], bool]
    dialects: frozenset[str] = frozenset({"ts", "tsx", "js"})

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Gap({self.name})"


class Windows:
    """Byte ranges around the errors where gaps are looked for (merged, sorted: a bisect per question)."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(ranges):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


def _in_windows(pos: int, windows: "Windows") -> bool:
    return pos in windows


def _blank(text: bytes, start: int, end: int) -> bytes:
    """``text[start:end]`` with every byte but line terminators as a space."""
    return bytes(b if b in (0x0A, 0x0D) else 0x20 for b in text[start:end])


# -- export type * from
_EXPORT_TYPE_STAR = re.compile(rb"\bexport\s+(type)\s+\*")


def _find_export_type_star(text: bytes, tree: "Tree", windows: "Windows", dialect: str) -> list[Site]:
    return [Site(EXPORT_TYPE_STAR, (Edit(m.start(1), b"    "),)) for m in _EXPORT_TYPE_STAR.finditer(text)
            if _in_windows(m.start(1), windows) and _in_code(tree.root_node, m.start(), m.start() + 6)]


def _holds_export_type_star(tree: "Tree", site: Site) -> bool:
    edit = site.edits[0]
    node = tree.root_node.descendant_for_byte_range(edit.start, edit.end)
    return any(a.type == "export_statement" and not a.has_error for a in _ancestors(node))


EXPORT_TYPE_STAR = Gap("`export type * from` (TypeScript 5.0)", _find_export_type_star, _holds_export_type_star,
                       frozenset({"ts", "tsx"}))

# -- variance annotations and const type parameters: <in T, out U, in out V, const W>
_VARIANCE = re.compile(rb"[<,]\s*((?:(?:in|out|const)\s+)+)(?=[A-Za-z_$])")


def _find_variance(text: bytes, tree: "Tree", windows: "Windows", dialect: str) -> list[Site]:
    out = []
    for m in _VARIANCE.finditer(text):
        s, e = m.start(1), m.end(1)
        if _in_windows(s, windows) and _in_code(tree.root_node, s, s + 1):
            out.append(Site(VARIANCE, (Edit(s, _blank(text, s, e)),)))
    return out


def _holds_variance(tree: "Tree", site: Site) -> bool:
    edit = site.edits[0]
    node = tree.root_node.descendant_for_byte_range(edit.start, edit.end)
    return any(a.type == "type_parameters" and not a.has_error for a in _ancestors(node))


VARIANCE = Gap("a variance annotation (`in T`/`out T`)", _find_variance, _holds_variance, frozenset({"ts", "tsx"}))

# -- generic tagged template: tag<T>`…`
_TAG_END = re.compile(rb">\s*`")


def _type_argument_start(text: bytes, close: int) -> int | None:
    """The ``<`` matching the ``>`` at ``close`` (type arguments: ``=>`` is not a bracket), or None."""
    depth = 0
    i = close
    floor = max(0, close - 2000)
    while i >= floor:
        c = text[i]
        if c == 0x3E and not (i > 0 and text[i - 1] == 0x3D):  # '>' but not '=>'
            depth += 1
        elif c == 0x3C:  # '<'
            depth -= 1
            if depth == 0:
                return i
        elif c == 0x60:  # '`': not inside type arguments
            return None
        i -= 1
    return None


def _find_generic_tag(text: bytes, tree: "Tree", windows: "Windows", dialect: str) -> list[Site]:
    out = []
    # every one in the file, not only those near an error: where the grammar fails on one, it may
    # have read another as two comparisons (`(sql < {…}) > `…``), without an error
    for m in _TAG_END.finditer(text):
        close = m.start()
        open_ = _type_argument_start(text, close)
        if open_ is None or open_ == 0:
            continue
        before = text[open_ - 1:open_]
        if not (before.isalnum() or before in (b"_", b"$", b")", b"]")):
            continue
        # not checked against the old tree: after the first failure, its backticks may pair wrongly
        out.append(Site(GENERIC_TAG, (Edit(open_, _blank(text, open_, close + 1)),)))
    return out


def _holds_generic_tag(tree: "Tree", site: Site) -> bool:
    edit = site.edits[0]
    node = tree.root_node.descendant_for_byte_range(edit.start, edit.end)
    for a in _ancestors(node):
        if a.is_named and a.type in ("string", "template_string", "comment"):
            return False  # text inside a string, not type arguments
        if a.type == "call_expression":
            fn, args = a.child_by_field_name("function"), a.child_by_field_name("arguments")
            return (fn is not None and args is not None and args.type == "template_string"
                    and fn.end_byte <= edit.start and args.start_byte >= edit.end)
    return False


GENERIC_TAG = Gap("a generic tagged template (f<T>`…`)", _find_generic_tag, _holds_generic_tag,
                  frozenset({"ts", "tsx"}))

# -- import types: import("m").T, typeof import("m")
_IMPORT_TYPE = re.compile(rb"\bimport(\s*\(\s*(['\"])[^'\"\n]*\2\s*\))")


def _find_import_type(text: bytes, tree: "Tree", windows: "Windows", dialect: str) -> list[Site]:
    out = []
    for m in _IMPORT_TYPE.finditer(text):
        s, e = m.start(1), m.end(1)
        if _in_windows(s, windows) and _in_code(tree.root_node, m.start(), m.start() + 6):
            out.append(Site(IMPORT_TYPE, (Edit(s, b"_" * (e - s)),)))
    return out


_TYPE_CONTEXTS = frozenset({"nested_type_identifier", "type_query", "generic_type", "type_annotation",
                            "type_arguments", "type_alias_declaration", "lookup_type", "array_type",
                            "union_type", "intersection_type"})


def _holds_import_type(tree: "Tree", site: Site) -> bool:
    """The masked ``import(…)`` is an identifier read as a type (never a runtime ``import()`` call)."""
    edit = site.edits[0]
    node = tree.root_node.descendant_for_byte_range(edit.start - 6, edit.end)
    if node is None or node.type not in ("identifier", "type_identifier"):
        return False
    parent = node.parent
    while parent is not None and parent.type in ("member_expression", "nested_identifier"):
        parent = parent.parent
    return parent is not None and parent.type in _TYPE_CONTEXTS


IMPORT_TYPE = Gap("an import type (`import(\"…\").T`, `typeof import(\"…\")`)", _find_import_type,
                  _holds_import_type, frozenset({"ts", "tsx"}))

# -- a bare & in JSX text or in a JSX attribute string
_BARE_AMP = re.compile(rb"&(?!(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);)")
_JSX = frozenset({"jsx_element", "jsx_opening_element", "jsx_self_closing_element", "jsx_fragment",
                  "jsx_attribute", "jsx_text"})
_OPERATORS = frozenset({"&", "&&", "&=", "&&="})


def _find_jsx_amp(text: bytes, tree: "Tree", windows: "Windows", dialect: str) -> list[Site]:
    out = []
    root = tree.root_node
    for m in _BARE_AMP.finditer(text):
        s = m.start()
        if not _in_windows(s, windows):
            continue
        leaf = root.descendant_for_byte_range(s, s + 1)
        if leaf is None or leaf.type == "comment":
            continue
        if leaf.type in _OPERATORS and leaf.parent is not None and not leaf.parent.is_error:
            continue  # an operator the grammar read as one
        out.append(Site(JSX_AMP, (Edit(s, b" "),)))
    return out


def _holds_jsx_amp(tree: "Tree", site: Site) -> bool:
    edit = site.edits[0]
    node = tree.root_node.descendant_for_byte_range(edit.start, edit.end)
    if node is None:
        return False
    if node.type in _JSX:
        return True
    if node.is_named and node.type in ("string", "string_fragment"):
        return any(a.type == "jsx_attribute" for a in _ancestors(node))
    return False


JSX_AMP = Gap("a bare `&` in JSX", _find_jsx_amp, _holds_jsx_amp, frozenset({"tsx", "js"}))

# -- escapes in a template literal type: `\\x${string}`
_ESCAPE = re.compile(rb"\\[^\r\n]")


def _find_type_escape(text: bytes, tree: "Tree", windows: "Windows", dialect: str) -> list[Site]:
    out = []
    root = tree.root_node
    for m in _ESCAPE.finditer(text):
        s = m.start()
        if not _in_windows(s, windows):
            continue
        leaf = root.descendant_for_byte_range(s, s + 1)
        if leaf is None or any(a.is_named and (a.type in ("comment", "regex") or (
                a.type in ("string", "template_string") and not a.has_error)) for a in _ancestors(leaf)):
            continue  # a comment, a regular expression, or a string the grammar read
        out.append(Site(TYPE_ESCAPE, (Edit(s, _blank(text, s, m.end())),)))
    return out


def _holds_type_escape(tree: "Tree", site: Site) -> bool:
    edit = site.edits[0]
    node = tree.root_node.descendant_for_byte_range(edit.start, edit.end)
    return any(a.type == "template_literal_type" for a in _ancestors(node))


TYPE_ESCAPE = Gap("an escape in a template literal type", _find_type_escape, _holds_type_escape,
                  frozenset({"ts", "tsx"}))

# -- a line starting with `in_x` / `instanceof$y`: the scanner inserts no semicolon before it
_IN_NAME = re.compile(rb"\n[ \t]*([ \t])(?:in|instanceof)(?![A-Za-z])[\w$\x80-\xff]")


def _find_asi_in(text: bytes, tree: "Tree", windows: "Windows", dialect: str) -> list[Site]:
    return [Site(ASI_IN, (Edit(m.start(1), b";"),)) for m in _IN_NAME.finditer(text)
            if _in_windows(m.start(1), windows) and _in_code(tree.root_node, m.end() - 1, m.end())]


def _holds_asi_in(tree: "Tree", site: Site) -> bool:
    edit = site.edits[0]
    node = tree.root_node.descendant_for_byte_range(edit.start, edit.end)
    nxt = tree.root_node.descendant_for_byte_range(edit.end, edit.end + 1)
    return (node is not None and not any(a.is_error for a in _ancestors(node))
            and nxt is not None and nxt.type in _IDENTIFIERS)


ASI_IN = Gap("a line starting with a name that begins with `in`", _find_asi_in, _holds_asi_in)

# -- contextual keywords used as names
#: Words the grammar reads as keywords where TypeScript (or JavaScript) reads a name.
KEYWORD_NAMES: tuple[bytes, ...] = (b"using", b"as", b"abstract", b"declare", b"readonly", b"unique",
                                    b"string", b"number", b"boolean", b"any", b"unknown", b"object",
                                    b"symbol", b"bigint", b"never")
#: Predefined types: renamed only as the name of a function type's parameter.
_TYPE_WORDS = frozenset({b"string", b"number", b"boolean", b"any", b"unknown", b"object", b"symbol", b"bigint",
                         b"never"})
#: A keyword not preceded by a name character or by the ``.`` of a member access (``...using`` counts).
_KEYWORD = re.compile(rb"(?<![\w$])(?:(?<=\.\.\.)|(?<!\.))(" + b"|".join(KEYWORD_NAMES) + rb")(?![\w$])")


def _find_keyword_name(text: bytes, tree: "Tree", windows: "Windows", dialect: str) -> list[Site]:
    out = []
    root = tree.root_node
    regions = error_spots(root)
    ends = [e for _, e in regions]
    for m in _KEYWORD.finditer(text):
        s, e = m.span(1)
        if not _in_windows(s, windows) or not _in_code(root, s, e) or not _near_error(root, s, e, regions, ends):
            continue
        out.append(Site(KEYWORD_NAME, (Edit(s, m.group(1)),), m.group(1)))  # spelling chosen later
    return out


def _holds_keyword_name(tree: "Tree", site: Site) -> bool:
    """The renamed keyword is read as a name: a variable, a property or a parameter — never a type
    (a predefined type such as ``string`` only as the name of a parameter, ``(string) => T``)."""
    edit = site.edits[0]
    node = tree.root_node.descendant_for_byte_range(edit.start, edit.end)
    if (node is None or node.type not in _NAMES or node.start_byte != edit.start or node.end_byte != edit.end
            or any(a.is_error for a in _ancestors(node))):
        return False
    if site.word in _TYPE_WORDS:
        return node.parent is not None and node.parent.type in ("required_parameter", "optional_parameter")
    return True


KEYWORD_NAME = Gap("a keyword used as a name", _find_keyword_name, _holds_keyword_name)

#: The gaps, in the order they are tried (the most specific first).
GAPS: tuple[Gap, ...] = (EXPORT_TYPE_STAR, VARIANCE, GENERIC_TAG, IMPORT_TYPE, TYPE_ESCAPE, JSX_AMP, ASI_IN,
                         KEYWORD_NAME)


def new_spelling(word: bytes, text: bytes) -> bytes | None:
    """A same-length identifier for ``word`` that occurs nowhere in ``text`` as a name (``usin$``)."""
    for filler in (b"$", b"_"):
        for i in range(len(word) - 1, -1, -1):
            cand = word[:i] + filler + word[i + 1:]
            if cand == filler * len(word):
                continue
            if re.search(rb"(?<![\w$])" + re.escape(cand) + rb"(?![\w$])", text) is None:
                return cand
    return None


# --------------------------------------------------------------------------- the repair loop


class _State:
    def __init__(self, parser: "Parser", text: bytes, tree: "Tree") -> None:
        self.parser = parser
        self.text = text
        self.tree = tree
        self.regions = error_regions(tree.root_node)
        self.attempts = 0

    def windows(self) -> Windows:
        out = []
        for s, e in error_spots(self.tree.root_node):
            start = s
            for _ in range(LINES_BEFORE + 1):
                start = self.text.rfind(b"\n", 0, max(0, start - 1)) + 1 if start > 0 else 0
            end = e
            for _ in range(LINES_AFTER + 1):
                nl = self.text.find(b"\n", end + 1 if end < len(self.text) else end)
                end = len(self.text) if nl < 0 else nl
            out.append((start, end + 1))
        return Windows(out)

    def attempt(self, sites: Sequence[Site], rename: dict[bytes, bytes]) -> bool:
        """Apply ``sites``' edits, reparse, and keep the result when it is a repair (see the module doc)."""
        if self.attempts >= MAX_ATTEMPTS or not sites:
            return False
        self.attempts += 1
        edits = sorted((_spelt(e, s, rename) for s in sites for e in s.edits), key=lambda e: e.start)
        buf = bytearray(self.text)
        tree = self.tree.copy()
        for e in edits:
            buf[e.start:e.end] = e.new
            point = _point(self.text, e.start)
            end_point = (point[0], point[1] + len(e.new))
            tree.edit(e.start, e.end, e.end, point, end_point, end_point)
        text = bytes(buf)
        new_tree = self.parser.parse(text, tree)
        regions = error_regions(new_tree.root_node)
        if _weight(regions) >= _weight(self.regions) or not _within(regions, self.regions):
            return False
        if not all(s.gap.holds(new_tree, s) for s in sites):
            return False
        self.text, self.tree, self.regions = text, new_tree, regions
        return True


def _spelt(edit: Edit, site: Site, rename: dict[bytes, bytes]) -> Edit:
    if site.word:
        return Edit(edit.start, rename[site.word])
    return edit


def _point(text: bytes, byte: int) -> tuple[int, int]:
    row = text.count(b"\n", 0, byte)
    return row, byte - (text.rfind(b"\n", 0, byte) + 1)


def repair(parser: "Parser", text: bytes, tree: "Tree", dialect: str) -> Repaired:
    """Repair the known grammar gaps of ``text`` (parsed as ``tree`` by ``parser``); see the module doc."""
    state = _State(parser, text, tree)
    result = Repaired(text, tree)
    if len(error_spots(tree.root_node)) > MAX_SPOTS:
        return result
    rename: dict[bytes, bytes] = {}
    renamed_sites: list[Site] = []
    progress = True
    while progress:  # again after a pass that repaired something: one gap can hide another
        progress = False
        for gap in GAPS:
            if not state.regions or state.attempts >= MAX_ATTEMPTS:
                break
            if dialect not in gap.dialects:
                continue
            sites = gap.find(state.text, state.tree, state.windows(), dialect)
            if gap is KEYWORD_NAME:
                sites = _spell(sites, state.text, rename)
            if not sites:
                continue
            fixed = []
            for group in _groups(sites):
                fixed.extend(group if state.attempt(group, rename) else _one_by_one(state, group, rename))
            if fixed:
                progress = True
                result.repairs[gap.name] = result.repairs.get(gap.name, 0) + len(fixed)
                if gap is KEYWORD_NAME:
                    renamed_sites.extend(fixed)
    if renamed_sites:
        _rename_everywhere(state, renamed_sites, rename)
        for site in renamed_sites:
            result.renamed[rename[site.word].decode()] = site.word.decode()
    result.text, result.tree, result.attempts = state.text, state.tree, state.attempts
    return result


def _groups(sites: Sequence[Site]) -> list[list[Site]]:
    """Sites tried together: all of a gap's, or of a renamed keyword all those of one word."""
    groups: dict[bytes, list[Site]] = {}
    for site in sites:
        groups.setdefault(site.word, []).append(site)
    return list(groups.values())


def _spell(sites: Iterable[Site], text: bytes, rename: dict[bytes, bytes]) -> list[Site]:
    out = []
    for site in sites:
        if site.word not in rename:
            spelling = new_spelling(site.word, text)
            if spelling is None:
                continue
            rename[site.word] = spelling
        out.append(site)
    return out


def _one_by_one(state: _State, sites: Sequence[Site], rename: dict[bytes, bytes]) -> list[Site]:
    """The sites that repair something on their own, tried in order (a batch failed)."""
    fixed = []
    spots = error_spots(state.tree.root_node)
    starts = [s for s, _ in spots]
    for site in sorted(sites, key=lambda site: _distance(site.edits[0].start, spots, starts)):
        if not state.regions or state.attempts >= MAX_ATTEMPTS:
            break
        if state.attempt([site], rename):
            fixed.append(site)
    return fixed


def _distance(pos: int, spots: Sequence[tuple[int, int]], starts: Sequence[int]) -> int:
    """Bytes from ``pos`` to the nearest of ``spots`` (in document order; ``starts``: their starts)."""
    i = bisect_right(starts, pos)
    near = spots[max(0, i - 1):i + 1]
    return min((0 if s <= pos <= e else min(abs(pos - s), abs(pos - e)) for s, e in near), default=0)


def _rename_everywhere(state: _State, sites: Sequence[Site], rename: dict[bytes, bytes]) -> None:
    """Rename every other variable spelt like a renamed keyword, so that a binding and its uses stay one name.

    Only words renamed as variables count (a renamed property name or tuple label binds nothing), and
    only names the tree reads as variables are renamed (never a property name, a string or a comment).
    """
    words = set()
    root = state.tree.root_node
    for site in sites:
        edit = site.edits[0]
        node = root.descendant_for_byte_range(edit.start, edit.end)
        if node is not None and node.type in _VARIABLES:
            words.add(site.word)
    if not words:
        return
    edits: list[Edit] = []
    stack = [root]
    while stack:
        n = stack.pop()
        if n.type in _VARIABLES:
            t = state.text[n.start_byte:n.end_byte]
            if t in words:
                edits.append(Edit(n.start_byte, rename[t]))
            continue
        stack.extend(n.children)
    if not edits:
        return
    buf = bytearray(state.text)
    tree = state.tree.copy()
    for e in edits:
        buf[e.start:e.end] = e.new
        point = _point(state.text, e.start)
        end_point = (point[0], point[1] + len(e.new))
        tree.edit(e.start, e.end, e.end, point, end_point, end_point)
    text = bytes(buf)
    new_tree = state.parser.parse(text, tree)
    regions = error_regions(new_tree.root_node)
    if _weight(regions) <= _weight(state.regions) and _within(regions, state.regions):
        state.text, state.tree, state.regions = text, new_tree, regions
