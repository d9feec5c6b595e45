"""bench/fuzz.py on a few mutants: deterministic mutants, a clean sweep, and failures it must notice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from bench_scripts import ROOT, load_bench_script


@pytest.fixture(scope="module")
def fuzz() -> ModuleType:
    return load_bench_script("fuzz")


def test_mutants_follow_from_the_seed(fuzz: ModuleType) -> None:
    seeds = fuzz.load_seeds([str(ROOT / "tests" / "projects"), str(ROOT / "examples")])
    assert any(len(s.files) > 1 for s in seeds) and any(s.name.startswith("examples") for s in seeds)
    one, two = fuzz.make_mutants(seeds, 30, 5), fuzz.make_mutants(seeds, 30, 5)
    assert [(m.files, m.mutations) for m in one] == [(m.files, m.mutations) for m in two]
    other = fuzz.make_mutants(seeds, 30, 6)
    assert [m.files for m in one] != [m.files for m in other]
    assert all(m.mutations for m in one)


def test_a_small_sweep_is_clean(tmp_path: Path) -> None:
    res = subprocess.run([sys.executable, str(ROOT / "bench" / "fuzz.py"), "-n", "8", "--seed", "3",
                          "--workers", "2", "--quiet", "--corpus", str(ROOT / "examples"),
                          str(ROOT / "tests" / "projects"), "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=300)
    assert "8 mutants of" in res.stdout and "| crash | 0 |" in res.stdout, res.stdout + res.stderr
    assert res.returncode == 0, res.stdout + res.stderr


def test_a_crash_and_a_cache_difference_are_noticed(fuzz: ModuleType, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import pglint.engine as engine

    files = {"app.py": (ROOT / "examples" / "orders.py").read_bytes()}

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(engine, "check_file", broken)
    found = fuzz.check(("full", 1, files, "json"), str(tmp_path))
    assert any("ZeroDivisionError: boom" in c for c in found["crash"]), found
    monkeypatch.undo()

    original = engine.Cache.load

    def stale(self: object, path: str) -> object:  # a cache that hands back findings of another file
        entry = original(self, path)  # type: ignore[arg-type]
        if entry is not None and entry.diagnostics:
            entry.diagnostics = entry.diagnostics[1:]
        return entry

    monkeypatch.setattr(engine.Cache, "load", stale)
    found = fuzz.check(("full", 2, files, "text"), str(tmp_path))
    assert found.get("cache difference") == "warm run with a cache differs", found


def test_a_slow_run_is_a_hang(fuzz: ModuleType, tmp_path: Path) -> None:
    limit = fuzz.RUN_LIMIT[0]
    fuzz.RUN_LIMIT[0] = -1.0  # every run is over the limit
    try:
        found = fuzz.check(("full", 3, {"app.py": b"import psycopg2\n"}, "text"), str(tmp_path))
    finally:
        fuzz.RUN_LIMIT[0] = limit
    assert "a run (plain) took" in found.get("hang", ""), found
