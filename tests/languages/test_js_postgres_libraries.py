"""postgres.js and pg-promise query/connect sites (issue 15): what the SQL rules read off them.

The rule-level behaviour is in the fixtures (``tests/rules/*/postgres_js.*``, ``pg_promise.js``);
these cases pin the site records: ``sql(x)`` is a helper, not a query; a tagged template is a
parameterised query; pg-promise's ``:raw`` / ``:value`` placeholders become holes of the values
passed; ``postgres(url, options)`` reads the options after the URL.
"""

from __future__ import annotations

import textwrap

from pglint.drivers import builtin_models, default_registry
from pglint.drivers.coverage import libraries_for
from pglint.ir.query import ConnectSite, QuerySite
from pglint.languages.base import LoweredFile, ProjectIndex
from pglint.languages.javascript.adapter import JavaScriptAdapter

POSTGRES = "import postgres from 'postgres';\nconst sql = postgres(process.env.URL);\n"
PGP = "const pgp = require('pg-promise')();\nconst db = pgp(process.env.URL);\n"


def lower(src: str, head: str) -> LoweredFile:
    adapter = JavaScriptAdapter()
    registry = default_registry()
    project = ProjectIndex({"javascript": adapter})
    parsed = adapter.parse("/p/mod.js", (head + textwrap.dedent(src)).encode())
    project.add(adapter.index(parsed, registry))
    return adapter.lower(parsed, project, registry)


def queries(src: str, head: str) -> list[QuerySite]:
    return lower(src, head).queries


def connects(src: str, head: str) -> list[ConnectSite]:
    return lower(src, head).connects


def test_postgres_js_identifier_helper_is_not_a_query() -> None:
    found = queries("""
        async function f(table, name) {
          return sql`SELECT id FROM ${sql(table)} WHERE name = ${name}`;
        }
    """, POSTGRES)
    assert [(q.driver, q.method, q.sql.form if q.sql else None) for q in found] == [("postgres", "sql", "tagged")]


def test_postgres_js_unsafe_is_a_query_with_its_text() -> None:
    (q,) = queries("""
        async function f(name) {
          return sql.unsafe('SELECT id FROM users WHERE name = ' + name);
        }
    """, POSTGRES)
    assert q.method == "unsafe" and q.sql is not None and q.sql.form == "concat"
    assert [h.source for h in q.sql.unsafe_holes] == ["name"]


def test_postgres_js_options_after_the_url_are_read() -> None:
    (site,) = connects("const other = postgres(process.env.URL, { ssl: 'require', max: 4 });\n", "import postgres from 'postgres';\n")
    assert dict(site.options)["ssl"].value == "require"


def test_pg_promise_raw_placeholder_becomes_a_hole_of_its_value() -> None:
    (q,) = queries("""
        async function f(req) {
          return db.any('SELECT id FROM users ORDER BY $1:raw, $2', [req.query.sort, 5]);
        }
    """, PGP)
    assert q.sql is not None and q.sql.form == "modifier"
    assert [(h.source, h.constant) for h in q.sql.holes] == [("req.query.sort", False)]
    assert "$2" in "".join(p for p in q.sql.parts if isinstance(p, str))


def test_pg_promise_open_value_inside_quotes_is_constant() -> None:
    (q,) = queries("""
        async function f(term) {
          return db.any("SELECT id FROM users WHERE name LIKE '%$1:value%'", [term]);
        }
    """, PGP)
    assert q.sql is not None and not q.sql.unsafe_holes


def test_pg_promise_plain_placeholders_keep_the_text() -> None:
    (q,) = queries("""
        async function f(id) {
          return db.one('SELECT name FROM users WHERE id = $1', [id]);
        }
    """, PGP)
    assert q.sql is not None and q.sql.form == "literal" and q.sql.text == "SELECT name FROM users WHERE id = $1"


def test_pg_promise_connection_object_is_read() -> None:
    (site,) = connects("const db = pgp({ host: 'db', password: 'x' });\n", "const pgp = require('pg-promise')();\n")
    assert site.driver == "pg-promise" and "password" in dict(site.options)


def test_rule_pages_list_the_new_libraries_where_they_take_part() -> None:
    models = builtin_models()
    assert {"postgres", "pg-promise"} <= set(libraries_for("PG101", models))
    assert "postgres" in libraries_for("PG103", models)
    assert "pg-promise" not in libraries_for("PG103", models)  # no connection of its own to close
    assert libraries_for("PG001", models) == []


def test_pg_promise_init_options_are_not_connection_settings() -> None:
    assert connects("const pgp = require('pg-promise')({ schema: 'app', capSQL: true });\n", "") == []
