"""Turns resource-analysis findings into diagnostics: the wording shared by PG101–PG104.

The rules decide *which* findings they own (pool clients, direct connections,
double releases, open transactions); this module says them the same way
everywhere: the message names the release the code is missing and the event on
the path that skips it, the fix names the driver's safe idiom, and the witness
path becomes ``steps``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Step
from ..ir.cfg import Ev, Node
from .resources import LEND_LABEL, ResourceFinding, call_text

if TYPE_CHECKING:
    from .context import FileContext
    from ..rules.base import RuleMeta


_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")
_FIELD = re.compile(r"(?:self|this)\.[A-Za-z_$][\w$]*")  # a field of the object: `self.conn`


def release_hint(finding: ResourceFinding) -> str:
    """The release call to suggest, spelled with the variable the code uses where possible."""
    info = finding.info
    hint = info.release_hint
    var = finding.site.var
    if var is not None and not _IDENTIFIER.fullmatch(var) and not _FIELD.fullmatch(var):
        var = None  # an unnamed checkout (`open_conn()@10:16`, a JS temporary): the model's spelling
    prefix = ""
    if hint.startswith("await "):
        prefix, hint = "await ", hint[len("await "):]
    if var and hint.startswith(("client.", "conn.")):
        hint = var + hint[hint.index("."):]
    elif var and hint.endswith("(conn)"):
        hint = hint[: -len("(conn)")] + f"({var})"
    hint = prefix + hint
    return hint


def safe_form(ctx: "FileContext", finding: ResourceFinding) -> str:
    try:
        model = ctx.registry.model(finding.info.driver)
    except KeyError:
        return ""
    return model.safe_forms.get(finding.info.kind, "")


def _label(node_label: str) -> str:
    return f"`{node_label}`" if node_label else "a call"


def _trigger_text(trig: "Node | None") -> str:
    """The node whose exception a lifecycle finding follows, as the message names it."""
    if trig is not None and not trig.label and trig.var and trig.kind in (Ev.BEGIN, Ev.COMMIT, Ev.ROLLBACK):
        return f"the {trig.kind.value.upper()} on `{trig.var}`"
    return _label(call_text(trig.label) if trig is not None else "")


def leak_message(finding: ResourceFinding, missing: str) -> str:
    """``missing`` is the phrase for what is absent: ``Missing client.release()``."""
    reason = finding.reason
    trig = finding.trigger
    if reason == "never":
        return f"{missing} detected"
    if reason == "discarded":
        return f"{missing}: the result of {finding.info.api or 'the checkout'} is never stored"
    if reason == "exception":
        where = f" at line {trig.span.line}" if trig is not None and trig.span else ""
        if trig is not None and trig.label == LEND_LABEL:
            return f"{missing} when the body of the `with` block raises (the `yield`{where})"
        return f"{missing} when {_label(call_text(trig.label) if trig else '')}{where} throws"
    if reason == "return" and trig is not None and trig.span:
        return f"{missing} on the path that returns at line {trig.span.line}"
    if reason == "reacquire":
        return f"{missing} before the next checkout at the same place (loop or retry)"
    if reason == "enter-raises":
        method = finding.function.name.rpartition(".")[2]
        where = f" at line {trig.span.line}" if trig is not None and trig.span else ""
        what = _trigger_text(trig)
        return (f"{missing} when {what}{where} throws in `{method}()`: the {finding.info.noun} is kept "
                f"in `{_field_of(finding)}`, and the method that gives it back is not called when "
                f"`{method}()` fails")
    if reason == "exit-skips":
        method = finding.function.name.rpartition(".")[2]
        where = f" at line {trig.span.line}" if trig is not None and trig.span else ""
        what = _trigger_text(trig)
        return (f"{missing} in `{method}()` when {what}{where} throws: the exception skips the "
                f"release of `{finding.site.var}`")
    if reason == "field":
        cls = finding.function.name.rsplit(".", 1)[0]
        return f"{missing}: `{finding.site.var}` is stored, used by other methods, and no method of `{cls}` gives it back"
    if reason == "overwritten" and trig is not None:
        return f"{missing} before `{trig.var}` is overwritten"
    return f"{missing} on a path that reaches the end of the function"


def _field_of(finding: ResourceFinding) -> str:
    """The field an ``enter-raises`` finding's resource is kept in (``self.conn``)."""
    var = finding.site.var or ""
    if var.startswith(("self.", "this.")):
        return var
    for step in finding.steps:
        m = re.search(r"`((?:self|this)\.\w+)`", step.message)
        if m:
            return m.group(1)
    return var


def leak_fix(ctx: "FileContext", finding: ResourceFinding, verb: str) -> str:
    """The fix of a leak: ``verb`` (``Add`` / ``Call``) the release in a finally block, or for a
    lifecycle kept in an object, the handler that gives it back (see :mod:`.objects`)."""
    hint = release_hint(finding)
    if finding.reason == "enter-raises":
        return (f"Give it back when the rest of the method fails: wrap what follows the checkout in "
                f"try/except (catch) that calls {hint} and re-raises")
    if finding.reason == "exit-skips":
        return f"Give it back in a nested finally: try: <what can fail> finally: {hint}"
    safe = safe_form(ctx, finding)
    return f"{verb} {hint} in a finally block" + (f" or {safe}" if safe else "")


def to_diagnostic(ctx: "FileContext", meta: "RuleMeta", finding: ResourceFinding,
                  message: str, fix: str) -> Diagnostic:
    at = finding.at
    span = at.span or finding.site.span or finding.function.span
    assert span is not None
    steps = tuple(Step(s.path or ctx.path, s.span.line, s.span.column, s.message) for s in finding.steps)
    return Diagnostic(
        rule=meta.name, code=meta.code, severity=meta.severity, message=message,
        path=ctx.path, span=span, fix=fix, cwe=meta.cwe, steps=steps,
        function=finding.function.name, snippet=ctx.line_text(span.line),
    )
