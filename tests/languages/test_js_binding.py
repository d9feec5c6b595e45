"""Binding in the JavaScript/TypeScript frontend: which receivers are driver values.

Each case lowers a small file and looks at the ``acquire`` nodes of one
function: the driver model they came from, or that there are none (a ``Pool``
of another package must never become a tracked resource).
"""

from __future__ import annotations

import textwrap

import pytest

from pglint.drivers import default_registry
from pglint.ir.cfg import AcquireInfo, Ev, FunctionCFG
from pglint.languages.base import ProjectIndex
from pglint.languages.javascript.adapter import JavaScriptAdapter


def lower_files(files: dict[str, str]) -> dict[str, dict[str, FunctionCFG]]:
    adapter = JavaScriptAdapter()
    registry = default_registry()
    project = ProjectIndex({"javascript": adapter})
    parsed = {p: adapter.parse(p, textwrap.dedent(s).encode()) for p, s in files.items()}
    for pf in parsed.values():
        project.add(adapter.index(pf, registry))
    return {p: {c.name: c for c in adapter.lower(pf, project, registry).functions}
            for p, pf in parsed.items()}


def acquires(src: str, fn: str = "f", path: str = "/p/mod.ts") -> list[tuple[str | None, str, str]]:
    cfg = lower_files({path: src})[path][fn]
    out = []
    for n in cfg.events(Ev.ACQUIRE):
        assert isinstance(n.info, AcquireInfo)
        out.append((n.var, n.info.driver, n.info.kind))
    return out


BODY = """
async function f() {
  const client = await POOL.connect();
}
"""


@pytest.mark.parametrize(("header", "pool", "driver"), [
    ("import { Pool } from 'pg'; const p = new Pool();", "p", "pg"),
    ("import { Pool as PgPool } from 'pg'; const p = new PgPool();", "p", "pg"),
    ("import pg from 'pg'; const p = new pg.Pool();", "p", "pg"),
    ("import * as pg from 'pg'; const p = new pg.Pool();", "p", "pg"),
    ("import * as pg from 'pg'; const p = new pg.default.Pool();", "p", "pg"),
    ("import { native } from 'pg'; const p = new native.Pool();", "p", "pg"),
    ("const { Pool } = require('pg'); const p = new Pool();", "p", "pg"),
    ("const pg = require('pg'); const p = new pg.Pool();", "p", "pg"),
    ("const Pool = require('pg').Pool; const p = new Pool();", "p", "pg"),
    ("const p = new (require('pg').Pool)();", "p", "pg"),
    ("import pg = require('pg'); const p = new pg.Pool();", "p", "pg"),
    ("import Pool from 'pg-pool'; const p = new Pool();", "p", "pg-pool"),
    ("const Pool = require('pg-pool'); const p = new Pool();", "p", "pg-pool"),
    ("import { db } from '@vercel/postgres';", "db", "@vercel/postgres"),
    ("import { createPool } from '@vercel/postgres'; const p = createPool();", "p", "@vercel/postgres"),
    ("import { Pool } from '@neondatabase/serverless'; const p = new Pool();", "p",
     "@neondatabase/serverless"),
    ("import { Pool } from 'pg'; let p; p = new Pool();", "p", "pg"),
])
def test_pool_binding_forms(header: str, pool: str, driver: str) -> None:
    src = header + BODY.replace("POOL", pool)
    assert acquires(src) == [("client", driver, "pool-client")]


@pytest.mark.parametrize("header", [
    "import { Pool } from 'mysql2/promise'; const p = new Pool();",
    "const mysql = require('mysql'); const p = mysql.createPool({});",
    "const genericPool = require('generic-pool'); const p = genericPool.createPool({});",
    "const { Pool } = require('undici'); const p = new Pool('http://x');",
    "import amqp from 'amqplib'; const p = amqp;",
    "import mongoose from 'mongoose'; const p = mongoose;",
    "import { createClient } from 'redis'; const p = createClient();",
    "class Pool { connect() {} } const p = new Pool();",
    "const p = new Pool();",  # no import at all: an unknown global
    "import pg from 'pg'; const p = new pg.Pool(); function g(p) {}",
])
def test_other_packages_never_bind(header: str) -> None:
    if header.endswith("function g(p) {}"):
        # the parameter `p` of f shadows nothing here, but an untyped parameter is unknown
        src = header + "\nasync function f(p) {\n  const client = await p.connect();\n}\n"
    else:
        src = header + BODY.replace("POOL", "p")
    assert acquires(src) == []


def test_local_declaration_shadows_a_module_pool() -> None:
    src = """\
    import { Pool } from 'pg';
    const pool = new Pool();
    async function f() {
      const pool = makeOtherPool();
      const client = await pool.connect();
    }
    """
    assert acquires(src) == []


def test_typescript_annotations_bind() -> None:
    src = """\
    import type { Pool, PoolClient } from 'pg';
    import * as pg from 'pg';
    async function f(p: Pool, q?: pg.Pool, r: Pool | undefined = undefined) {
      const a = await p.connect();
      const b = await q!.connect();
      const c = await r?.connect();
    }
    async function g(client: PoolClient) {
      client.release();
    }
    """
    cfgs = lower_files({"/p/a.ts": src})["/p/a.ts"]
    assert [n.var for n in cfgs["f"].events(Ev.ACQUIRE)] == ["a", "b", "c"]
    assert [n.var for n in cfgs["g"].events(Ev.RELEASE)] == ["client"]


def test_generic_promise_annotation_is_not_a_client() -> None:
    src = """\
    import { PoolClient } from 'pg';
    async function f(p: Promise<PoolClient>) {
      p.release();
    }
    """
    cfg = lower_files({"/p/a.ts": src})["/p/a.ts"]["f"]
    assert list(cfg.events(Ev.RELEASE)) == []


def test_this_fields_from_constructor_field_and_parameter_properties() -> None:
    src = """\
    import { Pool } from 'pg';
    class A {
      constructor(config) { this.pool = new Pool(config); }
      async f() { const c = await this.pool.connect(); }
    }
    class B {
      pool = new Pool();
      async f() { const c = await this.pool.connect(); }
    }
    class C {
      constructor(private readonly pool: Pool) {}
      async f() { const c = await this.pool.connect(); }
    }
    class D {
      private pool!: Pool;
      async f() { const c = await this.pool.connect(); }
    }
    class E {
      init(p: Pool) { this.pool = p; }
      async f() { const c = await this.pool.connect(); }
      g = async () => { const c = await this.pool.connect(); };
    }
    class F {
      async f() { const c = await this.pool.connect(); }
    }
    """
    cfgs = lower_files({"/p/a.ts": src})["/p/a.ts"]
    for cls in "ABCDE":
        assert [n.var for n in cfgs[f"{cls}.f"].events(Ev.ACQUIRE)] == ["c"], cls
    assert [n.var for n in cfgs["E.g"].events(Ev.ACQUIRE)] == ["c"]
    assert list(cfgs["F.f"].events(Ev.ACQUIRE)) == []


def test_function_expression_does_not_see_the_class_this() -> None:
    src = """\
    import { Pool } from 'pg';
    class A {
      pool = new Pool();
      f() {
        const g = function () { return this.pool.connect(); };
        const h = () => this.pool.connect();
      }
    }
    """
    cfgs = lower_files({"/p/a.ts": src})["/p/a.ts"]
    assert list(cfgs["A.f/g"].events(Ev.ACQUIRE)) == []
    assert len(list(cfgs["A.f/h"].events(Ev.ACQUIRE))) == 1


def test_project_imports_bind_across_files() -> None:
    files = {
        "/p/db.js": "const { Pool } = require('pg');\nmodule.exports = new Pool();\n",
        "/p/pools.js": "const { Pool } = require('pg');\nconst pool = new Pool();\n"
                       "module.exports = { pool };\n",
        "/p/named.ts": "import { Pool } from 'pg';\nexport const pool = new Pool();\n"
                       "export default pool;\n",
        "/p/barrel.ts": "export * from './named';\n",
        "/p/use.ts": """\
            import a from './db';
            import { pool as b } from './named.js';
            import c from './named';
            import { pool as d } from './barrel';
            import * as ns from './named';
            const e = require('./db');
            const { pool: g } = require('./pools');
            const h = require('./pools').pool;
            const pools = require('./pools');
            async function f() {
              const ca = await a.connect();
              const cb = await b.connect();
              const cc = await c.connect();
              const cd = await d.connect();
              const cn = await ns.pool.connect();
              const ce = await e.connect();
              const cg = await g.connect();
              const ch = await h.connect();
              const cp = await pools.pool.connect();
            }
            """,
    }
    cfg = lower_files(files)["/p/use.ts"]["f"]
    assert [n.var for n in cfg.events(Ev.ACQUIRE)] == ["ca", "cb", "cc", "cd", "cn", "ce", "cg",
                                                       "ch", "cp"]


def test_direct_client_and_query_callbacks() -> None:
    src = """\
    import { Client } from 'pg';
    import { createClient } from '@vercel/postgres';
    async function f() {
      const a = new Client();
      await a.connect();
      const b = createClient();
      await b.connect();
    }
    """
    assert acquires(src) == [("a", "pg", "connection"), ("b", "@vercel/postgres", "connection")]


def test_configured_helpers_are_acquisitions() -> None:
    """A project model (what ``[tool.pglint.resources]`` builds) makes helper calls checkouts."""
    from pglint.drivers import builtin_models
    from pglint.drivers.model import DriverModel, DriverRegistry, Factory, KindInfo, Method

    kind = KindInfo("pool-client", "client", "client.done()")
    project = DriverModel(
        name="project:javascript", language="javascript", modules=("@acme/db",),
        kinds={"pool-client:getClient": kind, "pool-client:@acme/db.checkout": kind},
        factories=(Factory("getClient", "pool-client:getClient", awaited=True),
                   Factory("@acme/db.checkout", "pool-client:@acme/db.checkout")),
        methods=(Method("pool-client:getClient", "done", "release"),
                 Method("pool-client:@acme/db.checkout", "done", "release")),
    )
    registry = DriverRegistry((*builtin_models(), project))
    src = textwrap.dedent("""\
        import { checkout } from '@acme/db';
        import * as acme from '@acme/db';
        async function f(db) {
          const a = await getClient();
          const b = await db.getClient();
          const c = checkout();
          const d = acme.checkout();
          a.done();
          await getClient();
        }
        """)
    adapter = JavaScriptAdapter()
    parsed = adapter.parse("/p/a.js", src.encode())
    index = ProjectIndex({"javascript": adapter})
    index.add(adapter.index(parsed, registry))
    cfg = {c.name: c for c in adapter.lower(parsed, index, registry).functions}["f"]
    acquired = [(n.var, n.info.driver if isinstance(n.info, AcquireInfo) else None)
                for n in cfg.events(Ev.ACQUIRE)]
    assert acquired == [("a", "project:javascript"), ("b", "project:javascript"),
                        ("c", "project:javascript"), ("d", "project:javascript"),
                        (None, "project:javascript")]
    assert [n.var for n in cfg.events(Ev.RELEASE)] == ["a"]
    # without the project model none of these is a resource
    plain = {c.name: c for c in adapter.lower(parsed, index, default_registry()).functions}["f"]
    assert list(plain.events(Ev.ACQUIRE)) == []
