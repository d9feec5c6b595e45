"""``--jobs`` is bounded: never more worker processes than cores; 0 means one per core; nonsense is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

import pglint.engine as engine
from cli_support import write_files
from pglint.engine import Options, run

# Enough files that each would get a worker of its own once PARALLEL_MIN_FILES is lowered.
PROJECT = {f"m{i}.py": "import psycopg2\n\ndef f():\n    conn = psycopg2.connect('')\n    conn.close()\n"
           for i in range(6)}


@pytest.fixture
def many_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(engine, "PARALLEL_MIN_FILES", 2)  # workers even for a handful of files
    return write_files(tmp_path, PROJECT)


def test_huge_jobs_is_capped_at_the_core_count(many_files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "available_cores", lambda: 2)
    result = run([str(many_files)], Options(jobs=100_000))
    assert result.stats.workers == 2


def test_huge_jobs_on_one_core_starts_no_worker(many_files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "available_cores", lambda: 1)
    result = run([str(many_files)], Options(jobs=100_000))
    assert result.stats.workers == 0
    assert len(result.files) == len(PROJECT)


def test_resolve_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "available_cores", lambda: 4)
    assert [engine.resolve_jobs(n) for n in (0, -1, 1, 3, 4, 5, 10**9)] == [4, 4, 1, 3, 4, 4, 4]


@pytest.mark.parametrize("value", ["0", "1", "100000", "99999999999999999999999"])
def test_jobs_accepted(pglint, tmp_path: Path, value: str) -> None:  # noqa: ANN001
    write_files(tmp_path, {"app.py": "print(1)\n"})
    res = pglint("check", "--isolated", "--no-cache", "-j", value, cwd=tmp_path)
    assert (res.code, res.err) == (0, "")


@pytest.mark.parametrize(("value", "message"), [
    ("-1", "must be 0 (one per core) or a positive number, not -1"),
    ("many", "not a number: 'many'"),
    ("2.5", "not a number: '2.5'"),
])
def test_jobs_refused(pglint, tmp_path: Path, value: str, message: str) -> None:  # noqa: ANN001
    res = pglint("check", "--isolated", f"--jobs={value}", cwd=tmp_path)
    assert res.code == 2
    assert res.err == f"pglint: error: argument -j/--jobs: {message} (see `pglint check --help`)\n"


def test_help_says_jobs_is_capped(pglint) -> None:  # noqa: ANN001
    res = pglint("check", "--help")
    assert "capped at the number of cores" in " ".join(res.out.split())
