"""Only regular files are read: a FIFO or a device is refused (named) or skipped (walked), never opened.

Before the fix, ``pglint check f.py`` on a FIFO blocked forever and a link to
``/dev/zero`` was read until the kernel killed pglint. The cases that would hang
or exhaust memory without the fix run in a subprocess with a timeout and an
address-space limit, so that they fail instead of taking the test run down.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_support import ORDERS_TS, write_files
from pglint import engine
from pglint.discovery import FileTooLargeError, NotRegularFileError, read_regular_file

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev/zero (POSIX)")

MEMORY_LIMIT = 2 << 30  # bytes of address space for the subprocess: reading /dev/zero stops there


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _python(code: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -c code args`` in ``cwd``; a hang ends in ``TimeoutExpired`` (the test fails)."""
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, preexec_fn=_limit_memory, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


CHECK = "import sys; from pglint.cli import main; sys.exit(main(sys.argv[1:]))"


@pytest.fixture
def specials(tmp_path: Path) -> Path:
    """``fifo.py`` (a FIFO), ``zero.py`` (a link to /dev/zero) and ``src/orders.ts`` (a real leak)."""
    write_files(tmp_path, {"src/orders.ts": ORDERS_TS})
    os.mkfifo(tmp_path / "fifo.py")
    (tmp_path / "zero.py").symlink_to("/dev/zero")
    return tmp_path


@pytest.mark.parametrize(("name", "kind"), [("fifo.py", "a FIFO"), ("zero.py", "a character device")])
def test_named_on_the_command_line_is_a_one_line_error(specials: Path, name: str, kind: str) -> None:
    proc = _python(CHECK, "check", "--isolated", "--no-cache", name, "src/orders.ts", cwd=specials)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"pglint: error: {name}: not a regular file or directory ({kind}); not read\n"


def test_walked_directory_skips_them(pglint, specials: Path) -> None:  # noqa: ANN001
    res = pglint("check", "--isolated", "--no-cache", "--format", "json", ".", cwd=specials)
    assert res.code == 1
    assert sorted({(f["path"], f["code"]) for f in json.loads(res.out)}) == [("src/orders.ts", "PG101"),
                                                                             ("src/orders.ts", "PG402")]
    assert res.err == ""


@pytest.mark.parametrize(("name", "kind"), [("fifo.py", "a FIFO"), ("zero.py", "a character device")])
def test_config_file_that_is_not_a_regular_file(specials: Path, name: str, kind: str) -> None:
    proc = _python(CHECK, "check", "--config", name, "src/orders.ts", cwd=specials)
    assert (proc.returncode, proc.stderr) == (2, f"pglint: error: {name}: is {kind}, not a configuration file\n")


# A file swapped for a FIFO or a device after discovery: the engine reads only what it can read safely.
SWAPPED = """\
import json, sys
import pglint.engine as engine
real = engine.discover
engine.discover = lambda paths, **kw: sorted(real(paths, **kw) + [engine.os.path.abspath(p) for p in sys.argv[1:]])
result = engine.run(["src"])
print(json.dumps([[d.path.rsplit("/", 1)[-1], d.code, d.message] for d in result.diagnostics]))
"""


def test_swapped_after_discovery_is_a_finding_not_a_hang(specials: Path) -> None:
    proc = _python(SWAPPED, "fifo.py", "zero.py", cwd=specials)
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    assert ["fifo.py", "PG001", "not read: not a regular file (a FIFO)"] in found
    assert ["zero.py", "PG001", "not read: not a regular file (a character device)"] in found
    assert {code for name, code, _ in found if name == "orders.ts"} == {"PG101", "PG402"}


# The path looked regular when it was ``stat``-ed, then a FIFO was put in its place: ``fstat`` catches it.
SWAPPED_AFTER_STAT = """\
import os, sys
import pglint.engine as engine
regular, real_stat = os.stat("src/orders.ts"), os.stat
os.stat = lambda p, *a, **kw: regular if str(p).endswith("fifo.py") else real_stat(p, *a, **kw)
try:
    engine._read_snapshot("fifo.py")
except OSError as exc:
    print(type(exc).__name__, exc.strerror)
"""


def test_read_snapshot_refuses_what_the_descriptor_is(specials: Path) -> None:
    proc = _python(SWAPPED_AFTER_STAT, cwd=specials)  # opened with O_NONBLOCK: does not block
    assert (proc.returncode, proc.stdout) == (0, "NotRegularFileError not a regular file (a FIFO)\n"), proc.stderr


def test_gitignore_that_is_a_fifo_is_a_warning(specials: Path) -> None:
    (specials / ".git").mkdir()
    os.mkfifo(specials / ".gitignore")
    proc = _python(CHECK, "check", "--isolated", "--no-cache", "--format", "json", "src", cwd=specials)
    assert proc.stderr == "pglint: warning: .gitignore: cannot read (it is a FIFO); its patterns are not applied\n"
    assert proc.returncode == 1


def test_reads_at_most_the_limit_plus_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that grows after its size was taken is not read to its end."""
    path = tmp_path / "growing.py"
    path.write_bytes(b"x" * 5000)
    small = os.stat(tmp_path)  # any stat result, with its size replaced below
    fake = os.stat_result((path.stat().st_mode, *small[1:6], 10, *small[7:]))
    monkeypatch.setattr(os, "stat", lambda p, *a, **kw: fake)
    monkeypatch.setattr(os, "fstat", lambda fd: fake)
    taken: list[int] = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: taken.append(n) or real_read(fd, n))
    with pytest.raises(FileTooLargeError) as info:
        read_regular_file(str(path), 100)
    assert sum(taken) == 101 and info.value.size == 101
