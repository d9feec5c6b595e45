// PG402 no-select-all — SELECT * found by PostgreSQL's parser (TypeScript).
import { Pool, PoolClient, QueryResult } from 'pg';
import { sql } from '@vercel/postgres';

const pool: Pool = new Pool();
const ALL_USERS: string = 'SELECT * FROM users';
const TABLE = 'users' as const;

interface User {
  id: number;
  name: string;
}

export async function stars(id: number, text: string): Promise<void> {
  // ruleid: no-select-all
  await pool.query('SELECT * FROM users');
  // ruleid: no-select-all
  await pool.query('SELECT u.* FROM users u JOIN orgs o ON o.id = u.org_id');
  // ruleid: no-select-all -- in a subquery
  await pool.query('SELECT id FROM (SELECT * FROM users) s');
  // ruleid: no-select-all -- in a CTE
  await pool.query('WITH x AS (SELECT * FROM users) SELECT id FROM x');
  // ruleid: no-select-all
  await pool.query({ text: 'SELECT * FROM users WHERE id = $1', values: [id] });
  // ruleid: no-select-all
  await pool.query(ALL_USERS);
  // ruleid: no-select-all
  await pool.query(`SELECT * FROM ${TABLE}`);
  // ruleid: no-select-all
  await sql`SELECT * FROM users WHERE id = ${id}`;
  // ok: no-select-all -- EXISTS reads no column
  await pool.query('SELECT id FROM orgs WHERE EXISTS (SELECT * FROM users WHERE org_id = orgs.id)');
  // ruleid: no-select-all
  await pool.query('select * from users where id = ' + id);
}

async function noStars(id: number, text: string): Promise<void> {
  // ok: no-select-all
  await pool.query('SELECT count(*) FROM users');
  // ok: no-select-all
  await pool.query('INSERT INTO users (name) VALUES ($1) RETURNING *', ['x']);
  // ok: no-select-all -- a string
  await pool.query("SELECT '*' AS star FROM users");
  // ok: no-select-all -- a comment
  await pool.query('/* SELECT * FROM users */ SELECT id FROM users');
  // ok: no-select-all
  await pool.query('SELECT id, name FROM users');
  // ok: no-select-all -- unknown text
  await pool.query(text);
  // ok: no-select-all -- multiplication
  await pool.query('SELECT price * quantity AS total FROM items');
  // ok: no-select-all -- a row value passed to a function
  await pool.query('SELECT row_to_json(u.*) FROM users u WHERE id = $1', [id]);
}

async function typed(client: PoolClient): Promise<User[]> {
  // ruleid: no-select-all
  const res: QueryResult<User> = await client.query<User>('SELECT * FROM users');
  // ok: no-select-all
  const ok = await client.query<User>('SELECT id, name FROM users');
  return [...res.rows, ...ok.rows];
}

// The FROM item fixes the columns: a set-returning function, a subquery, VALUES, a CTE.
async function derivedColumns(client: PoolClient, username: string, password: string, ids: number[]) {
  // ok: no-select-all -- the function's result row
  await client.query('select * from app_private.login($1, $2)', [username, password]);
  // ok: no-select-all
  await client.query('SELECT DISTINCT * FROM unnest($1::int[])', [ids]);
  // ok: no-select-all -- the subquery lists its columns
  await client.query('SELECT *, t.ok + t.failed AS total FROM (SELECT command, count(*) AS ok, 0 AS failed FROM commands GROUP BY command) AS t');
  // ok: no-select-all -- the CTE lists its columns
  await client.query('WITH r AS (SELECT id, title FROM releases) SELECT r.* FROM r');
  // ok: no-select-all -- EXISTS reads no column
  await client.query('SELECT id FROM users u WHERE EXISTS (SELECT * FROM bans b WHERE b.user_id = u.id)');
  // ok: no-select-all -- a system catalog: its columns change with PostgreSQL, not with the application
  await client.query('SELECT * FROM pg_extension WHERE extname = $1', ['vector']);
  // ok: no-select-all
  await client.query('SELECT * FROM information_schema.columns WHERE table_name = $1', ['users']);
  // ruleid: no-select-all -- a table beside the function
  await client.query('SELECT * FROM users, unnest($1::int[]) AS i');
  // ruleid: no-select-all -- the star inside the CTE reads the table
  await client.query('WITH r AS (SELECT * FROM releases) SELECT id FROM r');
  // ruleid: no-select-all -- the qualified star names the table
  await client.query('SELECT u.* FROM users u JOIN unnest($1::int[]) AS i(id) ON u.id = i.id', [ids]);
}

// How the rows are read decides: every column wanted on purpose, or none read, is not reported.
interface JobRow {
  id: number;
  state: string;
}

class Job {
  constructor(readonly row: JobRow) {}

  static fromRow(row: JobRow): Job {
    return new Job(row);
  }
}

async function jobById(id: number): Promise<Job | null> {
  // ok: no-select-all -- the whole row is mapped into a model object
  const { rows } = await pool.query<JobRow>('SELECT * FROM jobs WHERE id = $1', [id]);
  return rows.length ? new Job(rows[0]) : null;
}

async function allJobs(): Promise<Job[]> {
  // ok: no-select-all -- each row built with a factory of the class
  const res: QueryResult<JobRow> = await pool.query('SELECT * FROM jobs');
  return res.rows.map((r) => Job.fromRow(r));
}

async function jobsAsJson(reply: { send(body: unknown): void }): Promise<void> {
  // ok: no-select-all -- the rows are the API's response
  const { rows } = await pool.query('SELECT * FROM jobs ORDER BY id DESC LIMIT 100');
  reply.send(rows);
}

async function isBanned(userId: number): Promise<boolean> {
  // ok: no-select-all -- only tested for existence
  const res = await pool.query('SELECT * FROM bans WHERE user_id = $1 LIMIT 1', [userId]);
  return res.rowCount !== 0;
}

async function getUser(id: number): Promise<User | undefined> {
  // ruleid: no-select-all -- returned as it is: nothing tells that every column is wanted
  const { rows } = await pool.query<User>('SELECT * FROM users WHERE id = $1', [id]);
  return rows[0];
}

async function userLabel(id: number): Promise<string> {
  // ruleid: no-select-all -- only name is read
  const { rows: [user] } = await pool.query<User>('SELECT * FROM users WHERE id = $1', [id]);
  return user.name;
}

async function ingest(items: object[]): Promise<void> {
  const client: PoolClient = await pool.connect();
  try {
    await client.query('CREATE TEMP TABLE items_ingest (LIKE items INCLUDING DEFAULTS) ON COMMIT DROP');
    await client.query('INSERT INTO items_ingest SELECT * FROM json_populate_recordset(NULL::items, $1)', [JSON.stringify(items)]);
    // ok: no-select-all -- the temporary table was made with the target's columns, by this code
    await client.query('INSERT INTO items SELECT * FROM items_ingest ON CONFLICT DO NOTHING');
    // ruleid: no-select-all -- an application table copied into another: they can diverge
    await client.query("INSERT INTO orders_archive SELECT * FROM orders WHERE placed < now() - interval '1 year'");
  } finally {
    client.release();
  }
}

export { noStars, typed, derivedColumns, jobById, allJobs, jobsAsJson, isBanned, getUser, userLabel, ingest };
