"""``pglint server`` driven over stdio by pygls's LSP client: the real server process, real messages.

Each test starts ``python -m pglint server`` in a temporary workspace, initializes
it, opens documents and waits for the diagnostics it publishes (the waits are a
safety net against a hung server, not a measure of speed).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any, Awaitable, Callable

import pytest

pytest.importorskip("pygls")
from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

WAIT = 60.0

DB_JS = "const { Pool } = require('pg');\n\nmodule.exports = new Pool();\n"
APP_JS = """const pool = require('./db');

async function listUsers() {
  const client = await pool.connect();
  const res = await client.query('SELECT id FROM users');
  client.release();
  return res.rows;
}

module.exports = { listUsers };
"""
LEAK_PY = """import psycopg2.pool

pool = psycopg2.pool.SimpleConnectionPool(1, 5)


def count_users():
    conn = pool.getconn()
    cur = conn.cursor()
    cur.execute("SELECT count(*) FROM users")
    pool.putconn(conn)
    return cur.fetchone()
"""


class Editor:
    """An LSP client with the server's published diagnostics and log messages."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.client = LanguageClient("pglint-tests", "0")
        self.diagnostics: dict[str, list[types.Diagnostic]] = {}
        self.logs: list[str] = []
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        self.changed = asyncio.Event()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _published(params: types.PublishDiagnosticsParams) -> None:
            self.diagnostics[params.uri] = list(params.diagnostics)
            self.changed.set()

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def _logged(params: types.LogMessageParams) -> None:
            self.logs.append(params.message)

    async def start(self, options: dict[str, Any] | None = None) -> None:
        await self.client.start_io(sys.executable, "-m", "pglint", "server")
        await self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=self.root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=self.root.as_uri(), name="ws")],
            initialization_options={"debounce": 20, **(options or {})}))
        self.client.initialized(types.InitializedParams())

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    def uri(self, name: str) -> str:
        return (self.root / name).as_uri()

    def open(self, name: str) -> str:
        uri = self.uri(name)
        language = "python" if name.endswith(".py") else "javascript"
        self.texts[uri] = (self.root / name).read_text()
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id=language, version=1, text=self.texts[uri])))
        return uri

    def change(self, uri: str, text: str) -> None:
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    async def until(self, check: Callable[[], bool]) -> None:
        async def wait() -> None:
            while not check():
                self.changed.clear()
                await self.changed.wait()
        await asyncio.wait_for(wait(), WAIT)

    def codes(self, uri: str) -> list[str]:
        return [str(d.code) for d in self.diagnostics.get(uri, [])]

    async def actions(self, uri: str, diag: types.Diagnostic) -> list[types.CodeAction | types.Command]:
        result = await self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=diag.range,
            context=types.CodeActionContext(diagnostics=[diag])))
        return list(result or [])

    def apply(self, uri: str, edit: types.WorkspaceEdit) -> str:
        """The document's text with ``edit`` applied (sent to the server as a change)."""
        assert edit.changes is not None
        lines = self.texts[uri].splitlines(keepends=True)

        def offset(pos: types.Position) -> int:
            return sum(len(line) for line in lines[:pos.line]) + pos.character  # ASCII documents

        text = self.texts[uri]
        for e in sorted(edit.changes[uri], key=lambda e: (e.range.start.line, e.range.start.character),
                        reverse=True):
            text = text[:offset(e.range.start)] + e.new_text + text[offset(e.range.end):]
        self.change(uri, text)
        return text


def drive(root: Path, body: Callable[[Editor], Awaitable[None]], options: dict[str, Any] | None = None) -> Editor:
    async def main() -> Editor:
        editor = Editor(root)
        await editor.start(options)
        try:
            await body(editor)
        finally:
            await editor.stop()
        return editor
    return asyncio.run(main())


def test_leak_underlined_with_path_then_fixed_by_code_action(tmp_path: Path) -> None:
    (tmp_path / "db.js").write_text(DB_JS)
    (tmp_path / "app.js").write_text(APP_JS)

    async def body(ed: Editor) -> None:
        uri = ed.open("app.js")
        await ed.until(lambda: "PG101" in ed.codes(uri))
        diag = next(d for d in ed.diagnostics[uri] if d.code == "PG101")
        assert diag.source == "pglint"
        assert diag.severity == types.DiagnosticSeverity.Error
        assert (diag.range.start.line, diag.range.start.character) == (3, 8)  # `client`, 0-based
        assert diag.code_description is not None and diag.code_description.href.endswith(".md")
        assert "PG101" in diag.code_description.href
        assert "\nFix: " in diag.message
        related = diag.related_information or []
        # the witness path, one entry per step (as `pglint check --format json` lists them)
        assert [(r.location.range.start.line, r.location.range.start.character, r.message) for r in related] == [
            (3, 8, "client checked out of pool"), (4, 20, "`client.query` throws"),
            (4, 20, "the exception leaves the function with the client still checked out")]
        assert all(r.location.uri == uri for r in related)
        actions = await ed.actions(uri, diag)
        titles = [a.title for a in actions]
        assert any("finally" in t for t in titles), titles
        assert any(t.startswith("Suppress PG101") for t in titles), titles
        docs = next(a for a in actions if a.title.startswith("Show documentation"))
        assert isinstance(docs, types.Command)
        assert docs.command == "pglint.showRuleDocs" and list(docs.arguments or []) == [diag.code_description.href]
        fix = next(a for a in actions if isinstance(a, types.CodeAction) and "finally" in a.title)
        assert fix.edit is not None
        fixed = ed.apply(uri, fix.edit)
        assert "} finally {\n    client.release();\n  }" in fixed
        await ed.until(lambda: ed.texts[uri] == fixed and "PG101" not in ed.codes(uri))

    drive(tmp_path, body)


def test_unsaved_buffer_and_suppress_action(tmp_path: Path) -> None:
    (tmp_path / "repo.py").write_text("import psycopg2.pool\n")

    async def body(ed: Editor) -> None:
        uri = ed.open("repo.py")
        await ed.until(lambda: uri in ed.diagnostics)
        assert ed.codes(uri) == []
        ed.change(uri, LEAK_PY)  # never saved: the buffer is what is analysed
        await ed.until(lambda: "PG101" in ed.codes(uri))
        diag = next(d for d in ed.diagnostics[uri] if d.code == "PG101")
        suppress = next(a for a in await ed.actions(uri, diag) if a.title.startswith("Suppress"))
        assert isinstance(suppress, types.CodeAction) and suppress.edit is not None
        text = ed.apply(uri, suppress.edit)
        assert "    conn = pool.getconn()  # pglint: ignore[no-missing-client-release]\n" in text
        await ed.until(lambda: ed.codes(uri) == [])

    drive(tmp_path, body)


def test_changing_an_imported_module_rechecks_its_importer(tmp_path: Path) -> None:
    (tmp_path / "db.js").write_text(DB_JS)
    (tmp_path / "app.js").write_text(APP_JS)

    async def body(ed: Editor) -> None:
        app = ed.open("app.js")
        db = ed.open("db.js")
        await ed.until(lambda: "PG101" in ed.codes(app) and db in ed.diagnostics)
        ed.change(db, "module.exports = { connect: async () => null };\n")  # no longer a pool
        await ed.until(lambda: "PG101" not in ed.codes(app))
        ed.change(db, DB_JS)  # a pool again
        await ed.until(lambda: "PG101" in ed.codes(app))

    drive(tmp_path, body)


def test_unparsable_file_is_a_diagnostic_and_the_server_goes_on(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("import psycopg2\ndef f(:\n")
    (tmp_path / "repo.py").write_text(LEAK_PY)

    async def body(ed: Editor) -> None:
        broken = ed.open("broken.py")
        await ed.until(lambda: "PG001" in ed.codes(broken))
        repo = ed.open("repo.py")
        await ed.until(lambda: "PG101" in ed.codes(repo))

    drive(tmp_path, body)


def test_settings_select_ignore_and_configuration_change(tmp_path: Path) -> None:
    (tmp_path / "repo.py").write_text(LEAK_PY + "\n\ndef q(cur):\n    cur.execute(\"SELECT * FROM users\")\n")

    async def body(ed: Editor) -> None:
        uri = ed.open("repo.py")
        await ed.until(lambda: uri in ed.diagnostics)
        assert ed.codes(uri) == ["PG402"]  # PG101 ignored by initializationOptions
        ed.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"pglint": {"select": ["PG101"]}}))
        await ed.until(lambda: ed.codes(uri) == ["PG101"])

    drive(tmp_path, body, {"ignore": ["PG101"]})


def test_project_configuration_applies(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pglint]\nignore = ["no-missing-client-release"]\n')
    (tmp_path / "repo.py").write_text(LEAK_PY)

    async def body(ed: Editor) -> None:
        uri = ed.open("repo.py")
        await ed.until(lambda: uri in ed.diagnostics)
        assert ed.codes(uri) == []

    drive(tmp_path, body)


def test_bad_configuration_is_logged_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pglint]\nselect = 3\n')
    (tmp_path / "repo.py").write_text(LEAK_PY)

    async def body(ed: Editor) -> None:
        uri = ed.open("repo.py")
        await ed.until(lambda: "PG101" in ed.codes(uri))
        assert any("configuration" in line and "select" in line for line in ed.logs), ed.logs

    drive(tmp_path, body)


def test_server_without_the_extra_says_so_in_one_line(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from pglint.cli import main

    monkeypatch.setitem(sys.modules, "pglint.server", None)  # as if pygls were not installed
    assert main(["server"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'pglint[server]'" in err


def test_changes_wait_for_the_pause_and_save_checks_at_once(tmp_path: Path) -> None:
    (tmp_path / "repo.py").write_text("import psycopg2.pool\n")

    async def body(ed: Editor) -> None:
        uri = ed.open("repo.py")
        await ed.until(lambda: uri in ed.diagnostics)
        published = ed.diagnostics[uri]
        ed.change(uri, LEAK_PY)  # debounced for a minute: nothing is published yet
        await asyncio.sleep(0.5)
        assert ed.diagnostics[uri] is published
        ed.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))
        await ed.until(lambda: "PG101" in ed.codes(uri))

    drive(tmp_path, body, {"debounce": 60000})
