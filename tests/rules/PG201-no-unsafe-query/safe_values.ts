// PG201 no-unsafe-query — where a hole sits and where its value comes from (issue 11, causes 4 and 5).
import { randomUUID } from "node:crypto";
import pg from "pg";

const tables = ["session"];

export class Store {
  constructor(private pool: pg.Pool, private schema: string) {}

  count() {
    // ok: no-unsafe-query -- the object's own configuration, in a schema-name position
    return this.pool.query(`select count(*) from ${this.schema}.jobs`);
  }

  byName(name: string) {
    // ruleid: no-unsafe-query -- a parameter in a value position
    return this.pool.query(`select id from ${this.schema}.jobs where name = '${name}'`);
  }
}

export async function demo(pool: pg.Pool, client: pg.PoolClient, timeoutMs: number, txLevel: number) {
  // ok: no-unsafe-query -- a parameter typed number
  await client.query(`SET LOCAL statement_timeout = ${timeoutMs}`);
  // ok: no-unsafe-query -- a savepoint name from a number and a constant
  await client.query(`savepoint tx${txLevel === 0 ? "" : txLevel}`);
  // ok: no-unsafe-query -- an element of a constant array, in a table-name position
  await Promise.all(tables.map((t) => pool.query("DROP TABLE IF EXISTS " + t)));
  const name = `apptest_${randomUUID().replace(/-/g, "")}`;
  // ok: no-unsafe-query -- a generated name in a database-name position
  await pool.query(`CREATE DATABASE ${name}`);
  // ok: no-unsafe-query -- the environment is configuration
  await pool.query(`CREATE DATABASE copy TEMPLATE ${process.env.TEST_DB_TEMPLATE}`);
}

export async function createIndex(pool: pg.Pool, config: { dimensions: number }) {
  // ok: no-unsafe-query -- a type modifier is part of the type's name
  await pool.query(`CREATE INDEX ON items USING hnsw ((embedding::vector(${config.dimensions})) vector_l2_ops)`);
}

export async function handler(pool: pg.Pool, req: { query: { sort: string; name: string } }) {
  // ruleid: no-unsafe-query -- request data, even in a name position
  await pool.query(`SELECT id FROM users ORDER BY ${req.query.sort}`);
  const where = `name = '${req.query.name}'`;
  // ruleid: no-unsafe-query -- reported at each query, not once per query at the declaration
  await pool.query(`SELECT id FROM a WHERE ${where}`);
  // ruleid: no-unsafe-query
  await pool.query(`SELECT id FROM b WHERE ${where}`);
}

// -- fixed choices (issue 11) ---------------------------------------------------------------------

export async function setMaxAge(pool: pg.Pool, units: 'days' | 'weeks', id: number): Promise<void> {
  // ok: no-unsafe-query -- a parameter typed as literal types is one of fixed constants
  await pool.query(`UPDATE board SET max_age = '1 ${units}'::interval WHERE id = $1`, [id]);
}

export async function setAnyAge(pool: pg.Pool, units: string, id: number): Promise<void> {
  // ruleid: no-unsafe-query -- typed string: any text
  await pool.query(`UPDATE board SET max_age = '1 ${units}'::interval WHERE id = $1`, [id]);
}
