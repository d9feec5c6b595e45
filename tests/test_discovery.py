"""File discovery: .gitignore (root, nested, parents up to the repository root), skipped folders, explicit paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pglint.discovery import DiscoveryError, discover


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return root


def _found(root: Path, *paths: str, **kw: bool) -> list[str]:
    args = [str(root / p) for p in paths] if paths else [str(root)]
    return [os.path.relpath(p, root).replace(os.sep, "/") for p in discover(args, **kw)]


def test_keeps_known_languages_only(tmp_path: Path) -> None:
    _tree(tmp_path, {"a.py": "", "b.pyi": "", "c.js": "", "d.mjs": "", "e.cjs": "", "f.jsx": "",
                     "g.ts": "", "h.mts": "", "i.cts": "", "j.tsx": "", "k.txt": "", "l.json": "",
                     "M.PY": "", "README.md": ""})
    assert _found(tmp_path) == ["M.PY", "a.py", "b.pyi", "c.js", "d.mjs", "e.cjs", "f.jsx", "g.ts", "h.mts",
                                "i.cts", "j.tsx"]


def test_results_are_absolute_sorted_and_unique(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path, {"b/x.py": "", "a/y.py": ""})
    monkeypatch.chdir(tmp_path)
    found = discover([".", "a", "a/y.py", "./b/"])
    assert found == sorted(found)
    assert all(os.path.isabs(p) for p in found)
    assert found == [str(tmp_path / "a" / "y.py"), str(tmp_path / "b" / "x.py")]


def test_skips_dependency_build_and_vcs_folders(tmp_path: Path) -> None:
    _tree(tmp_path, {
        "src/app.ts": "",
        "node_modules/pg/lib/index.js": "",
        "web/node_modules/x/index.js": "",
        ".git/hooks/pre-commit.py": "",
        ".hg/x.py": "",
        "__pycache__/m.py": "",
        "build/lib/app.py": "",
        "dist/bundle.js": "",
        ".next/server.js": "",
        ".tox/py311/x.py": "",
        "coverage/lcov-report/prettify.js": "",
        "pkg.egg-info/x.py": "",
        ".venv/lib/site.py": "",
    })
    assert _found(tmp_path) == ["src/app.ts"]


def test_skips_any_virtualenv(tmp_path: Path) -> None:
    _tree(tmp_path, {"app.py": "", "myenv/pyvenv.cfg": "home = /usr\n", "myenv/lib/python3.11/site.py": "",
                     "conda/conda-meta/history": "", "conda/lib/x.py": ""})
    assert _found(tmp_path) == ["app.py"]


def test_root_gitignore(tmp_path: Path) -> None:
    _tree(tmp_path, {
        ".gitignore": "# generated\ngenerated/\n*.gen.ts\n/top_only.py\n!keep.gen.ts\n",
        "src/a.ts": "", "src/b.gen.ts": "", "src/keep.gen.ts": "",
        "generated/x.py": "", "src/generated/y.py": "",
        "top_only.py": "", "src/top_only.py": "",
    })
    assert _found(tmp_path) == ["src/a.ts", "src/keep.gen.ts", "src/top_only.py"]


def test_nested_gitignore_is_relative_to_its_folder_and_can_re_include(tmp_path: Path) -> None:
    _tree(tmp_path, {
        ".gitignore": "*.js\n",
        "a.js": "", "a.py": "",
        "web/.gitignore": "!*.js\n/local.py\n",
        "web/b.js": "", "web/local.py": "", "web/sub/local.py": "",
        "other/c.js": "",
    })
    assert _found(tmp_path) == ["a.py", "web/b.js", "web/sub/local.py"]


def test_ignored_directory_cannot_be_re_included_from_inside(tmp_path: Path) -> None:
    _tree(tmp_path, {".gitignore": "vendor/\n", "vendor/.gitignore": "!*.py\n", "vendor/x.py": "", "ok.py": ""})
    assert _found(tmp_path) == ["ok.py"]


def test_gitignore_above_the_walked_folder_applies_inside_a_repository(tmp_path: Path) -> None:
    _tree(tmp_path, {".gitignore": "gen/\n*.min.js\n", "pkg/gen/a.py": "", "pkg/app.py": "", "pkg/x.min.js": ""})
    (tmp_path / ".git").mkdir()
    assert _found(tmp_path, "pkg") == ["pkg/app.py"]


def test_gitignore_above_the_walked_folder_is_not_used_outside_a_repository(tmp_path: Path) -> None:
    _tree(tmp_path, {".gitignore": "gen/\n", "pkg/gen/a.py": "", "pkg/app.py": ""})
    assert _found(tmp_path, "pkg") == ["pkg/app.py", "pkg/gen/a.py"]


def test_git_info_exclude(tmp_path: Path) -> None:
    _tree(tmp_path, {".git/info/exclude": "scratch.py\n", "scratch.py": "", "app.py": ""})
    assert _found(tmp_path) == ["app.py"]


def test_gitignore_can_be_turned_off(tmp_path: Path) -> None:
    _tree(tmp_path, {".gitignore": "*.py\n", "a.py": ""})
    assert _found(tmp_path) == []
    assert _found(tmp_path, respect_gitignore=False) == ["a.py"]


def test_explicit_files_are_always_checked(tmp_path: Path) -> None:
    _tree(tmp_path, {".gitignore": "ignored.py\n", "ignored.py": "", "node_modules/pg/index.js": ""})
    assert _found(tmp_path, "ignored.py", "node_modules/pg/index.js") == ["ignored.py", "node_modules/pg/index.js"]


def test_explicit_directories_are_walked_even_when_their_name_is_skipped(tmp_path: Path) -> None:
    _tree(tmp_path, {"build/gen.py": "", "build/node_modules/x.js": ""})
    assert _found(tmp_path, "build") == ["build/gen.py"]


def test_missing_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DiscoveryError, match=r"^nope/x\.py: no such file or directory$"):
        discover(["nope/x.py"])


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinked_directories_are_not_followed(tmp_path: Path) -> None:
    _tree(tmp_path, {"real/a.py": ""})
    try:
        os.symlink(tmp_path / "real", tmp_path / "loop", target_is_directory=True)
        os.symlink(tmp_path, tmp_path / "real" / "up", target_is_directory=True)
    except OSError:
        pytest.skip("cannot create symlinks here")
    assert _found(tmp_path) == ["real/a.py"]


# -- extension-less scripts (as ruff: a `#!` line naming python or node) ---------------

def test_walk_takes_extensionless_scripts_by_their_shebang(tmp_path: Path) -> None:
    _tree(tmp_path, {"bin/www": "#!/usr/bin/env node\nrequire('pg');\n",
                     "bin/manage": "#!/usr/bin/python3\nimport psycopg2\n",
                     "bin/tool": "#!/usr/bin/env -S python3.12 -u\nimport os\n",
                     "bin/deploy": "#!/bin/sh\necho hi\n",
                     "bin/notes": "import psycopg2\n",  # no shebang: not a script anyone runs
                     "LICENSE": "MIT\n", "Makefile": "all:\n", "run.sh": "#!/usr/bin/env node\n"})
    assert _found(tmp_path) == ["bin/manage", "bin/tool", "bin/www"]


def test_explicit_extensionless_files_are_taken(tmp_path: Path) -> None:
    _tree(tmp_path, {"bin/notes": "import psycopg2\n", "bin/www": "#!/usr/bin/env node\n", "run.sh": "x\n"})
    assert _found(tmp_path, "bin/notes", "bin/www", "run.sh") == ["bin/notes", "bin/www"]


@pytest.mark.parametrize(("first", "language"), [
    (b"#!/usr/bin/env node\n", "javascript"), (b"#!/usr/local/bin/node --harmony\n", "javascript"),
    (b"#!/usr/bin/env nodejs", "javascript"), (b"#! /usr/bin/python\n", "python"),
    (b"#!/usr/bin/env python3.11\n", "python"), (b"#!/usr/bin/env -S FOO=1 python3 -u\n", "python"),
    (b"#!/bin/bash\n", None), (b"#!/usr/bin/env\n", None), (b"import os\n", None), (b"", None),
    (b"# !/usr/bin/env node\n", None),
])
def test_shebang_language(first: bytes, language: str | None) -> None:
    from pglint.languages import shebang_language

    assert shebang_language(first) == language
