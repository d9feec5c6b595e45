"""Configuration: where it is found, how every key is validated and worded, and what it does to findings."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path
from typing import ClassVar

import pytest

from pglint.config import (Config, ConfigError, RuleOption, default_exclude, find_config_file, load_config,
                           parse_config)
from pglint.drivers import default_registry
from pglint.drivers.model import Value
from pglint.rules import all_rules
from pglint.rules.base import Rule, RuleMeta
from workflow_support import diag

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "src" / "app").mkdir(parents=True)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def error(project: Path, text: str, name: str = "pyproject.toml") -> str:
    write(project / name, text)
    with pytest.raises(ConfigError) as info:
        load_config([str(project / "src")])
    return str(info.value)


# --------------------------------------------------------------------------- finding the file


def test_no_file_means_defaults(project: Path) -> None:
    config = load_config(["src"])
    assert config.source is None
    assert config.root == str(project)
    assert config.select is None and config.fail_on == "error"
    assert config.enabled_codes() == frozenset(m.code for m in (*[r.meta for r in all_rules()],)) | {
        "PG001", "PG002", "PG003"}


def test_pyproject_found_walking_up(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.pglint]\nselect = ['PG101']\n")
    config = load_config([str(project / "src" / "app")])
    assert config.source == str(project / "pyproject.toml")
    assert config.root == str(project)
    assert config.select == ("PG101",)


def test_pyproject_without_a_pglint_table_is_skipped(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.pglint]\nselect = ['PG102']\n")
    write(project / "src" / "pyproject.toml", "[project]\nname = 'inner'\n")
    assert load_config(["src/app"]).select == ("PG102",)


def test_nearest_file_wins_and_pglint_toml_beats_pyproject(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.pglint]\nselect = ['PG101']\n")
    write(project / "src" / "pyproject.toml", "[tool.pglint]\nselect = ['PG102']\n")
    write(project / "src" / "pglint.toml", "select = ['PG103']\n")
    assert load_config(["src/app"]).select == ("PG103",)
    write(project / "src" / ".pglint.toml", "select = ['PG104']\n")
    assert load_config(["src/app"]).source == str(project / "src" / ".pglint.toml")


def test_search_starts_at_the_common_directory_of_the_paths(project: Path) -> None:
    write(project / "src" / "app" / "pglint.toml", "select = ['PG101']\n")
    write(project / "pglint.toml", "select = ['PG102']\n")
    (project / "src" / "other").mkdir()
    assert load_config(["src/app", "src/other"]).select == ("PG102",)
    assert load_config(["src/app/x.py"]).select == ("PG101",)


def test_config_option_overrides_search_and_isolated_ignores_everything(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.pglint]\nselect = ['PG101']\n")
    write(project / "ci.toml", "select = ['PG104']\n")
    assert load_config(["src"], config_file="ci.toml").select == ("PG104",)
    isolated = load_config(["src"], config_file="ci.toml", isolated=True)
    assert isolated.source is None and isolated.select is None


def test_missing_config_file(project: Path) -> None:
    with pytest.raises(ConfigError, match="^nope.toml: no such file$"):
        load_config(["src"], config_file="nope.toml")


def test_explicit_pyproject_needs_the_table(project: Path) -> None:
    write(project / "pyproject.toml", "[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"^pyproject.toml: has no \[tool.pglint\] table$"):
        load_config(["src"], config_file="pyproject.toml")


def test_find_config_file_from_a_deeply_nested_directory(project: Path) -> None:
    write(project / "pglint.toml", "select = []\n")
    deep = project / "a" / "b" / "c" / "d"
    deep.mkdir(parents=True)
    assert find_config_file([str(deep)]) == str(project / "pglint.toml")
    assert find_config_file([str(deep / "missing.py")]) == str(project / "pglint.toml")


# --------------------------------------------------------------------------- errors


def test_unknown_key_with_suggestion(project: Path) -> None:
    assert error(project, "[tool.pglint]\nselct = ['PG101']\n") == (
        "pyproject.toml: [tool.pglint] unknown key 'selct' (did you mean 'select'?)")


def test_unknown_key_in_pglint_toml(project: Path) -> None:
    assert error(project, "colour = true\n", "pglint.toml") == "pglint.toml: unknown key 'colour'"


def test_tool_table_in_pglint_toml(project: Path) -> None:
    assert error(project, "[tool.pglint]\nselect = []\n", "pglint.toml") == (
        "pglint.toml: unknown key 'tool' (pglint.toml takes the keys at the top level, without [tool.pglint])")


def test_malformed_toml_names_file_and_line(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.pglint]\nselect = ['PG101'\nignore = []\n")
    with pytest.raises(ConfigError) as info:
        load_config(["src"])
    assert str(info.value).startswith("pyproject.toml:3:1: invalid TOML: ")
    assert info.value.line == 3
    assert "\n" not in str(info.value)


def test_malformed_toml_at_end_of_file(project: Path) -> None:
    assert error(project, "select = [\n", "pglint.toml").startswith("pglint.toml:2: invalid TOML: ")


def test_config_outside_the_current_directory_is_shown_absolute(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "proj" / "pglint.toml", "selct = []\n")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    with pytest.raises(ConfigError) as info:
        load_config([str(tmp_path / "proj")])
    assert str(info.value) == f"{tmp_path / 'proj' / 'pglint.toml'}: unknown key 'selct' (did you mean 'select'?)"


@pytest.mark.parametrize("text, message", [
    ("select = 'PG101'", "[tool.pglint] 'select' must be a list of strings, not a string ('PG101')"),
    ("ignore = [101]", "[tool.pglint] 'ignore' must be a list of strings, not a list"),
    ("select = ['PG999']", "[tool.pglint] select: unknown rule 'PG999' (run `pglint rules` to list them)"),
    ("ignore = ['no-missing-client-relase']",
     "[tool.pglint] ignore: unknown rule 'no-missing-client-relase' (did you mean 'no-missing-client-release'?)"),
    ("extend-select = ['frobnicate']",
     "[tool.pglint] extend-select: unknown rule 'frobnicate' (run `pglint rules` to list them)"),
    ("select = ['PG102x']", "[tool.pglint] select: unknown rule 'PG102x' (did you mean 'PG102'?)"),
    ("select = ['PG9']", "[tool.pglint] select: unknown rule 'PG9' (run `pglint rules` to list them)"),
    ("fail-on = 'fatal'", "[tool.pglint] 'fail-on' must be one of error, warning, info, not 'fatal'"),
    ("fail-on = 1", "[tool.pglint] 'fail-on' must be one of error, warning, info, not an integer (1)"),
    ("output-format = 'xml'",
     "[tool.pglint] 'output-format' must be one of text, json, sarif, github, concise, junit, not 'xml'"),
    ("force-exclude = 'yes'", "[tool.pglint] 'force-exclude' must be true or false, not a string ('yes')"),
    ("exclude = 'build'", "[tool.pglint] 'exclude' must be a list of strings, not a string ('build')"),
    ("severity = 'error'", "[tool.pglint] 'severity' must be a table, not a string ('error')"),
    ("severity = { PG101 = 'fatal' }",
     "[tool.pglint.severity] 'PG101' must be one of error, warning, info, not 'fatal'"),
    ("severity = { PG199 = 'error' }",
     "[tool.pglint.severity] severity: unknown rule 'PG199' (run `pglint rules` to list them)"),
    ("per-file-ignores = { 'tests/*' = 'PG101' }",
     "[tool.pglint.per-file-ignores] 'tests/*' must be a list of strings, not a string ('PG101')"),
    ("per-file-ignores = { 'tests/*' = ['PG777'] }",
     "[tool.pglint.per-file-ignores] 'tests/*': unknown rule 'PG777' (run `pglint rules` to list them)"),
    ("rules = { no-such-rule = {} }",
     "[tool.pglint.rules] rules: unknown rule 'no-such-rule' (run `pglint rules` to list them)"),
    ("rules = { PG1 = {} }", "[tool.pglint.rules] 'PG1' must name one rule"),
    ("rules = { PG101 = { depth = 3 } }",
     "[tool.pglint.rules.PG101] rule 'no-missing-client-release' (PG101) has no options"),
])
def test_bad_values_are_named(project: Path, text: str, message: str) -> None:
    assert error(project, f"[tool.pglint]\n{text}\n") == f"pyproject.toml: {message}"


def test_pglint_entry_that_is_not_a_table(project: Path) -> None:
    write(project / "pyproject.toml", "[tool]\npglint = 1\n")
    with pytest.raises(ConfigError, match=r"^pyproject.toml: \[tool.pglint\] must be a table, not an integer \(1\)$"):
        load_config(["src"])


def test_errors_never_span_lines(project: Path) -> None:
    got = error(project, "[tool.pglint]\nselect = ['a\\nb']\n")
    assert "\n" not in got


# --------------------------------------------------------------------------- values


def test_every_key_resolved(project: Path) -> None:
    write(project / "pyproject.toml", """\
        [tool.pglint]
        select = ["PG1"]
        ignore = ["no-unterminated-transaction"]
        extend-select = ["PG003"]
        exclude = ["generated/"]
        extend-exclude = ["legacy/**/*.js"]
        force-exclude = true
        fail-on = "warning"
        output-format = "sarif"

        [tool.pglint.per-file-ignores]
        "tests/**" = ["PG101", "prevent-double-release"]

        [tool.pglint.severity]
        no-missing-client-release = "warning"
        PG103 = "info"
        """)
    c = load_config(["src"])
    pg1 = tuple(sorted(r.meta.code for r in all_rules() if r.meta.code.startswith("PG1")))
    assert c.select == pg1 and {"PG101", "PG102", "PG103", "PG104"} <= set(pg1)
    assert c.ignore == ("PG104",)
    assert c.extend_select == ("PG003",)
    assert c.exclude == ("generated/",) and c.extend_exclude == ("legacy/**/*.js",)
    assert c.force_exclude is True and c.fail_on == "warning" and c.output_format == "sarif"
    assert [(p.pattern, sorted(p.codes)) for p in c.per_file_ignores] == [("tests/**", ["PG101", "PG102"])]
    assert dict(c.severity) == {"PG101": "warning", "PG103": "info"}
    assert c.enabled_codes() == frozenset({"PG001", "PG002", "PG003", *pg1}) - {"PG104"}


def test_select_all_and_default(project: Path) -> None:
    write(project / "pglint.toml", "select = ['ALL']\nignore = ['PG003']\n")
    c = load_config(["src"])
    assert "PG003" not in c.enabled_codes() and "PG101" in c.enabled_codes()


def test_apply_filters_and_overrides_severity(project: Path) -> None:
    write(project / "pglint.toml", """\
        ignore = ["PG104"]
        per-file-ignores = { "tests/" = ["PG101"], "*.spec.ts" = ["PG103"] }
        severity = { PG102 = "info" }
        """)
    c = load_config(["src"])
    diags = [
        diag("PG101", path=str(project / "src" / "a.py")),
        diag("PG101", path=str(project / "tests" / "test_a.py")),
        diag("PG102", path=str(project / "tests" / "test_a.py")),
        diag("PG103", path=str(project / "src" / "web" / "a.spec.ts")),
        diag("PG104", path=str(project / "src" / "a.py")),
        diag("PG001", path=str(project / "tests" / "broken.py")),
    ]
    out = c.apply(diags)
    assert [(os.path.relpath(d.path, project), d.code, d.severity) for d in out] == [
        ("src/a.py", "PG101", "error"),
        ("tests/test_a.py", "PG102", "info"),
        ("tests/broken.py", "PG001", "error"),
    ]
    # tests/x.py is a test file too: the advisory rules (in-tests = false) do not report there
    assert c.enabled_codes_for(str(project / "tests" / "x.py")) == c.enabled_codes() - {"PG101", "PG401", "PG402",
                                                                                        "PG403"}
    assert c.enabled_codes_for(str(project / "src" / "web" / "a.ts")) == c.enabled_codes()


def test_neither_select_nor_ignore_drops_parse_errors(project: Path) -> None:
    write(project / "pglint.toml", "select = ['PG101']\n")
    assert load_config(["src"]).apply([diag("PG001")]) == [diag("PG001")]
    write(project / "pglint.toml", "ignore = ['PG0']\nseverity = { ALL = 'info' }\n")
    assert load_config(["src"]).apply([diag("PG001"), diag("PG002")]) == [diag("PG001"), diag("PG002")]
    write(project / "pglint.toml", "ignore = ['parse-error']\n")
    with pytest.raises(ConfigError, match=r"^pglint.toml: ignore: PG001 \(parse-error\) cannot be turned off: "):
        load_config(["src"])


def test_command_line_overrides(project: Path) -> None:
    write(project / "pglint.toml", "select = ['PG101', 'PG102']\nignore = ['PG102', 'PG103']\n")
    c = load_config(["src"])
    assert c.override(select=["PG102,PG103"]).enabled_codes() == frozenset({"PG001", "PG002", "PG102", "PG103"})
    assert c.override(ignore=["PG101"]).enabled_codes() == frozenset({"PG001", "PG002"})
    assert c.override(extend_select=["PG104"]).enabled_codes() == frozenset({"PG001", "PG002", "PG101", "PG104"})
    assert c.override(fail_on="info").fail_on == "info"
    with pytest.raises(ConfigError, match="^--select: unknown rule 'nope' "):
        c.override(select=["nope"])
    with pytest.raises(ConfigError, match="^--fail-on: must be one of error, warning, info, not 'all'$"):
        c.override(fail_on="all")


@pytest.mark.parametrize("fail_on, severities, fails", [
    ("error", ["warning", "info"], False),
    ("error", ["info", "error"], True),
    ("warning", ["info"], False),
    ("warning", ["warning"], True),
    ("info", ["info"], True),
    ("info", [], False),
])
def test_fail_on(fail_on: str, severities: list[str], fails: bool) -> None:
    assert Config(fail_on=fail_on).fails([diag(severity=s) for s in severities]) is fails


def test_per_file_ignores_matching_no_file_is_a_warning(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.pglint.per-file-ignores]\n'tests/**' = ['PG101']\n'src/*.py' = []\n")
    c = load_config(["src"])
    assert c.unmatched_per_file_ignores([str(project / "src" / "a.py")]) == [
        "pyproject.toml: [tool.pglint.per-file-ignores] 'tests/**' matches no file"]


def test_exclude_defaults_and_extensions(project: Path) -> None:
    c = Config(root=str(project))
    assert "node_modules/" in default_exclude()
    assert c.is_excluded(str(project / "web" / "node_modules" / "pg" / "index.js"))
    assert not c.is_excluded(str(project / "src" / "a.py"))
    write(project / "pglint.toml", "extend-exclude = ['migrations/', '*.gen.ts']\n")
    c = load_config(["src"])
    assert c.is_excluded(str(project / "db" / "migrations" / "0001.py"))
    assert c.is_excluded(str(project / "src" / "api.gen.ts"))
    assert c.is_excluded(str(project / "node_modules" / "x.js"))
    write(project / "pglint.toml", "exclude = ['vendor/']\n")
    c = load_config(["src"])
    assert not c.is_excluded(str(project / "node_modules" / "x.js"))
    assert c.is_excluded(str(project / "vendor" / "x.js"))
    assert c.is_excluded(str(project / "vendor"), is_dir=True)


# --------------------------------------------------------------------------- per-rule options


class _Tunable(Rule):
    meta = RuleMeta("PG901", "tunable-rule", "warning", "a rule with options", "tune it", kind="pattern")
    options: ClassVar[dict[str, object]] = {
        "max-queries": RuleOption("int", 10, "how many queries a loop may run"),
        "allow": (list, [], "names that are fine"),
        "strict": (bool, False, "report more"),
    }


def test_rule_options_defaults_and_values(project: Path) -> None:
    table = tomllib.loads("[rules.tunable-rule]\nmax-queries = 3\nallow = ['a', 'b']\n")
    c = parse_config(table, str(project / "pglint.toml"), rules=[*all_rules(), _Tunable])
    assert dict(c.options_for("PG901")) == {"max-queries": 3, "allow": ["a", "b"], "strict": False}
    c = parse_config({}, str(project / "pglint.toml"), rules=[*all_rules(), _Tunable])
    assert dict(c.options_for("PG901")) == {"max-queries": 10, "allow": [], "strict": False}
    assert dict(c.options_for("PG101")) == {}


@pytest.mark.parametrize("text, message", [
    ("[rules.PG901]\nmax-querys = 1", "pglint.toml: [rules.PG901] unknown option 'max-querys' "
                                      "(did you mean 'max-queries'?)"),
    ("[rules.PG901]\nverbose = 1", "pglint.toml: [rules.PG901] unknown option 'verbose' "
                                   "(options: allow, max-queries, strict)"),
    ("[rules.PG901]\nmax-queries = '3'", "pglint.toml: [rules.PG901] 'max-queries' must be an integer, "
                                         "not a string ('3')"),
    ("[rules.PG901]\nstrict = 1", "pglint.toml: [rules.PG901] 'strict' must be true or false, not an integer (1)"),
    ("[rules.PG901]\nallow = [1]", "pglint.toml: [rules.PG901] 'allow' must be a list of strings, not a list"),
    ("[rules]\nPG901 = 3", "pglint.toml: [rules] 'PG901' must be a table, not an integer (3)"),
])
def test_rule_option_errors(project: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(tomllib.loads(text), str(project / "pglint.toml"), rules=[*all_rules(), _Tunable])
    assert str(info.value) == message


# --------------------------------------------------------------------------- resources


RESOURCES = """\
    [[tool.pglint.resources.acquire]]
    function = "app.db.get_conn"
    release = "app.db.put_conn"
    language = "python"

    [[tool.pglint.resources.acquire]]
    function = "getClient"
    release-method = "done"
    awaited = true
    language = "typescript"

    [[tool.pglint.resources.acquire]]
    function = "app.db.session"
    kind = "connection"
    context-manager = true
    language = "python"

    [[tool.pglint.resources.pool]]
    value = ["app.db.pool", "app.db.replica"]
    type = "app.db.Pool"
    like = "psycopg2"

    [[tool.pglint.resources.pool]]
    function = "src/db.makePool"
    like = "pg"

    [[tool.pglint.resources.release]]
    function = "releaseQuietly"
    arg = 1

    [[tool.pglint.resources.takes-ownership]]
    function = "withTransaction"

    [[tool.pglint.resources.borrows]]
    function = "app.metrics.record_conn"
    language = "python"
    """


def test_resources_become_driver_models_and_call_effects(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.pglint]\n" + textwrap.dedent(RESOURCES))
    res = load_config(["src"]).resources
    assert [m.name for m in res.models] == ["project:python", "project:javascript", "project:psycopg2",
                                            "project:pg"]
    registry = res.registry()
    assert set(default_registry().models) < set(registry.models)

    model, factory = registry.factory("python", "app.db.get_conn") or (None, None)
    assert model is not None and factory is not None
    assert model.name == "project:python" and factory.context == "none" and not factory.awaited
    info = registry.kind_info(Value(model.name, factory.produces))
    assert info is not None
    assert (info.category, info.noun, info.release_hint) == ("pool-client", "connection", "put_conn(conn)")
    assert registry.driver_for_module("python", "app.db") is model

    model, factory = registry.factory("python", "app.db.session") or (None, None)
    assert factory is not None and factory.context == "releases"
    assert registry.kind_info(Value("project:python", factory.produces)).category == "connection"  # type: ignore[union-attr]

    model, factory = registry.factory("javascript", "getClient") or (None, None)
    assert model is not None and factory is not None and factory.awaited
    method = registry.method(Value(model.name, factory.produces), "done")
    assert method is not None and method.effect == "release"
    assert registry.kind_info(Value(model.name, factory.produces)).release_hint == "client.done()"  # type: ignore[union-attr]
    assert registry.factory("python", "getClient") is None

    assert registry.value("python", "app.db.replica") == Value("project:psycopg2", "pool")
    assert registry.type_value("python", "app.db.Pool") == Value("project:psycopg2", "pool")
    assert registry.method(Value("project:psycopg2", "pool"), "getconn") is not None
    model, factory = registry.factory("javascript", "src/db.makePool") or (None, None)
    assert model is not None and model.name == "project:pg" and factory is not None
    assert registry.method(Value("project:pg", factory.produces), "connect") is not None

    assert [(c.language, c.path, c.effect, c.arg) for c in res.calls] == [
        ("python", "app.db.put_conn", "release", 0),
        ("python", "releaseQuietly", "release", 1),
        ("javascript", "releaseQuietly", "release", 1),
        ("python", "withTransaction", "takes-ownership", 0),
        ("javascript", "withTransaction", "takes-ownership", 0),
        ("python", "app.metrics.record_conn", "borrows", 0),
    ]
    assert res.call("javascript", "db.withTransaction") == res.calls[4]
    assert res.call("python", "app.db.put_conn") == res.calls[0]
    assert res.call("python", "other.put_conn") is None


@pytest.mark.parametrize("text, message", [
    ("[[tool.pglint.resources.aquire]]\nfunction = 'x'",
     "[tool.pglint.resources] unknown key 'aquire' (did you mean 'acquire'?)"),
    ("[tool.pglint.resources.acquire]\nfunction = 'x'",
     "[tool.pglint.resources] 'acquire' must be an array of tables ([[tool.pglint.resources.acquire]]), "
     "not a table"),
    ("[[tool.pglint.resources.acquire]]\nfunction = 'x'\nrelase = 'y'",
     "[tool.pglint.resources.acquire] #1: unknown key 'relase' (did you mean 'release'?)"),
    ("[[tool.pglint.resources.acquire]]\nrelease = 'y'", "[tool.pglint.resources.acquire] #1: 'function' is required"),
    ("[[tool.pglint.resources.acquire]]\nfunction = 'a'\n[[tool.pglint.resources.acquire]]\nfunction = 'x y'",
     "[tool.pglint.resources.acquire] #2: 'function' must be a dotted name like 'app.db.get_conn' or a bare "
     "function name, not 'x y'"),
    ("[[tool.pglint.resources.acquire]]\nfunction = 'x'\nkind = 'pool'",
     "[tool.pglint.resources.acquire] #1: 'kind' must be one of pool-client, connection, not 'pool'"),
    ("[[tool.pglint.resources.acquire]]\nfunction = 'x'\nlanguage = 'ruby'",
     "[tool.pglint.resources.acquire] #1: 'language' must be one of python, javascript, typescript, not 'ruby'"),
    ("[[tool.pglint.resources.acquire]]\nfunction = 'x'\ncontext-manager = 'yes'",
     "[tool.pglint.resources.acquire] #1: 'context-manager' must be true or false, not a string ('yes')"),
    ("[[tool.pglint.resources.acquire]]\nfunction = 'x'\nrelease-method = 'a.b'",
     "[tool.pglint.resources.acquire] #1: 'release-method' must be a method name, not 'a.b'"),
    ("[[tool.pglint.resources.release]]\nfunction = 'x'\narg = -1",
     "[tool.pglint.resources.release] #1: 'arg' must be an argument position (0, 1, ...), not an integer (-1)"),
    ("[[tool.pglint.resources.pool]]\nvalue = 'x.pool'\nlike = 'psycopg3'",
     "[tool.pglint.resources.pool] #1: 'like' must name a driver (@neondatabase/serverless, @vercel/postgres, "
     "aiopg, asyncpg, django, pg, pg-pool, pg-promise, pg8000, pg8000-native, postgres, psycopg, psycopg2, "
     "psycopg_pool, sqlalchemy), not 'psycopg3'"),
    ("[[tool.pglint.resources.pool]]\nlike = 'pg'",
     "[tool.pglint.resources.pool] #1: needs 'function', 'value' or 'type'"),
    ("[[tool.pglint.resources.pool]]\nvalue = 'x.pool'\nlike = 'psycopg2'\nkind = 'pool-client'",
     "[tool.pglint.resources.pool] #1: 'kind' must be one of pool for psycopg2, not 'pool-client'"),
    ("[[tool.pglint.resources.pool]]\nvalue = []\nlike = 'pg'",
     "[tool.pglint.resources.pool] #1: 'value' must be a string or a list of strings, not a list"),
])
def test_resource_errors(project: Path, text: str, message: str) -> None:
    assert error(project, text + "\n") == f"pyproject.toml: {message}"


# --------------------------------------------------------------------------- show


def test_show_is_valid_toml_that_reads_back_the_same(project: Path) -> None:
    write(project / "pyproject.toml", """\
        [tool.pglint]
        select = ["PG101", "PG102"]
        exclude = []
        severity = { PG102 = "warning" }
        per-file-ignores = { "tests/**" = ["PG101"] }

        [[tool.pglint.resources.takes-ownership]]
        function = "withTransaction"
        arg = 1
        """)
    c = load_config(["src"])
    text = c.show()
    assert text == textwrap.dedent(f"""\
        # pglint configuration
        # source: {project / 'pyproject.toml'}
        # root: {project}
        # enabled rules: PG001, PG002, PG101, PG102
        select = ["PG101", "PG102"]
        ignore = []
        extend-select = []
        exclude = []
        extend-exclude = []
        force-exclude = false
        test-files = ["test/", "tests/", "__tests__/", "test_*.py", "*_test.py", "conftest.py", "*.test.*", "*.spec.*"]
        fail-on = "error"
        output-format = "text"

        [per-file-ignores]
        "tests/**" = ["PG101"]

        [severity]
        PG102 = "warning"

        [rules.PG201]
        report-untraced-values = false

        [rules.PG401]
        in-tests = false

        [rules.PG402]
        in-tests = false

        [rules.PG403]
        in-tests = false

        [[resources.takes-ownership]]
        function = "withTransaction"
        arg = 1
        """)
    data = tomllib.loads(text)
    again = parse_config(data, str(project / "pglint.toml"))
    assert (again.select, again.exclude, dict(again.severity)) == (c.select, c.exclude, dict(c.severity))
    assert again.effective_test_files == c.effective_test_files and dict(again.options) == dict(c.options)
    assert again.resources.calls == c.resources.calls


def test_show_defaults_lists_every_rule() -> None:
    text = Config(root="/tmp").show()
    data = tomllib.loads(text)
    assert set(data["select"]) >= {"PG001", "PG002", "PG003", "PG101"}
    assert data["exclude"] == list(default_exclude())
    assert "# source: (none: built-in defaults)" in text
