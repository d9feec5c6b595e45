// PG402 — ORMs: a whole statement sent through an ORM's raw-SQL method is checked like a driver
// query; a fragment (Drizzle/Kysely sql.raw(), knex raw()) is part of a statement built elsewhere,
// whose rows pglint does not see.
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { DataSource } from 'typeorm';

const db = drizzle(process.env.DATABASE_URL as string);
const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });

export async function names() {
  // ruleid: no-select-all
  const rows = await dataSource.query('SELECT * FROM users');
  return rows.map((r: { name: string }) => r.name);
}

export async function compare(expected: string, actual: string) {
  // ok: no-select-all -- a fragment: the rows are db.execute()'s, which pglint does not follow
  return db.execute(sql.raw(`SELECT * FROM ${expected} EXCEPT SELECT * FROM ${actual}`));
}
