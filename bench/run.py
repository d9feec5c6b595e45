#!/usr/bin/env python3
"""pglint's benchmark: real-code corpora from npm and PyPI, pglint against the tools users run.

    python bench/run.py --mirrors DIR       # build what is missing, measure, print, write docs/performance.md
    python bench/run.py --repeat 1 --no-write
    python bench/run.py --mirrors DIR --corpora dense-js,dense-py --skip pylint,bandit

Everything downloaded or built lives under ``--cache`` (default ``bench/.cache``,
git-ignored): the npm packages and sdists, the corpora made from them, ESLint
(npm, in ``eslint/``) and a virtualenv with ruff, pylint and bandit. The dense
corpora (issue 14: repositories in which most files talk to PostgreSQL) are the
projects of ``bench/dense.toml``, exported from the snapshot git directories under
``--mirrors DIR`` at their pinned commits. See bench/README.md for what is measured and how.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
import zipfile
from dataclasses import dataclass, field
from typing import Callable, Sequence

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

NPM_PACKAGES = ("pg", "pg-pool", "pg-boss", "graphile-worker", "knex", "pg-promise", "typeorm",
                "sequelize", "drizzle-orm")
PYPI_PACKAGES = ("psycopg", "psycopg2", "asyncpg", "aiopg", "SQLAlchemy", "databases", "piccolo",
                 "procrastinate", "Django")
JS_EXT = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".jsx", ".tsx")
PY_EXT = (".py",)
DENSE_FILE = os.path.join(HERE, "dense.toml")
#: every corpus bench/run.py knows; the sparse ones are packages (few files touch PostgreSQL), the dense
#: ones repositories of drivers, a job queue, a workflow engine, an ORM (most files do)
SPARSE_CORPORA = ("js", "py", "helpers")
DENSE_CORPORA = ("dense-js", "dense-py")
CORPORA = SPARSE_CORPORA + DENSE_CORPORA
ESLINT_RECOMMENDED = "eslint + typescript-eslint recommended"
ESLINT_RULES = {
    # a small, parser-bound rule set: what a project's lint step typically always runs
    "no-unused-vars": "warn", "no-unreachable": "error", "no-constant-condition": "warn",
    "no-dupe-keys": "error", "no-fallthrough": "warn", "eqeqeq": "warn", "prefer-const": "warn",
    "no-var": "warn",
}
# Directory names pglint (and ruff) never walk into; corpora rename them so every tool sees the same files.
try:
    sys.path.insert(0, os.path.join(ROOT, "src"))
    from pglint.discovery import SKIP_DIRS
except ImportError:  # pragma: no cover
    SKIP_DIRS = frozenset({"node_modules", "dist", "build", "out", "venv", ".venv", "coverage"})


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def sh(cmd: Sequence[str], cwd: str | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    log("$ " + " ".join(cmd))
    return subprocess.run(list(cmd), cwd=cwd, check=check, text=True, capture_output=True)


# --------------------------------------------------------------------------- corpora


def _is_source(name: str, exts: tuple[str, ...]) -> bool:
    lower = name.lower()
    if not lower.endswith(exts):
        return False
    return not (lower.endswith((".d.ts", ".d.mts", ".d.cts")) or ".min." in lower)


def _safe_rel(rel: str) -> str:
    """Rename path components discovery skips (``dist`` → ``_dist``) so all tools see the file."""
    parts = rel.replace(os.sep, "/").split("/")
    return os.path.join(*[("_" + p if p in SKIP_DIRS or p.endswith(".egg-info") else p) for p in parts])


def _copy_tree(src: str, dst: str, exts: tuple[str, ...]) -> int:
    n = 0
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames if d != "node_modules")
        for name in sorted(filenames):
            if not _is_source(name, exts):
                continue
            path = os.path.join(dirpath, name)
            target = os.path.join(dst, _safe_rel(os.path.relpath(path, src)))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(path, target)
            n += 1
    return n


def _mark_root(path: str) -> None:
    """A ``.git`` folder makes the corpus its own repository: no outer .gitignore applies to it."""
    os.makedirs(os.path.join(path, ".git"), exist_ok=True)


def build_js(cache: str, packages: Sequence[str]) -> str:
    npm_dir = os.path.join(cache, "npm")
    corpus = os.path.join(cache, "corpus", "js")
    if os.path.isdir(corpus):
        return corpus
    os.makedirs(npm_dir, exist_ok=True)
    if not os.path.isdir(os.path.join(npm_dir, "node_modules", packages[0])):
        with open(os.path.join(npm_dir, "package.json"), "w") as fh:
            json.dump({"name": "pglint-bench-corpus", "private": True}, fh)
        sh(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", *packages], cwd=npm_dir)
    tmp = corpus + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    for pkg in packages:
        n = _copy_tree(os.path.join(npm_dir, "node_modules", pkg), os.path.join(tmp, pkg), JS_EXT)
        log(f"js corpus: {pkg}: {n} files")
    _mark_root(tmp)
    os.replace(tmp, corpus)
    return corpus


def _download_sdist(pkg: str, dest: str) -> None:
    base = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", dest]
    if sh([*base, "--no-binary", ":all:", pkg], check=False).returncode != 0:
        # an sdist whose metadata does not build here (piccolo): its wheel has the same .py files
        log(f"{pkg}: the sdist's metadata does not build; using the wheel")
        sh([*base, "--only-binary", ":all:", pkg])


def _unpack(archive: str, dst: str) -> None:
    if archive.endswith((".tar.gz", ".tgz")):
        with tarfile.open(archive) as tf:
            tf.extractall(dst, filter="data") if hasattr(tarfile, "data_filter") else tf.extractall(dst)
    elif archive.endswith((".zip", ".whl")):
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(dst)


def build_py(cache: str, packages: Sequence[str]) -> str:
    sdists = os.path.join(cache, "sdist")
    corpus = os.path.join(cache, "corpus", "py")
    if os.path.isdir(corpus):
        return corpus
    os.makedirs(sdists, exist_ok=True)
    tmp = corpus + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    unpack_dir = os.path.join(cache, "unpacked")
    for pkg in packages:
        key = pkg.lower().replace("-", "_")
        found = [f for f in os.listdir(sdists) if f.lower().replace("-", "_").startswith(key + "_")
                 or f.lower().replace("-", "_").startswith(key + "-")]
        if not found:
            _download_sdist(pkg, sdists)
            found = [f for f in os.listdir(sdists) if f.lower().replace("-", "_").startswith(key + "_")]
        archive = sorted(found)[-1]
        target = os.path.join(unpack_dir, pkg)
        shutil.rmtree(target, ignore_errors=True)
        _unpack(os.path.join(sdists, archive), target)
        n = _copy_tree(target, os.path.join(tmp, pkg), PY_EXT)
        log(f"py corpus: {pkg} ({archive}): {n} files")
    _mark_root(tmp)
    os.replace(tmp, corpus)
    return corpus


def _corpus_script():  # type: ignore[no-untyped-def]
    """bench/corpus.py as a module: its list parser and its export from snapshots."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("pglint_bench_corpus", os.path.join(HERE, "corpus.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["pglint_bench_corpus"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def build_dense(cache: str, mirrors: str, language: str, listing: str = DENSE_FILE) -> str | None:
    """The dense corpus of ``language`` (``javascript``/``python``): each project of ``listing`` exported at
    its pinned commit from its snapshot under ``mirrors`` (bench/corpus.py's export, into
    ``cache/corpus/<slug>``), then its source files copied into ``cache/corpus/dense-<js|py>/<slug>``.
    None, with one line, when a project cannot be exported."""
    corpus_script = _corpus_script()
    try:
        projects = [p for p in corpus_script.load_projects(listing) if p.language == language]
    except corpus_script.CorpusError as exc:
        log(str(exc))
        return None
    exts = JS_EXT if language == "javascript" else PY_EXT
    out = os.path.join(cache, "corpus", "dense-js" if language == "javascript" else "dense-py")
    stamp = "\n".join(f"{p.name} {p.ref}" for p in projects) + "\n"
    stamp_path = os.path.join(out, ".pglint-dense")
    if os.path.exists(stamp_path):
        with open(stamp_path, encoding="utf-8") as fh:
            if fh.read() == stamp:
                return out
    tmp = out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    for project in projects:
        root = corpus_script.export(project, mirrors, cache=os.path.join(cache, "corpus"))
        if root is None:
            return None
        n = _copy_tree(root, os.path.join(tmp, project.slug), exts)
        log(f"dense corpus: {project.name} @ {project.ref[:12]}: {n} files")
    _mark_root(tmp)
    with open(os.path.join(tmp, ".pglint-dense"), "w", encoding="utf-8") as fh:
        fh.write(stamp)
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)
    return out


def scaled(cache: str, corpora: Sequence[str], factor: int) -> str:
    """``factor`` hard-linked copies of ``corpora`` side by side (distinct paths: distinct modules)."""
    out = os.path.join(cache, "corpus", f"x{factor}")
    if os.path.isdir(out):
        return out
    tmp = out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    for i in range(factor):
        for corpus in corpora:
            for dirpath, _, filenames in os.walk(corpus):
                if "/.git" in dirpath:
                    continue
                rel = os.path.relpath(dirpath, corpus)
                dst = os.path.join(tmp, f"copy{i}", os.path.basename(corpus), rel)
                os.makedirs(dst, exist_ok=True)
                for name in filenames:
                    try:
                        os.link(os.path.join(dirpath, name), os.path.join(dst, name))
                    except OSError:
                        shutil.copyfile(os.path.join(dirpath, name), os.path.join(dst, name))
    _mark_root(tmp)
    os.replace(tmp, out)
    return out


# --------------------------------------------------------------------------- a large project with helpers

JS_POOL = """// The project's one pool.
const { Pool } = require('pg');

const pool = new Pool({ max: 20 });

module.exports = { pool };
"""

JS_DB = """// Helpers of module {i}: pglint summarises each and uses the summary at its calls.
const {{ pool }} = require('../shared/pool');

async function getClient{i}() {{
  const client = await pool.connect();
  return client;
}}

function releaseClient{i}(client) {{
  client.release();
}}

async function withTransaction{i}(client, fn) {{
  try {{
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  }} catch (err) {{
    await client.query('ROLLBACK');
    throw err;
  }} finally {{
    client.release();
  }}
}}

async function countRows{i}(client, table) {{
  const res = await client.query('SELECT count(*) AS n FROM ' + table);
  return res.rows[0].n;
}}

module.exports = {{ getClient{i}, releaseClient{i}, withTransaction{i}, countRows{i} }};
"""

JS_SERVICE = """// Callers of module {i}'s helpers (and of module {prev}'s service).
const {{ getClient{i}, releaseClient{i}, withTransaction{i}, countRows{i} }} = require('./db');
const previous = require('../mod{prev}/service');

async function listItems{i}(userId) {{
  const client = await getClient{i}();
  try {{
    const res = await client.query('SELECT id, name FROM items_{i} WHERE user_id = $1', [userId]);
    return res.rows;
  }} finally {{
    releaseClient{i}(client);
  }}
}}

async function leakyCount{i}() {{
  const client = await getClient{i}();
  const n = await countRows{i}(client, 'items_{i}');
  if (n > 100) {{
    return n;
  }}
  releaseClient{i}(client);
  return n;
}}

async function moveItem{i}(id, target) {{
  const client = await getClient{i}();
  return withTransaction{i}(client, async (c) => {{
    await c.query('UPDATE items_{i} SET owner = $1 WHERE id = $2', [target, id]);
    return previous.listItems{prev}(target);
  }});
}}

function formatItem{i}(item) {{
  return `${{item.id}}: ${{item.name}}`;
}}

module.exports = {{ listItems{i}, leakyCount{i}, moveItem{i}, formatItem{i} }};
"""

PY_POOL = """\"\"\"The project's one pool.\"\"\"
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 20, dsn="dbname=app")
"""

PY_DB = """\"\"\"Helpers of module {i}.\"\"\"
from contextlib import contextmanager

from shared.pool import pool


def get_conn_{i}():
    conn = pool.getconn()
    return conn


def put_conn_{i}(conn):
    pool.putconn(conn)


@contextmanager
def connection_{i}():
    conn = pool.getconn()
    try:
        yield conn
    finally:
        pool.putconn(conn)


def count_rows_{i}(conn, table):
    with conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM " + table)
        return cur.fetchone()[0]
"""

PY_SERVICE = """\"\"\"Callers of module {i}'s helpers (and of module {prev}'s service).\"\"\"
from mod{i}.db import connection_{i}, count_rows_{i}, get_conn_{i}, put_conn_{i}
from mod{prev} import service as previous


def list_items_{i}(user_id):
    conn = get_conn_{i}()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT id, name FROM items_{i} WHERE user_id = %s", (user_id,))
            return cur.fetchall()
    finally:
        put_conn_{i}(conn)


def leaky_count_{i}():
    conn = get_conn_{i}()
    n = count_rows_{i}(conn, "items_{i}")
    if n > 100:
        return n
    put_conn_{i}(conn)
    return n


def move_item_{i}(item_id, target):
    with connection_{i}() as conn:
        with conn.cursor() as cur:
            cur.execute("UPDATE items_{i} SET owner = %s WHERE id = %s", (target, item_id))
        conn.commit()
    return previous.list_items_{prev}(target)


def format_item_{i}(item):
    return f"{{item[0]}}: {{item[1]}}"
"""


def build_helpers(cache: str, modules: int) -> str:
    """A generated project of ``modules`` JS and ``modules`` Python modules, each a pair of files:
    ``db`` (getClient/releaseClient/withTransaction helpers, a ``@contextmanager``) and
    ``service`` (callers: a clean checkout, a leak through the helpers, a transaction helper,
    a call into the previous module's service — a chain of imports across the project)."""
    out = os.path.join(cache, "corpus", f"helpers-{modules}")
    if os.path.isdir(out):
        return out
    tmp = out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)

    def write(rel: str, text: str) -> None:
        path = os.path.join(tmp, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)

    write("js/shared/pool.js", JS_POOL)
    write("py/shared/__init__.py", "")
    write("py/shared/pool.py", PY_POOL)
    for i in range(modules):
        prev = (i - 1) % modules
        write(f"js/mod{i}/db.js", JS_DB.format(i=i))
        write(f"js/mod{i}/service.js", JS_SERVICE.format(i=i, prev=prev))
        write(f"py/mod{i}/__init__.py", "")
        write(f"py/mod{i}/db.py", PY_DB.format(i=i))
        write(f"py/mod{i}/service.py", PY_SERVICE.format(i=i, prev=prev))
    _mark_root(tmp)
    os.replace(tmp, out)
    return out


def count(corpus: str, exts: tuple[str, ...]) -> tuple[int, int]:
    files = lines = 0
    for dirpath, dirnames, filenames in os.walk(corpus):
        dirnames[:] = [d for d in dirnames if d != ".git"]
        for name in filenames:
            if _is_source(name, exts):
                files += 1
                with open(os.path.join(dirpath, name), "rb") as fh:
                    lines += fh.read().count(b"\n")
    return files, lines


# --------------------------------------------------------------------------- generated pathological inputs

_PY_HEAD = "import psycopg2\n\n\n"
_JS_HEAD = "const { Pool } = require('pg');\nconst pool = new Pool();\n\n"


def _py_leaks(n: int) -> str:
    return _PY_HEAD + "def f(x):\n" + "".join(
        f"    if x == {i}:\n        c{i} = psycopg2.connect('')\n        c{i}.cursor()\n" for i in range(n)) + "    return 1\n"


def _py_branches(n: int) -> str:
    return (_PY_HEAD + "def f(x):\n    conn = psycopg2.connect('')\n    cur = conn.cursor()\n"
            + "".join(f"    if x == {i}:\n        cur.execute('select {i}')\n" for i in range(n)) + "    return 1\n")


def _py_statements(n: int) -> str:
    return _PY_HEAD + "def f(cur):\n" + "".join(f"    cur.execute('select {i}')\n" for i in range(n)) + "    return 1\n"


def _py_defs(n: int) -> str:
    return _PY_HEAD + "".join(f"def f{i}(x):\n    return x + {i}\n" for i in range(n))


def _py_chain(n: int) -> str:
    return _PY_HEAD + "def f(conn):\n    return conn.cursor()" + ".x()" * n + "\n"


def _py_ifexp(n: int) -> str:
    return _PY_HEAD + "def f(a):\n    return " + "".join(f"(a + {i}) if a == {i} else " for i in range(n)) + "0\n"


def _js_plus(n: int) -> str:
    return (_JS_HEAD + "async function f(x) {\n  const client = await pool.connect();\n"
            "  try { await client.query('select ' + " + " + ".join(["x"] * n) + "); }\n"
            "  finally { client.release(); }\n}\n")


def _js_leaks(n: int) -> str:
    return _JS_HEAD + "async function f(x) {\n" + "".join(
        f"  if (x === {i}) {{ const c{i} = await pool.connect(); await c{i}.query('select 1'); }}\n"
        for i in range(n)) + "  return 1;\n}\n"


def _js_nested(opening: str, middle: str, closing: str) -> "Callable[[int], str]":
    return lambda n: _JS_HEAD + "const a = " + opening * n + middle + closing * n + ";\n"


#: (name with {n}, file extension, text for size n, sizes): the shapes of issue 10, each at three sizes.
GENERATED: tuple[tuple[str, str, "Callable[[int], str]", tuple[int, ...]], ...] = (
    ("py: function with {n} leaking `if` blocks", ".py", _py_leaks, (200, 400, 800)),
    ("py: leak past {n} `if` blocks", ".py", _py_branches, (800, 1600, 3200)),
    ("py: {n} statements in one function", ".py", _py_statements, (2000, 4000, 8000)),
    ("py: {n} definitions in one module", ".py", _py_defs, (2000, 4000, 8000)),
    ("py: chain of {n} calls", ".py", _py_chain, (500, 1000, 2000)),
    ("py: {n} nested conditional expressions", ".py", _py_ifexp, (500, 1000, 2000)),
    ("js: `+` chain of {n} terms", ".js", _js_plus, (750, 1500, 3000)),
    ("js: function with {n} leaking `if` blocks", ".js", _js_leaks, (200, 400, 800)),
    ("js: {n} nested brackets", ".js", _js_nested("[", "1", "]"), (2500, 5000, 10000)),
    ("js: {n} nested calls", ".js", _js_nested("f(", "1", ")"), (2500, 5000, 10000)),
    ("js: {n} nested classes", ".js", _js_nested("class { m() { return ", "1", "; } }"), (750, 1500, 3000)),
    ("js: {n} nested arrows", ".js", _js_nested("() => ", "1", ""), (7500, 15000, 30000)),
    ("js: {n} nested ternaries", ".js", _js_nested("x ? 1 : ", "2", ""), (7500, 15000, 30000)),
    ("js: {n} nested templates", ".js", _js_nested("`${", "1", "}`"), (7500, 15000, 30000)),
)


def build_generated(cache: str) -> list[tuple[str, int, str]]:
    """Write every generated input under ``cache``; ``(case, n, path)`` in :data:`GENERATED` order."""
    out_dir = os.path.join(cache, "generated")
    os.makedirs(out_dir, exist_ok=True)
    out: list[tuple[str, int, str]] = []
    for k, (name, ext, make, sizes) in enumerate(GENERATED):
        for n in sizes:
            path = os.path.join(out_dir, f"case{k}-{n}{ext}")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(make(n))
            out.append((name, n, path))
    return out


def measure_generated(pglint: Sequence[str], cache: str, repeat: int) -> list[Row]:
    """pglint cold on each generated input; the last column is the ratio to linear growth from the smallest."""
    rows: list[Row] = []
    base: dict[str, float] = {}
    for name, n, path in build_generated(cache):
        files, lines = count_file(path)
        log(f"generated: {name}, n={n} ({lines} lines)")
        m = measure([*pglint, "--no-cache", path], repeat)
        row = Row(name.format(n=f"{n:,}"), "generated", files, lines, statistics.median(m.wall), m.peak_kb / 1024)
        first = base.setdefault(name, row.seconds / n)
        row.baseline = first * n
        rows.append(row)
        log(f"  {row.seconds:.2f}s {row.peak_mb:.0f}MB")
    return rows


def count_file(path: str) -> tuple[int, int]:
    with open(path, "rb") as fh:
        return 1, fh.read().count(b"\n")


# --------------------------------------------------------------------------- tools


ESLINT_PACKAGES = ("eslint@9", "@typescript-eslint/parser", "typescript-eslint", "typescript")
ESLINT_MODULES = ("eslint", "@typescript-eslint/parser", "typescript-eslint", "typescript")  # their folders
ESLINT_FILES = ["**/*.js", "**/*.mjs", "**/*.cjs", "**/*.jsx", "**/*.ts", "**/*.mts", "**/*.cts", "**/*.tsx"]


def setup_eslint(cache: str) -> str:
    """ESLint in ``cache/eslint`` with two flat configs: ``eslint.config.mjs`` (:data:`ESLINT_RULES` with
    @typescript-eslint/parser) and ``recommended.config.mjs`` (``@eslint/js`` recommended plus
    ``tseslint.configs.recommended``: typescript-eslint's quick start, the set a TS team runs)."""
    d = os.path.join(cache, "eslint")
    modules = os.path.join(d, "node_modules")
    if not all(os.path.isdir(os.path.join(modules, name)) for name in ESLINT_MODULES):
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "package.json"), "w") as fh:
            json.dump({"name": "pglint-bench-eslint", "private": True}, fh)
        sh(["npm", "install", "--no-audit", "--no-fund", *ESLINT_PACKAGES], cwd=d)
    with open(os.path.join(d, "eslint.config.mjs"), "w") as fh:
        fh.write('import tsParser from "@typescript-eslint/parser";\n'
                 "export default [{\n"
                 f"  files: {json.dumps(ESLINT_FILES)},\n"
                 '  languageOptions: { parser: tsParser, ecmaVersion: "latest", sourceType: "module" },\n'
                 '  linterOptions: { reportUnusedDisableDirectives: "off" },\n'
                 f"  rules: {json.dumps(ESLINT_RULES)},\n"
                 "}];\n")
    with open(os.path.join(d, "recommended.config.mjs"), "w") as fh:
        fh.write('import js from "@eslint/js";\n'
                 'import tseslint from "typescript-eslint";\n'
                 "export default tseslint.config(\n"
                 f"  {{ files: {json.dumps(ESLINT_FILES)},\n"
                 '    languageOptions: { ecmaVersion: "latest", sourceType: "module",\n'
                 "                      parserOptions: { ecmaFeatures: { jsx: true } } },\n"
                 '    linterOptions: { reportUnusedDisableDirectives: "off" } },\n'
                 "  js.configs.recommended,\n"
                 "  tseslint.configs.recommended,\n"
                 ");\n")
    return d


def setup_venv(cache: str) -> str:
    d = os.path.join(cache, "venv")
    py = os.path.join(d, "bin", "python")
    if not os.path.exists(os.path.join(d, "bin", "pylint")):
        sh([sys.executable, "-m", "venv", d])
        sh([py, "-m", "pip", "install", "-q", "ruff", "pylint", "bandit"])
    return d


def tool_version(cmd: Sequence[str]) -> str:
    try:
        out = subprocess.run(list(cmd), capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return out.strip().splitlines()[0] if out.strip() else "?"


# --------------------------------------------------------------------------- measuring


@dataclass
class Measure:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + sys seconds of the command's processes
    peak_kb: int = 0
    exit_codes: list[int] = field(default_factory=list)


def measure_once(cmd: Sequence[str], cwd: str | None = None) -> tuple[float, int, int, float]:
    """(wall seconds, peak RSS in KiB of the largest process of the command, exit code, CPU seconds).

    The command runs under a child Python that waits for it and reports
    ``getrusage(RUSAGE_CHILDREN).ru_maxrss``: the peak of that one command tree's
    largest process (for pglint with workers: the main process or one worker), and its
    ``ru_utime + ru_stime``: the CPU time of all of them (on a loaded machine, wall time
    grows with the load and CPU time much less).
    """
    probe = ("import resource, subprocess, sys, json, time\n"
             "t = time.perf_counter()\n"
             "rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
             "w = time.perf_counter() - t\n"
             "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
             "print(json.dumps([w, u.ru_maxrss, rc, u.ru_utime + u.ru_stime]))\n")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], cwd=cwd, capture_output=True, text=True,
                         check=True).stdout
    wall, peak, rc, cpu = json.loads(out)
    return float(wall), int(peak), int(rc), float(cpu)


def measure(cmd: Sequence[str], repeat: int, cwd: str | None = None, ok: Sequence[int] = (0, 1)) -> Measure:
    m = Measure()
    for _ in range(repeat):
        wall, peak, rc, cpu = measure_once(cmd, cwd)
        if rc not in ok:
            raise RuntimeError(f"{' '.join(cmd[:3])}... exited with {rc}")
        m.wall.append(wall)
        m.cpu.append(cpu)
        m.peak_kb = max(m.peak_kb, peak)
        m.exit_codes.append(rc)
    return m


@dataclass
class Row:
    tool: str
    corpus: str
    files: int
    lines: int
    seconds: float
    peak_mb: float
    baseline: float | None = None  # pglint cold seconds on the same corpus
    cpu: float | None = None  # CPU seconds (user + sys, all processes), median of the runs

    @property
    def lines_per_s(self) -> float:
        return self.lines / self.seconds if self.seconds else 0.0

    @property
    def ratio(self) -> str:
        if self.baseline is None or not self.baseline:
            return "-"
        return f"{self.seconds / self.baseline:.2f}x"


def render_table(rows: Sequence[Row]) -> str:
    """A Markdown table (also readable on a terminal)."""
    head = ["tool", "corpus", "files", "lines", "wall s (median)", "lines/s", "peak MB", "vs pglint cold"]
    with_cpu = any(r.cpu is not None for r in rows)
    if with_cpu:
        head.insert(5, "CPU s (median)")
    body = [[r.tool, r.corpus, f"{r.files:,}", f"{r.lines:,}", f"{r.seconds:.2f}", f"{r.lines_per_s:,.0f}",
             f"{r.peak_mb:.0f}", r.ratio] for r in rows]
    if with_cpu:
        for r, cells in zip(rows, body):
            cells.insert(5, f"{r.cpu:.2f}" if r.cpu is not None else "-")
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"
    return "\n".join([line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, body)])


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as fh:
            for ln in fh:
                if ln.startswith("model name"):
                    cpu = ln.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as fh:
            mem = f"{int(fh.readline().split()[1]) / 1024 / 1024:.1f} GB RAM"
    except (OSError, ValueError, IndexError):
        mem = "? RAM"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        load = "load average %.1f / %.1f / %.1f (1 / 5 / 15 min) when the report was made" % os.getloadavg()
    except OSError:  # pragma: no cover - no load average on this system
        load = "load average unknown"
    return (f"{cores} cores ({cpu}), {mem}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, node {tool_version(['node', '--version'])}; {load}")


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", default=os.path.join(HERE, ".cache"), help="download/build directory")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (the median is shown)")
    ap.add_argument("--scales", default="1,2,4", help="corpus multiples for the scaling runs")
    ap.add_argument("--scale-repeat", type=int, default=1, help="runs per scaling measurement")
    ap.add_argument("--slow-repeat", type=int, default=1,
                    help="runs per measurement of the slow comparison tools (--slow-tools)")
    ap.add_argument("--slow-tools", default="pylint,bandit", help="comparison tools measured --slow-repeat times")
    ap.add_argument("--helper-modules", type=int, default=500,
                    help="modules of the generated helper project (its scaling runs use 1x, 2x, 4x that)")
    ap.add_argument("--generated", choices=("yes", "no", "only"), default="yes",
                    help="the generated pathological inputs (deep nesting, long functions): measure them too, "
                         "not at all, or only them (no downloads; implies --no-write)")
    ap.add_argument("--python", default=sys.executable, help="the interpreter pglint is installed in")
    ap.add_argument("--skip", default="", help="comma-separated tools to leave out (eslint,ruff,pylint,bandit)")
    ap.add_argument("--mirrors", metavar="DIR", help="folder of the snapshot git directories (owner+name*) the "
                    "dense corpora of bench/dense.toml are exported from")
    ap.add_argument("--corpora", default=",".join(CORPORA),
                    help=f"comma-separated corpora to measure (default: all of {', '.join(CORPORA)}); the scaling "
                         "runs need js and py, the helper scaling runs helpers")
    ap.add_argument("--output", default=os.path.join(ROOT, "docs", "performance.md"))
    ap.add_argument("--no-write", action="store_true", help="print only; do not rewrite --output")
    args = ap.parse_args(argv)
    cache = os.path.abspath(args.cache)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    slow = {s.strip() for s in args.slow_tools.split(",") if s.strip()}
    repeats: dict[str, int] = {}
    os.makedirs(cache, exist_ok=True)
    pglint = [args.python, "-m", "pglint", "check", "-q"]
    if args.generated == "only":
        print(render_table(measure_generated(pglint, cache, args.scale_repeat)))
        return 0

    chosen = [c.strip() for c in args.corpora.split(",") if c.strip()]
    unknown = [c for c in chosen if c not in CORPORA]
    if unknown:
        ap.error(f"--corpora: unknown corpus {unknown[0]!r} (known: {', '.join(CORPORA)})")
    if args.mirrors is None and any(c in DENSE_CORPORA for c in chosen):
        log("the dense corpora need --mirrors DIR (the folder of the snapshots): left out")
        chosen = [c for c in chosen if c not in DENSE_CORPORA]
    corpora: dict[str, tuple[str, tuple[int, int]]] = {}
    for name in chosen:
        if name == "js":
            js = build_js(cache, NPM_PACKAGES)
            corpora[name] = (js, count(js, JS_EXT))
        elif name == "py":
            py = build_py(cache, PYPI_PACKAGES)
            corpora[name] = (py, count(py, PY_EXT))
        elif name == "helpers":
            helpers = build_helpers(cache, args.helper_modules)
            corpora[name] = (helpers, _add(count(helpers, JS_EXT), count(helpers, PY_EXT)))
        else:
            language, exts = ("javascript", JS_EXT) if name == "dense-js" else ("python", PY_EXT)
            dense = build_dense(cache, args.mirrors, language)
            if dense is None:
                log(f"{name}: a project could not be exported: left out")
                continue
            corpora[name] = (dense, count(dense, exts))
    has_js = any(n in corpora for n in ("js", "dense-js"))
    has_py = any(n in corpora for n in ("py", "dense-py"))
    eslint_dir = setup_eslint(cache) if "eslint" not in skip and has_js else ""
    venv = setup_venv(cache) if skip != {"ruff", "pylint", "bandit"} and has_py else ""
    pg_cache = os.path.join(cache, "pglint-cache")
    rows: list[Row] = []
    versions = {"pglint": tool_version([args.python, "-m", "pglint", "--version"])}

    def add(tool: str, name: str, cmd: Sequence[str], baseline: float | None, cwd: str | None = None,
            key: str = "") -> Row:
        path, (files, lines) = corpora[name]
        n = args.slow_repeat if key in slow else args.repeat
        repeats[tool] = n
        log(f"measuring {tool} on {name} ({files} files, {lines} lines), {n} run(s)")
        m = measure(cmd, n, cwd=cwd)
        row = Row(tool, name, files, lines, statistics.median(m.wall), m.peak_kb / 1024, baseline,
                  statistics.median(m.cpu))
        log(f"  {row.seconds:.2f}s {row.peak_mb:.0f}MB runs={['%.2f' % w for w in m.wall]} "
            f"cpu={['%.2f' % c for c in m.cpu]}")
        rows.append(row)
        return row

    for name, (path, _) in corpora.items():
        cold = add("pglint cold (--no-cache)", name, [*pglint, "--no-cache", path], None)
        cold.baseline = cold.seconds
        shutil.rmtree(pg_cache, ignore_errors=True)
        measure_once([*pglint, "--cache-dir", pg_cache, path])  # fill the cache
        add("pglint warm (cache full)", name, [*pglint, "--cache-dir", pg_cache, path], cold.seconds)
        add("pglint --jobs 1", name, [*pglint, "--no-cache", "--jobs", "1", path], cold.seconds)
        if name in ("js", "dense-js") and eslint_dir:
            eslint = os.path.join(eslint_dir, "node_modules", ".bin", "eslint")
            versions["eslint"] = tool_version([eslint, "--version"])
            recommended = [eslint, "-c", os.path.join(eslint_dir, "recommended.config.mjs"), "--no-warn-ignored"]
            add(ESLINT_RECOMMENDED, name, [*recommended, path], cold.seconds, cwd=path, key="eslint")
            add(f"{ESLINT_RECOMMENDED}, --concurrency 2", name, [*recommended, "--concurrency", "2", path],
                cold.seconds, cwd=path, key="eslint")
            if name == "js":
                add(f"eslint + @typescript-eslint/parser ({len(ESLINT_RULES)} rules)", name,
                    [eslint, "-c", os.path.join(eslint_dir, "eslint.config.mjs"),
                     "--no-warn-ignored", path], cold.seconds, cwd=path, key="eslint")
        if name in ("py", "dense-py") and venv:
            bindir = os.path.join(venv, "bin")
            ruff = os.path.join(bindir, "ruff")
            if "ruff" not in skip:
                versions["ruff"] = tool_version([ruff, "--version"])
                add("ruff --select ALL", name, [ruff, "check", "--isolated", "--no-cache", "--exit-zero",
                                                "--select", "ALL", path], cold.seconds, key="ruff")
                add("ruff (default rules)", name, [ruff, "check", "--isolated",
                                                   "--no-cache", "--exit-zero", path], cold.seconds, key="ruff")
            if "pylint" not in skip and name == "py":
                versions["pylint"] = tool_version([os.path.join(bindir, "pylint"), "--version"])
                # -j 0: one process per core, as pglint cold uses
                add("pylint (default checks, -j 0)", name, [os.path.join(bindir, "pylint"), "--recursive=y", "-j", "0",
                                                            "--exit-zero", "--rcfile=/dev/null", path], cold.seconds,
                    key="pylint")
            if "bandit" not in skip and name == "py":
                versions["bandit"] = tool_version([os.path.join(bindir, "bandit"), "--version"])
                add("bandit (default tests)", name, [os.path.join(bindir, "bandit"), "-r", "-q", "-f", "json",
                                                     "-o", os.devnull, path], cold.seconds, key="bandit")
    shutil.rmtree(pg_cache, ignore_errors=True)

    scale_rows: list[Row] = []
    base: float | None = None
    scales = [int(x) for x in args.scales.split(",") if x.strip()]
    for factor in scales if "js" in corpora and "py" in corpora else []:
        path = scaled(cache, [corpora["js"][0], corpora["py"][0]], factor)
        files, lines = _add(corpora["js"][1], corpora["py"][1])
        files, lines = files * factor, lines * factor
        log(f"scaling: {factor}x ({files} files, {lines} lines)")
        m = measure([*pglint, "--no-cache", path], args.scale_repeat)
        row = Row(f"pglint cold {factor}x", "js+py", files, lines, statistics.median(m.wall), m.peak_kb / 1024)
        base = base if base is not None else row.seconds / factor
        row.baseline = base * factor  # ratio to perfectly linear growth from 1x
        scale_rows.append(row)
        log(f"  {row.seconds:.2f}s {row.peak_mb:.0f}MB")

    helper_rows: list[Row] = []
    hbase: float | None = None
    for factor in scales if "helpers" in corpora else []:
        path = build_helpers(cache, args.helper_modules * factor)
        files, lines = _add(count(path, JS_EXT), count(path, PY_EXT))
        log(f"helper project: {factor}x ({files} files, {lines} lines)")
        m = measure([*pglint, "--no-cache", path], args.scale_repeat)
        row = Row(f"pglint cold, helper project {factor}x", "helpers", files, lines,
                  statistics.median(m.wall), m.peak_kb / 1024)
        hbase = hbase if hbase is not None else row.seconds / factor
        row.baseline = hbase * factor
        helper_rows.append(row)
        log(f"  {row.seconds:.2f}s {row.peak_mb:.0f}MB")

    generated_rows = measure_generated(pglint, cache, args.scale_repeat) if args.generated == "yes" else []
    sparse_rows = [r for r in rows if r.corpus in SPARSE_CORPORA]
    dense_rows = [r for r in rows if r.corpus in DENSE_CORPORA]
    if sparse_rows or scale_rows or helper_rows:
        report = render_report(sparse_rows, scale_rows, versions, args.repeat, helper_rows, repeats, generated_rows)
        print(report)
        if not args.no_write:
            write_doc(args.output, report)
    elif generated_rows:  # without the sparse corpora the main block is not rewritten (it would lose them)
        print(render_table(generated_rows))
    if dense_rows:
        report = render_dense_report(dense_rows, versions, args.repeat, repeats)
        print(report)
        if not args.no_write:
            write_doc(args.output, report, DENSE_BEGIN, DENSE_END)
    return 0


def _add(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    return a[0] + b[0], a[1] + b[1]


def _find(rows: Sequence[Row], prefix: str, corpus: str) -> Row | None:
    return next((r for r in rows if r.tool.startswith(prefix) and r.corpus == corpus), None)


def evaluate_targets(rows: Sequence[Row], scale_rows: Sequence[Row],
                     helper_rows: Sequence[Row] = ()) -> list[tuple[str, str, str]]:
    """(target, measured, "met"/"missed"/"not measured") for each target of issue 5."""
    out: list[tuple[str, str, str]] = []

    def faster(tool: str, corpus: str, factor: float, label: str) -> None:
        cold, other = _find(rows, "pglint cold", corpus), _find(rows, tool, corpus)
        if cold is None or other is None or not cold.seconds:
            out.append((label, "-", "not measured"))
            return
        ratio = other.seconds / cold.seconds
        out.append((label, f"{ratio:.2f}x ({other.seconds:.2f} s vs {cold.seconds:.2f} s)",
                    "met" if ratio >= factor else "missed"))

    faster(ESLINT_RECOMMENDED, "js", 3.0, f"pglint cold >= 3x faster than {ESLINT_RECOMMENDED} (JS)")
    faster("pylint", "py", 5.0, "pglint cold >= 5x faster than pylint (Python)")
    out.append(_within(rows, "ruff --select ALL", "py", 3.0))
    for corpus in ("js", "py", "helpers"):
        cold, warm = _find(rows, "pglint cold", corpus), _find(rows, "pglint warm", corpus)
        if cold is not None and warm is not None and cold.seconds:
            share = warm.seconds / cold.seconds
            out.append((f"pglint warm <= 10% of cold ({corpus})", f"{share:.0%}",
                        "met" if share <= 0.10 else "missed"))
    for name, srows in (("both corpora", scale_rows), ("helper project", helper_rows)):
        if len(srows) >= 2 and srows[0].seconds:
            worst = max(r.seconds / r.baseline for r in srows if r.baseline)
            growth = ", ".join(f"{r.lines / srows[0].lines:.0f}x lines: {r.seconds / srows[0].seconds:.2f}x time"
                               for r in srows[1:])
            out.append((f"time grows linearly ({name})", f"{growth} (worst {worst:.2f}x linear)",
                        "met" if worst <= 1.25 else "missed"))
    big = [r for r in (*rows, *scale_rows) if r.tool.startswith("pglint") and r.lines >= 1_000_000]
    if big:
        r = min(big, key=lambda x: x.lines)
        out.append(("peak memory < 500 MB at 1M lines", f"{r.peak_mb:.0f} MB at {r.lines:,} lines ({r.tool}, "
                    f"{r.corpus})", "met" if r.peak_mb < 500 else "missed"))
    else:
        out.append(("peak memory < 500 MB at 1M lines", "-", "not measured"))
    return out


def _within(rows: Sequence[Row], tool: str, corpus: str, factor: float) -> tuple[str, str, str]:
    """The target "pglint cold at most ``factor`` times slower than ``tool`` on ``corpus``"."""
    label = f"pglint cold <= {factor:g}x slower than {tool} ({corpus})"
    cold, other = _find(rows, "pglint cold", corpus), _find(rows, tool, corpus)
    if cold is None or other is None or not other.seconds:
        return label, "-", "not measured"
    ratio = cold.seconds / other.seconds
    return (label, f"{ratio:.1f}x slower ({cold.seconds:.2f} s vs {other.seconds:.2f} s)",
            "met" if ratio <= factor else "missed")


def evaluate_dense_targets(rows: Sequence[Row]) -> list[tuple[str, str, str]]:
    """(target, measured, "met"/"missed"/"not measured") for each target of issue 14 on the dense corpora."""
    out: list[tuple[str, str, str]] = []
    cold, eslint = _find(rows, "pglint cold", "dense-js"), _find(rows, ESLINT_RECOMMENDED, "dense-js")
    label = f"pglint cold >= 3x faster than {ESLINT_RECOMMENDED} (dense-js)"
    if cold is None or eslint is None or not cold.seconds:
        out.append((label, "-", "not measured"))
    else:
        ratio = eslint.seconds / cold.seconds
        out.append((label, f"{ratio:.2f}x ({eslint.seconds:.2f} s vs {cold.seconds:.2f} s)",
                    "met" if ratio >= 3.0 else "missed"))
    out.append(_within(rows, "ruff --select ALL", "dense-py", 3.0))
    for corpus in DENSE_CORPORA:
        cold, warm = _find(rows, "pglint cold", corpus), _find(rows, "pglint warm", corpus)
        if cold is not None and warm is not None and cold.seconds:
            share = warm.seconds / cold.seconds
            out.append((f"pglint warm <= 10% of cold ({corpus})", f"{share:.0%}",
                        "met" if share <= 0.10 else "missed"))
    return out


def render_dense_report(rows: Sequence[Row], versions: dict[str, str], repeat: int,
                        repeats: dict[str, int] | None = None) -> str:
    """The dense corpora's block of docs/performance.md: the projects, the table, the targets of issue 14."""
    fewer = sorted(t for t, n in (repeats or {}).items() if n != repeat and any(r.tool == t for r in rows))
    try:
        projects = ", ".join(f"{p.name} @ {p.ref[:12]}" for p in _corpus_script().load_projects(DENSE_FILE))
    except Exception as exc:  # the listing is read again only to name it; a broken one was reported already
        projects = f"(bench/dense.toml: {exc})"
    parts = [f"Machine: {machine()}",
             "Tools: " + ", ".join(f"{k} {v}" for k, v in sorted(versions.items())),
             f"Projects (bench/dense.toml): {projects}",
             f"ESLint: `{ESLINT_RECOMMENDED}` is `@eslint/js` recommended plus `tseslint.configs.recommended` "
             "(no type information), one process unless `--concurrency 2` is named",
             f"Wall seconds are the median of {repeat} runs"
             + (" (" + "; ".join(f"{t}: {(repeats or {})[t]} run(s)" for t in fewer) + ")" if fewer else "")
             + "; peak MB is the largest resident set of one process of the run (getrusage RUSAGE_CHILDREN).",
             "", render_table(rows), "",
             "Targets (issue 14):", "", "| target | measured | |", "|---|---|---|",
             *(f"| {a} | {b} | {c} |" for a, b, c in evaluate_dense_targets(rows)), ""]
    return "\n".join(parts)


def render_report(rows: Sequence[Row], scale_rows: Sequence[Row], versions: dict[str, str], repeat: int,
                  helper_rows: Sequence[Row] = (), repeats: dict[str, int] | None = None,
                  generated_rows: Sequence[Row] = ()) -> str:
    fewer = sorted(t for t, n in (repeats or {}).items() if n != repeat)
    parts = [f"Machine: {machine()}",
             "Tools: " + ", ".join(f"{k} {v}" for k, v in sorted(versions.items())),
             f"ESLint: `{ESLINT_RECOMMENDED}` is `@eslint/js` recommended plus `tseslint.configs.recommended` "
             f"(no type information); the {len(ESLINT_RULES)} rules are {', '.join(ESLINT_RULES)} "
             "(with @typescript-eslint/parser)",
             f"Wall seconds are the median of {repeat} runs"
             + (f" (fewer for the slow comparison tools, to keep the run short: "
                + "; ".join(f"{t}: {(repeats or {})[t]} run(s)" for t in fewer) + ")" if fewer else "")
             + "; peak MB is the largest resident set of one process of the run (getrusage RUSAGE_CHILDREN).",
             "", render_table(rows), ""]
    if scale_rows:
        parts += ["Scaling (pglint cold on both corpora, copied side by side; the last column is the "
                  "ratio to linear growth from 1x):", "", render_table(scale_rows), ""]
    if helper_rows:
        parts += ["Function-summary pass on a generated project (`helpers-N`: N JS and N Python modules, "
                  "each a `db` file of getClient/releaseClient/withTransaction helpers or a "
                  "`@contextmanager` and a `service` file of callers, each module calling the previous "
                  "one; the last column is the ratio to linear growth from 1x):", "",
                  render_table(helper_rows), ""]
    if generated_rows:
        parts += ["Generated pathological inputs (issue 10: one file each, pglint cold; the nesting cases "
                  "past pglint's depth are one PG001 \"too deeply nested to analyse\"; the last column is "
                  "the ratio to linear growth from the smallest size of the same shape):", "",
                  render_table(generated_rows), ""]
    targets = evaluate_targets(rows, scale_rows, helper_rows)
    if targets:
        parts += ["Targets (issue 5):", "",
                  "| target | measured | |", "|---|---|---|",
                  *(f"| {a} | {b} | {c} |" for a, b, c in targets), ""]
    return "\n".join(parts)


BEGIN = "<!-- bench:begin -->"
END = "<!-- bench:end -->"
DENSE_BEGIN = "<!-- bench:dense:begin -->"
DENSE_END = "<!-- bench:dense:end -->"


def write_doc(path: str, report: str, begin: str = BEGIN, end: str = END, title: str = "Performance") -> None:
    """Replace the text between the ``begin``/``end`` markers of ``path`` (or append it); bench/corpus.py
    uses it with its own markers."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        text = f"# {title}\n\n{begin}\n{end}\n"
    block = f"{begin}\n_Last run: {time.strftime('%Y-%m-%d')}_\n\n{report}\n{end}"
    if begin in text and end in text:
        text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    log(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
