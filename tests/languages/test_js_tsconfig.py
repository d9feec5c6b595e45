"""TypeScript path aliases (tsconfig ``paths``, ``baseUrl``, ``extends``) and JSONC reading."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pglint.engine import Options, run
from pglint.languages.javascript import tsconfig
from pglint.languages.javascript.resolver import resolve
from pglint.languages.javascript.tsconfig import parse_jsonc


def test_jsonc_comments_and_trailing_commas() -> None:
    text = '{\n  // a comment, with a "quote"\n  "a": "http://x//y", /* block */\n  "b": [1, 2,],\n  "c": {"d": "e,}",},\n}\n'
    assert parse_jsonc(text) == {"a": "http://x//y", "b": [1, 2], "c": {"d": "e,}"}}


def test_jsonc_error_names_the_line() -> None:
    with pytest.raises(ValueError, match="line 3"):
        parse_jsonc('{\n  "a": 1\n  "b": 2\n}')


def _project(tmp_path: Path, config: str, files: dict[str, str]) -> dict[str, str]:
    (tmp_path / "tsconfig.json").write_text(config)
    known = {}
    for rel, text in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
        known[rel] = str(p)
    tsconfig.forget()
    return known


def test_paths_longest_prefix_exact_and_base_url(tmp_path: Path) -> None:
    known = _project(tmp_path, '{"compilerOptions": {"baseUrl": ".", "paths": {'
                     '"@/db": ["src/db/index.ts"], "@/*": ["src/*"], "@/db/*": ["src/database/*"]}}}',
                     {"src/db/index.ts": "", "src/database/pool.ts": "", "src/util.ts": "",
                      "src/svc/a.ts": "", "lib/x.ts": ""})
    frm = known["src/svc/a.ts"]
    paths = set(known.values())
    assert resolve(frm, "@/db", paths) == known["src/db/index.ts"]
    assert resolve(frm, "@/db/pool", paths) == known["src/database/pool.ts"]  # longer prefix wins
    assert resolve(frm, "@/util.js", paths) == known["src/util.ts"]
    assert resolve(frm, "lib/x", paths) == known["lib/x.ts"]  # under baseUrl
    assert resolve(frm, "pg", paths) is None


def test_paths_without_base_url_are_relative_to_the_declaring_config(tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "tsconfig.json").write_text('{"compilerOptions": {"paths": {"~/*": ["../src/*"]}}}')
    known = _project(tmp_path, '{"extends": "./base/tsconfig", "compilerOptions": {"strict": true}}',
                     {"src/db.ts": "", "src/svc/a.ts": ""})
    assert resolve(known["src/svc/a.ts"], "~/db", set(known.values())) == known["src/db.ts"]


def test_broken_tsconfig_is_a_one_line_warning(tmp_path: Path) -> None:
    _project(tmp_path, '{"compilerOptions": {"paths": {"@/*": ["src/*"]}\n',
             {"src/db.ts": "import { Pool } from 'pg';\nexport const pool = new Pool();\n",
              "src/a.ts": "import { pool } from '@/db';\nexport async function f() {\n"
                          "  const c = await pool.connect();\n  await c.query('SELECT 1');\n  c.release();\n}\n"})
    result = run([str(tmp_path)], Options())
    notes = [w for w in result.warnings if "tsconfig.json" in w]
    assert len(notes) == 1 and "not valid JSON" in notes[0] and "\n" not in notes[0]
    assert not [d for d in result.diagnostics if d.code == "PG101"]  # no alias: the pool is unknown


def test_cli_reports_a_broken_tsconfig_without_a_traceback(tmp_path: Path) -> None:
    _project(tmp_path, '{"compilerOptions": {"baseUrl": ".",,}}', {"src/a.ts": "import { y } from '@/b';\nexport const x = y;\n"})
    proc = subprocess.run([sys.executable, "-m", "pglint", "check", "--no-cache", str(tmp_path)],
                          capture_output=True, text=True)
    assert "Traceback" not in proc.stderr
    assert "tsconfig.json: not valid JSON" in proc.stderr


def test_alias_edit_takes_effect_on_the_next_run(tmp_path: Path) -> None:
    known = _project(tmp_path, '{"compilerOptions": {"paths": {"@/*": ["src/*"]}}}',
                     {"src/db.ts": "", "other/db.ts": "", "src/a.ts": ""})
    paths = set(known.values())
    assert resolve(known["src/a.ts"], "@/db", paths) == known["src/db.ts"]
    (tmp_path / "tsconfig.json").write_text('{"compilerOptions": {"paths": {"@/*": ["other/*"]}}}')
    os.utime(tmp_path / "tsconfig.json", ns=(1, 1))  # a different modification time
    tsconfig.forget()
    assert resolve(known["src/a.ts"], "@/db", paths) == known["other/db.ts"]


def test_alias_added_to_tsconfig_reaches_cached_files(tmp_path: Path) -> None:
    # an unchanged file whose imports an edited tsconfig now resolves must not keep its cached index
    project = tmp_path / "p"
    project.mkdir()
    _project(project, '{"compilerOptions": {}}',
             {"src/db.ts": "import { Pool } from 'pg';\nexport const pool = new Pool();\n",
              "src/a.ts": "import { pool } from '@/db';\nexport async function f() {\n"
                          "  const c = await pool.connect();\n  await c.query('SELECT 1');\n  c.release();\n}\n"})
    options = Options(cache_dir=str(tmp_path / "cache"))
    assert not [d for d in run([str(project)], options).diagnostics if d.code == "PG101"]
    (project / "tsconfig.json").write_text('{"compilerOptions": {"paths": {"@/*": ["src/*"]}}}')
    leaks = [d for d in run([str(project)], options).diagnostics if d.code == "PG101"]
    assert [os.path.basename(d.path) for d in leaks] == ["a.ts"]


def test_rewrite_with_the_same_modification_time_is_read_again(tmp_path: Path) -> None:
    # an editor's save within the clock's resolution, or a long-lived server: the bytes decide
    known = _project(tmp_path, '{"compilerOptions": {"paths": {"@/*": ["src/*"]}}}',
                     {"src/db.ts": "", "other/db.ts": "", "src/a.ts": ""})
    paths = set(known.values())
    os.utime(tmp_path / "tsconfig.json", ns=(1, 1))
    assert resolve(known["src/a.ts"], "@/db", paths) == known["src/db.ts"]
    (tmp_path / "tsconfig.json").write_text('{"compilerOptions": {"paths": {"@/*": ["other/*"]}}}')
    os.utime(tmp_path / "tsconfig.json", ns=(1, 1))  # the same modification time as before
    tsconfig.forget()
    assert resolve(known["src/a.ts"], "@/db", paths) == known["other/db.ts"]
