"""The JavaScript/TypeScript frontend's cheap pass: parsing, import records, exports, resolution."""

from __future__ import annotations

import textwrap

import pytest

from pglint.drivers import default_registry
from pglint.drivers.model import Value
from pglint.languages.base import ExportRecord, ImportRecord, ModuleIndex, ParseProblem, ProjectIndex
from pglint.languages.javascript.adapter import JavaScriptAdapter
from pglint.languages.javascript.parsing import JsSource, dialect_for, parse_source

POOL = Value("pg", "pool")


def index(src: str, path: str = "/proj/app/mod.js") -> ModuleIndex:
    adapter = JavaScriptAdapter()
    return adapter.index(adapter.parse(path, textwrap.dedent(src).encode()), default_registry())


def imports(src: str, path: str = "/proj/app/mod.js") -> set[tuple[str, str, str | None]]:
    return {(r.local, r.module, r.name) for r in index(src, path).imports}


# -- parsing -------------------------------------------------------------------

def test_adapter_identity() -> None:
    adapter = JavaScriptAdapter()
    assert adapter.name == "javascript"
    assert adapter.extensions == (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")


@pytest.mark.parametrize(("path", "dialect"), [
    ("a.js", "js"), ("a.mjs", "js"), ("a.cjs", "js"), ("a.jsx", "js"),
    ("a.ts", "ts"), ("a.mts", "ts"), ("a.cts", "ts"), ("a.d.ts", "ts"), ("a.tsx", "tsx"),
])
def test_dialect_from_extension(path: str, dialect: str) -> None:
    assert dialect_for(path) == dialect


def _problem(path: str, source: bytes) -> ParseProblem:
    tree = JavaScriptAdapter().parse(path, source).tree
    assert isinstance(tree, JsSource) and tree.problem is not None
    return tree.problem


def _unrepaired_problem(path: str, source: bytes) -> ParseProblem:
    """The problem of the tree-sitter parse as it is, before the grammar gap repair (which reads
    these constructs where it can; its PG001 names what it could not)."""
    tree = parse_source(path, source, repair=False)
    assert tree.problem is not None
    return tree.problem


def test_syntax_error_becomes_a_parse_problem_with_position() -> None:
    problem = _problem("/proj/bad.js", b"const a = 1;\nfunction (x {\n")
    assert problem.line == 2
    assert problem.column >= 1
    assert problem.message.startswith("could not parse line 2")
    assert "JavaScript grammar" in problem.message


def test_missing_token_is_a_parse_problem() -> None:
    assert _problem("/proj/bad.ts", b"const x = (1 + 2;\n").message.startswith("missing ')' at line 1")


def test_parse_error_column_counts_characters_not_bytes() -> None:
    problem = _problem("/proj/bad.js", "const é = 'ü'; )\n".encode())
    assert (problem.line, problem.column) == (1, 16)


def test_a_file_that_parses_has_no_problem() -> None:
    tree = JavaScriptAdapter().parse("/proj/ok.ts", b"export const a = 1;\n").tree
    assert isinstance(tree, JsSource) and tree.problem is None


def test_jsx_in_js_and_tsx_parses() -> None:
    JavaScriptAdapter().parse("/proj/a.jsx", b"const a = <div onClick={() => f()}>{x}</div>;\n")
    JavaScriptAdapter().parse("/proj/a.js", b"const a = <div>{x}</div>;\n")
    JavaScriptAdapter().parse("/proj/a.tsx", b"const a: number = <b>{1 as number}</b>;\n")


def test_type_assertion_syntax_is_typescript_only() -> None:
    tree = JavaScriptAdapter().parse("/proj/a.ts", b"const a = <any>b;\n").tree
    assert isinstance(tree, JsSource) and tree.problem is None
    assert _problem("/proj/a.tsx", b"const a = <any>b;\n").line == 1


# -- imports -------------------------------------------------------------------

def test_empty_file_indexes_to_nothing() -> None:
    idx = index("")
    assert idx.imports == [] and idx.exports == {} and not idx.imports_driver


def test_esm_import_forms() -> None:
    got = imports("""\
    import { Pool, Client as C } from 'pg';
    import pg from 'pg';
    import * as ns from 'pg';
    import Pool2 from 'pg-pool';
    import { db } from '@vercel/postgres';
    import { default as d } from './db';
    import './side-effect';
    """)
    assert got == {
        ("Pool", "pg", "Pool"), ("C", "pg", "Client"), ("pg", "pg", "default"),
        ("ns", "pg", None), ("Pool2", "pg-pool", "default"), ("db", "@vercel/postgres", "db"),
        ("d", "./db", "default"), ("", "./side-effect", None),
    }


def test_commonjs_import_forms() -> None:
    got = imports("""\
    const { Pool } = require('pg');
    const { Client: PgClient } = require('pg');
    const pg = require('pg');
    const P = require('pg').Pool;
    const db = require('../lib/db.js');
    function later() {
      const mysql = require('mysql');
    }
    """)
    assert got == {
        ("Pool", "pg", "Pool"), ("PgClient", "pg", "Client"), ("pg", "pg", None),
        ("P", "pg", "Pool"), ("db", "../lib/db.js", None), ("", "mysql", None),
    }


def test_typescript_import_forms() -> None:
    got = imports("""\
    import type { PoolClient } from 'pg';
    import { type Pool, Client } from 'pg';
    import pg = require('pg');
    """, "/proj/app/mod.ts")
    assert got == {
        ("PoolClient", "pg", "PoolClient"), ("Pool", "pg", "Pool"), ("Client", "pg", "Client"),
        ("pg", "pg", None),
    }


def test_imports_driver_only_for_postgres_packages() -> None:
    assert index("import { Pool } from 'pg';").imports_driver
    assert index("const Pool = require('pg-pool');").imports_driver
    assert index("import { sql } from '@vercel/postgres';").imports_driver
    assert index("import { neon, Pool } from '@neondatabase/serverless';").imports_driver
    assert index("import type { PoolClient } from 'pg';", "/p/a.ts").imports_driver
    assert index("async function f() { const { Pool } = await import('pg'); }").imports_driver
    assert index("const pgp = require('pg-promise')();").imports_driver  # modelled (issue 15)
    assert index("import postgres from 'postgres';").imports_driver
    for other in ("mysql", "pg-format", "generic-pool", "redis", "./pg", "postgres-migrations"):
        assert not index(f"const x = require('{other}');").imports_driver, other


@pytest.mark.parametrize("text", [
    "async function f() { return await import /* lazy */ ('pg'); }",
    "async function f() { return await import // lazy\n ('pg'); }",
    "async function f() { return await import\n\t('pg'); }",
    "function load(name) { return require(name); }\nconst pg = load('pg');",
    "const load = async (m) => import(m);\nasync function f() { return load('pg'); }",
])
def test_module_loads_inside_functions_are_found_past_the_text_check(text: str) -> None:
    # the whole-file search for require()/import() runs only when the text may hold one
    # (queries.may_load_modules): blanks, comments, loader wrappers all still count
    from pglint.languages.javascript.queries import may_load_modules

    assert may_load_modules(text.encode())
    assert index(text).imports_driver


def test_files_without_require_or_dynamic_import_skip_the_search() -> None:
    from pglint.languages.javascript.queries import may_load_modules

    esm = "import { Pool } from 'pg';\nimport type { X } from './x';\nexport const importer = load('pg');\n"
    assert not may_load_modules(esm.encode())
    assert imports(esm, "/p/a.ts") == {("Pool", "pg", "Pool"), ("X", "./x", "X")}


def test_import_line_numbers() -> None:
    idx = index("\n\nconst { Pool } = require('pg');\n")
    assert idx.imports == [ImportRecord("Pool", "pg", "Pool", 3)]


# -- exports -------------------------------------------------------------------

def test_commonjs_whole_module_export_is_star_and_default() -> None:
    idx = index("""\
    const { Pool } = require('pg');
    module.exports = new Pool();
    """)
    assert idx.exports == {"*": ExportRecord("*", value=POOL),
                           "default": ExportRecord("default", value=POOL)}


def test_commonjs_object_and_property_exports() -> None:
    idx = index("""\
    const pg = require('pg');
    const pool = new pg.Pool();
    module.exports = { pool, other: pool, n: 1 };
    module.exports.extra = new pg.Pool();
    exports.viaExports = pool;
    """)
    assert idx.exports["pool"] == ExportRecord("pool", value=POOL)
    assert idx.exports["other"] == ExportRecord("other", value=POOL)
    assert idx.exports["n"] == ExportRecord("n")
    assert idx.exports["extra"] == ExportRecord("extra", value=POOL)
    assert idx.exports["viaExports"] == ExportRecord("viaExports", value=POOL)


def test_export_defined_after_use_still_binds() -> None:
    idx = index("""\
    module.exports = { pool };
    const { Pool } = require('pg');
    const pool = new Pool();
    """)
    assert idx.exports["pool"].value == POOL


def test_esm_exports() -> None:
    idx = index("""\
    import { Pool } from 'pg';
    import pg from 'pg';
    export const pool = new Pool();
    export default pool;
    export { pool as db };
    export { shared } from './shared';
    export * from './more';
    export const p2 = new pg.Pool();
    export function helper() {}
    """, "/proj/app/mod.ts")
    assert idx.exports["pool"] == ExportRecord("pool", value=POOL)
    assert idx.exports["default"] == ExportRecord("default", value=POOL)
    assert idx.exports["db"] == ExportRecord("db", value=POOL)
    assert idx.exports["shared"] == ExportRecord("shared", reexport=("./shared", "shared"))
    assert idx.exports["* ./more"] == ExportRecord("* ./more", reexport=("./more", None))
    assert idx.exports["p2"] == ExportRecord("p2", value=POOL)
    assert idx.exports["helper"] == ExportRecord("helper")


def test_export_default_expression_and_reexport_of_an_import() -> None:
    assert index("import { Pool } from 'pg';\nexport default new Pool();\n").exports["default"] \
        == ExportRecord("default", value=POOL)
    idx = index("const { pool } = require('./db');\nmodule.exports = pool;\n")
    assert idx.exports["*"] == ExportRecord("*", reexport=("./db", "pool"))
    idx = index("module.exports = require('./db');\n")
    assert idx.exports["default"] == ExportRecord("default", reexport=("./db", None))
    idx = index("import pool from './db';\nexport = pool;\n", "/p/a.ts")
    assert idx.exports["*"] == ExportRecord("*", reexport=("./db", "default"))


def test_vercel_instance_exports_bind_as_pools() -> None:
    idx = index("import { db } from '@vercel/postgres';\nexport { db };\n")
    assert idx.exports["db"].value == Value("@vercel/postgres", "pool")


# -- resolution through the project index --------------------------------------

def _project(files: dict[str, str]) -> ProjectIndex:
    adapter = JavaScriptAdapter()
    project = ProjectIndex({"javascript": adapter})
    for path, src in files.items():
        project.add(adapter.index(adapter.parse(path, textwrap.dedent(src).encode()),
                                  default_registry()))
    return project


def test_project_values_across_modules() -> None:
    project = _project({
        "/p/db.js": "const { Pool } = require('pg');\nmodule.exports = new Pool();\n",
        "/p/named.ts": "import { Pool } from 'pg';\nexport const pool = new Pool();\nexport default pool;\n",
        "/p/barrel.ts": "export * from './named';\n",
        "/p/use.js": "",
    })
    assert project.imported_value("/p/use.js", ImportRecord("pool", "./db", None)) == POOL
    assert project.imported_value("/p/use.js", ImportRecord("pool", "./db", "default")) == POOL
    assert project.imported_value("/p/use.js", ImportRecord("pool", "./named.js", "pool")) == POOL
    assert project.imported_value("/p/use.js", ImportRecord("pool", "./named", "default")) == POOL
    assert project.imported_value("/p/use.js", ImportRecord("x", "./named", "nothing")) is None
    assert project.involves_postgres("/p/use.js") is False


@pytest.mark.parametrize(("path", "source", "construct"), [
    ("/p/a.ts", 'export type * from "./types";\n', "`export type * from`"),
    ("/p/a.js", 'function f(a) { let using = ""; using += a; return using; }\n', "`using` as a name"),
    ("/p/a.ts", "export interface Box<out T> { get(): T }\n", "variance annotation"),
    ("/p/a.ts", "export class Q<\n  DB,\n  out O = unknown,\n> {}\n", "variance annotation"),
    ("/p/a.ts", "export const q = sql<{ id: number }>`select 1`;\n", "generic tagged template"),
    ("/p/a.ts", 'export declare const r: import("./x").Registry<1>;\n', "import type"),
    ("/p/a.ts", "let as: string;\n", "`as` as a variable name"),
    ("/p/a.ts", "class A { private timer: (string) => any; }\n", "unnamed parameter"),
    ("/p/a.jsx", "const a = <p>Tom & Jerry</p>;\n", "a bare `&` in JSX"),
    ("/p/a.js", "const a = ;\n", None),
])
def test_known_grammar_gaps_are_named(path: str, source: str, construct: str | None) -> None:
    message = _unrepaired_problem(path, source.encode()).message
    if construct is None:
        assert "here" not in message
    else:
        assert f"here {construct}" in message or construct in message.split("here ", 1)[1]


def test_an_error_wrapping_a_whole_statement_points_at_the_construct() -> None:
    # tree-sitter wraps all of `vi.mock(…)` (from line 1) in one ERROR; the construct is on line 2
    source = (b'vi.mock("@auth/core", async (importOriginal) => {\n'
              b'  const mod = await importOriginal<typeof import("@auth/core")>()\n'
              b'  return {\n    ...mod,\n    Auth: vi.fn((request, config) => {\n'
              b'      return new Response("{}", { status: 200 })\n    }),\n  }\n})\n')
    problem = _unrepaired_problem("/p/a.test.ts", source)
    assert problem.line == 2 and "import type" in problem.message
    assert JavaScriptAdapter().parse("/p/a.test.ts", source).tree.problem is None  # the repair reads it


def test_this_and_keyed_assignments_come_from_one_query() -> None:
    from pglint.languages.javascript.parsing import node_text
    from pglint.languages.javascript.queries import assignments

    src = parse_source("/p/a.js", textwrap.dedent("""\
        const pools = {};
        class Store {
          constructor() { this.pool = new Pool(); pools[url] = this.pool; }
          open() { this.client = null; cache['k'] = 1; this.pool[i] = 2; }
        }
        """).encode())
    this, keyed = assignments(src.dialect, src.root)
    assert [(node_text(prop), node_text(value)) for _, prop, value in this] == [
        ("pool", "new Pool()"), ("client", "null")]
    assert [(name, node_text(value)) for name, value in keyed] == [("pools", "this.pool"), ("cache", "1")]
