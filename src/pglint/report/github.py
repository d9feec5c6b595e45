"""GitHub Actions workflow commands (``--format github``): one annotation per finding.

Each finding becomes ``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=PG101
no-missing-client-release::message`` (``warning`` and ``notice`` for the other
severities), which GitHub shows on the pull request's diff. The message carries
the fix and the numbered witness path on further lines. Values are escaped as
the runner expects: ``%``, ``\\r`` and ``\\n`` everywhere, and ``:`` and ``,``
in properties too. Paths are relative to the directory pglint ran in (the
repository root in a workflow); one with a control character or an undecodable
byte is shown quoted and escaped (:func:`~pglint.report.paths.printable_path`).
"""

from __future__ import annotations

from typing import Sequence

from ..diagnostics import Diagnostic
from .paths import escape_controls, printable_path, shown_path

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic, cwd: str) -> str:
    span = d.span
    props = [f"file={escape_property(printable_path(shown_path(d.path, cwd)))}", f"line={span.line}",
             f"col={span.column}"]
    if (span.end_line, span.end_column) >= (span.line, span.column):
        props += [f"endLine={span.end_line}", f"endColumn={span.end_column}"]
    props.append(f"title={escape_property(f'{d.code} {d.rule}')}")
    text = escape_controls(d.message)
    if d.fix:
        text += f"\nFix: {escape_controls(d.fix)}"
    for i, step in enumerate(d.steps, 1):
        text += (f"\n{i}. {printable_path(shown_path(step.path, cwd))}:{step.line}:{step.column} "
                 f"{escape_controls(step.message)}")
    return f"::{LEVELS.get(d.severity, 'warning')} {','.join(props)}::{escape_data(text)}"


def render(diagnostics: Sequence[Diagnostic], *, cwd: str) -> str:
    """One workflow command per finding, in path/line order ("" when there are none)."""
    return "".join(annotation(d, cwd) + "\n" for d in sorted(diagnostics, key=Diagnostic.sort_key))
