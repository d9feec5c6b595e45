"""Driver model for Django's database layer (``django.db``).

Django owns its connections: ``django.db.connection`` (a proxy for
``connections["default"]``) and ``connections[alias]`` are per-thread wrappers
that Django opens on first use and closes at the end of each request
(``close_old_connections`` on ``request_finished``), so neither a connection nor
a cursor left unclosed is a leak pglint reports. What is checked is the SQL:
``connection.cursor()`` returns a ``CursorWrapper`` whose ``execute(sql,
params=None)`` / ``executemany(sql, param_list)`` hand the text and parameters
to the backend driver (``%s`` / ``%(name)s`` placeholders; without parameters
the text is sent as it is), ``Model.objects.raw(sql, params)`` and
``RawSQL(sql, params)`` take SQL text and parameters the same way, and
``QuerySet.extra(where=[…], select={…})`` takes SQL fragments
(``docs/drivers.md`` § Django cites the source).
"""

from __future__ import annotations

from .model import DriverModel, KindInfo, ManagerQuery, Method, QueryFunction

#: attributes of a model class that hold a manager (``Book.objects.raw(…)``)
MANAGERS = ("objects", "_default_manager", "_base_manager")

DJANGO = DriverModel(
    name="django",
    language="python",
    # only the names that reach SQL: `from django.db import models` is not a driver import
    modules=("django.db.connection", "django.db.connections", "django.db.models.expressions.RawSQL"),
    kinds={
        # managed by Django: neither is a resource the program must give back
        "connection": KindInfo("other", "connection", "nothing (Django closes it)"),
        "cursor": KindInfo("other", "cursor", "cursor.close()"),
    },
    values={"django.db.connection": "connection", "django.db.connections[]": "connection"},
    methods=(
        Method("connection", "cursor", "use", produces="cursor", may_raise=False),
        Method("connection", "chunked_cursor", "use", produces="cursor", may_raise=False),
        Method("cursor", "execute", "query"),
        Method("cursor", "executemany", "query", params="many"),
    ),
    query_functions=(
        # RawSQL(sql, params, output_field=None): an expression whose SQL is spliced into the query
        QueryFunction("django.db.models.expressions.RawSQL", receiver_arg=0, sql_arg=0, params="single"),
    ),
    manager_queries=(
        ManagerQuery("raw", through=MANAGERS),
        ManagerQuery("extra", through=MANAGERS, fragments=("where", "select"), sql_arg=None),
    ),
    import_roots=("django",),
    settings=("DATABASES",),
    placeholder_style="pyformat",
    fallback=False,
    pool_resets_transaction=True,
    double_release_raises=False,
    docs="Django: connections and cursors are managed by Django; cursor.execute, raw(), RawSQL, extra() take SQL",
)

MODELS = (DJANGO,)
