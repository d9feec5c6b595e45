"""Language frontends. Only this package imports a parser.

``adapters()`` returns one adapter per language, created on first use (no parser
is loaded at import time); ``language_for(path)`` maps a file extension to one,
and reads an extension-less file's ``#!`` line (``script_language``): a script
run by ``python``/``node`` is checked in that language, as ruff does.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from .base import LanguageAdapter

PYTHON_EXTENSIONS = (".py", ".pyi")
JS_EXTENSIONS = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")


def language_for(path: str) -> str | None:
    """The language of ``path``: by its extension; a file without one (``bin/migrate``) is a
    script, read in the language its ``#!`` line names, else Python (it was named explicitly:
    a directory walk only takes extension-less files with such a line, see :func:`script_language`)."""
    ext = extension_language(path)
    if ext is not None or not is_extensionless(path):
        return ext
    return script_language(path) or "python"


def extension_language(path: str) -> str | None:
    """The language of ``path``'s extension, if it is one pglint reads."""
    ext = os.path.splitext(path)[1].lower()
    if ext in PYTHON_EXTENSIONS:
        return "python"
    if ext in JS_EXTENSIONS:
        return "javascript"
    return None


def is_extensionless(path: str) -> bool:
    """``bin/migrate``, ``manage``: no extension (a dotfile such as ``.envrc`` counts as one)."""
    return os.path.splitext(os.path.basename(path))[1] == ""


#: How much of a file is read to find its ``#!`` line.
SHEBANG_BYTES = 256
#: ``#!/usr/bin/env python3``, ``#!/usr/bin/node``, ``#!/usr/bin/env -S node --flag``: the interpreter's name.
_SHEBANG = re.compile(rb"#![ \t]*(\S+)(?:[ \t]+(.*))?")
_INTERPRETERS = {"python": "python", "pypy": "python", "node": "javascript", "nodejs": "javascript"}


def shebang_language(first: bytes) -> str | None:
    """The language of a script whose first bytes are ``first``: Python or JavaScript, from its ``#!`` line."""
    m = _SHEBANG.match(first.split(b"\n", 1)[0])
    if m is None:
        return None
    program = os.path.basename(m.group(1).decode("utf-8", "replace"))
    if program == "env":  # `env [-S] [-i] [NAME=value …] program args`
        program = ""
        for word in (m.group(2) or b"").decode("utf-8", "replace").split():
            if not word.startswith("-") and "=" not in word:
                program = os.path.basename(word)
                break
    name = re.sub(r"[\d.]+$", "", program)  # python3, python3.12, pypy3
    return _INTERPRETERS.get(name)


def script_language(path: str) -> str | None:
    """The language the ``#!`` line of the file at ``path`` names (only its first bytes are read)."""
    try:
        with open(path, "rb") as f:
            first = f.read(SHEBANG_BYTES)
    except OSError:
        return None
    return shebang_language(first)


@lru_cache(maxsize=1)
def adapters() -> dict[str, LanguageAdapter]:
    from .javascript.adapter import JavaScriptAdapter
    from .python.adapter import PythonAdapter

    return {"python": PythonAdapter(), "javascript": JavaScriptAdapter()}
