"""``pglint server``: a Language Server Protocol server over stdio (pygls + lsprotocol).

The server keeps a :class:`~pglint.session.Session` of the workspace (the
project index and function summaries, built once at ``initialized`` and
updated file by file) and publishes each open Python/JS/TS document's
findings on open, on change (debounced, from the unsaved buffer) and on save.
A change re-checks the open documents that import the changed file. Each LSP
diagnostic carries the rule's code, a ``codeDescription`` link to its page,
the Fix line in its message, and the witness path as ``relatedInformation``.

Code actions: the fix of the finding (:mod:`pglint.fixes`; safe fixes are
"preferred"), "suppress on this line" (``# pglint: ignore[rule-name]`` at the
end of a Python line, ``// pglint-disable-next-line rule-name`` above a JS/TS
line) and "show the rule's documentation" (``window/showDocument``).

Settings (``initializationOptions``, or ``workspace/didChangeConfiguration``
with the same keys, at the top level or under ``pglint``): ``select`` and
``ignore`` (lists of rule codes, names or prefixes), ``configFile`` (a
pyproject.toml / pglint.toml to read instead of searching from the
workspace root) and ``debounce`` (milliseconds after the last keystroke before
a buffer is analysed; 300 by default). A failure inside the server is logged to
the client (``window/logMessage``), never fatal.
"""

from __future__ import annotations

import asyncio
import os
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from . import __version__
from .diagnostics import Diagnostic
from .fixes import SAFE, FileFixer, Fix, fixes_by_diagnostic
from .languages import language_for
from .session import Session

SHOW_DOCS = "pglint.showRuleDocs"
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}


def path_of(uri: str) -> str | None:
    """The local path of a ``file:`` URI (``None`` for other schemes)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return os.path.abspath(unquote(parsed.path))


def uri_of(path: str) -> str:
    from pathlib import Path

    return Path(os.path.abspath(path)).as_uri()


def docs_url(code: str) -> str:
    from .docgen import help_uri
    from .rules import all_metas

    meta = next((m for m in all_metas() if m.code == code), None)
    return help_uri(meta) if meta is not None else ""


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def lsp_position(lines: list[str], line: int, column: int) -> types.Position:
    """The LSP position (0-based line, UTF-16 character) of 1-based ``line`` and code-point ``column``."""
    if line < 1:
        return types.Position(0, 0)
    if line > len(lines):
        return types.Position(len(lines), 0)
    text = lines[line - 1]
    return types.Position(line - 1, _utf16(text[:max(column - 1, 0)]))


@dataclass
class Document:
    """What the server last analysed of one open document."""

    uri: str
    path: str
    source: bytes = b""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fixes: dict[Diagnostic, Fix] = field(default_factory=dict)
    pending: asyncio.TimerHandle | None = None


class PglintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("pglint", __version__)
        self.settings: dict[str, Any] = {}
        self.root: str | None = None
        self.session: Session | None = None
        self.documents: dict[str, Document] = {}  # by path

    # ---- helpers
    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def guarded(self, what: str, fn: Callable[[], Any]) -> Any:
        """Run ``fn``; a failure is logged to the client (with its traceback), never fatal."""
        try:
            return fn()
        except Exception as exc:  # noqa: BLE001 - the server outlives any one failure
            self.log(f"pglint: {what} failed: {type(exc).__name__}: {exc}\n{traceback.format_exc()}",
                     types.MessageType.Error)
            return None

    def configure(self, raw: Any) -> None:
        settings = raw.get("pglint", raw) if isinstance(raw, dict) else {}
        self.settings = settings if isinstance(settings, dict) else {}
        self.session = None  # built again on next use, with the new settings

    def workspace_session(self) -> Session:
        if self.session is None:
            select = self.settings.get("select") or None
            ignore = self.settings.get("ignore") or None
            config_file = self.settings.get("configFile") or None
            warnings: list[str] = []
            try:
                self.session = Session(self.root, config_file=config_file, select=select, ignore=ignore,
                                       warnings=warnings)
            except Exception as exc:  # noqa: BLE001 - a bad configuration: say so, analyse with defaults
                self.log(f"pglint: configuration: {exc}; using the defaults", types.MessageType.Error)
                self.session = Session(self.root, select=select, ignore=ignore, isolated=True, warnings=warnings)
            for warning in warnings:
                self.log(f"pglint: warning: {warning}", types.MessageType.Warning)
            for doc in self.documents.values():  # the unsaved buffers win over the disk
                self.session.update(doc.path, self.buffer(doc.uri))
        return self.session

    def buffer(self, uri: str) -> bytes:
        return self.workspace.get_text_document(uri).source.encode("utf-8")

    def debounce(self) -> float:
        try:
            return max(float(self.settings.get("debounce", 300)), 0.0) / 1000.0
        except (TypeError, ValueError):
            return 0.3

    # ---- analysis
    def changed(self, uri: str, now: bool) -> None:
        path = path_of(uri)
        if path is None or language_for(path) is None:
            return
        doc = self.documents.setdefault(path, Document(uri, path))
        if doc.pending is not None:
            doc.pending.cancel()
            doc.pending = None
        if now:
            self.guarded(f"checking {path}", lambda: self.refresh(doc))
        else:
            loop = asyncio.get_event_loop()
            doc.pending = loop.call_later(self.debounce(), lambda: self.guarded(f"checking {path}",
                                                                               lambda: self.refresh(doc)))

    def refresh(self, doc: Document) -> None:
        """Analyse ``doc``'s buffer; publish its findings and those of the open files importing it."""
        doc.pending = None
        session = self.workspace_session()
        affected = session.update(doc.path, self.buffer(doc.uri))
        for path in sorted(affected):
            other = self.documents.get(path)
            if other is not None:
                self.publish(other)

    def publish(self, doc: Document) -> None:
        session = self.workspace_session()
        doc.source = session.sources.get(doc.path, b"")
        doc.diagnostics = session.check(doc.path)
        doc.fixes = fixes_by_diagnostic(doc.diagnostics, {doc.path: doc.source})
        lines = doc.source.decode("utf-8", "replace").splitlines() or [""]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=doc.uri, diagnostics=[self.to_lsp(d, lines, doc) for d in doc.diagnostics]))

    def to_lsp(self, d: Diagnostic, lines: list[str], doc: Document) -> types.Diagnostic:
        start = lsp_position(lines, d.span.line, d.span.column)
        end = lsp_position(lines, d.span.end_line, d.span.end_column)
        if (end.line, end.character) <= (start.line, start.character):
            end = types.Position(start.line, start.character + 1)
        message = d.message + (f"\nFix: {d.fix}" if d.fix else "")
        related = []
        for step in d.steps:
            step_lines = lines if step.path == doc.path else self.lines_of(step.path)
            at = lsp_position(step_lines, step.line, step.column)
            related.append(types.DiagnosticRelatedInformation(
                location=types.Location(uri=uri_of(step.path), range=types.Range(at, at)),
                message=step.message))
        url = docs_url(d.code)
        return types.Diagnostic(
            range=types.Range(start, end), message=message, severity=SEVERITY.get(d.severity),
            code=d.code, code_description=types.CodeDescription(href=url) if url else None, source="pglint",
            related_information=related or None,
            data={"rule": d.rule, "fixable": d in doc.fixes})

    def lines_of(self, path: str) -> list[str]:
        session = self.session
        data = session.sources.get(path) if session is not None else None
        return (data or b"").decode("utf-8", "replace").splitlines() or [""]

    # ---- code actions
    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction | types.Command]:
        path = path_of(params.text_document.uri)
        doc = self.documents.get(path) if path else None
        if doc is None:
            return []
        current = self.buffer(doc.uri)
        lines = doc.source.decode("utf-8", "replace").splitlines() or [""]
        first, last = params.range.start.line + 1, params.range.end.line + 1
        out: list[types.CodeAction | types.Command] = []
        fixed: list[tuple[Diagnostic, Fix]] = []
        for d in doc.diagnostics:
            if d.path != doc.path or not (first <= d.span.line <= last or d.span.line <= first <= d.span.end_line):
                continue
            lsp = self.to_lsp(d, lines, doc)
            fix = doc.fixes.get(d)
            if fix is not None and current == doc.source:  # never edit a buffer the fix was not made for
                fixed.append((d, fix))
                out.append(types.CodeAction(
                    title=f"{fix.title} ({d.code}{', unsafe' if fix.safety != SAFE else ''})",
                    kind=types.CodeActionKind.QuickFix, diagnostics=[lsp], is_preferred=fix.safety == SAFE,
                    edit=self.workspace_edit(doc, [fix])))
            suppress = self.suppression(doc, d) if current == doc.source and d.code not in ("PG001", "PG002") else None
            if suppress is not None:
                out.append(types.CodeAction(title=f"Suppress {d.code} ({d.rule}) on this line",
                                            kind=types.CodeActionKind.QuickFix, diagnostics=[lsp],
                                            edit=types.WorkspaceEdit(changes={doc.uri: [suppress]})))
            url = docs_url(d.code)
            if url:  # a bare Command (Command | CodeAction): every client runs it from the same menu
                out.append(types.Command(title=f"Show documentation for {d.code} ({d.rule})",
                                         command=SHOW_DOCS, arguments=[url]))
        return out

    def workspace_edit(self, doc: Document, fixes: list[Fix]) -> types.WorkspaceEdit:
        fx = FileFixer(doc.path, doc.source, language_for(doc.path) or "python")
        lines = doc.source.decode("utf-8", "replace").splitlines() or [""]
        edits = []
        for fix in fixes:
            for e in fix.edits:
                a, b = fx.position(e.start), fx.position(e.end)
                edits.append(types.TextEdit(range=types.Range(lsp_position(lines, *a), lsp_position(lines, *b)),
                                            new_text=e.text))
        return types.WorkspaceEdit(changes={doc.uri: edits})

    def suppression(self, doc: Document, d: Diagnostic) -> types.TextEdit | None:
        lines = doc.source.decode("utf-8", "replace").splitlines() or [""]
        if not 0 < d.span.line <= len(lines):
            return None
        text = lines[d.span.line - 1]
        if language_for(doc.path) == "python":
            if text.rstrip().endswith("\\"):
                return None
            at = lsp_position(lines, d.span.line, len(text.rstrip()) + 1)
            return types.TextEdit(range=types.Range(at, at), new_text=f"  # pglint: ignore[{d.rule}]")
        indent = text[:len(text) - len(text.lstrip(" \t"))]
        at = types.Position(d.span.line - 1, 0)
        newline = "\r\n" if b"\r\n" in doc.source else "\n"
        return types.TextEdit(range=types.Range(at, at),
                              new_text=f"{indent}// pglint-disable-next-line {d.rule}{newline}")


server = PglintServer()


@server.feature(types.INITIALIZE)
def _initialize(ls: PglintServer, params: types.InitializeParams) -> None:
    folders = params.workspace_folders or []
    root = path_of(folders[0].uri) if folders else (path_of(params.root_uri) if params.root_uri else None)
    ls.root = root or (params.root_path if params.root_path else None)
    ls.configure(params.initialization_options or {})


@server.feature(types.INITIALIZED)
def _initialized(ls: PglintServer, params: types.InitializedParams) -> None:
    ls.guarded("indexing the workspace", ls.workspace_session)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def _did_open(ls: PglintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.changed(params.text_document.uri, now=True)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def _did_change(ls: PglintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.changed(params.text_document.uri, now=False)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def _did_save(ls: PglintServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.changed(params.text_document.uri, now=True)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def _did_close(ls: PglintServer, params: types.DidCloseTextDocumentParams) -> None:
    path = path_of(params.text_document.uri)
    doc = ls.documents.pop(path, None) if path else None
    if doc is None:
        return
    if doc.pending is not None:
        doc.pending.cancel()
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=doc.uri, diagnostics=[]))

    def back_to_disk() -> None:  # the buffer is gone: the file is what is on disk again
        if ls.session is not None and path is not None:
            for other in sorted(ls.session.update(path, None)):
                if other in ls.documents:
                    ls.publish(ls.documents[other])
    ls.guarded(f"closing {path}", back_to_disk)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def _watched(ls: PglintServer, params: types.DidChangeWatchedFilesParams) -> None:
    def reread() -> None:
        if ls.session is None:
            return
        affected: set[str] = set()
        for change in params.changes:
            path = path_of(change.uri)
            if path is None or path in ls.documents:  # an open buffer wins over the disk
                continue
            affected |= ls.session.update(path, None)
        for path in sorted(affected):
            if path in ls.documents:
                ls.publish(ls.documents[path])
    ls.guarded("reading changed files", reread)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
def _configuration(ls: PglintServer, params: types.DidChangeConfigurationParams) -> None:
    ls.configure(params.settings or {})

    def recheck() -> None:
        ls.workspace_session()
        for doc in list(ls.documents.values()):
            ls.publish(doc)
    ls.guarded("applying the configuration", recheck)


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
def _code_action(ls: PglintServer, params: types.CodeActionParams) -> list[types.CodeAction | types.Command]:
    return ls.guarded("computing code actions", lambda: ls.code_actions(params)) or []


@server.command(SHOW_DOCS)
def _show_docs(ls: PglintServer, url: str) -> None:
    ls.window_show_document(types.ShowDocumentParams(uri=url, external=True))


def start() -> None:
    """Serve on stdin/stdout until the client says ``exit``."""
    server.start_io()


__all__ = ["PglintServer", "server", "start"]
