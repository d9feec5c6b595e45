"""The cache never damages a project, never hangs a run and is never trusted when corrupt.

* pglint writes only into a cache directory it created or that is its own (or
  empty): ``--cache-dir .`` is refused with one line and leaves the project alone;
* every entry and blob is sealed with a digest: flipping any byte of one (every
  byte in turn, in process) is detected, and damaging entries in any way (every
  one at once, truncated, a FIFO, a directory) gives the ``--no-cache`` output
  with at most one warning; values of the wrong shape are discarded too.

The full sweep (every byte of every cache file, end to end) is
``bench/cache_sweep.py``.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Iterator

import pytest

from pglint import __version__, cli
from pglint.cache import (CACHE_FORMAT, CACHEDIR_TAG, META_FILE, Cache, CacheDirError, Entry, seal, unseal,
                          valid_summary_table)
from pglint.engine import Options, RunResult, run

HERE = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Python and JS files with findings, imports and helper summaries (a summaries.pickle)."""
    dst = tmp_path / "proj"
    for name in ("js-helpers", "py-helpers"):
        shutil.copytree(HERE / "projects" / name, dst / name)
    (dst / "pyproject.toml").write_text("")
    return dst


def _key(result: RunResult) -> list[tuple[object, ...]]:
    return [(d.path, d.span, d.code, d.message, d.steps) for d in result.diagnostics]


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    rc = cli.main(["check", "--isolated", "--jobs", "1", *args])
    out, err = capsys.readouterr()
    return rc, out, err


def _entry_files(cache_dir: Path) -> list[Path]:
    return sorted(p for p in (cache_dir / "entries").rglob("*") if p.is_file())


# --------------------------------------------------------------------------- never write outside the cache


def test_an_existing_project_directory_is_refused_and_left_alone(project: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".gitignore").write_text("node_modules\n")
    before = sorted(p.name for p in project.iterdir())
    rc, out, err = _cli(capsys, "--cache-dir", str(project), str(project))
    assert rc == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("pglint: error: cache directory ")
    assert str(project) in err and "Traceback" not in err
    assert (project / ".gitignore").read_text() == "node_modules\n"
    assert sorted(p.name for p in project.iterdir()) == before  # no CACHEDIR.TAG, entries, meta
    with pytest.raises(CacheDirError):
        run([str(project)], Options(cache_dir=str(project)))
    assert sorted(p.name for p in project.iterdir()) == before


def test_a_directory_with_another_tools_cachedir_tag_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n# created by sometool\n")
    with pytest.raises(CacheDirError):
        Cache(str(other))
    assert not (other / ".gitignore").exists() and not (other / META_FILE).exists()


def test_a_new_directory_is_created_and_marked(project: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "deep" / "cache"
    first = run([str(project)], Options(cache_dir=str(cache_dir)))
    assert not first.warnings
    assert (cache_dir / "CACHEDIR.TAG").read_text() == CACHEDIR_TAG
    assert (cache_dir / ".gitignore").read_text().splitlines()[-1] == "*"
    assert json.loads((cache_dir / META_FILE).read_text()) == {"format": CACHE_FORMAT, "pglint": __version__}
    again = run([str(project)], Options(cache_dir=str(cache_dir)))  # its own directory: used
    assert not again.warnings and again.stats.checked == []


def test_an_empty_existing_directory_is_adopted(project: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run([str(project)], Options(cache_dir=str(empty)))
    assert not result.warnings and (empty / "CACHEDIR.TAG").exists() and _entry_files(empty)


@pytest.mark.parametrize("markers", ["both", "meta only", "tag only"])
def test_a_cache_of_the_previous_release_is_still_accepted(project: Path, tmp_path: Path, markers: str) -> None:
    old = tmp_path / ".pglint_cache"
    (old / "entries" / "ab").mkdir(parents=True)
    (old / "entries" / "ab" / "cdef").write_bytes(pickle.dumps(("an", "old", "entry")))
    (old / "summaries.pickle").write_bytes(pickle.dumps(("old key", {})))
    if markers != "tag only":
        (old / META_FILE).write_text(json.dumps({"format": 2, "pglint": __version__}))
    if markers != "meta only":
        (old / "CACHEDIR.TAG").write_text(CACHEDIR_TAG)
        (old / ".gitignore").write_text("# created by pglint\n*\n")
    result = run([str(project)], Options(cache_dir=str(old)))
    assert _key(result) == _key(run([str(project)], Options()))
    assert len(result.warnings) <= 1
    assert json.loads((old / META_FILE).read_text())["format"] == CACHE_FORMAT
    assert not (old / "entries" / "ab" / "cdef").exists() or markers == "tag only"
    again = run([str(project)], Options(cache_dir=str(old)))
    assert not again.warnings and again.stats.checked == []


# --------------------------------------------------------------------------- corrupt entries, in process


def _entries_by_source(cache: Cache, files: list[str]) -> dict[str, str]:
    return {cache._entry_path(path): path for path in files}


def _each_flipped_byte(file: Path, mask: int) -> Iterator[int]:
    """Flip each byte of ``file`` in turn (in place), yielding its offset while it is flipped."""
    data = file.read_bytes()
    fd = os.open(file, os.O_RDWR)
    try:
        for offset, byte in enumerate(data):
            os.pwrite(fd, bytes([byte ^ mask]), offset)
            yield offset
            os.pwrite(fd, bytes([byte]), offset)
    finally:
        os.close(fd)
    assert file.read_bytes() == data


def test_every_flipped_byte_of_an_entry_is_detected(project: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "c"
    result = run([str(project)], Options(cache_dir=str(cache_dir)))
    cache = Cache(str(cache_dir))
    sources = _entries_by_source(cache, result.files)
    entry_file = min(_entry_files(cache_dir), key=lambda p: p.stat().st_size)
    source = sources[str(entry_file)]
    pristine = entry_file.read_bytes()
    assert cache.load(source) is not None and cache.problems.corrupt == 0
    for mask in (0x01, 0xFF):
        for offset in _each_flipped_byte(entry_file, mask):
            corrupt = cache.problems.corrupt
            assert cache.load(source) is None, (mask, offset)
            assert cache.problems.corrupt == corrupt + 1, (mask, offset)
    for cut in (0, 1, len(pristine) // 2, len(pristine) - 1):
        entry_file.write_bytes(pristine[:cut])
        assert cache.load(source) is None
    entry_file.write_bytes(pristine)
    assert isinstance(cache.load(source), Entry)


def test_every_flipped_byte_of_the_summary_table_is_detected(project: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "c"
    run([str(project)], Options(cache_dir=str(cache_dir)))
    blob = cache_dir / "summaries.pickle"
    pristine = blob.read_bytes()
    payload = unseal(pristine)
    assert payload is not None
    key, table = pickle.loads(payload)
    assert table[0], "the fixture project has helper summaries"
    cache = Cache(str(cache_dir))
    assert cache.load_blob("summaries", key, valid=valid_summary_table) == table
    for mask in (0x01, 0xFF):
        for offset in _each_flipped_byte(blob, mask):
            assert cache.load_blob("summaries", key, valid=valid_summary_table) is None, (mask, offset)
    assert cache.problems.corrupt == 2 * len(pristine)
    # the case: a valid key, half the summaries gone, the old digest kept
    summaries, deps = table
    half = dict(list(summaries.items())[: len(summaries) // 2])
    altered = pickle.dumps((key, (half, deps)), protocol=pickle.HIGHEST_PROTOCOL)
    blob.write_bytes(pristine[: len(pristine) - len(payload)] + altered)
    assert cache.load_blob("summaries", key, valid=valid_summary_table) is None


def test_sealed_values_of_the_wrong_shape_are_discarded(project: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "c"
    result = run([str(project)], Options(cache_dir=str(cache_dir)))
    cache = Cache(str(cache_dir))
    source = next(p for p in result.files if cache.load(p) is not None and cache.load(p).diagnostics)
    good = cache.load(source)
    assert good is not None and good.diagnostics
    file = Path(cache._entry_path(source))
    wrong: list[object] = [
        ("not", "an", "entry"),
        Entry("/some/other/file.py", good.content, good.index_key),
        Entry(source, good.content, good.index_key, good.index, result_key=good.result_key,
              diagnostics=["text"]),  # type: ignore[list-item]
        Entry(source, good.content, good.index_key, good.index, result_key=good.result_key,
              diagnostics={}),  # type: ignore[arg-type]
        Entry(source, good.content, good.index_key, index="not an index"),  # type: ignore[arg-type]
        Entry(source, good.content, good.index_key, good.index, result_key=good.result_key,
              diagnostics=[replace(good.diagnostics[0], message=None)]),  # type: ignore[arg-type]
        Entry(source, 42, good.index_key),  # type: ignore[arg-type]
        Entry(source, good.content, good.index_key, summary_key="k", summary="not summaries"),
    ]
    for value in wrong:
        file.write_bytes(seal(pickle.dumps(value)))
        corrupt = cache.problems.corrupt
        assert cache.load(source) is None, value
        assert cache.problems.corrupt == corrupt + 1
    blob = cache_dir / "summaries.pickle"
    key = pickle.loads(unseal(blob.read_bytes()) or b"")[0]
    for table in [({("a", "b"): "not a summary"}, {}), ({}, {"path": ["not", "a", "set"]}), ([], {}), "x"]:
        blob.write_bytes(seal(pickle.dumps((key, table))))
        assert cache.load_blob("summaries", key, valid=valid_summary_table) is None


# --------------------------------------------------------------------------- damaged caches, end to end


def _damage_every_entry(cache_dir: Path, how: str) -> None:
    for file in _entry_files(cache_dir) + [cache_dir / "summaries.pickle"]:
        data = file.read_bytes()
        if how == "flip":
            middle = len(data) // 2
            file.write_bytes(data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:])
        elif how == "truncate":
            file.write_bytes(data[: len(data) // 2])
        elif how == "fifo":
            file.unlink()
            os.mkfifo(file)
        else:
            file.unlink()
            file.mkdir()


@pytest.mark.parametrize("how", ["flip", "truncate", "fifo", "directory"])
def test_every_entry_damaged_at_once_gives_the_no_cache_output(project: Path, tmp_path: Path, how: str) -> None:
    cache_dir = tmp_path / "c"
    reference = run([str(project)], Options())
    run([str(project)], Options(cache_dir=str(cache_dir)))
    _damage_every_entry(cache_dir, how)
    damaged = run([str(project)], Options(cache_dir=str(cache_dir)))
    assert _key(damaged) == _key(reference)
    assert len(damaged.warnings) == 1 and "unreadable entries were ignored and rebuilt" in damaged.warnings[0]
    healed = run([str(project)], Options(cache_dir=str(cache_dir)))  # rewritten: no warning, no work
    assert _key(healed) == _key(reference) and not healed.warnings and healed.stats.checked == []


def test_damaged_cache_files_through_the_command_line(project: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    cache_dir = tmp_path / "c"
    rc0, reference, _ = _cli(capsys, "--format", "json", "--no-cache", str(project))
    assert json.loads(reference)
    _cli(capsys, "--format", "json", "--cache-dir", str(cache_dir), str(project))
    pristine = tmp_path / "pristine"
    shutil.copytree(cache_dir, pristine)
    files = sorted(p.relative_to(pristine) for p in pristine.rglob("*") if p.is_file())
    for rel in files:  # the first, middle and last byte of every cache file, one at a time
        data = (pristine / rel).read_bytes()
        for offset in sorted({0, len(data) // 2, len(data) - 1}):
            shutil.rmtree(cache_dir)
            shutil.copytree(pristine, cache_dir)
            damaged = bytearray(data)
            damaged[offset] ^= 0xFF
            (cache_dir / rel).write_bytes(bytes(damaged))
            rc, out, err = _cli(capsys, "--format", "json", "--cache-dir", str(cache_dir), str(project))
            assert (rc, out) == (rc0, reference), (rel, offset, err)
            assert err.count("pglint: warning:") <= 1 and "error" not in err, (rel, offset, err)


def test_a_fifo_entry_does_not_hang_the_run(project: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "c"
    reference = run([str(project)], Options())
    run([str(project)], Options(cache_dir=str(cache_dir)))
    fifo = _entry_files(cache_dir)[0]
    fifo.unlink()
    os.mkfifo(fifo)
    (cache_dir / "summaries.pickle").unlink()
    os.mkfifo(cache_dir / "summaries.pickle")
    # in a child process, so that a regression fails (after a generous guard) instead of hanging the suite
    code = ("import json, sys; from pglint.engine import Options, run; "
            "r = run([sys.argv[1]], Options(cache_dir=sys.argv[2])); "
            "print(json.dumps([len(r.diagnostics), r.warnings]))")
    try:
        proc = subprocess.run([sys.executable, "-c", code, str(project), str(cache_dir)],
                              capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("a FIFO in the cache blocked the run")
    assert proc.returncode == 0, proc.stderr
    count, warnings = json.loads(proc.stdout)
    assert count == len(reference.diagnostics) and len(warnings) == 1
