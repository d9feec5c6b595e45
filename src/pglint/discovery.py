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
import re
import stat
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import pathspec

from .languages import extension_language, is_extensionless, language_for, script_language

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
    """A path given by the user cannot be used (it does not exist, or is a FIFO, a device, ...)."""


# --------------------------------------------------------------------------- reading files safely


class NotRegularFileError(OSError):
    """A path read as a file is a FIFO, a device, a socket or a directory: it is never opened for
    reading (a FIFO would block, ``/dev/zero`` never ends). ``kind`` says what it is (``a FIFO``)."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(None, f"not a regular file ({kind})", path)
        self.kind = kind


class FileTooLargeError(OSError):
    """A file holds more bytes than the caller's limit; ``size`` is how many it has (at least)."""

    def __init__(self, path: str, size: int, limit: int) -> None:
        super().__init__(None, f"too large ({size} bytes; the limit is {limit})", path)
        self.size = size
        self.limit = limit


def file_kind(mode: int) -> str:
    """What a ``st_mode`` is, as a noun phrase: ``a regular file``, ``a FIFO``, ``a character device``..."""
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


#: Flags for opening a file to read it: never block (a FIFO swapped in after the ``stat``), no fd leak
#: into child processes, binary on Windows.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_regular_file(path: str, limit: int) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file ``path`` and its ``fstat`` when opened.

    ``path`` is ``stat``-ed before it is opened and its descriptor ``fstat``-ed
    after (it may have been swapped meanwhile): anything but a regular file
    raises :class:`NotRegularFileError` without a byte read. At most
    ``limit + 1`` bytes are read; more than ``limit`` (by size, or because the
    file grew) raises :class:`FileTooLargeError`. Other failures are the
    ``OSError`` of ``stat``/``open``/``read`` (``FileNotFoundError``,
    ``PermissionError``...).
    """
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFileError(path, file_kind(st.st_mode))
    if st.st_size > limit:
        raise FileTooLargeError(path, st.st_size, limit)
    fd = os.open(path, _READ_FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFileError(path, file_kind(st.st_mode))
        if st.st_size > limit:
            raise FileTooLargeError(path, st.st_size, limit)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise FileTooLargeError(path, len(data), limit)
    return data, st


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


class InvalidPatternError(ValueError):
    """A gitignore-style glob that cannot be compiled (``[z-a]``, a lone ``!``); ``str()`` says why."""


#: The class GitIgnoreSpec compiles each line into (its module moved between pathspec versions).
_GITIGNORE_PATTERN: Callable[[str], Any] = type(pathspec.GitIgnoreSpec.from_lines(["x"]).patterns[0])


def compile_pattern(line: str) -> pathspec.Pattern:
    """One gitignore line compiled, or :class:`InvalidPatternError` (pathspec raises ``re.error``
    for a bad range such as ``[z-a]``, which Git itself tolerates: the line never matches)."""
    try:
        return _GITIGNORE_PATTERN(line)
    except re.error as exc:  # the position is in pathspec's regular expression, not in the glob
        raise InvalidPatternError(re.sub(r" at position \d+$", "", exc.msg)) from None
    except (ValueError, TypeError):
        raise InvalidPatternError("not a valid gitignore pattern") from None


def pattern_error(line: str) -> str | None:
    """Why the gitignore-style glob ``line`` is invalid, or ``None`` when it compiles."""
    try:
        compile_pattern(line)
    except InvalidPatternError as exc:
        return str(exc)
    return None


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


#: A ``.gitignore`` larger than this is not read (it would be a mistake, not a list of patterns).
MAX_IGNORE_FILE_BYTES = 10_000_000

#: Called with one line of warning (``pglint: warning: ...`` on stderr) for what discovery skips.
Warn = Callable[[str], None]


def _no_warning(message: str) -> None:
    pass


def display_path(path: str) -> str:
    """``path`` relative to the current directory when it lies inside it, else as given."""
    from .config import _display

    return _display(path)


def _load_ignore(base: str, path: str, warn: Warn = _no_warning) -> _IgnoreFile | None:
    """The patterns of the ignore file ``path`` (relative to ``base``); ``None`` when it does not
    exist, cannot be read (a warning) or holds no pattern. A line that is not a valid pattern is
    left out with a warning naming it; the rest of the file still applies (as with Git)."""
    try:
        data, _ = read_regular_file(path, MAX_IGNORE_FILE_BYTES)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        reason = f"it is {exc.kind}" if isinstance(exc, NotRegularFileError) else exc.strerror or str(exc)
        warn(f"{display_path(path)}: cannot read ({reason}); its patterns are not applied")
        return None
    patterns: list[Any] = []  # pathspec's GitIgnoreSpecPattern
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        try:
            patterns.append(compile_pattern(line))
        except InvalidPatternError as exc:
            warn(f"{display_path(path)}:{number}: invalid pattern '{line.strip()}' ({exc}); the line is ignored")
    spec = pathspec.GitIgnoreSpec(patterns)
    if not any(p.include is not None for p in spec.patterns):
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


def _inherited_ignores(directory: str, warn: Warn = _no_warning) -> list[_IgnoreFile]:
    """Ignore files that apply to ``directory`` from above it (repository root down to its parent)."""
    root = _repository_root(directory)
    if root is None:
        return []
    out: list[_IgnoreFile] = []
    exclude = _load_ignore(root, os.path.join(root, ".git", "info", "exclude"), warn)
    if exclude is not None:
        out.append(exclude)
    chain: list[str] = []
    d = directory
    while d != root:
        d = os.path.dirname(d)
        chain.append(d)
    for base in reversed(chain):
        ign = _load_ignore(base, os.path.join(base, ".gitignore"), warn)
        if ign is not None:
            out.append(ign)
    return out


def _walk(top: str, respect_gitignore: bool, found: set[str], exclude: Exclude | None = None,
          warn: Warn = _no_warning) -> None:
    inherited = _inherited_ignores(top, warn) if respect_gitignore else []
    stack: list[tuple[str, tuple[_IgnoreFile, ...]]] = [(top, tuple(inherited))]
    while stack:
        directory, ignores = stack.pop()
        if respect_gitignore:
            own = _load_ignore(directory, os.path.join(directory, ".gitignore"), warn)
            if own is not None:
                ignores = ignores + (own,)
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except (FileNotFoundError, NotADirectoryError):
            continue  # removed (or replaced) while the walk was under way
        except OSError as exc:  # unreadable: nothing can be checked there, and the user is told
            warn(f"{display_path(directory)}: cannot read the directory ({exc.strerror or exc}); "
                 "its files are not checked")
            continue
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
                elif (extension_language(entry.name) is not None
                      or is_extensionless(entry.name)) and entry.is_file():
                    if not is_ignored(entry.path, False, ignores) and not (
                            exclude is not None and exclude(entry.path, False)) and (
                            extension_language(entry.name) is not None
                            or script_language(entry.path) is not None):  # a python/node script
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
             force_exclude: bool = False, warnings: list[str] | None = None) -> list[str]:
    """Absolute, normalised, sorted paths of the source files under ``paths``.

    A source file has a Python or JavaScript/TypeScript extension; a file without
    an extension is a script, taken when named explicitly, and while walking when
    its ``#!`` line names ``python`` or ``node`` (:func:`~pglint.languages.script_language`).

    ``exclude`` (the configuration's ``exclude``/``extend-exclude``) replaces the
    built-in list of skipped directories while walking; paths named explicitly are
    still taken unless ``force_exclude`` (ruff's ``force-exclude``, for pre-commit,
    which names every staged file). Raises :class:`DiscoveryError` naming the
    first path that does not exist or is neither a regular file nor a directory
    (a FIFO, a device: reading it would block or never end). While walking,
    such files are skipped. What the walk cannot read (a directory, a
    ``.gitignore``) and ``.gitignore`` lines that are not valid patterns are
    appended to ``warnings``, one line each, once.
    """
    found: set[str] = set()

    def warn(message: str) -> None:
        if warnings is not None and message not in warnings:
            warnings.append(message)

    for p in paths:
        ap = os.path.abspath(p)
        try:
            mode = os.stat(ap).st_mode
        except FileNotFoundError:
            raise DiscoveryError(f"{p}: no such file or directory") from None
        except OSError as exc:
            raise DiscoveryError(f"{p}: cannot access: {exc.strerror or exc}") from None
        is_dir = stat.S_ISDIR(mode)
        if not is_dir and not stat.S_ISREG(mode):  # a FIFO would block, /dev/zero never ends
            raise DiscoveryError(f"{p}: not a regular file or directory ({file_kind(mode)}); not read")
        if force_exclude and exclude is not None and _excluded_explicitly(ap, is_dir, exclude):
            continue
        if is_dir:
            _walk(ap, respect_gitignore, found, exclude, warn)
        elif language_for(ap) is not None:
            found.add(ap)
    return sorted(found)
