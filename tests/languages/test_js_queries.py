"""Query and connect sites of the JavaScript/TypeScript frontend (``languages/javascript/sites.py``).

Each case lowers a small file and looks at the :class:`QuerySite` /
:class:`ConnectSite` records the SQL, TLS and credential rules read: the SQL
shape (form, literal parts, holes and whether they are constant), the
parameters, what happens to the promise, the loop around the call, and the
flattened connection options.
"""

from __future__ import annotations

import textwrap

import pytest

from pglint.drivers import default_registry
from pglint.ir.query import ConnectSite, Hole, QuerySite
from pglint.languages.base import LoweredFile, ProjectIndex
from pglint.languages.javascript.adapter import JavaScriptAdapter

HEAD = """\
import { Pool, PoolClient } from 'pg';
const pool = new Pool();
"""


def lower(src: str, path: str = "/p/mod.ts", head: str = HEAD) -> LoweredFile:
    adapter = JavaScriptAdapter()
    registry = default_registry()
    project = ProjectIndex({"javascript": adapter})
    parsed = adapter.parse(path, (head + textwrap.dedent(src)).encode())
    project.add(adapter.index(parsed, registry))
    return adapter.lower(parsed, project, registry)


def queries(src: str, **kw: str) -> list[QuerySite]:
    return lower(src, **kw).queries


def one(src: str, **kw: str) -> QuerySite:
    got = queries(src, **kw)
    assert len(got) == 1, got
    return got[0]


def holes(q: QuerySite) -> list[tuple[str, bool]]:
    assert q.sql is not None
    return [(h.source, h.constant) for h in q.sql.holes]


# -- shapes -------------------------------------------------------------------------------

@pytest.mark.parametrize("expr, form, text", [
    ("'SELECT 1'", "literal", "SELECT 1"),
    ('"SELECT \\"x\\""', "literal", 'SELECT "x"'),
    ("`SELECT 1`", "literal", "SELECT 1"),
    ("'SELECT ' + '1'", "literal", "SELECT 1"),
    ("`SELECT ${LIMIT}`", "template", "SELECT 10"),
    ("'SELECT ' + COLS.join(', ') + ' FROM t'", "concat", "SELECT a, b FROM t"),
    ("Q.byId", "literal", "SELECT a FROM t WHERE id = $1"),
    ("helper()", "literal", "SELECT 2"),
    ("arrowHelper()", "literal", "SELECT 3"),
    ("TEXT.trim()", "literal", "SELECT 4"),
])
def test_constant_shapes(expr: str, form: str, text: str) -> None:
    q = one(f"""
        const LIMIT = 10;
        const COLS = ['a', 'b'];
        const Q = {{ byId: 'SELECT a FROM t WHERE id = $1' }};
        const TEXT = '  SELECT 4 ';
        function helper() {{ return 'SELECT 2'; }}
        const arrowHelper = () => 'SELECT 3';
        async function f() {{ await pool.query({expr}); }}
    """)
    assert q.sql is not None
    assert q.sql.form == form
    assert (q.sql.text or "").strip() == text.strip()
    assert not q.sql.unsafe_holes


def test_non_constant_holes_keep_their_source() -> None:
    q = one("""
        async function f(name: string, id) {
          await pool.query(`SELECT a FROM t WHERE name = '${name}' AND id = ` + id);
        }
    """)
    assert q.sql is not None and q.sql.form == "concat"
    assert holes(q) == [("name", False), ("id", False)]
    assert [h.origin for h in q.sql.holes] == ["param", "param"]


def test_parameter_typed_number_is_constant_safe() -> None:
    q = one("""
        async function f(name: string, id: number, on: boolean) {
          await pool.query(`SELECT a FROM t WHERE name = '${name}' AND id = ${id} AND ${String(on)}`);
        }
    """)
    assert holes(q) == [("name", False), ("id", True), ("String(on)", True)]


def test_origins_of_holes() -> None:
    q = one("""
        class Store {
          async f(req, opts) {
            const local = req.query.sort.trim();
            await pool.query(`SELECT a FROM t WHERE a = ${this.schema} AND b = ${process.env.X} ` +
                             `AND c = ${req.body.c} AND d = ${opts.d} AND e = ${compute()} AND f = ${local}`);
          }
        }
    """)
    assert [h.origin for h in q.sql.holes] == ["config", "config", "external", "param", "unknown", "external"]


def test_parameter_as_whole_sql_is_unknown_not_unsafe() -> None:
    q = one("async function f(text: string) { await pool.query(text); }")
    assert q.sql is not None and q.sql.form == "unknown" and q.sql.holes == ()


def test_locals_and_accumulation() -> None:
    q = one("""
        async function f(name) {
          let sql = 'SELECT a FROM t';
          sql += ' WHERE name = $1';
          const ok = sql;
          await pool.query(ok, [name]);
        }
    """)
    assert q.sql is not None and q.sql.text == "SELECT a FROM t WHERE name = $1"


def test_conditional_append_makes_text_incomplete_but_keeps_unsafe_holes() -> None:
    q = one("""
        async function f(name, order) {
          let sql = 'SELECT a FROM t WHERE 1 = 1';
          if (name) sql += ' AND name = $1';
          if (order) sql += ' ORDER BY ' + order;
          await pool.query(sql, [name]);
        }
    """)
    assert q.sql is not None and q.sql.text is None
    assert [h.source for h in q.sql.unsafe_holes] == ["order"]


def test_reassignment_before_use_wins() -> None:
    q = one("""
        async function f() {
          let sql = 'SELECT 1';
          sql = 'SELECT 2';
          await pool.query(sql);
          sql = 'SELECT 3';
        }
    """)
    assert q.sql is not None and q.sql.text == "SELECT 2"


def test_shadowed_constant_is_not_used() -> None:
    q = one("""
        const SQL = 'SELECT 1';
        async function f(SQL) { await pool.query(SQL); }
    """)
    assert q.sql is not None and q.sql.form == "unknown"


def test_escaped_and_numeric_holes_are_constant() -> None:
    got = queries("""
        import format from 'pg-format';
        async function f(client: PoolClient, table: string, n: string) {
          await client.query('SELECT a FROM ' + client.escapeIdentifier(table) + ' LIMIT ' + Number(n));
          await client.query(format('SELECT a FROM %I', table));
        }
    """)
    assert got[0].sql is not None and [h.constant for h in got[0].sql.holes] == [True, True]
    # pg-format with a constant format string: its text, the %I hole constant but remembered as a
    # name the caller chose (PG203 weighs it)
    assert got[1].sql is not None and got[1].sql.form == "concat" and not got[1].sql.unsafe_holes
    assert [(h.kind, h.origin) for h in got[1].sql.holes] == [("quoted", "param")]


def test_tagged_templates() -> None:
    lowered = lower("""
        import { sql, db } from '@vercel/postgres';
        import SQL from 'sql-template-strings';
        async function f(id) {
          await sql`SELECT a FROM t WHERE id = ${id}`;
          await db.sql`SELECT b FROM t WHERE id = ${id}`;
          await pool.query(SQL`SELECT c FROM t WHERE id = ${id}`);
        }
    """)
    forms = [(q.method, q.sql.form if q.sql else None, q.pool_shortcut) for q in lowered.queries]
    assert forms == [("sql", "tagged", True), ("sql", "tagged", True), ("query", "tagged", True)]
    assert all(not q.sql.unsafe_holes for q in lowered.queries if q.sql)


def test_neon_function_and_tag() -> None:
    lowered = lower("""
        import { neon } from '@neondatabase/serverless';
        const sql = neon(process.env.DATABASE_URL!);
        export async function f(id: number) {
          await sql`SELECT a FROM t WHERE id = ${id}`;
          await sql.query('SELECT b FROM t WHERE id = $1', [id]);
        }
    """, head="")
    assert [(q.driver, q.method, q.pool_shortcut) for q in lowered.queries] == [
        ("@neondatabase/serverless", "sql", True), ("@neondatabase/serverless", "query", True)]
    assert lowered.connects[0].api == "neon()" and lowered.connects[0].conninfo is not None
    assert lowered.connects[0].conninfo.from_env


# -- parameters, config object, submittables -------------------------------------------------

def test_params() -> None:
    got = queries("""
        async function f(a, b, rows) {
          const p = [a, b];
          const grown = [a];
          grown.push(b);
          await pool.query('SELECT $1, $2', [a, b]);
          await pool.query('SELECT $1, $2', p);
          await pool.query('SELECT $1, $2', grown);
          await pool.query('SELECT $1', [...rows]);
          await pool.query({ text: 'SELECT $1', values: [a] });
          await pool.query('SELECT 1');
        }
    """)
    got_params = [(q.params.kind, q.params.count) if q.params else None for q in got]
    assert got_params == [("sequence", 2), ("sequence", 2), ("unknown", None), ("sequence", None),
                          ("sequence", 1), None]
    assert [q.config_object for q in got] == [False] * 4 + [True, False]


def test_config_object_through_shorthand() -> None:
    q = one("""
        async function f(id) {
          const text = 'SELECT a FROM t WHERE id = $1';
          const values = [id];
          await pool.query({ text, values, name: 'by-id' });
        }
    """)
    assert q.config_object and q.sql is not None and q.sql.text == "SELECT a FROM t WHERE id = $1"
    assert q.params is not None and q.params.count == 1


def test_cursor_is_not_a_promise() -> None:
    q = one("""
        import Cursor from 'pg-cursor';
        async function f(client: PoolClient, id) {
          const cursor = client.query(new Cursor('SELECT a FROM t WHERE id = $1', [id]));
          return cursor;
        }
    """)
    assert not q.returns_promise and q.params is not None and q.params.count == 1


# -- handled ---------------------------------------------------------------------------------

def test_handled() -> None:
    got = queries("""
        function done(err, res) {}
        async function f(client: PoolClient) {
          await pool.query('SELECT 1');
          pool.query('SELECT 2');
          pool.query('SELECT 3').catch(console.error);
          const p = pool.query('SELECT 4');
          await p;
          const lost = pool.query('SELECT 5');
          await Promise.all([pool.query('SELECT 6'), client.query('SELECT 7')]);
          pool.query('SELECT 8', [], (err, res) => {});
          pool.query('SELECT 9', done);
          void pool.query('SELECT 10');
          return pool.query('SELECT 11');
        }
        const g = () => pool.query('SELECT 12');
        function sync() { pool.query('SELECT 13'); }
    """)
    assert [(q.handled, q.returns_promise) for q in got] == [
        ("awaited", True), ("floating", True), ("chained", True), ("stored", True), ("floating", True),
        ("passed", True), ("passed", True), ("callback", False), ("callback", False), ("passed", True),
        ("returned", True), ("returned", True), ("floating", True)]


def test_typescript_generic_call_under_await() -> None:
    q = one("async function f(client: PoolClient) { const r = await client.query<{ id: number }>('SELECT 1 AS id'); }")
    assert q.handled == "awaited" and q.receiver == "pool-client" and not q.pool_shortcut


# -- loops -------------------------------------------------------------------------------------

def test_loops() -> None:
    got = queries("""
        async function f(users, ids) {
          for (const u of users) await pool.query('INSERT INTO t VALUES ($1)', [u]);
          for (let i = 0; i < ids.length; i++) { await pool.query('DELETE FROM t WHERE id = $1', [ids[i]]); }
          users.forEach(async (u) => { await pool.query('UPDATE t SET a = 1 WHERE id = $1', [u]); });
          await Promise.all(users.map((u) => pool.query('INSERT INTO t VALUES ($1)', [u])));
          while (users.length) { await pool.query('INSERT INTO t VALUES ($1)', [users.pop()]); }
          for (const k in ids) await pool.query('INSERT INTO t VALUES ($1)', [k]);
          await pool.query('INSERT INTO t SELECT unnest($1::int[])', [ids]);
          const pending = users.map((u) => pool.query('INSERT INTO t VALUES ($1)', [u]));
          await ids.reduce((p, id) => p.then(() => pool.query('DELETE FROM t WHERE id = $1', [id])), Promise.resolve());
          ids.reduce((acc, id) => { pool.query('DELETE FROM t WHERE id = $1', [id]); return acc; }, 0);
        }
    """)
    # a map handed to Promise.all is a concurrent fan-out; one whose promises are kept is a loop; a
    # reduce that chains on its accumulator is sequential, one that does not is no loop
    assert [q.loop_kind for q in got] == ["for-of", "for", "forEach", "fan-out", "while", "for-in", "", "map",
                                          "reduce", ""]


def test_pagination_and_retry_loops() -> None:
    got = queries("""
        async function f() {
          let last = 0;
          for (;;) {
            const { rows } = await pool.query('SELECT id FROM t WHERE id > $1 ORDER BY id LIMIT 100', [last]);
            if (rows.length === 0) break;
            last = rows[rows.length - 1].id;
          }
          let deleted;
          do {
            const res = await pool.query('DELETE FROM t WHERE id IN (SELECT id FROM t LIMIT 1000)');
            deleted = res.rowCount;
          } while (deleted > 0);
          for (let attempt = 0; attempt < 3; attempt++) {
            try {
              await pool.query('INSERT INTO t VALUES (1)');
              return;
            } catch (e) {}
          }
        }
    """)
    assert [(q.loop_kind, q.loop_paginates) for q in got] == [("for", True), ("do", True), ("", False)]


def test_query_in_a_callback_defined_in_a_loop_is_not_in_the_loop() -> None:
    q = one("""
        function f(items) {
          for (const i of items) setTimeout(() => pool.query('INSERT INTO t VALUES (1)').catch(() => {}), 10);
        }
    """)
    assert q.loop is None


# -- connect sites ------------------------------------------------------------------------------

def options(site: ConnectSite) -> dict[str, object]:
    return {k: (v.value if v.constant else ("env" if v.from_env else "?")) for k, v in site.options}


def test_connect_options() -> None:
    lowered = lower("""
        import pg from 'pg';
        const base = { host: 'db', ssl: { rejectUnauthorized: false } };
        const PASSWORD = 's3cret';
        export const a = new pg.Pool({ ...base, password: PASSWORD, port: 5432 });
        export const b = new pg.Client('postgres://app:pw@db/app?sslmode=disable');
        export const c = new Pool({ connectionString: process.env.DATABASE_URL, ssl: false,
                                    password: process.env.PGPASSWORD || 'devpass' });
    """, head="import { Pool } from 'pg';\n")
    a, b, c = lowered.connects
    assert options(a) == {"host": "db", "ssl.rejectUnauthorized": False, "password": "s3cret", "port": 5432}
    assert b.conninfo is not None and b.conninfo.value == "postgres://app:pw@db/app?sslmode=disable"
    assert b.api == "new pg.Client()"
    assert c.conninfo is not None and c.conninfo.from_env and not c.conninfo.constant
    pw = dict(c.options)["password"]
    assert pw.from_env and pw.constant and pw.value == "devpass"  # env with a literal fallback


def test_sites_are_recorded_once_despite_inlining_and_finally_copies() -> None:
    got = queries("""
        async function f() {
          const client = await pool.connect();
          const run = async () => { await client.query('SELECT 1'); };
          try {
            await run();
          } finally {
            await client.query('SELECT 2');
            client.release();
          }
        }
    """)
    assert sorted((q.sql.text if q.sql else None) for q in got) == ["SELECT 1", "SELECT 2"]


def test_holes_carry_spans() -> None:
    q = one("""
        async function f(id) {
          await pool.query('SELECT a FROM t WHERE id = ' + id);
        }
    """)
    hole = q.sql.holes[0] if q.sql else None
    assert isinstance(hole, Hole) and hole.span is not None and hole.span.line == 5


def test_compiled_commonjs_escaping_import() -> None:
    q = one("""
        const pg_1 = require("pg");
        const pg_format_1 = __importDefault(require("pg-format"));
        async function listen(channel) {
          const client = new pg_1.Client();
          await client.connect();
          await client.query("LISTEN " + pg_format_1.default.ident(channel));
        }
    """, head="", path="/p/mod.js")
    assert q.sql is not None and not q.sql.unsafe_holes and q.receiver == "connection"


# -- how the rows of a query are read (PG402) ------------------------------------------------------

def row_use(src: str) -> tuple[str, tuple[str, ...], str]:
    q = one(src)
    assert q.row_use is not None
    return q.row_use.kind, q.row_use.columns, q.row_use.how


@pytest.mark.parametrize("src,how", [
    ("""
     export async function job(id: number) {
       const { rows } = await pool.query('SELECT * FROM jobs WHERE id = $1', [id]);
       return rows.length ? new Job(rows[0]) : null;
     }
     """, "new Job(…)"),
    ("""
     export async function jobs() {
       const res = await pool.query('SELECT * FROM jobs');
       return res.rows.map((r) => Job.fromRow(r));
     }
     """, "Job.fromRow(…)"),
    ("""
     export async function list(req: any, res: any) {
       const { rows } = await pool.query('SELECT * FROM jobs');
       res.json(rows);
     }
     """, "res.json(…)"),
    ("""
     export async function dump() {
       const { rows: [row] } = await pool.query('SELECT * FROM settings LIMIT 1');
       return Object.entries(row).map(([k, v]) => `${k}=${v}`);
     }
     """, "Object.entries(row)"),
])
def test_row_use_whole_rows(src: str, how: str) -> None:
    assert row_use(src) == ("whole", (), how)


def test_row_use_probe_and_columns() -> None:
    assert row_use("""
        export async function banned(id: number) {
          const res = await pool.query('SELECT * FROM bans WHERE user_id = $1 LIMIT 1', [id]);
          return res.rowCount > 0;
        }
        """)[0] == "probe"
    assert row_use("""
        export async function names() {
          const { rows } = await pool.query('SELECT * FROM users');
          return rows.map((u) => `${u.name} <${u['email']}>`);
        }
        """)[:2] == ("columns", ("name", "email"))
    assert row_use("""
        export async function rename(id: number, changes: object) {
          const { rows: [old] } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
          const next = { ...old, ...changes };
          const { name, email } = next;
          return [id, name, email];
        }
        """)[:2] == ("columns", ("name", "email"))
    # a row passed to a function of the same file: that function's reads
    assert row_use("""
        function label(user: any) { return user.name; }
        export async function show(id: number) {
          const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
          for (const u of rows) console.log(label(u));
        }
        """)[:2] == ("columns", ("name",))


def test_row_use_unknown() -> None:
    for src in ("""
        export async function get(id: number) {
          const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
          return rows[0];
        }
        """, """
        export async function get(id: number) {
          const result = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
          const user = result.rows[0];
          return { user };
        }
        """, """
        export async function get() {
          await pool.query('SELECT * FROM users');
        }
        """):
        assert row_use(src)[0] == "unknown", src


def test_var_declared_in_nested_blocks_is_found_for_each_name() -> None:
    # the nested `var` declarations of a function are collected once and searched for every name
    q = one("""
        async function f(flag: boolean) {
          if (flag) { var table = 'users'; } else { var table = 'admins'; }
          for (;;) { var col = 'id'; break; }
          await pool.query('SELECT ' + col + ' FROM ' + table + ' WHERE x = ' + other);
        }
    """)
    assert holes(q) == [("col", True), ("table", True), ("other", False)]
