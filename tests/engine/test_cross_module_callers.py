"""Parameters judged by their callers in other modules (PG201/PG203), with the per-file cache on:
a caller that changes what it passes changes the callee's findings although the callee's file did not."""

from __future__ import annotations

import shutil
from pathlib import Path

from pglint.engine import Options, RunResult, run

HERE = Path(__file__).resolve().parent.parent


def _run(project: Path, cache_dir: Path) -> RunResult:
    return run([str(project)], Options(cache_dir=str(cache_dir), select=frozenset({"PG201", "PG203"})))


def _admin_lines(result: RunResult, project: Path) -> set[tuple[int, str]]:
    admin = str(project / "app" / "admin.py")
    return {(d.span.line, d.code) for d in result.diagnostics if d.path == admin}


def test_a_callers_edit_in_another_module_reaches_the_cached_callee(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    shutil.copytree(HERE / "projects" / "py-cross-module-callers", project)
    (project / "pyproject.toml").write_text("")
    cache = tmp_path / "cache"
    main = project / "app" / "main.py"
    original = main.read_text()
    first = _admin_lines(_run(project, cache), project)
    assert (13, "PG201") not in first  # batch_ids: every caller passes a number

    main.write_text(original.replace("batch_ids(conn, 10)", "batch_ids(conn, sys.argv[1])"))
    edited = _run(project, cache)
    assert str(project / "app" / "admin.py") in edited.stats.checked  # admin.py itself did not change
    assert _admin_lines(edited, project) == first | {(13, "PG201")}
    fresh = run([str(project)], Options(select=frozenset({"PG201", "PG203"})))
    assert _admin_lines(fresh, project) == _admin_lines(edited, project)

    main.write_text(original)
    assert _admin_lines(_run(project, cache), project) == first


def test_a_string_constant_passed_from_another_module_keeps_search_path_quiet(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    shutil.copytree(HERE / "projects" / "py-cross-module-callers", project)
    (project / "pyproject.toml").write_text("")
    settings = project / "app" / "settings.py"
    cache = tmp_path / "cache"
    assert not {c for _, c in _admin_lines(_run(project, cache), project) if c == "PG203"}
    settings.write_text(settings.read_text().replace('ARCHIVE_SCHEMA = "archive"', 'ARCHIVE_SCHEMA = input()'))
    assert (20, "PG203") in _admin_lines(_run(project, cache), project)
