"""bench/eslint_corpus.py: the scoring of the ESLint plugin's labelled corpus, on tiny synthetic inputs.

The plugin's real corpus lives outside the suite; here a throwaway git repository with a handful of
files of our own stands in for it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench_scripts import load_bench_script


def _script():  # type: ignore[no-untyped-def]
    return load_bench_script("eslint_corpus")


def test_score_counts_each_label_against_the_rule_under_test() -> None:
    ec = _script()
    fixtures = [
        ec.Fixture("a", "vulnerable/1.js", True),   # flagged: TP
        ec.Fixture("a", "vulnerable/2.js", True),   # missed: FN
        ec.Fixture("a", "safe/1.js", False),        # flagged: FP
        ec.Fixture("a", "safe/2.js", False),        # clean: TN
        ec.Fixture("b", "safe/1.js", False),        # flagged only under rule a's name: TN for b
    ]
    result = ec.score(fixtures, {"a": {"vulnerable/1.js", "safe/1.js"}, "b": set()})
    a = result.per_rule["a"]
    assert (a.tp, a.fp, a.fn, a.tn) == (1, 1, 1, 1)
    assert a.precision == pytest.approx(0.5) and a.recall == pytest.approx(0.5) and a.f1 == pytest.approx(0.5)
    b = result.per_rule["b"]
    assert (b.tp, b.fp, b.fn, b.tn) == (0, 0, 0, 1)
    assert (result.overall.tp, result.overall.fp, result.overall.fn, result.overall.tn) == (1, 1, 1, 2)
    assert [(f.rule, f.path, hit) for f, hit in result.disagreements] == [
        ("a", "safe/1.js", True), ("a", "vulnerable/2.js", False)]


def test_empty_denominators_do_not_divide_by_zero() -> None:
    ec = _script()
    nothing_flagged = ec.score([ec.Fixture("a", "safe/1.js", False)], {})
    s = nothing_flagged.per_rule["a"]
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    all_missed = ec.score([ec.Fixture("a", "vulnerable/1.js", True)], {})
    assert all_missed.per_rule["a"].f1 == 0.0


def test_only_the_mapped_codes_flag_a_fixture(tmp_path: Path) -> None:
    ec = _script()
    findings = [
        {"code": "PG401", "path": "vulnerable/1.js"},
        {"code": "PG101", "path": "safe/1.js"},          # another rule's finding: not counted
        {"code": "PG401", "path": str(tmp_path / "safe" / "2.ts")},
    ]
    assert ec.flagged_paths(findings, ("PG401",), str(tmp_path)) == {"vulnerable/1.js", "safe/2.ts"}


def test_fixture_labels_come_from_the_folder() -> None:
    ec = _script()
    assert ec.fixture_of("r", "vulnerable/01-x.ts") == ec.Fixture("r", "vulnerable/01-x.ts", True)
    assert ec.fixture_of("r", "safe/sub/02.js") == ec.Fixture("r", "safe/sub/02.js", False)
    assert ec.fixture_of("r", "MANIFEST.md") is None
    assert ec.fixture_of("r", "safe/notes.md") is None
    assert ec.fixture_of("r", "other/01.js") is None


def test_every_plugin_rule_maps_to_an_existing_pglint_rule() -> None:
    from pglint.rules import all_metas

    ec = _script()
    codes = {meta.code: meta.name for meta in all_metas()}
    for plugin_rule, mapped in ec.RULE_MAP.items():
        assert mapped and all(code in codes for code in mapped), plugin_rule
        assert plugin_rule in {codes[c] for c in mapped}, plugin_rule


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t", "HOME": str(repo), "PATH": "/usr/bin:/bin"})


def _synthetic_corpus(tmp_path: Path) -> Path:
    repo = tmp_path / "plugin"
    base = repo / "benchmarks" / "rule-corpus" / "postgresql-security__no-transaction-on-pool"
    (base / "safe").mkdir(parents=True)
    (base / "vulnerable").mkdir()
    (base / "MANIFEST.md").write_text("# not a fixture\n")
    (base / "vulnerable" / "01.js").write_text(
        "const { Pool } = require('pg');\nconst pool = new Pool();\n"
        "async function f() { await pool.query('BEGIN'); }\nmodule.exports = { f };\n")
    (base / "safe" / "01.js").write_text(
        "const { Pool } = require('pg');\nconst pool = new Pool();\n"
        "async function f() { return pool.query('SELECT 1'); }\nmodule.exports = { f };\n")
    (base / "safe" / "02.js").write_text(  # labelled safe but a transaction on the pool: a disagreement
        "const { Pool } = require('pg');\nconst pool = new Pool();\n"
        "async function g() { await pool.query('COMMIT'); }\nmodule.exports = { g };\n")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "corpus")
    return repo


def test_end_to_end_on_a_synthetic_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    ec = _script()
    repo = _synthetic_corpus(tmp_path)
    monkeypatch.setattr(ec, "CACHE_DIR", str(tmp_path / "cache"))
    folder, commit = ec.export(str(repo), "HEAD", str(tmp_path / "cache"))
    assert sorted(p.name for p in Path(folder).iterdir()) == [".complete", ".git", "no-transaction-on-pool"]
    fixtures = ec.collect(folder, ["no-transaction-on-pool"])
    assert sorted(f.path for f in fixtures) == ["safe/01.js", "safe/02.js", "vulnerable/01.js"]
    root = str(Path(folder) / "no-transaction-on-pool")
    flagged = ec.flagged_paths(ec.run_pglint([sys.executable, "-m", "pglint"], root, ("PG105",)), ("PG105",), root)
    result = ec.score(fixtures, {"no-transaction-on-pool": flagged})
    s = result.per_rule["no-transaction-on-pool"]
    assert (s.tp, s.fp, s.fn, s.tn) == (1, 1, 0, 1)
    assert [f.path for f, _ in result.disagreements] == ["safe/02.js"]


def test_a_folder_that_is_no_repository_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ec = _script()
    assert ec.main(["--repo", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no such directory" in err
    assert ec.main(["--repo", str(tmp_path)]) == 2
    assert "not a git repository" in capsys.readouterr().err
