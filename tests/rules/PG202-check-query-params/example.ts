// PG202 check-query-params — $n placeholders against the values passed (TypeScript).
import { Pool, PoolClient, QueryConfig } from 'pg';
import { neon } from '@neondatabase/serverless';

const pool: Pool = new Pool();
const http = neon(process.env.DATABASE_URL!);
const COLUMNS = 'id, name';
const BY_NAME: string = 'SELECT id FROM users WHERE name = $1 AND org = $2';

type Id = number;

export async function wrong(id: Id, name: string, org: string, a: number, b: number, c: number,
                            d: number, e: number, f: number, g: number, h: number, i: number): Promise<void> {
  // ruleid: check-query-params
  await pool.query('UPDATE users SET name = $2 WHERE id = $1', [name]);
  // ruleid: check-query-params -- $2 is never used
  await pool.query('SELECT id FROM users WHERE id = $1 OR id = $3', [a, b, c]);
  // ruleid: check-query-params -- placeholders but no values
  await pool.query('SELECT id FROM users WHERE id = $1');
  // ruleid: check-query-params -- psycopg style under node-postgres
  await pool.query('SELECT id FROM users WHERE id = %s', [id]);
  // ruleid: check-query-params -- two-digit index, nine values
  await pool.query('INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [a, b, c, d, e, f, g, h, i]);
  // ruleid: check-query-params
  await pool.query({ text: 'SELECT id FROM users WHERE id = $1 AND org = $2', values: [id] });
  // ruleid: check-query-params -- a repeated index still needs $2's value
  await pool.query('SELECT $1, $1, $2', [a]);
  // ruleid: check-query-params -- more values than placeholders
  await pool.query('SELECT id FROM users WHERE id = $1', [id, name]);
  // ruleid: check-query-params -- a constant template literal
  await pool.query(`SELECT ${COLUMNS} FROM users WHERE id = $1`);
  // ruleid: check-query-params
  await http.query(BY_NAME, [name]);
}

async function throughVariables(id: Id, name: string): Promise<void> {
  const params: unknown[] = [id];
  // ruleid: check-query-params
  await pool.query(BY_NAME, params);
  const text = 'SELECT id FROM users WHERE id = $1';
  const values = [id, name];
  // ruleid: check-query-params
  await pool.query({ text, values } as QueryConfig);
}

async function right(id: Id, name: string, org: string, a: number, b: number, c: number, d: number,
                     e: number, f: number, g: number, h: number, i: number, j: number,
                     filters: { name?: string }): Promise<void> {
  // ok: check-query-params
  await pool.query('UPDATE users SET name = $2 WHERE id = $1', [id, name]);
  // ok: check-query-params -- $1 inside a string literal is text
  await pool.query("SELECT '$1' AS price");
  // ok: check-query-params -- $2 inside a comment
  await pool.query('SELECT id FROM users WHERE id = $1 -- and $2', [id]);
  // ok: check-query-params -- $1 inside a dollar-quoted body
  await pool.query('DO $$ BEGIN RAISE NOTICE $q$ $1 $q$; END $$');
  // ok: check-query-params -- a repeated index
  await pool.query('SELECT $1::int + $1::int', [a]);
  // ok: check-query-params
  await pool.query('INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [a, b, c, d, e, f, g, h, i, j]);
  // ok: check-query-params -- %s inside a LIKE pattern is text
  await pool.query("SELECT id FROM users WHERE name LIKE '%smith%'");
  // ok: check-query-params
  await pool.query({ text: BY_NAME, values: [name, org] });
  const params: string[] = [];
  let sql: string = 'SELECT id FROM users WHERE true';
  if (filters.name) {
    params.push(filters.name);
    sql += ` AND name = $${params.length}`;
  }
  // ok: check-query-params -- built dynamically: not counted
  await pool.query(sql, params);
  // ok: check-query-params -- tagged templates number their own holes
  await http`SELECT id FROM users WHERE id = ${id}`;
}

async function typedClient(client: PoolClient, id: Id): Promise<void> {
  // ruleid: check-query-params
  await client.query<{ id: Id }>('SELECT id FROM users WHERE id = $1 AND org = $2', [id]);
  // ok: check-query-params
  await client.query<{ id: Id }>('SELECT id FROM users WHERE id = $1', [id]);
}

export { throughVariables, right, typedClient };
