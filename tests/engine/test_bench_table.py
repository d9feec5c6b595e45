"""Smoke test of the benchmark's table and report code (the benchmark itself does not run here)."""

from __future__ import annotations

from pathlib import Path

from bench_scripts import load_bench_script


def _bench():  # type: ignore[no-untyped-def]
    return load_bench_script("run")


def test_table_and_report(tmp_path: Path) -> None:
    bench = _bench()
    corpus = tmp_path / "corpus"
    (corpus / "a").mkdir(parents=True)
    (corpus / "a" / "x.js").write_text("a\nb\n")
    (corpus / "a" / "x.d.ts").write_text("skipped\n")
    (corpus / "a" / "y.py").write_text("1\n")
    assert bench.count(str(corpus), bench.JS_EXT) == (1, 2)
    assert bench._safe_rel("pkg/dist/x.js").replace("\\", "/") == "pkg/_dist/x.js"
    rows = [bench.Row("pglint cold", "js", 1, 2000, 2.0, 50.0, 2.0),
            bench.Row("eslint", "js", 1, 2000, 8.0, 200.0, 2.0)]
    table = bench.render_table(rows)
    assert "| eslint" in table and "4.00x" in table and "1,000" in table
    doc = tmp_path / "performance.md"
    doc.write_text("# Performance\n\nintro\n\n<!-- bench:begin -->\nold\n<!-- bench:end -->\n\nnotes\n")
    bench.write_doc(str(doc), bench.render_report(rows, [], {"pglint": "0.1"}, 3))
    text = doc.read_text()
    assert "\nold\n" not in text and "intro" in text and "notes" in text and "| eslint" in text


def test_generated_inputs_are_written_and_reported(tmp_path: Path) -> None:
    bench = _bench()
    made = bench.build_generated(str(tmp_path))
    assert len(made) == sum(len(sizes) for *_, sizes in bench.GENERATED)
    names = {name.format(n=n) for name, n, _ in made}
    assert "js: `+` chain of 3000 terms" in names and "py: chain of 500 calls" in names
    for _, _, path in made:
        assert bench.count_file(path)[1] >= 1
    rows = [bench.Row("js: 10,000 nested brackets", "generated", 1, 4, 1.5, 50.0, 3.0)]
    report = bench.render_report([], [], {"pglint": "0.1"}, 1, generated_rows=rows)
    assert "Generated pathological inputs" in report and "| js: 10,000 nested brackets" in report


def _git(*args: str, cwd: Path) -> str:
    import subprocess

    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@e", "PATH": __import__("os").environ["PATH"], "HOME": str(cwd)}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def test_dense_corpus_is_exported_from_the_snapshot_at_its_commit(tmp_path: Path) -> None:
    bench = _bench()
    repo = tmp_path / "mirrors" / "acme+queue"
    (repo / "src").mkdir(parents=True)
    (repo / "dist").mkdir()
    (repo / "src" / "db.js").write_text("const { Pool } = require('pg');\n")
    (repo / "dist" / "db.js").write_text("built\n")
    (repo / "notes.md").write_text("not source\n")
    _git("init", "-q", cwd=repo)
    _git("add", ".", cwd=repo)
    _git("commit", "-qm", "one", cwd=repo)
    pinned = _git("rev-parse", "HEAD", cwd=repo)
    (repo / "src" / "later.js").write_text("// after the pinned commit\n")
    _git("add", ".", cwd=repo)
    _git("commit", "-qm", "two", cwd=repo)
    listing = tmp_path / "dense.toml"
    listing.write_text(f'[[project]]\nname = "acme/queue"\nsource = "github"\nref = "{pinned}"\n'
                       'language = "javascript"\n')
    cache = tmp_path / "cache"
    out = bench.build_dense(str(cache), str(tmp_path / "mirrors"), "javascript", str(listing))
    assert out is not None
    files = sorted(p.relative_to(out).as_posix() for p in Path(out).rglob("*.js"))
    assert files == ["acme__queue/_dist/db.js", "acme__queue/src/db.js"]  # the pinned commit, dist renamed
    listing.write_text(listing.read_text().replace(pinned, "0" * 40))
    assert bench.build_dense(str(cache), str(tmp_path / "mirrors"), "javascript", str(listing)) is None


def test_dense_report_names_the_targets_of_issue_14() -> None:
    bench = _bench()
    rows = [bench.Row("pglint cold (--no-cache)", "dense-js", 600, 120_000, 4.0, 80.0, 4.0),
            bench.Row("pglint warm (cache full)", "dense-js", 600, 120_000, 0.3, 50.0, 4.0),
            bench.Row(bench.ESLINT_RECOMMENDED, "dense-js", 600, 120_000, 14.0, 900.0, 4.0, cpu=13.5),
            bench.Row("pglint cold (--no-cache)", "dense-py", 400, 110_000, 9.0, 80.0, 9.0),
            bench.Row("ruff --select ALL", "dense-py", 400, 110_000, 1.0, 60.0, 9.0)]
    report = bench.render_dense_report(rows, {"pglint": "0.1"}, 3)
    assert "| pglint cold >= 3x faster than eslint + typescript-eslint recommended (dense-js) | 3.50x" in report
    assert "| pglint cold <= 3x slower than ruff --select ALL (dense-py) | 9.0x slower" in report
    assert "| pglint warm <= 10% of cold (dense-js) | 8% | met |" in report
    assert "CPU s (median)" in report and "| 13.50 " in report  # rows without a CPU time show "-"
