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
