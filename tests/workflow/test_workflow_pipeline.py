"""The workflow modules chained as the CLI wires them, on real files through the real engine.

``pipeline`` is the executable form of the wiring described for ``pglint check``:
load the configuration, run the engine with the enabled rules and the
project's driver models, apply the configuration, the inline suppressions
(whose PG003 findings go through the configuration too) and the baseline.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pglint.baseline import BaselineResult, apply_baseline, load_baseline, write_baseline
from pglint.config import load_config
from pglint.diagnostics import Diagnostic
from pglint.engine import Options, run
from pglint.report import concise
from pglint.suppression import apply_suppressions, collect_comments


def pipeline(paths: list[str], *, baseline: str | None = None,
             select: list[str] | None = None) -> tuple[list[Diagnostic], int, BaselineResult | None]:
    config = load_config(paths)
    if select is not None:
        config = config.override(select=select)
    result = run(paths, Options(select=config.enabled_codes()), registry=config.resources.registry())
    diags = config.apply(result.diagnostics)
    kept, suppressed, extra = apply_suppressions(diags, collect_comments(result.files), config.enabled_codes_for)
    diags = sorted(kept + config.apply(extra), key=Diagnostic.sort_key)
    matched = None
    if baseline is not None:
        matched = apply_baseline(diags, load_baseline(baseline))
        diags = matched.kept
    return diags, suppressed, matched


LEAKY = '''\
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 5, "dbname=app")


def leak():
    conn = pool.getconn()
    return 1


def accepted():
    conn = pool.getconn()  # noqa: PG101
    return 1


def stale_noqa():
    return 2  # pglint: ignore[PG101, PG999]
'''


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "src").mkdir()
    (tmp_path / "tests").mkdir()
    (tmp_path / "src" / "app.py").write_text(LEAKY)
    (tmp_path / "tests" / "test_app.py").write_text(LEAKY)
    (tmp_path / "pyproject.toml").write_text(textwrap.dedent("""\
        [tool.pglint]
        per-file-ignores = { "tests/" = ["PG101"] }
        severity = { PG003 = "info" }
        """))
    return tmp_path


def test_config_suppressions_and_unused_reports(project: Path) -> None:
    diags, suppressed, _ = pipeline(["."])
    assert concise.render(diags, cwd=str(project)) == (
        "src/app.py:7:5: PG101 Missing pool.putconn(conn) detected\n"
        "src/app.py:17:15: PG003 Unused `pglint: ignore` directive (unused: PG101; unknown: PG999)\n"
        "tests/test_app.py:17:15: PG003 Unused `pglint: ignore` directive (unknown: PG999)\n"
    )
    assert [d.severity for d in diags] == ["error", "info", "info"]
    assert suppressed == 1


def test_selecting_other_rules_keeps_suppressions_quiet(project: Path) -> None:
    diags, _, _ = pipeline(["."], select=["PG102", "PG003"])
    assert concise.render(diags, cwd=str(project)) == (
        "src/app.py:17:15: PG003 Unused `pglint: ignore` directive (unknown: PG999)\n"
        "tests/test_app.py:17:15: PG003 Unused `pglint: ignore` directive (unknown: PG999)\n"
    )


def test_baseline_after_suppressions(project: Path) -> None:
    diags, _, _ = pipeline(["."])
    write_baseline(str(project / "baseline.json"), diags)
    (project / "src" / "app.py").write_text("# a new header line\n\n" + LEAKY + textwrap.dedent("""\


        def fresh():
            conn = pool.getconn()
            return 3
        """))
    diags, _, matched = pipeline(["."], baseline=str(project / "baseline.json"))
    assert concise.render(diags, cwd=str(project)) == "src/app.py:23:5: PG101 Missing pool.putconn(conn) detected\n"
    assert matched is not None and (matched.matched, matched.stale) == (3, 0)


def test_project_pools_from_configuration(project: Path) -> None:
    (project / "src" / "app.py").write_text(
        "from app_db import pool\n\n\ndef leak():\n    conn = pool.getconn()\n    return 1\n")
    (project / "src" / "app_db.py").write_text("pool = build_pool()\n")
    assert pipeline(["src"])[0] == []
    with (project / "pyproject.toml").open("a") as fh:
        fh.write('\n[[tool.pglint.resources.pool]]\nvalue = "app_db.pool"\nlike = "psycopg2"\n')
    diags, _, _ = pipeline(["src"])
    assert concise.render(diags, cwd=str(project)) == "src/app.py:5:5: PG101 Missing pool.putconn(conn) detected\n"
