"""The per-file result cache (``.pglint_cache/``).

One entry per source file, named by a hash of its path, holding what the last
run learned about it:

* its module index (imports, exports), valid while the file's content hash and
  the *index key* (pglint version + source fingerprint + driver registry) match;
* its findings, valid while the *result key* matches: content hash, index key,
  :func:`config_digest` (selected rules, rule settings, options, resources —
  everything in :class:`~pglint.engine.Options` that can change a finding,
  and the driver registry) and
  :meth:`~pglint.languages.base.ProjectIndex.dependency_digest` (the exports of
  every project module the file reaches through imports).

The cache is an optimisation, never a source of truth. Anything wrong with it —
a corrupt or unreadable entry, a cache written by another pglint version, a
directory that cannot be written — makes the run fall back to analysing the
file (or, for an unusable directory, to running without a cache) and adds one
warning to the run, whatever the number of entries affected.

Safety:

* **pglint writes only into its own directory.** A cache directory that does
  not exist is created; an existing one is used only when it is pglint's (its
  ``CACHEDIR.TAG`` carries pglint's line, or it holds ``pglint-cache.json``) or
  is empty. Any other existing directory (``--cache-dir .``, a project folder)
  is refused with :class:`CacheDirError` before anything is written in it. The
  directory then holds ``CACHEDIR.TAG`` and a ``.gitignore`` of ``*`` (so backup
  tools and Git leave it alone) and ``pglint-cache.json`` naming the format and
  the pglint version that wrote it.
* **A corrupt entry is detected, never trusted.** Every entry file (and every
  whole-project blob such as ``summaries.pickle``) is sealed: a magic prefix,
  then a BLAKE2b digest of the pickled payload, then the payload
  (:func:`seal`). The digest is verified before anything is unpickled, and the
  unpickled value is then checked for shape (types of its fields, the entry's
  path, the blob's key) — anything that fails is counted, discarded and
  recomputed. Cache files are opened without blocking and only regular files
  are read, so a FIFO, a device or a directory where an entry should be is
  ignored the same way (and replaced when the entry is written again).

Entries are pickles: the cache directory is trusted like the project's own
files (whoever can write it can write the code pglint reads); the digest guards
against damage (a flipped bit, a truncated write, a stray edit), not against
someone who means harm.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Sequence

from . import __version__
from .diagnostics import Diagnostic, Step
from .digest import digest
from .discovery import read_regular_file
from .ir.cfg import Span
from .languages.base import ModuleIndex

CACHE_DIRNAME = ".pglint_cache"
CACHE_FORMAT = 3  # 3: sealed entries (magic + digest + pickle)
META_FILE = "pglint-cache.json"
ROOT_MARKERS = ("pyproject.toml", "pglint.toml", ".git")

CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by pglint.\n"
                "# For information about cache directory tags see https://bford.info/cachedir/\n")


def project_root(paths: Sequence[str], cwd: str | None = None) -> str:
    """The nearest directory at or above the checked paths holding ``pyproject.toml``,
    ``pglint.toml`` or ``.git``; the current directory when there is none."""
    cwd = os.path.abspath(cwd or os.getcwd())
    absolute = [os.path.abspath(p) for p in paths] or [cwd]
    try:
        start = os.path.commonpath(absolute)
    except ValueError:  # different drives (Windows)
        start = cwd
    if not os.path.isdir(start):
        start = os.path.dirname(start)
    d = start
    while True:
        if any(os.path.exists(os.path.join(d, m)) for m in ROOT_MARKERS):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return cwd
        d = parent


def default_cache_dir(paths: Sequence[str], cwd: str | None = None) -> str:
    return os.path.join(project_root(paths, cwd), CACHE_DIRNAME)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The pglint version plus the sizes and mtimes of its own source files.

    A release changes the version; a development install (editable, edited in
    place) changes the fingerprint, so stale results never outlive a code change.
    """
    root = os.path.dirname(os.path.abspath(__file__))
    h = hashlib.blake2b(digest_size=16)
    h.update(__version__.encode())
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith((".py", ".scm", ".json", ".toml")):
                try:
                    st = os.stat(os.path.join(dirpath, name))
                except OSError:
                    continue
                h.update(f"{os.path.relpath(os.path.join(dirpath, name), root)}:{st.st_size}:"
                         f"{st.st_mtime_ns}\n".encode())
    return f"{__version__}+{h.hexdigest()}"


def index_key(registry: Any) -> str:
    """What a module index depends on besides the file: pglint itself and the driver registry."""
    return digest("index", code_fingerprint(), registry)


# Options fields that change how a run goes or which files it takes, never what a file's findings are.
RUNTIME_FIELDS = frozenset({"jobs", "cache_dir", "progress", "gate", "function_gate", "exclude", "force_exclude"})


def config_digest(options: Any, registry: Any, rule_codes: Sequence[str] = ()) -> str:
    """The resolved configuration as far as one file's findings are concerned.

    Every field of ``options`` except :data:`RUNTIME_FIELDS` (so rule settings
    or resources a configuration layer adds to :class:`~pglint.engine.Options`
    are covered without touching this function), the driver registry (resources
    from configuration become driver models and functions there) and the
    enabled rule codes.
    """
    fields = getattr(options, "__dataclass_fields__", None)
    if fields is not None:
        opts = {name: getattr(options, name) for name in fields if name not in RUNTIME_FIELDS}
    else:
        opts = {k: v for k, v in vars(options).items() if k not in RUNTIME_FIELDS}
    return digest("config", code_fingerprint(), opts, registry, sorted(rule_codes))


@dataclass(slots=True)
class Entry:
    path: str
    content: str  # content hash
    index_key: str
    index: ModuleIndex | None = None
    error: Diagnostic | None = None  # the file does not parse (PG001)
    result_key: str = ""
    diagnostics: list[Diagnostic] | None = None
    # round 0 of the function-summary pass (pglint.analysis.summaries.FileSummaries), valid
    # while summary_key (content, index key, dependency digest without summaries) matches
    summary_key: str = ""
    summary: Any = None


@dataclass(slots=True)
class CacheProblems:
    """What went wrong with the cache during a run, reported as one warning at the end."""

    corrupt: int = 0
    unusable: str = ""  # the directory cannot be used at all (reason)
    write_failed: str = ""
    other_version: str = ""
    notes: list[str] = field(default_factory=list)

    def warning(self, directory: str) -> str | None:
        if self.unusable:
            return f"cannot use the cache in {directory} ({self.unusable}); running without a cache"
        parts: list[str] = []
        if self.other_version:
            parts.append(f"it was written by {self.other_version} and has been discarded")
        if self.corrupt:
            parts.append(f"{self.corrupt} unreadable entr{'y was' if self.corrupt == 1 else 'ies were'} "
                         "ignored and rebuilt")
        if self.write_failed:
            parts.append(f"results could not be saved ({self.write_failed})")
        if not parts:
            return None
        return f"cache in {directory}: " + "; ".join(parts)


class CacheDirError(Exception):
    """The cache directory exists and is not pglint's: nothing is written in it (one line, names it)."""


TAG_FILE = "CACHEDIR.TAG"
GITIGNORE = "# created by pglint\n*\n"
PGLINT_TAG_LINE = b"cache directory tag created by pglint"

#: What starts every sealed cache file: a name and the seal's layout version.
SEAL_MAGIC = b"pglint-cache\x00\x01"
SEAL_DIGEST_SIZE = 32


def _seal_digest(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=SEAL_DIGEST_SIZE, person=b"pglint-cache").digest()


def seal(payload: bytes) -> bytes:
    """``payload`` as it is stored: :data:`SEAL_MAGIC`, its BLAKE2b digest, the payload."""
    return SEAL_MAGIC + _seal_digest(payload) + payload


def unseal(data: bytes) -> bytes | None:
    """The payload of a sealed file, or ``None`` when the magic or the digest does not match."""
    head = len(SEAL_MAGIC) + SEAL_DIGEST_SIZE
    if len(data) < head or not data.startswith(SEAL_MAGIC):
        return None
    payload = data[head:]
    if data[len(SEAL_MAGIC):head] != _seal_digest(payload):
        return None
    return payload


#: A cache file larger than this is treated as damaged (entries and the summary table are far smaller).
MAX_CACHE_FILE_BYTES = 1 << 30


def read_regular(path: str) -> bytes:
    """The bytes of the cache file at ``path``, read by :func:`~pglint.discovery.read_regular_file`
    (no blocking, nothing but a regular file, at most :data:`MAX_CACHE_FILE_BYTES`).

    Raises :class:`FileNotFoundError` when there is nothing there and another :class:`OSError` when
    it is not a regular file (a FIFO would block a plain ``open`` forever), too large or unreadable.
    """
    return read_regular_file(path, MAX_CACHE_FILE_BYTES)[0]


# ------------------------------------------------------------------ shape checks after unpickling


def _is_str(value: Any) -> bool:
    return type(value) is str


def _is_int(value: Any) -> bool:
    return type(value) is int


def valid_span(span: Any) -> bool:
    return (isinstance(span, Span) and _is_int(span.line) and _is_int(span.column)
            and _is_int(span.end_line) and _is_int(span.end_column))


def valid_diagnostic(d: Any, path: str | None = None) -> bool:
    """Whether ``d`` is a :class:`Diagnostic` whose fields have their declared types."""
    return (isinstance(d, Diagnostic)
            and all(_is_str(v) for v in (d.rule, d.code, d.severity, d.message, d.path, d.fix,
                                         d.function, d.snippet))
            and (path is None or d.path == path)
            and valid_span(d.span) and (d.cwe is None or _is_str(d.cwe))
            and isinstance(d.steps, tuple)
            and all(isinstance(s, Step) and _is_str(s.path) and _is_int(s.line) and _is_int(s.column)
                    and _is_str(s.message) for s in d.steps)
            and isinstance(d.extra, tuple)
            and all(isinstance(e, tuple) and len(e) == 2 and _is_str(e[0]) and _is_str(e[1]) for e in d.extra))


def valid_entry(entry: Any, path: str) -> bool:
    """Whether an unpickled value is an :class:`Entry` for ``path`` with fields of the right types."""
    from .analysis.summaries import FileSummaries

    if not isinstance(entry, Entry) or entry.path != path:
        return False
    if not all(_is_str(v) for v in (entry.content, entry.index_key, entry.result_key, entry.summary_key)):
        return False
    if entry.index is not None and not (isinstance(entry.index, ModuleIndex) and entry.index.path == path
                                        and isinstance(entry.index.imports, list)
                                        and isinstance(entry.index.exports, dict)):
        return False
    if entry.error is not None and not valid_diagnostic(entry.error, path):
        return False
    if entry.diagnostics is not None and not (isinstance(entry.diagnostics, list)
                                              and all(valid_diagnostic(d) for d in entry.diagnostics)):
        return False
    if entry.summary is not None and not (isinstance(entry.summary, FileSummaries)
                                          and entry.summary.path == path):
        return False
    return True


def _is_function_key(key: Any) -> bool:
    return isinstance(key, tuple) and len(key) == 2 and _is_str(key[0]) and _is_str(key[1])


def valid_summary_table(value: Any) -> bool:
    """Whether a cached summary table is ``(summaries, summary_deps)`` as
    :class:`~pglint.languages.base.ProjectIndex` holds them: function key → summary (of that
    key), path → set of function keys."""
    from .analysis.summaries import FunctionSummary

    if not (isinstance(value, tuple) and len(value) == 2):
        return False
    summaries, deps = value
    return (isinstance(summaries, dict)
            and all(_is_function_key(k) and isinstance(v, FunctionSummary) and v.key == k
                    for k, v in summaries.items())
            and isinstance(deps, dict)
            and all(_is_str(p) and isinstance(keys, set) and all(_is_function_key(k) for k in keys)
                    for p, keys in deps.items()))


class Cache:
    """Entry storage in one directory. Methods never raise for I/O or format problems.

    The constructor raises :class:`CacheDirError` for an existing directory that
    is not pglint's (see the module docstring); nothing is written in it.
    """

    def __init__(self, directory: str) -> None:
        self.directory = os.path.abspath(directory)
        self.entries = os.path.join(self.directory, "entries")
        self.problems = CacheProblems()
        self.usable = self._open()

    # ------------------------------------------------------------------ set-up

    def _read_meta(self, meta_path: str) -> Any:
        try:
            return json.loads(read_regular(meta_path).decode("utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            self.problems.corrupt += 1
            self.problems.notes.append(f"{META_FILE}: {exc}")
            return None

    def owned(self) -> bool:
        """Whether the (existing) directory is pglint's: its ``CACHEDIR.TAG`` carries pglint's
        line, or it holds a ``pglint-cache.json`` (caches of earlier releases have both)."""
        try:
            if PGLINT_TAG_LINE in read_regular(os.path.join(self.directory, TAG_FILE)):
                return True
        except OSError:
            pass
        return os.path.lexists(os.path.join(self.directory, META_FILE))

    def _claim(self) -> None:
        """Create the directory, or make sure an existing one is pglint's or empty."""
        if not os.path.isdir(self.directory):
            os.makedirs(self.directory)  # FileExistsError for a file: the cache is unusable
            return
        if self.owned():
            return
        with os.scandir(self.directory) as it:
            if next(it, None) is None:
                return  # an empty directory is adopted
        raise CacheDirError(f"cache directory {self.directory} is not pglint's (not empty, and no {TAG_FILE} "
                            "from pglint): refusing to write there; use --cache-dir with a new or empty "
                            "directory, or --no-cache")

    def _open(self) -> bool:
        try:
            self._claim()
        except OSError as exc:
            self.problems.unusable = exc.strerror or str(exc)
            return False
        meta_path = os.path.join(self.directory, META_FILE)
        meta = self._read_meta(meta_path)
        if meta is not None and not isinstance(meta, dict):
            self.problems.corrupt += 1
            meta = None
        if isinstance(meta, dict) and (meta.get("format") != CACHE_FORMAT or meta.get("pglint") != __version__):
            self.problems.other_version = f"pglint {meta.get('pglint', '?')} (format {meta.get('format', '?')})"
            shutil.rmtree(self.entries, ignore_errors=True)
            for name in os.listdir(self.directory):
                if name.endswith(".pickle"):  # whole-project blobs of the other version
                    try:
                        os.unlink(os.path.join(self.directory, name))
                    except OSError:
                        pass
            meta = None
        try:
            os.makedirs(self.entries, exist_ok=True)
            if meta is None:
                self._write_text(meta_path, json.dumps({"format": CACHE_FORMAT, "pglint": __version__}) + "\n")
            tag = os.path.join(self.directory, TAG_FILE)
            try:
                tag_ok = read_regular(tag) == CACHEDIR_TAG.encode()
            except OSError:
                tag_ok = False
            if not tag_ok:
                self._write_text(tag, CACHEDIR_TAG)
            gitignore = os.path.join(self.directory, ".gitignore")
            if not tag_ok or not os.path.lexists(gitignore):
                self._write_text(gitignore, GITIGNORE)
            if not os.access(self.entries, os.W_OK):
                raise PermissionError("the directory is not writable")
        except OSError as exc:
            self.problems.unusable = exc.strerror or str(exc)
            return False
        return True

    def _write_text(self, path: str, text: str) -> None:
        self._atomic_write(path, text.encode("utf-8"))

    def _atomic_write(self, path: str, data: bytes) -> None:
        """Write ``data`` to a temporary file beside ``path``, then rename it over ``path`` (which
        replaces a FIFO or any other file there; an empty directory there is removed first)."""
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            try:
                os.replace(tmp, path)
            except IsADirectoryError:
                os.rmdir(path)
                os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    def _entry_path(self, path: str) -> str:
        h = hashlib.blake2b(path.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        return os.path.join(self.entries, h[:2], h[2:])

    def _load_sealed(self, file: str) -> tuple[bool, Any]:
        """(found, value) of the sealed pickle in ``file``; a corrupt or unreadable file counts
        once in :attr:`problems` and is (False, None), like a missing one."""
        try:
            data = read_regular(file)
        except FileNotFoundError:
            return False, None
        except OSError:
            self.problems.corrupt += 1
            return False, None
        payload = unseal(data)
        if payload is None:
            self.problems.corrupt += 1
            return False, None
        try:
            return True, pickle.loads(payload)
        except Exception:  # noqa: BLE001 - sealed but not loadable (a class pglint no longer has): a miss
            self.problems.corrupt += 1
            return False, None

    def _store_sealed(self, file: str, value: Any) -> None:
        if not self.usable or self.problems.write_failed:
            return
        try:
            data = seal(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.makedirs(os.path.dirname(file), exist_ok=True)
            self._atomic_write(file, data)
        except OSError as exc:
            if os.path.lexists(file) and not os.path.isfile(file):
                return  # something pglint did not put there (a non-empty directory): not cached
            self.problems.write_failed = exc.strerror or str(exc)
        except (pickle.PicklingError, TypeError, AttributeError):
            pass  # something in a result does not pickle: that file is simply not cached

    # ------------------------------------------------------------------ entries

    def load(self, path: str) -> Entry | None:
        if not self.usable:
            return None
        found, entry = self._load_sealed(self._entry_path(path))
        if not found:
            return None
        if not valid_entry(entry, path):
            self.problems.corrupt += 1
            return None
        assert isinstance(entry, Entry)
        return entry

    def store(self, entry: Entry) -> None:
        self._store_sealed(self._entry_path(entry.path), entry)

    def load_blob(self, name: str, key: str, valid: Callable[[Any], bool] | None = None) -> Any:
        """A whole-project value stored under ``name`` with ``key``, or ``None``.

        ``valid`` checks the unpickled value's shape; a value that fails it counts as corrupt.
        """
        if not self.usable:
            return None
        found, stored = self._load_sealed(os.path.join(self.directory, f"{name}.pickle"))
        if not found:
            return None
        if not (isinstance(stored, tuple) and len(stored) == 2 and _is_str(stored[0])):
            self.problems.corrupt += 1
            return None
        stored_key, value = stored
        if stored_key != key:
            return None
        if valid is not None and not valid(value):
            self.problems.corrupt += 1
            return None
        return value

    def store_blob(self, name: str, key: str, value: Any) -> None:
        self._store_sealed(os.path.join(self.directory, f"{name}.pickle"), (key, value))

    def warning(self) -> str | None:
        return self.problems.warning(self.directory)
