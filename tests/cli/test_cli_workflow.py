"""``pglint check`` with configuration, suppressions, baselines and the CI output formats, end to end.

Every option the workflow issue adds is exercised through the command line:
``--config``, ``--isolated``, ``--show-config``, ``--extend-select``,
``--fail-on``, ``--baseline`` / ``--write-baseline`` and the ``sarif``,
``github``, ``concise`` and ``junit`` formats (SARIF validated against the
shipped OASIS schema); every bad input ends in one line on stderr naming the
file and the key, exit 2, never a traceback.
"""

from __future__ import annotations

import json
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cli_support import write_files

SCHEMA = Path(__file__).resolve().parents[1] / "workflow" / "data" / "sarif-schema-2.1.0.json"

LEAKY_PY = '''\
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 5, "dbname=app")


def leak():
    conn = pool.getconn()
    return 1
'''

LEAKY_TS = '''\
import { Pool } from 'pg';
const pool = new Pool();
export async function getUserOrders(userId: number) {
  const client = await pool.connect();
  const res = await client.query('SELECT id FROM orders WHERE user_id = $1', [userId]);
  return res.rows;
}
'''


def one_line(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, f"expected one line on stderr, got {err!r}"
    assert "Traceback" not in err
    return err.rstrip("\n")


def concise(res: Any) -> list[str]:  # the findings of a --format concise run
    return res.out.splitlines()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_files(tmp_path, {"src/app.py": LEAKY_PY, "src/orders.ts": LEAKY_TS,
                                  "tests/test_app.py": LEAKY_PY})


# --------------------------------------------------------------------------- configuration


def test_pyproject_configuration_applies(pglint, project: Path) -> None:
    write_files(project, {"pyproject.toml": textwrap.dedent("""\
        [tool.pglint]
        per-file-ignores = { "tests/**" = ["no-missing-client-release"] }
        severity = { PG101 = "warning" }
        output-format = "concise"
        """)})
    res = pglint("check", cwd=project)
    assert concise(res) == ["src/app.py:7:5: PG101 Missing pool.putconn(conn) detected",
                            "src/orders.ts:4:9: PG101 Missing client.release() detected"]
    assert res.code == 0  # warnings do not fail the run …
    res = pglint("check", "--fail-on", "warning", cwd=project)
    assert res.code == 1  # … unless --fail-on says so
    assert res.err == ""


def test_pglint_toml_is_found_from_a_subdirectory(pglint, project: Path) -> None:
    write_files(project, {"pglint.toml": 'ignore = ["PG101"]\n'})
    res = pglint("check", "--format", "concise", "src", cwd=project)
    assert (res.code, res.out) == (0, "")
    res = pglint("check", "--format", "concise", str(project / "src" / "orders.ts"), cwd=project / "tests")
    assert (res.code, res.out) == (0, "")


def test_fail_on_from_configuration(pglint, project: Path) -> None:
    write_files(project, {"pglint.toml": 'severity = { PG101 = "info" }\nfail-on = "info"\n'})
    assert pglint("check", cwd=project).code == 1
    assert pglint("check", "--fail-on", "error", cwd=project).code == 0


def test_config_option_names_the_file(pglint, project: Path) -> None:
    write_files(project, {"pglint.toml": 'ignore = ["PG101"]\n', "ci/strict.toml": 'select = ["PG101"]\n'})
    assert pglint("check", cwd=project).code == 0
    res = pglint("check", "--config", "ci/strict.toml", "--format", "concise", cwd=project)
    assert res.code == 1 and len(concise(res)) == 3


def test_isolated_ignores_every_file(pglint, project: Path) -> None:
    write_files(project, {"pglint.toml": 'ignore = ["PG101"]\n'})
    res = pglint("check", "--isolated", "--format", "concise", cwd=project)
    assert res.code == 1 and len(concise(res)) == 3
    res = pglint("check", "--isolated", "--config", "pglint.toml", cwd=project)
    assert res.code == 2
    assert one_line(res.err) == "pglint: error: --config and --isolated cannot be used together"


def test_extend_select_adds_to_select(pglint, project: Path) -> None:
    write_files(project, {"pglint.toml": 'select = ["PG102"]\n'})
    assert pglint("check", cwd=project).code == 0
    res = pglint("check", "--extend-select", "no-missing-client-release", "--format", "concise", cwd=project)
    assert res.code == 1 and len(concise(res)) == 3


def test_cli_select_wins_over_configured_ignore(pglint, project: Path) -> None:
    write_files(project, {"pglint.toml": 'ignore = ["PG101"]\n'})
    res = pglint("check", "--select", "PG1", "--format", "concise", cwd=project)
    assert res.code == 1 and len(concise(res)) == 3


def test_show_config(pglint, project: Path) -> None:
    write_files(project, {"pyproject.toml": textwrap.dedent("""\
        [tool.pglint]
        ignore = ["PG104"]
        per-file-ignores = { "tests/**" = ["PG101"] }

        [[tool.pglint.resources.acquire]]
        function = "app.db.get_conn"
        release = "app.db.put_conn"
        """)})
    res = pglint("check", "--show-config", "--fail-on", "warning", cwd=project)
    assert res.code == 0 and res.err == ""
    out = res.out
    assert f"# source: {project / 'pyproject.toml'}" in out
    assert 'ignore = ["PG104"]' in out
    assert 'fail-on = "warning"' in out  # command-line options are part of the resolved configuration
    assert '"tests/**" = ["PG101"]' in out
    assert "[[resources.acquire]]" in out and 'function = "app.db.get_conn"' in out
    for key in ("select", "extend-select", "exclude", "extend-exclude", "force-exclude", "output-format"):
        assert f"\n{key} = " in out
    res = pglint("check", "--show-config", "--isolated", cwd=project)
    assert "# source: (none: built-in defaults)" in res.out


def test_output_format_from_config_and_cli(pglint, project: Path) -> None:
    write_files(project, {"pglint.toml": 'output-format = "github"\n'})
    res = pglint("check", "src/app.py", cwd=project)
    assert res.out.startswith("::error file=src/app.py,line=7,col=5,")
    res = pglint("check", "--format", "json", "src/app.py", cwd=project)
    assert json.loads(res.out)[0]["code"] == "PG101"


# --------------------------------------------------------------------------- exclude


def test_exclude_and_force_exclude(pglint, project: Path) -> None:
    write_files(project, {"pglint.toml": 'extend-exclude = ["tests/"]\n'})
    res = pglint("check", "--format", "concise", cwd=project)
    assert [ln.split(":")[0] for ln in concise(res)] == ["src/app.py", "src/orders.ts"]
    # a file named explicitly is checked anyway …
    res = pglint("check", "--format", "concise", "tests/test_app.py", cwd=project)
    assert len(concise(res)) == 1
    # … unless force-exclude is set (pre-commit names every staged file)
    write_files(project, {"pglint.toml": 'extend-exclude = ["tests/"]\nforce-exclude = true\n'})
    res = pglint("check", "--format", "concise", "tests/test_app.py", "src/app.py", cwd=project)
    assert [ln.split(":")[0] for ln in concise(res)] == ["src/app.py"]


def test_exclude_replaces_the_builtin_list(pglint, project: Path) -> None:
    write_files(project, {"build/gen.py": LEAKY_PY})
    res = pglint("check", "--format", "concise", cwd=project)
    assert not any(ln.startswith("build/") for ln in concise(res))  # built-in: build/ is skipped
    write_files(project, {"pglint.toml": 'exclude = ["src/"]\n'})
    res = pglint("check", "--format", "concise", cwd=project)
    assert sorted(ln.split(":")[0] for ln in concise(res)) == ["build/gen.py", "tests/test_app.py"]


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("name,text,message", [
    ("pyproject.toml", "[tool.pglint]\nselect = [\"PG101\"\n",
     "pyproject.toml:3: invalid TOML: Unclosed array at end of file"),
    ("pyproject.toml", "[tool.pglint]\nselect = \"PG101\"\n",
     "pyproject.toml: [tool.pglint] 'select' must be a list of strings, not a string ('PG101')"),
    ("pyproject.toml", "[tool.pglint]\nselect = [\"PG101\", \"no-such-rule\"]\n",
     "pyproject.toml: [tool.pglint] select: unknown rule 'no-such-rule'"),
    ("pyproject.toml", "[tool.pglint]\nselct = [\"PG101\"]\n",
     "pyproject.toml: [tool.pglint] unknown key 'selct' (did you mean 'select'?)"),
    ("pglint.toml", "fail-on = \"fatal\"\n",
     "pglint.toml: [] 'fail-on' must be one of error, warning, info, not 'fatal'"),
    ("pglint.toml", "[severity]\nPG101 = \"critical\"\n",
     "pglint.toml: [severity] 'PG101' must be one of error, warning, info, not 'critical'"),
    ("pglint.toml", "[per-file-ignores]\n\"docs/**\" = [\"PG101\"]\n",
     "pglint.toml: [per-file-ignores] 'docs/**' matches no file"),
    ("pglint.toml", "[[resources.acquire]]\nfunction = \"x\"\nrelase = \"y\"\n",
     "pglint.toml: [resources.acquire] #1: unknown key 'relase' (did you mean 'release'?)"),
])
def test_bad_configuration_is_one_line_exit_2(pglint, project: Path, name: str, text: str, message: str) -> None:
    write_files(project, {name: text})
    res = pglint("check", cwd=project)
    assert res.code == 2 and res.out == ""
    line = one_line(res.err)
    assert line.startswith("pglint: error: " + message.replace("[] ", "")), line


def test_missing_config_file(pglint, project: Path) -> None:
    res = pglint("check", "--config", "nope.toml", cwd=project)
    assert res.code == 2
    assert one_line(res.err) == "pglint: error: nope.toml: no such file"


def test_pyproject_without_table_given_with_config(pglint, project: Path) -> None:
    write_files(project, {"other/pyproject.toml": "[project]\nname = 'x'\n"})
    res = pglint("check", "--config", "other/pyproject.toml", cwd=project)
    assert res.code == 2
    assert one_line(res.err) == "pglint: error: other/pyproject.toml: has no [tool.pglint] table"


def test_unmatched_glob_is_not_an_error_for_part_of_the_project(pglint, project: Path) -> None:
    write_files(project, {"pglint.toml": "[per-file-ignores]\n\"tests/**\" = [\"PG101\"]\n"})
    res = pglint("check", "--format", "concise", "src", cwd=project)  # tests/ is not being checked
    assert res.code == 1 and res.err == ""


@pytest.mark.parametrize("option", ["--select", "--extend-select", "--ignore"])
def test_unknown_rule_on_the_command_line(pglint, project: Path, option: str) -> None:
    res = pglint("check", option, "PG101,PG9999", cwd=project)
    assert res.code == 2
    assert one_line(res.err) == (f"pglint: error: {option}: unknown rule 'PG9999' "
                                 "(run `pglint rules` to list them)")


def test_statistics_only_for_text_and_json(pglint, project: Path) -> None:
    res = pglint("check", "--statistics", "--format", "sarif", cwd=project)
    assert res.code == 2 and "--statistics" in one_line(res.err)


# --------------------------------------------------------------------------- suppressions


def test_noqa_and_pglint_ignore_through_the_cli(pglint, project: Path) -> None:
    (project / "tests" / "test_app.py").unlink()
    write_files(project, {
        "src/app.py": LEAKY_PY.replace("conn = pool.getconn()", "conn = pool.getconn()  # noqa: PG101"),
        "src/other.py": LEAKY_PY.replace("conn = pool.getconn()",
                                         "conn = pool.getconn()  # pglint: ignore[no-missing-client-release]"
                                         " -- closed by the caller"),
        "src/orders.ts": LEAKY_TS.replace("  const client = await pool.connect();",
                                          "  // pglint-disable-next-line PG101 -- a reason\n"
                                          "  const client = await pool.connect();"),
    })
    res = pglint("check", "--format", "concise", cwd=project)
    assert (res.code, res.out) == (0, "")


def test_js_block_disable_through_the_cli(pglint, project: Path) -> None:
    write_files(project, {"src/orders.ts": "/* pglint-disable no-missing-client-release */\n" + LEAKY_TS
                          + "/* pglint-enable no-missing-client-release */\n"})
    res = pglint("check", "--format", "concise", "src/orders.ts", cwd=project)
    assert (res.code, res.out) == (0, "")


def test_unused_suppression_pg003(pglint, project: Path) -> None:
    write_files(project, {"src/app.py": LEAKY_PY + "\n\ndef fine():\n    return 2  # noqa: PG101\n"})
    res = pglint("check", "--format", "concise", "src/app.py", cwd=project)
    assert concise(res) == ["src/app.py:7:5: PG101 Missing pool.putconn(conn) detected",
                            "src/app.py:12:15: PG003 Unused `noqa` directive (unused: PG101)"]
    res = pglint("check", "--format", "concise", "--ignore", "PG003", "src/app.py", cwd=project)
    assert len(concise(res)) == 1
    res = pglint("check", "--format", "concise", "--select", "PG003", "src/app.py", cwd=project)
    assert concise(res) == []  # PG101 is not selected: its suppression is not judged
    rules = pglint("rules", cwd=project).out
    assert "PG003" in rules and "unused-suppression" in rules
    assert pglint("rule", "unused-suppression", cwd=project).out.startswith("# unused-suppression (PG003)")


# --------------------------------------------------------------------------- baseline


def test_write_baseline_then_baseline(pglint, project: Path) -> None:
    res = pglint("check", "--write-baseline", "pglint-baseline.json", cwd=project)
    assert res.code == 0
    assert one_line(res.err) == "pglint: wrote 3 findings to the baseline pglint-baseline.json"
    doc = json.loads((project / "pglint-baseline.json").read_text())
    assert doc["version"] == 1 and len(doc["findings"]) == 3

    # lines added above the findings and a function moved: nothing new
    app = project / "src" / "app.py"
    app.write_text('"""Module docstring."""\n\nimport os\n\n\ndef helper():\n    return os.getcwd()\n\n\n'
                   + LEAKY_PY)
    ts = project / "src" / "orders.ts"
    ts.write_text("// header\n// more header\n\n" + LEAKY_TS)
    res = pglint("check", "--baseline", "pglint-baseline.json", "--format", "concise", cwd=project)
    assert (res.code, res.out, res.err) == (0, "", "")

    # a new finding is reported; a fixed one leaves a stale entry, counted on stderr
    app.write_text(LEAKY_PY + "\n\ndef fresh():\n    conn = pool.getconn()\n    return 3\n")
    (project / "tests" / "test_app.py").write_text("def nothing():\n    return 1\n")
    res = pglint("check", "--baseline", "pglint-baseline.json", "--format", "concise", cwd=project)
    assert concise(res) == ["src/app.py:12:5: PG101 Missing pool.putconn(conn) detected"]
    assert res.code == 1
    assert one_line(res.err) == ("pglint: pglint-baseline.json: 1 baseline entry no longer matches a finding "
                                 "(fixed?); rewrite it with --write-baseline pglint-baseline.json")


@pytest.mark.parametrize("content,message", [
    (None, "nope.json: no such baseline file (create it with --write-baseline nope.json)"),
    ('{"version": 99, "findings": []}', "nope.json: baseline format version 99 is newer than this pglint"),
    ("{not json", "nope.json:1:2: the baseline is not valid JSON"),
    ('{"findings": []}', "nope.json: not a pglint baseline (no 'version' field)"),
])
def test_bad_baseline_is_one_line_exit_2(pglint, project: Path, content: str | None, message: str) -> None:
    if content is not None:
        (project / "nope.json").write_text(content)
    res = pglint("check", "--baseline", "nope.json", cwd=project)
    assert res.code == 2 and res.out == ""
    assert one_line(res.err).startswith("pglint: error: " + message)


def test_baseline_and_write_baseline_together(pglint, project: Path) -> None:
    res = pglint("check", "--baseline", "a.json", "--write-baseline", "b.json", cwd=project)
    assert res.code == 2 and "cannot be used together" in one_line(res.err)


# --------------------------------------------------------------------------- formats


def test_sarif_through_the_cli_validates(pglint, project: Path) -> None:
    res = pglint("check", "--format", "sarif", cwd=project)
    assert res.code == 1
    log = json.loads(res.out)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    run = log["runs"][0]
    results = run["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in results] == [
        ("PG101", "src/app.py"), ("PG101", "src/orders.ts"), ("PG101", "tests/test_app.py")]
    assert all(r["codeFlows"] and r["partialFingerprints"]["pglint/v1"] for r in results)
    ids = [d["id"] for d in run["tool"]["driver"]["rules"]]
    assert "PG003" in ids and all(d["helpUri"].endswith(".md") for d in run["tool"]["driver"]["rules"])


def test_github_concise_junit_through_the_cli(pglint, project: Path) -> None:
    res = pglint("check", "--format", "github", "src/orders.ts", cwd=project)
    assert res.code == 1
    assert res.out.startswith("::error file=src/orders.ts,line=4,col=9,")
    assert "title=PG101 no-missing-client-release::Missing client.release() detected" in res.out
    res = pglint("check", "--format", "concise", "src", cwd=project)
    assert concise(res) == ["src/app.py:7:5: PG101 Missing pool.putconn(conn) detected",
                            "src/orders.ts:4:9: PG101 Missing client.release() detected"]
    write_files(project, {"src/clean.py": "import psycopg2\n\n\ndef f():\n    return 1\n"})
    res = pglint("check", "--format", "junit", "src", cwd=project)
    assert res.code == 1
    suite = ET.fromstring(res.out).find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("failures")) == ("3", "2")


def test_clean_runs_in_every_format(pglint, tmp_path: Path) -> None:
    write_files(tmp_path, {"ok.py": "import psycopg2\n\n\ndef f():\n    return 1\n"})
    for fmt in ("sarif", "github", "concise", "junit"):
        res = pglint("check", "--format", fmt, cwd=tmp_path)
        assert res.code == 0, fmt
    assert json.loads(pglint("check", "--format", "sarif", cwd=tmp_path).out)["runs"][0]["results"] == []
