"""The real-world corpus script's pure parts: list and verdict files, matching, the precision table.

bench/corpus.py itself (exports, pglint runs) is not run here; the corpus lives outside the suite.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bench_scripts import load_bench_script


def _corpus():  # type: ignore[no-untyped-def]
    return load_bench_script("corpus")


LIST = '''
[[project]]
name = "acme/app"
source = "github"
ref = "0123456789012345678901234567890123456789"
language = "python"
kind = "application"
drivers = ["psycopg2"]

[[project]]
name = "pkg"
source = "pypi"
ref = "1.0"
language = "python"
'''

VERDICTS = '''
project = "acme/app"
ref = "0123456789012345678901234567890123456789"

[[finding]]
fingerprint = "aaa"
rule = "PG103"
path = "app/db.py"
line = 10
verdict = "true"
note = "leak on error"

[[finding]]
fingerprint = "old-fingerprint"
rule = "PG201"
path = "app/q.py"
line = 5
verdict = "false"
cause = "safe-value"

[[finding]]
fingerprint = "gone"
rule = "PG103"
path = "app/gone.py"
line = 3
verdict = "true"

[[finding]]
fingerprint = "ccc"
rule = "PG402"
path = "tests/t.py"
line = 1
verdict = ""
'''


def test_list_and_verdict_files() -> None:
    corpus = _corpus()
    projects = corpus.parse_projects(LIST)
    assert [p.slug for p in projects] == ["acme__app", "pkg"]
    assert projects[0].drivers == ("psycopg2",) and projects[1].source == "pypi"
    vf = corpus.parse_verdicts(VERDICTS, "v.toml")
    assert vf.project == "acme/app" and [v.verdict for v in vf.findings] == ["true", "false", "true", ""]


@pytest.mark.parametrize("text, message", [
    ('[[project]]\nname = "a/b"\nsource = "svn"\nref = "1"\nlanguage = "python"\n', "`source` must be one of"),
    ('[[project]]\nname = "a/b"\nsource = "github"\nlanguage = "python"\n', "`ref` is missing"),
    ('[[project]\n', "not valid TOML"),
])
def test_bad_list_is_one_line(text: str, message: str) -> None:
    corpus = _corpus()
    with pytest.raises(corpus.CorpusError, match=message):
        corpus.parse_projects(text)


def test_false_verdict_needs_a_cause() -> None:
    corpus = _corpus()
    text = 'project = "a/b"\n[[finding]]\nrule = "PG101"\npath = "x.py"\nline = 1\nverdict = "false"\n'
    with pytest.raises(corpus.CorpusError, match="needs a `cause`"):
        corpus.parse_verdicts(text, "v.toml")
    with pytest.raises(corpus.CorpusError, match="`verdict` must be"):
        corpus.parse_verdicts(text.replace('"false"', '"yes"'), "v.toml")


def test_match_by_fingerprint_then_location_and_the_tables(tmp_path: Path) -> None:
    corpus = _corpus()
    vf = corpus.parse_verdicts(VERDICTS, "v.toml")
    F = corpus.Finding
    findings = [
        F("aaa", "PG103", "app/db.py", 12, "moved two lines: still matched by fingerprint"),
        F("new-fingerprint", "PG201", "app/q.py", 5, "fingerprint changed: matched by rule+path+line"),
        F("ccc", "PG402", "tests/t.py", 1, "recorded, not judged"),
        F("ddd", "PG201", "app/other.py", 7, "no verdict"),
    ]
    m = corpus.match(findings, vf.findings)
    assert sorted((f.fingerprint, v.fingerprint) for f, v in m.judged) == [
        ("aaa", "aaa"), ("ccc", "ccc"), ("new-fingerprint", "old-fingerprint")]
    assert [f.fingerprint for f in m.new] == ["ddd"]
    assert [v.fingerprint for v in m.lost] == ["gone"]

    by_rule = corpus.count_by({"acme/app": m}, lambda _p, f: f.rule)
    assert (by_rule["PG201"].findings, by_rule["PG201"].false, by_rule["PG201"].unjudged) == (2, 1, 1)
    assert by_rule["PG201"].precision == 0.0 and by_rule["PG103"].precision == 1.0
    assert by_rule["PG402"].precision is None
    table = corpus.render_counts(by_rule, "rule")
    assert "| PG103 | 1 | 1 | 0 | 0 | 0 | 100% |" in table
    assert "| **all** | 4 | 1 | 1 | 0 | 2 | 50% |" in table

    changes = corpus.render_changes({"acme/app": m})
    assert "LOST TRUE FINDINGS (regressions): 1" in changes and "app/gone.py:3" in changes
    assert "new (no verdict yet): 1" in changes
    assert corpus.strict_failures({"acme/app": m}) == ["lost true finding: acme/app PG103 app/gone.py:3"]


def test_strict_precision_threshold() -> None:
    corpus = _corpus()
    F, V = corpus.Finding, corpus.Verdict
    verdicts = [V(f"t{i}", "PG201", "a.py", i, "true") for i in range(9)] + [V("f", "PG201", "a.py", 99, "false", "x")]
    findings = [F(v.fingerprint, v.rule, v.path, v.line) for v in verdicts]
    assert corpus.strict_failures({"p": corpus.match(findings, verdicts)}) == []  # 9/10 = 90 %
    verdicts.append(V("f2", "PG201", "a.py", 100, "false", "x"))
    findings.append(F("f2", "PG201", "a.py", 100))
    assert corpus.strict_failures({"p": corpus.match(findings, verdicts)}) == [
        "PG201: precision 82% over 11 judged findings"]


def test_recorded_skeletons_read_back_as_unjudged(tmp_path: Path) -> None:
    corpus = _corpus()
    project = corpus.parse_projects(LIST)[0]
    new = [corpus.Finding("fp1", "PG201", "a b/q.py", 3, 'SQL built from "x"\nline two')]
    corpus.record(project, new, str(tmp_path))
    corpus.record(project, [corpus.Finding("fp2", "PG101", "x.py", 1, "leak")], str(tmp_path))
    text = (tmp_path / "acme__app.toml").read_text()
    tomllib.loads(text)
    files = corpus.load_verdicts(str(tmp_path))
    assert [(v.fingerprint, v.verdict) for v in files["acme/app"].findings] == [("fp1", ""), ("fp2", "")]


def test_doc_block_is_rewritten_between_markers(tmp_path: Path) -> None:
    corpus = _corpus()
    doc = tmp_path / "corpus.md"
    doc.write_text(f"# Corpus\n\nintro\n\n{corpus.BEGIN}\nold\n{corpus.END}\n\n## Causes\n")
    project = corpus.parse_projects(LIST)[0]
    m = corpus.match([corpus.Finding("aaa", "PG103", "app/db.py", 10)], corpus.parse_verdicts(VERDICTS, "v").findings)
    corpus._write_doc(str(doc), corpus.render_report([project], {"acme/app": m}))
    text = doc.read_text()
    assert "\nold\n" not in text and "intro" in text and "## Causes" in text and "| PG103 | 1 | 1 |" in text


def test_shared_fingerprint_pairs_by_nearest_line() -> None:
    corpus = _corpus()
    V, F = corpus.Verdict, corpus.Finding
    verdicts = [V("same", "PG103", "t.py", 24, "debatable", "test-only"), V("same", "PG103", "t.py", 32, "false", "x")]
    # reported in the other order, and both moved down by three lines
    m = corpus.match([F("same", "PG103", "t.py", 35), F("same", "PG103", "t.py", 27)], verdicts)
    assert [(f.line, v.line) for f, v in m.judged] == [(35, 32), (27, 24)]
    assert m.new == [] and m.lost == []


def test_a_shared_fingerprint_keeps_each_line_its_own_verdict() -> None:
    corpus = _corpus()
    V, F = corpus.Verdict, corpus.Finding
    verdicts = [V("same", "PG103", "t.py", 32, "false", "expected-failure", ""),
                V("same", "PG103", "t.py", 24, "debatable", "test-only", "")]
    # the line-32 finding went away; the one on line 24 keeps its own verdict, not the first listed
    m = corpus.match([F("same", "PG103", "t.py", 24, "")], verdicts)
    assert [(f.line, v.line, v.verdict) for f, v in m.judged] == [(24, 24, "debatable")]
    assert [v.line for v in m.lost] == [32]
    # a finding whose fingerprint changed but whose rule, path and line did not wins over a nearer
    # finding that shares only the fingerprint
    m = corpus.match([F("same", "PG103", "t.py", 30, ""), F("other", "PG103", "t.py", 32, "")], verdicts)
    assert sorted((f.line, v.line) for f, v in m.judged) == [(30, 24), (32, 32)]
