"""Module specifier resolution among the project's files, the way Node and TypeScript do it.

Owns one question: which known project file does ``./db`` (or ``../lib/db.js``)
name when written in a given file? Relative and absolute specifiers are tried
exactly, then with each JS/TS extension, then as a directory's ``index.*``;
TypeScript's convention of importing ``./db.js`` when the source is ``./db.ts``
is honoured. A bare specifier names a project file when the nearest tsconfig's
``paths`` or ``baseUrl`` maps it to one (:mod:`.tsconfig`); other bare
specifiers (packages) resolve to ``None``.
"""

from __future__ import annotations

import os
from typing import Any

from . import tsconfig

EXTENSIONS = (".js", ".ts", ".tsx", ".mjs", ".cjs", ".jsx", ".mts", ".cts")
#: ``import './db.js'`` written in TypeScript sources refers to ``db.ts``.
TS_FOR_JS = {".js": (".ts", ".tsx"), ".jsx": (".tsx",), ".mjs": (".mts",), ".cjs": (".cts",)}


def candidates(base: str) -> list[str]:
    out = [base]
    stem, ext = os.path.splitext(base)
    if ext in TS_FOR_JS:
        out.extend(stem + e for e in TS_FOR_JS[ext])
    out.extend(base + e for e in EXTENSIONS)
    index = os.path.join(base, "index")
    out.extend(index + e for e in EXTENSIONS)
    return out


#: the key prefix of this resolver's answers in :attr:`KnownPaths.memo` (shared with other resolvers)
_MEMO_KEY = "javascript:"


def resolve(from_path: str, module: str, known_paths: Any) -> str | None:
    """The path in ``known_paths`` that ``module`` (as written in ``from_path``) refers to.

    The answer depends on the directory of ``from_path`` only, except that a file never resolves to
    itself: the first candidate per (directory, specifier) is remembered in ``known_paths.memo``
    (a :class:`~pglint.languages.base.KnownPaths`; the engine asks the same question for every
    import of every module several times), and the search is redone when that is the importer."""
    if not module.startswith(("./", "../", "/")) and module not in (".", ".."):
        return _resolve_alias(from_path, module, known_paths)
    directory = os.path.dirname(from_path)
    memo: dict[tuple[str, str], str | None] | None = getattr(known_paths, "memo", None)
    key = (_MEMO_KEY + directory, module)
    if memo is not None and key in memo:
        found = memo[key]
        if found != from_path:
            return found
        return _search(directory, module, known_paths, from_path)
    found = _search(directory, module, known_paths, None)
    if memo is not None:
        memo[key] = found
    if found == from_path:
        return _search(directory, module, known_paths, from_path)
    return found


def _search(directory: str, module: str, known_paths: Any, exclude: str | None) -> str | None:
    """The first candidate of ``module`` (written in ``directory``) in ``known_paths`` other than ``exclude``."""
    if module.startswith("/"):
        base = os.path.normpath(module)
    else:
        base = os.path.normpath(os.path.join(directory, module))
    for cand in candidates(base):
        if cand in known_paths and cand != exclude:
            return cand
    return None


def _resolve_alias(from_path: str, module: str, known_paths: Any) -> str | None:
    """A bare specifier through the tsconfig path aliases of ``from_path``'s directory."""
    aliases = tsconfig.aliases_for(from_path)
    if aliases is None:
        return None
    absolute = os.path.isabs(from_path)
    for base in aliases.bases(module):
        if not absolute:
            base = os.path.relpath(base)
        for cand in candidates(base):
            if cand in known_paths and cand != from_path:
                return cand
    return None


def alias_names_file(from_path: str, module: str) -> bool:
    """``module`` is a bare specifier that the tsconfig path aliases of ``from_path`` map to a
    file on disk (asked before the project's file list is known)."""
    aliases = tsconfig.aliases_for(from_path)
    if aliases is None:
        return False
    key = (aliases.config, module)
    found = tsconfig.on_disk.get(key)
    if found is None:
        found = tsconfig.on_disk[key] = any(os.path.isfile(c) for base in aliases.bases(module) for c in candidates(base))
    return found
