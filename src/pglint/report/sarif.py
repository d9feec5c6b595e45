"""SARIF 2.1.0 output (``--format sarif``), for GitHub code scanning and other SARIF viewers.

One run whose ``tool.driver`` lists every rule pglint knows (id = code, name,
short and full description, help text and markdown from the rule's docs,
``helpUri`` to its page, default level, tags with the CWE), and one result per
finding: level, message, the primary location relative to ``%SRCROOT%`` (the
directory pglint ran in), the witness path both as ``relatedLocations`` and as a
``codeFlows`` thread flow, and ``partialFingerprints["pglint/v1"]``, the
baseline's stable fingerprint (independent of line numbers and of where the
repository is checked out). Columns are Unicode code points, 1-based; ends are
exclusive, as SARIF's are. Artifact URIs percent-encode the file name's bytes
(lossless, whatever the name holds); any other text that is not valid UTF-8 is
written with ``\\udcNN`` escapes (:func:`~pglint.report.paths.json_text`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Sequence

from ..diagnostics import Diagnostic, Step
from ..ir.cfg import Span
from .paths import json_text, uri_path

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _artifact(path: str, cwd: str) -> dict[str, Any]:
    ap = os.path.abspath(os.path.join(cwd, path))
    try:
        rel = os.path.relpath(ap, cwd)
    except ValueError:  # another drive
        rel = None
    if rel is None or rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return {"uri": Path(ap).as_uri()}
    return {"uri": uri_path(rel.replace(os.sep, "/")), "uriBaseId": SRCROOT}


def _region(span: Span) -> dict[str, int]:
    region = {"startLine": max(span.line, 1), "startColumn": max(span.column, 1)}
    if (span.end_line, span.end_column) >= (span.line, span.column) and span.end_line >= 1:
        region["endLine"] = span.end_line
        region["endColumn"] = max(span.end_column, 1)
    return region


def _step_location(step: Step, cwd: str, ident: int | None = None) -> dict[str, Any]:
    loc: dict[str, Any] = {}
    if ident is not None:
        loc["id"] = ident
    loc["physicalLocation"] = {"artifactLocation": _artifact(step.path, cwd),
                               "region": {"startLine": max(step.line, 1), "startColumn": max(step.column, 1)}}
    loc["message"] = {"text": step.message}
    return loc


def _first_paragraph(markdown: str, heading: str) -> str:
    lines = markdown.splitlines()
    try:
        start = lines.index(f"## {heading}") + 1
    except ValueError:
        return ""
    para: list[str] = []
    for line in lines[start:]:
        if line.startswith("## ") or (not line.strip() and para):
            break
        if line.strip():
            para.append(line.strip())
    return " ".join(para)


def rule_descriptors() -> list[dict[str, Any]]:
    """``reportingDescriptor`` objects for every known rule, ordered by code."""
    from ..docgen import help_uri, rule_docs
    from ..suppression import known_rules

    bodies = {doc.meta.code: doc.body for doc in rule_docs()}
    out = []
    for meta in sorted(known_rules(), key=lambda m: m.code):
        markdown = bodies.get(meta.code) or meta.summary
        full = _first_paragraph(markdown, "What it does") or meta.summary
        tags = [meta.kind]
        if meta.cwe:
            tags += [meta.cwe, f"external/cwe/cwe-{meta.cwe.split('-', 1)[-1]}"]
        help_text = f"{meta.summary}. Fix: {meta.fix}" if meta.fix else meta.summary
        out.append({
            "id": meta.code,
            "name": meta.name,
            "shortDescription": {"text": meta.summary},
            "fullDescription": {"text": full},
            "help": {"text": help_text, "markdown": markdown},
            "helpUri": help_uri(meta),
            "defaultConfiguration": {"level": LEVELS.get(meta.severity, "warning")},
            "properties": {"tags": tags, "languages": list(meta.languages)},
        })
    return out


def result(d: Diagnostic, cwd: str, rule_index: dict[str, int], fix: Any = None) -> dict[str, Any]:
    from ..baseline import fingerprint

    out: dict[str, Any] = {"ruleId": d.code}
    if d.code in rule_index:
        out["ruleIndex"] = rule_index[d.code]
    out["level"] = LEVELS.get(d.severity, "warning")
    out["message"] = {"text": d.message}
    out["locations"] = [{"physicalLocation": {"artifactLocation": _artifact(d.path, cwd),
                                              "region": _region(d.span)}}]
    if d.steps:
        out["relatedLocations"] = [_step_location(s, cwd, i) for i, s in enumerate(d.steps, 1)]
        out["codeFlows"] = [{"threadFlows": [{"locations": [
            {"location": _step_location(s, cwd), "executionOrder": i} for i, s in enumerate(d.steps, 1)
        ]}]}]
    out["partialFingerprints"] = {"pglint/v1": fingerprint(d, cwd)}
    if fix is not None:  # pglint.fixes.FixReport
        out["fixes"] = [{"description": {"text": f"{fix.title} ({fix.safety})"}, "artifactChanges": [{
            "artifactLocation": _artifact(d.path, cwd),
            "replacements": [{"deletedRegion": {"startLine": a, "startColumn": b, "endLine": c, "endColumn": e},
                              "insertedContent": {"text": text}} for a, b, c, e, text in fix.regions]}]}]
    props: dict[str, Any] = {"rule": d.rule, "fixAvailable": fix is not None}
    if fix is not None:
        props["fixSafety"] = fix.safety
    if d.fix:
        props["fix"] = d.fix
    if d.cwe:
        props["cwe"] = d.cwe
    out["properties"] = props
    return out


def render(diagnostics: Sequence[Diagnostic], *, cwd: str, fixes: Any = None) -> str:
    """The SARIF log for ``diagnostics``, paths relative to ``cwd`` (``%SRCROOT%``)."""
    from .. import __version__

    rules = rule_descriptors()
    index = {r["id"]: i for i, r in enumerate(rules)}
    run = {
        "tool": {"driver": {
            "name": "pglint",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": "https://github.com/pglint/pglint",
            "rules": rules,
        }},
        "originalUriBaseIds": {SRCROOT: {"uri": Path(os.path.abspath(cwd)).as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [result(d, cwd, index, (fixes or {}).get(d))
                    for d in sorted(diagnostics, key=Diagnostic.sort_key)],
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json_text(log) + "\n"
