"""Silence is explained: what discovery cannot read or use is a one-line warning, never a traceback.

Unreadable directories and files are simulated by making ``os.scandir`` / the
opening of one path raise ``PermissionError`` (the tests run as root in CI,
where ``chmod 000`` denies nothing); one test uses a real ``chmod 000`` when
the test run is not root.
"""

from __future__ import annotations

import builtins
import json
import os
from pathlib import Path
from typing import Any

import pytest

from cli_support import ORDERS_TS, write_files

LEAK = ORDERS_TS  # a file with findings (PG101, PG402), so that a skipped copy would show


def _deny(monkeypatch: pytest.MonkeyPatch, *, directories: tuple[Path, ...] = (),
          files: tuple[Path, ...] = ()) -> None:
    """``PermissionError`` for listing ``directories`` and for opening ``files``, as ``chmod 000`` would."""
    denied_dirs = {os.path.abspath(d) for d in directories}
    denied_files = {os.path.abspath(f) for f in files}
    real_scandir, real_os_open, real_open = os.scandir, os.open, builtins.open

    def scandir(path: Any = ".") -> Any:
        if os.path.abspath(path) in denied_dirs:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    def os_open(path: Any, flags: int, *args: Any, **kw: Any) -> int:
        if isinstance(path, (str, os.PathLike)) and os.path.abspath(path) in denied_files:
            raise PermissionError(13, "Permission denied", str(path))
        return real_os_open(path, flags, *args, **kw)

    def open_(file: Any, *args: Any, **kw: Any) -> Any:
        if isinstance(file, (str, os.PathLike)) and os.path.abspath(file) in denied_files:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kw)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", open_)


def _codes(out: str) -> list[tuple[str, str]]:
    return sorted({(f["path"], f["code"]) for f in json.loads(out)})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_files(tmp_path, {"src/orders.ts": LEAK, "secret/orders.ts": LEAK, "secret/deeper/x.py": ""})


def test_unreadable_directory_is_a_warning_once(pglint, project: Path,  # noqa: ANN001
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _deny(monkeypatch, directories=(project / "secret",))
    res = pglint("check", "--isolated", "--no-cache", "--format", "json", ".", "secret", ".", cwd=project)
    assert res.code == 1
    assert _codes(res.out) == [("src/orders.ts", "PG101"), ("src/orders.ts", "PG402")]
    assert res.err == "pglint: warning: secret: cannot read the directory (Permission denied); " \
                      "its files are not checked\n"


def test_unreadable_directory_named_alone(pglint, project: Path,  # noqa: ANN001
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _deny(monkeypatch, directories=(project / "secret",))
    res = pglint("check", "--isolated", "--no-cache", "secret", cwd=project)
    assert res.err.splitlines() == [
        "pglint: warning: secret: cannot read the directory (Permission denied); its files are not checked",
        "pglint: warning: no Python or JavaScript/TypeScript files found under secret",
    ]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads a chmod 000 directory anyway (the simulated tests above cover it)")
def test_unreadable_directory_for_real(pglint, project: Path) -> None:  # noqa: ANN001
    secret = project / "secret"
    secret.chmod(0)
    try:
        res = pglint("check", "--isolated", "--no-cache", "--format", "json", ".", cwd=project)
    finally:
        secret.chmod(0o755)
    assert _codes(res.out) == [("src/orders.ts", "PG101"), ("src/orders.ts", "PG402")]
    assert "pglint: warning: secret: cannot read the directory (Permission denied)" in res.err


@pytest.mark.parametrize("how", ["named", "discovered"])
def test_unreadable_file_is_a_one_line_finding(pglint, project: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
                                               how: str) -> None:
    _deny(monkeypatch, files=(project / "secret" / "orders.ts",))
    paths = ["secret/orders.ts", "src"] if how == "named" else ["."]
    res = pglint("check", "--isolated", "--no-cache", "--format", "json", *paths, cwd=project)
    assert res.code == 1
    found = json.loads(res.out)
    unreadable = [f for f in found if f["path"] == "secret/orders.ts"]
    assert [(f["code"], f["message"]) for f in unreadable] == [("PG001", "cannot read file: Permission denied")]
    assert ("src/orders.ts", "PG101") in _codes(res.out)
    assert res.err == ""


def test_unreadable_gitignore_is_a_warning(pglint, project: Path,  # noqa: ANN001
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    (project / ".git").mkdir()
    (project / ".gitignore").write_text("secret/\n")
    _deny(monkeypatch, files=(project / ".gitignore",))
    res = pglint("check", "--isolated", "--no-cache", "--format", "json", ".", cwd=project)
    assert res.err == "pglint: warning: .gitignore: cannot read (Permission denied); its patterns are not applied\n"
    assert ("secret/orders.ts", "PG101") in _codes(res.out)  # not ignored: the file could not be read


def test_invalid_gitignore_line_is_a_warning_and_the_rest_applies(pglint, project: Path) -> None:  # noqa: ANN001
    (project / ".git").mkdir()
    (project / ".gitignore").write_text("# generated\n[z-a]\nsecret/\n!\n")
    (project / "src" / ".gitignore").write_text("*.py\nbad\\\n")
    res = pglint("check", "--isolated", "--no-cache", "--format", "json", ".", cwd=project)
    assert res.code == 1
    assert _codes(res.out) == [("src/orders.ts", "PG101"), ("src/orders.ts", "PG402")]  # secret/ still ignored
    assert res.err.splitlines() == [
        "pglint: warning: .gitignore:2: invalid pattern '[z-a]' (bad character range z-a); the line is ignored",
        "pglint: warning: .gitignore:4: invalid pattern '!' (not a valid gitignore pattern); the line is ignored",
        "pglint: warning: src/.gitignore:2: invalid pattern 'bad\\' (not a valid gitignore pattern); "
        "the line is ignored",
    ]


def test_path_under_an_unsearchable_directory_is_not_called_missing(pglint, project: Path,  # noqa: ANN001
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    real_stat = os.stat

    def stat(path: Any, *args: Any, **kw: Any) -> Any:
        if os.path.abspath(path).startswith(str(project / "secret")):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kw)

    monkeypatch.setattr(os, "stat", stat)
    res = pglint("check", "--isolated", "--no-cache", "secret/orders.ts", cwd=project)
    assert (res.code, res.out) == (2, "")
    assert res.err == "pglint: error: secret/orders.ts: cannot access: Permission denied\n"
