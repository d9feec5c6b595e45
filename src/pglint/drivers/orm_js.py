"""Driver models for the JS/TS ORMs and query builders on top of ``pg``: TypeORM, knex, Prisma,
Sequelize, Kysely and Drizzle.

What each library checks out, gives back, manages for the caller and sends as raw SQL, with
the sources in ``docs/drivers.md``. In short:

- TypeORM: ``dataSource.createQueryRunner()`` holds a pooled ``pg`` client from its first
  ``connect()``/``query()`` until ``release()`` (PG101); ``release()`` a second time does nothing
  (no PG102); releasing does not end an open ``startTransaction()`` (PG104); ``query(text, params)``
  on a DataSource, a query runner, an EntityManager or a Repository sends ``text`` as written
  (PG201; PG202 only when the text uses ``$n``: the DataSource may be MySQL's ``?``);
  ``dataSource.transaction(cb)`` is managed.
- knex: ``knex.raw(text, bindings)`` and the ``…Raw`` builder methods send ``text`` with knex's own
  ``?``/``??`` bindings (PG201 on built text, PG202 not applicable); ``await knex.transaction()``
  without a callback holds a connection until ``commit()``/``rollback()`` (PG101);
  ``knex.transaction(cb)`` is managed.
- Prisma: ``$queryRawUnsafe``/``$executeRawUnsafe`` and ``Prisma.raw`` take SQL text (PG201);
  the tagged ``$queryRaw`` / ``Prisma.sql`` send their holes as parameters.
- Sequelize: ``sequelize.query(text, { replacements, bind })`` (PG201 on built text).
- Kysely and Drizzle: ``sql.raw(text)`` is SQL text spliced into the statement (PG201); the
  ``sql`…``` tag parameterises its holes.
"""

from __future__ import annotations

from .model import DriverModel, Factory, KindInfo, Method

#: ``query(text, params)`` of TypeORM: the DataSource's driver decides the placeholders
_TYPEORM_QUERY = dict(awaited=True, param_check="when-written")

TYPEORM = DriverModel(
    name="typeorm",
    language="javascript",
    selective_imports=True,
    modules=("typeorm",),
    kinds={
        # a DataSource is a pool: `query()` checks a query runner out for the call only
        "data-source": KindInfo("pool", "data source", "dataSource.destroy()"),
        # createQueryRunner() holds nothing until connect() (or startTransaction()) checks a client out
        "runner": KindInfo("unopened", "query runner", "queryRunner.release()"),
        "query-runner": KindInfo("pool-client", "query runner", "queryRunner.release()"),
        "manager": KindInfo("other", "entity manager", "", connection_options=False),
        "repository": KindInfo("other", "repository", "", connection_options=False),
    },
    factories=(
        Factory("typeorm.DataSource", "data-source"),
        Factory("typeorm.Connection", "data-source"),
        Factory("typeorm.createConnection", "data-source", awaited=True),
        Factory("typeorm.getConnection", "data-source"),
        Factory("typeorm.getManager", "manager"),
        Factory("typeorm.getRepository", "repository"),
    ),
    methods=(
        Method("data-source", "createQueryRunner", "use", produces="runner", may_raise=False),
        Method("data-source", "query", "query", **_TYPEORM_QUERY),  # type: ignore[arg-type]
        Method("data-source", "transaction", "use", awaited=True, callback=True, produces="manager"),
        Method("data-source", "initialize", "use", awaited=True),
        Method("data-source", "destroy", "use", awaited=True),
        Method("runner", "connect", "acquire", produces="query-runner", awaited=True,
               acquire_target="receiver"),
        Method("runner", "startTransaction", "acquire", produces="query-runner", awaited=True,
               acquire_target="receiver"),
        # an unconnected runner's query() connects too; read as a query only (see docs/drivers.md)
        Method("runner", "query", "query", **_TYPEORM_QUERY),  # type: ignore[arg-type]
        Method("runner", "release", "use", awaited=True),
        # connect() again is a no-op; startTransaction() before `try` is the documented
        # idiom (its failure after the checkout is not reported: see docs/drivers.md)
        Method("query-runner", "connect", "use", awaited=True, may_raise=False),
        Method("query-runner", "query", "query", **_TYPEORM_QUERY),  # type: ignore[arg-type]
        Method("query-runner", "release", "release", awaited=True),
        Method("query-runner", "startTransaction", "begin", awaited=True, may_raise=False),
        Method("query-runner", "commitTransaction", "commit", awaited=True),
        Method("query-runner", "rollbackTransaction", "rollback", awaited=True),
        Method("manager", "query", "query", **_TYPEORM_QUERY),  # type: ignore[arg-type]
        Method("manager", "transaction", "use", awaited=True, callback=True, produces="manager"),
        Method("repository", "query", "query", **_TYPEORM_QUERY),  # type: ignore[arg-type]
    ),
    types={
        "typeorm.DataSource": "data-source",
        "typeorm.Connection": "data-source",
        "typeorm.QueryRunner": "query-runner",  # a runner passed in is the caller's, connected
        "typeorm.EntityManager": "manager",
        "typeorm.Repository": "repository",
    },
    import_needs={"Repository": (b".query(",), "EntityManager": (b".query(",)},
    pool_resets_transaction=False,  # release() gives the pg client back as it is
    double_release_raises=False,  # release() of a released runner returns at once
    docs="TypeORM PostgresQueryRunner: release() is idempotent and does not roll back",
    safe_forms={"pool-client": "use dataSource.transaction(async manager => …) or dataSource.query()"},
)

#: knex ``…Raw`` builder methods: the first argument is SQL text, bindings are knex's ``?``/``??``
_KNEX_RAW = ("whereRaw", "orWhereRaw", "andWhereRaw", "whereNotRaw", "havingRaw", "orHavingRaw",
             "orderByRaw", "groupByRaw", "joinRaw", "fromRaw", "onRaw", "selectRaw")
#: methods of a knex instance (or transaction) that start a query builder
_KNEX_STARTS = ("select", "from", "table", "into", "queryBuilder", "insert", "update", "del", "delete",
                "where", "with", "withRecursive", "column", "columns", "distinct", "count", "first",
                "withSchema", "union", "unionAll")


def _knex_methods(kind: str) -> tuple[Method, ...]:
    return (
        Method(kind, "raw", "query", params="none", param_check="none", produces="builder", fragment=True),
        Method(kind, "__call__", "use", produces="builder"),
        *(Method(kind, m, "use", produces="builder") for m in _KNEX_STARTS),
    )


KNEX = DriverModel(
    name="knex",
    language="javascript",
    selective_imports=True,
    modules=("knex",),
    kinds={
        "knex": KindInfo("other", "knex instance", "knex.destroy()"),
        # `await knex.transaction()` (no callback) holds its connection until commit/rollback
        "transaction": KindInfo("pool-client", "transaction", "trx.commit() / trx.rollback()"),
        "builder": KindInfo("other", "query builder", "", chainable=True, connection_options=False),
        # the `trx` a managed `knex.transaction(async trx => …)` hands its callback
        "managed-transaction": KindInfo("other", "transaction", "", connection_options=False),
    },
    factories=(
        Factory("knex", "knex"),
        Factory("knex.default", "knex"),
        Factory("knex.knex", "knex"),
    ),
    methods=(
        *_knex_methods("knex"),
        *_knex_methods("transaction"),
        *_knex_methods("managed-transaction"),
        Method("knex", "transaction", "acquire", produces="transaction", awaited=True,
               managed="managed-transaction"),
        Method("knex", "destroy", "use", awaited=True),
        Method("transaction", "commit", "release", awaited=True),
        Method("transaction", "rollback", "release", awaited=True),
        *(Method("builder", m, "query", params="none", param_check="none", produces="builder", fragment=True)
          for m in _KNEX_RAW),
    ),
    types={"knex.Knex": "knex", "knex.Knex.Transaction": "transaction"},
    # the `Knex` type is on every injected store: it matters where raw SQL or a transaction is written
    import_needs={"Knex": (b"raw(", b"Raw(", b".transaction(")},
    pool_resets_transaction=True,  # commit/rollback are the release
    double_release_raises=False,
    docs="knex: raw()/…Raw() take SQL text with ? bindings; transaction() without a handler holds a connection",
)

PRISMA = DriverModel(
    name="prisma",
    language="javascript",
    selective_imports=True,
    modules=("@prisma/client",),
    kinds={
        # the connection URL lives in schema.prisma / the environment, not in the constructor
        "client": KindInfo("other", "Prisma client", "prisma.$disconnect()", connection_options=False),
        "namespace": KindInfo("other", "Prisma namespace", "", connection_options=False),
    },
    factories=(Factory("@prisma/client.PrismaClient", "client"),),
    methods=(
        # PrismaPromise is lazy (runs when awaited or handed to $transaction): not awaited=True
        Method("client", "$queryRawUnsafe", "query", params="varargs", param_check="none"),
        Method("client", "$executeRawUnsafe", "query", params="varargs", param_check="none"),
        Method("client", "$transaction", "use", awaited=True, callback=True),
        Method("namespace", "raw", "query", params="none", param_check="none", fragment=True),
    ),
    values={"@prisma/client.Prisma": "namespace"},
    # the `Prisma` namespace is imported for its types and errors everywhere: it matters for Prisma.raw
    import_needs={"Prisma": (b"Prisma.raw",)},
    types={"@prisma/client.PrismaClient": "client"},
    docs="Prisma: $queryRawUnsafe/$executeRawUnsafe/Prisma.raw take SQL text; $queryRaw`…` is parameterised",
)


def _sequelize(name: str, module: str) -> DriverModel:
    return DriverModel(
        name=name,
        language="javascript",
        selective_imports=True,
        modules=(module,),
        # options: dialect-neutral (database, username, password, { dialect, … }): not read
        kinds={"sequelize": KindInfo("other", "Sequelize instance", "sequelize.close()",
                                     connection_options=False)},
        factories=(Factory(module, "sequelize"), Factory(f"{module}.default", "sequelize"),
                   Factory(f"{module}.Sequelize", "sequelize")),
        methods=(
            # query(text, { replacements, bind, type }): the second argument is options
            Method("sequelize", "query", "query", awaited=True, params="none", param_check="none"),
            Method("sequelize", "queryRaw", "query", awaited=True, params="none", param_check="none"),  # v7
            Method("sequelize", "transaction", "use", awaited=True, callback=True),
        ),
        types={f"{module}.Sequelize": "sequelize"},
        # the class is imported for its static helpers too (`Sequelize.literal`, `Sequelize.fn`):
        # it matters where an instance is made or queried
        import_needs={"Sequelize": (b"new Sequelize", b".query", b": Sequelize")},
        docs="Sequelize: query(text, options) sends text; replacements/bind are its parameters",
    )


SEQUELIZE = _sequelize("sequelize", "sequelize")
SEQUELIZE_CORE = _sequelize("@sequelize/core", "@sequelize/core")
SEQUELIZE_TYPESCRIPT = _sequelize("sequelize-typescript", "sequelize-typescript")  # its Sequelize subclasses v6's


def _sql_tag(name: str, module: str, what: str) -> DriverModel:
    """``sql`` of Kysely / Drizzle: the tag parameterises its holes, ``sql.raw(text)`` splices text in."""
    return DriverModel(
        name=name,
        language="javascript",
        selective_imports=True,
        modules=(module,),
        kinds={"sql-tag": KindInfo("other", "sql tag", "", connection_options=False)},
        methods=(Method("sql-tag", "raw", "query", params="none", param_check="none", fragment=True),),
        values={f"{module}.sql": "sql-tag"},
        import_needs={"sql": (b"sql.raw",)},  # the tag itself is safe: only sql.raw(…) is modelled
        docs=f"{what}: sql.raw(text) is spliced into the statement unescaped",
    )


KYSELY = _sql_tag("kysely", "kysely", "Kysely")
DRIZZLE = _sql_tag("drizzle-orm", "drizzle-orm", "Drizzle")

MODELS = (TYPEORM, KNEX, PRISMA, SEQUELIZE, SEQUELIZE_CORE, SEQUELIZE_TYPESCRIPT, KYSELY, DRIZZLE)
