"""PG203 no-unsafe-search-path — a module handed its cursor (no driver imported)."""


def use_schema(cur, schema):
    # ruleid: no-unsafe-search-path
    cur.execute("SET search_path TO " + schema)


def use_schema_config(cur, schema):
    # ruleid: no-unsafe-search-path
    cur.execute("SELECT set_config('search_path', %s, false)", (schema,))


def fixed_schema(cur):
    # ok: no-unsafe-search-path
    cur.execute("SET search_path TO app, public")


def not_sql(console, schema):
    # ok: no-unsafe-search-path -- not a statement PostgreSQL reads
    console.execute("set path " + schema + " --force")
