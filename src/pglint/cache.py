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

The directory holds ``CACHEDIR.TAG`` and a ``.gitignore`` of ``*`` (so backup
tools and Git leave it alone) and ``pglint-cache.json`` naming the pglint
version that wrote it. Entries are pickles: the cache directory is trusted like
the project's own files (whoever can write it can write the code pglint reads).
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
from typing import Any, Sequence

from . import __version__
from .diagnostics import Diagnostic
from .digest import digest
from .languages.base import ModuleIndex

CACHE_DIRNAME = ".pglint_cache"
CACHE_FORMAT = 2
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
RUNTIME_FIELDS = frozenset({"jobs", "cache_dir", "progress", "gate", "exclude", "force_exclude"})


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


class Cache:
    """Entry storage in one directory. Methods never raise for I/O or format problems."""

    def __init__(self, directory: str) -> None:
        self.directory = os.path.abspath(directory)
        self.entries = os.path.join(self.directory, "entries")
        self.problems = CacheProblems()
        self.usable = self._open()

    # ------------------------------------------------------------------ set-up

    def _open(self) -> bool:
        meta_path = os.path.join(self.directory, META_FILE)
        meta: Any = None
        if os.path.exists(meta_path):
            try:
                with open(meta_path, encoding="utf-8") as fh:
                    meta = json.load(fh)
            except (OSError, ValueError) as exc:
                self.problems.corrupt += 1
                self.problems.notes.append(f"{META_FILE}: {exc}")
                meta = None
        if isinstance(meta, dict) and (meta.get("format") != CACHE_FORMAT or meta.get("pglint") != __version__):
            self.problems.other_version = f"pglint {meta.get('pglint', '?')} (format {meta.get('format', '?')})"
            shutil.rmtree(self.entries, ignore_errors=True)
            meta = None
        try:
            os.makedirs(self.entries, exist_ok=True)
            if meta is None:
                self._write_text(meta_path, json.dumps({"format": CACHE_FORMAT, "pglint": __version__}) + "\n")
            tag = os.path.join(self.directory, "CACHEDIR.TAG")
            if not os.path.exists(tag):
                self._write_text(tag, CACHEDIR_TAG)
                self._write_text(os.path.join(self.directory, ".gitignore"), "# created by pglint\n*\n")
            if not os.access(self.entries, os.W_OK):
                raise PermissionError("the directory is not writable")
        except OSError as exc:
            self.problems.unusable = exc.strerror or str(exc)
            return False
        return True

    def _write_text(self, path: str, text: str) -> None:
        self._atomic_write(path, text.encode("utf-8"))

    def _atomic_write(self, path: str, data: bytes) -> None:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
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

    # ------------------------------------------------------------------ entries

    def load(self, path: str) -> Entry | None:
        if not self.usable:
            return None
        try:
            with open(self._entry_path(path), "rb") as fh:
                data = fh.read()
        except FileNotFoundError:
            return None
        except OSError:
            self.problems.corrupt += 1
            return None
        try:
            entry = pickle.loads(data)
        except Exception:  # noqa: BLE001 - any garbage in a cache file is a miss
            self.problems.corrupt += 1
            return None
        if not isinstance(entry, Entry) or entry.path != path:
            self.problems.corrupt += 1
            return None
        return entry

    def store(self, entry: Entry) -> None:
        if not self.usable or self.problems.write_failed:
            return
        target = self._entry_path(entry.path)
        try:
            data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            self._atomic_write(target, data)
        except OSError as exc:
            self.problems.write_failed = exc.strerror or str(exc)
        except (pickle.PicklingError, TypeError, AttributeError):
            pass  # something in a result does not pickle: that file is simply not cached

    def load_blob(self, name: str, key: str) -> Any:
        """A whole-project value stored under ``name`` with ``key``, or ``None``."""
        if not self.usable:
            return None
        try:
            with open(os.path.join(self.directory, f"{name}.pickle"), "rb") as fh:
                stored_key, value = pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - unreadable or corrupt: a miss
            self.problems.corrupt += 1
            return None
        return value if stored_key == key else None

    def store_blob(self, name: str, key: str, value: Any) -> None:
        if not self.usable or self.problems.write_failed:
            return
        try:
            data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
            self._atomic_write(os.path.join(self.directory, f"{name}.pickle"), data)
        except OSError as exc:
            self.problems.write_failed = exc.strerror or str(exc)
        except (pickle.PicklingError, TypeError, AttributeError):
            pass

    def warning(self) -> str | None:
        return self.problems.warning(self.directory)
