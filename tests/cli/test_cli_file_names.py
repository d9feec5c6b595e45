"""File names are data: a name with a byte that is not UTF-8, a newline or an ESC goes through every
format without a crash, without loss and without acting on the reader's terminal."""

from __future__ import annotations

import hashlib
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest

from pglint.baseline import fingerprint
from pglint.diagnostics import Diagnostic
from pglint.ir.cfg import Span
from pglint.report.paths import escape_controls, json_text, printable_path, uri_path

LEAK = (Path(__file__).parents[2] / "examples" / "orders.py").read_text()

BAD_BYTE = b"bad\xff.py"  # not UTF-8
NEWLINE_ESC = b"nl\nesc\x1b[31m.py"  # a newline and the start of an ANSI colour sequence
SHOWN = {BAD_BYTE: '"bad\\xff.py"', NEWLINE_ESC: '"nl\\nesc\\x1b[31m.py"'}


@pytest.fixture
def odd_names(tmp_path: Path) -> Path:
    """A project with two leaking files whose names are not plain text."""
    for name in SHOWN:
        try:
            with open(os.path.join(os.fsencode(tmp_path), name), "w", encoding="utf-8") as fh:
                fh.write(LEAK)
        except (OSError, UnicodeError):  # pragma: no cover - a file system that refuses such names
            pytest.skip("the file system does not allow this file name")
    return tmp_path


def _check(pglint, root: Path, fmt: str) -> str:  # noqa: ANN001
    res = pglint("check", "--no-cache", "--format", fmt, cwd=root)
    assert res.code == 1, res.err
    assert res.err == ""
    res.out.encode("utf-8")  # strict: valid UTF-8, no lone surrogate left
    return res.out


def test_json_round_trips_the_names(pglint, odd_names: Path) -> None:
    out = _check(pglint, odd_names, "json")
    assert '"path": "bad\\udcff.py"' in out  # the undecodable byte 0xFF as the escape \udcff
    data = json.loads(out)
    assert sorted(os.fsencode(f["path"]) for f in data) == sorted(SHOWN)
    assert all(os.fsencode(s["path"]) == os.fsencode(f["path"]) for f in data for s in f["steps"])
    assert len({f["fingerprint"] for f in data}) == 2
    assert json.loads(_check(pglint, odd_names, "json")) == data  # stable


def test_sarif_uris_percent_encode_the_bytes(pglint, odd_names: Path) -> None:
    log = json.loads(_check(pglint, odd_names, "sarif"))
    results = log["runs"][0]["results"]
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"] for r in results for loc in r["locations"]]
    assert sorted(uris) == ["bad%FF.py", "nl%0Aesc%1B%5B31m.py"]
    assert sorted(unquote_to_bytes(u) for u in uris) == sorted(SHOWN)
    flows = [loc["location"]["physicalLocation"]["artifactLocation"]["uri"] for r in results
             for loc in r["codeFlows"][0]["threadFlows"][0]["locations"]]
    assert set(flows) == set(uris)
    assert all(re.fullmatch(r"[A-Za-z0-9._~/%-]+", u) for u in uris)


@pytest.mark.parametrize("fmt", ["text", "concise", "github", "junit"])
def test_human_formats_quote_and_escape_the_names(pglint, odd_names: Path, fmt: str) -> None:
    out = _check(pglint, odd_names, fmt)
    assert "\x1b" not in out and "\udcff" not in out and "\ufffd" not in out
    if fmt == "junit":
        root = ET.fromstring(out)
        assert sorted(c.get("classname") for c in root.iter("testcase")) == sorted(SHOWN.values())
        return
    lines = out.splitlines()
    for shown in SHOWN.values():
        if fmt == "text":
            assert shown in lines  # the file's header line
        elif fmt == "concise":
            assert f"{shown}:9:5: PG101 Missing pool.putconn(conn) detected" in lines
        else:
            assert any(line.startswith(f"::error file={shown},line=9,col=5,") for line in lines)
            assert f"%0A1. {shown}:9:5 connection checked out of pool" in out
    if fmt == "concise":
        assert len(lines) == 2  # a newline in a name does not split a finding over two lines


def test_write_baseline_and_baseline_round_trip(pglint, odd_names: Path) -> None:
    res = pglint("check", "--no-cache", "--write-baseline", "baseline.json", cwd=odd_names)
    assert res.code == 0, res.err
    raw = (odd_names / "baseline.json").read_bytes()
    raw.decode("utf-8")  # strict
    entries = json.loads(raw)["findings"]
    assert sorted(os.fsencode(e["path"]) for e in entries) == sorted(SHOWN)
    res = pglint("check", "--no-cache", "--baseline", "baseline.json", cwd=odd_names)
    assert (res.code, res.out, res.err) == (0, "All checks passed!\n", "")


def test_json_end_to_end_in_a_subprocess(pglint_proc, odd_names: Path) -> None:
    res = pglint_proc("check", "--no-cache", "--format", "json", cwd=odd_names)
    assert res.code == 1, res.err
    assert sorted(os.fsencode(f["path"]) for f in json.loads(res.out)) == sorted(SHOWN)


def test_fingerprints_of_utf8_names_are_unchanged(tmp_path: Path) -> None:
    # computed on bytes now; for a UTF-8 name they are what they were, so existing baselines still match
    d = Diagnostic("no-missing-client-release", "PG101", "error", "Missing conn.close() at line 12",
                   str(tmp_path / "src" / "café.py"), Span(3, 5, 3, 9), function="f/<callback@3:4>",
                   snippet="conn  = pool.getconn()")
    old = hashlib.sha256("\x1f".join(("PG101", "src/café.py", "f/<callback>", "conn = pool.getconn()",
                                      "Missing conn.close() at line #")).encode()).hexdigest()[:20]
    assert fingerprint(d, str(tmp_path)) == old
    odd = Diagnostic("no-missing-client-release", "PG101", "error", "Missing conn.close() detected",
                     os.path.join(str(tmp_path), os.fsdecode(BAD_BYTE)), Span(3, 5, 3, 9))
    assert re.fullmatch("[0-9a-f]{20}", fingerprint(odd, str(tmp_path)))


@pytest.mark.parametrize("name, shown", [
    ("plain/café.py", "plain/café.py"),
    ("back\\slash.py", "back\\slash.py"),  # a backslash alone is not quoted (Windows separators)
    ("a\\x1b.py", "a\\x1b.py"),  # a literal backslash-x-1-b ...
    ("a\x1b.py", '"a\\x1b.py"'),  # ... never reads like an ESC, which is quoted
    ('say"hi".py', '"say\\"hi\\".py"'),
    ("tab\there\\.py", '"tab\\there\\\\.py"'),
    ("del\x7f.py", '"del\\x7f.py"'),
    ("c1\x9b.py", '"c1\\x9b.py"'),
    ("ls\u2028.py", '"ls\\u2028.py"'),
    ("rtl\u202e.py", '"rtl\\u202e.py"'),
    (os.fsdecode(b"\xc3(\xfe.py"), '"\\xc3(\\xfe.py"'),
])
def test_printable_path(name: str, shown: str) -> None:
    assert printable_path(name) == shown


def test_escape_controls_and_json_text() -> None:
    assert escape_controls("a\x1b[1mb\\n" + os.fsdecode(b"\xff")) == "a\\x1b[1mb\\n\\xff"
    assert escape_controls("plain café") == "plain café"
    text = json_text({"p": os.fsdecode(b"a\xffb\\"), "q": "café"}, indent=None)
    assert text == '{"p": "a\\udcffb\\\\", "q": "café"}'
    assert os.fsencode(json.loads(text)["p"]) == b"a\xffb\\"
    assert uri_path(os.fsdecode(b"d/\xff %.py")) == "d/%FF%20%25.py"
