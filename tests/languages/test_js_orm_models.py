"""The JS/TS ORM and query-builder models (issue 15): what the cheap pass and the binding see."""

from __future__ import annotations

import textwrap

from pglint.drivers import default_registry
from pglint.drivers.model import Value
from pglint.languages.base import ModuleIndex
from pglint.languages.javascript.adapter import JavaScriptAdapter
from pglint.languages.javascript.parsing import parse_source
from pglint.languages.javascript.symbols import collect_module


def index(src: str, path: str = "/proj/src/driver/PostgresDriver.ts") -> ModuleIndex:
    adapter = JavaScriptAdapter()
    return adapter.index(adapter.parse(path, textwrap.dedent(src).encode()), default_registry())


def bindings(src: str, path: str = "/proj/app/db.ts") -> dict[str, object]:
    parsed = parse_source(path, textwrap.dedent(src).encode())
    return dict(collect_module(parsed, default_registry()).bindings)


def test_static_loader_method_of_a_driver_module_is_an_import() -> None:
    # TypeORM loads pg through PlatformTools.load("pg"): the file gate must read such a file
    idx = index("""
        import { PlatformTools } from "../../platform/PlatformTools"
        export class PostgresDriver {
            loadDependencies(): void {
                this.postgres = PlatformTools.load("pg")
            }
        }
    """)
    assert idx.imports_driver
    assert ("", "pg") in {(r.local, r.module) for r in idx.imports}


def test_static_loader_method_of_another_module_is_not_an_import() -> None:
    idx = index("""
        import { PlatformTools } from "../../platform/PlatformTools"
        export function chalk() { return PlatformTools.load("chalk") }
    """)
    assert not idx.imports_driver
    assert "chalk" not in {r.module for r in idx.imports}


def test_orm_handles_bind_to_their_models() -> None:
    got = bindings("""
        import { DataSource } from 'typeorm';
        import { PrismaClient, Prisma } from '@prisma/client';
        import { Sequelize } from 'sequelize';
        import { sql } from 'kysely';
        const knex = require('knex')({ client: 'pg' });
        export const ds = new DataSource({ type: 'postgres' });
        export const prisma = new PrismaClient();
        export const sequelize = new Sequelize(process.env.DATABASE_URL);
    """)
    assert got["ds"] == Value("typeorm", "data-source")
    assert got["prisma"] == Value("prisma", "client")
    assert got["Prisma"] == Value("prisma", "namespace")
    assert got["sequelize"] == Value("sequelize", "sequelize")
    assert got["sql"] == Value("kysely", "sql-tag")
    assert got["knex"] == Value("knex", "knex")


def test_knex_builder_chain_keeps_its_kind() -> None:
    got = bindings("""
        import knex from 'knex';
        const db = knex({ client: 'pg' });
        export const users = db('users').where('active', true);
        export const picked = db.select('id').from('users');
    """)
    assert got["users"] == Value("knex", "builder")
    assert got["picked"] == Value("knex", "builder")


def test_orm_import_gate_counts_only_the_models_own_names() -> None:
    # an entity file imports TypeORM's decorators: nothing pglint models, so it does not make the
    # file (nor, transitively, every file importing the entity) reach PostgreSQL
    entity = index("""
        import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';
        @Entity()
        export class User { @PrimaryGeneratedColumn() id: number; @Column() name: string; }
    """, "/proj/src/user.entity.ts")
    assert not entity.imports_driver
    source = index("""
        import { DataSource } from 'typeorm';
        export const AppDataSource = new DataSource({ type: 'postgres' });
    """, "/proj/src/data-source.ts")
    assert source.imports_driver


def test_injected_repository_counts_only_where_query_is_called() -> None:
    service = "import { Repository } from 'typeorm';\nexport class Users { constructor(private repo: Repository<User>) {} %s }\n"
    assert not index(service % "all() { return this.repo.find(); }", "/proj/src/users.ts").imports_driver
    assert index(service % "raw(s) { return this.repo.query(s); }", "/proj/src/users.ts").imports_driver


def test_sequelize_class_imported_for_its_static_helpers_does_not_count() -> None:
    helpers = "import { Sequelize } from 'sequelize';\nexport const newest = () => Sequelize.literal('now()');\n"
    assert not index(helpers, "/proj/src/order.ts").imports_driver
    made = "import { Sequelize } from 'sequelize';\nexport const sequelize = new Sequelize(process.env.DATABASE_URL);\n"
    assert index(made, "/proj/src/db.ts").imports_driver


def test_sql_tag_and_prisma_namespace_count_only_where_raw_is_written() -> None:
    assert not index("import { sql } from 'kysely';\nexport const q = (id: string) => sql`SELECT ${id}`;\n",
                     "/proj/src/q.ts").imports_driver
    assert index("import { sql } from 'drizzle-orm';\nexport const q = (c: string) => sql.raw(c);\n",
                 "/proj/src/q.ts").imports_driver
    assert not index("import { Prisma } from '@prisma/client';\nexport type W = Prisma.UserWhereInput;\n",
                     "/proj/src/w.ts").imports_driver
