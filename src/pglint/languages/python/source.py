"""Source positions and short source text for the Python frontend.

Python's ``ast`` reports columns as UTF-8 *byte* offsets; the IR wants 1-based
*character* columns. :class:`SourceMap` keeps the file's lines as bytes and
converts (cheaply: ASCII lines need no decoding), and gives the short text of a
node for labels (``conn.execute``) straight from the source bytes (a node spanning
several lines is labelled by its first line), never by unparsing subtrees.
"""

from __future__ import annotations

import ast
from bisect import bisect_left

from ...ir.cfg import Span
from ...sourcelines import split_lines

LABEL_LIMIT = 60


class SourceMap:
    """Line/column conversion and label text for one file."""

    def __init__(self, source: bytes) -> None:
        self.lines = split_lines(source, "python")  # \n, \r\n and \r, as ``ast`` counts lines
        # per line: the offsets of its UTF-8 continuation bytes ([] for ASCII), computed on first
        # need, so a column costs a binary search, not a decode of the line (long generated lines)
        self._wide: dict[int, list[int]] = {}

    def column(self, line: int, byte_col: int) -> int:
        if not 0 < line <= len(self.lines):
            return byte_col + 1
        cont = self._wide.get(line)
        if cont is None:
            raw = self.lines[line - 1]
            cont = [] if raw.isascii() else [i for i, b in enumerate(raw) if 0x80 <= b < 0xC0]
            self._wide[line] = cont
        if not cont:
            return byte_col + 1
        return byte_col - bisect_left(cont, byte_col) + 1

    def span(self, node: ast.AST) -> Span | None:
        line = getattr(node, "lineno", None)
        if line is None:
            return None
        col = getattr(node, "col_offset", 0) or 0
        end_line = getattr(node, "end_lineno", None) or line
        end_col = getattr(node, "end_col_offset", None)
        if end_col is None:
            end_col = col
        return Span(line, self.column(line, col), end_line, self.column(end_line, end_col))

    def text(self, node: ast.AST, limit: int = LABEL_LIMIT) -> str:
        """The node as written (one line), shortened to ``limit`` characters."""
        line = getattr(node, "lineno", None)
        end_line = getattr(node, "end_lineno", None)
        col = getattr(node, "col_offset", None)
        end_col = getattr(node, "end_col_offset", None)
        text: str
        if line is None or col is None or not 0 < line <= len(self.lines):
            return type(node).__name__
        raw = self.lines[line - 1]
        end = end_col if line == end_line and end_col is not None else len(raw)
        stop = min(end, col + 8 * limit)  # enough bytes for the label, however long the line
        text = " ".join(raw[col:stop].decode("utf-8", "replace").split())
        if stop < end and len(text) <= limit:  # mostly blanks: the whole of it after all
            text = " ".join(raw[col:end].decode("utf-8", "replace").split())
        if line != end_line or end_col is None:  # spans lines: its first line is enough for a label
            text += " …"
        if len(text) > limit:
            text = text[: limit - 1] + "…"
        return text
