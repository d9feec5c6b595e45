// PG302 — ORM connection options: a TypeORM DataSource and a knex config hold the same
// settings as a node-postgres pool.
import { DataSource } from 'typeorm';
import knex from 'knex';

// ruleid: no-hardcoded-credentials
export const dataSource = new DataSource({ type: 'postgres', host: 'db', password: 'hunter2' });
// ruleid: no-hardcoded-credentials
export const byUrl = new DataSource({ type: 'postgres', url: 'postgres://app:hunter2@db.internal/app' });
// ok: no-hardcoded-credentials
export const fromEnv = new DataSource({ type: 'postgres', password: process.env.DB_PASSWORD });

// ruleid: no-hardcoded-credentials
export const db = knex({ client: 'pg', connection: { host: 'db', password: 'hunter2' } });
// ok: no-hardcoded-credentials
export const dbFromEnv = knex({ client: 'pg', connection: { host: 'db', password: process.env.DB_PASSWORD } });

// ok: no-hardcoded-credentials -- a MySQL DataSource is not a PostgreSQL connection
export const mysqlSource = new DataSource({ type: 'mysql', host: 'db', password: 'hunter2' });
// ok: no-hardcoded-credentials -- nor is a knex instance on SQLite
export const sqlite = knex({ client: 'sqlite3', connection: { filename: './dev.db', password: 'hunter2' } });
