"""The default, human-readable report, laid out like ESLint's ``stylish`` formatter.

Findings are grouped by file: a header line with the file's path, then one line
per finding (``  L:C  severity  [CWE-n | ]message  rule-name``, columns aligned
within the file), followed by the ``Fix:`` hint and the numbered witness steps,
indented to start under the message. Steps in another file show ``path:L:C``.
Files are separated by a blank line and a summary (``✖ 3 problems (2 errors,
1 warning)``) closes the report; a clean run prints ``All checks passed!``.
``--quiet`` keeps only the findings. ANSI colours are added only when asked for.
A path with a control character or an undecodable byte is shown quoted and
escaped (:func:`~pglint.report.paths.printable_path`); control characters in
messages are escaped, so nothing from a file name or a file acts on the terminal.
"""

from __future__ import annotations

from itertools import groupby
from typing import Sequence

from ..diagnostics import Diagnostic
from . import ReportOptions, display_path, rule_counts
from .paths import escape_controls, printable_path

_RESET = "\x1b[0m"
_STYLES = {
    "path": "\x1b[4m",
    "dim": "\x1b[2m",
    "error": "\x1b[31m",
    "warning": "\x1b[33m",
    "info": "\x1b[34m",
    "fix": "\x1b[36m",
    "bold-error": "\x1b[1;31m",
    "bold-warning": "\x1b[1;33m",
    "ok": "\x1b[32m",
}

CLEAN = "All checks passed!"


class _Painter:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        if not self.enabled or not text:
            return text
        return f"{_STYLES[style]}{text}{_RESET}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _one_line(text: str) -> str:
    return escape_controls(" ".join(text.split()))


def _headline(d: Diagnostic) -> str:
    message = _one_line(d.message)
    return f"{d.cwe} | {message}" if d.cwe else message


def _file_block(path: str, diags: Sequence[Diagnostic], options: ReportOptions,
                paint: _Painter) -> list[str]:
    line_w = max(len(str(d.span.line)) for d in diags)
    col_w = max(len(str(d.span.column)) for d in diags)
    sev_w = max(len(d.severity) for d in diags)
    msg_w = max(len(_headline(d)) for d in diags)
    out = [paint("path", printable_path(display_path(path, options.cwd)))]
    for d in diags:
        loc = f"{d.span.line:>{line_w}}:{d.span.column:<{col_w}}"
        headline = _headline(d)
        pad = " " * (msg_w - len(headline))
        out.append(f"  {paint('dim', loc)}  {paint(d.severity, d.severity.ljust(sev_w))}  "
                   f"{headline}{pad}  {paint('dim', d.rule)}")
        indent = " " * (2 + len(loc) + 2 + sev_w + 2)
        if d.fix:
            out.append(f"{indent}{paint('fix', 'Fix:')} {_one_line(d.fix)}")
        if d.steps:
            locs = []
            for s in d.steps:
                where = f"{s.line}:{s.column}"
                if s.path != d.path:
                    where = f"{printable_path(display_path(s.path, options.cwd))}:{where}"
                locs.append(where)
            num_w = len(str(len(d.steps)))
            loc_w = max(len(x) for x in locs)
            for i, (s, where) in enumerate(zip(d.steps, locs), 1):
                out.append(f"{indent}{i:>{num_w}}. {paint('dim', where.ljust(loc_w))}  "
                           f"{_one_line(s.message)}".rstrip())
    return out


def summary(diagnostics: Sequence[Diagnostic], options: ReportOptions, paint: _Painter) -> str:
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = sum(1 for d in diagnostics if d.severity == "warning")
    infos = len(diagnostics) - errors - warnings
    parts = [_plural(errors, "error"), _plural(warnings, "warning")]
    if infos:
        parts.append(f"{infos} info")
    mark = "\u2716" if options.unicode else "x"
    text = f"{mark} {_plural(len(diagnostics), 'problem')} ({', '.join(parts)})"
    return paint("bold-error" if errors else "bold-warning", text)


def render(diagnostics: Sequence[Diagnostic], options: ReportOptions) -> str:
    paint = _Painter(options.color)
    if not diagnostics:
        return "" if options.quiet else paint("ok", CLEAN) + "\n"
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    blocks = [_file_block(path, list(group), options, paint)
              for path, group in groupby(ordered, key=lambda d: d.path)]
    lines: list[str] = []
    for i, block in enumerate(blocks):
        if i:
            lines.append("")
        lines.extend(block)
    if not options.quiet:
        lines += ["", summary(ordered, options, paint)]
    return "\n".join(lines) + "\n"


def render_statistics(diagnostics: Sequence[Diagnostic], options: ReportOptions) -> str:
    """One line per rule: count, code, name and severity, most frequent first."""
    paint = _Painter(options.color)
    rows = rule_counts(diagnostics)
    if not rows:
        return "" if options.quiet else paint("ok", CLEAN) + "\n"
    count_w = max(len(str(n)) for *_, n in rows)
    code_w = max(len(c) for c, *_ in rows)
    name_w = max(len(r) for _, r, *_ in rows)
    lines = [f"{n:>{count_w}}  {c:<{code_w}}  {r:<{name_w}}  {paint(s, s)}".rstrip()
             for c, r, s, n in rows]
    if not options.quiet:
        lines += ["", summary(diagnostics, options, paint)]
    return "\n".join(lines) + "\n"
