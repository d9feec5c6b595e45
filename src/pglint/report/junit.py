"""JUnit XML output (``--format junit``), for CI systems that show test reports (GitLab, Jenkins, Azure).

One ``<testsuite name="pglint">``. Every finding is a ``<testcase>`` that fails:
``classname`` is the file, ``name`` is ``CODE rule at line:col``, and the
``<failure>`` carries the message (attribute), the severity (``type``) and, as
text, the location, message, fix and numbered witness path. When the caller
passes the list of checked files, each file without findings adds one passing
``<testcase name="pglint">`` so a clean run still shows what was checked (the
ESLint JUnit formatter's layout). A path with a control character or an
undecodable byte is shown quoted and escaped
(:func:`~pglint.report.paths.printable_path`), control characters in messages
are escaped, and any other character XML cannot hold is dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Sequence

from ..diagnostics import Diagnostic
from .paths import escape_controls, printable_path, shown_path

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("", text)


def _path(path: str, cwd: str) -> str:
    return printable_path(shown_path(path, cwd))


def _failure_text(d: Diagnostic, cwd: str) -> str:
    lines = [f"{_path(d.path, cwd)}:{d.span.line}:{d.span.column}: {d.code} {d.rule} ({d.severity})",
             escape_controls(d.message)]
    if d.fix:
        lines.append(f"Fix: {escape_controls(d.fix)}")
    if d.cwe:
        lines.append(d.cwe)
    for i, step in enumerate(d.steps, 1):
        lines.append(f"{i}. {_path(step.path, cwd)}:{step.line}:{step.column} {escape_controls(step.message)}")
    return "\n".join(lines)


def render(diagnostics: Sequence[Diagnostic], *, cwd: str, files: Sequence[str] | None = None) -> str:
    """The JUnit XML document; ``files`` (optional) are the files checked, for passing test cases."""
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    with_findings = {_path(d.path, cwd) for d in ordered}
    clean = sorted({_path(f, cwd) for f in files or ()} - with_findings)
    suite = ET.Element("testsuite", {
        "name": "pglint", "tests": str(len(ordered) + len(clean)), "failures": str(len(ordered)),
        "errors": "0", "skipped": "0", "time": "0",
    })
    cases: list[tuple[str, int, int, ET.Element]] = []
    for d in ordered:
        path = _path(d.path, cwd)
        case = ET.Element("testcase", {"classname": _clean(path),
                                       "name": _clean(f"{d.code} {d.rule} at {d.span.line}:{d.span.column}"),
                                       "time": "0"})
        failure = ET.SubElement(case, "failure", {"message": _clean(escape_controls(d.message)),
                                                  "type": d.severity})
        failure.text = _clean(_failure_text(d, cwd))
        cases.append((path, 1, len(cases), case))
    for path in clean:
        case = ET.Element("testcase", {"classname": _clean(path), "name": "pglint", "time": "0"})
        cases.append((path, 0, len(cases), case))
    for _, _, _, case in sorted(cases, key=lambda c: (c[0], c[1], c[2])):
        suite.append(case)
    root = ET.Element("testsuites", {"name": "pglint", "tests": suite.get("tests", "0"),
                                     "failures": suite.get("failures", "0"), "errors": "0", "time": "0"})
    root.append(suite)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
