"""The VS Code extension in ``editors/vscode``: it builds, it packages, and its settings reach the server.

The extension is built in a temporary copy of its folder (``npm ci`` from the
committed package-lock.json, then ``vsce package``, which compiles with
``tsc`` first), so nothing is written
into the repository. Its settings logic (``src/settings.ts``: the server's
command line and the settings it sends) runs under plain Node, and the command
it builds is started as the real ``pglint server``.

Without node and npm the tests are skipped, unless ``PGLINT_REQUIRE_NODE=1``
says the environment must have them (then they fail).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

EXTENSION = Path(__file__).resolve().parents[2] / "editors" / "vscode"
SERVER = Path(__file__).resolve().parents[2] / "src" / "pglint" / "server.py"
NPM_TIMEOUT = 900  # seconds; a safety net against a hung registry, not a measure of speed
LANGUAGES = ["python", "javascript", "typescript", "javascriptreact", "typescriptreact"]

LEAK_PY = """import psycopg2.pool

pool = psycopg2.pool.SimpleConnectionPool(1, 5)


def count_users():
    conn = pool.getconn()
    cur = conn.cursor()
    cur.execute("SELECT count(*) FROM users")
    pool.putconn(conn)
    return cur.fetchone()
"""


def tools() -> tuple[str, str]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        if os.environ.get("PGLINT_REQUIRE_NODE") == "1":
            pytest.fail("PGLINT_REQUIRE_NODE=1 but node or npm is not on the PATH")
        pytest.skip("node and npm are not installed (needed to build editors/vscode)")
    return node, npm


def run(args: list[str], cwd: Path) -> str:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=NPM_TIMEOUT)
    assert done.returncode == 0, f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of editors/vscode with its dependencies installed, compiled and packaged as pglint.vsix."""
    _, npm = tools()
    folder = tmp_path_factory.mktemp("vscode") / "vscode"
    shutil.copytree(EXTENSION, folder, ignore=shutil.ignore_patterns("node_modules", "out", "*.vsix"))
    run([npm, "ci", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund"], folder)
    # vsce runs the manifest's vscode:prepublish script, `tsc -p .`, before packaging
    run([npm, "exec", "--no", "--", "vsce", "package", "--skip-license", "--allow-missing-repository",
         "--out", "pglint.vsix"], folder)
    return folder


def settings_logic(built: Path, settings: dict[str, Any], folder: str | None) -> dict[str, Any]:
    """What the compiled src/settings.ts makes of ``settings``: the server command and the server's settings."""
    node, _ = tools()
    script = ("const s = require(process.argv[1]); const [settings, folder] = JSON.parse(process.argv[2]);"
              "console.log(JSON.stringify({command: s.serverCommand(settings, folder ?? undefined),"
              " settings: s.serverSettings(settings, folder ?? undefined)}));")
    out = run([node, "-e", script, str(built / "out" / "settings.js"), json.dumps([settings, folder])], built)
    result: dict[str, Any] = json.loads(out)
    return result


def test_the_extension_packages_its_compiled_code_and_runtime_dependencies_only(built: Path) -> None:
    with zipfile.ZipFile(built / "pglint.vsix") as vsix:
        names = set(vsix.namelist())
    for needed in ("extension/package.json", "extension/readme.md", "extension/out/extension.js",
                   "extension/out/settings.js", "extension/node_modules/vscode-languageclient/package.json"):
        assert needed in names
    assert not [n for n in names if n.startswith("extension/src/") or n.endswith(".ts")]
    assert not [n for n in names if n.startswith(("extension/node_modules/typescript/",
                                                  "extension/node_modules/@vscode/vsce/",
                                                  "extension/node_modules/@types/"))]


def test_manifest_contributes_the_server_settings_a_restart_command_and_the_languages() -> None:
    manifest = json.loads((EXTENSION / "package.json").read_text())
    server_keys = set(re.findall(r"self\.settings\.get\(\"(\w+)\"", SERVER.read_text()))
    assert server_keys == {"select", "ignore", "configFile", "debounce"}
    properties = set(manifest["contributes"]["configuration"]["properties"])
    assert properties == {f"pglint.{key}" for key in server_keys | {"path", "interpreter"}}
    assert [c["command"] for c in manifest["contributes"]["commands"]] == ["pglint.restart"]
    assert manifest["activationEvents"] == [f"onLanguage:{language}" for language in LANGUAGES]
    assert manifest["main"] == "./out/extension.js"
    assert manifest["license"] == "MIT"  # as pyproject.toml's
    # a workspace's own settings must not choose the program VS Code runs until the workspace is trusted
    assert set(manifest["capabilities"]["untrustedWorkspaces"]["restrictedConfigurations"]) == {
        "pglint.path", "pglint.interpreter"}


def test_the_extension_sends_every_setting_the_server_reads(built: Path) -> None:
    server_keys = set(re.findall(r"self\.settings\.get\(\"(\w+)\"", SERVER.read_text()))
    assert set(settings_logic(built, {}, None)["settings"]) == server_keys


def test_server_command_path_then_interpreter_then_the_path_lookup(built: Path) -> None:
    assert settings_logic(built, {}, None)["command"] == {"command": "pglint", "args": ["server"]}
    assert settings_logic(built, {"interpreter": "/venv/bin/python"}, "/ws")["command"] == {
        "command": "/venv/bin/python", "args": ["-m", "pglint", "server"]}
    assert settings_logic(built, {"path": "${workspaceFolder}/.venv/bin/pglint", "interpreter": "/venv/bin/python"},
                          "/ws")["command"] == {"command": "/ws/.venv/bin/pglint", "args": ["server"]}
    home = settings_logic(built, {"interpreter": "~/venv/bin/python"}, None)["command"]["command"]
    assert home == str(Path.home() / "venv" / "bin" / "python")


def test_server_settings_are_cleaned_and_a_relative_config_file_is_taken_from_the_workspace(built: Path) -> None:
    settings = settings_logic(built, {"select": ["PG101", 3, " "], "ignore": "PG402", "configFile": "conf/pglint.toml",
                                      "debounce": -5}, "/ws")["settings"]
    assert settings == {"select": ["PG101"], "ignore": [], "configFile": "/ws/conf/pglint.toml", "debounce": 300}
    assert settings_logic(built, {"configFile": "/etc/pglint.toml", "debounce": 50}, "/ws")["settings"][
        "configFile"] == "/etc/pglint.toml"


def test_the_command_and_settings_the_extension_builds_start_the_real_server(built: Path, tmp_path: Path) -> None:
    pytest.importorskip("pygls")
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    (tmp_path / "app.py").write_text(LEAK_PY)
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "pglint.toml").write_text('ignore = ["PG101"]\n')
    start = settings_logic(built, {"interpreter": sys.executable, "debounce": 20}, str(tmp_path))
    reconfigured = settings_logic(built, {"configFile": "conf/pglint.toml"}, str(tmp_path))["settings"]
    uri = (tmp_path / "app.py").as_uri()

    async def main() -> None:
        client = LanguageClient("pglint-vscode-test", "0")
        published: list[list[str]] = []
        changed = asyncio.Event()

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _published(params: types.PublishDiagnosticsParams) -> None:
            if params.uri == uri:
                published.append(sorted(str(d.code) for d in params.diagnostics))
                changed.set()

        async def until(codes: list[str]) -> None:
            while not published or published[-1] != codes:
                changed.clear()
                await asyncio.wait_for(changed.wait(), 60)

        await client.start_io(start["command"]["command"], *start["command"]["args"], cwd=str(EXTENSION))
        try:
            await client.initialize_async(types.InitializeParams(
                capabilities=types.ClientCapabilities(), root_uri=tmp_path.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="ws")],
                initialization_options=start["settings"]))
            client.initialized(types.InitializedParams())
            client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
                uri=uri, language_id="python", version=1, text=LEAK_PY)))
            await until(["PG101"])
            # what the extension sends when pglint.configFile changes (not path/interpreter: no restart)
            client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=reconfigured))
            await until([])
        finally:
            await asyncio.wait_for(client.shutdown_async(None), 60)
            client.exit(None)
            await client.stop()

    asyncio.run(main())
