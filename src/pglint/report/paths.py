"""How reports show file names (and other text that comes from outside pglint).

A file name is data: on Linux it may hold any byte but ``/`` and NUL — a
newline, an ESC that would recolour the terminal, bytes that are not UTF-8
(Python reads those as lone surrogates, ``\\udcff`` for the byte 0xFF, as
:func:`os.fsdecode` does). Every format shows such a name without loss and
without letting it act on the reader:

* **Human formats** (text, concise, github, junit) use :func:`printable_path`:
  a name with nothing unusual is shown as it is; otherwise it is shown in
  double quotes with C-style escapes, as ``git`` quotes paths —
  ``"nl\\nesc\\x1b[31m.py"``, ``"bad\\xff.py"`` (an undecodable byte is ``\\xNN``),
  and ``\\\\`` and ``\\"`` inside the quotes — so a quoted name never reads the
  same as an unquoted one. Messages get :func:`escape_controls` (escapes, no quotes).
* **JSON** (``--format json``, baselines) stays UTF-8: :func:`json_text` writes a
  name that is not valid UTF-8 with each undecodable byte 0xNN as the escape
  ``\\udcNN`` (a lone surrogate: Python's ``surrogateescape``), so
  ``os.fsencode(json.loads(text)[0]["path"])`` gives the name's bytes back.
* **SARIF** URIs percent-encode the name's bytes (:func:`uri_path`), which any
  URI consumer decodes back to the same bytes.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any
from urllib.parse import quote

# C0 and C1 controls, DEL, lone surrogates (undecodable bytes), line/paragraph separators, BOM and the
# bidirectional-text controls (which reorder what a terminal or a web page shows)
_OTHER_UNUSUAL = "\x7f-\x9f\ud800-\udfff\u2028\u2029\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069"
_NEEDS_QUOTES = re.compile(f'[\x00-\x1f{_OTHER_UNUSUAL}"]')  # a path is quoted when it holds one
_QUOTED = re.compile(f'[\x00-\x1f{_OTHER_UNUSUAL}"\\\\]')  # escaped inside the quotes
_UNUSUAL_IN_TEXT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_OTHER_UNUSUAL}]")  # all but \t \n \r
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\\": "\\\\", '"': '\\"'}
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(ch: str) -> str:
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as os.fsdecode spells it
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """Message text with control characters and undecodable bytes spelt as escapes (``\\x1b``,
    ``\\xff``, ``\\u2028``); tabs and line breaks (each format has its own way with them),
    backslashes and everything else unchanged."""
    if _UNUSUAL_IN_TEXT.search(text) is None:
        return text
    return _UNUSUAL_IN_TEXT.sub(lambda m: _escape(m.group()), text)


def one_line(text: str) -> str:
    """``text`` as one line of a terminal: :func:`escape_controls`, and line breaks and tabs spelt
    ``\\n``, ``\\r``, ``\\t`` too (warnings and errors that quote a file name stay one line)."""
    return escape_controls(text).replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def printable_path(path: str) -> str:
    """``path`` as human formats show it: unchanged when it holds no control character, undecodable
    byte or double quote; otherwise double-quoted with C-style escapes (git's quoting)."""
    if _NEEDS_QUOTES.search(path) is None:
        return path
    return '"' + _QUOTED.sub(lambda m: _escape(m.group()), path) + '"'


def shown_path(path: str, cwd: str, posix: bool = True) -> str:
    """``path`` relative to ``cwd`` when it lies inside it (``/``-separated when ``posix``), else absolute;
    as a file system string (see :func:`printable_path` to print it)."""
    ap = os.path.abspath(os.path.join(cwd, path))
    try:
        rel = os.path.relpath(ap, cwd)
    except ValueError:  # another drive (Windows)
        return ap
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return ap
    return rel.replace(os.sep, "/") if posix else rel


def path_bytes(path: str) -> bytes:
    """The bytes of file name ``path`` (:func:`os.fsencode`; never fails, whatever the string holds)."""
    try:
        return os.fsencode(path)
    except UnicodeEncodeError:  # a surrogate no file system decoding produces
        return path.encode("utf-8", "surrogatepass")


def uri_path(path: str) -> str:
    """``path`` (``/``-separated) percent-encoded from its bytes: a valid URI path, and lossless."""
    return quote(path_bytes(path), safe="/")


def json_text(value: Any, indent: int | None = 2) -> str:
    """``value`` as UTF-8-safe JSON: non-ASCII text as it is, lone surrogates (undecodable bytes of
    file names) as ``\\udcNN`` escapes."""
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


__all__ = ["escape_controls", "json_text", "path_bytes", "printable_path", "shown_path", "uri_path"]
