"""TypeScript path aliases: ``compilerOptions.paths`` and ``baseUrl`` of the nearest tsconfig.

Owns one question: which file on disk does a bare specifier such as ``@/db`` or
``@app/users`` name when written in a given file, according to the
``tsconfig.json`` (or ``jsconfig.json``) of the directory holding that file or
the nearest one above it? The answer is a list of base paths for
:func:`pglint.languages.javascript.resolver.candidates` to try, in the order
TypeScript tries them: the ``paths`` pattern with the longest prefix before its
``*`` (an exact key first), each of its substitutions in order, then the
specifier under ``baseUrl``.

tsconfig files are JSONC (comments, trailing commas), read as such. ``extends``
(a relative path, or a list of them, TypeScript 5) is followed: a child's
``compilerOptions`` keys override its base's, and ``baseUrl`` / ``paths`` are
relative to the file that sets them (``paths`` without ``baseUrl`` to the file
that declares ``paths``). An ``extends`` naming a package is not followed. A
file that cannot be read as JSONC is recorded once in :func:`problems` (the
engine prints it as a one-line warning) and contributes no aliases.

Configurations are read once per run: :func:`forget` (called by the engine when a run
starts) drops what was read, and a file whose modification time did not change is not
parsed again.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field

CONFIG_NAMES = ("tsconfig.json", "jsconfig.json")


@dataclass(frozen=True, slots=True)
class PathAliases:
    """The effective ``baseUrl`` and ``paths`` of one tsconfig (absolute directories)."""

    config: str
    base_url: str | None = None
    #: ``(pattern, absolute targets)``; a pattern has at most one ``*``
    paths: tuple[tuple[str, tuple[str, ...]], ...] = ()
    _exact: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)

    def bases(self, spec: str) -> list[str]:
        """Absolute base paths ``spec`` may name, best first (no extension tried yet)."""
        out: list[str] = []
        targets = self._match(spec)
        if targets is not None:
            out.extend(os.path.normpath(t) for t in targets)
        if self.base_url is not None:
            out.append(os.path.normpath(os.path.join(self.base_url, spec)))
        return out

    def matches(self, spec: str) -> bool:
        """``spec`` is one of the aliases of ``paths`` (not only a name under ``baseUrl``)."""
        return self._match(spec) is not None

    def _match(self, spec: str) -> tuple[str, ...] | None:
        exact = self._exact.get(spec)
        if exact is not None:
            return exact
        best: tuple[int, tuple[str, ...]] | None = None
        for pattern, targets in self.paths:
            star = pattern.find("*")
            if star < 0:
                continue
            prefix, suffix = pattern[:star], pattern[star + 1:]
            if (len(spec) >= len(prefix) + len(suffix) and spec.startswith(prefix) and spec.endswith(suffix)
                    and (best is None or len(prefix) > best[0])):
                middle = spec[len(prefix):len(spec) - len(suffix)]
                best = (len(prefix), tuple(t.replace("*", middle, 1) for t in targets))
        return best[1] if best is not None else None


_problems: dict[str, str] = {}
#: config path -> (its bytes, (its own compilerOptions with directories made absolute, extends)
#: or ``None`` when it could not be read)
_files: dict[str, tuple[bytes, tuple[dict[str, object], list[str]] | None]] = {}
_by_directory: dict[str, PathAliases | None] = {}
#: (config, bare specifier) -> it names a file on disk (the resolver's, kept here to be forgotten)
on_disk: dict[tuple[str, str], bool] = {}


def forget() -> None:
    """Drop the directory lookups and effective configurations (a new run starts); files
    whose bytes have not changed are not parsed again."""
    _by_directory.clear()
    on_disk.clear()
    _problems.clear()
    for config in [c for c, (_m, read) in _files.items() if read is None]:
        del _files[config]  # re-read, so its problem is reported again


def problems() -> list[str]:
    """One line for each tsconfig that could not be read, since the process started."""
    return [_problems[k] for k in sorted(_problems)]


def aliases_for(path: str) -> PathAliases | None:
    """The path aliases that apply to the source file ``path`` (``None``: none)."""
    directory = os.path.dirname(os.path.abspath(path))
    return _aliases_in(directory)


def _aliases_in(directory: str) -> PathAliases | None:
    try:
        return _by_directory[directory]
    except KeyError:
        pass
    found: PathAliases | None = None
    for name in CONFIG_NAMES:
        cand = os.path.join(directory, name)
        if os.path.isfile(cand):
            found = _effective(cand)
            break
    else:
        parent = os.path.dirname(directory)
        if parent != directory and os.path.basename(directory) != "node_modules":
            found = _aliases_in(parent)
    _by_directory[directory] = found
    return found


def _effective(config: str) -> PathAliases | None:
    options = _merged_options(config, 0)
    base_url = options.get("baseUrl")
    paths = options.get("paths")
    if not isinstance(base_url, str):
        base_url = None
    entries: list[tuple[str, tuple[str, ...]]] = []
    exact: dict[str, tuple[str, ...]] = {}
    if isinstance(paths, tuple) and len(paths) == 2 and isinstance(paths[1], dict):
        paths_dir, table = paths
        root = base_url if base_url is not None else paths_dir
        for pattern, targets in table.items():
            if not isinstance(pattern, str) or pattern.count("*") > 1 or not isinstance(targets, list):
                continue
            absolute = tuple(os.path.join(root, t) for t in targets if isinstance(t, str) and t.count("*") <= 1)
            if "*" in pattern:
                entries.append((pattern, absolute))
            else:
                exact[pattern] = absolute
    if base_url is None and not entries and not exact:
        return None
    return PathAliases(config, base_url, tuple(entries), exact)


def _merged_options(config: str, depth: int) -> dict[str, object]:
    """``compilerOptions`` of ``config`` over those of what it extends (``paths`` as
    ``(directory it is relative to, table)``)."""
    read = _read(config)
    if read is None:
        return {}
    own, extends = read
    merged: dict[str, object] = {}
    if depth < 8:
        for ext in extends:
            base = _extended_file(config, ext)
            if base is not None:
                merged.update(_merged_options(base, depth + 1))
    merged.update(own)
    return merged


def _extended_file(config: str, ext: str) -> str | None:
    if not ext.startswith(("./", "../", "/")):
        return None  # a package's shared config (``@tsconfig/node18``): not followed
    path = os.path.normpath(os.path.join(os.path.dirname(config), ext))
    for cand in (path, path + ".json", os.path.join(path, "tsconfig.json")):
        if os.path.isfile(cand):
            return cand
    return None


def _read(config: str) -> tuple[dict[str, object], list[str]] | None:
    try:
        with open(config, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        _problems[config] = f"{config}: cannot be read ({exc.__class__.__name__}); its path aliases are not used"
        _files.pop(config, None)
        return None
    # keyed by the bytes, not the modification time: a rewrite within the clock's resolution
    # (an editor's save, a long-lived server) is read again
    cached = _files.get(config)
    if cached is not None and cached[0] == raw:
        return cached[1]
    try:
        data = parse_jsonc(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        _problems[config] = f"{config}: cannot be read ({exc.__class__.__name__}); its path aliases are not used"
        _files[config] = (raw, None)
        return None
    except ValueError as exc:
        _problems[config] = f"{config}: not valid JSON ({exc}); its path aliases are not used"
        _files[config] = (raw, None)
        return None
    _problems.pop(config, None)
    here = os.path.dirname(config)
    own: dict[str, object] = {}
    extends: list[str] = []
    if isinstance(data, dict):
        raw_ext = data.get("extends")
        if isinstance(raw_ext, str):
            extends = [raw_ext]
        elif isinstance(raw_ext, list):
            extends = [e for e in raw_ext if isinstance(e, str)]
        options = data.get("compilerOptions")
        if isinstance(options, dict):
            base_url = options.get("baseUrl")
            if isinstance(base_url, str):
                own["baseUrl"] = os.path.normpath(os.path.join(here, base_url))
            paths = options.get("paths")
            if isinstance(paths, dict):
                own["paths"] = (here, paths)
    _files[config] = (raw, (own, extends))
    return own, extends


_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"|//[^\n]*|/\*.*?\*/|[^"/,]+|.', re.DOTALL)


def parse_jsonc(text: str) -> object:
    """JSON with comments and trailing commas (the tsconfig dialect); ``ValueError`` names the
    line and column of the first problem."""
    kept: list[str] = []
    for m in _TOKENS.finditer(text):
        tok = m.group(0)
        if tok.startswith("//") or tok.startswith("/*"):
            kept.append(re.sub(r"[^\n]", " ", tok))  # keep line/column numbers of later errors
        elif tok == "," and _trailing(text, m.end()):
            kept.append(" ")
        else:
            kept.append(tok)
    try:
        return json.loads("".join(kept))
    except json.JSONDecodeError as exc:
        raise ValueError(f"line {exc.lineno} column {exc.colno}: {exc.msg}") from None


_AFTER_COMMA = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.DOTALL)


def _trailing(text: str, pos: int) -> bool:
    """The comma ending at ``pos`` is followed (after blanks and comments) by ``}`` or ``]``."""
    end = _AFTER_COMMA.match(text, pos)
    nxt = end.end() if end is not None else pos
    return nxt < len(text) and text[nxt] in "}]"
