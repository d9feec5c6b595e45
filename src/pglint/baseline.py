"""Baselines: record today's findings so that only new ones are reported from now on.

``--write-baseline FILE`` stores every finding of a run as an entry keyed by a
*stable fingerprint* — the rule code, the file (relative to the baseline's
directory), the enclosing function, the primary source line with its
whitespace collapsed and the message with line numbers taken out — so that
adding lines above a finding, re-indenting it or moving its function within the
file does not make it look new. ``--baseline FILE`` drops the findings the file
covers, with multiset semantics (two identical entries cover two identical
findings, not three) and counts the entries that no longer match anything
(fixed findings: time to rewrite the baseline). The file is JSON with a
``version``; a file written by a newer pglint is refused with a clear message.
Parse and internal errors (PG001, PG002) are never recorded and never covered:
a file pglint could not read is reported on every run.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from .config import ConfigError
from .diagnostics import UNSUPPRESSIBLE, Diagnostic
from .discovery import read_regular_file
from .report.paths import json_text, path_bytes

BASELINE_VERSION = 1

_LINE_REF = re.compile(r"\b(lines?)\s+\d+(?:\s*[-–]\s*\d+)?", re.IGNORECASE)
_POSITION = re.compile(r"@\d+:\d+")
_SPACE = re.compile(r"\s+")


class BaselineError(ConfigError):
    """The baseline file cannot be used: missing, not JSON, wrong shape or from a newer pglint."""


def normalise_message(message: str) -> str:
    """The message without line references (``at line 12`` → ``at line #``)."""
    return _LINE_REF.sub(lambda m: m.group(1) + " #", message)


def normalise_function(function: str) -> str:
    """The enclosing function's name without source positions (``f/<callback@4:9>`` → ``f/<callback>``)."""
    return _POSITION.sub("", function)


def normalise_code(line: str) -> str:
    return _SPACE.sub(" ", line).strip()


def relative_path(path: str, root: str) -> str:
    """``path`` relative to ``root`` with ``/`` separators (absolute when on another drive)."""
    ap = os.path.abspath(path)
    try:
        rel = os.path.relpath(ap, root)
    except ValueError:
        rel = ap
    return rel.replace(os.sep, "/")


def fingerprint(diagnostic: Diagnostic, root: str) -> str:
    """A fingerprint that survives edits elsewhere in the file and a checkout in another directory.

    Computed on bytes: the path's own (:func:`os.fsencode`, so a file name that is not UTF-8 works
    and is stable), the other parts' UTF-8 (lone surrogates passed through, never an error).
    """
    d = diagnostic
    texts = (normalise_function(d.function), normalise_code(d.snippet), normalise_message(d.message))
    parts = [d.code.encode(), path_bytes(relative_path(d.path, root))]
    parts += [t.encode("utf-8", "surrogatepass") for t in texts]
    return hashlib.sha256(b"\x1f".join(parts)).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Baseline:
    path: str
    root: str  # entries' paths are relative to it (the baseline file's directory)
    counts: Counter[str]  # fingerprint -> how many findings it covers

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class BaselineResult:
    kept: list[Diagnostic]  # findings not covered by the baseline
    matched: int  # findings the baseline covered (dropped)
    stale: int  # baseline entries that matched no finding


def entry(diagnostic: Diagnostic, root: str) -> dict[str, Any]:
    d = diagnostic
    return {"fingerprint": fingerprint(d, root), "code": d.code, "rule": d.rule,
            "path": relative_path(d.path, root), "function": normalise_function(d.function),
            "code_line": normalise_code(d.snippet), "message": d.message}


def render_baseline(diagnostics: Iterable[Diagnostic], root: str) -> str:
    """The text of a baseline file for ``diagnostics`` (but parse and internal errors), entry paths
    relative to ``root``."""
    from . import __version__

    entries = sorted((entry(d, root) for d in recordable(diagnostics)),
                     key=lambda e: (e["path"], e["code"], e["function"], e["code_line"], e["fingerprint"]))
    doc = {"version": BASELINE_VERSION, "tool": "pglint", "pglint_version": __version__,
           "findings": entries}
    return json_text(doc) + "\n"


def recordable(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The findings a baseline may record: all but parse and internal errors."""
    return [d for d in diagnostics if d.code not in UNSUPPRESSIBLE]


def write_baseline(path: str, diagnostics: Sequence[Diagnostic]) -> int:
    """Write the baseline file ``path`` for ``diagnostics``; returns the number of entries
    (parse and internal errors are not recorded)."""
    root = os.path.dirname(os.path.abspath(path))
    text = render_baseline(diagnostics, root)
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline: {exc.strerror or exc}", path) from None
    return len(recordable(diagnostics))


#: A baseline larger than this is refused (a FIFO or a device is refused outright).
BASELINE_MAX_BYTES = 256 * 1024 * 1024


def load_baseline(path: str) -> Baseline:
    """Read a baseline file; raises :class:`BaselineError` with a one-line message."""
    try:
        text = read_regular_file(path, BASELINE_MAX_BYTES)[0].decode("utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (create it with --write-baseline {path})",
                            path) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise BaselineError(f"{path}: cannot read the baseline: {reason}", path) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}:{exc.colno}: the baseline is not valid JSON: {exc.msg}",
                            path, exc.lineno) from None
    if not isinstance(doc, dict) or "version" not in doc:
        raise BaselineError(f"{path}: not a pglint baseline (no 'version' field)", path)
    version = doc["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BaselineError(f"{path}: not a pglint baseline ('version' must be a positive integer)", path)
    if version > BASELINE_VERSION:
        raise BaselineError(
            f"{path}: baseline format version {version} is newer than this pglint understands "
            f"(version {BASELINE_VERSION}); upgrade pglint, or rewrite the baseline with --write-baseline",
            path)
    findings = doc.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f"{path}: not a pglint baseline ('findings' must be a list)", path)
    counts: Counter[str] = Counter()
    for i, item in enumerate(findings, 1):
        fp = item.get("fingerprint") if isinstance(item, dict) else None
        if not isinstance(fp, str) or not fp:
            raise BaselineError(f"{path}: finding #{i} has no 'fingerprint'", path)
        counts[fp] += 1
    return Baseline(path, os.path.dirname(os.path.abspath(path)), counts)


def apply_baseline(diagnostics: Sequence[Diagnostic], baseline: Baseline) -> BaselineResult:
    """Drop the findings ``baseline`` covers (each entry covers one finding; none covers a parse or
    internal error)."""
    remaining = Counter(baseline.counts)
    kept: list[Diagnostic] = []
    matched = 0
    for d in diagnostics:
        if d.code in UNSUPPRESSIBLE:
            kept.append(d)
            continue
        fp = fingerprint(d, baseline.root)
        if remaining[fp] > 0:
            remaining[fp] -= 1
            matched += 1
        else:
            kept.append(d)
    stale = sum(n for n in remaining.values() if n > 0)
    return BaselineResult(kept, matched, stale)


__all__ = ["BASELINE_VERSION", "Baseline", "BaselineError", "BaselineResult", "apply_baseline", "fingerprint",
           "load_baseline", "recordable", "render_baseline", "write_baseline"]
