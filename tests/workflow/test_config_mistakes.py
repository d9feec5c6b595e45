"""Every user mistake in the configuration or the rule flags is one line: an error (exit 2) or a warning.

Invalid globs (``[z-a]``), empty rule names, argument positions no call has, one
function declared with two roles, and a ``select`` that ``ignore`` undoes were
internal errors or silently accepted before.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from pglint.cli import main
from pglint.config import ConfigError, load_config
from pglint.flake8_plugin import Plugin

LEAK = "import psycopg2\n\n\ndef leak():\n    conn = psycopg2.connect('')\n    return 1\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(LEAK)
    return tmp_path


def _configure(project: Path, text: str) -> None:
    (project / "pyproject.toml").write_text("[tool.pglint]\n" + textwrap.dedent(text))


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, list[str]]:
    capsys.readouterr()
    code = main(["check", "--no-cache", *args])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def _error(project: Path, text: str) -> str:
    _configure(project, text)
    with pytest.raises(ConfigError) as info:
        load_config([str(project)])
    return str(info.value)


# --------------------------------------------------------------------------- invalid globs


@pytest.mark.parametrize(("text", "message"), [
    ('exclude = ["vendor/", "[z-a]"]',
     "[tool.pglint] 'exclude': '[z-a]' is not a valid glob (bad character range z-a)"),
    ('extend-exclude = ["!"]',
     "[tool.pglint] 'extend-exclude': '!' is not a valid glob (not a valid gitignore pattern)"),
    ('[tool.pglint.per-file-ignores]\n"tests/[z-a]*.py" = ["PG101"]',
     "[tool.pglint.per-file-ignores] 'tests/[z-a]*.py' is not a valid glob (bad character range z-a)"),
])
def test_invalid_glob_is_an_error_naming_file_and_key(project: Path, capsys: pytest.CaptureFixture[str],
                                                      text: str, message: str) -> None:
    _configure(project, text + "\n")
    assert _check(capsys, ".") == (2, "", [f"pglint: error: pyproject.toml: {message}"])


def test_invalid_glob_through_the_flake8_plugin(project: Path) -> None:
    _configure(project, 'extend-exclude = ["[z-a]"]\n')
    found = list(Plugin(ast.parse(LEAK), str(project / "app.py")).run())
    assert [text for _, _, text, _ in found] == [
        "PG002 pglint could not read its configuration: pyproject.toml: [tool.pglint] 'extend-exclude': "
        "'[z-a]' is not a valid glob (bad character range z-a)"]


# --------------------------------------------------------------------------- rule lists


@pytest.mark.parametrize(("text", "message"), [
    ('select = [""]', "[tool.pglint] select: an empty rule name"),
    ('select = ["PG101", " "]', "[tool.pglint] select: an empty rule name"),
    ('ignore = ["PG101,,PG102"]', "[tool.pglint] ignore: an empty rule name in 'PG101,,PG102'"),
    ('extend-select = [""]', "[tool.pglint] extend-select: an empty rule name"),
    ('[tool.pglint.per-file-ignores]\n"tests/" = [""]', "[tool.pglint.per-file-ignores] 'tests/': an empty rule name"),
])
def test_empty_rule_name_is_an_error(project: Path, text: str, message: str) -> None:
    assert _error(project, text + "\n") == f"pyproject.toml: {message}"


@pytest.mark.parametrize(("args", "message"), [
    (["--ignore", ""], "--ignore: an empty rule name"),
    (["--select", "PG101,"], "--select: an empty rule name in 'PG101,'"),
    (["--extend-select", "PG101", "--extend-select", " "], "--extend-select: an empty rule name"),
])
def test_empty_rule_name_on_the_command_line(project: Path, capsys: pytest.CaptureFixture[str],
                                             args: list[str], message: str) -> None:
    assert _check(capsys, "--isolated", *args, ".") == (2, "", [f"pglint: error: {message}"])


def test_empty_select_says_nothing_is_selected(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _configure(project, "select = []\n")
    assert _check(capsys, ".") == (0, "Nothing checked: no rule is selected.\n", [
        "pglint: warning: pyproject.toml: [tool.pglint] 'select' is empty: no rule is selected; "
        "only parse errors are reported"])


def test_empty_select_still_reports_parse_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _configure(project, "select = []\n")
    (project / "broken.py").write_text("def f(:\n")
    code, out, err = _check(capsys, "--format", "concise", ".")
    assert (code, out) == (1, "broken.py:1:7: PG001 syntax error: invalid syntax\n")
    assert len(err) == 1 and "'select' is empty" in err[0]


def test_select_and_ignore_naming_the_same_rule(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _configure(project, 'select = ["PG101", "PG2", "no-unclosed-connection"]\nignore = ["PG1"]\n')
    code, out, err = _check(capsys, "--format", "json", ".")
    assert (code, out) == (0, "[]\n")
    assert err == [
        "pglint: warning: pyproject.toml: [tool.pglint] 'PG101' is in both select and ignore: ignore wins, "
        "it is not reported",
        "pglint: warning: pyproject.toml: [tool.pglint] 'no-unclosed-connection' is in both select and ignore: "
        "ignore wins, it is not reported",
    ]


def test_ignore_dropping_every_selected_rule(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _configure(project, 'select = ["PG103"]\nignore = ["ALL"]\n')
    code, out, err = _check(capsys, ".")
    assert (code, out) == (0, "Nothing checked: no rule is selected.\n")
    assert err[-1] == "pglint: warning: no rule is selected: ignore drops every selected rule; only parse errors are reported"


def test_select_and_ignore_on_the_command_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _check(capsys, "--isolated", "--select", "PG103,PG4", "--ignore", "no-unclosed-connection", ".")
    assert err == ["pglint: warning: --select 'PG103': every rule it names is also in --ignore, which wins: "
                   "not reported"]
    assert code == 0


def test_command_line_ignore_of_a_configured_select_is_not_a_contradiction(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _configure(project, 'select = ["PG1", "PG4"]\n')
    code, _, err = _check(capsys, "--ignore", "PG101", ".")
    assert err == []


# --------------------------------------------------------------------------- resources


@pytest.mark.parametrize(("text", "message"), [
    ('[[tool.pglint.resources.release]]\nfunction = "app.db.put"\narg = 10000000000000',
     "[tool.pglint.resources.release] #1: 'arg' must be an argument position (0, 1, ...), not an integer "
     "(10000000000000): no call has that many arguments (the limit is 255)"),
    ('[[tool.pglint.resources.acquire]]\nfunction = "app.db.get"\nrelease = "app.db.put"\nrelease-arg = 256',
     "[tool.pglint.resources.acquire] #1: 'release-arg' must be an argument position (0, 1, ...), not an integer "
     "(256): no call has that many arguments (the limit is 255)"),
    ('[[tool.pglint.resources.release]]\nfunction = "app.db.put"\n'
     '[[tool.pglint.resources.takes-ownership]]\nfunction = "app.db.put"',
     "[tool.pglint.resources.takes-ownership] #1: 'app.db.put' takes ownership of argument 0, but "
     "[tool.pglint.resources.release] #1 declares that it releases argument 0"),
    ('[[tool.pglint.resources.acquire]]\nfunction = "app.db.get"\nrelease = "app.db.put"\n'
     '[[tool.pglint.resources.borrows]]\nfunction = "app.db.put"\nlanguage = "python"',
     "[tool.pglint.resources.borrows] #1: 'app.db.put' borrows argument 0, but "
     "[tool.pglint.resources.acquire] #1 declares that it releases argument 0"),
    ('[[tool.pglint.resources.release]]\nfunction = "put"\narg = 0\n'
     '[[tool.pglint.resources.release]]\nfunction = "put"\narg = 1',
     "[tool.pglint.resources.release] #2: 'put' releases argument 1, but "
     "[tool.pglint.resources.release] #1 declares that it releases argument 0"),
    ('[[tool.pglint.resources.acquire]]\nfunction = "app.db.get"\n'
     '[[tool.pglint.resources.release]]\nfunction = "app.db.get"\nclose = true',
     "[tool.pglint.resources.release] #1: unknown key 'close' (did you mean 'closes'?)"),
    ('[[tool.pglint.resources.acquire]]\nfunction = "app.db.get"\n'
     '[[tool.pglint.resources.release]]\nfunction = "app.db.get"',
     "[tool.pglint.resources.release] #1: 'app.db.get' releases argument 0, but "
     "[tool.pglint.resources.acquire] #1 declares that it acquires a pool-client"),
    ('[[tool.pglint.resources.pool]]\nfunction = "app.db.make_pool"\nlike = "psycopg2"\n'
     '[[tool.pglint.resources.acquire]]\nfunction = "app.db.make_pool"\nkind = "connection"',
     "[tool.pglint.resources.acquire] #1: 'app.db.make_pool' acquires a connection, but "
     "[tool.pglint.resources.pool] #1 declares that it creates a psycopg2 pool"),
])
def test_resource_mistakes(project: Path, text: str, message: str) -> None:
    assert _error(project, text + "\n") == f"pyproject.toml: {message}"


def test_resource_declarations_that_agree_are_accepted(project: Path) -> None:
    _configure(project, """\
        [[tool.pglint.resources.acquire]]
        function = "app.db.get"
        release = "app.db.put"
        [[tool.pglint.resources.release]]
        function = "app.db.put"
        [[tool.pglint.resources.release]]
        function = "put"
        language = "python"
        [[tool.pglint.resources.borrows]]
        function = "put"
        language = "javascript"
        [[tool.pglint.resources.release]]
        function = "app.db.put_many"
        arg = 255
    """)
    config = load_config([str(project)])
    assert config.resources.call("python", "app.db.put") is not None
    assert config.resources.call("javascript", "put").effect == "borrows"  # type: ignore[union-attr]
