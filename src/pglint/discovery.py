"""Which files a run looks at: walk the given paths, keep source files of known languages.

Walking a directory honours every ``.gitignore`` on the way (the repository
root's, nested ones, and those between the repository root and the directory
named on the command line), plus ``.git/info/exclude``, with Git's own
semantics (``pathspec``'s gitignore patterns; later and deeper patterns win,
``!`` re-includes). Directories that never hold project code are skipped:
``node_modules``, VCS folders, caches, build output, and any virtualenv (a
directory holding ``pyvenv.cfg``) or conda environment. Paths named explicitly
are always taken: a file given on the command line is checked even when it is
ignored, and a directory given is walked even when its name is on the skip list.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Sequence

import pathspec

from .languages import language_for

#: Directory names never walked into (unless named explicitly).
SKIP_DIRS = frozenset({
    # version control
    ".git", ".hg", ".svn", ".bzr", ".jj", "_darcs",
    # dependencies and environments
    "node_modules", "bower_components", "site-packages", "__pypackages__", ".venv", "venv",
    ".direnv", ".pyenv", ".eggs", ".yarn", ".pnpm-store",
    # caches
    "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".pytype", ".pglint_cache",
    ".tox", ".nox", ".cache", ".turbo", ".parcel-cache", ".ipynb_checkpoints",
    # build output
    "build", "dist", "out", "_build", "buck-out", ".next", ".nuxt", ".svelte-kit", ".output",
    ".vercel", ".serverless", "coverage", ".nyc_output",
    # editors
    ".idea", ".vscode",
})

#: A directory holding one of these files or folders is an environment, not project code.
ENVIRONMENT_MARKERS = ("pyvenv.cfg", "conda-meta")


class DiscoveryError(Exception):
    """A path given by the user cannot be used (it does not exist)."""


#: VCS folders are never walked, whatever ``exclude`` says.
ALWAYS_SKIPPED = frozenset({".git", ".hg", ".svn", ".bzr", ".jj", "_darcs"})


@dataclass(frozen=True, slots=True)
class ExcludePatterns:
    """The configuration's ``exclude`` + ``extend-exclude``: gitignore-style patterns relative to
    ``root`` (the configuration file's directory). Plain data, so it can travel to worker processes."""

    root: str
    patterns: tuple[str, ...]
    builtin: bool = True  # also skip SKIP_DIRS (``exclude`` not set: only ``extend-exclude`` given)

    def relative(self, path: str) -> str | None:
        """``path`` relative to :attr:`root` with ``/``; ``None`` for the root itself and outside it."""
        ap = os.path.abspath(path)
        try:
            rel = os.path.relpath(ap, self.root)
        except ValueError:  # another drive
            return None
        if rel == os.curdir or rel == os.pardir or rel.startswith(os.pardir + os.sep):
            return None
        return rel.replace(os.sep, "/")

    def __call__(self, path: str, is_dir: bool = False) -> bool:
        rel = self.relative(path) if self.patterns else None
        if rel is None:
            return False
        return bool(_exclude_spec(self.patterns).match_file(rel + ("/" if is_dir else "")))


_EXCLUDE_SPECS: dict[tuple[str, ...], pathspec.GitIgnoreSpec] = {}


def _exclude_spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    spec = _EXCLUDE_SPECS.get(patterns)
    if spec is None:
        spec = _EXCLUDE_SPECS[patterns] = pathspec.GitIgnoreSpec.from_lines(list(patterns))
    return spec


Exclude = ExcludePatterns


@dataclass(frozen=True, slots=True)
class _IgnoreFile:
    base: str  # the directory the patterns are relative to
    spec: pathspec.GitIgnoreSpec


def _load_ignore(base: str, path: str) -> _IgnoreFile | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    if not spec.patterns:
        return None
    return _IgnoreFile(base, spec)


def is_ignored(path: str, is_dir: bool, ignores: Sequence[_IgnoreFile]) -> bool:
    """Does the last matching pattern of ``ignores`` (outermost first) exclude ``path``?"""
    decision: bool | None = None
    for ign in ignores:
        rel = os.path.relpath(path, ign.base)
        if rel == "." or rel.startswith(".." + os.sep) or rel == "..":
            continue
        rel = rel.replace(os.sep, "/") + ("/" if is_dir else "")
        for pattern in ign.spec.patterns:
            if pattern.include is not None and pattern.match_file(rel) is not None:
                decision = pattern.include
    return decision is True


def is_environment(path: str) -> bool:
    """A virtualenv, venv or conda environment."""
    return any(os.path.exists(os.path.join(path, m)) for m in ENVIRONMENT_MARKERS)


def _skip_dir(name: str, path: str) -> bool:
    return name in SKIP_DIRS or name.endswith(".egg-info") or is_environment(path)


def _repository_root(start: str) -> str | None:
    d = start
    while True:
        if os.path.exists(os.path.join(d, ".git")):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def _inherited_ignores(directory: str) -> list[_IgnoreFile]:
    """Ignore files that apply to ``directory`` from above it (repository root down to its parent)."""
    root = _repository_root(directory)
    if root is None:
        return []
    out: list[_IgnoreFile] = []
    exclude = _load_ignore(root, os.path.join(root, ".git", "info", "exclude"))
    if exclude is not None:
        out.append(exclude)
    chain: list[str] = []
    d = directory
    while d != root:
        d = os.path.dirname(d)
        chain.append(d)
    for base in reversed(chain):
        ign = _load_ignore(base, os.path.join(base, ".gitignore"))
        if ign is not None:
            out.append(ign)
    return out


def _walk(top: str, respect_gitignore: bool, found: set[str], exclude: Exclude | None = None) -> None:
    inherited = _inherited_ignores(top) if respect_gitignore else []
    stack: list[tuple[str, tuple[_IgnoreFile, ...]]] = [(top, tuple(inherited))]
    while stack:
        directory, ignores = stack.pop()
        if respect_gitignore:
            own = _load_ignore(directory, os.path.join(directory, ".gitignore"))
            if own is not None:
                ignores = ignores + (own,)
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue  # unreadable directory: nothing to check there
        subdirs: list[str] = []
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if exclude is None or exclude.builtin:
                        skip = _skip_dir(entry.name, entry.path)
                    else:  # the configuration's `exclude` replaces SKIP_DIRS
                        skip = entry.name in ALWAYS_SKIPPED or is_environment(entry.path)
                    skip = skip or (exclude is not None and exclude(entry.path, True))
                    if skip or is_ignored(entry.path, True, ignores):
                        continue
                    subdirs.append(entry.path)
                elif language_for(entry.name) is not None and entry.is_file():
                    if not is_ignored(entry.path, False, ignores) and not (
                            exclude is not None and exclude(entry.path, False)):
                        found.add(os.path.normpath(entry.path))
            except OSError:
                continue
        stack.extend((d, ignores) for d in reversed(subdirs))


def _excluded_explicitly(path: str, is_dir: bool, exclude: Exclude) -> bool:
    """A path named on the command line, under ``force-exclude``: it or a parent directory is excluded."""
    if exclude(path, is_dir):
        return True
    d = os.path.dirname(path)
    while d and os.path.dirname(d) != d:
        if exclude(d, True):
            return True
        d = os.path.dirname(d)
    return False


def discover(paths: Sequence[str], *, respect_gitignore: bool = True, exclude: Exclude | None = None,
             force_exclude: bool = False) -> list[str]:
    """Absolute, normalised, sorted paths of the source files under ``paths``.

    ``exclude`` (the configuration's ``exclude``/``extend-exclude``) replaces the
    built-in list of skipped directories while walking; paths named explicitly are
    still taken unless ``force_exclude`` (ruff's ``force-exclude``, for pre-commit,
    which names every staged file). Raises :class:`DiscoveryError` naming the
    first path that does not exist.
    """
    found: set[str] = set()
    for p in paths:
        ap = os.path.abspath(p)
        if not os.path.exists(ap):
            raise DiscoveryError(f"{p}: no such file or directory")
        is_dir = os.path.isdir(ap)
        if force_exclude and exclude is not None and _excluded_explicitly(ap, is_dir, exclude):
            continue
        if is_dir:
            _walk(ap, respect_gitignore, found, exclude)
        elif language_for(ap) is not None:
            found.add(ap)
    return sorted(found)
