// PG301 — ORM connection options: TypeORM's and knex's `ssl` reach node-postgres as they are.
import { DataSource } from 'typeorm';
import knex from 'knex';

// ruleid: no-insecure-ssl
export const dataSource = new DataSource({ type: 'postgres', ssl: { rejectUnauthorized: false } });
// ok: no-insecure-ssl
export const verified = new DataSource({ type: 'postgres', ssl: { ca: process.env.DB_CA } });

// ruleid: no-insecure-ssl
export const db = knex({ client: 'pg', connection: { host: 'db', ssl: { rejectUnauthorized: false } } });
