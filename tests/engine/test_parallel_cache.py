"""Parallel runs, the result cache and its invalidation, bad cache input, the gate, progress.

No timings are asserted: what a run did itself is read from ``RunResult.stats``
(files parsed / checked in this run, workers started).
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

import pglint.cache as cache_mod
import pglint.engine as engine
from pglint.cache import default_cache_dir, project_root
from pglint.engine import Options, RunResult, run
from pglint.progress import ProgressBar, should_show_progress

HERE = Path(__file__).resolve().parent.parent
FIXTURE_TREE = [str(HERE / "rules"), str(HERE / "projects")]


def _key(result: RunResult) -> list[tuple[object, ...]]:
    return [(d.path, d.span, d.code, d.message, d.steps) for d in result.diagnostics]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    dst = tmp_path / "proj"
    shutil.copytree(HERE / "projects" / "js-imported-pool", dst)
    (dst / "pyproject.toml").write_text("")
    return dst


def _run(project: Path, cache_dir: Path, **kw: object) -> RunResult:
    return run([str(project)], Options(cache_dir=str(cache_dir), **kw))  # type: ignore[arg-type]


def _rel(paths: list[str], root: Path) -> list[str]:
    return sorted(os.path.relpath(p, root) for p in paths)


# --------------------------------------------------------------------------- parallelism


def test_parallel_output_is_identical_to_one_job(monkeypatch: pytest.MonkeyPatch) -> None:
    sequential = run(FIXTURE_TREE, Options(jobs=1))
    monkeypatch.setattr(engine, "PARALLEL_MIN_FILES", 2)  # force workers on the small fixture tree
    parallel = run(FIXTURE_TREE, Options(jobs=2))
    assert parallel.stats.workers == 2
    assert parallel.diagnostics == sequential.diagnostics  # same findings, same order
    assert parallel.analysed == sequential.analysed and parallel.files == sequential.files


def test_small_runs_start_no_workers() -> None:
    result = run([str(HERE / "projects" / "ts-imported-pool")], Options(jobs=2))
    assert len(result.files) < engine.PARALLEL_MIN_FILES
    assert result.stats.workers == 0


def test_jobs_default_is_the_number_of_cores() -> None:
    assert engine.resolve_jobs(0) == len(os.sched_getaffinity(0))
    assert engine.resolve_jobs(1) == 1


# --------------------------------------------------------------------------- cache


def test_warm_run_takes_everything_from_the_cache(project: Path, tmp_path: Path) -> None:
    cold = _run(project, tmp_path / "c")
    assert cold.stats.checked and not cold.warnings
    warm = _run(project, tmp_path / "c")
    assert warm.stats.parsed == [] and warm.stats.checked == []
    assert _key(warm) == _key(cold) and warm.analysed == cold.analysed
    assert (tmp_path / "c" / "CACHEDIR.TAG").exists()


def test_content_change_invalidates_that_file(project: Path, tmp_path: Path) -> None:
    _run(project, tmp_path / "c")
    orders = project / "services" / "orders.js"
    orders.write_text(orders.read_text() + "\n// edited\n")
    again = _run(project, tmp_path / "c")
    assert _rel(again.stats.parsed, project) == ["services/orders.js"]
    assert _rel(again.stats.checked, project) == ["services/orders.js"]


def test_config_change_invalidates_results(project: Path, tmp_path: Path) -> None:
    first = _run(project, tmp_path / "c")
    narrowed = _run(project, tmp_path / "c", select=frozenset({"PG101"}))
    assert narrowed.stats.parsed == []  # indexes do not depend on the rules
    assert sorted(narrowed.stats.checked) == sorted(first.analysed)


def test_version_change_invalidates_and_warns_once(project: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    first = _run(project, tmp_path / "c")
    monkeypatch.setattr(cache_mod, "__version__", "99.0.0")
    cache_mod.code_fingerprint.cache_clear()
    try:
        again = _run(project, tmp_path / "c")
    finally:
        cache_mod.code_fingerprint.cache_clear()
    assert len(again.warnings) == 1 and "written by pglint 0.1.0" in again.warnings[0]
    assert sorted(again.stats.checked) == sorted(first.analysed)
    assert _key(again) == _key(first)


def test_dependency_exports_invalidate_importers(project: Path, tmp_path: Path) -> None:
    first = _run(project, tmp_path / "c")
    orders = str(project / "services" / "orders.js")
    before = {d.span.line for d in first.diagnostics if d.path == orders}
    (project / "lib" / "db.js").write_text("// no pool any more\nmodule.exports = { answer: 42 };\n")
    again = _run(project, tmp_path / "c")
    assert orders in again.stats.checked  # orders.js did not change; what it imports did
    after = {d.span.line for d in again.diagnostics if d.path == orders}
    assert after < before  # `pool.connect()` on lib/db is no longer a pool checkout
    fresh = run([str(project)], Options())
    assert _key(again) == _key(fresh)


def test_dependency_digest_ignores_edits_that_keep_the_exports(project: Path, tmp_path: Path) -> None:
    _run(project, tmp_path / "c")
    db = project / "lib" / "db.js"
    db.write_text("// a comment\n" + db.read_text())
    again = _run(project, tmp_path / "c")
    assert _rel(again.stats.checked, project) == ["lib/db.js"]


# --------------------------------------------------------------------------- bad input


def test_corrupt_and_unreadable_entries(project: Path, tmp_path: Path) -> None:
    first = _run(project, tmp_path / "c")
    entries = sorted((tmp_path / "c" / "entries").rglob("*"))
    files = [p for p in entries if p.is_file()]
    assert len(files) >= 3
    files[0].write_bytes(b"\x80garbage")
    files[1].write_bytes(b"")
    files[2].unlink()
    files[2].mkdir()  # unreadable: a directory where the entry should be
    again = _run(project, tmp_path / "c")
    assert len(again.warnings) == 1 and "unreadable entries" in again.warnings[0]
    assert _key(again) == _key(first)


def test_corrupt_cache_metadata(project: Path, tmp_path: Path) -> None:
    first = _run(project, tmp_path / "c")
    (tmp_path / "c" / cache_mod.META_FILE).write_text("{not json")
    again = _run(project, tmp_path / "c")
    assert len(again.warnings) == 1
    assert _key(again) == _key(first)


def test_unwritable_cache_dir_falls_back_to_no_cache(project: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = _run(project, blocker / "cache")
    assert len(result.warnings) == 1 and "running without a cache" in result.warnings[0]
    assert _key(result) == _key(run([str(project)], Options()))


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_cache_dir(project: Path, tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        result = _run(project, ro / "cache")
    finally:
        ro.chmod(0o700)
    assert len(result.warnings) == 1
    assert _key(result) == _key(run([str(project)], Options()))


def test_file_that_disappears_during_the_run(project: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    ghost = str(project / "services" / "ghost.js")
    real = engine.discover
    monkeypatch.setattr(engine, "discover", lambda *a, **k: sorted(real(*a, **k) + [ghost]))
    result = _run(project, tmp_path / "c")
    assert len(result.warnings) == 1 and "disappeared" in result.warnings[0]
    assert ghost not in result.files
    monkeypatch.setattr(engine, "discover", real)
    assert _key(result) == _key(run([str(project)], Options()))


def test_file_that_changes_during_the_run(project: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    orders = project / "services" / "orders.js"
    original_check = engine._Analyser.check

    def check_and_edit(self: engine._Analyser, path: str, data: bytes) -> tuple[list, bool]:
        out = original_check(self, path, data)
        if path == str(orders) and not orders.read_text().endswith("// edited\n"):
            orders.write_text(orders.read_text() + "// edited\n")
        return out

    monkeypatch.setattr(engine._Analyser, "check", check_and_edit)
    result = _run(project, tmp_path / "c")
    assert len(result.warnings) == 1 and "changed during the run" in result.warnings[0]
    monkeypatch.setattr(engine._Analyser, "check", original_check)
    again = _run(project, tmp_path / "c")  # not cached: analysed again, now without a warning
    assert str(orders) in again.stats.checked and not again.warnings


def test_cache_dir_is_at_the_project_root(tmp_path: Path) -> None:
    (tmp_path / "repo" / "src" / "app").mkdir(parents=True)
    (tmp_path / "repo" / "pglint.toml").write_text("")
    assert project_root([str(tmp_path / "repo" / "src" / "app")]) == str(tmp_path / "repo")
    assert default_cache_dir([str(tmp_path / "repo" / "src")]) == str(tmp_path / "repo" / ".pglint_cache")
    (tmp_path / "bare").mkdir()
    assert project_root([str(tmp_path / "bare")], cwd=str(tmp_path)) in (str(tmp_path), "/")


# --------------------------------------------------------------------------- gate


def test_gate_follows_helpers_through_project_modules(tmp_path: Path) -> None:
    (tmp_path / "db.js").write_text("const { Pool } = require('pg');\nmodule.exports = new Pool();\n")
    (tmp_path / "query.js").write_text(
        "const pool = require('./db');\nexports.query = (sql) => pool.query(sql);\n")
    (tmp_path / "helpers.js").write_text("module.exports = require('./query');\n")
    (tmp_path / "app.js").write_text("const { query } = require('./helpers');\nquery('SELECT 1');\n")
    (tmp_path / "other.js").write_text("const x = require('./util');\n")
    (tmp_path / "util.js").write_text("module.exports = 1;\n")
    result = run([str(tmp_path)], Options())
    assert _rel(result.analysed, tmp_path) == ["app.js", "db.js", "helpers.js", "query.js"]


# --------------------------------------------------------------------------- progress


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_only_on_a_terminal_for_human_formats() -> None:
    tty, pipe = _Stream(True), _Stream(False)
    assert should_show_progress(tty, "text", {})
    assert not should_show_progress(pipe, "text", {})
    for fmt in ("json", "sarif", "github", "junit"):
        assert not should_show_progress(tty, fmt, {})
    assert not should_show_progress(tty, "text", {"TERM": "dumb"})
    assert not should_show_progress(tty, "text", {}, quiet=True)


def test_progress_bar_waits_then_draws_then_erases() -> None:
    now = [0.0]
    stream = _Stream(True)
    bar = ProgressBar(stream, width=10, clock=lambda: now[0])
    bar("indexing", 1, 4)
    assert stream.getvalue() == ""  # short runs never show a bar
    now[0] = 2.0
    bar("analysing", 2, 4)
    assert "[#####.....] analysing 2/4 files  2.0s" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_run_reports_progress() -> None:
    calls: list[tuple[str, int, int]] = []
    run(FIXTURE_TREE, Options(progress=lambda *a: calls.append(a)))
    assert calls and calls[-1][0] == "analysing" and calls[-1][1] == calls[-1][2]


# --------------------------------------------------------------------------- function summaries and the cache


@pytest.fixture
def helpers(tmp_path: Path) -> Path:
    dst = tmp_path / "helpers"
    shutil.copytree(HERE / "projects" / "js-helpers", dst)
    (dst / "pyproject.toml").write_text("")
    return dst


def test_helper_that_stops_releasing_invalidates_its_callers(helpers: Path, tmp_path: Path) -> None:
    first = _run(helpers, tmp_path / "c")
    orders = str(helpers / "services" / "orders.js")
    source = (helpers / "services" / "orders.js").read_text().splitlines()
    safe = next(i for i, text in enumerate(source, 1) if "async function listOrdersSafely" in text)
    db = helpers / "lib" / "db.js"
    text = db.read_text()
    assert "function releaseClient(client) {\n  client.release();\n}" in text
    db.write_text(text.replace("function releaseClient(client) {\n  client.release();\n}",
                               "function releaseClient(client) {\n  client.query('SELECT 1');\n}"))
    again = _run(helpers, tmp_path / "c")
    assert orders in again.stats.checked  # orders.js did not change; a helper it calls did
    new = ({(d.path, d.span.line, d.code) for d in again.diagnostics}
           - {(d.path, d.span.line, d.code) for d in first.diagnostics})
    # listOrdersSafely() releases through releaseClient() in `finally`: now its checkout leaks
    assert any(path == orders and safe < ln < safe + 4 and code == "PG101" for path, ln, code in new)
    fresh = run([str(helpers)], Options())
    assert _key(again) == _key(fresh)


def test_summaries_of_unchanged_files_come_from_the_cache(helpers: Path, tmp_path: Path) -> None:
    cold = _run(helpers, tmp_path / "c")
    assert _rel(cold.stats.summarised, helpers) == ["lib/db.js", "lib/repo.js", "services/orders.js"]
    warm = _run(helpers, tmp_path / "c")
    assert warm.stats.summarised == [] and warm.stats.checked == []
    orders = helpers / "services" / "orders.js"
    orders.write_text(orders.read_text() + "\n// edited\n")
    again = _run(helpers, tmp_path / "c")
    assert _rel(again.stats.summarised, helpers) == ["services/orders.js"]
    assert _key(again) == _key(run([str(helpers)], Options()))

